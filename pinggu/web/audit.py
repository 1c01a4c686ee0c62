"""The only writer of the audit log (`AuditEntry`): who changed what in a round, when, from
what to what, and why — and, read back, the version check of every form that edits a round.

Every change that can move a round's result (data, scores, findings, survey, state) records
an entry in the same transaction: the round's latest entry is its revision (engine.py), the
key of its stored result, so a change that wrote no entry would leave a stale result served.
Once that transaction commits, the round's result is computed and stored (engine.refresh).

Forms (scores, findings, the survey desk) carry the round's version when they were opened (the
id of its latest entry, `version`); a save first locks the round (`lock`) and asks which
entries about the same thing (`subject`) came after that version (`changes_since`). If any did,
the save is refused with what changed (`conflict_message`), never applied on top
(docs/concurrency.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from . import engine
from .models import AuditEntry, Round


def record(
    round_: Round | None,
    user: User | None,
    action: str,
    *,
    old: Any = None,
    new: Any = None,
    reason: str = "",
    subject: str = "",
) -> AuditEntry:
    """Log one change: `action` in Chinese (e.g. 上传数据), `old` and `new` as JSON values,
    `subject` what a form's version check looks for (e.g. "call:12")."""
    entry = AuditEntry.objects.create(
        round=round_, user=user, action=action, old=old, new=new, reason=reason, subject=subject
    )
    if round_ is not None:
        # robust: a failed computation is logged and left to the next read, never turned into
        # an error for a change that has already been saved.
        round_id = round_.pk
        transaction.on_commit(lambda: engine.refresh(round_id), robust=True)
    return entry


def lock(round_: Round) -> None:
    """Hold the round until the transaction ends (PostgreSQL; SQLite's BEGIN IMMEDIATE already
    holds the whole database): writes that a version check compares are then made one after
    the other, never interleaved."""
    Round.objects.select_for_update().filter(pk=round_.pk).exists()


def version(round_: Round) -> int:
    """The round's version for a form being opened: the id of its latest entry (0 before any).

    Read under the lock, so an entry that a writer holding the lock has numbered but not yet
    committed (PostgreSQL numbers before it commits) is committed before the form learns its
    version: a later entry about the same subject always has a larger id."""
    with transaction.atomic():
        lock(round_)
        latest = round_.audit.order_by("-id").values_list("id", flat=True).first()
    return latest or 0


def parse_version(raw: str | None) -> int | None:
    """The version a form posted; None when it is missing or not a number (a stale or forged
    form, treated as a conflict with everything)."""
    text = (raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


def changes_since(round_: Round, since: int | None, subjects: Sequence[str]) -> list[AuditEntry]:
    """The round's entries about these subjects after version `since`, oldest first (all of
    them when the form carried no version)."""
    entries = AuditEntry.objects.filter(round=round_, subject__in=list(subjects))
    if since is not None:
        entries = entries.filter(id__gt=since)
    return list(entries.select_related("user").order_by("id"))


# The JSON keys the workspace writes in old/new, as a user reads them.
FIELD_NAMES = {
    "answers": "回答",
    "attempt": "第几次拨打",
    "client": "服务对象",
    "comment": "意见",
    "filename": "文件",
    "not_reached": "未联系上",
    "reached": "已联系上",
    "reason": "原因",
    "status": "结果",
    "text": "内容",
    "zone": "片区",
}
EMPTY = "（空）"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list):
        return "、".join(EMPTY if v is None else str(v) for v in value)
    return str(value)


def _fields(entry: AuditEntry, label: Callable[[str], str]) -> list[str]:
    old = entry.old if isinstance(entry.old, dict) else {}
    new = entry.new if isinstance(entry.new, dict) else {}
    out = []
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key), new.get(key)
        if before != after:
            out.append(f"{label(key)}：{_shown(before)} → {_shown(after)}")
    return out


def conflict_message(
    entries: Sequence[AuditEntry], label: Callable[[str], str] | None = None
) -> str:
    """What changed since the form was opened, in Chinese: who, when, which field from what to
    what. `label` names a field key (default: FIELD_NAMES)."""
    name = label or (lambda key: FIELD_NAMES.get(key, key))
    if not entries:
        return "此表单已过期（没有版本号），未保存：请重新打开后再填写。"
    parts = []
    for e in entries:
        who = (e.user.get_full_name() or e.user.username) if e.user else "系统"
        when = timezone.localtime(e.at).strftime("%H:%M:%S")
        fields = "；".join(_fields(e, name))
        parts.append(f"{who} 于 {when} {e.action}" + (f"（{fields}）" if fields else ""))
    return (
        "自您打开此表单后，以下内容已被修改，您的保存未执行（您填写的内容仍在表单中，"
        "请核对后再保存）：" + "；".join(parts) + "。"
    )


def stale(
    round_: Round,
    since: int | None,
    subjects: Sequence[str],
    label: Callable[[str], str] | None = None,
) -> str:
    """Why a form opened at version `since` may not save over `subjects` ("" when it may): what
    changed about them since, as `conflict_message` says it."""
    changed = changes_since(round_, since, subjects)
    return conflict_message(changed, label) if changed else ""
