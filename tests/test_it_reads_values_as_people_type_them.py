"""Plausible ways of typing a value are read (issue 12 §3): yes/no as √/×, Y/N, 1/0, 有/无 …;
months as full dates, 「2023年7月份」 or a date serial in a 「常规」 cell; 「/」, 「—」, 「-」, 「无」 for
no target; a unit after a number when it is the row's 计量 — and refused, saying why, when not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from workbook_rows import Sheets, set_cell, set_info, valid_sheets

from pinggu._errors import WorkbookError
from pinggu._model import Month
from pinggu._scheme import load_scheme
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme("guangzhou-2023")


def _problems(sheets: Sheets) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    return [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("yes", "no"),
    [
        ("是", "否"),
        ("√", "×"),
        ("✓", "✗"),
        ("Y", "N"),
        ("y", "n"),
        (1.0, 0.0),
        ("1", "0"),
        (True, False),
        ("TRUE", "FALSE"),
        ("有", "无"),
        ("Ｙ", "Ｎ"),
    ],
)
def test_yes_and_no_as_people_mark_them(yes: object, no: object) -> None:
    sheets = valid_sheets()
    for row in range(2, 8):
        set_cell(sheets, "到岗", row, "社保", yes if row % 2 else no)
        set_cell(sheets, "到岗", row, "从业满两年", no if row % 2 else yes)
    attendance = parse_workbook(sheets, SCHEME).attendance
    assert [a.insured for a in attendance] == [False, True, False, True, False, True]
    assert [a.experienced for a in attendance] == [True, False, True, False, True, False]


def test_a_tick_in_the_certification_column_means_certified() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 5, "持证", "√")
    assert parse_workbook(sheets, SCHEME).attendance[3].certified


@pytest.mark.parametrize(
    "typed", ["2024/2/1", "2024-02-01", "2024年2月份", "2024年2月", 45323.0, 45323, "45323"]
)
def test_months_as_people_type_them(typed: object) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 3, "月份", typed)
    assert parse_workbook(sheets, SCHEME).attendance[1].month == Month(2024, 2)


def test_a_date_serial_in_a_general_cell_is_a_date() -> None:
    sheets = valid_sheets()
    set_info(sheets, "评估日期", 45397.0)  # 2024-04-15 shown as a number
    assert parse_workbook(sheets, SCHEME).info.evaluation_date == date(2024, 4, 15)


def test_a_year_alone_is_no_date_serial() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 3, "月份", 2024.0)
    assert _problems(sheets) == [
        ("到岗", 3, "月份", "应为月份（如 2024-06、2024/6 或 2024年6月），实为「2024」")
    ]


@pytest.mark.parametrize("marker", ["/", "／", "—", "——", "-", "－", "无", " / "])
def test_no_target_markers(marker: str) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "协议量", marker)
    assert parse_workbook(sheets, SCHEME).indicators[0].target is None


def test_a_unit_after_a_number_that_is_the_rows_unit_is_read() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 4, "完成量", "2个")
    set_cell(sheets, "指标", 3, "协议量", "8 接案数")
    rows = parse_workbook(sheets, SCHEME).indicators
    assert (rows[2].actual, rows[1].target) == (Decimal(2), Decimal(8))


def test_a_unit_after_a_number_that_is_not_the_rows_unit_is_refused() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "完成量", "66户")
    assert _problems(sheets) == [
        (
            "指标",
            2,
            "完成量",
            "「66户」的单位「户」与本行的计量「接案数」不一致；请只填数字，单位填在「计量」列",
        )
    ]


def test_a_percentage_is_still_refused_as_a_percentage() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "完成量", "85%")
    ((*_, message),) = _problems(sheets)
    assert "不填百分比" in message
