"""The experts' checklist marks (检查项: 符合 / 不符合 / 不适用 and a note), one form per file.

A save is all or nothing and conflict-checked like the survey desk (docs/concurrency.md): the
form carries the round's version when it was opened, and a save after someone else (or another
tab) saved the same file, replaced it or made the draw again is refused with what changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from pinggu import Verdict

from .. import audit
from ..models import CheckedFile
from .draw import checklist, guard, subject
from .lists import SpotCheckRefused

Status = CheckedFile.Status
VERDICTS = tuple(v.value for v in Verdict)
NOTE_LIMIT = 500


@dataclass(frozen=True)
class Mark:
    item: str
    verdict: str  # one of VERDICTS, or "" when not chosen
    note: str

    def as_dict(self) -> dict[str, str]:
        return {"item": self.item, "verdict": self.verdict, "note": self.note}


def posted_marks(post: QueryDict, items: list[str]) -> list[Mark]:
    """The form's marks, item by item (`verdict<i>`, `note<i>`), as typed."""
    return [
        Mark(item, post.get(f"verdict{i}", "").strip(), post.get(f"note{i}", "").strip())
        for i, item in enumerate(items)
    ]


def stored_marks(file: CheckedFile, items: list[str]) -> list[Mark]:
    """The file's saved marks in the checklist's order (blank for an item not yet marked)."""
    saved = {m["item"]: m for m in file.marks or []}
    return [
        Mark(item, saved.get(item, {}).get("verdict", ""), saved.get(item, {}).get("note", ""))
        for item in items
    ]


def problems(marks: list[Mark]) -> dict[int, str]:
    """What is wrong with the marks, by item index: every item needs a verdict; a note fits."""
    out = {}
    for i, m in enumerate(marks):
        if m.verdict not in VERDICTS:
            out[i] = f"「{m.item}」：请选择{'、'.join(VERDICTS)}之一"
        elif len(m.note) > NOTE_LIMIT:
            out[i] = f"「{m.item}」：说明不能超过 {NOTE_LIMIT} 字（现为 {len(m.note)} 字）"
    return out


@transaction.atomic
def save_marks(file: CheckedFile, user: User, marks: list[Mark], since: int | None) -> None:
    """Store a file's marks (every item of its checklist), refused when stale or locked."""
    posted = [m.as_dict() for m in marks]
    round_, file = guard(file, since, lambda f: f.status == Status.CHECKED and f.marks == posted)
    if file.status == Status.CHECKED and file.marks == posted:
        return  # nothing to change
    if file.status == Status.MISSING:
        raise SpotCheckRefused(f"档案 {file.file_id} 已记为找不到，不能填写检查表")
    items = checklist(file.draw, file.type)
    if [m.item for m in marks] != items:
        raise SpotCheckRefused("检查项与抽样时的检查表不一致：请重新打开此档案")
    wrong = problems(marks)
    if wrong:
        raise SpotCheckRefused("；".join(wrong.values()))
    old = {"marks": file.marks} if file.marks else None
    file.marks = [m.as_dict() for m in marks]
    file.status = Status.CHECKED
    file.checked_by, file.checked_at = user, timezone.now()
    file.save()
    new = {"type": file.type, "file": file.file_id, "marks": file.marks}
    audit.record(round_, user, "档案检查", old=old, new=new, subject=subject(file))
