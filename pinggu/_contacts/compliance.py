"""Compliance: every client judged over every month and quarter against its grade's schedule.

There is ONE implementation of the rules (docs/contacts.md): `follow_up_tables`, one DuckDB query
over Arrow tables, which scales from one station to the whole city (every client × month of
176 stations in one call). `follow_up` converts one station's `ContactData` to Arrow, calls it and
rolls the client rows up into counts per 片区, grade and period, never averaging percentages.
DuckDB and pyarrow are imported inside the functions: `import pinggu` and `pinggu evaluate` on a
workbook without contacts must not load them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .model import ClientPeriod, ContactData, ContactSchedule, FollowUpResult, Per
from .patterns import find_patterns
from .rollups import compliance_rows, zone_follow_ups
from .schedule import Check, checks_for

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["follow_up", "follow_up_tables"]

# One row per client-period (docs/contacts.md): the client rows exist for each period the client
# is on the roster and whose grade (at max(period start, 建档日期)) has a check there; a week is
# checked only while the client is on the roster for that week. Counts come from calendar
# buckets: every checked window is a whole ISO week, calendar month or calendar quarter.
_SQL = """
WITH
roster AS (SELECT row_number() OVER () AS cid, * FROM clients),
rec AS (
    SELECT c.cid, r."on",
           CAST(list_contains($counted, r.method) AS INTEGER) AS c,
           CAST(list_contains($visits, r.method) AS INTEGER) AS v
    FROM records r JOIN roster c ON r.station = c.station AND r.client = c.number
    WHERE r."on" BETWEEN $start AND $end
),
grade_changes AS (
    SELECT c.cid, g."on", g.grade
    FROM changes g JOIN roster c ON g.station = c.station AND g.client = c.number
),
periods AS (SELECT DISTINCT pid, per, p_start, p_end FROM checks),
client_rows AS (
    SELECT c.cid, c.filed, c.closed, c.grade AS base_grade, p.pid, p.per, p.p_start,
           greatest(p.p_start, coalesce(c.filed, p.p_start)) AS judged_on
    FROM roster c JOIN periods p
      ON (c.filed IS NULL OR c.filed <= p.p_end) AND (c.closed IS NULL OR c.closed >= p.p_start)
),
graded AS (
    SELECT r.*, CAST(coalesce(g.grade, r.base_grade) AS TINYINT) AS row_grade
    FROM client_rows r ASOF LEFT JOIN grade_changes g
      ON r.cid = g.cid AND r.judged_on >= g."on"
),
months AS (
    SELECT cid, CAST(date_trunc('month', "on") AS DATE) AS b_start,
           sum(c) AS contacts, sum(v) AS visits
    FROM rec GROUP BY ALL
),
weekly AS (  -- weeks are many: counted only for the clients with a week check
    SELECT DISTINCT g.cid FROM graded g JOIN checks k ON k.grade = g.row_grade AND k.pid = g.pid
    WHERE k.win = 'week'
),
buckets AS (  -- one key per client and calendar window: cid, window kind and first day
    SELECT cid * $span + date_diff('day', DATE '1900-01-01', b_start) * 4 + 1 AS bkey,
           contacts, visits
    FROM months
    UNION ALL
    SELECT cid * $span + date_diff('day', DATE '1900-01-01', q) * 4 + 2, sum(contacts), sum(visits)
    FROM (SELECT *, CAST(date_trunc('quarter', b_start) AS DATE) AS q FROM months)
    GROUP BY cid, q
    UNION ALL
    SELECT cid * $span + date_diff('day', DATE '1900-01-01', w) * 4, sum(c), sum(v)
    FROM (SELECT *, CAST(date_trunc('week', "on") AS DATE) AS w FROM rec)
    WHERE cid IN (SELECT cid FROM weekly) GROUP BY cid, w
),
judged AS (
    SELECT g.cid, g.pid, k.ord, k.at_least,
           coalesce(CASE k.measure WHEN 'contact' THEN b.contacts ELSE b.visits END, 0) AS n
    FROM graded g
    JOIN checks k ON k.grade = g.row_grade AND k.pid = g.pid
    LEFT JOIN buckets b ON b.bkey = g.cid * $span + k.wkey
    WHERE k.win <> 'week'
       OR ((g.filed IS NULL OR g.filed <= k.w_end) AND (g.closed IS NULL OR g.closed >= k.w_start))
),
verdicts AS (  -- each failed check as (its number, the count), formatted once below
    SELECT cid, pid, bool_and(n >= at_least) AS met,
           list({'o': ord, 'n': n}) FILTER (WHERE n < at_least) AS fails
    FROM judged GROUP BY cid, pid
)
SELECT c.station, c.number AS client, c.zone, c.community, g.row_grade AS grade, p.period,
       p.p_start AS "start", p.p_end AS "end",
       CAST(coalesce(b.contacts, 0) AS INTEGER) AS contacts,
       CAST(coalesce(b.visits, 0) AS INTEGER) AS visits,
       v.met,
       list_transform(
           list_sort(coalesce(v.fails, [])),
           lambda x: $labels[x.o + 1] || x.n || '次，应至少' || $at_least[x.o + 1] || '次'
       ) AS unmet
