"""Who is who: roles, districts, organisations, stations, memberships, declared conflicts and
sign-in attempts."""

from __future__ import annotations

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


class LoginThrottle(models.Model):
    """Sign-in attempts counted per key (a normalised user name, or a client address) in a
    window that starts with the first attempt; pinggu/web/accounts/throttle.py explains."""

    key = models.CharField(max_length=200, unique=True)
    window_start = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
