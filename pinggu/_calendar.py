"""The working-day calendar: the State Council's holiday arrangements and working-day arithmetic.

The round's deadlines are counted in Chinese working days (docs/workflow.md). A working day is a
weekday that is not a statutory day off, or a weekend day the State Council has made a working
day (调休). Those arrangements are published one year at a time, so a calendar knows which years
it covers and refuses any other year (`CalendarError`) instead of guessing that an unpublished
year has only weekends off: a guessed deadline is a wrong deadline someone will be held to.

Calendars come from the `chinesecalendar` package or from the web app's database (one row per
special date); either way they are validated into a frozen `WorkCalendar` (faults:
`CalendarDataError`, every one located). Nothing here does I/O, and nothing imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped,unused-ignore]  # no type hints

from ._errors import CalendarDataError, CalendarError, CalendarProblem

__all__ = ["ROW_KINDS", "WorkCalendar", "calendar_rows", "from_chinesecalendar"]


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
