"""Who checked which report (the page 报告核对, pinggu/web/checks/): one row per upload, with
the file's fingerprint and the engine's result, so a check can be shown and exported again and
the bureau can see what it checked. A checked report belongs to no round, so this row is the
record of the check, not an entry of the rounds' audit log (docs/roles.md, check_report)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import models


class ReportCheck(models.Model):
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="report_checks")
    filename = models.CharField(max_length=255)  # as the user named it
    size = models.PositiveIntegerField()  # bytes
    sha256 = models.CharField(max_length=64)
    checked_at = models.DateTimeField(auto_now_add=True)
    checked = models.PositiveIntegerField()  # figures and relations checked
    problems = models.PositiveIntegerField()
    # `pinggu check --json`'s document (CheckResult.to_dict), with the unchecked figures.
    result: models.JSONField[Any, Any] = models.JSONField()

    class Meta:
        ordering = ("-checked_at", "-pk")
