"""The one guarded reader of every uploaded file: the station's workbook, a client roster, a
sheet of survey results, a report to check (报告核对), a station's contact records, a round's
file lists (档案清单), and a document (`read_document`: a self-assessment's 自评材料 or a
concern's 整改佐证材料 — PDF, Word, images — recognised by its content and never read further).
Every upload goes through here, and here only to the engine's reader (`read_book`,
`read_roster`), so the engine's guard and its one set of `Limits` (file size, unpacked size,
used range and cells of every sheet: README 「上传与读取的限制」) apply to all of them. The
request body itself is bounded before it is read (`UploadLimitMiddleware` below, setting
UPLOAD_MAX_MB): no upload reaches this module larger than that.

A refused file or document raises `FileRefused` (a `WorkbookError` filed under the sheet
「工作簿」); the engine's readers see the file under the name the user gave it (in a temporary
directory), so their messages name that file, never a temporary one.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.http import content_disposition_header

from pinggu import (
    CheckResult,
    FileEntry,
    FileRefused,
    Roster,
    UnreadableReport,
    check_report,
    read_book,
    read_csv,
)
from pinggu import read_file_lists as read_file_lists_file
from pinggu import read_roster as read_roster_file

from . import errors
from .models import Round

Rows = list[list[object]]
BODY_METHODS = ("POST", "PUT", "PATCH")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
REPORT_SUFFIXES = (".docx", ".pdf", ".txt")


def refuse(message: str) -> FileRefused:
    """A problem with the uploaded file as a whole (nothing in it is read)."""
    return FileRefused(message)


NAME_LIMIT = 200  # the models' 文件名 columns; Django keeps up to 255 characters of a name


def _name(upload: UploadedFile, default: str) -> str:
    """The file's name as the user gave it (no folders: a browser may send a path), its stem
    cut so that it fits the column that stores it, its suffix kept."""
    name = Path((upload.name or default).replace("\\", "/")).name or default
    if len(name) <= NAME_LIMIT:
        return name
    suffix = Path(name).suffix[:16]
    return name[: NAME_LIMIT - len(suffix)] + suffix


def name_of(upload: UploadedFile) -> str:
    """The file's name as the user gave it, as stored and shown ("" when it has none)."""
    return _name(upload, "")


@contextmanager
def _saved(upload: UploadedFile, name: str) -> Iterator[Path]:
    """The upload as a file with its suffix in a temporary directory (the engine's readers take
    paths, and are given `name` to name the file in their messages). Not under its own name: a
    long Chinese name is more than the 255 bytes a file system allows."""
    with tempfile.TemporaryDirectory(prefix="pinggu-upload-") as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix[:16]}"
        upload.seek(0)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        yield path


def read_roster(upload: UploadedFile) -> Roster:
    """A client roster on its own: .xlsx (its 服务对象名册 sheet) or .csv; the engine decides."""
    name = _name(upload, "服务对象名册.xlsx")
    with _saved(upload, name) as path:
        return read_roster_file(path, name=name)


def read_sheets(upload: UploadedFile, default: str) -> dict[str, Rows]:
    """Every sheet of a workbook (.xlsx, .xls or .ods: the engine tells them by their content,
    so an .xls named .xlsx is read) as rows of cell values, keyed by sheet name."""
    name = _name(upload, default)
    if Path(name).suffix.lower() not in WORKBOOK_SUFFIXES:
        raise refuse(f"只接受 Excel 工作簿（.xlsx、.xls）或 .ods，收到的是「{name}」")
    with _saved(upload, name) as path:
        return read_book(path, name=name)


def read_records(upload: UploadedFile) -> dict[str, Rows]:
    """A station's contact records (服务记录, optionally 分级变更): every sheet of a workbook, or
    a .csv (UTF-8 or GB18030) as one sheet named after the file, as rows of cell values."""
    name = _name(upload, "服务记录.xlsx")
    if Path(name).suffix.lower() == ".csv":
        with _saved(upload, name) as path:
            return {name: read_csv(path, name=name)}
    if Path(name).suffix.lower() not in WORKBOOK_SUFFIXES:
        raise refuse(f"只接受 Excel 工作簿（.xlsx、.xls）、.ods 或 .csv，收到的是「{name}」")
    with _saved(upload, name) as path:
        return read_book(path, name=name)


