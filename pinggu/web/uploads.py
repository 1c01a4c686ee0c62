"""The one guarded reader of every uploaded file: the station's workbook, a client roster, a
sheet of survey results. Every upload goes through here, so every check (size, type, and the
range guard to come) applies to all of them.

A refused file raises `WorkbookError` with problems located in Chinese under the sheet
「上传文件」; the engine's readers see the file under the name the user gave it (in a temporary
directory), so their messages name that file, never a temporary one.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from pinggu import Problem, Roster, WorkbookError, read_book
from pinggu import read_roster as read_roster_file

FILE_SHEET = "上传文件"  # the sheet name of problems with the file itself
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip package
XLSX_ONLY = "只接受 Excel 工作簿（.xlsx），收到的是「{name}」"
Rows = list[list[object]]


def refuse(message: str) -> WorkbookError:
    """A problem with the uploaded file itself."""
    return WorkbookError([Problem(FILE_SHEET, message)])


def _checked(upload: UploadedFile, default: str, suffixes: tuple[str, ...], wrong: str) -> str:
    """The upload's name once its type, size and (for .xlsx) signature pass; else refused."""
    name = upload.name or default
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise refuse(wrong.format(name=name))
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // 1024 // 1024
        raise refuse(f"文件过大（{upload.size // 1024} KB），上限为 {limit} MB")
    if suffix == ".xlsx":
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        if head != XLSX_MAGIC:
            raise refuse(f"「{name}」不是有效的 Excel 工作簿")
    return name


@contextmanager
def _saved(upload: UploadedFile, name: str) -> Iterator[Path]:
    """The upload as a file under its own name in a temporary directory (the engine's readers
    take paths, and name a one-sheet file's problems after the file)."""
    filename = Path(name).name or "上传文件"
    with tempfile.TemporaryDirectory(prefix="pinggu-upload-") as tmp:
        path = Path(tmp) / filename
        upload.seek(0)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        yield path


def read_roster(upload: UploadedFile) -> Roster:
    """A client roster on its own: .xlsx (its 服务对象名册 sheet) or UTF-8 .csv."""
    wrong = "服务对象名册只接受 .xlsx 或 .csv 文件，收到的是「{name}」"
    name = _checked(upload, "服务对象名册.xlsx", (".xlsx", ".csv"), wrong)
    with _saved(upload, name) as path:
        return read_roster_file(path, name=name)


def read_sheets(upload: UploadedFile, default: str) -> dict[str, Rows]:
    """Every sheet of an .xlsx as rows of cell values, keyed by sheet name."""
    name = _checked(upload, default, (".xlsx",), XLSX_ONLY)
    with _saved(upload, name) as path:
        return read_book(path, name=name)


def blank(cell: object) -> bool:
    """An empty cell: nothing, or only whitespace."""
    return cell is None or (isinstance(cell, str) and not cell.strip())
