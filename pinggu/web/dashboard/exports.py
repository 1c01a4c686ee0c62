"""The dashboard's tables as Excel workbooks, laid out from the same plain tables as the page.

One sheet per table, named in Chinese; the header bold and frozen (with the station's name),
numbers as numbers, percentages as fractions with a % format (85.00% is 0.85), scores with two
decimals, dates as dates, and the cells the page marks red or green filled the same way.
`/dashboard/export/<table>.xlsx` gives one table, `/dashboard/export/all.xlsx` all of them
(views.py). The survey's lists reuse the header's style. Every cell is written with the
engine's `write_cell`, so text a user typed (a station's name) stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pinggu import write_cell

from .board import Cell, Table

TITLE = "社工站评估总览"
ALL = "all"
FORMATS = {
    "number": "General",
    "points": "0.00",
    "percent": "0.00%",
    "percent1": "0.0%",
    "change": "+0.00;-0.00;0.00",
    "date": "yyyy-mm-dd",
}
FILLS = {
    "bad": PatternFill("solid", fgColor="FDE2DF"),
    "good": PatternFill("solid", fgColor="DDF3E6"),
}
HEADER_FILL = PatternFill("solid", fgColor="EEF1F4")
BOLD = Font(bold=True)
MISSING = "—"
HEADER_WIDTH = 12  # a longer header wraps


def value_of(cell: Cell) -> Any:
    """What the workbook stores: numbers as numbers, a percentage as its fraction, "—" for no
    figure (as on the page)."""
    if cell.value is None:
        return MISSING
    if cell.value == "":
        return None  # nothing to show: an empty cell
    if cell.kind in ("percent", "percent1") and isinstance(cell.value, Decimal | int):
        return Decimal(cell.value) / 100
    return cell.value


def _width(text: object) -> int:
    """Display width: a Chinese character takes about two Latin ones."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


def _headers(ws: Any, table: Table) -> int:
    """The header row (and the group row above it, if any); returns the number of rows."""
    top = 1
    if table.groups:
        col = 1
        for group, span in table.groups:
            write_cell(ws, 1, col, group or None)
            if span > 1:
                ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + span - 1)
            col += span
        top = 2
    for col, column in enumerate(table.columns, start=1):
        write_cell(ws, top, col, column.heading)
    for line in ws.iter_rows(min_row=1, max_row=top):
        for c in line:
            c.font, c.fill = BOLD, HEADER_FILL
            c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return top


def write_sheet(ws: Any, table: Table) -> None:
    ws.title = table.sheet
    top = _headers(ws, table)
    for r, row in enumerate(table.rows, start=top + 1):
        for col, cell in enumerate(row.cells, start=1):
            target = write_cell(ws, r, col, value_of(cell))
            if cell.is_number or cell.kind == "date":
                target.number_format = FORMATS.get(cell.kind, "General")
            if cell.flag in FILLS:
                target.fill = FILLS[cell.flag]
    station = next((i for i, c in enumerate(table.columns) if c.kind == "station"), -1)
    ws.freeze_panes = ws.cell(top + 1, station + 2)
    if top == 1 and station >= 0 and table.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    _widths(ws, table, top)


def _widths(ws: Any, table: Table, header_row: int) -> None:
    """Columns as wide as their widest figure; long headers wrap onto more lines."""
    lines = 1
    for col, column in enumerate(table.columns, start=1):
        widest = max([_width(value_of(row.cells[col - 1])) for row in table.rows] + [0])
        width = max(widest, min(_width(column.heading), HEADER_WIDTH), 6) + 2
        ws.column_dimensions[get_column_letter(col)].width = width
        lines = max(lines, -(-_width(column.heading) // (width - 2)))
    ws.row_dimensions[header_row].height = 16 * lines + 4


def workbook_bytes(tables: Iterable[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        write_sheet(book.create_sheet(), table)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def filename(table: Table | None, today: date) -> str:
    """社工站评估总览-2026-11-22.xlsx for every table, 社工站评估总览-人员风险-2026-11-22.xlsx for one."""
    part = f"-{table.sheet}" if table is not None else ""
    return f"{TITLE}{part}-{today.isoformat()}.xlsx"
