"""What file spot checks (档案抽查) store: the station's file lists of a round, the round's
draw, and each drawn file with the experts' checklist marks (docs/onsite.md).

A list upload is a new numbered version of the round's lists, never overwritten; the draw names
the version it was drawn from, so it can be re-run later and a newer version is noticed. The
checklists are stored with the draw (the scheme's at the time), as the survey stores its
questionnaire. Marks are kept with their file, one form per file: a save writes them all or none.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .rounds import Round


class FileList(models.Model):
    """One accepted upload of a round's file lists (个案、小组、社区活动档案清单)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="file_lists")
    number = models.PositiveIntegerField("版本")
    filename = models.CharField("文件名", max_length=200)
    fingerprint = models.CharField("指纹", max_length=64)
    # Every FileEntry as plain JSON (spotcheck/lists.py `entry_to_dict`).
    entries: models.JSONField[Any, Any] = models.JSONField()
    files_count = models.PositiveIntegerField("档案数")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("round", "number"), name="one_file_list_number"),
        )


class SpotCheckDraw(models.Model):
    """A round's draw of files to check: the engine's FileDraw as JSON, with its list version."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="file_draw")
    file_list = models.ForeignKey(FileList, on_delete=models.PROTECT, related_name="draws")
    seed = models.CharField("种子", max_length=100)
    data: models.JSONField[Any, Any] = models.JSONField()  # pinggu file_draw_to_dict()
    # The checklists as drawn: {"个案": ["知情同意书签名", …], …}.
    checklists: models.JSONField[Any, Any] = models.JSONField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    drawn_at = models.DateTimeField(auto_now_add=True)


class CheckedFile(models.Model):
    """A drawn file (or a reserve file that took a missing one's place) and its marks."""

    class Status(models.TextChoices):
        PENDING = "pending", "待检查"
        CHECKED = "checked", "已检查"
        MISSING = "missing", "找不到"  # replaced by a reserve file, or none was left

    draw = models.ForeignKey(SpotCheckDraw, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField("顺序")
    type = models.CharField("类型", max_length=10)
    file_id = models.CharField("编号", max_length=60)
    zone = models.CharField("片区", max_length=40)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default="pending")
    # One per checklist item, in its order: {"item": 名称, "verdict": 符合|不符合|不适用, "note": …}.
    marks: models.JSONField[Any, Any] = models.JSONField(default=list)
    missing_reason = models.CharField("找不到的原因", max_length=200, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("position",)
        constraints = (
            models.UniqueConstraint(
                fields=("draw", "type", "file_id"), name="one_checked_file_per_file"
            ),
            models.UniqueConstraint(fields=("draw", "position"), name="one_checked_file_position"),
        )
