"""What the workspace stores: who is who, the stations, the rounds, each version of the data.

A round's input is the engine's own `Evaluation`, stored as the exact JSON of
`pinggu.evaluation_to_dict` in numbered, never-overwritten data versions. Every change to data,
scores, findings or state writes an `AuditEntry` (who, when, old, new, reason).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "评估机构项目统筹"
    EXPERT = "expert", "评估专家"
    STATION = "station", "社工站"
    PURCHASER = "purchaser", "购买方"
    SUPERVISION_CENTRE = "supervision_centre", "督导中心"
    SUPERVISOR = "supervisor", "区民政局"
    CITY = "city", "市民政局"


class District(models.Model):
    name = models.CharField("区", max_length=40, unique=True)

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """An evaluation agency, a social-work agency (承办方), a street office, a bureau, …"""

    name = models.CharField("名称", max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    name = models.CharField("社工站", max_length=100, unique=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="stations")
    operator = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="operated")
    purchaser = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="purchased")

    class Meta:
        ordering = ("district__name", "name")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role and where it applies. One user may hold several memberships.

    coordinator and expert: `organization` is the evaluation agency; station and purchaser:
    `station`; supervisor: `district`; supervision_centre: `district`, or none for the whole
    city; city: nothing (read-only, every district).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=24, choices=Role.choices)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT)
    station = models.ForeignKey(Station, null=True, blank=True, on_delete=models.PROTECT)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)

    def __str__(self) -> str:
        where = self.station or self.district or self.organization or "全市"
        return f"{self.user}：{self.get_role_display()}（{where}）"


class Conflict(models.Model):
    """A declared conflict of interest (回避): the expert may not see or score the station."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts"
    )
    station = models.ForeignKey(Station, null=True, blank=True, on_delete=models.CASCADE)
    operator = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField("回避原因", max_length=200)


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
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_rounds"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-fieldwork_date", "station__name")

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


class AuditEntry(models.Model):
    """Who changed what in a round, when, from what to what, and why."""

    round = models.ForeignKey(Round, null=True, on_delete=models.CASCADE, related_name="audit")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField("操作", max_length=60)
    old: models.JSONField[Any, Any] = models.JSONField(null=True)
    new: models.JSONField[Any, Any] = models.JSONField(null=True)
    reason = models.CharField("原因", max_length=200, blank=True)

    class Meta:
        ordering = ("-at", "-id")


class LoginFailure(models.Model):
    """A failed login, counted per user name for the lockout."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


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


class CalendarYear(models.Model):
    """A year whose State Council holiday arrangement is known; other years are refused."""

    year = models.PositiveIntegerField(unique=True)
    source = models.CharField("来源", max_length=100)


class CalendarDay(models.Model):
    """A special date: a statutory day off (holiday) or an adjusted working weekend (workday)."""

    day = models.DateField(unique=True)
    kind = models.CharField(max_length=10, choices=(("holiday", "放假"), ("workday", "调休上班")))


# The satisfaction survey's models live in their own module; imported here so Django finds them.
from .survey_models import AccessLog as AccessLog  # noqa: E402
from .survey_models import ClientRoster as ClientRoster  # noqa: E402
from .survey_models import RosterClient as RosterClient  # noqa: E402
from .survey_models import SurveyCall as SurveyCall  # noqa: E402
from .survey_models import SurveyDraw as SurveyDraw  # noqa: E402
