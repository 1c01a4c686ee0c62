"""Reads a spreadsheet file into plain rows of cell values: the one way the engine reads a file.

Every reader of a spreadsheet (the evaluation workbook, the client roster, the survey sheet, and
the web uploads that call them) comes here, so there is one guard and one set of `Limits`. Only
the sheets a caller asks for are expanded. Rows keep their Excel positions (leading empty rows
and columns are not dropped), so list index + 1 is the row a user sees.

A file's format is told by its content, never its suffix (an .xls renamed .xlsx is read):
.xlsx/.xlsm are measured by the guard (`guard`) before calamine reads them; .xls and .ods are
measured by calamine itself in a child process held to a memory and time limit (`isolated`),
because their sheets cannot be measured by scanning the file; .csv (roster) is bounded while it
is read. Cells calamine reads as empty though they are not (a formula without a stored result,
an error value such as #N/A; found by the guard in an .xlsx, by `biff` in an .xls) come as `Unread`; the cells below
the first row of a vertically merged range come as `Merged`, holding the range's value. Every
message names the file as the user named it (`name`), never the temporary path an upload was
saved under.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
)

from .._errors import BOOK
from .biff import xls_errors
from .cells import Merged, Unread, is_empty
from .guard import UNREAD_MAX, column_letters, refuse, refuse_unread, scan_xlsx
from .isolated import measure
from .limits import LIMITS, Limits

__all__ = ["BOOK", "Book", "Rows", "read_book", "read_csv", "sniff"]

Rows = list[list[object]]
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a binary .xls, or an .xlsx encrypted with a password
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def sniff(path: str | os.PathLike[str]) -> str:
    """The file's real format from its first bytes: "xlsx", "xls", "ods", or "" for anything
    else (a .csv, a text file, a broken archive)."""
    with Path(path).open("rb") as stream:
        head = stream.read(len(_OLE))
    if head == _OLE:
        return "xls"
    if not head.startswith(b"PK"):
        return ""
    try:
        with zipfile.ZipFile(path) as book:
            names = set(book.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and book.read("mimetype")[:100].strip() == _ODS:
                return "ods"
    except (zipfile.BadZipFile, OSError, KeyError, NotImplementedError, EOFError):
        return ""
    return ""


class Book:
    """A workbook measured and opened; sheets are expanded one by one on request.

    Use as a context manager: `with Book(path, name=...) as book: book.rows(book.names[0])`.
    `name` is the file's name as the user knows it (default: the path's). A file that is
    missing, too large, no workbook (.xlsx, .xls or .ods) or corrupt raises `FileRefused`
    naming it; nothing is expanded in this process before every sheet has been measured
    against `limits`."""

    def __init__(
        self, path: str | os.PathLike[str], *, name: str | None = None, limits: Limits = LIMITS
    ) -> None:
        file = Path(path)
        self.shown = name or file.name
        self._unread: dict[str, dict[tuple[int, int], str | None]] = {}
        _check_size(file, self.shown, limits)
        kind = sniff(file)
        if kind == "xlsx":
            with _opened(file, self.shown) as archive:
                self._unread = scan_xlsx(archive, self.shown, limits)
        elif kind in ("xls", "ods"):
            measure(file, self.shown, limits)
            if kind == "xls":
                self._unread = dict(xls_errors(file.read_bytes()))
                for sheet, marks in self._unread.items():
                    if len(marks) > UNREAD_MAX:
                        refuse_unread(self.shown, sheet)
        else:
            refuse(_not_a_workbook(self.shown))
        try:
            # by content, not by suffix (from_path goes by the suffix)
            self._book = CalamineWorkbook.from_filelike(io.BytesIO(file.read_bytes()))
        except PasswordError:
            refuse(f"文件「{self.shown}」设有密码，请取消密码保护后再导入")
        except (CalamineError, OSError, ValueError):
            refuse(_not_a_workbook(self.shown))
        self.names = [
            m.name for m in self._book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet
        ]

    def rows(self, sheet: str) -> Rows:
        """The sheet as rows of calamine cell values: float/int, str, bool, date, datetime (or
        time/timedelta) and "" when empty; `Unread` for a formula without a result or an error
        value, `Merged` below the first row of a vertically merged range."""
        try:
            found = self._book.get_sheet_by_name(sheet)
            rows: Rows = [list(row) for row in found.to_python(skip_empty_area=False)]
        except (CalamineError, OSError, ValueError):
            refuse(_not_a_workbook(self.shown))
        _mark_unread(rows, self._unread.get(sheet, {}))
        _fill_merged(rows, found)
        return rows

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *_: object) -> None:
        self._book.close()


def _mark_unread(rows: Rows, unread: dict[tuple[int, int], str | None]) -> None:
    for (row, column), error in unread.items():
        while len(rows) < row:
            rows.append([])
        cells = rows[row - 1]
        cells.extend([""] * (column - len(cells)))
        if is_empty(cells[column - 1]):
            cells[column - 1] = Unread(error)


def _fill_merged(rows: Rows, sheet: CalamineSheet) -> None:
    """Each cell below the first row of a merged range holds `Merged(the range's value)`, in
    the range's first column (the columns to its right stay empty, as Excel shows them)."""
    for (top, left), (bottom, _) in sheet.merged_cell_ranges or ():
        if bottom <= top or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        origin = f"{column_letters(left + 1)}{top + 1}"
        for index in range(top + 1, min(bottom, len(rows) - 1) + 1):
            cells = rows[index]
            cells.extend([""] * (left + 1 - len(cells)))
            if is_empty(cells[left]):
                cells[left] = Merged(value, origin)


