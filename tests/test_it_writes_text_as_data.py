"""Every .xlsx the engine writes stores text beginning with =, +, -, @, a tab or a carriage
return as text, never as a formula: a station named "=HYPERLINK(...)" stays a name.

Each export is written with hostile text in every text field it carries, read back with
openpyxl, and checked: the hostile text is there, as typed, and no cell is a formula (the
engine writes none of its own).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import cycle
from pathlib import Path

from openpyxl import load_workbook as open_xlsx
from openpyxl.worksheet.worksheet import Worksheet

from pinggu import (
    Roster,
    append_row,
    draw_sample,
    load_scheme,
    load_workbook,
    read_roster,
    write_cell,
    write_workbook,
)
from pinggu._sample_command import write_draw
from pinggu._workbook.writer import write_roster

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "示例街社工服务站-末期评估.xlsx"
ROSTER = ROOT / "examples" / "示例街社工服务站-服务对象名册.xlsx"
HOSTILE = (
    '=HYPERLINK("http://example.com/x","点此")',
    "+cmd|' /C calc'!A0",
    "-1+2",
    "@SUM(A1)",
    "\tx",
    "\rx",
)


def cells_of(path: Path) -> list[tuple[str, object, str]]:
    """(sheet, value, data type) of every filled cell of the file."""
    book = open_xlsx(path)
    return [
        (ws.title, cell.value, cell.data_type)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_no_formula(path: Path, expected: set[str]) -> None:
    cells = cells_of(path)
    formulas = [(sheet, value) for sheet, value, kind in cells if kind == "f"]
    assert formulas == []
    texts = {value for _, value, _ in cells if isinstance(value, str)}
    assert expected <= texts, expected - texts  # the hostile text was written, as typed


def test_the_evaluation_workbook_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    scheme = load_scheme()
    evaluation = load_workbook(EXAMPLE, scheme)
    text = cycle(HOSTILE)
    info = replace(
        evaluation.info,
        **{name: next(text) for name in ("station", "district", "street", "operator")},
        purchaser=next(text),
        supervisor=next(text),
        address=HOSTILE[0],
        onsite_objection=HOSTILE[1],
    )
    attendance = tuple(
        replace(row, name=next(text), note=next(text)) for row in evaluation.attendance
    )
    findings = tuple(replace(f, text=next(text)) for f in evaluation.findings)
    hostile = replace(evaluation, info=info, attendance=attendance, findings=findings)
    path = tmp_path / "工作簿.xlsx"
    write_workbook(path, hostile, scheme)
    assert_no_formula(path, set(HOSTILE))


def test_the_blank_template_has_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "空白.xlsx"
    write_workbook(path)
    assert_no_formula(path, set())


def _hostile_roster() -> Roster:
    roster = read_roster(ROSTER)
    text = cycle(HOSTILE)
    return Roster(tuple(replace(c, name=next(text), note=next(text)) for c in roster.clients))


def test_the_roster_file_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "名册.xlsx"
    write_roster(path, _hostile_roster())
    assert_no_formula(path, set(HOSTILE))


def test_the_sample_lists_keep_hostile_text_as_text(tmp_path: Path) -> None:
    roster = _hostile_roster()
    draw = draw_sample(roster, n=100, seed="20240520")
    files = write_draw(tmp_path, draw, roster, HOSTILE[0], masked=False)
    assert_no_formula(files.xlsx, set(HOSTILE))


def test_the_helpers_store_formula_text_as_text_shown_as_typed(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert isinstance(ws, Worksheet)
    for column, value in enumerate(HOSTILE, start=1):
        write_cell(ws, 1, column, value)
    append_row(ws, [*HOSTILE, "普通", 3])
    path = tmp_path / "x.xlsx"
    book.save(path)
    assert_no_formula(path, set(HOSTILE))
    read = open_xlsx(path).active
    assert isinstance(read, Worksheet)
    assert read["A1"].quotePrefix and read["A2"].quotePrefix and not read["G2"].quotePrefix
    assert read["H2"].value == 3
