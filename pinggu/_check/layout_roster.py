"""The 到岗 table (附件2) in text laid out by `pdftotext -layout`, as a `Table` the staffing rule reads.

In a PDF the 到岗 table spans pages, its header is on two lines (序号 / 姓名 … 合计 over 7月 8月 …)
and a blank cell leaves nothing to count columns by, so the readers' aligned-column tables
(readers.py) cannot hold it. Here each page's header (pinggu's 附件2, like most, repeats it on
every page) gives the months and where the figures' columns are; a row with a figure in every
month is read in order, and each figure of a row with blanks goes to the column it is printed
under. A figure between two columns, or two under one, cannot be placed with certainty: the row's
cells are marked unreadable, so the rule leaves it and every subtotal that counts it unchecked
(docs/check-rules.md, `staff_roster`).
"""

from __future__ import annotations

import re

from .document import NUMBER, Cell, Place, Table

__all__ = ["UNPLACED", "layout_rosters"]

UNPLACED = "（无法定位）"  # a cell no figure can be read from: not a number, so never checked

_MONTH = re.compile(r"(\d{1,2})\s?月")
_FIELD = re.compile(r"\S+")
_SERIAL = re.compile(r"^\d+$")
_FOOTER = re.compile(r"^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")  # as readers.py skips them
_VALUE = re.compile(rf"^(?:{NUMBER}|——|—|-|/)$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_AGGREGATE = re.compile(r"(?:小计|实到|应到)$")  # 持证社工小计, 每月实到, 每月持证应到


class _Header:
    """One page's header: its months and the span of the figures' columns, in characters.

    `pdftotext -layout` squeezes the month names (「9 月 10 月 11 月」) off their columns, so
    the columns' positions are taken from the page's full rows (a figure in every month), which
    it aligns as printed; a row with blanks is placed against them."""

    def __init__(self, months: list[tuple[float, str]], total: float) -> None:
        self.names = [name for _, name in months]
        half = (total - months[0][0]) / len(months) / 2
        self.left, self.right = months[0][0] - half, total + half
        self.centres: list[float] = []  # learnt from the full rows (`learn`)

    def figures(self, fields: list[tuple[float, str]]) -> list[tuple[float, str]]:
        return [f for f in fields if self.left <= f[0] <= self.right]

    def touches(self, fields: list[tuple[float, str]]) -> bool:
        """Whether any of the fields is printed within the figures' columns."""
        return bool(self.figures(fields))

    def learn(self, rows: list[list[tuple[float, str]]]) -> None:
        full = [
            r
            for r in rows
            if len(r) == len(self.names) + 1 and all(_VALUE.match(text) for _, text in r)
        ]
        if full:
            self.centres = [sum(r[c][0] for r in full) / len(full) for c in range(len(full[0]))]

    def place(self, fields: list[tuple[float, str]]) -> list[str] | None:
        """The figures of a row by column (months, then 合计); None when one cannot be placed."""
        figures = self.figures(fields)
        if not all(_VALUE.match(text) for _, text in figures):
            return None
        if len(figures) == len(self.names) + 1:
            return [text for _, text in figures]
        if not figures:
            return [""] * (len(self.names) + 1)
        if not self.centres:
            return None
        reach = 0.3 * min(b - a for a, b in zip(self.centres, self.centres[1:], strict=False))
        texts = [""] * len(self.centres)
        for centre, text in figures:
            column = min(range(len(self.centres)), key=lambda c: abs(self.centres[c] - centre))
            if abs(self.centres[column] - centre) > reach or texts[column]:
                return None
            texts[column] = text
        return texts


def _header(lines: list[str], at: int) -> tuple[_Header, int] | None:
    """The header whose 姓名 / 合计 line is `lines[at]`, the months on it or the next line; with
    the index of its last line."""
    line = lines[at]
    if "姓名" not in line or "合计" not in line:
        return None
    total = line.index("合计") + 1.0
    for end in (at, at + 1):
        if end >= len(lines):
            break
        months = [
            (m.start() + len(m.group()) / 2, f"{m.group(1)}月") for m in _MONTH.finditer(lines[end])
        ]
        if len(months) >= 2 and all(c < total for c, _ in months):
            header = _Header(months, total)
            rows = []
            for later in lines[end + 1 :]:
                fields = [
                    (m.start() + len(m.group()) / 2, m.group()) for m in _FIELD.finditer(later)
                ]
                if fields and (_SERIAL.match(fields[0][1]) or _AGGREGATE.search(fields[0][1])):
                    rows.append(header.figures(fields[1:]))
            header.learn(rows)
            return header, end
    return None


def layout_rosters(pages: list[list[str]], first: int) -> list[Table]:
    """The 到岗 tables in the pages' lines, numbered from `first`. A table continues on the next
    page from where that page repeats the header, and ends at a line at the margin that is no row
    of it (「说明：」, 「合计：应到…」) or at a page that does not repeat the header."""
    tables: list[Table] = []
    reading: _Reading | None = None
    for p, lines in enumerate(pages, start=1):
        header: _Header | None = None  # this page's
        skip = -1  # the header's month line
        for i, raw in enumerate(lines):
            found = _header(lines, i)
            if found is not None:
                header, skip = found
                if reading is None:
                    reading = _Reading(first + len(tables), header, p, i + 1)
                continue
            if i <= skip or _FOOTER.match(raw.strip()):
                continue
            if reading is None or header is None:
                if reading is not None and raw[:1].strip():
                    _close(reading, tables)  # no header repeated on this page
                    reading = None
                continue
            if not reading.add(header, raw, p, i + 1) and raw[:1].strip():
                _close(reading, tables)  # text at the margin: the table has ended
                reading = None
        if reading is not None and header is None:
            _close(reading, tables)
            reading = None
    if reading is not None:
        _close(reading, tables)
    return tables


def _close(reading: _Reading, tables: list[Table]) -> None:
    """Keeps the table read so far (the rows after its header) and ends the reading."""
    if len(reading.rows) > 1:
        tables.append(Table(reading.table, tuple(reading.rows)))


class _Reading:
    """A 到岗 table being read. Once a row is in doubt (a figure not placed, a 序号 skipped, a
    line with figures that is no row), the 小计 / 实到 rows after it are not read: they would be
    checked against people missing from the sum."""

    def __init__(self, table: int, header: _Header, page: int, line: int) -> None:
        self.table = table
        self.rows: list[tuple[Cell, ...]] = []
        self._append(["序号", "姓名", *header.names, "合计"], page, line)
        self.serial = 0
        self.doubt = False

    def _append(self, texts: list[str], page: int, line: int) -> None:
        row = len(self.rows) + 1
        self.rows.append(
            tuple(
                Cell(t, Place(page=page, line=line, table=self.table, row=row, column=c))
                for c, t in enumerate(texts, start=1)
            )
        )

    def add(self, header: _Header, raw: str, page: int, line: int) -> bool:
        """Reads `raw` as a person's row (序号 first, figures under the months), a 小计 / 实到 /
        应到 row or a section heading; False for anything else (a 备注 wrapped onto its own
        line, 「12 月：本月起…」, which is beside the figures' columns)."""
        fields = [(m.start() + len(m.group()) / 2, m.group()) for m in _FIELD.finditer(raw)]
        if not fields:
            return True
        label = fields[0][1]
        if _SERIAL.match(label) and len(fields) > 1 and header.touches(fields[2:]):
            self.doubt |= int(label) not in (1, self.serial + 1)  # a person left out
            self.serial = int(label)
            name, figures = fields[1][1], fields[2:]
        elif _AGGREGATE.search(label):
            name, figures = "", fields[1:]
        elif _HEADING.match(label) and len(fields) == 1:
            name, figures = "", []
        else:
            self.doubt |= header.touches(fields)
            return False
        placed = header.place(figures)
        if placed is None or (self.doubt and not name):
            self.doubt |= placed is None
            placed = [UNPLACED] * (len(header.names) + 1)
        self._append([label, name, *placed], page, line)
        return True
