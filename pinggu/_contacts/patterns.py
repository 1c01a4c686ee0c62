"""Patterns in the records a reviewer should look at (docs/contacts.md lists the kinds).

None of them changes a count: a pattern is a question for the reviewer (was this 电访 really a
WeChat message? can one worker make 45 calls in a day?), the seeds' recurring findings made
visible. Only records dated inside the evaluation period are looked at.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from operator import attrgetter

from .model import ContactData, ContactRecord, ContactSchedule, Method, Pattern
from .schedule import holiday_windows

__all__ = [
    "BUSY_WORKER_DAY",
    "KINDS",
    "MESSAGE_AS_PHONE",
    "MISSING_GREETING",
    "NO_CONTACT",
    "SHORT_CONTACT",
    "find_patterns",
]

# The kinds of pattern (Pattern.kind), as `pinggu contacts --json` and the reports name them.
MESSAGE_AS_PHONE = "message_as_phone"
SHORT_CONTACT = "short_contact"
BUSY_WORKER_DAY = "busy_worker_day"
NO_CONTACT = "no_contact"
MISSING_GREETING = "missing_greeting"

KINDS: dict[str, str] = {
    MESSAGE_AS_PHONE: "记为电访的微信或短信",
    SHORT_CONTACT: "时长过短的联系",
    BUSY_WORKER_DAY: "社工一天内联系过多",
    NO_CONTACT: "考核期内没有任何联系",
    MISSING_GREETING: "节日没有慰问",
}


def find_patterns(
    data: ContactData, schedule: ContactSchedule, start: date, end: date
) -> tuple[Pattern, ...]:
    """Every pattern of the period, kind by kind in the order of `KINDS`."""
    # One pass over the records gathers what every kind needs: a station's year is some
    # 60,000 records, and this is part of a page (docs/contacts.md, the benchmark's targets).
    counted = frozenset(schedule.counted)
    phone, min_minutes = Method.PHONE, schedule.min_minutes
    messages: list[tuple[ContactRecord, str]] = []
    shorts: list[tuple[ContactRecord, str]] = []
    worked: defaultdict[str, list[date]] = defaultdict(list)  # each worker's counted contacts
    contacted: set[str] = set()
    greeted: defaultdict[str, list[date]] = defaultdict(list)
    for r in data.records:
        on, method = r.on, r.method
        if r.greeting:  # a greeting's window may open before the period does
            greeted[r.client].append(on)
        if on < start or on > end:
            continue
        is_counted = method in counted
        if method is phone and (r.note or r.greeting) and (why := _message_as_phone(r, schedule)):
            messages.append((r, why))
        elif is_counted and r.minutes is not None and r.minutes < min_minutes:
            shorts.append((r, f"时长 {r.minutes} 分钟，少于 {min_minutes} 分钟"))
        if is_counted:
            worked[r.worker].append(on)
            contacted.add(r.client)
    zone_of = {c.number: c.zone for c in data.clients}
    out: list[Pattern] = []
    for kind, items in ((MESSAGE_AS_PHONE, messages), (SHORT_CONTACT, shorts)):
        items.sort(key=lambda f: _ORDER(f[0]))  # the same order whatever the records' order
        out += [_record_pattern(kind, r, why, zone_of) for r, why in items]
    out += _busy_days(worked, schedule)
    out += _no_contact(data, contacted, start, end)
    out += _missing_greetings(data, schedule, greeted, start, end)
    return tuple(out)


_ORDER = attrgetter("on", "client", "row", "worker", "method", "note")


def _message_as_phone(r: ContactRecord, schedule: ContactSchedule) -> str | None:
    """Why this 电访 looks like a WeChat/SMS message, or None."""
    word = next((w for w in schedule.message_words if w in r.note), None)
    if word is not None:
        return f"方式为电访，备注含「{word}」（备注：{r.note}）"
    if r.greeting and r.minutes is not None and r.minutes < schedule.min_minutes:
        return f"节日慰问记为电访，时长仅 {r.minutes} 分钟（少于 {schedule.min_minutes} 分钟）"
    return None


def _record_pattern(kind: str, r: ContactRecord, why: str, zone_of: dict[str, str]) -> Pattern:
    where = f"第{r.row}行，" if r.row else ""
    detail = f"{where}{r.on.isoformat()} 服务对象 {r.client}，社工 {r.worker}：{why}"
    return Pattern(
        kind, detail, client=r.client, worker=r.worker, zone=zone_of.get(r.client), on=r.on
    )


def _busy_days(worked: dict[str, list[date]], schedule: ContactSchedule) -> list[Pattern]:
    """Days on which a worker made more counted contacts than plausible (`worked`: each
    worker's counted contacts by date; counted worker by worker, no object per record)."""
    top = schedule.max_per_worker_day
    busy = [
        (on, worker, n)
        for worker, days in worked.items()
        for on, n in Counter(days).items()
        if n > top
    ]
    return [
        Pattern(
            BUSY_WORKER_DAY,
            f"社工 {worker} 在 {on.isoformat()} 有 {n} 次计入的联系，多于 {top} 次",
            worker=worker,
            on=on,
        )
        for on, worker, n in sorted(busy)
    ]


def _no_contact(data: ContactData, contacted: set[str], start: date, end: date) -> list[Pattern]:
    """Clients on the roster for the whole period without one counted contact in it."""
    return [
        Pattern(
            NO_CONTACT,
            f"服务对象 {c.number}（{c.zone}{c.community}，{c.grade}级）在考核期"
            f"（{start.isoformat()} 至 {end.isoformat()}）内全程在册，没有任何计入的联系",
            client=c.number,
            zone=c.zone,
        )
        for c in data.clients
        if (c.filed is None or c.filed <= start)
        and (c.closed is None or c.closed >= end)
        and c.number not in contacted
    ]


def _missing_greetings(
    data: ContactData,
    schedule: ContactSchedule,
    greeted: dict[str, list[date]],
    start: date,
    end: date,
) -> list[Pattern]:
    """Clients on the roster on a listed holiday's first day with no 节日慰问 record (any 方式)
    in its window (`greeted`: each client's greeting dates, of any day)."""
    out = []
    for w in holiday_windows(schedule, start, end):
        holiday = f"{w.name}（{w.day.isoformat()}）"
        window = f"在 {w.first.isoformat()} 至 {w.last.isoformat()} 没有节日慰问记录"
        done = {
            client for client, days in greeted.items() if any(w.first <= d <= w.last for d in days)
        }
        for c in data.clients:
            on_roster = (c.filed is None or c.filed <= w.day) and (
                c.closed is None or c.closed >= w.day
            )
            if on_roster and c.number not in done:
                out.append(
                    Pattern(
                        MISSING_GREETING,
                        f"{holiday}：服务对象 {c.number}（{c.zone}{c.community}）{window}",
                        client=c.number,
                        zone=c.zone,
                        on=w.day,
                    )
                )
    return out
