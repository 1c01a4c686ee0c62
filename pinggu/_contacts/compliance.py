"""Compliance: every client judged over every month and quarter against its grade's schedule.

There is ONE implementation of the rules (docs/contacts.md): `follow_up_tables`, one DuckDB query
over Arrow tables, which scales from one station to the whole city (every client × month of
176 stations in one call). `follow_up` converts one station's `ContactData` to Arrow, calls it and
rolls the client rows up into counts per 片区, grade and period, never averaging percentages.
DuckDB and pyarrow are imported inside the functions: `import pinggu` and `pinggu evaluate` on a
workbook without contacts must not load them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .model import ClientPeriod, ContactData, ContactSchedule, FollowUpResult, Measure, Per
from .patterns import find_patterns
from .rollups import compliance_rows, zone_follow_ups
from .schedule import Check, checks_for, month_start

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

__all__ = ["follow_up", "follow_up_tables"]

# The records in the period, each counted or not: the query reads them twice (/*RECORDS*/),
# since a stored copy would be the size of the records.
_RECORDS = """(
    SELECT station, client, "on",
           CAST(list_contains($counted, method) AS INTEGER) AS c,
           CAST(list_contains($visits, method) AS INTEGER) AS v,
           date_diff('month', $first_month, "on") AS mi
    FROM records WHERE "on" BETWEEN $start AND $end
)"""

# One row per client-period (docs/contacts.md): the client rows exist for each period the client
# is on the roster and whose grade (at max(period start, 建档日期)) has a check there; a week is
# checked only while the client is on the roster for that week. Every checked window is a whole
# ISO week, calendar month or calendar quarter, so counts come from calendar buckets.
# At city scale (10M records) the cost is in touching the records: they are counted once per
# client into one column per month of the period (/*MONTHS*/: c0, v0, c1, v1, …, generated from
# the period), which a row's period sums (/*CONTACTS*/, /*VISITS*/); only the clients whose
# grades have a week requirement are counted per week as well. Everything after the counting
# joins on integers. A row's month or quarter checks are columns of `specs` (at most one per
# measure); only its week checks are one row each.
_SQL = """
WITH
clients_by_id AS (SELECT row_number() OVER () AS cid, * FROM clients),
grade_spans AS (  -- each grade change as the span [g_from, g_to) it holds for
    SELECT c.cid, g."on" AS g_from, g.grade,
           lead(g."on") OVER (PARTITION BY c.cid ORDER BY g."on", g.grade) AS g_to
    FROM changes g JOIN clients_by_id c ON g.station = c.station AND g.client = c.number
),
roster AS (  -- weekly: a superset of the clients with a week check (any of their grades has one)
    SELECT c.*, list_contains($weekly_grades, c.grade) OR c.cid IN (
        SELECT cid FROM grade_spans WHERE list_contains($weekly_grades, grade)
    ) AS weekly
    FROM clients_by_id c
),
month_counts AS (
    SELECT c.cid, n.* EXCLUDE (station, client)
    FROM (SELECT station, client, /*MONTHS*/ FROM /*RECORDS*/ GROUP BY station, client) n
    JOIN roster c ON n.station = c.station AND n.client = c.number
),
week_counts AS (  -- key: cid, then the week's Monday as days since 1900-01-01
    SELECT c.cid * $span + date_diff('day', DATE '1900-01-01', date_trunc('week', r."on")) AS wkey,
           sum(r.c) AS contacts, sum(r.v) AS visits
    FROM /*RECORDS*/ r JOIN roster c ON r.station = c.station AND r.client = c.number AND c.weekly
    GROUP BY wkey
),
client_rows AS (
    SELECT c.cid, c.filed, c.closed, c.grade AS base_grade, p.pid,
           greatest(p.p_start, coalesce(c.filed, p.p_start)) AS judged_on
    FROM roster c JOIN periods p
      ON (c.filed IS NULL OR c.filed <= p.p_end) AND (c.closed IS NULL OR c.closed >= p.p_start)
),
graded AS (  -- each row with its grade, its period's checks and its period's counts
    SELECT r.cid, r.pid, r.filed, r.closed, s.* EXCLUDE (pid),
           coalesce(/*CONTACTS*/, 0) AS contacts, coalesce(/*VISITS*/, 0) AS visits
    FROM client_rows r
    LEFT JOIN grade_spans g
      ON g.cid = r.cid AND g.g_from <= r.judged_on AND (g.g_to IS NULL OR r.judged_on < g.g_to)
    JOIN specs s ON s.grade = coalesce(g.grade, r.base_grade) AND s.pid = r.pid
    LEFT JOIN month_counts n ON n.cid = r.cid
),
week_checks AS (  -- one row per week a weekly row judges, with its count
    SELECT r.cid, r.pid, w.ord, w.at_least,
           coalesce(CASE WHEN w.is_visit THEN b.visits ELSE b.contacts END, 0) AS n
    FROM graded r
    JOIN weeks w ON w.grade = r.grade AND w.pid = r.pid
    LEFT JOIN week_counts b ON b.wkey = r.cid * $span + w.monday
    WHERE r.has_weeks
      AND (r.filed IS NULL OR r.filed <= w.w_end) AND (r.closed IS NULL OR r.closed >= w.w_start)
),
week_verdicts AS (  -- how many weeks each row judges, and those failed as (number, count)
    SELECT cid, pid, count(*) AS judged,
           list({'o': ord, 'n': n}) FILTER (WHERE n < at_least) AS fails
    FROM week_checks GROUP BY cid, pid
),
verdicts AS (
    SELECT r.*, list_concat(
               CASE WHEN r.contacts < r.c_min THEN [{'o': r.c_ord, 'n': r.contacts}] ELSE [] END,
               CASE WHEN r.visits < r.v_min THEN [{'o': r.v_ord, 'n': r.visits}] ELSE [] END,
               coalesce(v.fails, [])
           ) AS fails
    FROM graded r LEFT JOIN week_verdicts v ON v.cid = r.cid AND v.pid = r.pid
    WHERE r.c_min IS NOT NULL OR r.v_min IS NOT NULL OR v.judged > 0
)
SELECT c.station, c.number AS client, c.zone, c.community, v.grade, v.period,
       v.p_start AS "start", v.p_end AS "end",
       CAST(v.contacts AS INTEGER) AS contacts, CAST(v.visits AS INTEGER) AS visits,
       len(v.fails) = 0 AS met,
       CASE WHEN len(v.fails) = 0 THEN []::VARCHAR[] ELSE list_transform(
           list_sort(v.fails),
           lambda x: $labels[x.o + 1] || x.n || '次，应至少' || $at_least[x.o + 1] || '次'
       ) END AS unmet
