"""What must hold before a step may be completed: the preconditions of pinggu/workflow.toml
(each documented in docs/workflow.md) evaluated on a round, in the one table `CHECKS`.

A refused step lists in Chinese exactly what is missing; a test keeps the table in step with
the workflow file and its documentation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pinggu import (
    CalendarError,
    ReportError,
    WorkCalendar,
    WorkflowStep,
    load_scheme,
    load_workflow,
)

from .. import engine
from ..models import Round


@dataclass(frozen=True)
class Situation:
    """What a check looks at: the round, the step, the date it would be completed on, the
    completed steps' dates, the working-day calendar, and what earlier checks found missing."""

    round: Round
    step: WorkflowStep
    on: date
    done: dict[str, date]
    calendar: WorkCalendar
    missing_so_far: tuple[str, ...]


Check = Callable[[Situation], list[str]]


def _data_accepted(s: Situation) -> list[str]:
    return [] if s.round.latest_data() else ["尚未上传并通过校验的社工站评估数据"]


def _scores_complete(s: Situation) -> list[str]:
    result = engine.result_of(s.round)
    if result is None:
        return ["尚未上传数据，评分无从核对"]
    return [f"缺少评分：{m}" for m in result.scores.missing]


def _findings_in(s: Situation) -> list[str]:
    written = set(s.round.findings.values_list("section", flat=True))
    sections = [x.name for x in load_scheme(s.round.scheme).sections]
    return [f"「{name}」部分还没有评估意见" for name in sections if name not in written]


def _report_audited(s: Situation) -> list[str]:
    if s.missing_so_far:  # writing the report is slow and meaningless before the rest is in
        return ["评估报告将在以上各项齐全后生成并自检"]
    if s.round.latest_data() is None:
        return ["尚未上传数据，无法生成评估报告"]
    try:
        engine.report_file(s.round, ".docx")
    except ReportError as exc:
        return [f"评估报告未通过自检：{exc}"]
    return []


def _minimum_period(s: Situation) -> list[str]:
    try:
        first = load_workflow().due(s.step.id, s.done, s.calendar)
    except CalendarError as exc:
        return [str(exc)]
    deadline = s.step.deadline
    if first is None or deadline is None:
        return [f"「{s.step.name}」的起算步骤尚未完成"]
    if s.on < first:
        return [
            f"「{s.step.name}」不少于 {deadline.working_days} 个工作日，"
            f"最早可于 {first} 完成（所填完成日期为 {s.on}）"
        ]
    return []


def _publication_done(s: Situation) -> list[str]:
    return [] if "publication" in s.done else ["「公示」尚未完成"]


def _review_open(s: Situation) -> list[str]:
    if s.round.reviewing:
        return []
    return ["复核尚未开始：公示期间有人提出异议后，区民政局在评估页面点「开始复核」"]


def _review_closed(s: Situation) -> list[str]:
    return ["复核正在进行，请先完成「复核」"] if s.round.reviewing else []


def _no_open_objection(s: Situation) -> list[str]:
    open_ = s.round.objections.filter(resolution="").order_by("raised_at")
    return [f"异议尚未处理：{o.text[:60]}" for o in open_]


CHECKS: dict[str, Check] = {
    "data_accepted": _data_accepted,
    "scores_complete": _scores_complete,
    "findings_in": _findings_in,
    "report_audited": _report_audited,
    "minimum_period": _minimum_period,
    "publication_done": _publication_done,
    "review_open": _review_open,
    "review_closed": _review_closed,
    "no_open_objection": _no_open_objection,
}


def missing(
    round_: Round, step: WorkflowStep, on: date, done: dict[str, date], calendar: WorkCalendar
) -> list[str]:
    """Everything that stops `step` from being completed on `on`, in Chinese; [] when none."""
    found: list[str] = []
    for precondition in step.requires:
        situation = Situation(round_, step, on, done, calendar, tuple(found))
        found += CHECKS[precondition.id](situation)
    return found
