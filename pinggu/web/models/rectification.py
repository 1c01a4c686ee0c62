"""Rectification (整改) in the workspace: every kept 需要关注 finding of an issued round becomes an
item the station answers (整改措施 and evidence) and the experts mark at the station's next
round (docs/rectification.md).

An item belongs to the round whose report raised it; the station is its owner. The finding's
words are copied when the report is issued (the report printed them so), and the link to the
finding is kept so that issuing again after a reopen updates the item instead of adding one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .people import Station
from .rounds import FindingEntry, Round


class RectificationItem(models.Model):
    """A concern of an issued round that the station must rectify."""

    class Status(models.TextChoices):
        DONE = "已整改", "已整改"
        PARTIAL = "部分整改", "部分整改"
        NOT_DONE = "未整改", "未整改"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rectification_items")
    station = models.ForeignKey(
        Station, on_delete=models.PROTECT, related_name="rectification_items"
    )
    # The finding it was raised from; None once the finding is gone (deleted after a reopen).
    finding = models.OneToOneField(
        FindingEntry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_item",
    )
    number = models.PositiveIntegerField("序号")
    section = models.CharField("部分", max_length=40)
    zone = models.CharField("片区", max_length=40, blank=True)
    concern = models.TextField("意见")
    issued_on = models.DateField("报告出具日期")
    due = models.DateField("整改期限", null=True, blank=True)  # None: the scheme sets none
    # Issued again without this finding (deleted or no longer a concern): kept for the
    # station's response, but no longer followed.
    withdrawn = models.BooleanField("已撤回", default=False)
    response = models.TextField("整改措施", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField("整改情况", max_length=10, choices=Status.choices, blank=True)
    note = models.TextField("说明", blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(null=True, blank=True)
    # The next round's concern that repeats this item (「与中期评估意见一致，」).
    repeated_as = models.OneToOneField(
        FindingEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )

    class Meta:
        ordering = ("round", "number")
        constraints = (
            models.UniqueConstraint(fields=("round", "number"), name="one_item_number_per_round"),
        )

    def __str__(self) -> str:
        return f"{self.round} 意见 {self.number}"


class RectificationEvidence(models.Model):
    """A document the station uploaded as evidence of an item's rectification (PDF, Word or an
    image, its type read from its content; stored in the database, bounded in size)."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)  # uploads.DOCUMENT_BY_KEY
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("item", "sha256"), name="one_copy_of_evidence"),
        )
