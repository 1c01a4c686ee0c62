"""The types of on-site evidence (docs/onsite.md, docs/onsite-rectification.md): what an
evaluation carries about the day on site, the station's self-assessment and the previous
round's concerns.

`OnSite` is part of an `Evaluation` (and so of the JSON a report embeds): the workbook's sheets
or the web app's records fill it. It holds no client's name or phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

from .files_model import CheckMark, FileEntry

# ------------------------------------------------------------------------ self-assessment


@dataclass(frozen=True)
class SelfScore:
    """The station's own score for one of the third party's dimensions (and 片区)."""

    dimension: str  # the scheme's dimension name
    zone: str | None  # only for per-zone dimensions
    score: Decimal


# -------------------------------------------------------------------------- rectification


class RectificationStatus(StrEnum):
    """整改情况: the experts' mark on a previous concern at the next round."""

    DONE = "已整改"
    PARTIAL = "部分整改"
    NOT_DONE = "未整改"


@dataclass(frozen=True)
class RectificationItem:
    """A kept 需要关注 finding of the station's previous round, followed at this round."""

    number: int  # 序号, in the previous round's order
    section: str
    zone: str | None
    concern: str  # the finding as the previous report printed it
    raised_in: str  # the previous round, as the report names it: 「2023年度中期评估」
    raised_kind: str  # its kind's value: "midterm" or "final" (pinggu.Kind)
    due: date | None  # 整改期限 (working days from the issue date, scheme data); None: none set
    response: str = ""  # the station's 整改措施 and evidence, in its words
    status: RectificationStatus | None = None  # the experts' mark; None: not marked yet
    note: str = ""  # the experts' note on the mark
    # The text of this round's kept concern that repeats the item ("" none): the report opens
    # it with 「与中期评估意见一致，」.
    repeated_as: str = ""


# ---------------------------------------------------------------------------- on-site day


class OnSiteActivity(StrEnum):
    """环节 of the on-site day's agenda."""

    BRIEFING = "听取汇报"
    SITE_VISIT = "实地查看"
    DOCUMENTS = "查阅资料"
    INTERVIEW = "访谈"
    SURVEY = "满意度调查"
    FEEDBACK = "反馈"


class Interviewee(StrEnum):
    """对象类型 of an interview: whom the experts spoke with."""

    STAFF = "社工"
    CLIENT = "服务对象"
    PARTNER = "合作方"
    PURCHASER = "购买方"
    OTHER = "其他"


@dataclass(frozen=True)
class AgendaItem:
    """One 环节 of the on-site day, with its times."""

    activity: OnSiteActivity
    start: time | None = None
    end: time | None = None
    note: str = ""  # place or what was done


@dataclass(frozen=True)
class Interview:
    """An interview or site-visit note; `who` describes a role (「站长」「服务对象 2 名」), not a
    client's name."""

    kind: Interviewee
    who: str
    people: int  # how many people were interviewed together
    at: time | None = None
    summary: str = ""  # what was said (left out of the report's embedded data)
    finding: str = ""  # the text of the finding it supports ("" none)


# ---------------------------------------------------------------------------------- whole


@dataclass(frozen=True)
class OnSite:
    """Everything an evaluation carries about evidence gathered on site; each part may be empty."""

    files: tuple[FileEntry, ...] = ()  # the station's file lists
    draw_seed: str = ""  # the seed the checked files were drawn with ("" not drawn)
    checks: tuple[CheckMark, ...] = ()  # the experts' checklist marks
    self_scores: tuple[SelfScore, ...] = ()
    rectification: tuple[RectificationItem, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    interviews: tuple[Interview, ...] = ()
    experts_present: tuple[str, ...] = ()
