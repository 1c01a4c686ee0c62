"""A number too large for any evaluation (1e30, 29 digits typed as text) is a located error in
every numeric column, never a `decimal.InvalidOperation` traceback (issue 12 §1)."""

from __future__ import annotations

import pytest
from workbook_rows import Sheets, set_cell, set_info, valid_sheets

from pinggu._engine import evaluate
from pinggu._errors import WorkbookError
from pinggu._scheme import load_scheme
from pinggu._workbook.importer import parse_workbook
from pinggu._workbook.sheets import INFO_FIELDS, ValueKind

SCHEME = load_scheme("guangzhou-2023")
HUGE = [1e30, "1" * 29, "9" * 40, 1e300]
NUMERIC_INFO = [f.label for f in INFO_FIELDS if f.kind in (ValueKind.NUMBER, ValueKind.INTEGER)]
CELLS = [("指标", 2, "完成量"), ("指标", 2, "协议量"), ("评分", 2, "得分")]


def _only_problem(sheets: Sheets) -> tuple[str, int | None, str | None, str]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    return problem.sheet, problem.row, problem.column, problem.message


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize(("sheet", "row", "column"), CELLS)
def test_a_huge_number_in_a_table_is_a_located_error(
    sheet: str, row: int, column: str, value: object
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, sheet, row, column, value)
    where = _only_problem(sheets)
    assert where[:3] == (sheet, row, column)
    assert "数值过大（应小于 1 万亿）" in where[3]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize("label", NUMERIC_INFO)
def test_a_huge_number_in_the_station_details_is_a_located_error(label: str, value: object) -> None:
    sheets = valid_sheets()
    try:
        row = set_info(sheets, label, value)
    except KeyError:
        sheets["基本信息"].append([label, value])
        row = len(sheets["基本信息"])
    where = _only_problem(sheets)
    assert where[:3] == ("基本信息", row, "内容")
    assert f"「{label}」数值过大" in where[3]


def test_the_largest_number_read_is_evaluated_without_a_traceback() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "完成量", "999999999999.99")
    set_cell(sheets, "指标", 2, "协议量", 0.01)
    set_info(sheets, "年度支出总额（元）", 999_999_999_999)
    result = evaluate(parse_workbook(sheets, SCHEME), SCHEME)
    assert result.indicators
