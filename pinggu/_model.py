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

from ._contacts.model import ContactData
from ._errors import InvalidData
from ._onsite.model import OnSite
from ._performance.model import PerformanceData
from ._survey import Survey

STATION_WIDE = "全站"  # zone name of indicators that belong to the whole station
TOTAL = "合计"  # zone name of the station total of a per-zone indicator
CLOSING = "结语"  # finding section of the report's closing suggestions (五、结语), not per zone


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
    """A finding's kind: a strength (值得肯定) or a concern (需要关注)."""

    STRENGTH = "strength"
    CONCERN = "concern"

    @property
    def label(self) -> str:
        return {"strength": "值得肯定", "concern": "需要关注"}[self.value]


class Qualification(StrEnum):
    """A worker's social-work qualification (持证等级) in a month; NONE is 非持证."""

    SENIOR = "高级社会工作师"
    INTERMEDIATE = "社会工作师"
    ASSISTANT = "助理社会工作师"
    NONE = "非持证"

    @property
    def short(self) -> str:
        return _QUALIFICATION_SHORT[self.value]

    @property
    def certified(self) -> bool:
        return self is not Qualification.NONE

    @property
    def names(self) -> tuple[str, ...]:
        """Every way people write it: the full name first, then short forms."""
        return (self.value, *_QUALIFICATION_ALIASES[self.value])


_QUALIFICATION_SHORT = {
    "高级社会工作师": "高级社工师",
    "社会工作师": "中级社工师",
    "助理社会工作师": "助理社工师",
    "非持证": "非持证",
}
# 社会工作师 is the intermediate level, so its bare name (and 社工师) means 中级.
_QUALIFICATION_ALIASES: dict[str, tuple[str, ...]] = {
    "高级社会工作师": ("高级社工师", "高级"),
    "社会工作师": ("中级社工师", "中级社会工作师", "社会工作师（中级）", "社工师", "中级"),
    "助理社会工作师": ("助理社工师", "助理"),
    "非持证": (),
}


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
    # What the report needs beyond the figures; optional in 基本信息, hence last, with defaults.
    address: str | None = None
    operator_since: date | None = None  # the operator has run this station since (运营年数)
    evaluation_staff: int | None = None  # the evaluator's staff; experts are counted from scores
    lead: str | None = None  # 项目负责人; None: the 到岗 sheet's 站长 or 项目主任, if just one
    lead_qualification: Qualification | None = None  # None: from the lead's 到岗 rows, if any
    lead_years: int | None = None  # 负责人从业年限
    onsite_objection: str = ""  # objections at the on-site feedback and their outcome; "" = none
    draft_objection: str = ""  # objections to the draft report and their outcome; "" = none


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
    qualification: Qualification | None = None  # None: the sheet only said 是/否
    zone: str = ""  # the 片区 the worker serves (optional column); STATION_WIDE or "" for none

    def __post_init__(self) -> None:
        if self.qualification is not None and self.qualification.certified != self.certified:
            said = "是" if self.certified else "否"
            raise InvalidData(
                f"人员编号「{self.worker_id}」{self.month}：持证等级「{self.qualification.value}」"
                f"与持证「{said}」不一致"
            )


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
class ImportNote:
    """What reading a workbook noticed that the result must show beside its figures: a subtotal,
    合计 or percentage of a field layout that disagrees with the data (docs/layouts.md). `code`
    is a warning code of `pinggu._warnings.CODES`."""

    code: str
    message: str


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
    # The evaluator's satisfaction survey of the station's clients; not part of the station's
    # workbook. None: no survey (yet).
    survey: Survey | None = None
    # What reading the workbook noticed: a field layout's own totals that disagree with its
    # data (docs/layouts.md), and what was read otherwise than typed though nothing was wrong
    # (merged cells read row by row, columns ignored, title rows skipped); shown among the
    # result's warnings.
    notes: tuple[ImportNote, ...] = ()
    # 兜底 follow-up: the roster's clients (without names or phones), their grade changes and
    # contact records, when the workbook has 服务记录 (docs/contacts.md). None: no records.
    contacts: ContactData | None = None
    # On-site evidence and rectification (docs/onsite.md): the file lists and spot checks, the
    # self-assessment, the on-site day and the previous round's concerns. None: none recorded.
    onsite: OnSite | None = None
    # The street office's performance evaluation data (docs/performance.md): the 预算, 绩效目标
    # and 绩效叙述 sheets. None: the workbook has none of them.
    performance: PerformanceData | None = None
