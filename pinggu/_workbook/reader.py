"""Reads a workbook file into plain rows of cell values: the importer's only I/O.

Kept apart from the importer so that `parse_workbook` stays pure and tests can feed it rows
built in memory. Rows keep their Excel positions (leading empty rows and columns are not
dropped), so list index + 1 is the row number a user sees in Excel.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from .._errors import Problem, WorkbookError

BOOK = "工作簿"  # the sheet name problems about the file itself are filed under


def read_xlsx(path: str | os.PathLike[str]) -> dict[str, list[list[object]]]:
    """Every worksheet of the file as rows of calamine cell values, keyed by sheet name.

    Cells are float/int, str, bool, datetime.date/datetime (or time/timedelta) and "" when empty.
    A file that cannot be read raises `WorkbookError` with one problem.
    """
    file = Path(path)
    if not file.is_file():
        _refuse(f"找不到文件「{file.name}」，请检查路径")
    try:
        with CalamineWorkbook.from_path(file) as book:
            return {
                meta.name: [
                    list(row)
                    for row in book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                ]
                for meta in book.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet
            }
    except PasswordError as exc:
        _refuse(f"文件「{file.name}」设有密码，请取消密码保护后再导入", exc)
    except (CalamineError, OSError, ValueError) as exc:
        message = (
            f"无法读取文件「{file.name}」：不是有效的 Excel 工作簿"
            "（应为 .xlsx 文件，可用 Excel 或 WPS 另存为 .xlsx）"
        )
        _refuse(message, exc)


def _refuse(message: str, cause: Exception | None = None) -> NoReturn:
    raise WorkbookError([Problem(sheet=BOOK, message=message)]) from cause
