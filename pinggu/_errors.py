"""Errors raised by pinggu.

The hierarchy, drawn once so callers know what to catch:

    PingguError
    ├── DataFileError      a rules file is invalid (names the file, the key path and the fault)
    │   ├── SchemeError        a scheme (pinggu/schemes/*.toml or the user's own)
    │   ├── WorkflowError      the round's steps and deadlines (pinggu/workflow.toml)
    │   ├── CategoriesError    the client categories (pinggu/categories.toml)
    │   ├── StyleError         a report's house style (pinggu/_report/styles/*.toml)
    │   └── CheckRulesError    `pinggu check`'s rule table (pinggu/_check/rules.toml)
    ├── InvalidData        values that break an invariant of the engine's data (a qualification
    │                      against 持证, survey answers off the scale, a draw's size or seed, a
    │                      draw record that does not fit); also a ValueError, as it always was
    ├── CalendarError      a day's year has no working-day calendar (never guessed)
    ├── CalendarDataError  calendar data is invalid (carries every located CalendarProblem)
    ├── WorkbookError      a spreadsheet has problems (carries every located problem)
    │   └── FileRefused    refused before any cell was read: missing, too large for the limits
    │                      (`pinggu._sheets.limits`), not an .xlsx/.csv, corrupt or encrypted
    ├── ReportError        a report cannot be written: a bad template, a failed conversion or audit
    └── UnreadableReport   `pinggu check` cannot read the report it was given: missing, not a
                           .txt/.docx/.pdf, corrupt, or poppler's pdftotext is not installed

Every message is Chinese because users read it. A bare ValueError or TypeError left in the engine
is a programming error (a caller asking for 0 working days, an unknown step id, a row of the
wrong length), never a user's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = [
    "BOOK",
    "CalendarDataError",
    "CalendarError",
    "CalendarProblem",
    "CategoriesError",
    "CheckRulesError",
    "DataFileError",
    "FileRefused",
    "InvalidData",
    "PingguError",
    "Problem",
    "ReportError",
    "SchemeError",
    "StyleError",
    "UnreadableReport",
    "WorkbookError",
    "WorkflowError",
]

BOOK = "工作簿"  # the sheet name problems about the file itself are filed under


class PingguError(Exception):
    """Base class of every error pinggu raises on purpose."""


class DataFileError(PingguError):
    """A rules file is invalid; `source`, `key` and `message` say where and why."""

    what = "数据文件"  # the kind of file, as the message names it

    def __init__(self, source: str, key: str, message: str) -> None:
        self.source = source
        self.key = key
        self.message = message
        super().__init__(f"{self.what} {source}：{key}：{message}")


class SchemeError(DataFileError):
    """A scheme file is invalid."""

    what = "评估方案文件"


class WorkflowError(DataFileError):
    """The workflow file is invalid."""

    what = "评估流程文件"


class CategoriesError(DataFileError):
    """The categories file is invalid."""

    what = "类别文件"


class StyleError(DataFileError):
    """A report style file is invalid."""

    what = "报告样式文件"


class CheckRulesError(DataFileError):
    """The rule table of `pinggu check` is invalid."""

    what = "报告核对规则文件"


class UnreadableReport(PingguError):
    """A report given to `pinggu check` cannot be read; the message names the file and why."""


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


class InvalidData(PingguError, ValueError):
    """Values that break an invariant of the engine's data; the message says which, in Chinese."""


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


class CalendarError(PingguError):
    """A day's year has no working-day calendar. An administrator must add it; never guessed."""

    def __init__(self, year: int, day: date | None = None, detail: str = "") -> None:
        self.year = year
        self.day = day
        question = f"无法判断 {day.isoformat()} 是否为工作日：" if day is not None else ""
        super().__init__(
            f"{question}没有 {year} 年的工作日历（国务院办公厅公布的节假日放假与调休上班安排）"
            f"{detail}。请管理员添加 {year} 年的工作日历；系统不会猜测。"
        )


@dataclass(frozen=True)
class CalendarProblem:
    """One located fault in calendar data: `where` names the year, date or row."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


class CalendarDataError(PingguError):
    """Calendar data is invalid; `problems` lists every fault, located. Nothing was adopted."""

    def __init__(self, problems: Iterable[CalendarProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"工作日历有 {len(self.problems)} 处问题，未采用：\n{lines}")


class ReportError(PingguError):
    """A report could not be written or failed its own audit; the message says which and why."""
