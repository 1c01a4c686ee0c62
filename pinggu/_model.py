"""What an evaluation is made of: the input data, as frozen typed objects.

The workbook importer (and later the web app) builds an `Evaluation`; the engine reads it and
never sees a spreadsheet cell or a raw dict. Names follow the project glossary.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

STATION_WIDE = "全站"  # zone name of indicators that belong to the whole station
TOTAL = "合计"  # zone name of the station total of a per-zone indicator


class Kind(StrEnum):
    """Mid-term (中期评估) or final (末期评估) evaluation."""

    MIDTERM = "midterm"
    FINAL = "final"

    @property
    def label(self) -> str:
        return {"midterm": "中期评估", "final": "末期评估"}[self.value]

    @classmethod
    def from_label(cls, text: str) -> Kind | None:
        return {
            "中期评估": cls.MIDTERM,
            "中期": cls.MIDTERM,
            "末期评估": cls.FINAL,
            "末期": cls.FINAL,
        }.get(text)


class FindingKind(StrEnum):
    STRENGTH = "strength"
    CONCERN = "concern"

    @property
    def label(self) -> str:
        return {"strength": "值得肯定", "concern": "需要关注"}[self.value]


_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month | None:
        m = _MONTH.match(text)
        if not m or not 1 <= int(m.group(2)) <= 12:
            return None
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(start: date, end: date) -> list[Month]:
    """Every calendar month that the closed interval [start, end] touches, in order."""
    months, current, last = [], Month.of(start), Month.of(end)
    while current <= last:
        months.append(current)
        current = current.next()
    return months


@dataclass(frozen=True)
class StationInfo:
    station: str
    district: str
    street: str
    operator: str
    purchaser: str
    supervisor: str
    evaluator: str
    kind: Kind
    evaluation_date: date
    period_start: date
    period_end: date
    period_months: Decimal | None  # as entered; None means computed from the dates
    contract_start: date
    contract_end: date
    contract_funding_wan: Decimal | None
    contract_workers: int
    contract_certified_workers: int
    training_hours_required: Decimal | None
    training_hours_done: Decimal | None
    annual_spending: Decimal | None
    personnel_spending: Decimal | None


@dataclass(frozen=True)
class Zone:
    name: str
    communities: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorRow:
    zone: str  # a zone name, or STATION_WIDE
    indicator: str
    measure: str
    target: Decimal | None  # None: the contract sets no target ("/")
    actual: Decimal


@dataclass(frozen=True)
class AttendanceRow:
    """One worker in one month (附件2)."""

    worker_id: str
    name: str
    position: str
    month: Month
    value: Decimal  # 1, 0.5 or 0
    certified: bool
    experienced: bool  # 从业满两年 that month
    insured: bool
    paid: bool
    note: str


@dataclass(frozen=True)
class ScoreRow:
    party: str  # party name as in the scheme (第三方评估机构 …)
    dimension: str  # dimension name; for one-score parties the party name again
    zone: str | None  # only for per-zone dimensions
    judge: str
    score: Decimal


@dataclass(frozen=True)
class VetoDeclaration:
    rule: str  # the veto's title as in the scheme
    applies: bool
    note: str


@dataclass(frozen=True)
class Finding:
    section: str
    zone: str | None
    kind: FindingKind
    text: str


@dataclass(frozen=True)
class Evaluation:
    """All the input data of one evaluation round."""

    info: StationInfo
    zones: tuple[Zone, ...]
    indicators: tuple[IndicatorRow, ...]
    attendance: tuple[AttendanceRow, ...]
    scores: tuple[ScoreRow, ...]
    vetoes: tuple[VetoDeclaration, ...]
    findings: tuple[Finding, ...]
