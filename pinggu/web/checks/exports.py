"""A kept check as an Excel workbook: a sheet of the problems and a sheet of the unchecked
figures, every cell written with the engine's `write_cell`, so a report's text that looks like a
formula (「=合计」) stays text."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.styles import Alignment

from pinggu import write_cell

from ..dashboard.exports import BOLD, HEADER_FILL
from ..models import ReportCheck

PROBLEM_COLUMNS = (
    ("location", "位置", 18),
    ("title", "规则", 22),
    ("printed", "印出", 12),
    ("expected", "应为", 18),
    ("context", "原文", 50),
    ("message", "说明", 70),
)
UNCHECKED_COLUMNS = (
    ("location", "位置", 18),
    ("figure", "数字", 12),
    ("context", "原文", 50),
    ("reason", "未核对的原因", 40),
)


def _sheet(ws: Any, title: str, columns: tuple[tuple[str, str, int], ...], rows: Any) -> None:
    ws.title = title
    for col, (_, heading, width) in enumerate(columns, start=1):
        cell = write_cell(ws, 1, col, heading)
        cell.font, cell.fill = BOLD, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    for r, row in enumerate(rows, start=2):
        for col, (key, _, _) in enumerate(columns, start=1):
            write_cell(ws, r, col, str(row.get(key, ""))).alignment = Alignment(wrap_text=True)
    ws.freeze_panes = "A2"


def workbook_bytes(record: ReportCheck) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "核对结果"
    lines = (
        ("文件", record.filename),
        ("核对时间", localtime(record.checked_at).strftime("%Y-%m-%d %H:%M")),
        ("SHA-256", record.sha256),
        ("核对的数字与关系", record.checked),
        ("发现的问题", record.problems),
        ("未核对的数字", len(record.result.get("unchecked", []))),
    )
    for r, (label, value) in enumerate(lines, start=1):
        write_cell(summary, r, 1, label).font = BOLD
        write_cell(summary, r, 2, value)
    summary.column_dimensions["A"].width, summary.column_dimensions["B"].width = 18, 70
    _sheet(book.create_sheet(), "问题", PROBLEM_COLUMNS, record.result.get("problems", []))
    _sheet(book.create_sheet(), "未核对", UNCHECKED_COLUMNS, record.result.get("unchecked", []))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def filename(record: ReportCheck) -> str:
    """报告核对-<the report's name without its suffix>-2026-12-07.xlsx"""
    stem = record.filename.rsplit(".", 1)[0]
    return f"报告核对-{stem}-{localtime(record.checked_at).date().isoformat()}.xlsx"
