"""A round and what the parties put into it: data versions, scores, findings, completed steps
and objections.

A round's input is the engine's own `Evaluation`, stored as the exact JSON of
`pinggu.evaluation_to_dict` in numbered, never-overwritten data versions.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .people import Organization, Station


class Round(models.Model):
    """One evaluation (中期 or 末期) of one station."""

    class Kind(models.TextChoices):
        MIDTERM = "midterm", "中期评估"
        FINAL = "final", "末期评估"

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="rounds")
    evaluator = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField("评估类型", max_length=10, choices=Kind.choices)
    scheme = models.CharField("评估方案", max_length=60, default="guangzhou-2023")
    period_start = models.DateField("考核期开始")
    period_end = models.DateField("考核期结束")
    fieldwork_date = models.DateField("实地评估日期")
    state = models.CharField("状态", max_length=32, default="plan")
    locked = models.BooleanField("数据已锁定", default=False)
    # 复核 under way: opened by the district bureau after an objection during 公示, it lifts
    # the lock for the correction until completed (docs/workflow.md).
    reviewing = models.BooleanField("复核中", default=False)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_rounds"
    )
    notes = models.TextField("备注", blank=True)
    # A house style's name (pinggu styles); blank: the one the evaluator's agency uses by default.
    report_style = models.CharField("报告样式", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-fieldwork_date", "station__name")
        # One round of a kind per station and period; planning also refuses overlapping periods.
        constraints = (
            models.UniqueConstraint(
                fields=("station", "kind", "period_start"), name="one_round_per_period_start"
            ),
            models.UniqueConstraint(
                fields=("station", "kind", "period_end"), name="one_round_per_period_end"
            ),
        )

    def __str__(self) -> str:
        return f"{self.station}{self.get_kind_display()}"

    def latest_data(self) -> DataVersion | None:
        return self.versions.order_by("-number").first()


class DataVersion(models.Model):
    """An accepted upload of the station's data: the whole Evaluation as engine JSON."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    data: models.JSONField[Any, Any] = models.JSONField()
    filename = models.CharField("文件名", max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField("修改原因", max_length=200, blank=True)

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("round", "number"), name="one_number_per_round"),
        )


class ScoreEntry(models.Model):
    """One judge's score for one dimension (and 片区) of one party, entered in the browser."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    party = models.CharField("评估方", max_length=40)
    dimension = models.CharField("评估内容", max_length=40)
    zone = models.CharField("片区", max_length=40, blank=True)
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    score = models.DecimalField("得分", max_digits=6, decimal_places=2)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("round", "party", "dimension", "zone", "judge"), name="one_score_per_judge"
            ),
        )


class FindingEntry(models.Model):
    """A finding (意见) a party wrote, or a draft from the rules that an expert kept or edited."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "值得肯定"
        CONCERN = "concern", "需要关注"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="findings")
    section = models.CharField("部分", max_length=40)
    zone = models.CharField("片区", max_length=40, blank=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    text = models.TextField("内容")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    order = models.PositiveIntegerField(default=0)
    # The rules' draft this entry was kept from, as the rules wrote it (the entry's text may be
    # edited): the draft is then no longer offered, so it cannot be kept twice.
    draft = models.TextField("采用的草稿", blank=True)

    class Meta:
        ordering = ("section", "zone", "kind", "order", "id")


class StepRecord(models.Model):
    """A completed step of a round's workflow (pinggu/workflow.toml), with its date."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField("步骤", max_length=32)
    completed_on = models.DateField("完成日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    note = models.CharField("说明", max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("round", "step"), name="one_record_per_step"),
        )


class Objection(models.Model):
    """An objection (异议) raised at a step, and how it was resolved."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="objections")
    step = models.CharField("步骤", max_length=32)
    text = models.TextField("异议")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    resolution = models.TextField("处理结果", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
