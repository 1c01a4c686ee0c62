"""The guard: an .xlsx is measured, streaming, before any reader expands a cell of it.

python-calamine turns a sheet into a dense grid from A1 to its farthest value, so the farthest
value decides the memory, not the file size. The guard inflates every part of the zip in chunks,
counting the bytes itself (a zip's declared sizes are the attacker's to write) and stopping at
the limit, and scans each worksheet's XML for its cells (`<c r="B7">`): a cell that holds a
value moves the sheet's used range; a cell with no value (a styled empty cell far away) does not,
because calamine does not expand it either. The first value beyond `Limits` stops the scan with
a message naming the file, the sheet and the cell. The scan is a byte regex over the inflated
stream, so refusing the worst file costs well under a second and a few megabytes.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, NoReturn
from xml.etree import ElementTree

from .._errors import FileRefused
from .limits import Limits

__all__ = ["UNREAD_MAX", "column_letters", "refuse", "refuse_unread", "scan_xlsx"]

CHUNK = 1024 * 1024
_WORKBOOK = "xl/workbook.xml"
_RELS = "xl/_rels/workbook.xml.rels"
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_PLACES = re.compile(rb'\sr="([A-Za-z]{1,4})(\d+)"')  # a cell's place as Excel writes it
_COLUMN_PLACES = re.compile(rb'\sr="([A-Za-z]{1,4})\d')
_ROW_PLACES = re.compile(rb'\sr="[A-Za-z]{1,4}(\d+)"')
_ANY_PLACE = re.compile(rb"\sr\s*=")
_REF = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)(\d*)\s*["']""")
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
_TEXT_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")  # a formula whose result is text
UNREAD_MAX = 10_000  # each is listed to its user; beyond this the file is not a workbook to list
_MAX_TAIL = 16 * CHUNK  # this far without a tag is no worksheet (a cell holds ≤ 32,767 chars)


def refuse(message: str) -> NoReturn:
    raise FileRefused(message)


def refuse_unread(book: str, sheet: str) -> NoReturn:
    refuse(
        f"工作簿「{book}」工作表「{sheet}」有超过 {UNREAD_MAX} 个没有计算结果的公式或错误值；"
        "请在 Excel 中打开、检查并保存一次后再试"
    )


def column_letters(column: int) -> str:
    """Excel column letters of a 1-based column number."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_COLUMNS = {column_letters(n).encode(): n for n in range(1, 16385)}  # A..XFD, Excel's last
_BEYOND = 16385


def _column_of(letters: bytes) -> int:
    """The column number of letters; any letters past Excel's last column are beyond it."""
    return _COLUMNS.get(letters.upper(), _BEYOND)


@dataclass
class _Budget:
    """Inflated bytes so far, over the whole archive."""

    name: str
    limits: Limits
    used: int = 0

    def spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limits.archive_bytes:
            limit = self.limits.archive_bytes // (1024 * 1024)
            refuse(
                f"工作簿「{self.name}」解压后超过 {limit} MB，超出允许范围；请删除多余的内容后再试"
            )


def _chunks(stream: IO[bytes], budget: _Budget) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        budget.spend(len(chunk))
        yield chunk


@dataclass
class _Range:
    """The used range of one sheet as its cells are scanned, checked against the limits."""

    book: str
    sheet: str
    limits: Limits
    cells_before: int  # the used areas of the sheets scanned earlier
    rows: int = 0
    columns: int = 0
    # (row, column) 1-based -> the error value (#N/A …), or None for a formula without a result
    unread: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def fits(self, row: int, column: int) -> bool:
        """Whether a value at (row, column) keeps the sheet within the limits."""
        rows, columns = max(self.rows, row), max(self.columns, column)
        limits = self.limits
        return (
            column <= limits.columns
            and row <= limits.rows
            and self.cells_before + rows * columns <= limits.cells
        )

    def value_at(self, row: int, column: int) -> None:
        if row <= self.rows and column <= self.columns:
            return
        where = f"工作簿「{self.book}」工作表「{self.sheet}」的单元格 {column_letters(column)}{row}"
        limits = self.limits
        if column > limits.columns or row > limits.rows:
            refuse(f"{where} 超出允许范围（最多 {limits.columns} 列、{limits.rows} 行）")
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        if self.cells_before + self.rows * self.columns > limits.cells:
            refuse(
                f"{where} 使工作簿的已用区域超过 {limits.cells} 个单元格，超出允许范围；"
                "请删除多余的内容（或把数据分成几个文件）"
            )

    @property
    def area(self) -> int:
        return self.rows * self.columns


