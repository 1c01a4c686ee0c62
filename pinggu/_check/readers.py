"""Reading a report to check: .txt as extracted from a PDF, .docx, and .pdf through poppler.

Each reader keeps what a human checker relies on — the order of the text, where each line or
cell is, which cells form a table row — and nothing of the layout else. python-docx is imported
only when a .docx is read (tests/test_it_starts_without_the_report_libraries.py); a PDF is read
with poppler's `pdftotext -layout`, which the report's own PDF checks already need.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from .._errors import UnreadableReport
from .document import Cell, Document, Paragraph, Place, Table
from .layout_roster import layout_rosters

__all__ = ["read_document"]

MAX_BYTES = 50 * 1024 * 1024  # a report of a few hundred pages; anything larger is not one
PDF_SECONDS = 120

# A .pdf table starts at a line of at least three fields (apart by two or more spaces) one of
# which is one of these header words.
_HEADERS = {"协议量", "完成量", "百分比", "标准分", "评分", "折算分"}  # a table's header line


def read_document(path: Path, name: str | None = None) -> Document:
    """The report at `path` as a `Document`; `UnreadableReport` says why it cannot be read."""
    shown = name or path.name
    if not path.is_file():
        raise UnreadableReport(f"{shown}：文件不存在")
    if path.stat().st_size > MAX_BYTES:
        raise UnreadableReport(
            f"{shown}：文件超过 {MAX_BYTES // 1024 // 1024} MB，不像一份评估报告"
        )
    kind = path.suffix.lower().lstrip(".")
    if kind == "txt":
        return _read_txt(path, shown)
    if kind == "docx":
        return _read_docx(path, shown)
    if kind == "pdf":
        return _read_pdf(path, shown)
    raise UnreadableReport(f"{shown}：只能核对 .docx、.pdf 或 .txt 文件")


def _decode(data: bytes, shown: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableReport(f"{shown}：不是 UTF-8 或 GB18030 编码的文本")


def _read_txt(path: Path, shown: str) -> Document:
    """Lines are paragraphs; runs of tab-indented lines are table rows, one cell a line (the
    seeds' tables, flattened by the PDF extraction), rows apart by one blank line. Text that
    `pdftotext -layout` wrote (pages apart by form feeds, no tab-indented cells) is read as a
    PDF is, tables by their aligned columns."""
    text = _decode(path.read_bytes(), shown).replace("\r\n", "\n")
    lines = text.split("\n")
    if "\f" in text and not any(line.startswith("\t") for line in lines):
        layout = _pdf_pages(text, shown)
        return Document(shown, "txt", layout.paragraphs, layout.tables)
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    for i, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            n_table = len(tables) + 1
            place = Place(line=i, table=n_table, row=len(rows) + 1, column=len(row) + 1)
            row.append(Cell(line.strip(), place))
            continue
        if row:
            rows.append(tuple(row))
            row = []
        if line.strip():
            if rows:
                tables.append(Table(len(tables) + 1, tuple(rows)))
                rows = []
            paragraphs.append(Paragraph(line.strip(), Place(line=i)))
    if row:
        rows.append(tuple(row))
    if rows:
        tables.append(Table(len(tables) + 1, tuple(rows)))
    return Document(shown, "txt", tuple(paragraphs), tuple(tables))


def _read_docx(path: Path, shown: str) -> Document:
    """Word's paragraphs and its top-level tables; a vertically merged cell is read once, in
    its first row, as a reader sees it (a horizontally merged one repeats across its columns)."""
    import docx  # python-docx: only here (module docstring)
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document: Any = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise UnreadableReport(
            f"{shown}：不是可以读取的 Word 文件（文件已损坏，或不是 .docx；"
            "请用 Word 或 WPS 打开后另存为 .docx）"
        ) from None
    paragraphs = tuple(
        Paragraph(p.text.strip(), Place(paragraph=i))
        for i, p in enumerate(document.paragraphs, start=1)
        if p.text.strip()
    )
    tables = []
    for t, table in enumerate(document.tables, start=1):
        rows: list[tuple[Cell, ...]] = []
        above: list[Any] = []
        for r, row in enumerate(table.rows, start=1):
            cells = list(row.cells)
            out = []
            for c, cell in enumerate(cells, start=1):
                continued = c - 1 < len(above) and above[c - 1] is cell._tc
                text = "" if continued else cell.text.strip()
                out.append(Cell(text, Place(table=t, row=r, column=c)))
            above = [cell._tc for cell in cells]
            rows.append(tuple(out))
        tables.append(Table(t, tuple(rows)))
    return Document(shown, "docx", paragraphs, tuple(tables))


def _read_pdf(path: Path, shown: str) -> Document:
    if shutil.which("pdftotext") is None:
        raise UnreadableReport(
            f"{shown}：读取 PDF 需要 poppler 的 pdftotext（Debian 软件包 poppler-utils）"
        )
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        timeout=PDF_SECONDS,
        check=False,
    )
    if done.returncode != 0:  # poppler's reason is in English: the user gets ours
        raise UnreadableReport(
            f"{shown}：不是可以读取的 PDF 文件（文件已损坏或设有密码，无法提取文字）"
        )
    return _pdf_pages(done.stdout.decode("utf-8", "replace"), shown)


_FOOTER = re.compile(r"^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$|^-?\s*\d+\s*-?$")
_SENTENCE_END = ("。", "：", "；", "！", "？")


def _pdf_pages(text: str, shown: str) -> Document:
    """Lines from a header line (协议量, 标准分 …) to the next blank line are a table, each field
    put in the header column nearest to it, as the eye aligns them; other lines are joined into
    paragraphs (across a page break too), a new one where a line is indented past the page's
    margin or the last line ended a sentence. Page numbers are skipped."""
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    para: list[tuple[int, int, str]] = []  # (page, line, text)

    def flush_para() -> None:
        if para:
            offsets, joined = [], ""
            for page_no, line_no, line in para:
                offsets.append((len(joined), page_no, line_no))
                joined += line
            place = Place(page=para[0][0], line=para[0][1])
            paragraphs.append(Paragraph(joined, place, tuple(offsets)))
            para.clear()

    for p, page in enumerate(text.split("\f"), start=1):
        lines = page.split("\n")
        margin = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
        header: list[tuple[float, str]] | None = None  # (centre, text) of the table's columns
        rows: list[tuple[Cell, ...]] = []
        for i, raw in enumerate(lines, start=1):
            fields = [(m.start(), m.group()) for m in re.finditer(r"\S+(?:\s\S+)*", raw)]
            if header is not None and fields:
                rows.append(_pdf_row(header, fields, p, i, len(tables) + 1, len(rows) + 1))
                continue
            if header is not None:
                tables.append(Table(len(tables) + 1, tuple(rows)))
                header, rows = None, []
            texts = [f for _, f in fields]
            if len(fields) >= 3 and _HEADERS & set(texts):
                header = [(start + len(f) / 2, f) for start, f in fields]
                if texts[0] in _HEADERS:  # the label column's header is on another line
                    header.insert(0, (0.0, ""))
                names = _pdf_names(header, lines, i, p, len(tables) + 1)
                if names is not None:  # the names and 片区 lines are not a paragraph
                    top = names[0].place.line or i
                    para[:] = [x for x in para if x[0] != p or x[1] < top]
                flush_para()
                rows = [names] if names is not None else []
                rows.append(_pdf_row(header, fields, p, i, len(tables) + 1, len(rows) + 1))
                continue
            stripped = raw.strip()
            if not stripped or _FOOTER.match(stripped):
                continue
            lead = len(raw) - len(raw.lstrip())
            if para and (lead > margin + 1 or para[-1][2].endswith(_SENTENCE_END)):
                flush_para()
            para.append((p, i, stripped))
        if header is not None:
            tables.append(Table(len(tables) + 1, tuple(rows)))
    flush_para()
    pages = [page.split("\n") for page in text.split("\f")]
    tables += layout_rosters(pages, len(tables) + 1)  # the 到岗 table, read by its own columns
    return Document(shown, "pdf", tuple(paragraphs), tuple(tables))


_NAME = re.compile(r"[^\s（）]+(?:（[^（）\s]+）)+")


def _pdf_names(
    header: list[tuple[float, str]], lines: list[str], at: int, page: int, table: int
) -> tuple[Cell, ...] | None:
    """The indicator names printed above a 协议量 / 完成量 / 百分比 header (「电访（人次）」, centred
    over their three columns, one or two lines up): a row with each name over its 协议量."""
    agreed = [c for c, (_, text) in enumerate(header) if text == "协议量"]
    for back in (1, 2):
        if at - back < 1 or not agreed:
            return None
        raw = lines[at - back - 1]
        found = [(m.start() + len(m.group()) / 2, m.group()) for m in _NAME.finditer(raw)]
        if not found:
            continue
        texts = [""] * len(header)
        for centre, name in found:
            left = [c for c in agreed if header[c][0] <= centre + 2]
            if left:
                texts[left[-1]] = name
        return tuple(
            Cell(t, Place(page=page, line=at - back, table=table, row=1, column=c))
            for c, t in enumerate(texts, start=1)
        )
    return None


def _pdf_row(
    header: list[tuple[float, str]],
    fields: list[tuple[int, str]],
    page: int,
    line: int,
    table: int,
    row: int,
) -> tuple[Cell, ...]:
    texts = [""] * len(header)
    for start, text in fields:
        centre = start + len(text) / 2
        column = min(range(len(header)), key=lambda c: abs(header[c][0] - centre))
        texts[column] = f"{texts[column]} {text}".strip()
    return tuple(
        Cell(t, Place(page=page, line=line, table=table, row=row, column=c))
        for c, t in enumerate(texts, start=1)
    )
