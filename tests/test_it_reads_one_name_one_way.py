"""One canonical key per name (docs/keys.md): an indicator, measure or 片区 typed two ways
(「电 访」/「电访」, 「人 次」/「人次」, 「(大型)」/「（大型）」) is checked, grouped and totalled as one, under
the catalogue's name or the first spelling seen; a 户编号 is one household whatever its case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from roster_rows import HEADER, client_row
from workbook_rows import Sheets, add_row, valid_sheets

from pinggu import WorkbookError, evaluate, parse_roster
from pinggu._engine import Result
from pinggu._model import TOTAL
from pinggu._scheme import load_scheme
from pinggu._text import render
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme("guangzhou-2023")
D = Decimal


def _with_indicator(first: tuple[str, str], second: tuple[str, str]) -> Sheets:
    sheets = valid_sheets()
    add_row(
        sheets, "指标", 片区="第一片区", 指标=first[0], 计量=first[1], 协议量=100.0, 完成量=90.0
    )
    add_row(
        sheets, "指标", 片区="第 二片区", 指标=second[0], 计量=second[1], 协议量=50.0, 完成量=60.0
    )
    return sheets


def _result(sheets: Sheets) -> Result:
    return evaluate(parse_workbook(sheets, SCHEME), SCHEME)


def test_a_catalogue_indicator_typed_with_spaces_is_one_indicator_with_one_total() -> None:
    result = _result(_with_indicator(("电 访", "人 次"), ("电访", "人次")))
    rows = [r for r in result.indicators if r.indicator == "电访"]
    assert [(r.zone, r.measure, r.actual) for r in rows] == [
        ("第一片区", "人次", D(90)),
        ("第二片区", "人次", D(60)),
        (TOTAL, "人次", D(150)),
    ]
    (total,) = [r for r in rows if r.zone == TOTAL]
    assert total.target == D(150)
    assert total.completion is not None and total.completion.value == D("100.00")
    assert not [r for r in result.indicators if "电 访" in r.indicator or r.measure == "人 次"]


def test_an_indicator_outside_the_catalogue_is_one_name_whatever_its_brackets() -> None:
    result = _result(_with_indicator(("邻里节(大型)", "次数"), ("邻里节（大型）", "次 数")))
    rows = [r for r in result.indicators if r.indicator.startswith("邻里节")]
    assert {(r.indicator, r.measure) for r in rows} == {("邻里节(大型)", "次数")}  # first seen
    (total,) = [r for r in rows if r.zone == TOTAL]
    assert (total.actual, total.target) == (D(150), D(150))
    (warning,) = [w for w in result.warnings if w.code == "unknown_indicator"]
    assert "「邻里节(大型)」不在指标目录中" in warning.message


def test_the_text_result_shows_one_line_per_indicator_and_measure() -> None:
    text = render(
        _result(_with_indicator(("社区活动(大型)", "人 次"), ("社区活动（大型）", "人次")))
    )
    (line,) = [line for line in text.splitlines() if line.startswith("社区活动（大型）")]
    assert "150" in line and "100.00%" in line


def test_two_spellings_in_one_zone_are_refused_as_a_duplicate() -> None:
    sheets = _with_indicator(("电 访", "人 次"), ("电访", "人次"))
    add_row(sheets, "指标", 片区="第一 片区", 指标="电访", 计量="人次", 协议量=1.0, 完成量=1.0)
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (8, "指标")
    assert "与第 6 行重复" in problem.message


def test_a_household_number_is_one_household_whatever_its_case() -> None:
    rows = [
        HEADER,
        client_row("C1", name="张三", household="h01"),
        client_row("C2", name="李四", household="H01"),
    ]
    roster = parse_roster(rows)
    assert {c.household for c in roster.clients} == {"H01"}
    assert roster.counts().households == 1


def test_the_same_person_in_a_household_typed_in_another_case_is_listed_twice() -> None:
    rows = [
        HEADER,
        client_row("C1", name="张三", household="h01", phone="13900000001"),
        client_row("C2", name="张三", household="H01", phone="13900000002"),
    ]
    with pytest.raises(WorkbookError) as caught:
        parse_roster(rows)
    (problem,) = caught.value.problems
    assert "姓名和户编号都相同" in problem.message
