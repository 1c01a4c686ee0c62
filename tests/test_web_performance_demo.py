"""`pinggu demo`: the 示例 street office has filled its budget, targets and narrative for its
station's final round, the 自评表 is computed from them (bound rows from the round's figures),
and loading the demo twice changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pinggu.web.demo import load_demo
from pinggu.web.models import (
    AuditEntry,
    PerformanceBudget,
    PerformanceNarrativeEntry,
    PerformanceTargetEntry,
    Round,
)
from pinggu.web.performance import selfeval


def _counts() -> tuple[int, ...]:
    return (
        PerformanceBudget.objects.count(),
        PerformanceTargetEntry.objects.count(),
        PerformanceNarrativeEntry.objects.count(),
        AuditEntry.objects.filter(action__startswith="填写绩效评价").count(),
    )


@pytest.mark.django_db
def test_the_example_street_office_has_filled_its_performance_evaluation_once() -> None:
    load_demo()
    first = _counts()
    assert first[0] == 1 and first[1] >= 8 and first[2] >= 5
    assert first[3] == 3  # one audit entry per part, by the street office
    load_demo()
    assert _counts() == first
    final = Round.objects.get(station__name="示例街社工服务站", kind=Round.Kind.FINAL)
    table = selfeval.table_of(final)
    assert table.missing == ""
    assert [line.source for line in table.lines].count("系统计算") >= 5
    assert table.grade in ("优", "良")
    assert table.problems == ()  # the invented data is consistent with the round's figures


@pytest.mark.django_db
def test_the_demo_street_office_opens_its_self_evaluation() -> None:
    load_demo()
    final = Round.objects.get(station__name="示例街社工服务站", kind=Round.Kind.FINAL)
    client = Client()
    client.login(username="purchaser_shili", password="pinggu-demo-2026")
    response = client.get(reverse("performance", args=[final.pk]))
    assert response.status_code == 200
    assert "项目支出绩效自评表" in response.content.decode()
