"""Absurd figures are named, a final without targets is refused (issue 12 §2.8).

完成量 1e9 used to pass without a word and print 595,238,166.67%. Plausibility bounds are scheme
data ([indicator_checks]); a figure past one is a warning that names its row and the figure. A
final evaluation whose 指标 sheet has no 协议量 at all has nothing to judge completion by: an
import error, located at the column.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from factories import evaluation
from workbook_rows import set_cell, set_info, valid_sheets

from pinggu._engine import evaluate
from pinggu._errors import SchemeError, WorkbookError
from pinggu._model import IndicatorRow
from pinggu._scheme import load_scheme, parse_scheme
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme()
SCHEMES = Path(__file__).parent.parent / "pinggu" / "schemes"
D = Decimal


def _implausible(rows: list[IndicatorRow], scheme: object = SCHEME) -> list[str]:
    result = evaluate(evaluation(indicators=rows, attendance=[]), scheme)  # type: ignore[arg-type]
    return [w.message for w in result.warnings if w.code == "implausible_figure"]


def test_a_completion_of_a_billion_is_a_warning_naming_the_row_and_the_figure() -> None:
    rows = [
        IndicatorRow("第一片区", "电访", "人次", D(168), D(1_000_000_000)),
        IndicatorRow("第二片区", "电访", "人次", D(180), D(200)),
    ]
    actual, rate = _implausible(rows)
    assert "「指标」表 第一片区·电访（人次）的完成量 1000000000 超出合理范围" in actual
    assert "indicator_checks.actual_max" in actual
    assert "第一片区·电访（人次）的完成率 595238095.24%" in rate
    assert "（完成量 1000000000 ÷ 协议量 168）" in rate


def test_a_target_of_absurd_size_is_a_warning() -> None:
    rows = [IndicatorRow("全站", "会议时数", "小时", D(48_000_000), D(50))]
    (message,) = _implausible(rows)
    assert "「指标」表 全站·会议时数（小时）的协议量 48000000 超出合理范围" in message


def test_ordinary_figures_raise_no_warning() -> None:
    rows = [IndicatorRow("第一片区", "电访", "人次", D(100), D(1168))]  # 1168% is real
    assert _implausible(rows) == []


def test_the_bounds_are_scheme_data() -> None:
    doc = tomllib.loads((SCHEMES / "guangzhou-2023.toml").read_text(encoding="utf-8"))
    doc["indicator_checks"]["completion_percent_max"] = 500
    strict = parse_scheme(doc, "strict", "strict.toml")
    rows = [IndicatorRow("第一片区", "电访", "人次", D(100), D(600))]
    (message,) = _implausible(rows, strict)
    assert "完成率 600.00%" in message and "不超过 500%" in message
    assert _implausible(rows) == []


def test_a_bad_bound_is_refused_naming_its_key() -> None:
    doc = tomllib.loads((SCHEMES / "guangzhou-2023.toml").read_text(encoding="utf-8"))
    doc["indicator_checks"]["actual_max"] = "很多"
    with pytest.raises(SchemeError) as caught:
        parse_scheme(doc, "broken", "broken.toml")
    assert caught.value.key == "indicator_checks.actual_max"


def test_a_scheme_without_the_table_gets_the_default_bounds() -> None:
    doc = tomllib.loads((SCHEMES / "guangzhou-2023.toml").read_text(encoding="utf-8"))
    del doc["indicator_checks"]
    checks = parse_scheme(doc, "old", "old.toml").indicator_checks
    assert checks == SCHEME.indicator_checks and not checks.allow_zero_target


def _without_targets() -> dict[str, list[list[object]]]:
    sheets = valid_sheets()
    for row in range(2, len(sheets["指标"]) + 1):
        set_cell(sheets, "指标", row, "协议量", "")
    return sheets


def test_a_final_evaluation_with_no_targets_at_all_is_refused() -> None:
    sheets = _without_targets()
    set_info(sheets, "评估类型", "末期评估")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("指标", None, "协议量")
    assert "末期评估的「指标」表没有任何协议量" in problem.message


def test_a_midterm_without_targets_is_read() -> None:
    parsed = parse_workbook(_without_targets(), SCHEME)  # the sheet's kind is 中期评估
    assert all(r.target is None for r in parsed.indicators)