def _scan_sheet(stream: IO[bytes], used: _Range, budget: _Budget) -> None:
    """Feed the sheet's XML to a `_Rows` scanner a whole number of rows at a time."""
    tail = b""
    rows: _Rows | None = None
    for chunk in _chunks(stream, budget):
        buffer = tail + chunk
        if rows is None:
            root = _ROOT.search(buffer)
            if root is None:
                tail = _unfinished(buffer, used)
                continue
            rows = _Rows(root[1] or b"", used)
            buffer = rows.start(buffer)
        rows.check_prefix(buffer)
        cut = buffer.rfind(rows.row_start)  # the rows before the last <row are whole
        if cut > 0:
            rows.scan(buffer[:cut])
            rows.unread(buffer[:cut])
            buffer = buffer[cut:]
        tail = _unfinished(buffer, used)
    if rows is None:
        refuse(f"无法读取文件「{used.book}」：工作表「{used.sheet}」的内容格式不对")
    rows.scan(tail)
    rows.unread(tail)


def _unfinished(tail: bytes, used: _Range) -> bytes:
    if len(tail) > _MAX_TAIL:
        refuse(f"无法读取文件「{used.book}」：工作表「{used.sheet}」的内容格式不对")
    return tail


class _Rows:
    """Finds each row's farthest cell holding a value with a few byte searches per row, so a
    sheet of millions of cells is scanned at the speed of the regex engine, not of Python.

    A row whose cells all carry `r="B7"` (as Excel writes them) is read by one regex listing
    the cells with a value; a row whose cells carry none counts the cells before its last value
    (`</v>`, `</is>`). Only a row mixing the two, or one past a limit (to name the cell), is
    walked cell by cell."""

    def __init__(self, prefix: bytes, used: _Range) -> None:
        p = re.escape(prefix)
        self.prefix, self.used, self.row, self.count = prefix, used, 0, 0
        self.row_start = b"<" + prefix + b"row"
        self.cell_start = b"<" + prefix + b"c"
        self.cell_starts = tuple(
            self.cell_start + end for end in (b" ", b">", b"/", b"\t", b"\n", b"\r")
        )
        self.value_ends = (b"</" + prefix + b"v>", b"</" + prefix + b"is>")
        self.cells = re.compile(b"<" + p + rb"c(?=[\s/>])([^>]*)>(</)?")
        self.formula = b"<" + prefix + b"f"
        self.bodies = re.compile(
            b"<" + p + rb"c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</" + p + rb"c>)", re.DOTALL
        )
        self.has_formula = re.compile(b"<" + p + rb"f[\s/>]")
        self.value = re.compile(b"<" + p + rb"v>(.*?)</" + p + rb"v>", re.DOTALL)
        self.unread_row = 0
        self.valued = re.compile(
            b"<" + p + rb"c(?=\s)[^>]*?\sr\s*=\s*[\"']([A-Za-z]+)(\d*)[\"'][^>]*(?<!/)>(?!</)"
        )

    def start(self, buffer: bytes) -> bytes:
        """The buffer from its first row on; a cell before any row is refused."""
        first = buffer.find(self.row_start)
        head = buffer if first < 0 else buffer[:first]
        if self._count(head, self.cell_starts):
            self._malformed()
        return buffer if first < 0 else buffer[first:]

    def check_prefix(self, buffer: bytes) -> None:
        """Rows or cells under another namespace prefix than the root's would pass unseen
        (calamine reads them by local name): refused."""
        if not self.prefix:
            foreign = any(tag in buffer for tag in (b":row ", b":row>", b":c ", b":c>"))
        else:
            ours = self._count(buffer, [self.row_start + b" ", self.cell_start + b" "])
            every = self._count(buffer, [b":row ", b":c "])
            foreign = ours != every or any(t in buffer for t in (b"<row ", b"<c ", b"<c>"))
        if foreign:
            self._malformed()

    def scan(self, rows: bytes) -> None:
        """Measure a run of whole rows: at once when every cell carries its place, else row by
        row."""
        cells = rows.count(self.cell_start)  # rich-text <color> too: a bound, never less
        self.count += cells
        if self.count > self.used.limits.cells:
            self.row = self._last_row(rows) or self.row
            refuse(
                f"工作簿「{self.used.book}」工作表「{self.used.sheet}」到第 {self.row} 行已有超过 "
                f"{self.used.limits.cells} 个单元格，超出允许范围；请删除多余的内容"
            )
        if not self._at_once(rows, cells):
            for part in rows.split(self.row_start)[1:]:
                if part[:1] in (b" ", b">", b"/", b"\t", b"\r", b"\n"):  # not <rowBreaks>
                    self._row(part)

    def unread(self, rows: bytes) -> None:
        """Record the cells calamine would read as empty though they are not: formulas saved
        without a result and Excel error values. Only rows holding either are walked."""
        if self.formula not in rows and _ERROR_TYPE.search(rows) is None:
            rows_here = len(re.findall(re.escape(self.row_start) + rb"[\s>/]", rows))
            self.unread_row = self._last_row(rows) or self.unread_row + rows_here
            return
        for part in rows.split(self.row_start)[1:]:
            if part[:1] not in (b" ", b">", b"/", b"\t", b"\r", b"\n"):
                continue
            end = part.find(b">")
            ref = _REF.search(part[: max(end, 0)])
            self.unread_row = int(ref[2]) if ref and ref[2] else self.unread_row + 1
            if self.formula in part or _ERROR_TYPE.search(part):
                self._unread_cells(part[end + 1 :])

    def _unread_cells(self, body: bytes) -> None:
        column = 0
        for attributes, content in self.bodies.findall(body):
            ref = _REF.search(attributes)
            column = _column_of(ref[1]) if ref and ref[1] else column + 1
            value = self.value.search(content)
            where = (self.unread_row, column)
            if _ERROR_TYPE.search(attributes):
                error = value[1].decode("utf-8", "replace").strip() if value else ""
                self.used.unread[where] = error or "#N/A"
            elif self.has_formula.search(content) and (
                value is None or (not value[1] and _TEXT_TYPE.search(attributes) is None)
            ):
                self.used.unread[where] = None
            if len(self.used.unread) > UNREAD_MAX:
                refuse_unread(self.used.book, self.used.sheet)

    def _at_once(self, rows: bytes, cells: int) -> bool:
        """Rows whose every cell carries r="B7" (as Excel writes them): the farthest place of
        any cell bounds the used range; within the limits, that bound is recorded and the rows
        are done. False when the rows need reading one by one."""
        letters = _COLUMN_PLACES.findall(rows)
        last = self._last_row(rows)
        if not letters or len(letters) != cells or last is None:
            return False
        row = max(map(int, set(_ROW_PLACES.findall(rows))))
        column = max(map(_column_of, set(letters)))
        if not self.used.fits(row, column):
            return False
        self.used.value_at(row, column)
        self.row = last
        return True

    def _last_row(self, rows: bytes) -> int | None:
        head = rows[rows.rfind(self.row_start) :]
        ref = _REF.search(head[: head.find(b">")])
        return int(ref[2]) if ref and ref[2] else None

    def _row(self, part: bytes) -> None:
        end = part.find(b">")
        head = part[:end]
        ref = _REF.search(head)
        self.row = int(ref[2]) if ref and ref[2] else self.row + 1
        if end < 0 or head.endswith(b"/"):
            return
        body = part[end + 1 :]
        if _ANY_PLACE.search(body) is None:  # cells placed one after another
            last = max(body.rfind(marker) for marker in self.value_ends)
            if last >= 0:  # "<c" counts rich-text <color> too: a bound, never less
                self._value(self.row, body.count(self.cell_start, 0, last), body)
            return
        found = self.valued.findall(body)
        if len(_PLACES.findall(body)) != self._count(body, self.cell_starts):
            self._walk(body)
        elif found:
            letters, digits = zip(*found, strict=True)
            rows = max(map(int, filter(None, digits)), default=self.row)
            self._value(max(rows, self.row), max(map(_column_of, letters)), body)

    def _value(self, row: int, column: int, body: bytes) -> None:
        if self.used.fits(row, column):
            self.used.value_at(row, column)
        else:
            self._walk(body)  # to name the first cell past the limit

    def _walk(self, body: bytes) -> None:
        row, column = self.row, 0
        for attributes, close in self.cells.findall(body):
            ref = _REF.search(attributes)
            if ref and ref[1]:
                column = _column_of(ref[1])
                row = int(ref[2]) if ref[2] else self.row
            else:
                column += 1
            if not close and not attributes.endswith(b"/"):
                self.used.value_at(max(row, 1), column)

    @staticmethod
    def _count(data: bytes, needles: Sequence[bytes]) -> int:
        return sum(data.count(needle) for needle in needles)

    def _malformed(self) -> NoReturn:
        refuse(f"无法读取文件「{self.used.book}」：工作表「{self.used.sheet}」的内容格式不对")


