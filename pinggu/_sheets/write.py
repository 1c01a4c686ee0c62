"""Writing a cell so that what a user typed stays data: the one way the engine writes a value.

openpyxl stores any text beginning with "=" as a formula, and Excel (or a spreadsheet that
re-reads a copy) may run text beginning with "+", "-", "@", a tab or a carriage return as one:
a station named "=HYPERLINK(...)" would become a live link in every export that lists it. Every
writer of an .xlsx goes through `write_cell` or `append_row`, which store such text as a string
cell with Excel's quote prefix (shown as typed, never evaluated). The program writes no formula
of its own into cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["FORMULA_STARTS", "append_row", "write_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_data(cell: Cell) -> Cell:
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Set the cell at (row, column), 1-based, to `value`; text is always stored as text."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    return _as_data(cell)


def append_row(ws: Worksheet, values: Iterable[Any]) -> None:
    """`ws.append(values)`, with every text stored as text."""
    ws.append([_as_data(Cell(ws, value=value)) for value in values])
