"""Sheets as people shape them (issue 12 §3): title lines above the header and a header over
two rows are found by the column names; vertically merged cells are read row by row with one
notice (a merged number is refused: it would be counted twice); columns the sheet does not use
are ignored with one notice; problems of one kind in one column are one line listing the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_rows import set_cell, valid_sheets, xlsx_book

from pinggu import Evaluation
from pinggu._errors import WorkbookError
from pinggu._scheme import load_scheme
from pinggu._workbook.importer import load_workbook, parse_workbook

SCHEME = load_scheme("guangzhou-2023")


def _notices(evaluation: Evaluation) -> tuple[str, ...]:
    """What reading noticed without a problem (the `read_notice` notes)."""
    return tuple(n.message for n in evaluation.notes if n.code == "read_notice")


def test_title_lines_and_a_header_over_two_merged_rows(tmp_path: Path) -> None:
    sheets = valid_sheets()
    header, *data = sheets["到岗"]
    top = [name if name not in ("社保", "工资") else "" for name in header]
    top[header.index("社保")] = "保障情况"
    bottom = ["" if name not in ("社保", "工资") else name for name in header]
    sheets["到岗"] = [["附件2：社工到岗情况表"], ["2024年1月至3月"], top, bottom, *data]
    book = xlsx_book(sheets)
    sheet = book["到岗"]
    for column in range(1, len(header) + 1):
        if not bottom[column - 1]:
            sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    social = header.index("社保") + 1
    sheet.merge_cells(start_row=3, start_column=social, end_row=3, end_column=social + 1)
    book.save(tmp_path / "x.xlsx")
    evaluation = load_workbook(tmp_path / "x.xlsx", SCHEME)
    assert evaluation.attendance == parse_workbook(valid_sheets(), SCHEME).attendance
    assert _notices(evaluation) == (
        "工作表「到岗」：第 1–2 行在列名（第 3 行）之上，作为标题未读取",
    )


def test_vertically_merged_cells_are_read_row_by_row_with_one_notice(tmp_path: Path) -> None:
    sheets = valid_sheets()
    for row in (3, 4):
        set_cell(sheets, "到岗", row, "姓名", "")
        set_cell(sheets, "到岗", row, "岗位", "")
    book = xlsx_book(sheets)
    book["到岗"].merge_cells("B2:B4")
    book["到岗"].merge_cells("C2:C4")
    book.save(tmp_path / "x.xlsx")
    evaluation = load_workbook(tmp_path / "x.xlsx", SCHEME)
    assert evaluation.attendance == parse_workbook(valid_sheets(), SCHEME).attendance
    assert _notices(evaluation) == (
        "工作表「到岗」「姓名」列有合并单元格（起于 B2），已按合并单元格的值逐行读取，共 2 行",
        "工作表「到岗」「岗位」列有合并单元格（起于 C2），已按合并单元格的值逐行读取，共 2 行",
    )


def test_a_merge_reaching_into_an_empty_row_types_nothing_there(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["片区"] += [["", ""], ["第三片区", "丁社区"]]
    book = xlsx_book(sheets)
    book["片区"].merge_cells("A4:A5")  # 第二片区 merged down into the empty row below
    book.save(tmp_path / "x.xlsx")
    evaluation = load_workbook(tmp_path / "x.xlsx", SCHEME)
    assert [z.name for z in evaluation.zones] == ["第一片区", "第二片区", "第三片区"]
    assert _notices(evaluation) == ()


def test_a_merged_number_is_refused_not_counted_twice(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 3, "完成量", "")
    book = xlsx_book(sheets)
    book["指标"].merge_cells("E2:E3")
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(WorkbookError) as caught:
        load_workbook(tmp_path / "x.xlsx", SCHEME)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("指标", 3, "完成量")
    assert "此单元格与上方的 E2 合并，数量不能合并填写（会被重复计算）" in problem.message


def test_columns_the_sheet_does_not_use_are_ignored_with_one_notice() -> None:
    sheets = valid_sheets()
    sheets["到岗"][0] += ["入职日期", "身份证号"]
    for row in sheets["到岗"][1:]:
        row += ["2020-01-01", "440101199001011234"]
    evaluation = parse_workbook(sheets, SCHEME)
    assert evaluation.attendance == parse_workbook(valid_sheets(), SCHEME).attendance
    (notice,) = _notices(evaluation)
    assert notice.startswith(
        "工作表「到岗」：本表不使用的列已忽略：「入职日期」（K 列）、「身份证号」（L 列）"
    )


def test_the_notices_reach_the_result_as_warnings() -> None:
    from pinggu._engine import evaluate

    sheets = valid_sheets()
    sheets["到岗"][0].append("入职日期")
    result = evaluate(parse_workbook(sheets, SCHEME), SCHEME)
    assert [w.code for w in result.warnings if "入职日期" in w.message] == ["read_notice"]


def test_problems_of_one_kind_in_one_column_are_one_line() -> None:
    sheets = valid_sheets()
    for row in range(2, 8):
        set_cell(sheets, "到岗", row, "社保", "好" if row < 6 else "可")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("到岗", 2, "社保")
    assert problem.message == (
        "应为「是」或「否」（也可填 √/×、Y/N、1/0、有/无），实为「好」、「可」（共 6 处：第 2–7 行）"
    )
