"""What the engine makes of the on-site records (docs/onsite-rectification.md): the station's
self-scores beside the experts', the previous round's concerns by status, and the on-site day
as the report's method paragraph tells it.

Every count and gap is a `Figure` that explains itself, so the report can print it and its audit
can check it. Pure: an `OnSite`, the fieldwork date, the scores and the scheme in, no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .._figures import Figure
from .._numbers import percent, shown
from .._scheme import Scheme
from .._scoring import Scores
from .files_model import FileType
from .model import AgendaItem, Interviewee, OnSite, RectificationItem, RectificationStatus

# ------------------------------------------------------------------------ self-assessment


@dataclass(frozen=True)
class SelfGap:
    """The station's self-score beside the experts' combined score for one dimension (and 片区),
    both on the experts' scale (评分); `gap` is self − expert (positive: the station scored
    itself higher). `expert` and `gap` are None while the experts have not scored it."""

    dimension: str
    zone: str | None
    self_score: Decimal
    expert: Figure | None
    gap: Figure | None


def _self_gaps(onsite: OnSite, scores: Scores, scheme: Scheme) -> tuple[SelfGap, ...]:
    third = scores.third_party
    gaps = []
    for own in onsite.self_scores:
        expert: Figure | None = None
        dim = (
            next((d for d in third.dimensions if d.dimension == own.dimension), None)
            if third
            else None
        )
        if dim is not None and own.zone is not None:
            expert = next((z.score for z in dim.zones if z.zone == own.zone), None)
        elif dim is not None:
            expert = dim.score
        gap = None
        if expert is not None:
            gap = Figure(
                shown(own.score - expert.value, scheme.places),
                "自评得分 − 专家评分",
                {"自评得分": own.score, "专家评分": expert.value},
                "分",
            )
        gaps.append(SelfGap(own.dimension, own.zone, own.score, expert, gap))
    return tuple(sorted(gaps, key=_scheme_order(scores, scheme)))


def _scheme_order(scores: Scores, scheme: Scheme) -> Callable[[SelfGap], tuple[int, int]]:
    """Gaps in the score table's order (the scheme's dimensions, then the station's 片区), not in
    the order the self-scores were entered; the dimension's own row before its 片区 rows."""
    party = scheme.third_party
    dims = [d.name for d in party.dimensions] if party else []
    zones: dict[str, list[str]] = {}
    for p in scores.parties:
        for d in p.dimensions:
            zones.setdefault(d.dimension, [z.zone for z in d.zones])

    def key(gap: SelfGap) -> tuple[int, int]:
        dim = dims.index(gap.dimension) if gap.dimension in dims else len(dims)
        order = zones.get(gap.dimension, [])
        if gap.zone is None:
            return dim, -1
        return dim, order.index(gap.zone) if gap.zone in order else len(order)

    return key


# -------------------------------------------------------------------------- rectification


@dataclass(frozen=True)
class RectificationSummary:
    """The previous round's concerns at this round: how many, by the experts' mark, how many
    are past their 整改期限 at the fieldwork date, and the share rectified."""

    items: Figure  # 上一轮需要关注的意见条数
    done: Figure  # 已整改
    partial: Figure  # 部分整改
    not_done: Figure  # 未整改
    unmarked: Figure  # not marked yet
    # Not 已整改 and past the due date at the fieldwork date (期限 < 评估日期).
    overdue: Figure
    # 未整改 and past the due date: the veto metric `overdue_unrectified` (None while any item
    # is unmarked: the count is not known yet).
    overdue_unrectified: Figure | None
    share_rectified: Figure  # 已整改 ÷ 意见条数 × 100%
    raised_in: tuple[str, ...]  # the rounds the items were raised in, as the report names them

    def count(self, status: RectificationStatus | None) -> Figure:
        """The count of items with this mark (None: unmarked)."""
        if status is None:
            return self.unmarked
        return {
            RectificationStatus.DONE: self.done,
            RectificationStatus.PARTIAL: self.partial,
            RectificationStatus.NOT_DONE: self.not_done,
        }[status]


def is_overdue(item: RectificationItem, on: date) -> bool:
    """Not rectified and its 整改期限 passed before `on` (an item without 期限 never is)."""
    return item.status is not RectificationStatus.DONE and item.due is not None and item.due < on


