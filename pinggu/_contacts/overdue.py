"""The overdue list: on a given day, every client whose next contact or visit is due or past due.

It is the station's daily work list (「跟进提醒」). Each requirement of the client's grade on that
day spreads its contacts evenly: at least 2 a month means one every 30 // 2 = 15 days. The next
is due that many days after the last one (docs/contacts.md gives the exact rule).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta

from .model import (
    ContactClient,
    ContactData,
    ContactRecord,
    ContactSchedule,
    Measure,
    Overdue,
    Per,
)

__all__ = ["INTERVAL_DAYS", "overdue_clients"]

INTERVAL_DAYS = {Per.WEEK: 7, Per.MONTH: 30, Per.QUARTER: 91}


def overdue_clients(data: ContactData, schedule: ContactSchedule, on: date) -> tuple[Overdue, ...]:
    """The clients on the roster on `on` whose next contact (or visit) is due by `on`, most
    overdue first, then by 片区 and client."""
    rules = {g.grade: g.requirements for g in schedule.grades}
    since = min((r.on for r in data.records), default=None)
    # One pass, keeping each client's last counted contact and last visit dated on or before
    # `on` (the last by date, then by row, then as listed): a page, no sorting of the records.
    counted, visited = frozenset(schedule.counted), frozenset(schedule.visits)
    contacts: dict[str, ContactRecord] = {}
    visits: dict[str, ContactRecord] = {}
    for r in data.records:
        if r.on > on:
            continue
        for kept, methods in ((contacts, counted), (visits, visited)):
            if r.method in methods:
                last = kept.get(r.client)
                if last is None or r.on > last.on or (r.on == last.on and r.row >= last.row):
                    kept[r.client] = r
    grades = _grades_on(data, on)
    out = []
    for c in data.clients:
        if not ((c.filed is None or c.filed <= on) and (c.closed is None or c.closed >= on)):
            continue
        grade = grades.get(c.number, c.grade)
        found: list[tuple[date, int, Overdue]] = []
        for req in rules.get(grade, ()):
            last = (visits if req.measure is Measure.VISIT else contacts).get(c.number)
            base = last.on if last else _start(c, since)
            if base is None:
                continue  # no record at all and no 建档日期: nothing to count from
            due = base + timedelta(days=INTERVAL_DAYS[req.per] // req.at_least)
            if due <= on:
                item = Overdue(
                    client=c.number,
                    zone=c.zone,
                    community=c.community,
                    grade=grade,
                    measure=req.measure,
                    last_contact=last.on if last else None,
                    last_worker=last.worker if last else None,
                    due=due,
                    days_overdue=(on - due).days,
                )
                found.append((due, 0 if req.measure is Measure.VISIT else 1, item))
        if found:
            out.append(min(found, key=lambda f: f[:2])[2])
    return tuple(sorted(out, key=lambda o: (-o.days_overdue, o.zone, o.client)))


def _start(client: ContactClient, since: date | None) -> date | None:
    """Where a client never contacted is counted from: the later of 建档日期 and the records' start."""
    dates = [d for d in (client.filed, since) if d is not None]
    return max(dates) if dates else None


def _grades_on(data: ContactData, on: date) -> dict[str, int]:
    """Each client's grade on `on` from 分级变更 (clients without a change on or before are absent)."""
    changes: defaultdict[str, list[tuple[date, int]]] = defaultdict(list)
    for g in data.changes:
        changes[g.client].append((g.on, g.grade))
    out = {}
    for client, history in changes.items():
        history.sort()
        i = bisect_right([d for d, _ in history], on)
        if i:
            out[client] = history[i - 1][1]
    return out
