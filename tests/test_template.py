"""The blank template is laid out from sheets.py: every sheet, exactly its headers, drop-downs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from pinggu._workbook.sheets import (
    ATTENDANCE,
    HELP_SHEET,
    INFO_COLUMNS,
    INFO_FIELDS,
    INFO_SHEET,
    KIND_CHOICES,
    TABLE_SHEETS,
    SheetSpec,
)
from pinggu._workbook.writer import MIN_VALIDATED_ROWS, write_workbook


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_workbook(path)
    return openpyxl.load_workbook(path)


def _header(ws: Any) -> list[object]:
    return [cell.value for cell in ws[1]]


def _validations(ws: Any) -> dict[str, tuple[str, str]]:
    """Column letter -> (list formula, range) of each drop-down on the sheet."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            letter = get_column_letter(range_boundaries(cell_range.coord)[0])
            found[letter] = (dv.formula1, str(cell_range.coord))
    return found


def test_sheets_in_order(template: Any) -> None:
    names = [HELP_SHEET, INFO_SHEET, *(spec.name for spec in TABLE_SHEETS)]
    assert template.sheetnames == names


@pytest.mark.parametrize("spec", TABLE_SHEETS, ids=lambda s: s.name)
def test_table_headers_are_exactly_the_columns(template: Any, spec: SheetSpec) -> None:
    ws = template[spec.name]
    assert _header(ws) == [c.name for c in spec.columns]
    assert ws.max_row == 1  # blank: nothing but the header
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])


@pytest.mark.parametrize("spec", TABLE_SHEETS, ids=lambda s: s.name)
def test_every_choice_column_has_a_drop_down(template: Any, spec: SheetSpec) -> None:
    ws = template[spec.name]
    validations = _validations(ws)
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        if column.choices:
            formula, coord = validations[letter]
            assert formula == '"' + ",".join(column.choices) + '"'
            assert coord == f"{letter}2:{letter}{MIN_VALIDATED_ROWS}"
        else:
            assert letter not in validations


def test_attendance_drop_downs(template: Any) -> None:
    validations = _validations(template[ATTENDANCE.name])
    letters = {c.name: get_column_letter(i) for i, c in enumerate(ATTENDANCE.columns, start=1)}
    assert validations[letters["到岗"]][0] == '"1,0.5,0"'
    for yes_no in ("持证", "从业满两年", "社保", "工资"):
        assert validations[letters[yes_no]][0] == '"是,否"'
    assert letters["姓名"] not in validations


def test_month_and_date_cells_are_formatted(template: Any) -> None:
    letters = {c.name: get_column_letter(i) for i, c in enumerate(ATTENDANCE.columns, start=1)}
    assert template[ATTENDANCE.name].column_dimensions[letters["月份"]].number_format == "@"
    ws = template[INFO_SHEET]
    row = 2 + [f.attribute for f in INFO_FIELDS].index("evaluation_date")
    assert ws.cell(row=row, column=2).number_format == "yyyy-mm-dd"


def test_column_widths_follow_the_layout(template: Any) -> None:
    ws = template[ATTENDANCE.name]
    for index, column in enumerate(ATTENDANCE.columns, start=1):
        assert ws.column_dimensions[get_column_letter(index)].width == column.width


def test_info_sheet_lists_every_field(template: Any) -> None:
    ws = template[INFO_SHEET]
    assert _header(ws) == [c.name for c in INFO_COLUMNS]
    assert ws.freeze_panes == "A2"
    labels = [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)]
    assert labels == [f.label for f in INFO_FIELDS]
    for row, field in enumerate(INFO_FIELDS, start=2):
        label = ws.cell(row=row, column=1)
        assert bool(label.font.bold) is field.required
        assert label.comment is not None and label.comment.text
        assert ws.cell(row=row, column=2).value is None


def test_kind_cell_has_a_drop_down(template: Any) -> None:
    ws = template[INFO_SHEET]
    row = 2 + [f.attribute for f in INFO_FIELDS].index("kind")
    coords = {
        str(r.coord): dv.formula1
        for dv in ws.data_validations.dataValidation
        for r in dv.sqref.ranges
    }
    assert coords[f"B{row}"] == '"' + ",".join(KIND_CHOICES) + '"'


def test_help_sheet_explains_every_sheet_and_column(template: Any) -> None:
    text = "\n".join(str(row[0]) for row in template[HELP_SHEET].iter_rows(values_only=True))
    for spec in TABLE_SHEETS:
        assert f"【{spec.name}】{spec.help}" in text
        for column in spec.columns:
            assert f"· {column.name}：" in text
            if column.help:
                assert column.help in text
    for field in INFO_FIELDS:
        assert f"· {field.label}：" in text
    for rule in ("百分比", "全站", "0.5"):
        assert rule in text
