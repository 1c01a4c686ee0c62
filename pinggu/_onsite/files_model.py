"""The types of file spot checks (档案抽查): the station's file lists, the scheme's sampling plan
and checklists, a draw, and the experts' marks (docs/onsite.md).

They are shared by the readers, the draw, the roll-ups, the report, the CLI and the web app, so
they live apart from all of them. A file is known by its type and 编号; a 个案 names its client
by the roster's 编号 only, never by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

# ---------------------------------------------------------------------------------- read


class FileType(StrEnum):
    """类型 of a file on the station's lists."""

    CASE = "个案"
    GROUP = "小组"
    EVENT = "社区活动"


@dataclass(frozen=True)
class FileEntry:
    """One file (档案) on the station's lists; the fields a type does not have stay empty."""

    type: FileType
    id: str  # 编号 as typed (trimmed); unique within its type by canonical key
    zone: str  # 片区 (a zone of the evaluation, or 全站)
    worker: str  # 社工
    title: str = ""  # 名称 (小组, 社区活动)
    client: str = ""  # 服务对象编号 (个案)
    opened: date | None = None  # 开案日期 (个案)
    closed: date | None = None  # 结案日期 (个案); None: still open
    on: date | None = None  # 日期 (小组: the first session; 社区活动)
    sessions: int | None = None  # 节数 (小组)
    attendance: int | None = None  # 人次 (社区活动)


# -------------------------------------------------------------------------------- scheme


@dataclass(frozen=True)
class SamplingRule:
    """How many files of one type each 片区 has drawn: share × files, within [minimum, maximum]
    (all of them when the 片区 has fewer than the minimum)."""

    type: FileType
    share: Decimal  # e.g. 0.1 for 10%
    minimum: int
    maximum: int
    # The 指标 rows whose 完成量 the type's list stands for (catalogue names) and their 计量:
    # the list's count in the period is compared with their sum (warning file_count_differs).
    indicators: tuple[str, ...] = ()
    measure: str = ""


@dataclass(frozen=True)
class ChecklistItem:
    """One item of a type's checklist, and how a file failing it reads in a sentence."""

    name: str  # 知情同意书签名
    concern: str  # 知情同意书缺少签名 — 「其中 3 份知情同意书缺少签名」
    section: str  # the findings section its draft goes to (服务质量 or 项目管理)


@dataclass(frozen=True)
class Checklist:
    """The checklist (检查项) experts fill for every checked file of one type."""

    type: FileType
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class FileSampling:
    """A scheme's [file_sampling] table: the plan, the reserve and the checklists."""

    rules: tuple[SamplingRule, ...]
    reserve: int  # reserve files per type and 片区, in drawing order
    checklists: tuple[Checklist, ...]
    example: bool  # the shipped figures are an example (docs/onsite.md), said wherever shown

    def rule(self, kind: FileType) -> SamplingRule | None:
        return next((r for r in self.rules if r.type is kind), None)

    def checklist(self, kind: FileType) -> Checklist | None:
        return next((c for c in self.checklists if c.type is kind), None)


# ---------------------------------------------------------------------------------- draw


@dataclass(frozen=True)
class PlanRow:
    """One line of a draw's plan: how many of a 片区's files of one type are checked."""

    type: FileType
    zone: str
    files: int  # on the lists
    drawn: int  # to be checked


@dataclass(frozen=True)
class DrawnFile:
    """A file chosen by a draw (for checking or in reserve)."""

    type: FileType
    zone: str
    id: str


@dataclass(frozen=True)
class FileDraw:
    """A reproducible draw: the same lists and seed give the same files whatever the row order."""

    seed: str
    plan: tuple[PlanRow, ...]
    drawn: tuple[DrawnFile, ...]  # by type, 片区, then drawing order
    reserve: tuple[DrawnFile, ...]


# -------------------------------------------------------------------------------- checks


class Verdict(StrEnum):
    """结果 of one checklist item on one file."""

    MET = "符合"
    UNMET = "不符合"
    NOT_APPLICABLE = "不适用"


@dataclass(frozen=True)
class CheckMark:
    """An expert's mark on one checklist item of one checked file."""

    type: FileType
    file_id: str
    item: str  # the checklist item's name
    verdict: Verdict
    note: str = ""
