"""Working days: the State Council holiday calendar and the evaluation round's deadlines.

SPEC §2 sets the round's deadlines in Chinese working days (初评反馈 within 5 working days after
the fieldwork ends, 公示 at least 7 working days, ...). A working day is a weekday that is not a
statutory day off, or a weekend day the State Council has made a working day (调休). Those
arrangements are published one year at a time, so a calendar knows which years it covers and
refuses any other year (`CalendarError`) instead of guessing that an unpublished year has only
weekends off: a guessed deadline is a wrong deadline someone will be held to.

Calendars come from the `chinesecalendar` package or from the web app's database (one row per
special date); either way they are validated into a frozen `WorkCalendar`. The round's steps and
their deadline rules are data (`pinggu/workflow.toml`, every step and key documented in
docs/workflow.md), validated at load into a frozen `Workflow`, whose faults are refused with the
file, the key and the fault (`WorkflowError`). Nothing here does I/O beyond reading that packaged
file, and nothing imports Django.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any, NoReturn

import chinese_calendar  # type: ignore[import-untyped,unused-ignore]  # no type hints

from ._errors import PingguError

__all__ = [
    "DEADLINE_KINDS",
    "ROW_KINDS",
    "CalendarDataError",
    "CalendarError",
    "CalendarProblem",
    "Deadline",
    "WorkCalendar",
    "Workflow",
    "WorkflowError",
    "WorkflowStep",
    "calendar_rows",
    "from_chinesecalendar",
    "load_workflow",
    "parse_workflow",
]


class CalendarError(PingguError):
    """A day's year has no working-day calendar. An administrator must add it; never guessed."""

    def __init__(self, year: int, day: date | None = None, detail: str = "") -> None:
        self.year = year
        self.day = day
        question = f"无法判断 {day.isoformat()} 是否为工作日：" if day is not None else ""
        super().__init__(
            f"{question}没有 {year} 年的工作日历（国务院办公厅公布的节假日放假与调休上班安排）"
            f"{detail}。请管理员添加 {year} 年的工作日历；系统不会猜测。"
        )


