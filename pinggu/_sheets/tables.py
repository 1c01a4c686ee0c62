"""Sheets as tables: reading the header row and converting data rows.

Every sheet is a header row followed by data rows, and users move, rename, duplicate and leave
out columns in the same ways whichever sheet it is, put title lines above the header, spread the
header over two merged rows, add columns of their own and merge cells down a block. This module
finds the header by its column names, locates each declared column despite all that, converts
every data row cell by cell, and collects all problems (grouped by column and kind when shown)
and notices in `Problems`, so that the modules reading a particular sheet deal only with their
own rules.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .._errors import Problem, WorkbookError
from .cells import Bad, Merged, cell_value, is_empty, key, shown, without_unit
from .columns import Column, SheetSpec, ValueKind

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
Rows = Sequence[Sequence[object]]
Table = list[tuple[int, dict[str, object]]]  # (Excel row number, raw cell by column name)


@dataclass
class Problems:
    """Every problem found so far, located, and the notices: what was read in a way the user
    should know of (merged cells filled down, columns ignored) though nothing is wrong. Reading
    any table sheet needs only this; sheets outside the evaluation workbook's layout (the
    client roster) use it without a scheme."""

    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # (sheet, column name) -> [(Excel row, merged range's first cell)], made one notice each
    merged: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)

    def notice(self, sheet: str, message: str) -> None:
        self.notices.append(f"工作表「{sheet}」：{message}")

    def all_notices(self) -> list[str]:
        """The notices, with one for each column whose merged cells were read row by row."""
        filled = [
            f"工作表「{sheet}」「{column}」列有合并单元格（{_merged_ranges(cells)}），"
            f"已按合并单元格的值逐行读取，共 {len(cells)} 行"
            for (sheet, column), cells in self.merged.items()
        ]
        return [*self.notices, *filled]

    def grouped(self) -> list[Problem]:
        """The problems with those of one kind in one column given once, listing the rows:
        250 rows of 「实为「好」」 in 社保 are one line, not 250."""
        return group_problems(self.problems)

    def add(
        self, sheet: str, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        self.problems.append(Problem(sheet=sheet, message=message, row=row, column=column))

    def flag(self, row: Row, column: str, message: str) -> None:
        self.add(row.sheet, message, row.number, column)

    def fail(self, row: Row, column: str, message: str) -> None:
        """Flag the row and mark it failed: nothing is taken from it."""
        self.flag(row, column, message)
        row.failed = True


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


_FOUND = re.compile(r"^(.*)，实为「(.*)」$", re.DOTALL)


def named_sheets(
    sheets: Mapping[str, Rows],
    names: Sequence[str] | Mapping[str, Sequence[str]],
    problems: Problems | None = None,
) -> dict[str, Found]:
    """The sheets among `sheets` that are `names`, by canonical name, in workbook order: the one
    way every sheet of a workbook is found. Names are compared by `key` (spaces and full-width
    characters ignored); given a mapping, a canonical name's other names (个案档案 for 个案)
    count as it too. A second sheet for a name is a problem naming both, added to `problems`
    (the sheet read no further) or, without, raised as `WorkbookError`: passing over either in
    silence would leave figures the user typed unused, unsaid. No sheet may come twice."""
    own = Problems() if problems is None else problems
    others = names if isinstance(names, Mapping) else {name: () for name in names}
    wanted = {key(other): name for name, aliases in others.items() for other in (name, *aliases)}
    found: dict[str, Found] = {}
    for sheet, rows in sheets.items():
        canonical = wanted.get(key(sheet))
        if canonical is None:
            continue
        if canonical in found:
            first = found[canonical].name
            spelt = [f"「{n}」" for n in (canonical, *others[canonical])]
            why = (
                "名称中的空格、全角半角不计"
                if key(first) == key(sheet)
                else f"{'、'.join(spelt)}都是这张表的名称"
            )
            message = (
                f"与工作表「{first}」都对应「{canonical}」表（{why}），只能保留一个："
                "请把两张表合为一张，或删去其中一张"
            )
            own.add(sheet, message)
            continue
        found[canonical] = Found(sheet, rows)
    if problems is None and own.problems:
        raise WorkbookError(own.problems)
    return found


def header_only(rows: Rows) -> bool:
    """A sheet with nothing under its header (the blank template's), or nothing at all."""
    return sum(1 for cells in rows if not all(is_empty(c) for c in cells)) <= 1


def group_problems(problems: Sequence[Problem]) -> list[Problem]:
    """Problems of the same kind in the same sheet and column (the message apart from what
    the cell held) merged into one, at the first row, listing every row and the values."""
    groups: dict[tuple[str, str | None, str], list[tuple[Problem, str | None]]] = {}
    for problem in problems:
        match = _FOUND.match(problem.message) if problem.row is not None else None
        kind = match[1] if match else problem.message
        group = (problem.sheet, problem.column, kind) if problem.row is not None else None
        if group is None:
            groups[(problem.sheet, None, f"{id(problem)}")] = [(problem, None)]
            continue
        groups.setdefault(group, []).append((problem, match[2] if match else None))
    result = []
    for (_, _, kind), members in groups.items():
        first = members[0][0]
        if len(members) == 1:
            result.append(first)
            continue
        values = list(dict.fromkeys(v for _, v in members if v is not None))
        found = "、".join(f"「{v}」" for v in values[:3]) + ("等" if len(values) > 3 else "")
        rows = _row_runs([p.row for p, _ in members if p.row is not None])
        message = f"{kind}{'，实为' + found if found else ''}（共 {len(members)} 处：第 {rows} 行）"
        result.append(Problem(first.sheet, message, first.row, first.column))
    return result


def _row_runs(rows: Sequence[int]) -> str:
    """2、5–9、12: row numbers as runs."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _merged_ranges(cells: Sequence[tuple[int, str]]) -> str:
    origins = list(dict.fromkeys(origin for _, origin in cells))
    shown = "、".join(origins[:5]) + ("等" if len(origins) > 5 else "")
    return f"起于 {shown}"


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
    """Data rows as (Excel row number, raw cell by column name); None if the header is unusable.

    The header is the row, among the first few, that names the most of the sheet's columns:
    title lines above it are skipped, and a header over two rows (a heading above, the column
    names below, as merged cells make them) is read as one."""
    start = _header_row(found.rows, columns)
    if start is None:
        ctx.add(found.name, f"工作表是空的；第一行应为列名：{_names(columns)}")
        return None
    labels, first_data = _labels(found.rows, start, columns)
    skipped = [i + 1 for i in range(start) if not _is_empty_row(found.rows[i])]
    if skipped:
        where = f"第 {_row_runs(skipped)} 行"
        ctx.notice(found.name, f"{where}在列名（第 {start + 1} 行）之上，作为标题未读取")
    positions = _header(found.name, labels, start + 1, columns, ctx)
    if positions is None:
        return None
    # Data under an empty header cell: reported once per column; under an ignored one: noticed.
    unnamed = {i for i, c in enumerate(labels) if not is_empty(c)} - set(positions.values())
    result = []
    for index in range(first_data, len(found.rows)):
        cells = found.rows[index]
        if _is_empty_row(cells):
            continue
        _check_unnamed(found.name, index + 1, cells, positions, unnamed, ctx)
        raw = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
        result.append((index + 1, raw))
    return result


_HEADER_SEARCH = 10  # non-empty rows looked at for the header


def _known(cell: object, wanted: set[str]) -> bool:
    return not is_empty(cell) and key(shown(cell)) in wanted


def _header_row(rows: Rows, columns: Sequence[Column]) -> int | None:
    """The index of the header row: the first of the first few non-empty rows naming the most
    columns; the first non-empty row when none names any (its labels are then reported)."""
    wanted = {key(c.name) for c in columns}
    candidates = [i for i, cells in enumerate(rows) if not _is_empty_row(cells)][:_HEADER_SEARCH]
    if not candidates:
        return None
    # a merged header cell counts in its first row only: the row below it is not the header
    scores = [
        sum(_known(c, wanted) and not isinstance(c, Merged) for c in rows[i]) for i in candidates
    ]
    best = max(scores)
    return candidates[scores.index(best)] if best else candidates[0]


def _labels(rows: Rows, start: int, columns: Sequence[Column]) -> tuple[list[object], int]:
    """The header's labels, and the index of the first data row. When the row below the header
    names columns too (a two-row header), each column takes the name found in either row."""
    wanted = {key(c.name) for c in columns}
    labels = list(rows[start])
    below = list(rows[start + 1]) if start + 1 < len(rows) else []
    above = {key(shown(c)) for c in labels if _known(c, wanted)}
    new = {key(shown(c)) for c in below if _known(c, wanted)} - above
    texts = all(isinstance(c, str | Merged) for c in below if not is_empty(c))
    if len(new) < 2 or not texts:
        return labels, start + 1
    labels.extend([""] * (len(below) - len(labels)))
    for i, cell in enumerate(below):
        if _known(cell, wanted) or (is_empty(labels[i]) and not is_empty(cell)):
            labels[i] = shown(cell)
    return labels, start + 2


def _is_empty_row(cells: Sequence[object]) -> bool:
    """Nothing typed in the row: a merged cell reaching into it from above types nothing."""
    return all(is_empty(cell) or isinstance(cell, Merged) for cell in cells)


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
    """Column name -> index; reports duplicate and missing columns, notices ignored ones."""
    wanted = {key(c.name): c.name for c in columns}
    expected = _names(columns)
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        if is_empty(cell):
            continue
        label = shown(cell)
        name = wanted.get(key(label))
        if name is None:
            ignored.append(f"「{label}」（{_letter(index)} 列）")
        elif name in positions:
            where = f"第 {_letter(positions[name])} 列和第 {_letter(index)} 列"
            ctx.add(sheet, f"「{name}」列出现了两次（{where}），只能保留一列", row, label)
        else:
            positions[name] = index
    if ignored:
        message = f"本表不使用的列已忽略：{'、'.join(ignored)}；本表的列为：{expected}"
        ctx.notice(sheet, message)
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


_COUNTED = (ValueKind.NUMBER, ValueKind.INTEGER)  # never copied down a merge (cells.cell_value)


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
            if isinstance(cell, Merged) and column.kind not in _COUNTED:
                ctx.merged.setdefault((sheet, column.name), []).append((number, cell.origin))
            if column.unit_column:
                cell = without_unit(cell, raw.get(column.unit_column, ""))
            value = cell_value(cell, column, allowed)
        except Bad as bad:
            ctx.fail(row, column.name, bad.message)
            continue
        if value is not None:
            row.values[column.name] = value
    return row
