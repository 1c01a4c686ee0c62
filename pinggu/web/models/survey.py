"""What the satisfaction survey stores: the station's client rosters, a round's draw, its calls,
and the log of every view of unmasked personal data.

A roster belongs to the station (each upload a new numbered version, never overwritten); a draw
belongs to a round and names the roster version it was drawn from, so it can be re-run later.
Names and phone numbers live only in `RosterClient`; calls, audit entries and the engine's
input carry the client's number (编号) alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .people import Station
from .rounds import Round


class ClientRoster(models.Model):
    """One accepted upload of a station's client roster (服务对象名册)."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="rosters")
    number = models.PositiveIntegerField("版本")
    fingerprint = models.CharField("指纹", max_length=64)
    filename = models.CharField("文件名", max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    clients_count = models.PositiveIntegerField("服务对象人数")
    households_count = models.PositiveIntegerField("户数")
    # RosterCounts as plain lists (aggregates only: no names, no numbers).
    counts: models.JSONField[Any, Any] = models.JSONField()

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("station", "number"), name="one_roster_number"),
        )


def latest_roster(station: Station) -> ClientRoster | None:
    """The station's newest roster version: the one the survey draws from and the follow-up reads."""
    return ClientRoster.objects.filter(station=station).order_by("-number").first()


class RosterClient(models.Model):
    """One client of a roster version: personal data, shown only to the survey roles."""

    roster = models.ForeignKey(ClientRoster, on_delete=models.CASCADE, related_name="clients")
    number = models.CharField("编号", max_length=40)
    name = models.CharField("姓名", max_length=60)
    household = models.CharField("户编号", max_length=40)
    zone = models.CharField("片区", max_length=40)
    community = models.CharField("社区", max_length=60)
    categories = models.CharField("类别", max_length=300)  # joined with 、
    level = models.PositiveSmallIntegerField("分级")
    phone = models.CharField("电话", max_length=40)
    note = models.CharField("备注", max_length=300, blank=True)
    # For 兜底 follow-up (docs/contacts.md): when the client was filed (建档) and closed (结案),
    # and whether the client may be drawn (False: no usable phone, kept for follow-up only).
    filed = models.DateField("建档日期", null=True, blank=True)
    closed = models.DateField("结案日期", null=True, blank=True)
    drawable = models.BooleanField("可抽样", default=True)

    class Meta:
        ordering = ("roster", "number")
        constraints = (
            models.UniqueConstraint(fields=("roster", "number"), name="one_client_number"),
        )


class SurveyDraw(models.Model):
    """A round's sample: the engine's Draw as JSON, with what is needed to re-run it."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="draw")
    roster = models.ForeignKey(ClientRoster, on_delete=models.PROTECT, related_name="draws")
    seed = models.CharField("种子", max_length=100)
    n = models.PositiveIntegerField("抽样人数")
    data: models.JSONField[Any, Any] = models.JSONField()  # pinggu Draw.to_dict()
    # The questionnaire as drawn (the scheme's items, scale and attempts at the time).
    items: models.JSONField[Any, Any] = models.JSONField()
    scale = models.PositiveSmallIntegerField("量表", default=5)
    attempts = models.PositiveSmallIntegerField("最多拨打次数", default=3)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    drawn_at = models.DateTimeField(auto_now_add=True)


class SurveyCall(models.Model):
    """One client of the list and what came of calling them."""

    class Status(models.TextChoices):
        PENDING = "pending", "待拨打"
        REACHED = "reached", "已联系上"
        NOT_REACHED = "not_reached", "未联系上"  # attempts used up and no reserve left
        REPLACED = "replaced", "已替补"  # attempts used up; a reserve client took the place

    draw = models.ForeignKey(SurveyDraw, on_delete=models.CASCADE, related_name="calls")
    position = models.PositiveIntegerField("顺序")
    client = models.CharField("编号", max_length=40)
    zone = models.CharField("片区", max_length=40)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default="pending")
    # Each failed attempt: {"reason": "无人接听", "at": ISO time, "by": username}.
    tries: models.JSONField[Any, Any] = models.JSONField(default=list)
    answers: models.JSONField[Any, Any] = models.JSONField(null=True)  # one per item, or null
    comment = models.TextField("意见", blank=True)
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    called_at = models.DateTimeField(null=True)
    replaces = models.OneToOneField(
        "self", null=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    # The caller the desk gave this client to, until when (survey/draw.py `claim`): nobody else
    # is given the client meanwhile; saving releases it.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("position",)
        constraints = (
            models.UniqueConstraint(fields=("draw", "client"), name="one_call_per_client"),
            models.UniqueConstraint(fields=("draw", "position"), name="one_call_per_position"),
        )


class AccessLog(models.Model):
    """A view of unmasked personal data: who saw which client's what, when.

    `client` is the client's number, or empty for an export of the whole list (`count` says
    how many clients it held)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    client = models.CharField("编号", max_length=40, blank=True)
    what = models.CharField("内容", max_length=100)
    count = models.PositiveIntegerField("人数", default=1)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-at", "-id")
