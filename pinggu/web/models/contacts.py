"""What 兜底 follow-up stores: the station's contact records (服务记录) and grade changes
(分级变更), each upload a numbered batch, and the station's follow-up summary as computed.

Records belong to the station, not to a round: a station uploads them whenever it likes
(monthly, say), each upload checked against its latest client roster. An upload covering dates
already stored replaces the stored rows of those dates (pinggu/web/followup/records.py), so a
date's records are always those of the last upload that covered it. The rows carry a client's
number (编号) only: names and phones stay in `RosterClient`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .people import Station
from .rounds import Round
from .survey import ClientRoster


class ContactBatch(models.Model):
    """One accepted upload of records: what it covered and what it replaced."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="contact_batches")
    number = models.PositiveIntegerField("批次")
    sha256 = models.CharField("文件摘要", max_length=64)
    filename = models.CharField("文件名", max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The roster version and the round (its 考核期 and 到岗) the records were checked against.
    roster = models.ForeignKey(ClientRoster, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, null=True, on_delete=models.SET_NULL, related_name="+")
    # The dates the upload covers: its first and last record (its grade changes apart).
    first = models.DateField("首条记录日期")
    last = models.DateField("末条记录日期")
    records = models.PositiveIntegerField("记录条数")
    replaced = models.PositiveIntegerField("替换的记录条数", default=0)
    changes = models.PositiveIntegerField("分级变更条数", default=0)
    replaced_changes = models.PositiveIntegerField("替换的分级变更条数", default=0)

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("station", "number"), name="one_contact_batch_number"),
        )


class ContactEntry(models.Model):
    """One record (one contact with one client), as the engine's ContactRecord."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey(ContactBatch, on_delete=models.CASCADE, related_name="entries")
    client = models.CharField("服务对象编号", max_length=40)
    on = models.DateField("日期")
    at = models.TimeField("时间", null=True)
    method = models.CharField("方式", max_length=10)
    worker = models.CharField("社工", max_length=40)
    minutes = models.IntegerField("时长（分钟）", null=True)
    greeting = models.BooleanField("节日慰问", default=False)
    note = models.TextField("备注", blank=True)
    row = models.PositiveIntegerField("行", default=0)  # in the uploaded file

    class Meta:
        indexes = (models.Index(fields=("station", "on"), name="contact_station_day"),)


class GradeChangeEntry(models.Model):
    """One row of 分级变更: from `on` the client is graded `grade`."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey(ContactBatch, on_delete=models.CASCADE, related_name="grade_changes")
    client = models.CharField("服务对象编号", max_length=40)
    on = models.DateField("日期")
    grade = models.PositiveSmallIntegerField("分级")

    class Meta:
        indexes = (models.Index(fields=("station", "on"), name="grade_change_station_day"),)


class StoredFollowUp(models.Model):
    """A station's follow-up over one period, as the pages read it (followup/summary.py),
    stored once per state of its inputs: `key` hashes the station, its latest batch, its
    latest roster, the period, the scheme and the engine's build."""

    key = models.CharField(max_length=64, primary_key=True)
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    summary: models.JSONField[Any, Any] = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)