FROM verdicts v
JOIN graded g ON g.cid = v.cid AND g.pid = v.pid
JOIN roster c ON c.cid = v.cid
JOIN (SELECT DISTINCT pid, period, p_start, p_end, pkey FROM checks) p ON p.pid = v.pid
LEFT JOIN buckets b ON b.bkey = v.cid * $span + p.pkey
"""


# A calendar window's key: (days since 1900-01-01) × 4 + kind (0 week, 1 month, 2 quarter),
# below _SPAN; a client's window is cid × _SPAN + that, one integer to join on.
_SPAN = 1 << 20
_EPOCH = date(1900, 1, 1)
_KIND = {Per.WEEK: 0, Per.MONTH: 1, Per.QUARTER: 2}


def _window_key(per: Per, first: date) -> int:
    return (first - _EPOCH).days * 4 + _KIND[per]


def follow_up_tables(
    clients: pa.Table,
    changes: pa.Table,
    records: pa.Table,
    schedule: ContactSchedule,
    start: date,
    end: date,
) -> pa.Table:
    """Every client-period of every station in the tables, judged (docs/contacts.md).

    The Arrow schemas (each with a leading `station` column) are those of `arrow_tables`;
    the result has one row per client-period: station, client, zone, community, grade, period,
    start, end, contacts, visits, met, unmet (the failed checks in Chinese)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("clients", clients)
        con.register("changes", changes)
        con.register("records", records)
        checks = checks_for(schedule, start, end)
        con.register("checks", _checks_table(checks))
        params: dict[str, Any] = {
            "labels": [c.label for c in checks],
            "at_least": [c.at_least for c in checks],
            "counted": [m.value for m in schedule.counted],
            "visits": [m.value for m in schedule.visits],
            "start": start,
            "end": end,
            "span": _SPAN,
        }
        table: pa.Table = con.sql(_SQL, params=params).to_arrow_table()
        return table
    finally:
        con.close()


def _checks_table(checks: list[Check]) -> pa.Table:
    import pyarrow as pa

    # A row's period by number, in time order (a month before the quarter it closes).
    periods = sorted({(c.end, c.per.value, c.period) for c in checks})
    pid = {period: i for i, (_, _, period) in enumerate(periods)}
    return pa.table(
        {
            "pid": pa.array([pid[c.period] for c in checks], pa.int32()),
            "grade": pa.array([c.grade for c in checks], pa.int8()),
            "period": pa.array([c.period for c in checks], pa.string()),
            "per": pa.array([c.per.value for c in checks], pa.string()),
            "p_start": pa.array([c.start for c in checks], pa.date32()),
            "p_end": pa.array([c.end for c in checks], pa.date32()),
            "win": pa.array([c.window.value for c in checks], pa.string()),
            "w_start": pa.array([c.window_start for c in checks], pa.date32()),
            "w_end": pa.array([c.window_end for c in checks], pa.date32()),
            "measure": pa.array([c.measure.value for c in checks], pa.string()),
            "at_least": pa.array([c.at_least for c in checks], pa.int32()),
            "label": pa.array([c.label for c in checks], pa.string()),
            "ord": pa.array(range(len(checks)), pa.int32()),
            "wkey": pa.array([_window_key(c.window, c.window_start) for c in checks], pa.int64()),
            "pkey": pa.array([_window_key(c.per, c.start) for c in checks], pa.int64()),
        }
    )


def arrow_tables(data: ContactData, station: str = "") -> tuple[pa.Table, pa.Table, pa.Table]:
    """One station's `ContactData` as the (clients, changes, records) tables of `follow_up_tables`."""
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
    records = pa.table(
        {
            "station": pa.array([station] * len(rs), pa.string()),
            "client": pa.array([r.client for r in rs], pa.string()),
            "on": pa.array([r.on for r in rs], pa.date32()),
            "method": pa.array([r.method.value for r in rs], pa.string()),
            "worker": pa.array([r.worker for r in rs], pa.string()),
            "minutes": pa.array([r.minutes for r in rs], pa.int32()),
            "greeting": pa.array([r.greeting for r in rs], pa.bool_()),
            "note": pa.array([r.note for r in rs], pa.string()),
        }
    )
    return clients, changes, records


def client_periods(
    data: ContactData, schedule: ContactSchedule, start: date, end: date
) -> tuple[ClientPeriod, ...]:
    """One station's client rows, judged by `follow_up_tables`."""
    table = follow_up_tables(*arrow_tables(data), schedule, start, end)
    columns = table.to_pydict()
    rows = [
        ClientPeriod(client, zone, community, grade, period, first, last, n, v, met, tuple(unmet))
        for client, zone, community, grade, period, first, last, n, v, met, unmet in zip(
            *(columns[name] for name in _COLUMNS), strict=True
        )
    ]
    place = {c.number: i for i, c in enumerate(data.clients)}
    return tuple(sorted(rows, key=lambda r: (place[r.client], r.end, "Q" in r.period)))


_COLUMNS = (
    "client", "zone", "community", "grade", "period", "start", "end",
    "contacts", "visits", "met", "unmet",
)  # fmt: skip


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
    return FollowUpResult(
        period_start=start,
        period_end=end,
        schedule=schedule,
        clients=rows,
        compliance=compliance_rows(rows, order),
        zones=zone_follow_ups(data, schedule, rows, start, end, order),
        patterns=find_patterns(data, schedule, start, end),
    )
