"""Rectification (整改) rules: the scheme's `[rectification]` table and the due date it sets.

A kept 需要关注 finding of an issued round becomes an item the station must rectify within a number
of working days (docs/onsite-rectification.md). Working days are the State Council's, from
pinggu's `WorkCalendar`: a year the calendar does not know raises `CalendarError`, never a guess.
Whether a missed deadline vetoes the grade is the scheme's `[[vetoes]]` business (the metric
`overdue_unrectified`), not this table's, so that a veto is switched on in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .._calendar import WorkCalendar
from .._toml import TomlTable


@dataclass(frozen=True)
class RectificationRules:
    """The `[rectification]` table: how long a station has to rectify a concern."""

    due_working_days: int  # 整改期限: working days after the report is issued
    example: bool = False  # the figure is an example (guangzhou-2023's), said wherever shown


def parse_rectification(root: TomlTable) -> RectificationRules | None:
    """The optional `[rectification]` table; None when the scheme sets no deadline."""
    t = root.optional_table("rectification")
    if t is None:
        return None
    rules = RectificationRules(
        due_working_days=t.integer("due_working_days", minimum=1),
        example=t.flag("example", False),
    )
    t.done()
    return rules


def rectification_due(issued_on: date, rules: RectificationRules, calendar: WorkCalendar) -> date:
    """整改期限: the `rules.due_working_days`-th working day after the report was issued on
    `issued_on` (the issue day itself not counted). CalendarError when a day to count falls in a
    year the calendar does not cover."""
    return calendar.add_workdays(issued_on, rules.due_working_days)
