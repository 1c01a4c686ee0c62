"""The types of 兜底 follow-up: what is read, what the scheme asks, and what is computed.

They are shared by the readers (`records`), the rules (`compliance`, `overdue`, `patterns`),
the report, the CLI and the web app, so they live apart from all of them. Nothing here holds a
client's name or phone: a client is known by the roster's 编号, and an `Evaluation` (which
reports embed) may carry `ContactData` without carrying personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from .._figures import Figure

# ---------------------------------------------------------------------------------- read


class Method(StrEnum):
    """方式 of a contact record, as the sheet's drop-down lists them."""

    PHONE = "电访"
    VISIT = "入户探访"
    CALL_IN = "来访"
    OUTREACH = "外展"
    MESSAGE = "微信或短信"
    OTHER = "其他"


@dataclass(frozen=True)
class ContactClient:
    """A roster client as the follow-up rules see it (服务对象名册, without name or phone)."""

    number: str  # 编号, canonical (the roster's key)
    household: str  # 户编号, canonical
    zone: str  # 片区
    community: str  # 社区
    grade: int  # 分级 1–4 as the roster states it (the grade before any 分级变更)
    filed: date | None  # 建档日期; None: on the roster since before the period
    closed: date | None = None  # 结案日期; None: still open


@dataclass(frozen=True)
class GradeChange:
    """One row of 分级变更: from `on` the client is graded `grade`."""

    client: str  # 编号, canonical
    on: date
    grade: int  # 1–4


@dataclass(frozen=True)
class ContactRecord:
    """One row of 服务记录: one contact with one client."""

    client: str  # 服务对象编号, canonical
    on: date  # 日期
    method: Method  # 方式
    worker: str  # 社工: 人员编号 of the 到岗 sheet, canonical (worker_key)
    at: time | None = None  # the time of day, when the record gives one
    minutes: int | None = None  # 时长（分钟）
    greeting: bool = False  # 节日慰问
    note: str = ""  # 备注
    row: int = 0  # the Excel row it was read from (0: not read from a sheet)


@dataclass(frozen=True)
class ContactData:
    """What the follow-up rules read: the clients, their grade changes and the records.

    Built by `read_contacts`/`parse_contacts` (or the web app) and carried by an `Evaluation`
    when its workbook has the sheets."""

    clients: tuple[ContactClient, ...]
    changes: tuple[GradeChange, ...] = ()
    records: tuple[ContactRecord, ...] = ()
    # What reading noticed (a record typed twice and counted once, title rows, columns ignored),
    # in Chinese; the workbook importer moves them into `Evaluation.notes`.
    notices: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------- rules


class Per(StrEnum):
    """The calendar period a requirement counts over (weeks start on Monday)."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


class Measure(StrEnum):
    CONTACT = "contact"  # any counted contact (a visit is also a contact)
    VISIT = "visit"  # a contact whose 方式 is a visit


@dataclass(frozen=True)
class Requirement:
    """At least `at_least` contacts (or visits) in every `per`."""

    measure: Measure
    per: Per
    at_least: int


@dataclass(frozen=True)
class GradeRules:
    grade: int  # 1–4
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class Holiday:
    """A holiday that needs a 节日慰问 (festival greeting) of every client on the roster."""

    name: str  # as chinesecalendar names it in Chinese, e.g. 春节, 中秋节
    days_before: int  # a greeting counts from this many days before the holiday's first day
    days_after: int  # … to this many days after it


@dataclass(frozen=True)
class ContactSchedule:
    """A scheme's [contacts] table (docs/contacts.md)."""

    example: bool  # True: an example schedule that a district replaces (said wherever it is shown)
    grades: tuple[GradeRules, ...]
    counted: tuple[Method, ...]  # 方式 that count as a contact
    visits: tuple[Method, ...]  # 方式 that count as a visit (入户探访)
    holidays: tuple[Holiday, ...]
    min_minutes: int  # a contact shorter than this is implausible (when 时长 is given)
    max_per_worker_day: int  # more contacts by one worker in one day are implausible
    message_words: tuple[str, ...]  # words in 备注 that show a 电访 was a WeChat/SMS message


# ---------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ClientPeriod:
    """One client judged over one period (a month for week/month rules, a quarter for
    quarterly ones) at the grade that applied at its start."""

    client: str
    zone: str
    community: str
    grade: int
    period: str  # "2023-03" or "2023-Q1"
    start: date
    end: date
    contacts: int  # counted contacts in the period
    visits: int
    met: bool
    unmet: tuple[str, ...] = ()  # each requirement not met, in Chinese (「第2周没有联系」…)


@dataclass(frozen=True)
class ComplianceRow:
    """Client-periods of one 片区, grade and period: how many were judged and how many met."""

    zone: str
    grade: int
    period: str
    clients: int
    met: int


@dataclass(frozen=True)
class Overdue:
    """A client whose next contact (or visit) is due or past due on the day asked about."""

    client: str
    zone: str
    community: str
    grade: int
    measure: Measure  # what is due
    last_contact: date | None  # the last counted contact (or visit) before the day; None: never
    last_worker: str | None  # who made it
    due: date
    days_overdue: int  # 0: due today


@dataclass(frozen=True)
class Pattern:
    """Something in the records a reviewer should look at (docs/contacts.md lists the kinds)."""

    kind: str  # message_as_phone, short_contact, busy_worker_day, no_contact, missing_greeting
    detail: str  # in Chinese, with the figures
    client: str | None = None
    worker: str | None = None
    zone: str | None = None
    on: date | None = None


# How a ZoneFollowUp is shown as a row, in the terminal and in the report alike.
ZONE_COLUMNS = (
    "片区",
    "建档户数",
    "建档人数",
    "电访人次",
    "入户探访人次",
    "应考核",
    "达标",
    "达标率",
    "人均每年联系次数",
)


@dataclass(frozen=True)
class ZoneFollowUp:
    """One 片区's (or the station's) follow-up over the whole period, every figure explainable."""

    zone: str  # a 片区, or TOTAL for the station
    clients: int  # roster clients (each person once)
    households: int
    phone_calls: Figure  # 电访 人次 from the records
    visits: Figure  # 入户探访 人次 from the records
    judged: int  # client-periods judged
    met: int
    met_share: Figure | None  # met ÷ judged × 100%; None when nothing was judged
    contacts_per_client_year: Figure | None  # counted contacts ÷ clients ÷ years of the period


@dataclass(frozen=True)
class FollowUpResult:
    """The period's follow-up: what `pinggu contacts`, the report and the web show."""

    period_start: date
    period_end: date
    schedule: ContactSchedule
    clients: tuple[ClientPeriod, ...]
    compliance: tuple[ComplianceRow, ...]  # by 片区, grade and period
    zones: tuple[ZoneFollowUp, ...]  # each 片区 in the roster's order, then the station (TOTAL)
    patterns: tuple[Pattern, ...]