def _count(value: int, formula: str) -> Figure:
    return Figure(Decimal(value), formula, {}, "条")


def rectification_summary(
    items: tuple[RectificationItem, ...], fieldwork: date
) -> RectificationSummary | None:
    """The summary of `items` at the fieldwork date; None when there are none."""
    if not items:
        return None
    marks = Counter(i.status for i in items)
    n = len(items)
    done = marks[RectificationStatus.DONE]
    overdue = sum(1 for i in items if is_overdue(i, fieldwork))
    late_undone = sum(
        1 for i in items if i.status is RectificationStatus.NOT_DONE and is_overdue(i, fieldwork)
    )
    on = fieldwork.isoformat()
    return RectificationSummary(
        items=_count(n, "上一轮需要关注的意见条数"),
        done=_count(done, "标为已整改的条数"),
        partial=_count(marks[RectificationStatus.PARTIAL], "标为部分整改的条数"),
        not_done=_count(marks[RectificationStatus.NOT_DONE], "标为未整改的条数"),
        unmarked=_count(marks[None], "尚未标注整改情况的条数"),
        overdue=_count(overdue, f"未标为已整改、整改期限早于评估日期 {on} 的条数"),
        overdue_unrectified=None
        if marks[None]
        else _count(late_undone, f"标为未整改、整改期限早于评估日期 {on} 的条数"),
        share_rectified=Figure(
            percent(Decimal(done), Decimal(n)),
            "已整改条数 ÷ 意见条数 × 100%",
            {"已整改条数": Decimal(done), "意见条数": Decimal(n)},
            "%",
        ),
        raised_in=tuple(dict.fromkeys(i.raised_in for i in items)),
    )


# ---------------------------------------------------------------------------- on-site day


@dataclass(frozen=True)
class FilesChecked:
    """How many distinct files of one type the experts checked (have a checklist mark)."""

    type: FileType
    files: Figure


@dataclass(frozen=True)
class InterviewCount:
    """Interviews held with one 对象类型, and the people they spoke with."""

    kind: Interviewee
    interviews: Figure
    people: Figure


@dataclass(frozen=True)
class OnSiteDay:
    """What the report's method paragraph is written from; empty parts were not recorded."""

    experts: tuple[str, ...]
    agenda: tuple[AgendaItem, ...]
    files_checked: tuple[FilesChecked, ...]  # in FileType order, types with a mark only
    interviews: tuple[InterviewCount, ...]  # in Interviewee order, kinds interviewed only

    @property
    def recorded(self) -> bool:
        return bool(self.experts or self.agenda or self.files_checked or self.interviews)


def onsite_day(onsite: OnSite) -> OnSiteDay:
    files: list[FilesChecked] = []
    for kind in FileType:
        ids = {m.file_id for m in onsite.checks if m.type is kind}
        if ids:
            formula = f"有检查记录的{kind.value}档案（按编号，不重复）份数"
            files.append(FilesChecked(kind, Figure(Decimal(len(ids)), formula, {}, "份")))
    interviews: list[InterviewCount] = []
    for who in Interviewee:
        held = [i for i in onsite.interviews if i.kind is who]
        if held:
            people = sum(i.people for i in held)
            interviews.append(
                InterviewCount(
                    who,
                    Figure(Decimal(len(held)), f"访谈{who.value}的记录条数", {}, "次"),
                    Figure(Decimal(people), f"访谈{who.value}各次人数之和", {}, "人"),
                )
            )
    return OnSiteDay(onsite.experts_present, onsite.agenda, tuple(files), tuple(interviews))


# ---------------------------------------------------------------------------------- whole


@dataclass(frozen=True)
class OnSiteResult:
    """Everything computed from an evaluation's on-site records."""

    self_gaps: tuple[SelfGap, ...]
    rectification: RectificationSummary | None  # None: no previous concerns recorded
    day: OnSiteDay


def onsite_result(onsite: OnSite, fieldwork: date, scores: Scores, scheme: Scheme) -> OnSiteResult:
    """The self-score gaps, the rectification summary at the fieldwork date (评估日期) and the
    on-site day of one evaluation's records."""
    return OnSiteResult(
        self_gaps=_self_gaps(onsite, scores, scheme),
        rectification=rectification_summary(onsite.rectification, fieldwork),
        day=onsite_day(onsite),
    )
