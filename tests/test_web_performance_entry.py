"""The street office fills its performance evaluation in the browser, part by part: a save is
whole or refused (each problem at its field, nothing stored), a stale tab is refused with what
changed, a double click saves once, every change is in the audit log, and the round's engine
input takes each part entered here over the workbook's own sheet, saying so."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from html import unescape
from pathlib import Path
from tempfile import TemporaryDirectory

from django.urls import reverse
from performance_forms import BUDGET, TARGETS
from web_base import WebTestCase, evaluation_for

from pinggu import (
    Budget,
    NarrativeBlock,
    PerformanceData,
    evaluation_to_dict,
    load_scheme,
    synthetic_performance,
    write_workbook,
)
from pinggu.web import engine
from pinggu.web.models import (
    AuditEntry,
    DataVersion,
    PerformanceBudget,
    PerformanceTargetEntry,
    Round,
)


class PerformanceEntryTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.login(self.purchaser)

    def url(self, part: str) -> str:
        return reverse("performance_edit", args=[self.round_a.pk, part])

    def opened(self, part: str) -> str:
        html = self.client.get(self.url(part)).content.decode()
        found = re.search(r'name="version" value="(\d+)"', html)
        assert found is not None
        return found.group(1)

    def post(self, part: str, data: dict[str, str], version: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(self.url(part), {**data, "version": version or self.opened(part)})

    def test_the_purchaser_saves_the_budget_and_the_round_scores_it(self) -> None:
        response = self.post("budget", BUDGET)
        self.assertRedirects(response, reverse("performance", args=[self.round_a.pk]))
        stored = PerformanceBudget.objects.get(round=self.round_a)
        self.assertEqual(stored.spent, Decimal(2280000))
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.performance is not None
        budget = evaluation.performance.budget
        assert budget is not None
        self.assertEqual((budget.annual, budget.spent), (Decimal(2400000), Decimal(2280000)))
        self.assertEqual(budget.sources[0].name, "街道财政")
        entry = AuditEntry.objects.filter(round=self.round_a).latest("id")
        self.assertEqual(entry.action, "填写绩效评价（预算）")
        self.assertEqual(entry.new["全年执行数"], "2280000 元")
        self.assertEqual(entry.user, self.purchaser)

    def test_it_refuses_a_targets_form_with_a_problem_and_stores_none_of_it(self) -> None:
        bad = {**TARGETS, "t-2-score": "31"}  # more than the row's 分值
        response = self.post("targets", bad)
        self.assertContains(
            response, "第 2 行「评分」：评分不能超过分值 30 分，实为 31", status_code=400
        )
        self.assertContains(response, 'id="t-2-score" name="t-2-score" value="31"', status_code=400)
        self.assertContains(response, 'value="个案服务"', status_code=400)  # kept as typed
        self.assertFalse(PerformanceTargetEntry.objects.exists())  # not even the good row
        self.assertFalse(AuditEntry.objects.filter(action__startswith="填写绩效评价").exists())

    def test_it_refuses_an_amount_too_large_to_store_and_stores_nothing(self) -> None:
        response = self.post("budget", {**BUDGET, "initial": "9" * 40})
        self.assertContains(response, "年初预算数：数值过大（整数部分最多 12 位）", status_code=400)
        self.assertFalse(PerformanceBudget.objects.filter(round=self.round_a).exists())

    def test_a_stale_tab_is_refused_with_what_changed_and_keeps_what_was_typed(self) -> None:
        first_tab, second_tab = self.opened("targets"), self.opened("targets")
        self.post("targets", TARGETS, first_tab)
        changed = {**TARGETS, "t-1-actual": "38"}
        response = self.post("targets", changed, second_tab)
        self.assertContains(response, "自您打开此表单后", status_code=409)
        self.assertContains(response, "purchaser_a 于", status_code=409)
        self.assertContains(response, "第 1 行：（空） → 产出指标／数量／个案服务", status_code=409)
        self.assertContains(response, 'value="38"', status_code=409)
        actual = PerformanceTargetEntry.objects.get(round=self.round_a, order=0).actual
        self.assertEqual(actual, Decimal(42))  # not applied on top
        # the refused form now carries the current version: saving again applies it
        again = re.search(r'name="version" value="(\d+)"', response.content.decode())
        assert again is not None
        self.post("targets", changed, again.group(1))
        actual = PerformanceTargetEntry.objects.get(round=self.round_a, order=0).actual
        self.assertEqual(actual, Decimal(38))

    def test_a_double_click_saves_once(self) -> None:
        version = self.opened("targets")
        for _ in range(2):
            response = self.post("targets", TARGETS, version)
            self.assertEqual(response.status_code, 302)
        self.assertEqual(PerformanceTargetEntry.objects.filter(round=self.round_a).count(), 2)
        entries = AuditEntry.objects.filter(round=self.round_a, action="填写绩效评价（绩效目标）")
        self.assertEqual(entries.count(), 1)

    def test_clearing_a_part_goes_back_to_the_workbooks_sheet_and_says_which_is_used(self) -> None:
        sheet = PerformanceData(
            Budget(Decimal(1000000), Decimal(1000000), Decimal(900000)),
            (),
            (NarrativeBlock("相关建议", "", "工作簿中的建议"),),
        )
        version = DataVersion.objects.get(round=self.round_a)
        evaluation = engine.decoded(version)
        version.data = evaluation_to_dict(replace(evaluation, performance=sheet))
        version.save()
        self.post("budget", BUDGET)
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.performance is not None
        budget = evaluation.performance.budget
        assert budget is not None
        self.assertEqual(budget.spent, Decimal(2280000))  # the web's budget
        self.assertEqual(evaluation.performance.narrative, sheet.narrative)  # the sheet's
        notes = [n.message for n in evaluation.notes]
        self.assertIn(
            "绩效评价的「预算」取自购买方在网页工作台中填写的内容；工作簿中的同名表未使用", notes
        )
        blank = dict.fromkeys(BUDGET, "")
        self.post("budget", blank)
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.performance is not None
        self.assertEqual(evaluation.performance, sheet)

    def test_the_form_starts_from_the_workbooks_sheet_when_nothing_is_entered(self) -> None:
        sheet = PerformanceData(Budget(Decimal(1000000), Decimal(1200000), Decimal(900000)), (), ())
        version = DataVersion.objects.get(round=self.round_a)
        version.data = evaluation_to_dict(replace(engine.decoded(version), performance=sheet))
        version.save()
        response = self.client.get(self.url("budget"))
        self.assertContains(response, "下面是评估工作簿中「预算」表的内容")
        self.assertContains(response, 'name="annual" value="1200000"')

    def test_a_mid_term_round_has_no_performance_pages(self) -> None:
        self.round_a.kind = Round.Kind.MIDTERM
        self.round_a.save()
        self.assertEqual(self.client.get(self.url("budget")).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("performance", args=[self.round_a.pk])).status_code, 404
        )
        self.assertNotContains(
            self.client.get(reverse("round", args=[self.round_a.pk])), "打开绩效评价"
        )

    def test_the_audit_log_reads_a_performance_change_in_chinese(self) -> None:
        self.post("narrative", {"n-1-heading": "相关建议", "n-1-title": "", "n-1-text": "加强宣传"})
        self.login(self.coordinator)
        response = self.client.get(reverse("audit", args=[self.round_a.pk]))
        self.assertContains(response, "填写绩效评价（绩效叙述）")
        self.assertContains(response, "第 1 段：相关建议：加强宣传")

    def test_a_forged_row_number_is_no_crash(self) -> None:
        """「²」 is a digit to str.isdigit but no number to int(): a refused form that also
        carries such a key is shown again, not a server error."""
        response = self.post("targets", {**TARGETS, "t-²-level1": "产出指标", "t-2-score": "31"})
        self.assertContains(response, "评分不能超过分值 30 分，实为 31", status_code=400)
        self.assertFalse(PerformanceTargetEntry.objects.exists())


class WorkbookSheetsTests(WebTestCase):
    """The round's uploaded workbook may carry the 预算, 绩效目标 and 绩效叙述 sheets itself."""

    def test_the_uploaded_workbooks_sheets_are_scored_until_the_web_replaces_a_part(self) -> None:
        evaluation = evaluation_for("甲")
        evaluation = replace(evaluation, performance=synthetic_performance(evaluation, 1))
        with TemporaryDirectory() as tmp:
            path = Path(tmp) / "甲.xlsx"
            write_workbook(path, evaluation, load_scheme())
            self.login(self.station)
            with path.open("rb") as f:
                upload = self.client.post(
                    reverse("upload", args=[self.round_a.pk]), {"workbook": f}
                )
            self.assertEqual(upload.status_code, 302)
        self.login(self.purchaser)
        page = self.client.get(reverse("performance", args=[self.round_a.pk]))
        self.assertContains(page, "<td>绩效目标</td><td>工作簿</td>", html=False)
        self.assertContains(page, "项目支出绩效自评表")
        sheet_targets = len(synthetic_performance(evaluation, 1).targets)
        # the form starts from the sheet; saved as it stands, the web's part replaces it
        form = self.client.get(reverse("performance_edit", args=[self.round_a.pk, "targets"]))
        self.assertContains(form, "下面是评估工作簿中「绩效目标」表的内容")
        posted = {
            k: v for k, v in _form_values(form.content.decode()).items() if k.startswith("t-")
        }
        response = self.client.post(
            reverse("performance_edit", args=[self.round_a.pk, "targets"]),
            {**posted, "version": self.version()},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            PerformanceTargetEntry.objects.filter(round=self.round_a).count(), sheet_targets
        )
        result = engine.evaluation_of(self.round_a)
        assert result is not None and result.performance is not None
        self.assertEqual(result.performance.targets, synthetic_performance(evaluation, 1).targets)


def _form_values(html: str) -> dict[str, str]:
    """What a browser would post from the page's inputs and selects, as shown."""
    values = dict(re.findall(r'<input type="text" id="[^"]*" name="([^"]+)" value="([^"]*)"', html))
    for name, options in re.findall(
        r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        chosen = re.search(
            r'<option(?: value="([^"]*)")?(?: title="[^"]*")? selected>([^<]*)<', options
        )
        values[name] = "" if chosen is None else unescape(chosen.group(1) or chosen.group(2))
    return {k: unescape(v) for k, v in values.items()}