def read_book(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    wanted: Callable[[str], bool] | None = None,
    limits: Limits = LIMITS,
) -> dict[str, Rows]:
    """The worksheets of a workbook whose name `wanted` accepts (all by default) as rows (see
    `Book.rows`), keyed by sheet name in workbook order; the other sheets are never expanded.
    Raises `FileRefused` as `Book` does."""
    with Book(path, name=name, limits=limits) as book:
        return {n: book.rows(n) for n in book.names if wanted is None or wanted(n)}


def _check_size(file: Path, shown: str, limits: Limits) -> None:
    if not file.is_file():
        refuse(f"找不到文件「{shown}」，请检查路径")
    size = file.stat().st_size
    if size > limits.file_bytes:
        refuse(f"文件「{shown}」有 {_mb(size)}，超过允许的 {_mb(limits.file_bytes)}")


def _opened(file: Path, shown: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        refuse(_not_a_workbook(shown))


def _not_a_workbook(shown: str) -> str:
    return (
        f"无法读取文件「{shown}」：不是有效的 Excel 工作簿"
        "（应为 .xlsx、.xls 或 .ods 文件，可用 Excel 或 WPS 另存为 .xlsx）"
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_csv(
    path: str | os.PathLike[str], *, name: str | None = None, limits: Limits = LIMITS
) -> Rows:
    """A .csv (UTF-8 with or without BOM, or GB18030 as Excel saves it on Chinese Windows) as
    rows of text, bounded by `limits` (file size, rows, columns, characters in a cell) while it
    is read; beyond them `FileRefused` names the file and the row."""
    file = Path(path)
    shown = name or file.name
    _check_size(file, shown, limits)
    data = file.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _csv_rows(text, shown, limits)
    refuse(f"无法读取「{shown}」：应为 UTF-8 或 GB18030 编码的 CSV 文件")


def _csv_rows(text: str, shown: str, limits: Limits) -> Rows:
    rows: Rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    cells = 0
    try:
        for row in reader:
            number = len(rows) + 1
            where = _where(shown, number)
            if number > limits.rows or len(row) > limits.columns:
                refuse(f"{where}超出允许范围（最多 {limits.columns} 列、{limits.rows} 行）")
            cells += len(row)
            if cells > limits.cells:
                refuse(f"{where}使单元格数超过 {limits.cells} 个，超出允许范围")
            _check_fields(row, where, limits)
            rows.append(list[object](row))
    except csv.Error:
        refuse(f"{_where(shown, reader.line_num)}的内容不是有效的 CSV 格式（引号不配对？）")
    return rows


def _check_fields(row: Sequence[str], where: str, limits: Limits) -> None:
    if any(len(cell) > limits.field_chars for cell in row):
        refuse(f"{where}有单元格超过 {limits.field_chars} 个字符，超出允许范围")


def _where(shown: str, line: int) -> str:
    return f"文件「{shown}」第 {line} 行"
