"""A formula saved without its result, and an Excel error value (#N/A, #VALUE! …), are located
errors that say so: calamine reads both as empty cells, and a tool that writes formulas without
values made every target vanish (issue 12 §2.4)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from roster_rows import HEADER, client_row
from workbook_rows import Sheets, valid_sheets, xlsx_book

from pinggu._errors import WorkbookError
from pinggu._roster import read_roster
from pinggu._scheme import load_scheme
from pinggu._sheets.cells import Unread
from pinggu._sheets.reader import read_book
from pinggu._workbook.importer import load_workbook

SCHEME = load_scheme("guangzhou-2023")
NO_RESULT = "此单元格是公式但没有计算结果，请在 Excel 中打开并保存一次"


def _write(sheets: Sheets, path: Path, cells: dict[tuple[str, str], object]) -> Path:
    book = xlsx_book(sheets)
    for (name, ref), value in cells.items():
        book[name][ref] = value  # a "=…" string is a formula openpyxl saves without a value
    book.save(path)
    return path


def _problems(path: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    return [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems]


def test_targets_written_as_formulas_without_results_are_located_errors(tmp_path: Path) -> None:
    path = _write(
        valid_sheets(),
        tmp_path / "公式.xlsx",
        {("指标", "D2"): "=5*2", ("指标", "D3"): "=SUM(E2:E3)"},
    )
    assert read_book(path)["指标"][1][3] == Unread(None)
    assert _problems(path) == [("指标", 2, "协议量", f"{NO_RESULT}（共 2 处：第 2–3 行）")]


@pytest.mark.parametrize("error", ["#N/A", "#VALUE!", "#DIV/0!", "#REF!"])
def test_an_error_value_is_a_located_error_naming_it(tmp_path: Path, error: str) -> None:
    path = _write(valid_sheets(), tmp_path / "错误值.xlsx", {("指标", "E3"): error})
    assert _problems(path) == [("指标", 3, "完成量", f"单元格为错误值 {error}")]


def test_an_error_value_in_an_optional_cell_is_not_read_as_empty(tmp_path: Path) -> None:
    path = _write(valid_sheets(), tmp_path / "错误值.xlsx", {("到岗", "J2"): "#N/A"})
    assert _problems(path) == [("到岗", 2, "备注", "单元格为错误值 #N/A")]


def test_a_formula_saved_with_its_result_is_read_as_the_result(tmp_path: Path) -> None:
    path = _write(valid_sheets(), tmp_path / "公式.xlsx", {("指标", "D2"): "=5*2"})
    calculated = tmp_path / "已计算.xlsx"  # as Excel saves it: <c><f>5*2</f><v>10</v></c>
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(calculated, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data.replace(b"<f>5*2</f><v></v>", b"<f>5*2</f><v>10</v>"))
    assert load_workbook(calculated, SCHEME).indicators[0].target == 10


def test_a_roster_cell_holding_an_error_is_located(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "服务对象名册"
    for row in (HEADER, client_row("C1"), client_row("C2")):
        sheet.append(row)
    sheet["B3"] = "#NAME?"
    book.save(tmp_path / "名册.xlsx")
    with pytest.raises(WorkbookError) as caught:
        read_roster(tmp_path / "名册.xlsx")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.message) == (3, "姓名", "单元格为错误值 #NAME?")


def test_a_sheet_of_countless_uncalculated_formulas_is_refused_as_a_whole(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(1, 1002):
        sheet.append([f"=A{row}+1"] * 10)  # 10,010 formulas without results
    book.save(tmp_path / "公式.xlsx")
    with pytest.raises(WorkbookError, match="有超过 10000 个没有计算结果的公式或错误值"):
        read_book(tmp_path / "公式.xlsx")