FROM verdicts v JOIN roster c ON c.cid = v.cid
"""

# A client's week is cid × _SPAN + (its Monday − 1900-01-01 in days): one integer to join on.
_SPAN = 1 << 20
_EPOCH = date(1900, 1, 1)


def follow_up_tables(
    clients: pa.Table,
    changes: pa.Table,
    records: pa.Table,
    schedule: ContactSchedule,
    start: date,
    end: date,
) -> pa.Table:
    """Every client-period of every station in the tables, judged (docs/contacts.md).

    The Arrow tables, each with a leading `station` column: clients(station, number, household,
    zone, community, grade, filed, closed), changes(station, client, on, grade) and
    records(station, client, on, method; worker, minutes, greeting and note may be there too, the
    rules do not read them and `arrow_tables` leaves them out). The result has one row per
    client-period: station, client, zone, community, grade, period, start, end, contacts,
    visits, met, unmet (the failed checks in Chinese)."""
    checks = checks_for(schedule, start, end)
    periods, specs, weeks, months = _check_tables(checks, start, end)
    con = _cursor()
    try:
        for name, table in (
            ("clients", clients),
            ("changes", changes),
            ("records", records),
            ("periods", periods),
            ("specs", specs),
            ("weeks", weeks),
        ):
            con.register(name, table)
        params: dict[str, Any] = {
            "labels": [c.label for c in checks],
            "at_least": [c.at_least for c in checks],
            "counted": [m.value for m in schedule.counted],
            "visits": [m.value for m in schedule.visits],
            "weekly_grades": sorted({c.grade for c in checks if c.window is Per.WEEK}),
            "first_month": month_start(start),
            "start": start,
            "end": end,
            "span": _SPAN,
        }
        result: pa.Table = con.sql(_query(months, periods), params=params).to_arrow_table()
        return result
    finally:
        con.close()


_database: tuple[int, duckdb.DuckDBPyConnection] | None = None
_lock = threading.Lock()


def _cursor() -> duckdb.DuckDBPyConnection:
    """A connection of its own to the process's one in-memory DuckDB database: opening a
    database costs 10–15 ms, a page's budget (docs/contacts.md), a cursor next to nothing. The
    tables a query registers are its connection's, so threads do not see each other's. A process
    forked from one that opened the database opens its own (DuckDB's threads do not survive a fork)."""
    import duckdb

    global _database
    with _lock:
        if _database is None or _database[0] != os.getpid():
            _database = (os.getpid(), duckdb.connect())
        return _database[1].cursor()


def _query(months: int, periods: pa.Table) -> str:
    """`_SQL` with its columns per month of the period, and each period's sum of them."""
    sums = ", ".join(
        f"coalesce(sum({m}) FILTER (WHERE mi = {i}), 0) AS {m}{i}"
        for i in range(months)
        for m in ("c", "v")
    )
    firsts, lasts = periods["first_mi"].to_pylist(), periods["last_mi"].to_pylist()

    def period_sum(m: str) -> str:
        whens = (
            f"WHEN {pid} THEN {' + '.join(f'n.{m}{i}' for i in range(first, last + 1))}"
            for pid, (first, last) in enumerate(zip(firsts, lasts, strict=True))
        )
        return f"CASE r.pid {' '.join(whens)} END" if firsts else "NULL"  # no period: no rows

    return (
        _SQL.replace("/*RECORDS*/", _RECORDS)
        .replace("/*MONTHS*/", sums)
        .replace("/*CONTACTS*/", period_sum("c"))
        .replace("/*VISITS*/", period_sum("v"))
    )


def _row_periods(checks: list[Check]) -> list[tuple[str, date, date]]:
    """The row periods of the checks, (label, first day, last day), in time order: by last day,
    a month before the quarter it closes."""
    periods = sorted({(c.end, c.per.value, c.period, c.start) for c in checks})
    return [(period, first, last) for last, _, period, first in periods]


def _check_tables(
    checks: list[Check], start: date, end: date
) -> tuple[pa.Table, pa.Table, pa.Table, int]:
    """The checks as the query joins them: the row periods (numbered in time order, a month
    before the quarter it closes) with the months of the evaluation period they span; per grade
    and row period, its month or quarter checks (at most one per measure) and whether it has
    week checks; the week checks; and how many months the evaluation period touches. A check's
    number (`ord`) is its place in `checks`, the order its failure is listed in."""
    import pyarrow as pa

    first = month_start(start)

    def month_index(d: date) -> int:
        return (d.year - first.year) * 12 + d.month - first.month

    periods = _row_periods(checks)
    pid = {period: i for i, (period, _, _) in enumerate(periods)}
    rows, weeks = _grade_periods(checks, pid)
    schema = pa.schema(
        [("grade", pa.int8()), ("pid", pa.int32()), ("period", pa.string()),
         ("p_start", pa.date32()), ("p_end", pa.date32()), ("c_min", pa.int32()),
         ("c_ord", pa.int32()), ("v_min", pa.int32()), ("v_ord", pa.int32()),
         ("has_weeks", pa.bool_())]
    )  # fmt: skip
    return (
        pa.table(
            {
                "pid": pa.array(range(len(periods)), pa.int32()),
                "p_start": pa.array([p[1] for p in periods], pa.date32()),
                "p_end": pa.array([p[2] for p in periods], pa.date32()),
                "first_mi": pa.array([month_index(p[1]) for p in periods], pa.int32()),
                "last_mi": pa.array([month_index(p[2]) for p in periods], pa.int32()),
            }
        ),
        pa.Table.from_pylist(rows, schema=schema),
        pa.table(
            {
                "grade": pa.array([c.grade for _, c in weeks], pa.int8()),
                "pid": pa.array([pid[c.period] for _, c in weeks], pa.int32()),
                "ord": pa.array([n for n, _ in weeks], pa.int32()),
                "is_visit": pa.array([c.measure is Measure.VISIT for _, c in weeks], pa.bool_()),
                "at_least": pa.array([c.at_least for _, c in weeks], pa.int32()),
                "w_start": pa.array([c.window_start for _, c in weeks], pa.date32()),
                "w_end": pa.array([c.window_end for _, c in weeks], pa.date32()),
                "monday": pa.array([(c.window_start - _EPOCH).days for _, c in weeks], pa.int64()),
            }
        ),
        month_index(end) + 1,
    )


def _grade_periods(
    checks: list[Check], pid: dict[str, int]
) -> tuple[list[dict[str, Any]], list[tuple[int, Check]]]:
    """Per grade and row period, its month or quarter checks (at most one per measure: its
    minimum and its number) and whether it has week checks; and the week checks, numbered."""
    specs: dict[tuple[int, str], dict[str, Any]] = {}
    weeks: list[tuple[int, Check]] = []
    for number, c in enumerate(checks):
        spec = specs.setdefault(
            (c.grade, c.period),
            {"grade": c.grade, "pid": pid[c.period], "period": c.period, "p_start": c.start,
             "p_end": c.end, "c_min": None, "c_ord": None, "v_min": None, "v_ord": None,
             "has_weeks": False},
        )  # fmt: skip
        if c.window is Per.WEEK:
            spec["has_weeks"] = True
            weeks.append((number, c))
        else:
            measure = "v" if c.measure is Measure.VISIT else "c"
            spec[f"{measure}_min"], spec[f"{measure}_ord"] = c.at_least, number
    return list(specs.values()), weeks


def arrow_tables(data: ContactData, station: str = "") -> tuple[pa.Table, pa.Table, pa.Table]:
    """One station's `ContactData` as the (clients, changes, records) tables of `follow_up_tables`
    (records with the columns the rules read)."""
    import pyarrow as pa

    cs, gs, rs = data.clients, data.changes, data.records
    clients = pa.table(
        {
            "station": pa.array([station] * len(cs), pa.string()),
            "number": pa.array([c.number for c in cs], pa.string()),
            "household": pa.array([c.household for c in cs], pa.string()),
            "zone": pa.array([c.zone for c in cs], pa.string()),
            "community": pa.array([c.community for c in cs], pa.string()),
            "grade": pa.array([c.grade for c in cs], pa.int8()),
            "filed": pa.array([c.filed for c in cs], pa.date32()),
            "closed": pa.array([c.closed for c in cs], pa.date32()),
        }
    )
    changes = pa.table(
        {
            "station": pa.array([station] * len(gs), pa.string()),
            "client": pa.array([g.client for g in gs], pa.string()),
            "on": pa.array([g.on for g in gs], pa.date32()),
            "grade": pa.array([g.grade for g in gs], pa.int8()),
        }
    )
    records = pa.table(  # the columns the rules read; the contract's others may be there too
        {
            "station": pa.array([station] * len(rs), pa.string()),
            "client": pa.array([r.client for r in rs], pa.string()),
            "on": pa.array([r.on for r in rs], pa.date32()),
            "method": pa.array([r.method for r in rs], pa.string()),  # a Method is its value
        }
    )
    return clients, changes, records


def client_periods(
    data: ContactData, schedule: ContactSchedule, start: date, end: date
) -> tuple[ClientPeriod, ...]:
    """One station's client rows, judged by `follow_up_tables`: client by client in the roster's
    order, each client's in time order (a month before the quarter it closes)."""
    table = follow_up_tables(*arrow_tables(data), schedule, start, end)
    columns = table.select(list(_COLUMNS)).to_pydict()
    periods = _row_periods(checks_for(schedule, start, end))
    span = {period: (first, last) for period, first, last in periods}
    rank = {period: i for i, (period, _, _) in enumerate(periods)}
    place = {c.number: i * len(rank) for i, c in enumerate(data.clients)}
    rows = [
        ClientPeriod(client, zone, community, grade, period, *span[period], n, v, met, tuple(unmet))
        for client, zone, community, grade, period, n, v, met, unmet in zip(
            *columns.values(), strict=True
        )
    ]
    return tuple(sorted(rows, key=lambda r: place[r.client] + rank[r.period]))


_COLUMNS = ("client", "zone", "community", "grade", "period", "contacts", "visits", "met", "unmet")


def follow_up(
    data: ContactData,
    schedule: ContactSchedule,
    start: date,
    end: date,
    *,
    zones: Sequence[str] = (),
) -> FollowUpResult:
    """One station's follow-up over [start, end]: its client rows, their roll-ups per 片区, grade
    and period, each 片区's figures (in the order of `zones`, then the roster's) and the patterns."""
    rows = client_periods(data, schedule, start, end)
    order = list(dict.fromkeys([*zones, *(c.zone for c in data.clients)]))
    compliance = compliance_rows(rows, order)
    return FollowUpResult(
        period_start=start,
        period_end=end,
        schedule=schedule,
        clients=rows,
        compliance=compliance,
        zones=zone_follow_ups(data, schedule, compliance, start, end, order),
        patterns=find_patterns(data, schedule, start, end),
    )
