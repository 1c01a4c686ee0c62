"""Notes of interviews and site visits (访谈记录): whom the experts spoke with (a role, never a
client's name or phone), how many, when, what was said and the finding of the round it
supports. Added once per form (a double click adds one note: the form's token), edited and
deleted version-checked (docs/concurrency.md, subject `interview:<id>`)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import time

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import QueryDict

from pinggu import Interviewee

from .. import audit, audit_text
from ..models import FindingEntry, InterviewEntry, Round
from .day import parse_time

WHO_LIMIT = 60
SUMMARY_LIMIT = 2000
PEOPLE_MAX = 999
KINDS = [k.value for k in Interviewee]
# Seven or more digits in a row: a phone number or an ID, which a note must not carry.
LONG_NUMBER = re.compile(r"\d{7,}")


@dataclass(frozen=True)
class Note:
    kind: str
    who: str
    people: int
    at: time | None
    summary: str
    finding: FindingEntry | None

    def described(self) -> dict[str, object]:
        """As the audit log keeps it (old/new)."""
        return {
            "interviewee": self.kind,
            "who": self.who,
            "people": self.people,
            "at": self.at.strftime("%H:%M") if self.at else "",
            "summary": self.summary,
            "finding": self.finding.text if self.finding else "",
        }


def new_token() -> str:
    return secrets.token_urlsafe(16)


def findings_of(round_: Round) -> list[FindingEntry]:
    """The round's findings a note may support."""
    return list(FindingEntry.objects.filter(round=round_))


def parse(round_: Round, post: QueryDict) -> Note | list[str]:
    """The posted note, or its problems."""
    problems = []
    kind, who = post.get("kind", ""), post.get("who", "").strip()
    summary = post.get("summary", "").strip()
    if kind not in KINDS:
        problems.append("请选择对象类型")
    if not who:
        problems.append("请填写对象（写身份，如「站长」「独居长者」，不写姓名）")
    elif len(who) > WHO_LIMIT:
        problems.append(f"对象不能超过 {WHO_LIMIT} 字（现为 {len(who)} 字）")
    if len(summary) > SUMMARY_LIMIT:
        problems.append(f"内容不能超过 {SUMMARY_LIMIT} 字（现为 {len(summary)} 字）")
    if LONG_NUMBER.search(who) or LONG_NUMBER.search(summary):
        problems.append("对象和内容中不要写电话号码、身份证号等个人信息")
    raw_people = post.get("people", "").strip()
    people = int(raw_people) if raw_people.isascii() and raw_people.isdigit() else 0
    if not 1 <= people <= PEOPLE_MAX:
        problems.append(f"人数应为 1 到 {PEOPLE_MAX} 的整数，实为「{raw_people}」")
    at = parse_time(post.get("at", ""), "时间")
    if isinstance(at, str):
        problems.append(at)
    finding = None
    if raw := post.get("finding", ""):
        found = FindingEntry.objects.filter(
            round=round_, pk=raw if raw.isascii() and raw.isdigit() else 0
        ).first()
        if found is None:
            problems.append("所选的意见已不存在，请重新选择")
        finding = found
    if problems or isinstance(at, str):
        return problems
    return Note(kind, who, people, at, summary, finding)


def add(round_: Round, user: User, note: Note, token: str) -> bool:
    """Store a new note; False when this form (its token) was already stored."""
    if not token:
        token = new_token()
    try:
        with transaction.atomic():
            audit.lock(round_)
            if InterviewEntry.objects.filter(round=round_, token=token).exists():
                return False
            entry = InterviewEntry.objects.create(
                round=round_, author=user, token=token, **_fields(note)
            )
            audit.record(round_, user, "记录访谈", new=note.described(), subject=subject(entry.pk))
    except IntegrityError:  # the same form posted at the same moment
        return False
    return True


def _fields(note: Note) -> dict[str, object]:
    return {
        "kind": note.kind,
        "who": note.who,
        "people": note.people,
        "at": note.at,
        "summary": note.summary,
        "finding": note.finding,
    }


def _note(entry: InterviewEntry) -> Note:
    return Note(entry.kind, entry.who, entry.people, entry.at, entry.summary, entry.finding)


def subject(entry_id: int) -> str:
    return f"interview:{entry_id}"


GONE = "这条访谈记录已被删除（可能在另一个标签页中）"


def _current(round_: Round, entry_id: int, since: int | None) -> InterviewEntry | str:
    """The note to change, with the round locked; else why not: gone, or changed since the
    form was opened (version `since`)."""
    audit.lock(round_)
    entry = InterviewEntry.objects.filter(round=round_, pk=entry_id).first()
    if entry is None:
        return GONE
    stale = audit.stale(round_, since, [subject(entry_id)], audit_text.field_name)
    return stale or entry


@transaction.atomic
def edit(round_: Round, user: User, entry_id: int, note: Note, since: int | None) -> str:
    """Change a note; the problem ("" none): gone, or changed since the form was opened."""
    entry = _current(round_, entry_id, since)
    if isinstance(entry, str):
        return entry
    old = _note(entry)
    if old == note:
        return ""
    for name, value in _fields(note).items():
        setattr(entry, name, value)
    entry.save()
    audit.record(
        round_,
        user,
        "修改访谈记录",
        old=old.described(),
        new=note.described(),
        subject=subject(entry_id),
    )
    return ""


@transaction.atomic
def remove(round_: Round, user: User, entry_id: int, since: int | None) -> str:
    entry = _current(round_, entry_id, since)
    if isinstance(entry, str):
        return entry
    old = _note(entry).described()
    entry.delete()
    audit.record(round_, user, "删除访谈记录", old=old, subject=subject(entry_id))
    return ""
