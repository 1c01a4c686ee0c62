"""What the report needs beyond the figures, end to end: the optional 基本信息 rows (地址, 承办起始
日期, 评估工作人员人数, the two objections) and the 持证 column's qualification levels, read from
the workbook with located messages, written back by the template, and counted at period end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from factories import evaluation, info, worker
from workbook_rows import Sheets, add_row, set_cell, valid_sheets

from pinggu._engine import evaluate
from pinggu._errors import Problem, WorkbookError
from pinggu._json import result_to_dict
from pinggu._model import AttendanceRow, IndicatorRow, Qualification
from pinggu._scheme import load_scheme
from pinggu._workbook.importer import load_workbook, parse_workbook
from pinggu._workbook.sheets import ATTENDANCE, INFO_SHEET
from pinggu._workbook.writer import write_workbook

SCHEME = load_scheme("guangzhou-2023")
Q = Qualification


def _problems(sheets: Sheets) -> list[Problem]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    return caught.value.problems


def _info_row(sheets: Sheets, label: str, value: object) -> int:
    return add_row(sheets, INFO_SHEET, 项目=label, 内容=value)


def _with_levels(
    rows: list[AttendanceRow], levels: list[Qualification | None]
) -> list[AttendanceRow]:
    return [replace(r, qualification=level) for r, level in zip(rows, levels, strict=True)]


# --- 基本信息 ---------------------------------------------------------------------------------


def test_new_info_rows_are_optional_and_blank_means_not_given() -> None:
    info = parse_workbook(valid_sheets(), SCHEME).info
    assert (info.address, info.operator_since, info.evaluation_staff) == (None, None, None)
    assert (info.onsite_objection, info.draft_objection) == ("", "")
    sheets = valid_sheets()
    for label in ("地址", "承办起始日期", "评估工作人员人数", "现场反馈异议", "初稿反馈异议"):
        _info_row(sheets, label, "  ")
    assert parse_workbook(sheets, SCHEME).info == info


def test_new_info_rows_are_read() -> None:
    sheets = valid_sheets()
    _info_row(sheets, "地址", " 测试区示范路示范东街1巷2号 ")
    _info_row(sheets, "承办起始日期", "2012年6月1日")
    _info_row(sheets, "评估工作人员人数", 1.0)
    _info_row(sheets, "现场反馈异议", "对档案抽查意见有异议，经现场复核后维持原意见。")
    _info_row(sheets, "初稿反馈异议", "")
    info = parse_workbook(sheets, SCHEME).info
    assert info.address == "测试区示范路示范东街1巷2号"
    assert info.operator_since == date(2012, 6, 1)
    assert info.evaluation_staff == 1
    assert info.onsite_objection == "对档案抽查意见有异议，经现场复核后维持原意见。"
    assert info.draft_objection == ""


@pytest.mark.parametrize(
    ("label", "value", "phrase"),
    [
        ("承办起始日期", "2012年13月1日", "日期「2012年13月1日」不存在"),
        ("承办起始日期", "很久以前", "「承办起始日期」应为日期"),
        ("评估工作人员人数", -1.0, "「评估工作人员人数」应为不小于 0 的整数，实为「-1」"),
        ("评估工作人员人数", 1.5, "应为不小于 0 的整数，实为「1.5」"),
    ],
)
def test_bad_new_info_values_are_located(label: str, value: object, phrase: str) -> None:
    sheets = valid_sheets()
    row = _info_row(sheets, label, value)
    [problem] = _problems(sheets)
    assert (problem.sheet, problem.row, problem.column) == (INFO_SHEET, row, "内容")
    assert phrase in problem.message, str(problem)


def test_an_operator_cannot_start_after_the_period() -> None:
    sheets = valid_sheets()
    row = _info_row(sheets, "承办起始日期", date(2024, 4, 1))  # the period ends 2024-03-31
    [problem] = _problems(sheets)
    assert (problem.sheet, problem.row, problem.column) == (INFO_SHEET, row, "内容")
    assert "承办起始日期 2024-04-01 晚于考核期结束 2024-03-31" in problem.message
    sheets = valid_sheets()
    _info_row(sheets, "承办起始日期", date(2024, 3, 31))
    assert parse_workbook(sheets, SCHEME).info.operator_since == date(2024, 3, 31)


# --- 到岗 「持证」 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "certified", "level"),
    [
        ("是", True, None),
        ("否", False, None),
        ("高级社会工作师", True, Q.SENIOR),
        ("高级社工师", True, Q.SENIOR),
        ("高级", True, Q.SENIOR),
        ("社会工作师", True, Q.INTERMEDIATE),
        ("社会工作师（中级）", True, Q.INTERMEDIATE),
        ("中级社工师", True, Q.INTERMEDIATE),
        ("社工师", True, Q.INTERMEDIATE),
        ("中级", True, Q.INTERMEDIATE),
        ("助理社会工作师", True, Q.ASSISTANT),
        ("助理社工师", True, Q.ASSISTANT),
        (" 助 理 ", True, Q.ASSISTANT),
        ("非持证", False, Q.NONE),
    ],
)
def test_certified_column_accepts_yes_no_or_a_qualification(
    cell: str, certified: bool, level: Qualification | None
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 2, "持证", cell)
    row = parse_workbook(sheets, SCHEME).attendance[0]
    assert (row.certified, row.qualification) == (certified, level)


def test_a_bad_certified_value_is_located() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 3, "持证", "初级")
    [problem] = _problems(sheets)
    assert (problem.sheet, problem.row, problem.column) == ("到岗", 3, "持证")
    assert "实为「初级」" in problem.message
    assert "「高级社会工作师」" in problem.message and "「非持证」" in problem.message


def test_a_qualification_must_agree_with_certified() -> None:
    [row] = worker("W1", [1], certified=True)
    assert replace(row, qualification=Q.ASSISTANT).certified
    with pytest.raises(ValueError):
        replace(row, qualification=Q.NONE)
    with pytest.raises(ValueError):
        replace(row, certified=False, qualification=Q.ASSISTANT)


def test_levels_survive_a_written_workbook(tmp_path: Path) -> None:
    rows = [
        *worker("A", [1, 1], "2023-07", certified=True),
        *worker("B", [1, 1], "2023-07", certified=[False, True]),
    ]
    levels = [Q.INTERMEDIATE, Q.INTERMEDIATE, Q.NONE, Q.ASSISTANT]
    indicator = IndicatorRow("第一片区", "专业个案", "接案数", Decimal(10), Decimal(12))
    ev = evaluation(attendance=_with_levels(rows, levels), indicators=[indicator])
    path = tmp_path / "到岗.xlsx"
    write_workbook(path, ev)
    sheet = openpyxl.load_workbook(path)[ATTENDANCE.name]
    column = 1 + [c.name for c in ATTENDANCE.columns].index("持证")
    cells = [sheet.cell(row=r, column=column).value for r in range(2, 6)]
    assert cells == ["社会工作师", "社会工作师", "非持证", "助理社会工作师"]
    assert load_workbook(path, SCHEME).attendance == ev.attendance


# --- end-of-period headcount by qualification ---------------------------------------------------


def test_end_headcount_by_qualification_counts_the_last_months_levels() -> None:
    """Three months, 2023-07 to 2023-09 (as `factories.info` with a shorter period):

    A  助理 → 助理 → 中级 (passed the exam)    in post at the end: 中级
    B  中级 all period                          中级
    C  非持证 → 助理 → 助理                      助理
    D  是 (level not given) all period          certified, level unknown
    E  否 all period                            非持证
    F  高级, left after two months              not counted: not in post at the end
    G  joined in the last month, 非持证 (0.5)     非持证: a half month is in post
    """
    rows = [
        *_with_levels(
            worker("A", [1, 1, 1], certified=True), [Q.ASSISTANT, Q.ASSISTANT, Q.INTERMEDIATE]
        ),
        *_with_levels(worker("B", [1, 1, 1], certified=True), [Q.INTERMEDIATE] * 3),
        *_with_levels(
            worker("C", [1, 1, 1], certified=[False, True, True]),
            [Q.NONE, Q.ASSISTANT, Q.ASSISTANT],
        ),
        *worker("D", [1, 1, 1], certified=True),
        *worker("E", [1, 1, 1], certified=False),
        *_with_levels(worker("F", [1, 1, 0], certified=True), [Q.SENIOR] * 3),
        *_with_levels(worker("G", [0, 0, 0.5]), [Q.NONE] * 3),
    ]
    station = info(period_end=date(2023, 9, 30), contract_workers=7, contract_certified_workers=4)
    turnover = evaluate(evaluation(station=station, attendance=rows), SCHEME).staffing.turnover
    assert turnover.end_by_qualification == (
        (Q.INTERMEDIATE, 2),
        (Q.ASSISTANT, 1),
        (None, 1),
        (Q.NONE, 2),
    )
    assert (turnover.end_certified, turnover.end_uncertified) == (4, 2)


def test_end_headcount_by_qualification_in_json() -> None:
    rows = [
        *_with_levels(worker("A", [1] * 11, certified=True), [Q.SENIOR] * 11),
        *worker("B", [1] * 11, certified=True),
        *worker("C", [1] * 11),
    ]
    doc = result_to_dict(evaluate(evaluation(attendance=rows), SCHEME))
    assert doc["staffing"]["end_headcount"] == {
        "certified": 2,
        "uncertified": 1,
        "by_qualification": [
            {
                "qualification": "高级社会工作师",
                "label": "高级社工师",
                "certified": True,
                "count": 1,
            },
            {"qualification": None, "label": "持证（等级未填）", "certified": True, "count": 1},
            {"qualification": "非持证", "label": "非持证", "certified": False, "count": 1},
        ],
    }


def test_qualification_labels() -> None:
    assert [q.short for q in Q] == ["高级社工师", "中级社工师", "助理社工师", "非持证"]
    assert [q.certified for q in Q] == [True, True, True, False]