def read_file_lists(upload: UploadedFile, zones: list[str] | None) -> tuple[FileEntry, ...]:
    """A station's file lists (档案清单): a workbook with a sheet per type (个案、小组、社区活动)
    or one 档案清单 sheet with a 类型 column, or that sheet as a .csv. `zones`: the round's
    片区 (None before its data: any 片区 is accepted)."""
    name = _name(upload, "档案清单.xlsx")
    if Path(name).suffix.lower() not in (*WORKBOOK_SUFFIXES, ".csv"):
        raise refuse(f"只接受 Excel 工作簿（.xlsx、.xls）、.ods 或 .csv，收到的是「{name}」")
    with _saved(upload, name) as path:
        return read_file_lists_file(path, name=name, zones=zones)


def sha256(upload: UploadedFile) -> str:
    """The upload's content hash (hex): the same file uploaded twice is known by it."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def read_report_file(upload: UploadedFile) -> CheckResult:
    """A report of any agency (.docx, .pdf or .txt) checked by the engine (`pinggu check`);
    `UnreadableReport`, in Chinese and naming the file, when it is refused or cannot be read."""
    name = _name(upload, "报告.txt")
    if Path(name).suffix.lower() not in REPORT_SUFFIXES:
        raise UnreadableReport(f"{name}：只能核对 .docx、.pdf 或 .txt 文件")
    if not upload.size:
        raise UnreadableReport(f"{name}：文件是空的")
    if upload.size > settings.UPLOAD_MAX_BYTES:  # the body's bound, for a body sent otherwise
        limit = _megabytes(settings.UPLOAD_MAX_BYTES)
        raise UnreadableReport(f"{name}：文件有 {_megabytes(upload.size)}，超过允许的 {limit}")
    with _saved(upload, name) as path:
        return check_report(path, name=name)


# --- documents (自评报告, 佐证材料) ---------------------------------------------------------


@dataclass(frozen=True)
class DocumentType:
    key: str  # as a record stores it (RectificationEvidence.kind)
    label: str  # as a message names it
    content_type: str  # as the download is served
    suffixes: tuple[str, ...]


PDF = DocumentType("pdf", "PDF 文件", "application/pdf", (".pdf",))
DOCX = DocumentType(
    "docx",
    "Word 文档（.docx）",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
DOC = DocumentType("doc", "Word 97-2003 文档（.doc）", "application/msword", (".doc",))
PNG = DocumentType("png", "PNG 图片", "image/png", (".png",))
JPEG = DocumentType("jpeg", "JPEG 图片", "image/jpeg", (".jpg", ".jpeg"))
DOCUMENT_TYPES = (PDF, DOCX, DOC, PNG, JPEG)
DOCUMENT_BY_KEY = {t.key: t for t in DOCUMENT_TYPES}
DOCUMENT_SUFFIXES = tuple(s for t in DOCUMENT_TYPES for s in t.suffixes)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream every Word 97-2003 file has


@dataclass(frozen=True)
class Document:
    """An accepted document: its name as the user gave it, its recognised type, its bytes."""

    name: str
    type: DocumentType
    content: bytes
    sha256: str


def _recognised(content: bytes) -> DocumentType | None:
    """The type the bytes are, by their content alone (the name plays no part)."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(_OLE2) and _WORD_STREAM in content:  # its directory may be anywhere
        return DOC
    if content.startswith(b"PK\x03\x04"):
        try:  # only the archive's directory is read, never a member
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return DOCX
    return None