@dataclass(frozen=True)
class CalendarProblem:
    """One located fault in calendar data: `where` names the year, date or row."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


class CalendarDataError(PingguError):
    """Calendar data is invalid; `problems` lists every fault, located. Nothing was adopted."""

    def __init__(self, problems: Iterable[CalendarProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"工作日历有 {len(self.problems)} 处问题，未采用：\n{lines}")


class WorkflowError(PingguError):
    """The workflow file is invalid; `source`, `key` and `message` say where and why."""

    def __init__(self, source: str, key: str, message: str) -> None:
        self.source = source
        self.key = key
        self.message = message
        super().__init__(f"评估流程文件 {source}：{key}：{message}")


ROW_KINDS = ("holiday", "workday")  # a database row's kind: a day off, or an adjusted working day
_KIND_NAMES = {"holiday": "放假日", "workday": "调休上班日"}
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class WorkCalendar:
    """The working-day calendar of the years in `years`, and of no other year.

    `holidays` are the statutory days off (those falling on a weekend are listed too, as
    published); `workdays` are the weekend days made working days (调休). Every date lies in one
    of `years`, no date is both, and every adjusted working day is a Saturday or Sunday.
    """

    years: frozenset[int]
    holidays: frozenset[date]
    workdays: frozenset[date]

    def __post_init__(self) -> None:
        problems = _rule_problems(self.years, self.holidays, self.workdays)
        if problems:
            raise CalendarDataError(problems)

    @classmethod
    def from_days(
        cls, year_days: Mapping[int, tuple[Iterable[date], Iterable[date]]]
    ) -> WorkCalendar:
        """A calendar from each year's (days off, adjusted working days), or CalendarDataError."""
        problems: list[CalendarProblem] = []
        years: set[int] = set()
        holidays: set[date] = set()
        workdays: set[date] = set()
        for year, (year_holidays, year_workdays) in year_days.items():
            if isinstance(year, bool) or not isinstance(year, int):
                problems.append(CalendarProblem(f"年份 {year!r}", "应为整数年份"))
                continue
            years.add(year)
            holidays |= _days_of_year(year, "holiday", year_holidays, problems)
            workdays |= _days_of_year(year, "workday", year_workdays, problems)
        problems += _rule_problems(years, holidays, workdays)
        if problems:
            raise CalendarDataError(problems)
        return cls(frozenset(years), frozenset(holidays), frozenset(workdays))

    @classmethod
    def from_rows(cls, years: Iterable[int], rows: Iterable[tuple[date, str]]) -> WorkCalendar:
        """A calendar from database rows: the covered years, and (date, "holiday"/"workday")."""
        year_days: dict[int, tuple[list[date], list[date]]] = {y: ([], []) for y in years}
        problems: list[CalendarProblem] = []
        for number, (day, kind) in enumerate(rows, 1):
            where = f"第 {number} 行（{day}）"
            if kind not in ROW_KINDS:
                problems.append(
                    CalendarProblem(where, f"类型应为 holiday 或 workday，实为 {kind!r}")
                )
            elif type(day) is not date:
                problems.append(CalendarProblem(where, f"应为日期，实为 {day!r}"))
            elif day.year not in year_days:
                problems.append(CalendarProblem(where, f"{day.year} 年不在日历所列的年份中"))
            else:
                year_days[day.year][ROW_KINDS.index(kind)].append(day)
        if problems:
            raise CalendarDataError(problems)
        return cls.from_days(year_days)

    def covers(self, day: date) -> bool:
        """Whether this calendar has the arrangements of `day`'s year."""
        return day.year in self.years

    def is_workday(self, day: date) -> bool:
        """A weekday that is not a day off, or an adjusted working day; CalendarError if unknown."""
        if not self.covers(day):
            raise CalendarError(day.year, day)
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (n ≥ 1); every day counted must be covered."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"工作日数应为不小于 1 的整数，实为 {n!r}")
        day = start
        while n:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is earlier."""
        if end < start:
            return -self.workdays_between(end, start)
        days = (start + timedelta(days=k) for k in range(1, (end - start).days + 1))
        return sum(1 for day in days if self.is_workday(day))

    def merged(self, other: WorkCalendar) -> WorkCalendar:
        """Both calendars' years; refused (CalendarDataError) where a shared year differs."""
        differing = [
            CalendarProblem(f"{year} 年", "两份工作日历的安排不一致，无法合并")
            for year in sorted(self.years & other.years)
            if self._year(year) != other._year(year)
        ]
        if differing:
            raise CalendarDataError(differing)
        return WorkCalendar(
            self.years | other.years,
            self.holidays | other.holidays,
            self.workdays | other.workdays,
        )

    def _year(self, year: int) -> tuple[frozenset[date], frozenset[date]]:
        return (
            frozenset(d for d in self.holidays if d.year == year),
            frozenset(d for d in self.workdays if d.year == year),
        )


def _days_of_year(
    year: int, kind: str, values: Iterable[object], problems: list[CalendarProblem]
) -> set[date]:
    """The dates of one year's list that are dates of that year; the others become problems."""
    label = f"{year} 年{_KIND_NAMES[kind]}"
    days: set[date] = set()
    for number, value in enumerate(values, 1):
        if type(value) is not date:
            problems.append(CalendarProblem(f"{label}第 {number} 项", f"应为日期，实为 {value!r}"))
        elif value.year != year:
            problems.append(CalendarProblem(f"{label} {value}", f"不在 {year} 年内"))
        else:
            days.add(value)
    return days


def _rule_problems(
    years: Iterable[int],
    holidays: frozenset[date] | set[date],
    workdays: frozenset[date] | set[date],
) -> list[CalendarProblem]:
    """Faults of dates that are each well typed: uncovered year, both kinds, weekday 调休."""
    covered = set(years)
    problems = [
        CalendarProblem(f"{day}", f"{day.year} 年不在日历所列的年份中")
        for day in sorted(holidays | workdays)
        if day.year not in covered
    ]
    problems += [
        CalendarProblem(f"{day.year} 年 {day}", "既列为放假日，又列为调休上班日")
        for day in sorted(holidays & workdays)
    ]
    problems += [
        CalendarProblem(
            f"{day.year} 年调休上班日 {day}",
            f"是{_WEEKDAYS[day.weekday()]}；调休上班日只能是星期六或星期日",
        )
        for day in sorted(workdays)
        if day.weekday() < 5
    ]
    return problems


def calendar_rows(calendar: WorkCalendar) -> list[tuple[date, str]]:
    """One (date, "holiday"/"workday") row per special date, in date order, for a database."""
    rows = [(d, "holiday") for d in calendar.holidays] + [(d, "workday") for d in calendar.workdays]
    return sorted(rows)