def _sheet_names(book: zipfile.ZipFile, name: str, budget: _Budget) -> dict[str, str]:
    """Sheet part -> sheet name, from the workbook's own index: a sheet is scanned wherever in
    the archive its relationship puts it, not only under xl/worksheets/."""
    try:
        root = ElementTree.fromstring(_read_small(book, _WORKBOOK, budget))
        rels = ElementTree.fromstring(_read_small(book, _RELS, budget))
    except (KeyError, ElementTree.ParseError):
        refuse(_not_a_workbook(name))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id", "")] = posixpath.normpath(part)
    names = {}
    for sheet in root.iter():
        if sheet.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.rsplit("}", 1)[-1] == "id"), "")
        names[targets.get(rid, "")] = sheet.get("name", "")
    return names


def _read_small(book: zipfile.ZipFile, part: str, budget: _Budget) -> bytes:
    with book.open(part) as stream:
        return b"".join(_chunks(stream, budget))


def _not_a_workbook(name: str) -> str:
    return (
        f"无法读取文件「{name}」：不是有效的 Excel 工作簿"
        "（应为 .xlsx 文件，可用 Excel 或 WPS 另存为 .xlsx）"
    )


Unread = dict[tuple[int, int], str | None]


def scan_xlsx(book: zipfile.ZipFile, name: str, limits: Limits) -> dict[str, Unread]:
    """Refuse (`FileRefused`) an archive or sheet beyond `limits`; `name` is the file as the
    user named it. Every part is inflated once, counted, and dropped. Returns, by sheet name, the
    cells calamine reads as empty though they hold a formula without a result or an error value
    ((row, column) 1-based -> the error, None for the formula)."""
    budget = _Budget(name, limits)
    sheets = _sheet_names(book, name, budget)
    cells = 0
    unread: dict[str, Unread] = {}
    try:
        for info in book.infolist():
            inflated = budget.used
            with book.open(_unbounded(info, limits)) as stream:
                if info.filename in sheets or _SHEET_PART.match(info.filename):
                    sheet = sheets.get(info.filename, info.filename)
                    used = _Range(name, sheet, limits, cells)
                    _scan_sheet(stream, used, budget)
                    cells += used.area
                    unread[sheet] = used.unread
                else:
                    for _ in _chunks(stream, budget):
                        pass
            if budget.used - inflated != info.file_size:  # the zip lied about the size
                raise FileRefused(_not_a_workbook(name))
    # NotImplementedError: zipfile's word for a compression method it cannot read (not a
    # workbook that Excel or WPS wrote), so the file is refused like any other broken archive.
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise FileRefused(_not_a_workbook(name)) from exc
    return unread


def _unbounded(info: zipfile.ZipInfo, limits: Limits) -> zipfile.ZipInfo:
    """The entry with its declared size replaced by more than the limit: zipfile then inflates
    what the data really holds (and checks its CRC), not what the header claims."""
    real = copy.copy(info)
    real.file_size = limits.archive_bytes + 1
    return real
