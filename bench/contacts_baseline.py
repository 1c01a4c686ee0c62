"""The naive baseline of the follow-up rules: plain Python loops and dicts, no pinggu code.

It re-implements the rules of docs/contacts.md from their statement (one row per client and
month or quarter, the grade at the period's start, weeks belonging to the month of their Monday,
a requirement judged only over a calendar week, month or quarter wholly inside the evaluation
period, so that a month the period only touches has a row when some of its weeks are judged;
the overdue list on a day), written
independently of `pinggu._contacts`. It serves twice: `bench/contacts_city.py` times it beside
pinggu's DuckDB engine on the same data, and `tests/test_bench_contacts_baseline.py` checks that
both give the same client-period rows on a small city, so two independent implementations of the
rules cross-check each other. Only the schedule's data type (`ContactSchedule`) comes from pinggu.

The input is what `pyarrow.Table.to_pydict()` gives for the contract's three tables: a dict of
column lists (dates as `datetime.date`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pinggu._contacts.model import ContactSchedule

Columns = Mapping[str, Sequence[Any]]
Key = tuple[str, str]  # (station, client)

# Row as compared with pinggu's: station, client, period, grade, contacts, visits, met.
Row = tuple[str, str, str, int, int, int, bool]
INTERVAL_DAYS = {"week": 7, "month": 30, "quarter": 91}


@dataclass(frozen=True)
class Span:
    label: str
    start: date
    end: date
    whole: bool = True  # wholly inside the evaluation period


@dataclass(frozen=True)
class Calendar:
    """The calendar periods of [start, end]: every month it touches (its month-requirements
    judged only when the month is wholly inside, its weeks on their own), the ISO weeks whose
    Monday falls in each month that lie wholly inside, and the quarters wholly inside."""

    months: tuple[Span, ...]
    quarters: tuple[Span, ...]
    weeks: Mapping[str, tuple[Span, ...]]  # month label -> its weeks


def calendar(start: date, end: date) -> Calendar:
    months, quarters, weeks = [], [], {}
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        first = date(year, month, 1)
        last = _month_end(year, month)
        label = f"{year:04d}-{month:02d}"
        months.append(Span(label, first, last, start <= first and last <= end))
        mondays = [first + timedelta(days=(7 - first.weekday()) % 7)]
        while mondays[-1] + timedelta(days=7) <= last:
            mondays.append(mondays[-1] + timedelta(days=7))
        weeks[label] = tuple(
            Span(label, monday, monday + timedelta(days=6))
            for monday in mondays
            if start <= monday and monday + timedelta(days=6) <= end
        )
        if month % 3 == 1:
            q_last = _month_end(year, month + 2)
            if start <= first and q_last <= end:
                quarters.append(Span(f"{year:04d}-Q{(month + 2) // 3}", first, q_last))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Calendar(tuple(months), tuple(quarters), weeks)


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


class Rules:
    """The schedule as plain dicts: grade -> [(measure, per, at_least)]."""

    def __init__(self, schedule: ContactSchedule) -> None:
        self.by_grade: dict[int, list[tuple[str, str, int]]] = {}
        for rules in schedule.grades:
            self.by_grade[rules.grade] = [
                (str(r.measure), str(r.per), r.at_least) for r in rules.requirements
            ]
        self.counted = {str(m) for m in schedule.counted}
        self.visits = {str(m) for m in schedule.visits}


def _on_roster(filed: date | None, closed: date | None, first: date, last: date) -> bool:
    return (filed is None or filed <= last) and (closed is None or closed >= first)


def _grade_at(initial: int, changes: list[tuple[date, int]], day: date) -> int:
    grade = initial
    for on, new in changes:  # sorted by date
        if on <= day:
            grade = new
    return grade


def _changes(changes: Columns) -> dict[Key, list[tuple[date, int]]]:
    timeline: dict[Key, list[tuple[date, int]]] = defaultdict(list)
    for station, client, on, grade in zip(
        changes["station"], changes["client"], changes["on"], changes["grade"], strict=True
    ):
        timeline[(station, client)].append((on, grade))
    for events in timeline.values():
        events.sort(key=lambda event: event[0])  # stable: same-day changes keep their order
    return timeline


def _count(records: Columns, rules: Rules, start: date, end: date) -> dict[tuple[Any, ...], int]:
    """Counted contacts ("c") and visits ("v") per (station, client, kind, period start)."""
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    for station, client, on, method in zip(
        records["station"], records["client"], records["on"], records["method"], strict=True
    ):
        if on < start or on > end:
            continue
        month = date(on.year, on.month, 1)
        quarter = date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
        monday = on - timedelta(days=on.weekday())
        for kind, counts_it in (("c", method in rules.counted), ("v", method in rules.visits)):
            if counts_it:
                counts[(station, client, kind, "m", month)] += 1
                counts[(station, client, kind, "q", quarter)] += 1
                counts[(station, client, kind, "w", monday)] += 1
    return counts


def follow_up_rows(
    clients: Columns,
    changes: Columns,
    records: Columns,
    schedule: ContactSchedule,
    start: date,
    end: date,
) -> list[Row]:
    """Every client-period row, in client order then period order."""
    rules = Rules(schedule)
    cal = calendar(start, end)
    timeline = _changes(changes)
    counts = _count(records, rules, start, end)
    rows: list[Row] = []
    for station, client, grade, filed, closed in zip(
        clients["station"],
        clients["number"],
        clients["grade"],
        clients["filed"],
        clients["closed"],
        strict=True,
    ):
        events = timeline.get((station, client), [])

        def n(kind: str, per: str, first: date, st: str = station, cl: str = client) -> int:
            return counts.get((st, cl, kind, per, first), 0)

        for span, pers in [(m, ("week", "month")) for m in cal.months] + [
            (q, ("quarter",)) for q in cal.quarters
        ]:
            if not _on_roster(filed, closed, span.start, span.end):
                continue
            at = span.start if filed is None or filed < span.start else filed
            g = _grade_at(grade, events, at)
            reqs = [r for r in rules.by_grade.get(g, []) if r[1] in pers]
            if not reqs:
                continue
            checks: list[bool] = []
            key = "q" if pers == ("quarter",) else "m"
            for measure, per, at_least in reqs:
                kind = "v" if measure == "visit" else "c"
                if per != "week":
                    if span.whole:
                        checks.append(n(kind, key, span.start) >= at_least)
                    continue
                for week in cal.weeks[span.label]:
                    if _on_roster(filed, closed, week.start, week.end):
                        checks.append(n(kind, "w", week.start) >= at_least)
            if checks:
                rows.append(
                    (
                        station,
                        client,
                        span.label,
                        g,
                        n("c", key, span.start),
                        n("v", key, span.start),
                        all(checks),
                    )
                )
    return rows


# Overdue row: client, grade, measure, last contact, due, days overdue (zone kept for sorting).
OverdueRow = tuple[str, int, str, date | None, date, int]


def overdue_rows(
    clients: Columns, changes: Columns, records: Columns, schedule: ContactSchedule, on: date
) -> list[OverdueRow]:
    """The overdue list on day `on` for the clients given (one station), sorted as shown."""
    rules = Rules(schedule)
    timeline = _changes(changes)
    last: dict[tuple[Any, ...], date] = {}
    first_record: date | None = None
    for station, client, day, method in zip(
        records["station"], records["client"], records["on"], records["method"], strict=True
    ):
        if first_record is None or day < first_record:
            first_record = day
        if day > on:
            continue
        for kind, counts_it in (
            ("contact", method in rules.counted),
            ("visit", method in rules.visits),
        ):
            key = (station, client, kind)
            if counts_it and (key not in last or last[key] < day):
                last[key] = day
    found: list[tuple[int, str, str, OverdueRow]] = []
    for station, client, zone, grade, filed, closed in zip(
        clients["station"],
        clients["number"],
        clients["zone"],
        clients["grade"],
        clients["filed"],
        clients["closed"],
        strict=True,
    ):
        if not _on_roster(filed, closed, on, on):
            continue
        g = _grade_at(grade, timeline.get((station, client), []), on)
        best: tuple[date, int, OverdueRow] | None = None
        for measure, per, at_least in rules.by_grade.get(g, []):
            previous = last.get((station, client, measure))
            base = previous or _latest(filed, first_record)
            if base is None:
                continue
            due = base + timedelta(days=INTERVAL_DAYS[per] // at_least)
            row = (client, g, measure, previous, due, (on - due).days)
            rank = (due, 0 if measure == "visit" else 1)
            if due <= on and (best is None or rank < best[:2]):
                best = (*rank, row)
        if best is not None:
            found.append((-best[2][5], zone, client, best[2]))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None
