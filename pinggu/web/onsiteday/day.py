"""The on-site day's agenda (环节 with times and notes) and the experts present: one form, saved
whole and version-checked (docs/concurrency.md, subject `onsite-day`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from django.contrib.auth.models import User
from django.db import transaction
from django.http import QueryDict

from pinggu import AgendaItem, OnSite, OnSiteActivity

from .. import audit, audit_text, engine
from ..models import AgendaEntry, OnSiteAttendance, Round

SUBJECT = "onsite-day"
NOTE_LIMIT = 200
BLANK_ROWS = 3  # empty rows offered below the agenda, for 环节 to add
TIME = re.compile(r"(\d{1,2})[:：](\d{2})", re.ASCII)
ACTIVITIES = [a.value for a in OnSiteActivity]


@dataclass(frozen=True)
class Row:
    activity: str
    start: str
    end: str
    note: str


def _hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def rows(round_: Round) -> list[Row]:
    """The agenda as the round goes by, and blank rows to add 环节."""
    stored = [Row(str(e.activity), _hhmm(e.start), _hhmm(e.end), e.note) for e in agenda(round_)]
    # Blank rows only: a 环节 offered already chosen would be recorded (and told in the
    # report's method paragraph) without anyone saying it took place.
    return stored + [Row("", "", "", "")] * (BLANK_ROWS if stored else len(ACTIVITIES) + 2)


def posted_rows(post: QueryDict) -> list[Row]:
    count = min(int(n) if (n := post.get("rows", "0")).isascii() and n.isdigit() else 0, 60)
    return [
        Row(
            *(post.get(f"{field}{i}", "").strip() for field in ("activity", "start", "end", "note"))
        )
        for i in range(count)
    ]


def experts_of(round_: Round) -> list[str]:
    """Whom the form offers as present: the round's assigned experts by the name the report
    prints, and anyone already recorded as present (the workbook's 出席专家, an expert since
    unassigned), so that saving the form never drops a name unseen."""
    assigned = [u.get_full_name() or u.username for u in round_.experts.order_by("username")]
    return assigned + [n for n in present(round_) if n not in assigned]


def sheet(round_: Round) -> OnSite:
    """The uploaded workbook's on-site records (its 实地评估安排 and 访谈记录 sheets)."""
    data = engine.data_of(round_)
    return (data.onsite if data else None) or OnSite()


def agenda(round_: Round) -> Sequence[AgendaEntry | AgendaItem]:
    """The agenda the round goes by: the workspace's once recorded there, else the workbook's
    (as engine.py reads it)."""
    return list(AgendaEntry.objects.filter(round=round_)) or list(sheet(round_).agenda)


def present(round_: Round) -> list[str]:
    """The experts present: the workspace's once recorded there, else the workbook's."""
    day = OnSiteAttendance.objects.filter(round=round_).first()
    if day is not None and day.experts_present:
        return [str(name) for name in day.experts_present]
    return list(sheet(round_).experts_present)


def parse_time(text: str, where: str) -> time | str | None:
    """A time typed as 9:30 or 09:30 (full-width digits and colon accepted), or the problem."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    m = TIME.fullmatch(text)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return f"{where}：「{text}」不是时间（请填写如 09:30）"
    return time(int(m[1]), int(m[2]))


@dataclass(frozen=True)
class Parsed:
    activity: str
    start: time | None
    end: time | None
    note: str


def parse(rows_: list[Row]) -> tuple[list[Parsed], list[str]]:
    """The filled rows, in order, or the problems (each naming its row)."""
    parsed, problems = [], []
    for n, row in enumerate(rows_, start=1):
        if not (row.activity or row.start or row.end or row.note):
            continue
        where = f"第 {n} 行"
        if row.activity not in ACTIVITIES:
            problems.append(f"{where}：请选择环节")
            continue
        start, end = (
            parse_time(row.start, f"{where}开始时间"),
            parse_time(row.end, f"{where}结束时间"),
        )
        for value in (start, end):
            if isinstance(value, str):
                problems.append(value)
        if isinstance(start, str) or isinstance(end, str):
            continue
        if start and end and end <= start:
            problems.append(f"{where}：结束时间 {_hhmm(end)} 应晚于开始时间 {_hhmm(start)}")
        if len(row.note) > NOTE_LIMIT:
            problems.append(f"{where}：说明不能超过 {NOTE_LIMIT} 字（现为 {len(row.note)} 字）")
        parsed.append(Parsed(row.activity, start, end, row.note))
    return parsed, problems


def save(
    round_: Round, user: User, rows_: list[Row], chosen: list[str], since: int | None
) -> tuple[list[str], bool]:
    """Store the agenda and the experts present; (problems, whether it was a conflict)."""
    parsed, problems = parse(rows_)
    known = experts_of(round_)
    if any(name not in known for name in chosen):
        problems.append("出席专家只能从本评估指派的专家（或已记录的出席专家）中选择")
    if problems:
        return problems, False
    conflict = _store(round_, user, parsed, [n for n in known if n in chosen], since)
    return ([conflict], True) if conflict else ([], False)


def _described(entries: list[Parsed]) -> list[str]:
    return [f"{e.activity} {_hhmm(e.start)}—{_hhmm(e.end)} {e.note}".strip() for e in entries]


@transaction.atomic
def _store(
    round_: Round, user: User, parsed: list[Parsed], chosen: list[str], since: int | None
) -> str:
    audit.lock(round_)
    stored = [
        Parsed(e.activity, e.start, e.end, e.note) for e in AgendaEntry.objects.filter(round=round_)
    ]
    day = OnSiteAttendance.objects.filter(round=round_).first()
    before = [str(name) for name in day.experts_present] if day else []
    if stored == parsed and before == chosen:  # nothing to change (a double click's second post)
        return ""
    stale = audit.stale(round_, since, [SUBJECT], audit_text.field_name)
    if stale:
        return stale
    AgendaEntry.objects.filter(round=round_).delete()
    for order, e in enumerate(parsed):
        AgendaEntry.objects.create(
            round=round_, order=order, activity=e.activity, start=e.start, end=e.end, note=e.note
        )
    OnSiteAttendance.objects.update_or_create(round=round_, defaults={"experts_present": chosen})
    audit.record(
        round_,
        user,
        "记录实地评估安排",
        old={"agenda": _described(stored), "present": before},
        new={"agenda": _described(parsed), "present": chosen},
        subject=SUBJECT,
    )
    return ""