def from_chinesecalendar(years: Iterable[int]) -> WorkCalendar:
    """The calendar of `years` as the chinesecalendar package has them; CalendarError for a year
    the package has no arrangements for (its range is its own: 2004–2026 in version 1.11.0)."""
    published = {d.year for d in chinese_calendar.holidays}
    lowest, highest = min(published), max(published)
    detail = f"：chinesecalendar {chinese_calendar.__version__} 只有 {lowest}–{highest} 年的安排"
    year_days: dict[int, tuple[list[date], list[date]]] = {}
    for year in sorted(set(years)):
        if year not in published:
            raise CalendarError(year, detail=detail)
        try:  # the package's own range check, so a change in how it decides is not missed
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            raise CalendarError(year, detail=detail) from None
        year_days[year] = (
            [d for d in chinese_calendar.holidays if d.year == year],
            [d for d in chinese_calendar.workdays if d.year == year],
        )
    return WorkCalendar.from_days(year_days)


# --- The evaluation round's steps and deadlines (pinggu/workflow.toml) ---------------------------

DEADLINE_KINDS = ("within", "at_least")
_STEP_ID = re.compile(r"[a-z][a-z_]*")
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
class WorkflowStep:
    id: str
    name: str
    description: str
    optional: bool  # taken only when something calls for it (复核: on a complaint)
    deadline: Deadline | None


@dataclass(frozen=True)
class Workflow:
    """The round's steps in order, each with its deadline rule if it has one."""

    name: str
    steps: tuple[WorkflowStep, ...]

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


class _Reader:
    """Reads one TOML table with typed getters that fail with the key's full path."""

    def __init__(self, data: Any, path: str, source: str) -> None:
        self.source, self.path = source, path
        self.known: set[str] = set()
        if not isinstance(data, dict):
            self.fail("", "应为一个表（[...]）")
        self.data: dict[str, Any] = data

    def fail(self, key: str, message: str) -> NoReturn:
        where = f"{self.path}.{key}" if self.path and key else (self.path or key)
        raise WorkflowError(self.source, where or "（文件）", message)

    def get(self, key: str, required: bool = True) -> Any:
        self.known.add(key)
        if key not in self.data and required:
            self.fail(key, "缺少此项")
        return self.data.get(key)

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"应为非空文字，实为 {value!r}")
        return value.strip()

    def integer(self, key: str, minimum: int) -> int:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"应为不小于 {minimum} 的整数，实为 {value!r}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.get(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"应为 true 或 false，实为 {value!r}")
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in choices:
            self.fail(key, f"应为 {'、'.join(choices)} 之一，实为 {value!r}")
        return value

    def table(self, key: str, required: bool = True) -> _Reader | None:
        value = self.get(key, required)
        return None if value is None else _Reader(value, self._child(key), self.source)

    def tables(self, key: str) -> list[_Reader]:
        value = self.get(key)
        if not isinstance(value, list) or not value:
            self.fail(key, "应为至少一项的表数组（[[...]]）")
        return [
            _Reader(item, f"{self._child(key)}[{i}]", self.source) for i, item in enumerate(value)
        ]

    def done(self) -> None:
        """Refuse keys nobody reads: a typo must not silently drop a rule."""
        for key in self.data:
            if key not in self.known:
                self.fail(key, "未知的设置项（请检查拼写，或参阅 docs/workflow.md）")

    def _child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key


def _deadline(t: _Reader, earlier: list[WorkflowStep], optional: bool) -> Deadline:
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


def _step(t: _Reader, earlier: list[WorkflowStep]) -> WorkflowStep:
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
    rule = t.table("deadline", required=False)
    deadline = None if rule is None else _deadline(rule, earlier, optional)
    t.done()
    return WorkflowStep(step_id, name, description, optional, deadline)


def parse_workflow(doc: Mapping[str, Any], source: str) -> Workflow:
    """Validate a parsed workflow document into a `Workflow`, or raise `WorkflowError`."""
    root = _Reader(doc, "", source)
    head = root.table("workflow")
    assert head is not None  # required: a missing table has failed already
    steps: list[WorkflowStep] = []
    for t in root.tables("steps"):
        steps.append(_step(t, steps))
    workflow = Workflow(name=head.text("name"), steps=tuple(steps))
    head.done()
    root.done()
    return workflow


def load_workflow() -> Workflow:
    """The evaluation round's workflow shipped in pinggu/workflow.toml."""
    text = (resources.files("pinggu") / WORKFLOW_FILE).read_text(encoding="utf-8")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorkflowError(WORKFLOW_FILE, "（文件）", f"TOML 格式错误：{exc}") from None
    return parse_workflow(doc, WORKFLOW_FILE)
