"""Tables as WordprocessingML, inserted into the rendered template in place of a {{p field}}.

The grids with grouped headers and merged cells (附件1, 附件2, the score table) are written as
XML directly: python-docx's cell-by-cell API spent about half a second per report on them,
which a season of 176 reports cannot afford. The styles come from the template by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .marks import Num, Text
from .tables import Cell, Table

TWIPS_PER_CM = 567
HEADER_FILL = "E7E6E6"
# Tables up to this many rows are kept on one page (a 17-row table split 7 + 10 reads badly);
# longer ones break between rows and repeat their header rows on each page.
KEEP_TOGETHER_ROWS = 20
# Borders written on each table rather than through a table style: LibreOffice resolves a
# table style cell by cell, which cost about a tenth of each report's PDF conversion.
BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


@dataclass(frozen=True)
class Styles:
    """Style ids of the template (they differ from the names shown in Word)."""

    text: str
    caption: str


class Block:
    """Block-level XML that docxtpl inserts verbatim for a `{{p field }}` tag."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


def tables_block(
    tables: tuple[Table, ...], styles: Styles, mark: Callable[[Text | str], str]
) -> Block:
    """Each table with its title above and its notes below."""
    parts = []
    for table in tables:
        if table.title:
            parts.append(_paragraph(table.title, styles.caption, keep_next=True))
        parts.append(_table(table, styles, mark))
        parts += [_paragraph(mark(note), styles.text, align="left") for note in table.notes]
        parts.append(_paragraph("", styles.text))
    return Block("".join(parts))


def _paragraph(
    text: str, style: str, *, align: str | None = None, bold: bool = False, keep_next: bool = False
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    run = ""
    if text:
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _table(data: Table, styles: Styles, mark: Callable[[Text | str], str]) -> str:
    widths = [round(w * TWIPS_PER_CM) for w in data.widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    props = (
        # Children in the schema's order (tblW, jc, tblBorders, tblLayout, tblCellMar): Word
        # refuses a document whose properties are out of order.
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>{BORDERS}'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="23" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="23" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    )
    below = _continued(data)
    # A short table stays on one page: every row but the last keeps with the next.
    keep = len(data.rows) <= KEEP_TOGETHER_ROWS
    rows = []
    for r, row in enumerate(data.rows):
        header = r < data.header_rows
        together = keep and r < len(data.rows) - 1
        cells = []
        for c, cell in enumerate(row):
            if cell is not None:
                value = cell.value
                text = mark(Text.of(value) if isinstance(value, Num) else value)
                span = sum(widths[c : c + cell.colspan])
                vmerge = "restart" if cell.rowspan > 1 else None
                cells.append(_cell(text, span, cell, styles, header, vmerge, together))
            elif (r, c) in below:
                origin = below[(r, c)]
                span = sum(widths[c : c + origin.colspan])
                cells.append(_cell("", span, origin, styles, header, "continue", together))
        trpr = (
            "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            if header
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        rows.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _continued(data: Table) -> dict[tuple[int, int], Cell]:
    """Positions under a row-spanning cell, which Word writes as vMerge continuations."""
    out = {}
    for r, row in enumerate(data.rows):
        for c, cell in enumerate(row):
            if cell is not None and cell.rowspan > 1:
                for k in range(1, cell.rowspan):
                    out[(r + k, c)] = cell
    return out


def _cell(
    text: str,
    width: int,
    cell: Cell,
    styles: Styles,
    header: bool,
    vmerge: str | None,
    keep_next: bool,
) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.colspan > 1:
        tcpr += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    if header or cell.header:
        tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
    tcpr += '<w:vAlign w:val="center"/>'
    shown = text if vmerge != "continue" else ""
    body = _paragraph(
        shown, styles.text, align=cell.align, bold=cell.bold or header, keep_next=keep_next
    )
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>"
