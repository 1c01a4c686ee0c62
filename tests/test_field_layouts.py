"""The field's own layouts are read: the monthly staffing grid (附件2) and the indicator table (附件1),
beside the template's other sheets, with their own subtotals, 合计 rows and percentages compared
and every planted difference reported at its cell; `pinggu convert` writes what was read as the
tidy workbook, which evaluates to the same figures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook as open_xlsx

from pinggu import (
    WorkbookError,
    evaluate,
    load_scheme,
    load_workbook,
    parse_workbook,
    result_to_dict,
)
from pinggu.cli import main
from tests.layout_books import (
    GRID_MISMATCHES,
    GRID_SHEET,
    TABLE_MISMATCHES,
    TABLE_SHEET,
    TIDY_ATTENDANCE,
    TIDY_INDICATORS,
    as_read_from_a_grid,
    field_book,
    with_grid,
)
from tests.workbook_rows import valid_sheets

SCHEME = load_scheme()
EXAMPLE = Path(__file__).parents[1] / "examples" / "示例街社工服务站-末期评估.xlsx"


def _tidy_sheets() -> dict[str, list[list[object]]]:
    sheets = valid_sheets()
    sheets["到岗"] = [list(row) for row in TIDY_ATTENDANCE]
    sheets["指标"] = [list(row) for row in TIDY_INDICATORS]
    return sheets


def _messages(path: Path, code: str) -> list[str]:
    return [n.message for n in load_workbook(path, SCHEME).notes if n.code == code]


def test_a_staffing_grid_is_read_as_the_tidy_rows_it_stands_for(tmp_path: Path) -> None:
    from_grid = load_workbook(field_book(tmp_path / "grid.xlsx", table=False), SCHEME)
    from_tidy = parse_workbook(_tidy_sheets() | {"指标": valid_sheets()["指标"]}, SCHEME)
    assert from_grid.attendance == from_tidy.attendance


def test_an_indicator_table_is_read_as_the_tidy_rows_it_stands_for(tmp_path: Path) -> None:
    from_table = load_workbook(field_book(tmp_path / "table.xlsx", grid=False), SCHEME)
    assert from_table.indicators == parse_workbook(_tidy_sheets(), SCHEME).indicators


def test_every_planted_difference_in_the_grids_totals_is_a_warning_naming_its_cell(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    assert _messages(path, "sheet_total_mismatch") == list(GRID_MISMATCHES)
    assert _messages(path, "layout_not_read") == []


def test_every_planted_difference_in_the_tables_totals_is_a_warning_naming_its_cell(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "table.xlsx", grid=False)
    assert _messages(path, "sheet_total_mismatch") == list(TABLE_MISMATCHES)


def test_the_differences_are_among_the_results_warnings(tmp_path: Path) -> None:
    result = evaluate(load_workbook(field_book(tmp_path / "both.xlsx"), SCHEME), SCHEME)
    shown = [w.message for w in result.warnings if w.code == "sheet_total_mismatch"]
    assert shown == [*GRID_MISMATCHES, *TABLE_MISMATCHES]


def _figures(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["evaluate", str(path), "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_convert_writes_the_tidy_workbook_that_evaluates_to_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = field_book(tmp_path / "现场.xlsx")
    tidy = tmp_path / "整理后.xlsx"
    assert main(["convert", str(original), "-o", str(tidy)]) == 0
    printed = capsys.readouterr().out
    assert f"工作表「{GRID_SHEET}」按月度到岗表读取，写为「到岗」表" in printed
    assert f"工作表「{TABLE_SHEET}」按指标完成表读取，写为「指标」表" in printed
    for message in (*GRID_MISMATCHES, *TABLE_MISMATCHES):
        assert message in printed
    assert "到岗" in open_xlsx(tidy, read_only=True).sheetnames
    assert GRID_SHEET not in open_xlsx(tidy, read_only=True).sheetnames

    read_directly, read_tidy = _figures(capsys, original), _figures(capsys, tidy)
    layout_codes = {"sheet_total_mismatch", "layout_not_read"}
    direct_warnings = read_directly.pop("warnings")
    assert read_tidy.pop("warnings") == [
        w for w in direct_warnings if w["code"] not in layout_codes
    ]
    assert read_directly == read_tidy
    assert load_workbook(tidy, SCHEME).attendance == load_workbook(original, SCHEME).attendance


def test_a_bad_cell_in_the_grid_is_reported_at_that_cell(tmp_path: Path) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    book[GRID_SHEET]["J5"] = 2  # 张三's 人员到位 for 2024年2月
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == (GRID_SHEET, 5, "J")
    assert problem.message.startswith("到岗：")


def test_a_month_outside_the_period_in_the_grid_is_reported_at_its_heading_column(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    book[GRID_SHEET]["M3"] = "2024年4月"
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    # One line for the column, at its first row, listing every row (grouped messages).
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == (GRID_SHEET, 5, "M")
    assert "第 5–7、9 行" in problem.message, problem.message
    assert "不在考核期内" in problem.message


def test_a_grid_beside_a_tidy_attendance_sheet_is_refused(tmp_path: Path) -> None:
    path = field_book(tmp_path / "both.xlsx", table=False)
    book = open_xlsx(path)
    sheet = book.create_sheet("到岗")
    for row in TIDY_ATTENDANCE:
        sheet.append(row)
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    assert [str(p) for p in caught.value.problems] == [
        "工作表「附件2」：此表是月度到岗表，与工作表「到岗」都对应「到岗」，只能保留一个"
    ]


def test_an_indicator_without_a_measure_it_can_be_read_from_is_refused_at_its_heading(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "table.xlsx", grid=False)
    book = open_xlsx(path)
    book[TABLE_SHEET]["L3"] = "协议量"  # 专业小组 has several measures: which one?
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == (TABLE_SHEET, 2, "I")
    assert "无法确定「专业小组」的计量" in problem.message


def test_the_template_and_the_example_are_not_taken_for_field_layouts() -> None:
    from pinggu._layouts.detect import read_layouts
    from pinggu._sheets.reader import read_book

    for sheets in (_tidy_sheets(), read_book(EXAMPLE)):
        layouts = read_layouts(sheets, SCHEME)
        assert (layouts.read, layouts.sheets) == ([], sheets)


def test_the_examples_staffing_kept_as_a_grid_gives_the_same_staffing_figures(
    tmp_path: Path,
) -> None:
    tidy = load_workbook(EXAMPLE, SCHEME)
    # the grid under the tidy sheet's own name 到岗
    grid = load_workbook(with_grid(EXAMPLE, tmp_path / "grid.xlsx", tidy, "到岗"), SCHEME)
    # the grid's own totals are right; the example's 服务记录 are only said to be unchecked
    # against a grid's made-up 人员编号
    (note,) = grid.notes
    assert note.message.endswith("服务记录的「社工」未与之核对")
    assert as_read_from_a_grid(grid.attendance) == as_read_from_a_grid(tidy.attendance)
    staffing = [result_to_dict(evaluate(ev, SCHEME))["staffing"] for ev in (tidy, grid)]
    for figures in staffing:  # listed in the order of the rows: by block in a grid
        figures["joiners"], figures["leavers"] = (
            sorted(figures["joiners"]),
            sorted(figures["leavers"]),
        )
    assert staffing[0] == staffing[1]


def test_measures_are_read_from_a_heading_row_or_brackets_and_a_gap_or_a_note_is_no_zone() -> None:
    sheets = valid_sheets()
    del sheets["指标"]
    sheets["附件1"] = [
        ["指标完成情况"],
        ["片区", "电访（人次）", "", "", "专业个案", "", "", "", "", ""],
        ["", "", "", "", "接案数", "", "", "节数", "", ""],
        [
            "",
            "协议量",
            "完成量",
            "百分比",
            "协议量",
            "完成量",
            "百分比",
            "协议量",
            "完成量",
            "百分比",
        ],
        ["第一片区", 100, 90, "90%", 10, 12, "120%", 40, 41, "102.5%"],
        [],
        ["第二片区", 50, 50, "100%", 8, 5, "62.5%", 30, 30, "100%"],
        ["合计", 150, 140, "93.33%", 18, 17, "91.25%", 70, 71, "101.43%"],
        ["注：百分比保留两位小数"],
    ]
    evaluation = parse_workbook(sheets, SCHEME)
    read = [(r.zone, r.indicator, r.measure, r.target, r.actual) for r in evaluation.indicators]
    assert read == [
        (zone, indicator, measure, Decimal(target), Decimal(actual))
        for zone, figures in (
            ("第一片区", (100, 90, 10, 12, 40, 41)),
            ("第二片区", (50, 50, 8, 5, 30, 30)),
        )
        for (indicator, measure), target, actual in zip(
            (("电访", "人次"), ("专业个案", "接案数"), ("专业个案", "节数")),
            figures[::2],
            figures[1::2],
            strict=True,
        )
    ]
    assert [n.message for n in evaluation.notes] == [
        "工作表「附件1」G8：合计·专业个案·接案数：表中为 91.25%，按完成量 ÷ 协议量 应为 94.44%"
        "（疑为各片区百分比的平均）",
        "工作表「附件1」第 9 行「注：百分比保留两位小数」不是某个片区的指标，未作为数据读取",
    ]


def test_an_empty_month_in_the_grid_is_an_error_there_unless_a_merged_marker_runs_over_it(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    book[GRID_SHEET]["J5"] = None  # 张三, 2024年2月: nothing typed, no 「——」 before it
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    assert [(p.sheet, p.row, p.column) for p in caught.value.problems] == [(GRID_SHEET, 5, "J")]
    assert caught.value.problems[0].message.startswith("到岗：不能为空")


def test_a_sheet_meant_as_a_layout_but_not_recognised_is_named_when_a_sheet_is_missing(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    for column in "GJM":
        book[GRID_SHEET][f"{column}4"] = "到位"  # not the heading the grid is recognised by
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    assert [(p.sheet, p.message[:6]) for p in caught.value.problems] == [
        ("到岗", "缺少此工作表"),
        (GRID_SHEET, "此表不是评估"),
    ]


def test_convert_writes_nothing_when_the_workbook_has_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    book[GRID_SHEET]["J5"] = "满勤"
    book.save(path)
    tidy = tmp_path / "整理后.xlsx"
    assert main(["convert", str(path), "-o", str(tidy)]) == 2
    assert "工作表「附件2」 第 5 行 「J」列：到岗：" in capsys.readouterr().err
    assert not tidy.exists()


def test_a_file_of_only_the_grid_converts_into_the_blank_template_with_its_staffing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    from pinggu import read_book
    from tests.layout_books import write_grid

    book = Workbook()  # its first sheet stays empty, as Excel's Sheet1 often does
    write_grid(book.create_sheet(GRID_SHEET))
    book.save(tmp_path / "附件2.xlsx")
    tidy = tmp_path / "到岗.xlsx"
    assert main(["convert", str(tmp_path / "附件2.xlsx"), "-o", str(tidy)]) == 0
    printed = capsys.readouterr().out
    assert "其余各表为空白模板" in printed and GRID_MISMATCHES[0] in printed
    # The 稳岗率 lines need 基本信息 and the whole 到岗 to be checked: said, not skipped silently
    assert "第 16 行的稳岗率要按基本信息和到岗表核对，此文件中没有，未核对" in printed
    sheets = valid_sheets()
    sheets["到岗"] = read_book(tidy)["到岗"]
    in_the_field_book = load_workbook(field_book(tmp_path / "全部.xlsx", table=False), SCHEME)
    assert parse_workbook(sheets, SCHEME).attendance == in_the_field_book.attendance
    assert read_book(tidy)["基本信息"][1][1] == ""  # the rest is the blank template


def test_a_file_of_only_the_grid_with_a_bad_cell_is_not_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    from tests.layout_books import write_grid

    book = Workbook()
    write_grid(book.active)
    book.active.title = GRID_SHEET
    book.active["J5"] = "满勤"
    book.save(tmp_path / "附件2.xlsx")
    tidy = tmp_path / "到岗.xlsx"
    assert main(["convert", str(tmp_path / "附件2.xlsx"), "-o", str(tidy)]) == 2
    assert "工作表「附件2」 第 5 行 「J」列：到岗：" in capsys.readouterr().err
    assert not tidy.exists()


NO_ZONES = (
    "工作表「指标完成情况」的「投入社工人数」列只核对了合计：到岗表没有「片区」列，"
    "无法按片区核对人数（社工人数取自到岗表）"
)


def _with_zones(rows: list[list[object]]) -> list[list[object]]:
    """The tidy 到岗 rows with a 片区 column: 张三 (站长) for the whole station, 李四 and two more
    in 第一片区, and in 第二片区 one social worker and a 保洁 (not a social worker)."""
    zones = {"张三": "全站", "李四": "第一片区"}
    more = [
        ("W03", "赵六", "社工", "第一片区"),
        ("W04", "钱八", "社工", "第一片区"),
        ("W05", "周九", "社工", "第二片区"),
        ("W06", "吴十", "保洁", "第二片区"),
    ]
    out = [[*rows[0], "片区"], *([*row, zones[str(row[1])]] for row in rows[1:])]
    for worker, name, position, zone in more:
        for month in ("2024-01", "2024-02", "2024-03"):
            out.append([worker, name, position, month, 1.0, "否", "否", "是", "是", "", zone])
    return out


def test_a_zones_workers_are_compared_with_the_workers_its_attendance_places_there(
    tmp_path: Path,
) -> None:
    sheets = valid_sheets()
    sheets["到岗"] = _with_zones(sheets["到岗"])
    path = field_book(tmp_path / "table.xlsx", grid=False, tidy=sheets)
    # 第一片区 has its 3; 第二片区 writes 2 but has 1 social worker (the 保洁 is not one)
    assert _messages(path, "sheet_total_mismatch") == [
        *TABLE_MISMATCHES,
        "工作表「指标完成情况」B5：第二片区·投入社工人数：表中为 2，按到岗表中此片区的社工应为 1 人",
    ]
    assert _messages(path, "layout_not_read") == []


def test_without_zones_in_attendance_only_the_total_of_workers_is_checked_and_said(
    tmp_path: Path,
) -> None:
    path = field_book(tmp_path / "table.xlsx", grid=False)
    assert _messages(path, "layout_not_read") == [NO_ZONES]


def test_a_grids_subtotal_of_insurance_and_pay_is_compared_month_by_month(tmp_path: Path) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    book[GRID_SHEET]["H12"] = 2  # 非持证 小计·社保购买 for 2024年1月: 3 people were insured
    book.save(path)
    assert (
        "工作表「附件2」H12：2024年1月 非持证 小计·社保购买：表中为 2，"
        "按各人社保购买已落实的人数应为 3"
    ) in _messages(path, "sheet_total_mismatch")


def test_a_stability_line_that_agrees_with_the_engine_gives_no_warning(tmp_path: Path) -> None:
    path = field_book(tmp_path / "grid.xlsx", table=False)
    book = open_xlsx(path)
    book[GRID_SHEET]["A16"] = "稳岗率：考核期内每月均在岗的社工 4 人 ÷ 协议社工 20 人 = 20.00%"
    book[GRID_SHEET]["G17"] = 0.3478  # a percent-formatted cell
    book.save(path)
    stated = [m for m in _messages(path, "sheet_total_mismatch") if "A16" in m or "G17" in m]
    assert stated == []


def test_a_percentage_printed_where_there_is_no_target_is_flagged(tmp_path: Path) -> None:
    path = field_book(tmp_path / "table.xlsx", grid=False)
    book = open_xlsx(path)
    book[TABLE_SHEET]["H4"] = "100%"  # 第一片区·咨询个案: 协议量 「/」
    book[TABLE_SHEET]["H6"] = "100%"  # and its 合计
    book.save(path)
    assert [m for m in _messages(path, "sheet_total_mismatch") if "咨询个案" in m] == [
        f"工作表「{TABLE_SHEET}」H4：第一片区·咨询个案·个：表中为 100.00%，"
        "但没有协议量（或协议量为 0），不应有百分比",
        f"工作表「{TABLE_SHEET}」H6：合计·咨询个案·个：表中为 100.00%，"
        "但没有协议量（或协议量为 0），不应有百分比",
    ]


@pytest.mark.parametrize("top", [2, 3], ids=["beside-the-header", "beside-the-zone-rows"])
def test_a_station_wide_block_beside_the_table_is_read(tmp_path: Path, top: int) -> None:
    path = field_book(tmp_path / "table.xlsx", grid=False)
    book = open_xlsx(path)
    sheet = book[TABLE_SHEET]
    sheet.delete_rows(7, 4)  # the block under the table, moved beside it (columns P to R)
    block = (["社区调研（个）"], ["指标要求", "完成情况", "完成百分比"], [2, 2, "50%"])
    for offset, cells in enumerate(block):
        for column, value in enumerate(cells, start=16):
            sheet.cell(row=top + offset, column=column, value=value)
    book.save(path)
    read = load_workbook(path, SCHEME)
    assert read.indicators == parse_workbook(_tidy_sheets(), SCHEME).indicators
    assert _messages(path, "sheet_total_mismatch") == [
        *TABLE_MISMATCHES,
        f"工作表「{TABLE_SHEET}」R{top + 2}：全站·社区调研·个：表中为 50.00%，"
        "按完成量 ÷ 协议量 应为 100.00%",
    ]
    assert _messages(path, "layout_not_read") == [NO_ZONES]  # the block is read, not a note
