"""A 合计 over partial targets compares like with like (issue 12 §2.6).

With 第一片区's 协议量 for 入户探访 left blank, the old 合计 divided all three 片区's 完成量 (1008)
by the other two 片区's targets (540): 186.67% for an indicator completed at 115.86%. The 合计
now divides the completions of the 片区 that have a target (616) by their targets, and states
the rest (392, 第一片区) beside it: in the result, the JSON, the terminal and the report. A 0
target is refused at import unless the scheme allows it. (The figures are the example's since
its 入户探访 became the count of its records, issue 14; issue 12 quoted 703, 430, 104.93%.)
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import evaluation
from report_docs import example_result, read
from workbook_rows import set_cell, valid_sheets

from pinggu._engine import Result, evaluate
from pinggu._errors import WorkbookError
from pinggu._indicators import IndicatorResult
from pinggu._json import result_to_dict
from pinggu._model import TOTAL, IndicatorRow
from pinggu._report.audit import audit_report
from pinggu._report.build import write_docx
from pinggu._scheme import load_scheme, parse_scheme
from pinggu._text import render
from pinggu._workbook.importer import parse_workbook

D = Decimal
SCHEMES = Path(__file__).parent.parent / "pinggu" / "schemes"
VISITS = ("入户探访", "人次")


def _without_first_zone_target(base: Result) -> Result:
    rows = tuple(
        replace(r, target=None)
        if (r.indicator, r.measure) == VISITS and r.zone == "第一片区"
        else r
        for r in base.evaluation.indicators
    )
    return evaluate(replace(base.evaluation, indicators=rows), base.scheme)


@pytest.fixture(scope="module")
def partial() -> Result:
    return _without_first_zone_target(example_result())


def _total(result: Result) -> IndicatorResult:
    return next(
        r for r in result.indicators if r.zone == TOTAL and (r.indicator, r.measure) == VISITS
    )


def test_the_example_total_divides_every_zone_with_its_target() -> None:
    total = _total(example_result())
    assert total.completion is not None and total.completion.value == D("115.86")


def test_a_total_over_partial_targets_divides_only_the_zones_with_a_target(partial: Result) -> None:
    total = _total(partial)
    assert total.completion is not None
    assert total.target == 540 and total.actual == 1008
    assert total.completion.value == D("114.07")  # 616 ÷ 540, never 186.67
    assert total.completion.inputs == {"有协议量的片区完成量之和": 616, "协议量之和": 540}
    assert (total.compared_actual, total.untargeted_actual) == (616, 392)
    assert total.untargeted_zones == ("第一片区",)
    (warning,) = [w for w in partial.warnings if w.code == "partial_target"]
    assert "入户探访（人次）" in warning.message
    assert "完成 616 ÷ 协议量 540，114.07%" in warning.message
    assert "无协议量的第一片区完成 392，另计" in warning.message


def test_the_json_states_the_completions_without_a_target_beside_the_total(
    partial: Result,
) -> None:
    doc = result_to_dict(partial)
    total = next(
        r
        for r in doc["indicators"]
        if r["zone"] == TOTAL and (r["indicator"], r["measure"]) == VISITS
    )
    assert total["completion"] == 114.07 and total["target"] == 540 and total["actual"] == 1008
    assert total["actual_with_target"] == 616 and total["actual_without_target"] == 392
    assert total["zones_without_target"] == ["第一片区"]
    figure = next(f for f in doc["figures"] if f["name"] == "indicators.入户探访.人次.合计")
    assert figure["inputs"] == {"有协议量的片区完成量之和": 616, "协议量之和": 540}


def test_the_terminal_output_states_what_the_total_compares(partial: Result) -> None:
    text = render(partial)
    line = next(ln for ln in text.splitlines() if ln.startswith("入户探访") and "合计" in ln)
    assert line.split()[-3:] == ["540", "1008", "114.07%"]
    assert (
        "注：入户探访（人次）合计的完成率只比较有协议量的片区：完成 616 ÷ 协议量 540；"
        "无协议量的第一片区完成 392，另计"
    ) in text


def test_the_report_prints_what_it_divides_and_passes_its_audit(
    partial: Result, tmp_path: Path
) -> None:
    _, files = write_docx(partial, tmp_path)  # audits itself: percentages = printed ratios
    assert audit_report(files.docx).ok
    doc = read(files.docx)
    table = next(t for t in doc.tables if any("入户探访（人次）" in c for c in t[0]))
    column = table[0].index("入户探访（人次）")
    total = next(row for row in table if row[0] == TOTAL)
    assert total[column : column + 3] == ["540", "1008", "114.07%"]
    assert (
        "注：入户探访（人次）合计的百分比只比较有协议量的片区：完成量616 ÷ 协议量540 = 114.07%；"
        "无协议量的第一片区完成量392，未计入百分比。"
    ) in doc.paragraphs
    assert "入户探访1008人次（其中有协议量的片区616人次），完成协议指标量的114.07%" in doc.text


def test_a_zero_target_is_refused_with_its_row() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "协议量", 0.0)
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, load_scheme())
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("指标", 2, "协议量")
    assert "协议量不能为 0" in problem.message and "留空" in problem.message


def test_a_zero_target_the_scheme_allows_is_a_target_of_its_zone() -> None:
    doc = tomllib.loads((SCHEMES / "guangzhou-2023.toml").read_text(encoding="utf-8"))
    doc["indicator_checks"]["allow_zero_target"] = True
    scheme = parse_scheme(doc, "zero", "zero.toml")
    assert scheme.indicator_checks.allow_zero_target
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "协议量", 0.0)  # 第一片区 专业个案 接案数: 0, done 12
    result = evaluate(parse_workbook(sheets, scheme), scheme)
    cases = [r for r in result.indicators if r.indicator == "专业个案"]
    first, _, total = cases
    assert first.target == 0 and first.completion is None  # no percentage of a 0 target
    assert total.target == 8 and total.actual == 17 and total.untargeted_zones == ()
    assert total.completion is not None and total.completion.value == D("212.50")  # 17 ÷ 8


def test_totals_without_any_blank_target_are_unchanged() -> None:
    rows = [
        IndicatorRow("第一片区", "电访", "人次", D(100), D(90)),
        IndicatorRow("第二片区", "电访", "人次", D(50), D(60)),
    ]
    result = evaluate(evaluation(indicators=rows, attendance=[]), load_scheme())
    total = next(r for r in result.indicators if r.zone == TOTAL)
    assert total.completion is not None and total.completion.value == D("100.00")
    assert total.completion.formula == "各片区完成量之和 ÷ 各片区协议量之和 × 100%"
    assert not total.partial and not [w for w in result.warnings if w.code == "partial_target"]
