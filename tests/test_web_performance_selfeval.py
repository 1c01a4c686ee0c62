"""The street office sees the computed 项目支出绩效自评表 of what it entered — budget execution,
each row's actual (typed or computed from the round's figures), points, the subtotals, total
and grade, and every problem found — and the district bureau sees each street's performance
score and grade on its dashboard."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from performance_forms import BUDGET, TARGETS
from web_base import WebTestCase

from pinggu import evaluate, load_performance_scheme, load_scheme, score_performance
from pinggu.web import engine
from pinggu.web.performance import selfeval


class SelfEvaluationTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.login(self.purchaser)
        for part, data in (("budget", BUDGET), ("targets", TARGETS)):
            url = reverse("performance_edit", args=[self.round_a.pk, part])
            response = self.client.post(url, {**data, "version": self.version()})
            self.assertEqual(response.status_code, 302)

    def test_the_page_shows_the_self_evaluation_worked_by_hand(self) -> None:
        # 预算执行率 2280000 ÷ 2400000 = 95.00% → 9.50 of 10; 个案服务 42 ≥ 40 → 50 of 50;
        # 社区参与 (定性) scored 27 of 30; no 满意度 row → 0 of 10: 86.50, 良.
        response = self.client.get(reverse("performance", args=[self.round_a.pk]))
        self.assertContains(response, "86.50 分 · 良")
        self.assertContains(response, "95.00%")
        self.assertContains(response, "2,280,000.00 元")
        self.assertContains(response, "满意度指标各行分值之和为 0 分")  # a problem found
        table = selfeval.table_of(self.round_a)
        self.assertEqual([line.points for line in table.lines], ["50.00", "27.00"])
        self.assertEqual([s.points for s in table.subtotals], ["50.00", "27.00", "0.00"])
        self.assertEqual(table.budget and table.budget["points"], "9.50")

    def test_the_page_shows_the_engines_own_scoring(self) -> None:
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.performance is not None
        result = evaluate(evaluation, load_scheme())
        expected = score_performance(
            evaluation.performance, load_performance_scheme(), result
        ).total.value
        self.assertEqual(Decimal(selfeval.table_of(self.round_a).total), expected)

    def test_a_bound_row_shows_the_figure_pinggu_computed(self) -> None:
        bound = {
            **TARGETS,
            "t-3-level1": "产出指标",
            "t-3-level2": "质量指标",
            "t-3-level3": "社工稳岗",
            "t-3-direction": "≥",
            "t-3-target": "80",
            "t-3-unit": "%",
            "t-3-points": "5",
            "t-3-binding": "稳岗率",
        }
        url = reverse("performance_edit", args=[self.round_a.pk, "targets"])
        response = self.client.post(url, {**bound, "version": self.version()})
        self.assertEqual(response.status_code, 302)
        result = engine.result_of(self.round_a)
        assert result is not None
        rate = result.staffing.retention_rate.value
        line = selfeval.table_of(self.round_a).lines[2]
        self.assertEqual((line.source, line.actual), ("系统计算", f"{rate:.2f}%"))
        page = self.client.get(reverse("performance", args=[self.round_a.pk]))
        self.assertContains(page, "系统计算")

    def test_without_data_the_page_says_why_there_is_no_table(self) -> None:
        self.round_a.versions.all().delete()
        response = self.client.get(reverse("performance", args=[self.round_a.pk]))
        self.assertContains(response, "尚未上传评估数据")
        self.assertNotContains(response, "下载绩效评价报告")

    def test_the_district_dashboard_shows_the_streets_performance_score_and_grade(self) -> None:
        self.login(self.bureau)
        response = self.client.get(reverse("dashboard"))
        self.assertContains(response, "绩效评价")
        self.assertContains(response, "86.50")
        export = self.client.get(reverse("dashboard_export", args=["performance"]))
        self.assertEqual(export.status_code, 200)
        self.login(self.other_bureau)  # another district's bureau sees no row of this street's
        self.assertNotContains(self.client.get(reverse("dashboard")), "86.50")
