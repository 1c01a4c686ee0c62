"""Data stored before a rule was tightened (here: a 全站 row beside 片区 rows of the same
indicator, which an old import accepted and the engine now refuses) gets a page that says what
is wrong and how to fix it, never a 500; the dashboard still shows every other round."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.urls import reverse
from web_base import WebTestCase, evaluation_for

from pinggu import STATION_WIDE, evaluation_to_dict
from pinggu._model import IndicatorRow
from pinggu.web.models import DataVersion


class DataTheRulesNowRefuseTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        evaluation = evaluation_for("甲")
        zoned = next(r for r in evaluation.indicators if r.zone != STATION_WIDE)
        mixed = IndicatorRow(STATION_WIDE, zoned.indicator, zoned.measure, Decimal(5), Decimal(5))
        old = replace(evaluation, indicators=(*evaluation.indicators, mixed))
        DataVersion.objects.filter(round=self.round_a).update(data=evaluation_to_dict(old))
        self.round_a.audit.create(user=self.coordinator, action="上传数据")  # a new revision

    def test_the_round_page_says_why_and_what_to_do(self) -> None:
        self.login(self.coordinator)
        response = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("不能按现行评估规则计算", page)
        self.assertIn("全站", page)
        self.assertIn("重新上传数据", page)

    def test_pages_that_compute_get_a_409_in_chinese(self) -> None:
        self.login(self.expert)
        response = self.client.get(reverse("findings", args=[self.round_a.pk]))
        self.assertEqual(response.status_code, 409)
        self.assertIn("重新上传数据", response.content.decode())

    def test_the_dashboard_still_shows_the_other_rounds(self) -> None:
        self.give_data(self.round_b, street="乙")
        self.login(self.centre)
        response = self.client.get(reverse("dashboard"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("乙街社工服务站", response.content.decode())
