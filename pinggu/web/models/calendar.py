"""The working-day calendar: the State Council's holiday arrangement, year by year."""

from __future__ import annotations

from django.db import models


class CalendarYear(models.Model):
    """A year whose State Council holiday arrangement is known; other years are refused."""

    year = models.PositiveIntegerField(unique=True)
    source = models.CharField("来源", max_length=100)


class CalendarDay(models.Model):
    """A special date: a statutory day off (holiday) or an adjusted working weekend (workday)."""

    day = models.DateField(unique=True)
    kind = models.CharField(max_length=10, choices=(("holiday", "放假"), ("workday", "调休上班")))