def document_limit_mb() -> int:
    """The largest document accepted, in MB, as a form states it."""
    return int(settings.DOCUMENT_MAX_BYTES // (1024 * 1024))


def read_document(upload: UploadedFile) -> Document:
    """A document (自评材料, 整改佐证材料): PDF, Word (.docx, .doc) or an image (.png, .jpg), at most
    DOCUMENT_MAX_BYTES, whose content is what its name says (an .exe named .pdf is refused).
    Its bytes are only hashed and stored, never parsed further nor served as a page. A
    refusal raises `FileRefused` saying why, in Chinese, naming the file."""
    name = _name(upload, "")
    if not name:
        raise refuse("文件没有名称，请重新选择文件")
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        allowed = "、".join(DOCUMENT_SUFFIXES)
        raise refuse(f"「{name}」：只接受 PDF、Word 文档和图片（{allowed}）")
    limit = settings.DOCUMENT_MAX_BYTES
    if not upload.size:
        raise refuse(f"「{name}」：文件是空的")
    if upload.size > limit:
        raise refuse(
            f"「{name}」有 {_megabytes(upload.size)}，超过允许的 {_megabytes(limit)}，未保存"
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    upload.seek(0)
    if len(content) > limit:  # a size the upload misreported
        raise refuse(f"「{name}」超过允许的 {_megabytes(limit)}，未保存")
    found = _recognised(content)
    if found is None:
        raise refuse(
            f"「{name}」的内容不是 PDF、Word 文档或图片（按文件内容识别，不看扩展名），未保存"
        )
    if suffix not in found.suffixes:
        raise refuse(f"「{name}」的内容是{found.label}，与扩展名 {suffix} 不符，未保存")
    return Document(name, found, content, hashlib.sha256(content).hexdigest())


def document_response(content: bytes, name: str, content_type: str) -> HttpResponse:
    """A stored document as uploaded: always a download under the type its content was
    recognised as, never a page; the browser is told not to guess a type nor run anything in
    it."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def refused_page(
    request: HttpRequest, round_: Round, title: str, filename: str, problems: list[str], back: str
) -> HttpResponse:
    """A round's upload refused whole (名册, 调查结果, 档案清单): `title` says what was not
    saved, every problem is listed, and `back` leads to the page the upload came from."""
    context = {"round": round_, "title": title, "filename": filename, "errors": problems}
    return render(request, "web/upload_refused.html", context | {"back": back}, status=400)


def blank(cell: object) -> bool:
    """An empty cell: nothing, or only whitespace."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


# --- the request body ---------------------------------------------------------------------


def limit(request: HttpRequest) -> dict[str, int]:
    """Context processor: `{{ upload_max_mb }}`, so that a form states the limit it enforces."""
    return {"upload_max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


class UploadLimitMiddleware:
    """Refuses a request body larger than UPLOAD_MAX_MB before a byte of it is read.

    Under WSGI, Django reads a body only up to its declared Content-Length (a longer body is
    never read; a body without one is read as empty), so the declared length is what bounds the
    read: beyond the limit the page says so at once (413), and a chunked body, which declares
    none, is refused (411) rather than silently read as empty. Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields, not files, hence this check."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in BODY_METHODS:
            refused = _refused(request)
            if refused is not None:
                return refused
        return self.get_response(request)


def _refused(request: HttpRequest) -> HttpResponse | None:
    limit = settings.UPLOAD_MAX_BYTES
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared and "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
        message = "上传未完成：浏览器没有说明文件的大小（分块传送）。请用网页上的表单重新上传文件。"
        return _page(request, 411, "上传未完成", message)
    try:
        size = int(declared) if declared else 0
    except ValueError:
        size = limit + 1  # an unreadable length is no length we can trust
    if size <= limit:
        return None
    message = (
        f"上传的内容有 {_megabytes(size)}，超过允许的 {_megabytes(limit)}，未读取也未保存。"
        "评估工作簿和名册通常不到 1 MB：请删除多余的工作表、图片或空行后再上传。"
    )
    return _page(request, 413, "文件过大", message)


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {"status": status, "title": title, "message": message}
    return render(request, errors.TEMPLATE, context, status=status)
