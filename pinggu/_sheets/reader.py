"""Reads a spreadsheet file into plain rows of cell values: the one way the engine reads a file.

Every reader of a spreadsheet (the evaluation workbook, the client roster, the survey sheet, and
the web uploads that call them) comes here, so there is one guard (`guard`) and one set of
`Limits`. Only the sheets a caller asks for are expanded. Rows keep their Excel positions
(leading empty rows and columns are not dropped), so list index + 1 is the row a user sees.

Formats: .xlsx/.xlsm, measured by the guard before calamine reads them; .csv (roster), bounded
while it is read. .xls and .ods are refused with a request to save as .xlsx: their sheets cannot
be measured before calamine expands them (a binary .xls declares its own range), so they could
exhaust the process. Every message names the file as the user named it (`name`), never the
temporary path an upload was saved under.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from .._errors import BOOK
from .guard import refuse, scan_xlsx
from .limits import LIMITS, Limits

__all__ = ["BOOK", "Book", "Rows", "read_book", "read_csv"]

Rows = list[list[object]]
_OLE = b"\xd0\xcf\x11\xe0"  # a binary .xls, or an .xlsx encrypted with a password


class Book:
    """An .xlsx measured by the guard and opened; sheets are expanded one by one on request.

    Use as a context manager: `with Book(path, name=...) as book: book.rows(book.names[0])`.
    `name` is the file's name as the user knows it (default: the path's). A file that is
    missing, too large, not an .xlsx or corrupt raises `FileRefused` naming it; nothing is
    expanded before the guard has measured every sheet against `limits`."""

    def __init__(
        self, path: str | os.PathLike[str], *, name: str | None = None, limits: Limits = LIMITS
    ) -> None:
        file = Path(path)
        self.shown = name or file.name
        with _opened(file, self.shown, limits) as archive:
            scan_xlsx(archive, self.shown, limits)
        try:
            self._book = CalamineWorkbook.from_path(file)
        except PasswordError:
            refuse(f"文件「{self.shown}」设有密码，请取消密码保护后再导入")
        except (CalamineError, OSError, ValueError):
            refuse(_not_xlsx(self.shown))
        self.names = [
            m.name for m in self._book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet
        ]

    def rows(self, sheet: str) -> Rows:
        """The sheet as rows of calamine cell values: float/int, str, bool, date, datetime (or
        time/timedelta) and "" when empty."""
        try:
            found = self._book.get_sheet_by_name(sheet)
            return [list(row) for row in found.to_python(skip_empty_area=False)]
        except (CalamineError, OSError, ValueError):
            refuse(_not_xlsx(self.shown))

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *_: object) -> None:
        self._book.close()


def read_book(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    wanted: Callable[[str], bool] | None = None,
    limits: Limits = LIMITS,
) -> dict[str, Rows]:
    """The worksheets of an .xlsx whose name `wanted` accepts (all by default) as rows (see
    `Book.rows`), keyed by sheet name in workbook order; the other sheets are never expanded.
    Raises `FileRefused` as `Book` does."""
    with Book(path, name=name, limits=limits) as book:
        return {n: book.rows(n) for n in book.names if wanted is None or wanted(n)}


def _opened(file: Path, shown: str, limits: Limits) -> zipfile.ZipFile:
    """The file as a zip archive, after the checks that need no unpacking."""
    if not file.is_file():
        refuse(f"找不到文件「{shown}」，请检查路径")
    size = file.stat().st_size
    if size > limits.file_bytes:
        refuse(f"文件「{shown}」有 {_mb(size)}，超过允许的 {_mb(limits.file_bytes)}")
    with file.open("rb") as stream:
        head = stream.read(4)
    if head == _OLE:
        refuse(
            f"无法读取文件「{shown}」：它是旧版 .xls 工作簿或设有密码；"
            "请取消密码保护，并用 Excel 或 WPS 另存为 .xlsx"
        )
    try:
        book = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        refuse(_not_xlsx(shown))
    if "mimetype" in book.namelist() and "xl/workbook.xml" not in book.namelist():
        book.close()
        refuse(f"无法读取文件「{shown}」：它是 .ods 等其他格式；请用 Excel 或 WPS 另存为 .xlsx")
    return book


def _not_xlsx(shown: str) -> str:
    return (
        f"无法读取文件「{shown}」：不是有效的 Excel 工作簿"
        "（应为 .xlsx 文件，可用 Excel 或 WPS 另存为 .xlsx）"
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
    if not file.is_file():
        refuse(f"找不到文件「{shown}」，请检查路径")
    size = file.stat().st_size
    if size > limits.file_bytes:
        refuse(f"文件「{shown}」有 {_mb(size)}，超过允许的 {_mb(limits.file_bytes)}")
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
