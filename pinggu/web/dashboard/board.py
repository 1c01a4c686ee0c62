"""The dashboard's tables as plain data: columns, rows of typed cells, a flag where a figure
falls short, and the visible rounds they are built from (`Entry`). The tables (tables.py,
followup.py, rectification.py, performance.py) build them; the page (templates,
templatetags/pinggu.py) and the Excel export (exports.py) only lay them out, so the two always
show the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..digest import Digest
from ..models import Round

Value = Decimal | int | str | date | None  # None: no figure, shown as "—"


@dataclass(frozen=True)
class Column:
    title: str
    # text, station (linked to the round), date, number, points, percent, change, and percent1:
    # one decimal, as the report prints satisfaction (89.4%)
    kind: str = "text"
    group: str = ""  # a heading over a run of columns (the heat table's indicator groups)
    unit: str = ""  # the heat table's measure, shown on a line of its own on the page

    @property
    def heading(self) -> str:
        """The full header: 电访（人次）."""
        return f"{self.title}（{self.unit}）" if self.unit else self.title


@dataclass(frozen=True)
class Cell:
    value: Value
    kind: str = "text"
    flag: str = ""  # "bad": short of the mark (red); "good": at or above it (green)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, Decimal | int)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    round_id: int | None = None  # the round the station name links to
    link: str = ""  # or another page it links to (a station's follow-up)


@dataclass(frozen=True)
class Table:
    slug: str  # the export's address: /dashboard/export/<slug>.xlsx
    title: str  # the page's heading
    sheet: str  # the workbook's sheet name and part of its file name
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""

    @property
    def groups(self) -> list[tuple[str, int]]:
        """Runs of columns under one heading, (heading, span); empty when no column has one."""
        if not any(c.group for c in self.columns):
            return []
        runs: list[tuple[str, int]] = []
        for column in self.columns:
            if runs and runs[-1][0] == column.group:
                runs[-1] = (column.group, runs[-1][1] + 1)
            else:
                runs.append((column.group, 1))
        return runs


@dataclass(frozen=True)
class Entry:
    """A visible round with its stored result's digest (None before any data)."""

    round: Round
    result: Digest | None

    @property
    def is_midterm(self) -> bool:
        return self.round.kind == Round.Kind.MIDTERM


def row(
    columns: Sequence[Column],
    values: Iterable[Value],
    flags: dict[int, str] | None = None,
    round_id: int | None = None,
    link: str = "",
) -> Row:
    """A row whose cells take their kinds from the columns; `flags` by column index."""
    flags = flags or {}
    cells = tuple(
        Cell(value, column.kind, flags.get(i, ""))
        for i, (column, value) in enumerate(zip(columns, values, strict=True))
    )
    return Row(cells, round_id, link)
