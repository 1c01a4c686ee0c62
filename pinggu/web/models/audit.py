"""The audit log: every change to a round's data, scores, findings, survey or state writes one
entry (who, when, old, new, reason), through `pinggu.web.audit.record` only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .rounds import Round


class AuditEntry(models.Model):
    """Who changed what in a round, when, from what to what, and why."""

    # SET_NULL: a deleted round's history (its creation, edits and deletion) stays in the log.
    round = models.ForeignKey(Round, null=True, on_delete=models.SET_NULL, related_name="audit")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField("操作", max_length=60)
    old: models.JSONField[Any, Any] = models.JSONField(null=True)
    new: models.JSONField[Any, Any] = models.JSONField(null=True)
    reason = models.CharField("原因", max_length=200, blank=True)
    # What the change was to, for the forms' version checks (audit.py): "score:<party>:<judge
    # id>", "finding:<id>", "draft:<digest>", "call:<id>"; empty for changes no form checks.
    subject = models.CharField("对象", max_length=80, blank=True, db_index=True)

    class Meta:
        ordering = ("-at", "-id")
