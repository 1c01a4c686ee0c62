"""Sheets as tables: reading the header row and converting data rows.

Every sheet is a header row followed by data rows, and users move, rename, duplicate and leave
out columns in the same ways whichever sheet it is. This module locates each declared column
despite that, converts every data row cell by cell, and collects all problems in `Problems`, so
that the modules reading a particular sheet deal only with their own rules.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .._errors import Problem
from .cells import Bad, cell_value, is_empty, key, shown, without_unit
from .columns import Column, SheetSpec

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
Rows = Sequence[Sequence[object]]
Table = list[tuple[int, dict[str, object]]]  # (Excel row number, raw cell by column name)


@dataclass
class Problems:
    """Every problem found so far, located. Reading any table sheet needs only this; sheets
    outside the evaluation workbook's layout (the client roster) use it without a scheme."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self, sheet: str, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        self.problems.append(Problem(sheet=sheet, message=message, row=row, column=column))

    def flag(self, row: Row, column: str, message: str) -> None:
        self.add(row.sheet, message, row.number, column)


@dataclass(frozen=True)
class Found:
    name: str  # the sheet's name as written in the workbook
    rows: Rows


@dataclass
class Row:
    """One data row after conversion: values of the cells that were filled and valid."""

    sheet: str
    number: int  # Excel row number
    values: dict[str, object]
    failed: bool  # some cell was missing or invalid (already reported)

    def get(self, column: str, kind: type[T]) -> T | None:
        value = self.values.get(column)
        return value if isinstance(value, kind) else None


def earlier_row(seen: dict[K, int], item: K, row: Row) -> int | None:
    """The row `item` was first seen on, or None when this is its first row (now remembered)."""
    first = seen.setdefault(item, row.number)
    return None if first == row.number else first


def data_rows(
    found: Found | None,
    spec: SheetSpec,
    ctx: Problems,
    choices: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[Row] | None:
    """The data rows of a table sheet, each converted (and its problems reported) as it is
    reached, so that a sheet's problems come in row order; None when the sheet is missing or its
    header unusable (reported too)."""
    if found is None:
        return None
    data = table(found, spec.columns, ctx)
    if data is None:
        return None
    if not data and not spec.may_be_empty:
        ctx.add(found.name, f"没有数据：列名下方至少应有一行。{spec.help}")
    return (
        _convert_row(found.name, number, raw, spec.columns, ctx, choices or {})
        for number, raw in data
    )


def table(found: Found, columns: Sequence[Column], ctx: Problems) -> Table | None:
    """Data rows as (Excel row number, raw cell by column name); None if the header is unusable."""
    start = next((i for i, cells in enumerate(found.rows) if not _is_empty_row(cells)), None)
    if start is None:
        ctx.add(found.name, f"工作表是空的；第一行应为列名：{_names(columns)}")
        return None
    positions = _header(found.name, found.rows[start], start + 1, columns, ctx)
    if positions is None:
        return None
    # Data under an unknown or repeated column name: reported once, with the header.
    header = found.rows[start]
    unnamed = {i for i, c in enumerate(header) if not is_empty(c)} - set(positions.values())
    result = []
    for index in range(start + 1, len(found.rows)):
        cells = found.rows[index]
        if _is_empty_row(cells):
            continue
        _check_unnamed(found.name, index + 1, cells, positions, unnamed, ctx)
        raw = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
        result.append((index + 1, raw))
    return result


def _is_empty_row(cells: Sequence[object]) -> bool:
    return all(is_empty(cell) for cell in cells)


def _names(columns: Sequence[Column]) -> str:
    return "、".join(c.name for c in columns)


def _letter(index: int) -> str:
    """Excel column letter of a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header(
    sheet: str, cells: Sequence[object], row: int, columns: Sequence[Column], ctx: Problems
) -> dict[str, int] | None:
    """Column name -> index; reports unknown, duplicate and missing columns."""
    wanted = {key(c.name): c.name for c in columns}
    expected = _names(columns)
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if is_empty(cell):
            continue
        label = shown(cell)
        name = wanted.get(key(label))
        if name is None:
            ctx.add(sheet, f"未知的列「{label}」；本表的列应为：{expected}", row, label)
        elif name in positions:
            where = f"第 {_letter(positions[name])} 列和第 {_letter(index)} 列"
            ctx.add(sheet, f"「{name}」列出现了两次（{where}），只能保留一列", row, label)
        else:
            positions[name] = index
    missing = [c.name for c in columns if c.required and c.name not in positions]
    for name in missing:
        ctx.add(sheet, f"缺少「{name}」列；第 {row} 行的列名应为：{expected}", row, name)
    return None if missing else positions


def _check_unnamed(
    sheet: str,
    row: int,
    cells: Sequence[object],
    positions: Mapping[str, int],
    seen: set[int],
    ctx: Problems,
) -> None:
    """Data under an empty header cell would be silently lost: report it once per column."""
    named = set(positions.values())
    for index, cell in enumerate(cells):
        if index in named or index in seen or is_empty(cell):
            continue
        seen.add(index)
        message = f"此列没有列名，却填有「{shown(cell)}」；请删除这些内容，或填写正确的列名"
        ctx.add(sheet, message, row, _letter(index))


def _convert_row(
    sheet: str,
    number: int,
    raw: Mapping[str, object],
    columns: Sequence[Column],
    ctx: Problems,
    choices: Mapping[str, Sequence[str]],
) -> Row:
    row = Row(sheet, number, {}, False)
    for column in columns:
        try:
            allowed = choices.get(column.name, column.choices)
            cell = raw.get(column.name, "")
            if column.unit_column:
                cell = without_unit(cell, raw.get(column.unit_column, ""))
            value = cell_value(cell, column, allowed)
        except Bad as bad:
            ctx.flag(row, column.name, bad.message)
            row.failed = True
            continue
        if value is not None:
            row.values[column.name] = value
    return row
