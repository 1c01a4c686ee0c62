"""Synthetic 兜底 follow-up records (服务记录, 分级变更) for tests, the example and benchmarks.

Shaped after what the seeds describe (docs/contacts.md): grade-1 clients called about twice a
week and visited about monthly, grade 2 about weekly, grade 3 twice a month, grade 4 monthly,
each with some weeks missed; ordinary contacts mostly by phone, a few by WeChat; around a
festival some WeChat greetings recorded as 电访 with 备注「微信节日问候」 (what seed 002 found);
a few calls of a minute; one worker with an implausibly busy day; and one client never
contacted at all. About 47 records per client per year, so 1,300 clients give a station's year
of about 60,000 rows; the same arguments always give the same records.

`planned_contacts` is a leaner station for the example workbook: it plans what the example
schedule of docs/contacts.md asks (一级 a contact every week and a visit every month, 二级 two
contacts a month and a visit a quarter, 三级 one a month, 四级 one a quarter) and makes each
planned contact with a chance per 片区, so the station meets most of its grades in fewer rows;
some festival greetings are sent by WeChat and recorded as such, and only a handful of records
show each pattern a reviewer should see.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, time, timedelta

from .._contacts.model import ContactClient, ContactData, ContactRecord, GradeChange, Method
from .._model import Month, months_between
from .._roster import Roster

__all__ = ["planned_contacts", "synthetic_contacts", "synthetic_filing"]

# Counted contacts in one week, by grade: (count, weight) …
_WEEKLY: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((0, 6), (1, 30), (2, 44), (3, 20)),
    2: ((0, 28), (1, 52), (2, 20)),
    3: ((0, 55), (1, 45)),
    4: ((0, 77), (1, 23)),
}
_VISIT_EVERY = {1: 4, 2: 13, 3: 26, 4: 52}  # about one 入户探访 in this many weeks
# an ordinary contact's 方式, and how often
_METHODS = (Method.PHONE, Method.CALL_IN, Method.OUTREACH, Method.OTHER, Method.MESSAGE)
_METHOD_WEIGHTS = (80, 5, 5, 2, 8)
_NOTES = ("", "", "", "", "", "身体状况稳定", "反映用药情况", "协助申请临时救助", "家属在场")
# Festivals (their first day) near which greetings go out; others fall back to the period's middle.
_FESTIVALS = (
    date(2023, 1, 22), date(2023, 9, 29), date(2024, 2, 10), date(2024, 9, 17),
    date(2025, 1, 29), date(2025, 10, 6), date(2026, 2, 17), date(2026, 9, 25),
)  # fmt: skip
GREETING_NOTE = "微信节日问候"
BUSY_DAY = 45  # contacts one worker records on the implausible day


def synthetic_contacts(
    clients: Sequence[ContactClient],
    workers_by_month: Mapping[Month, Sequence[str]],
    start: date,
    end: date,
    *,
    seed: int | str,
    rate: float = 1.0,
) -> ContactData:
    """Records from `start` to `end` for `clients` (each while on the roster), made by the
    workers in post each month (`workers_by_month`; a month without workers has no records),
    with a few grade changes. Sorted by date, then client. `rate` < 1 keeps that share of the
    ordinary contacts and visits: a station that follows up less than its grades ask."""
    if not 0 < rate <= 1:
        raise ValueError("rate must be in (0, 1]")
    rng = random.Random(f"contacts-{seed}")
    changes = _changes(rng, clients, start, end)
    grade_at = {c.client: c for c in changes}
    silent = rng.randrange(len(clients)) if clients else -1  # the client nobody contacted
    records: list[ContactRecord] = []
    weeks = _mondays(start, end)
    for index, client in enumerate(clients):
        if index == silent:
            continue
        change = grade_at.get(client.number)
        for monday in weeks:
            grade = change.grade if change and change.on <= monday else client.grade
            week = _week(rng, client, index, grade, monday, start, end, workers_by_month)
            records += week if rate == 1 else [r for r in week if rng.random() < rate]
    records += _greetings(rng, clients, silent, start, end, workers_by_month)
    records += _busy_day(rng, clients, silent, start, end, workers_by_month)
    return _data(clients, changes, records)


# planned_contacts: a non-visit planned contact's 方式, and how often (all counted)
_PLANNED = (Method.PHONE, Method.CALL_IN, Method.OUTREACH)
_PLANNED_WEIGHTS = (88, 6, 6)
_EXTRA = 0.08  # chance of one unplanned contact in a client's month (any 方式, WeChat too)
_SHORT = 0.001  # share of calls lasting a minute: a handful in the example
_MISCOUNTED = 0.006  # share of festival greetings sent by WeChat and recorded as 电访
_WECHAT = 0.12  # share of festival greetings sent by WeChat and recorded as 微信或短信


def planned_contacts(
    clients: Sequence[ContactClient],
    workers_by_month: Mapping[Month, Sequence[str]],
    start: date,
    end: date,
    *,
    seed: int | str,
    kept: Mapping[str, float],
) -> ContactData:
    """Records from `start` to `end` that follow the example schedule's plan, each planned
    contact made with the chance `kept[zone]` of the client's 片区 (1 for a 片区 not listed), by
    the workers in post each month; a few grade changes, festival greetings (some by WeChat),
    one worker's implausibly busy day and one client on the roster throughout who was never
    contacted. Sorted by date, then client; the same arguments always give the same records."""
    rng = random.Random(f"planned-{seed}")
    changes = _changes(rng, clients, start, end)
    change_of = {c.client: c for c in changes}
    throughout = [
        i
        for i, c in enumerate(clients)
        if (c.filed is None or c.filed <= start) and (c.closed is None or c.closed >= end)
    ]
    silent = rng.choice(throughout) if throughout else -1
    records: list[ContactRecord] = []
    for index, client in enumerate(clients):
        if index == silent:
            continue
        keep = kept.get(client.zone, 1.0)
        change = change_of.get(client.number)
        for month in months_between(start, end):
            # judged at the grade of the month's start, or of the day it was filed (docs/contacts.md)
            first = max(month.first_day(), client.filed or start)
            grade = change.grade if change and change.on <= first else client.grade
            for day, method in _plan(rng, grade, month, index):
                worker = _worker(workers_by_month, day, index)
                if worker is None or not _on_roster(client, day, start, end):
                    continue
                if rng.random() < keep:
                    records.append(_record(rng, client.number, day, method, worker, _SHORT))
    records += _greetings(rng, clients, silent, start, end, workers_by_month, _MISCOUNTED, _WECHAT)
    records += _busy_day(rng, clients, silent, start, end, workers_by_month)
    return _data(clients, changes, records)


def _plan(rng: random.Random, grade: int, month: Month, index: int) -> list[tuple[date, Method]]:
    """What a client of `grade` is planned to get in `month`: the example schedule, and now
    and then one contact more. A quarterly visit or contact falls in the client's own month of
    each quarter (by `index`), so every quarter has one."""
    first, last = month.first_day(), month.last_day()
    days = (last - first).days + 1
    own_month = (month.month - 1) % 3 == index % 3
    plan: list[tuple[date, Method]] = []
    if grade == 1:  # a contact every week (by its Monday), one of them a visit
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        while monday <= last:
            plan.append((monday + timedelta(days=rng.randrange(7)), _planned(rng)))
            monday += timedelta(weeks=1)
        if plan:
            visit = rng.randrange(len(plan))
            plan[visit] = (plan[visit][0], Method.VISIT)
    elif grade == 2:  # two contacts, one of them a visit in the client's month of the quarter
        plan = [(first + timedelta(days=d), _planned(rng)) for d in rng.sample(range(days), 2)]
        if own_month:
            plan[0] = (plan[0][0], Method.VISIT)
    elif grade == 3 or own_month:  # 三级 every month, 四级 every quarter
        plan = [(first + timedelta(days=rng.randrange(days)), _planned(rng))]
    if rng.random() < _EXTRA:
        plan.append((first + timedelta(days=rng.randrange(days)), _method(rng)))
    return plan


def _planned(rng: random.Random) -> Method:
    return rng.choices(_PLANNED, weights=_PLANNED_WEIGHTS)[0]


def _data(
    clients: Sequence[ContactClient],
    changes: tuple[GradeChange, ...],
    records: list[ContactRecord],
) -> ContactData:
    """Sorted by date, client and time; one record per client, moment, 方式 and worker, as the
    reader counts them."""
    records.sort(key=lambda r: (r.on, r.client, r.at or time(0)))
    unique = {(r.client, r.on, r.at, r.method, r.worker): r for r in reversed(records)}
    return ContactData(tuple(clients), changes, tuple(reversed(unique.values())))


def synthetic_filing(roster: Roster, start: date, end: date, *, seed: int | str) -> Roster:
    """`roster` with 建档日期 and 结案日期: about 6% filed during [start, end], 3% closed in it."""
    rng = random.Random(f"filing-{seed}")
    days = (end - start).days
    dated = []
    for client in roster.clients:
        draw = rng.random()
        if draw < 0.06:
            client = replace(client, filed=start + timedelta(days=rng.randrange(30, days)))
        elif draw < 0.09:
            client = replace(client, closed=start + timedelta(days=rng.randrange(30, days)))
        dated.append(client)
    return replace(roster, clients=tuple(dated))


def _mondays(start: date, end: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    return [monday + timedelta(weeks=i) for i in range((end - monday).days // 7 + 1)]


def _changes(
    rng: random.Random, clients: Sequence[ContactClient], start: date, end: date
) -> tuple[GradeChange, ...]:
    """About 4% of clients regraded once, by one grade, on a day inside the period."""
    days = (end - start).days
    result = []
    for client in clients:
        if days > 30 and rng.random() < 0.04:
            step = rng.choice((-1, 1)) if 1 < client.grade < 4 else (1 if client.grade == 1 else -1)
            on = start + timedelta(days=rng.randrange(15, days - 14))
            result.append(GradeChange(client.number, on, client.grade + step))
    return tuple(result)


def _on_roster(client: ContactClient, day: date, start: date, end: date) -> bool:
    return (
        start <= day <= end
        and (client.filed is None or client.filed <= day)
        and (client.closed is None or day <= client.closed)
    )


def _worker(workers: Mapping[Month, Sequence[str]], day: date, index: int) -> str | None:
    """The client's worker that month: the same one while the month's workers stay the same."""
    present = workers.get(Month.of(day))
    return present[index % len(present)] if present else None


def _week(
    rng: random.Random,
    client: ContactClient,
    index: int,
    grade: int,
    monday: date,
    start: date,
    end: date,
    workers: Mapping[Month, Sequence[str]],
) -> list[ContactRecord]:
    counts, weights = zip(*_WEEKLY[grade], strict=True)
    count = rng.choices(counts, weights=weights)[0]
    visit = rng.randrange(_VISIT_EVERY[grade]) == 0
    if not count and not visit:
        return []
    days = rng.sample(range(7), count + visit)
    result = []
    for n, offset in enumerate(days):
        day = monday + timedelta(days=offset)
        worker = _worker(workers, day, index)
        if worker is None or not _on_roster(client, day, start, end):
            continue
        method = Method.VISIT if visit and n == 0 else _method(rng)
        result.append(_record(rng, client.number, day, method, worker))
    return result


def _method(rng: random.Random) -> Method:
    return rng.choices(_METHODS, weights=_METHOD_WEIGHTS)[0]


def _record(
    rng: random.Random, client: str, day: date, method: Method, worker: str, short: float = 0.01
) -> ContactRecord:
    at = time(rng.randint(9, 17), rng.randrange(0, 60, 5))
    if method is Method.VISIT:
        minutes: int | None = rng.randint(20, 90)
    elif method is Method.MESSAGE:
        minutes = None
    else:
        # a share `short` of the calls (one in a hundred) lasts a minute: too short to be real
        minutes = 1 if rng.random() < short else rng.randint(4, 30)
    return ContactRecord(client, day, method, worker, at, minutes, note=rng.choice(_NOTES))


def _greetings(
    rng: random.Random,
    clients: Sequence[ContactClient],
    silent: int,
    start: date,
    end: date,
    workers: Mapping[Month, Sequence[str]],
    miscounted: float = 0.06,
    wechat: float = 0.0,
) -> list[ContactRecord]:
    """Festival greetings: most by a real call; a share `wechat` sent by WeChat and recorded
    as 微信或短信, a share `miscounted` sent by WeChat but recorded as 电访."""
    festivals = [d for d in _FESTIVALS if start <= d <= end] or [start + (end - start) / 2]
    result = []
    for festival in festivals:
        for index, client in enumerate(clients):
            day = festival - timedelta(days=rng.randint(1, 5))
            worker = _worker(workers, day, index)
            if index == silent or worker is None or not _on_roster(client, day, start, end):
                continue
            at = time(rng.randint(9, 17), rng.randrange(0, 60, 5))
            draw, method = rng.random(), Method.PHONE
            if draw < miscounted:
                note, minutes = GREETING_NOTE, 1  # a WeChat message, recorded as a call
            elif draw < miscounted + wechat:
                note, minutes, method = GREETING_NOTE, None, Method.MESSAGE  # recorded as sent
            else:
                note, minutes = "节日慰问", rng.randint(5, 15)
            record = ContactRecord(
                client.number, day, method, worker, at, minutes, greeting=True, note=note
            )
            result.append(record)
    return result


def _busy_day(
    rng: random.Random,
    clients: Sequence[ContactClient],
    silent: int,
    start: date,
    end: date,
    workers: Mapping[Month, Sequence[str]],
) -> list[ContactRecord]:
    """One worker records BUSY_DAY calls on one day: more than a day can hold."""
    day = start + timedelta(days=rng.randrange(max(1, (end - start).days)))
    present = workers.get(Month.of(day))
    reachable = [c for i, c in enumerate(clients) if i != silent and _on_roster(c, day, start, end)]
    if not present or not reachable:
        return []
    worker = rng.choice(present)
    chosen = rng.sample(reachable, min(BUSY_DAY, len(reachable)))
    return [
        ContactRecord(c.number, day, Method.PHONE, worker, time(8 + i // 6, i % 6 * 10), 3)
        for i, c in enumerate(chosen)
    ]
