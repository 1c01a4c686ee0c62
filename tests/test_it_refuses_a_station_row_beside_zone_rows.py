"""A 全站 row for an indicator that also has 片区 rows is refused (issue 12 §2.5).

It used to replace the 片区 rows silently: the 合计 and every 片区's figures vanished from the
result and the report. One indicator is either station-wide or per 片区; the message names the
sheet, both kinds of rows and the indicator (as the catalogue names it, so an alias is caught).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import evaluation
from workbook_rows import add_row, valid_sheets

from pinggu._engine import evaluate
from pinggu._errors import InvalidData, WorkbookError
from pinggu._model import IndicatorRow
from pinggu._scheme import load_scheme
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme()
D = Decimal


def test_a_station_row_beside_zone_rows_is_refused_naming_rows_and_indicator() -> None:
    sheets = valid_sheets()  # rows 2 and 3: 专业个案（接案数） for 第一片区 and 第二片区
    row = add_row(sheets, "指标", 片区="全站", 指标="专业个案", 计量="接案数", 协议量=18, 完成量=17)
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("指标", row, "片区")
    assert "专业个案（接案数）" in problem.message
    assert f"「全站」行（第 {row} 行）" in problem.message
    assert "片区行（第 2 行、第 3 行）" in problem.message


def test_an_alias_on_the_station_row_is_the_same_indicator() -> None:
    sheets = valid_sheets()
    add_row(
        sheets, "指标", 片区="第一片区", 指标="社区活动（大型）", 计量="次数", 协议量=2, 完成量=2
    )
    add_row(sheets, "指标", 片区="全站", 指标="社区活动", 计量="次数", 协议量=2, 完成量=3)
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert "社区活动（大型）（次数）" in problem.message and problem.row == 7


def test_the_same_indicator_under_another_measure_may_be_station_wide() -> None:
    sheets = valid_sheets()
    add_row(sheets, "指标", 片区="全站", 指标="专业个案", 计量="结案数", 协议量=5, 完成量=5)
    parsed = parse_workbook(sheets, SCHEME)
    assert ("全站", "专业个案", "结案数") in [
        (r.zone, r.indicator, r.measure) for r in parsed.indicators
    ]


def test_the_engine_never_drops_zone_rows_for_a_station_row() -> None:
    rows = [
        IndicatorRow("第一片区", "电访", "人次", D(100), D(90)),
        IndicatorRow("全站", "电访", "人次", D(100), D(95)),
    ]
    with pytest.raises(InvalidData, match=r"电访（人次）.*既有「全站」行又有片区行（第一片区）"):
        evaluate(evaluation(indicators=rows, attendance=[]), SCHEME)
