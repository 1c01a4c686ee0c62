"""A round's steps, their working-day deadlines, their preconditions (preconditions.py) and
the lock (who completes each: the complete_step:<step> actions of roles.py); reopening an
issued round and opening 复核 (docs/workflow.md).

The steps and deadlines are data (pinggu/workflow.toml); the calendar comes from the database
(seeded from chinesecalendar, extended by an administrator). A date in a year without a
calendar is refused, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from pinggu import CalendarError, WorkCalendar, Workflow, load_workflow

from .. import audit, roles
from ..memo import Memo
from ..models import CalendarDay, CalendarYear, Round, StepRecord
from ..rectification.issue import raise_items
from . import preconditions

PLAN_STEP = "plan"  # completed by creating the round
LOCKING_STEP = "report_issued"  # data, scores and findings are locked from here on
REVIEW_STEP = "review"
# The states of a round while its report is publicised (公示): confirmed by the district, and
# until 定稿. An objection raised then can open 复核.
PUBLICATION_STATES = ("district_confirmation", "publication")
NOTE_LIMIT = 200  # StepRecord.note


@dataclass(frozen=True)
class StepView:
    id: str
    name: str
    completed_on: date | None
    due: date | None
    due_kind: str  # "within" (a last day) or "at_least" (a first day), or ""
    problem: str  # why the due date cannot be computed (a year without calendar)
    overdue: bool
    late_days: int = 0  # working days a `within` step was completed after its due date


# The calendar by its rows' ids: a year is replaced by deleting and re-creating its rows
# (manage calendar_year --replace), so new ids mean new days (the day count guards against
# SQLite reusing the ids of rolled-back rows). Loading it was most of a round page's time.
_CALENDARS: Memo[tuple[object, ...], WorkCalendar] = Memo(1)


@cache
def steps() -> Workflow:
    """The steps and deadlines (pinggu/workflow.toml, shipped with the code): read once per
    process, as a round page asks for them several times."""
    return load_workflow()


def calendar() -> WorkCalendar:
    years = tuple(CalendarYear.objects.order_by("id").values_list("id", "year"))
    days = CalendarDay.objects.aggregate(n=Count("id"), last=Max("id"))
    listed = [year for _, year in years]

    def load() -> WorkCalendar:
        rows = CalendarDay.objects.filter(day__year__in=listed).values_list("day", "kind")
        return WorkCalendar.from_rows(listed, list(rows))

    return _CALENDARS.get((years, days["n"], days["last"]), load)


def timeline(round_: Round, today: date | None = None) -> list[StepView]:
    """Every step with its completion date, due date and whether it is overdue."""
    flow: Workflow = steps()
    today = today or timezone.localdate()
    done = _completed(round_)
    cal = calendar()
    views = []
    for step in flow.steps:
        due, problem = None, ""
        try:
            due = flow.due(step.id, done, cal)
        except CalendarError as exc:
            problem = str(exc)
        kind = step.deadline.kind if step.deadline else ""
        overdue = step.id not in done and due is not None and kind == "within" and today > due
        late, on = 0, done.get(step.id)
        if on is not None and due is not None and kind == "within" and on > due:
            try:
                late = cal.workdays_between(due, on)
            except CalendarError as exc:
                problem = str(exc)
        views.append(StepView(step.id, step.name, on, due, kind, problem, overdue, late))
    return views


def _completed(round_: Round) -> dict[str, date]:
    """Completion dates by step; creating the round is its plan (计划)."""
    done = {PLAN_STEP: timezone.localdate(round_.created_at)}
    done.update({r.step: r.completed_on for r in round_.steps.all()})
    return done


def step_action(step: str) -> str | None:
    """The roles.py action of completing `step`; None for a step nobody completes by hand."""
    action = f"complete_step:{step}"
    return action if action in roles.ACTIONS else None


def issued(state: str) -> bool:
    """Whether a round whose last completed step is `state` has had its report issued."""
    ids = [s.id for s in steps().steps]
    return state in ids and ids.index(state) >= ids.index(LOCKING_STEP)


def step_names() -> dict[str, str]:
    return {s.id: s.name for s in steps().steps}


def date_problem(round_: Round, on: date) -> str:
    """A completion date must not be in the future nor before the last completed step."""
    if on > timezone.localdate():
        return f"完成日期 {on} 晚于今天"
    records = list(round_.steps.order_by("-completed_on")[:1])
    if records and on < records[0].completed_on:
        last = records[0]
        return (
            f"完成日期 {on} 早于上一步骤「{step_names()[last.step]}」的完成日期 {last.completed_on}"
        )
    return ""


def next_step(round_: Round) -> str | None:
    """The first required step not completed yet (review is only on a complaint)."""
    done = set(_completed(round_))
    return next((s.id for s in steps().steps if not s.optional and s.id not in done), None)


def may_open_review(round_: Round) -> bool:
    """复核 can be opened on an objection raised during 公示 that is still open."""
    return (
        not round_.reviewing
        and round_.state in PUBLICATION_STATES
        and round_.objections.filter(resolution="", step__in=PUBLICATION_STATES).exists()
    )


@transaction.atomic
def complete(round_: Round, step: str, user: User, on: date, note: str) -> list[str]:
    """Record a step as done on a date if its preconditions hold, else return what is missing
    (nothing stored). The report step locks the round's data; 复核 records its outcome as the
    resolution of the open objections and locks the round again. A step already completed
    (a double click) is left as it is. Issuing the report makes the round's kept concerns
    rectification items (rectification/issue.py)."""
    flow = steps()
    spec = flow.step(step)  # raises for an unknown step
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.steps.filter(step=step).exists():
        return []
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        return [f"说明不能超过 {NOTE_LIMIT} 字（现为 {len(note)} 字）"]
    if step == REVIEW_STEP and not note:
        return ["请在「说明」中填写复核结果"]
    missing = preconditions.missing(round_, spec, on, _completed(round_), calendar())
    if missing:
        return missing
    if step == LOCKING_STEP:  # the kept concerns become rectification items (docs/rectification.md)
        try:
            raise_items(round_, on, user, calendar())
        except CalendarError as exc:
            return [f"整改期限无法计算：{exc}"]
    StepRecord.objects.create(round=round_, step=step, completed_on=on, by=user, note=note)
    round_.state = step
    new: dict[str, object] = {"step": step, "completed_on": on.isoformat()}
    if step == LOCKING_STEP:
        round_.locked = True
    if step == REVIEW_STEP:  # the outcome answers every open objection
        round_.reviewing, round_.locked = False, True
        answered = round_.objections.filter(resolution="")
        new["异议"] = list(answered.values_list("text", flat=True))
        answered.update(resolution=note, resolved_by=user)
    round_.save(update_fields=["state", "locked", "reviewing"])
    audit.record(round_, user, f"完成步骤：{spec.name}", new=new, reason=note)
    return []


@transaction.atomic
def open_review(round_: Round, user: User) -> list[str]:
    """Open 复核 on an objection raised during 公示: the lock lifts for the correction."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not may_open_review(round_):
        return ["只有公示期间提出、尚未处理的异议才能启动复核"]
    objections = list(round_.objections.filter(resolution="").values_list("text", flat=True))
    round_.reviewing, round_.locked = True, False
    round_.save(update_fields=["reviewing", "locked"])
    audit.record(round_, user, "开始复核", new={"异议": objections})
    return []


@transaction.atomic
def reopen(round_: Round, user: User, reason: str) -> list[str]:
    """Take back an issued report: the steps from 报告出具 on are undone (their dates kept in
    the audit log), the lock lifts, and the station no longer sees the report."""
    reason = reason.strip()
    if not reason:
        return ["请填写重新打开的原因"]
    if len(reason) > NOTE_LIMIT:
        return [f"原因不能超过 {NOTE_LIMIT} 字（现为 {len(reason)} 字）"]
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not issued(round_.state):
        return ["报告尚未出具，无需重新打开"]
    ids = [s.id for s in steps().steps]
    undone = ids[ids.index(LOCKING_STEP) :]
    records = round_.steps.filter(step__in=undone)
    old = {r.step: r.completed_on.isoformat() for r in records}
    records.delete()
    kept = set(_completed(round_))
    previous = round_.state
    round_.state = next(s for s in reversed(ids) if s in kept)
    round_.locked = round_.reviewing = False
    round_.save(update_fields=["state", "locked", "reviewing"])
    audit.record(
        round_,
        user,
        "重新打开评估",
        old={"state": previous, "steps": old},
        new={"state": round_.state},
        reason=reason,
    )
    return []
