"""A round's steps, their working-day deadlines and the lock (who completes each: the
complete_step:<step> actions of roles.py).

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

PLAN_STEP = "plan"  # completed by creating the round
LOCKING_STEP = "report_issued"  # data, scores and findings are locked from here on


@dataclass(frozen=True)
class StepView:
    id: str
    name: str
    completed_on: date | None
    due: date | None
    due_kind: str  # "within" (a last day) or "at_least" (a first day), or ""
    problem: str  # why the due date cannot be computed (a year without calendar)
    overdue: bool


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
        views.append(StepView(step.id, step.name, done.get(step.id), due, kind, problem, overdue))
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


@transaction.atomic
def complete(round_: Round, step: str, user: User, on: date, note: str) -> None:
    """Record a step as done on a date; the report step locks the round's data."""
    flow = steps()
    flow.step(step)  # raises for an unknown step
    StepRecord.objects.create(round=round_, step=step, completed_on=on, by=user, note=note.strip())
    round_.state = step
    if step == LOCKING_STEP:
        round_.locked = True
    round_.save(update_fields=["state", "locked"])
    audit.record(
        round_,
        user,
        f"完成步骤：{flow.step(step).name}",
        new={"step": step, "completed_on": on.isoformat()},
        reason=note.strip(),
    )
