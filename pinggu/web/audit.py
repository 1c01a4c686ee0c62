"""The only writer of the audit log (`AuditEntry`): who changed what in a round, when, from
what to what, and why.

Every change that can move a round's result (data, scores, findings, survey, state) records
an entry in the same transaction: the round's latest entry is its revision (engine.py), the
key of its stored result, so a change that wrote no entry would leave a stale result served.
Once that transaction commits, the round's result is computed and stored (engine.refresh).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

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
) -> AuditEntry:
    """Log one change: `action` in Chinese (e.g. 上传数据), `old` and `new` as JSON values."""
    entry = AuditEntry.objects.create(
        round=round_, user=user, action=action, old=old, new=new, reason=reason
    )
    if round_ is not None:
        # robust: a failed computation is logged and left to the next read, never turned into
        # an error for a change that has already been saved.
        round_id = round_.pk
        transaction.on_commit(lambda: engine.refresh(round_id), robust=True)
    return entry
