"""Declaring a table sheet: its columns, what kind of value each holds, its choices and help.

A sheet's layout is data: the reader checks cells against it and a writer lays a template out
from it, so the two never disagree. Specific sheets (the evaluation workbook's, the roster, the
survey sheet) are declared where they belong; this is only the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["NO", "YES", "Column", "SheetSpec", "ValueKind"]

YES, NO = "是", "否"


class ValueKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a decimal number ≥ 0
    INTEGER = "integer"  # a whole number ≥ 0
    DATE = "date"
    DATETIME = "datetime"  # a date with an optional time of day (a datetime when it has one)
    MONTH = "month"  # YYYY-MM
    YESNO = "yesno"  # 是/否
    CHOICE = "choice"  # one of `choices`
    ATTENDANCE = "attendance"  # 1, 0.5 or 0
    QUALIFICATION = "qualification"  # 是/否, or a Qualification by any of its names


@dataclass(frozen=True)
class Column:
    name: str
    kind: ValueKind
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""
    width: int = 12
    # A number may carry the unit named in this column of its row (66户 where 计量 is 户).
    unit_column: str = ""
    # The template's cell format when its kind's is not enough: "@" (text) keeps what a person
    # types (95%) from being turned into a number by Excel (0.95).
    number_format: str = ""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    help: str
    required: bool = True
    may_be_empty: bool = False  # a header alone is valid: nobody has scored, vetoed or written yet
