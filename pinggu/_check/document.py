"""One model of a report to check, whatever it was written in: located paragraphs and table rows.

A district bureau receives reports as Word files, as PDFs and as text pasted out of PDFs. The
rules (docs/check-rules.md) must not care which: every reader turns its file into a `Document`,
and every figure a rule reports carries a `Place` a user can find in the file they have — a line
of a .txt, a paragraph or a table cell of a .docx, a page and line of a .pdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["NUMBER", "PERCENT", "Cell", "Document", "Paragraph", "Place", "Table", "number"]

NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
PERCENT = re.compile(rf"({NUMBER})\s*%")


def number(text: str) -> Decimal:
    """A printed number as the exact decimal it shows (thousands separators dropped)."""
    return Decimal(text.replace(",", ""))


@dataclass(frozen=True)
class Place:
    """Where something is printed. Only the fields that make sense for the file's kind are set."""

    line: int | None = None  # a .txt line, or a line of a .pdf page
    page: int | None = None  # .pdf
    paragraph: int | None = None  # .docx, counted from 1 as Word's paragraphs are
    table: int | None = None  # counted from 1 in the order the tables appear
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        text = "".join(parts)
        if self.table is not None:
            cell = f"表 {self.table} 第 {self.row} 行" + (
                f"第 {self.column} 列" if self.column is not None else ""
            )
            text = f"{text}（{cell}）" if text else cell
        return text


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text; `lines` maps offsets in it to the file's lines where it was wrapped."""

    text: str
    place: Place
    # Where a wrapped paragraph's lines start: (offset in `text`, page, line), in order.
    lines: tuple[tuple[int, int | None, int], ...] = ()

    def place_at(self, offset: int) -> Place:
        """The place of the character at `offset`: its own line when the paragraph was wrapped."""
        page, line = self.place.page, self.place.line
        for start, page_, line_ in self.lines:
            if start <= offset:
                page, line = page_, line_
        return Place(line=line, page=page, paragraph=self.place.paragraph)


@dataclass(frozen=True)
class Cell:
    """A table cell's text (empty where a merged cell continues) and where it is."""

    text: str
    place: Place


@dataclass(frozen=True)
class Table:
    number: int
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Document:
    file: str  # as the user named it
    kind: str  # "txt", "docx" or "pdf"
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
