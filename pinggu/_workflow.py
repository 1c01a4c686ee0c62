"""The evaluation round's workflow: its steps, who completes them and their deadlines.

The steps, their deadline rules and their preconditions (what must hold before a step may be
completed: named checks with a Chinese description, which the web app evaluates) are data
(`pinggu/workflow.toml`, every step, precondition and key documented in docs/workflow.md), validated at load into a frozen `Workflow` by the typed TOML
reader (`_toml`), whose faults are refused with the file, the key and the fault
(`WorkflowError`). Due dates are counted on a `WorkCalendar` (`_calendar`). Nothing here does I/O
beyond reading that packaged file, and nothing imports Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from ._calendar import WorkCalendar
from ._errors import WorkflowError
from ._toml import TomlTable, parse_toml

__all__ = [
    "DEADLINE_KINDS",
    "MINIMUM_PERIOD",
    "Deadline",
    "Precondition",
    "Workflow",
    "WorkflowStep",
    "load_workflow",
    "parse_workflow",
]

DEADLINE_KINDS = ("within", "at_least")
_STEP_ID = re.compile(r"[a-z][a-z_]*")
# The one precondition the engine itself gives a meaning to: the step's `at_least` deadline
# has been reached (公示期满), so only a step with such a deadline may require it.
MINIMUM_PERIOD = "minimum_period"
WORKFLOW_FILE = "workflow.toml"


@dataclass(frozen=True)
class Deadline:
    """A step's working-day rule, counted from the day after the `after` step was completed.

    `within`: completed at most `working_days` working days after (初评反馈 ≤ 5);
    `at_least`: completed no earlier than `working_days` working days after (公示 ≥ 7).
    """

    after: str
    working_days: int
    kind: str

    def allows(self, done_on: date, due: date) -> bool:
        """Whether completing on `done_on` keeps to this rule, given its `due` date."""
        return done_on <= due if self.kind == "within" else done_on >= due


@dataclass(frozen=True)
class Precondition:
    """A named check that must hold before a step may be completed (e.g. `data_accepted`);
    `description` says in Chinese what it requires."""

    id: str
    description: str


@dataclass(frozen=True)
class WorkflowStep:
    id: str
    name: str
    description: str
    optional: bool  # taken only when something calls for it (复核: on a complaint)
    deadline: Deadline | None
    requires: tuple[Precondition, ...] = ()


@dataclass(frozen=True)
class Workflow:
    """The round's steps in order, each with its deadline rule if it has one."""

    name: str
    steps: tuple[WorkflowStep, ...]
    preconditions: tuple[Precondition, ...] = ()

    def step(self, step_id: str) -> WorkflowStep:
        """The step with this id; ValueError naming the known ones otherwise."""
        found = next((s for s in self.steps if s.id == step_id), None)
        if found is None:
            known = "、".join(s.id for s in self.steps)
            raise ValueError(f"评估流程中没有步骤「{step_id}」；已有步骤：{known}")
        return found

    def due(
        self, step_id: str, completed: Mapping[str, date], calendar: WorkCalendar
    ) -> date | None:
        """The step's due date from earlier steps' completion dates.

        For a `within` rule the last day the step may be completed, for `at_least` the first.
        None when the step has no rule or the step it counts from is not completed yet.
        CalendarError when a day to be counted lies in a year the calendar does not cover.
        """
        for done in completed:
            self.step(done)
        deadline = self.step(step_id).deadline
        if deadline is None or deadline.after not in completed:
            return None
        return calendar.add_workdays(completed[deadline.after], deadline.working_days)


def _deadline(t: TomlTable, earlier: list[WorkflowStep], optional: bool) -> Deadline:
    after = t.text("after")
    before = {s.id: s for s in earlier}
    if after not in before:
        names = "、".join(before) or "无"
        t.fail("after", f"应为排在此步骤之前的步骤标识（{names}），实为 {after!r}")
    if before[after].optional and not optional:
        t.fail("after", f"「{before[after].name}」是可选步骤，不能作为必经步骤期限的起点")
    deadline = Deadline(
        after, t.integer("working_days", minimum=1), t.choice("kind", DEADLINE_KINDS)
    )
    t.done()
    return deadline


def _precondition(t: TomlTable, earlier: list[Precondition]) -> Precondition:
    pid = t.text("id")
    if not _STEP_ID.fullmatch(pid):
        t.fail("id", f"前提条件标识只能由小写英文字母和下划线组成，实为 {pid!r}")
    if pid in {p.id for p in earlier}:
        t.fail("id", f"前提条件标识「{pid}」出现了两次")
    found = Precondition(pid, t.text("description"))
    t.done()
    return found


def _requires(
    t: TomlTable, known: Mapping[str, Precondition], deadline: Deadline | None
) -> tuple[Precondition, ...]:
    ids = t.texts("requires", [])
    for pid in ids:
        if pid not in known:
            t.fail("requires", f"没有前提条件「{pid}」；已有：{'、'.join(known) or '无'}")
        if pid == MINIMUM_PERIOD and (deadline is None or deadline.kind != "at_least"):
            t.fail("requires", f"「{pid}」只能用于有 at_least 期限的步骤")
    if len(set(ids)) != len(ids):
        t.fail("requires", "同一前提条件写了两次")
    return tuple(known[pid] for pid in ids)


def _step(
    t: TomlTable, earlier: list[WorkflowStep], known: Mapping[str, Precondition]
) -> WorkflowStep:
    step_id = t.text("id")
    if not _STEP_ID.fullmatch(step_id):
        t.fail("id", f"步骤标识只能由小写英文字母和下划线组成，实为 {step_id!r}")
    if step_id in {s.id for s in earlier}:
        t.fail("id", f"步骤标识「{step_id}」出现了两次")
    name = t.text("name")
    if name in {s.name for s in earlier}:
        t.fail("name", f"步骤名称「{name}」出现了两次")
    description = t.text("description")
    optional = t.flag("optional", False)
    rule = t.optional_table("deadline")
    deadline = None if rule is None else _deadline(rule, earlier, optional)
    requires = _requires(t, known, deadline)
    t.done()
    return WorkflowStep(step_id, name, description, optional, deadline, requires)


def parse_workflow(doc: Mapping[str, Any], source: str) -> Workflow:
    """Validate a parsed workflow document into a `Workflow`, or raise `WorkflowError`."""
    root = TomlTable.root(doc, source, WorkflowError, "docs/workflow.md")
    head = root.table("workflow")
    preconditions: list[Precondition] = []
    for t in root.tables("preconditions", required=False):
        preconditions.append(_precondition(t, preconditions))
    known = {p.id: p for p in preconditions}
    steps: list[WorkflowStep] = []
    for t in root.tables("steps"):
        steps.append(_step(t, steps, known))
    workflow = Workflow(head.text("name"), tuple(steps), tuple(preconditions))
    head.done()
    root.done()
    return workflow


def load_workflow() -> Workflow:
    """The evaluation round's workflow shipped in pinggu/workflow.toml."""
    text = (resources.files("pinggu") / WORKFLOW_FILE).read_text(encoding="utf-8")
    return parse_workflow(parse_toml(text, WORKFLOW_FILE, WorkflowError), WORKFLOW_FILE)
