"""Errors raised by pinggu.

The hierarchy, drawn once so callers know what to catch:

    PingguError
    ├── SchemeError        a scheme file is invalid (names the file, the key and the fault)
    ├── WorkbookError      a spreadsheet has problems (carries every located problem)
    │   └── FileRefused    refused before any cell was read: missing, too large for the limits
    │                      (`pinggu._sheets.limits`), not an .xlsx/.csv, corrupt or encrypted
    └── ReportError        a report cannot be written: a bad template, a failed conversion or audit

Every message is Chinese because users read it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BOOK",
    "FileRefused",
    "PingguError",
    "Problem",
    "ReportError",
    "SchemeError",
    "WorkbookError",
]

BOOK = "工作簿"  # the sheet name problems about the file itself are filed under


class PingguError(Exception):
    """Base class of every error pinggu raises on purpose."""


class SchemeError(PingguError):
    """A scheme file is invalid; `source`, `key` and `message` say where and why."""

    def __init__(self, source: str, key: str, message: str) -> None:
        self.source = source
        self.key = key
        self.message = message
        super().__init__(f"评估方案文件 {source}：{key}：{message}")


@dataclass(frozen=True)
class Problem:
    """One located problem in a workbook. Row and column are as a user sees them in Excel."""

    sheet: str
    message: str
    row: int | None = None
    column: str | None = None

    def location(self) -> str:
        parts = [f"工作表「{self.sheet}」"]
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column is not None:
            parts.append(f"「{self.column}」列")
        return " ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}：{self.message}"


class WorkbookError(PingguError):
    """A workbook has problems; `problems` lists every one, located. Nothing was computed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"工作簿有 {len(problems)} 处问题，未计算任何结果：\n{lines}")


class FileRefused(WorkbookError):
    """A spreadsheet file refused as a whole before any cell was expanded; `message` names the
    file as the user named it (never a temporary path) and, for a cell beyond the limits, the
    sheet and the cell. Its one problem is filed under the sheet 「工作簿」."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.problems = [Problem(sheet=BOOK, message=message)]
        PingguError.__init__(self, message)


class ReportError(PingguError):
    """A report could not be written or failed its own audit; the message says which and why."""
