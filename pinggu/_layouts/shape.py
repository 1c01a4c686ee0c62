"""What reading a field layout produces, and the small cell helpers both layouts share.

A field layout is turned into the rows of the tidy sheet it stands for (a header row, then one
row per record, as `pinggu template` lays it out), so that the importer's checks apply to it
unchanged. Each tidy cell remembers the sheet cell it came from (`origins`), so that a problem the
importer finds in a tidy row is reported at the cell the user typed, not at a row of a sheet the
user never saw. Merged cells are read as the layouts are drawn (a value at its range's first
cell, the rest empty), so `rows` is all a layout needs; see docs/layouts.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .._errors import Problem
from .._model import ImportNote
from .._numbers import plain
from .._sheets.cells import is_empty, key, shown
from .._sheets.tables import Rows

MISMATCH = "sheet_total_mismatch"
NOT_READ = "layout_not_read"
DASHES = frozenset("-—–－―‐─")  # 「——」「—」「-」: nobody in that month, or no target
TICKS = frozenset({"√", "✓", "✔", "☑"})
CROSSES = frozenset({"×", "✗", "✘", "x", "X"})

# (Excel row number, 0-based column index) of the sheet cell a tidy cell was read from
Origin = tuple[int, int]


@dataclass(frozen=True)
class Stated:
    """A figure a layout states that only the whole evaluation can check (a grid's 稳岗率 line,
    a table's 投入社工人数 per 片区): compared once it is read (`stated.layout_notes`)."""

    kind: str  # what it states: 稳岗率, 从业2年以上占比, 投入社工人数
    row: int  # Excel row number
    column: int  # 0-based column of the figure
    figure: Shown  # a count is shown exactly (tolerance 0)
    zone: str = ""  # the 片区 a 投入社工人数 is for


@dataclass
class Converted:
    """A field-layout sheet read into the rows of the tidy sheet `target`."""

    source: str  # the sheet's name as written in the workbook
    target: str  # the tidy sheet it stands for (到岗, 指标)
    layout: str  # what it was recognised as, for messages (月度到岗表, 指标完成表)
    rows: list[list[object]] = field(default_factory=list)
    origins: dict[int, dict[str, Origin]] = field(default_factory=dict)  # tidy row -> column
    notes: list[ImportNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)

    def add_row(self, values: dict[str, object], origin: dict[str, Origin]) -> None:
        """Append a tidy row (under the header in `rows[0]`) and where its cells came from."""
        header = self.rows[0]
        self.rows.append([values.get(str(name), "") for name in header])
        self.origins[len(self.rows)] = origin

    def problem(self, message: str, row: int | None = None, column: int | None = None) -> None:
        where = None if column is None else letter(column)
        self.problems.append(Problem(self.source, message, row, where))

    def mismatch(self, row: int, column: int, message: str) -> None:
        self.notes.append(ImportNote(MISMATCH, f"{self.at(row, column)}{message}"))

    def not_read(self, message: str) -> None:
        self.notes.append(ImportNote(NOT_READ, f"工作表「{self.source}」{message}"))

    def at(self, row: int, column: int) -> str:
        return f"工作表「{self.source}」{letter(column)}{row}："

    def relocate(self, problem: Problem) -> Problem:
        """A problem the importer found in a tidy row, at the sheet cell it came from."""
        origin = self.origins.get(problem.row or 0, {})
        place = origin.get(problem.column or "")
        if place is None and origin:
            place = next(iter(origin.values()))
        if place is None:
            return Problem(self.source, problem.message)
        label = f"{problem.column}：" if problem.column else ""
        return Problem(self.source, f"{label}{problem.message}", place[0], letter(place[1]))


def letter(column: int) -> str:
    """Excel column letter of a 0-based column index (openpyxl is not imported to read)."""
    letters, index = "", column + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell(rows: Rows, row: int, column: int) -> object:
    """The cell at 0-based (row, column); "" beyond a ragged row's end."""
    if row < 0 or row >= len(rows) or column < 0:
        return ""
    cells = rows[row]
    return cells[column] if column < len(cells) else ""


def text(value: object) -> str:
    """A cell as comparison text ("" when empty)."""
    return "" if is_empty(value) else key(shown(value))


def is_dash(value: object) -> bool:
    t = text(value)
    return bool(t) and set(t) <= DASHES


def find_label(rows: Rows, labels: set[str], first: int, last: int) -> tuple[int, int] | None:
    """The first (row, column), 0-based, in rows first..last whose text is one of `labels`."""
    for r in range(max(first, 0), min(last, len(rows) - 1) + 1):
        for c, value in enumerate(rows[r]):
            if text(value) in labels:
                return r, c
    return None


_PERCENT = re.compile(r"^(-?\d+(?:\.(\d+))?)%$")


def number(value: object) -> Decimal | None:
    """A cell's plain number (int, float or numeric text), or None."""
    if isinstance(value, bool) or is_empty(value):
        return None
    if isinstance(value, int | float):
        try:
            figure = Decimal(str(value))
        except InvalidOperation:
            return None
        return figure if figure.is_finite() else None
    t = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", t):
        return None
    return Decimal(t)


@dataclass(frozen=True)
class Shown:
    """A percentage as the sheet shows it: its value in percent and how exactly it is shown."""

    percent: Decimal
    tolerance: Decimal  # half a unit of its last shown digit

    def matches(self, expected: Decimal) -> bool:
        return abs(self.percent - expected) <= self.tolerance


def percentage(value: object) -> Shown | None:
    """「98.33%」 typed as text, or a number stored by a percent-formatted cell (0.9833; a number
    above 20 is taken as already in percent), or None."""
    if isinstance(value, str):
        t = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
        m = _PERCENT.match(t)
        if m is None:
            return None
        decimals = len(m.group(2) or "")
        return Shown(Decimal(m.group(1)), Decimal(5) / Decimal(10) ** (decimals + 1))
    n = number(value)
    if n is None:
        return None
    tolerance = Decimal("0.005")
    return Shown(n if abs(n) > 20 else n * 100, tolerance)


def pct(value: Decimal) -> str:
    """A percentage for a message: 97.50% (a figure too long to round is shown in full)."""
    try:
        return f"{value.quantize(Decimal('0.01'))}%"
    except InvalidOperation:
        return f"{amount(value)}%"


def amount(value: Decimal) -> str:
    """A figure for a message: 220, 169.5, and in full however large."""
    try:
        return plain(value)
    except InvalidOperation:
        return format(value.normalize(), "f")
