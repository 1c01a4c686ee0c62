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

__all__ = ["KINDS", "find_patterns"]

KINDS: dict[str, str] = {
    "message_as_phone": "记为电访的微信或短信",
    "short_contact": "时长过短的联系",
    "busy_worker_day": "社工一天内联系过多",
    "no_contact": "考核期内没有任何联系",
    "missing_greeting": "节日没有慰问",
}


def find_patterns(
    data: ContactData, schedule: ContactSchedule, start: date, end: date
) -> tuple[Pattern, ...]:
    """Every pattern of the period, kind by kind in the order of `KINDS`."""
    zone_of = {c.number: c.zone for c in data.clients}
    records = [r for r in data.records if start <= r.on <= end]
    min_minutes = schedule.min_minutes
    phone: list[tuple[ContactRecord, str]] = []
    short: list[tuple[ContactRecord, str]] = []
    for r in records:
        why = _message_as_phone(r, schedule)
        if why:
            phone.append((r, why))
        elif r.minutes is not None and r.minutes < min_minutes and r.method in schedule.counted:
            short.append((r, f"时长 {r.minutes} 分钟，少于 {min_minutes} 分钟"))
    out: list[Pattern] = []
    for kind, found in (("message_as_phone", phone), ("short_contact", short)):
        found.sort(key=lambda f: _ORDER(f[0]))  # the same order whatever the records' order
        out += [_record_pattern(kind, r, why, zone_of) for r, why in found]
    out += _busy_days(records, schedule)
    out += _no_contact(data, schedule, records, start, end)
    out += _missing_greetings(data, schedule, start, end)
    return tuple(out)


_ORDER = attrgetter("on", "client", "row", "worker", "method", "note")


def _message_as_phone(r: ContactRecord, schedule: ContactSchedule) -> str | None:
    """Why this 电访 looks like a WeChat/SMS message, or None."""
    if r.method is not Method.PHONE:
        return None
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


def _busy_days(records: list[ContactRecord], schedule: ContactSchedule) -> list[Pattern]:
    per_day = Counter((r.worker, r.on) for r in records if r.method in schedule.counted)
    top = schedule.max_per_worker_day
    return [
        Pattern(
            "busy_worker_day",
            f"社工 {worker} 在 {on.isoformat()} 有 {n} 次计入的联系，多于 {top} 次",
            worker=worker,
            on=on,
        )
        for (worker, on), n in sorted(per_day.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        if n > top
    ]


def _no_contact(
    data: ContactData,
    schedule: ContactSchedule,
    records: list[ContactRecord],
    start: date,
    end: date,
) -> list[Pattern]:
    """Clients on the roster for the whole period without one counted contact in it."""
    contacted = {r.client for r in records if r.method in schedule.counted}
    return [
        Pattern(
            "no_contact",
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
    data: ContactData, schedule: ContactSchedule, start: date, end: date
) -> list[Pattern]:
    """Clients on the roster on a listed holiday's first day with no 节日慰问 record (any 方式)
    in its window."""
    greeted: defaultdict[str, list[date]] = defaultdict(list)
    for r in data.records:  # a window may open before the period does
        if r.greeting:
            greeted[r.client].append(r.on)
    out = []
    for w in holiday_windows(schedule, start, end):
        for c in data.clients:
            on_roster = (c.filed is None or c.filed <= w.day) and (
                c.closed is None or c.closed >= w.day
            )
            if on_roster and not any(w.first <= d <= w.last for d in greeted[c.number]):
                out.append(
                    Pattern(
                        "missing_greeting",
                        f"{w.name}（{w.day.isoformat()}）：服务对象 {c.number}（{c.zone}{c.community}）"
                        f"在 {w.first.isoformat()} 至 {w.last.isoformat()} 没有节日慰问记录",
                        client=c.number,
                        zone=c.zone,
                        on=w.day,
                    )
                )
    return out
