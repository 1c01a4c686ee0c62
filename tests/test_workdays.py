"""Working days follow the State Council's published holiday arrangements, adjusted working
weekends included, and a year without a published calendar is refused, never guessed.

The arrangements used below, as published by the State Council General Office and as the
chinesecalendar package (1.11.0) has them (checked in the first test):

2024  元旦 01-01 · 春节 02-10..02-17 off, 02-04 (Sun) and 02-18 (Sun) worked · 清明 04-04..04-06 off,
      04-07 (Sun) worked · 劳动节 05-01..05-05 off, 04-28 (Sun) and 05-11 (Sat) worked ·
      端午 06-10 · 中秋 09-15..09-17 off, 09-14 (Sat) worked ·
      国庆 10-01..10-07 off, 09-29 (Sun) and 10-12 (Sat) worked.
2025  元旦 01-01 · 春节 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) worked · 清明 04-04..04-06 ·
      劳动节 05-01..05-05 off, 04-27 (Sun) worked · 端午 05-31..06-02 ·
      国庆·中秋 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) worked.
2026  元旦 01-01..01-03 off, 01-04 (Sun) worked · 春节 02-15..02-23 off, 02-14 (Sat) and 02-28 (Sat)
      worked · 清明 04-04..04-06 · 劳动节 05-01..05-05 off, 05-09 (Sat) worked ·
      端午 06-19..06-21 · 中秋 09-25..09-27 · 国庆 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat) worked.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import chinese_calendar  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinggu import (
    CalendarDataError,
    CalendarError,
    WorkCalendar,
    calendar_rows,
    from_chinesecalendar,
)
from pinggu._errors import PingguError

PACKAGE_YEARS = range(2004, 2027)  # what chinesecalendar 1.11.0 (pinned in uv.lock) publishes
CAL = from_chinesecalendar(range(2024, 2027))
FULL = from_chinesecalendar(PACKAGE_YEARS)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# The published arrangements: (first, last) day of each period off, and the adjusted working days.
PUBLISHED: dict[int, tuple[list[tuple[date, date]], list[date]]] = {
    2024: (
        [(date(2024, 1, 1), date(2024, 1, 1)), (date(2024, 2, 10), date(2024, 2, 17)),
         (date(2024, 4, 4), date(2024, 4, 6)), (date(2024, 5, 1), date(2024, 5, 5)),
         (date(2024, 6, 10), date(2024, 6, 10)), (date(2024, 9, 15), date(2024, 9, 17)),
         (date(2024, 10, 1), date(2024, 10, 7))],
        [date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28),
         date(2024, 5, 11), date(2024, 9, 14), date(2024, 9, 29), date(2024, 10, 12)],
    ),
    2025: (
        [(date(2025, 1, 1), date(2025, 1, 1)), (date(2025, 1, 28), date(2025, 2, 4)),
         (date(2025, 4, 4), date(2025, 4, 6)), (date(2025, 5, 1), date(2025, 5, 5)),
         (date(2025, 5, 31), date(2025, 6, 2)), (date(2025, 10, 1), date(2025, 10, 8))],
        [date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28),
         date(2025, 10, 11)],
    ),
    2026: (
        [(date(2026, 1, 1), date(2026, 1, 3)), (date(2026, 2, 15), date(2026, 2, 23)),
         (date(2026, 4, 4), date(2026, 4, 6)), (date(2026, 5, 1), date(2026, 5, 5)),
         (date(2026, 6, 19), date(2026, 6, 21)), (date(2026, 9, 25), date(2026, 9, 27)),
         (date(2026, 10, 1), date(2026, 10, 7))],
        [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
         date(2026, 9, 20), date(2026, 10, 10)],
    ),
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_the_calendar_has_the_published_arrangements(year: int) -> None:
    periods, worked = PUBLISHED[year]
    days_off = [d for first, last in periods for d in _days(first, last)]
    assert sorted(d for d in CAL.holidays if d.year == year) == days_off
    assert sorted(d for d in CAL.workdays if d.year == year) == worked


def test_statutory_days_off_on_weekdays_are_not_working_days() -> None:
    spring_2025 = _days(date(2025, 1, 28), date(2025, 2, 4))
    national_2024 = _days(date(2024, 10, 1), date(2024, 10, 7))
    assert [d for d in spring_2025 + national_2024 if CAL.is_workday(d)] == []
    assert CAL.is_workday(date(2025, 1, 27)) and CAL.is_workday(date(2025, 2, 5))


def test_an_adjusted_saturday_or_sunday_is_a_working_day() -> None:
    for day in (date(2025, 2, 8), date(2024, 10, 12), date(2026, 2, 14), date(2025, 1, 26)):
        assert day.weekday() >= 5 and CAL.is_workday(day), day
    assert not CAL.is_workday(date(2025, 2, 9))  # an ordinary Sunday
    assert CAL.add_workdays(date(2025, 2, 7), 1) == date(2025, 2, 8)  # Friday → adjusted Saturday
    assert CAL.add_workdays(date(2024, 10, 11), 1) == date(2024, 10, 12)


def test_five_working_days_across_spring_festival_2025() -> None:
    # After Fri 01-24: Sun 01-26 (adjusted) 1, Mon 01-27 2, 01-28..02-04 off, 02-05 3, 02-06 4, 02-07 5.
    assert CAL.add_workdays(date(2025, 1, 24), 5) == date(2025, 2, 7)
    assert CAL.workdays_between(date(2025, 1, 24), date(2025, 2, 7)) == 5
    assert CAL.workdays_between(date(2025, 1, 27), date(2025, 2, 5)) == 1


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert CAL.workdays_between(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert CAL.workdays_between(date(2025, 3, 3), date(2025, 3, 4)) == 1  # Mon → Tue
    assert CAL.workdays_between(date(2025, 3, 7), date(2025, 3, 9)) == 0  # Fri → Sun
    assert CAL.workdays_between(date(2025, 2, 7), date(2025, 1, 24)) == -5  # later start: negative


def test_a_day_in_a_year_without_a_calendar_is_refused_naming_date_and_year() -> None:
    with pytest.raises(CalendarError) as caught:
        CAL.is_workday(date(2027, 1, 4))
    assert caught.value.year == 2027 and caught.value.day == date(2027, 1, 4)
    message = str(caught.value)
    assert "2027-01-04" in message and "2027 年" in message and "请管理员添加" in message
    assert "不会猜测" in message
    assert isinstance(caught.value, PingguError)
    assert CAL.covers(date(2026, 12, 31)) and not CAL.covers(date(2027, 1, 1))
    assert not CAL.covers(date(2023, 12, 31))


def test_counting_into_an_uncovered_year_is_refused() -> None:
    assert CAL.add_workdays(date(2026, 12, 30), 1) == date(2026, 12, 31)
    with pytest.raises(CalendarError, match=r"2027-01-01.*2027 年") as caught:
        CAL.add_workdays(date(2026, 12, 30), 2)
    assert caught.value.year == 2027
    with pytest.raises(CalendarError, match="2027"):
        CAL.workdays_between(date(2026, 12, 30), date(2027, 1, 5))


def test_the_package_refuses_years_it_has_no_arrangements_for() -> None:
    # chinesecalendar 1.11.0 has 2004–2026. If an upgrade brings 2027, this test says so.
    with pytest.raises(CalendarError, match="2004–2026") as caught:
        from_chinesecalendar([2026, 2027])
    assert caught.value.year == 2027 and caught.value.day is None
    assert "请管理员添加 2027 年的工作日历" in str(caught.value)
    with pytest.raises(CalendarError) as early:
        from_chinesecalendar([2003])
    assert early.value.year == 2003


def test_the_calendar_agrees_with_the_package_on_every_day_it_covers() -> None:
    days = _days(date(2004, 1, 1), date(2026, 12, 31))
    assert [d for d in days if FULL.is_workday(d) != chinese_calendar.is_workday(d)] == []
    assert FULL.years == frozenset(PACKAGE_YEARS)


def test_database_rows_round_trip() -> None:
    rows = calendar_rows(CAL)
    assert rows[:4] == [
        (date(2024, 1, 1), "holiday"),
        (date(2024, 2, 4), "workday"),
        (date(2024, 2, 10), "holiday"),
        (date(2024, 2, 11), "holiday"),
    ]
    assert WorkCalendar.from_rows(CAL.years, rows) == CAL
    assert WorkCalendar.from_rows(FULL.years, calendar_rows(FULL)) == FULL


def test_database_rows_with_faults_are_refused_located() -> None:
    rows = [(date(2025, 1, 1), "holiday"), (date(2025, 1, 2), "off"), (date(2024, 1, 1), "holiday")]
    with pytest.raises(CalendarDataError) as caught:
        WorkCalendar.from_rows([2025], rows)
    assert [str(p) for p in caught.value.problems] == [
        "第 2 行（2025-01-02）：类型应为 holiday 或 workday，实为 'off'",
        "第 3 行（2024-01-01）：2024 年不在日历所列的年份中",
    ]
    assert str(caught.value).startswith("工作日历有 2 处问题，未采用：")


def test_invalid_days_are_refused_with_every_fault_located() -> None:
    year_days: dict[Any, Any] = {
        2025: (
            [date(2025, 1, 1), date(2024, 12, 31), date(2025, 2, 8), "2025-05-01"],
            [date(2025, 2, 8), date(2025, 2, 7)],
        ),
        "2026": ([date(2026, 1, 1)], []),
    }
    with pytest.raises(CalendarDataError) as caught:
        WorkCalendar.from_days(year_days)
    assert [str(p) for p in caught.value.problems] == [
        "2025 年放假日 2024-12-31：不在 2025 年内",
        "2025 年放假日第 4 项：应为日期，实为 '2025-05-01'",
        "年份 '2026'：应为整数年份",
        "2025 年 2025-02-08：既列为放假日，又列为调休上班日",
        "2025 年调休上班日 2025-02-07：是星期五；调休上班日只能是星期六或星期日",
    ]


def test_a_calendar_cannot_be_built_with_dates_outside_its_years() -> None:
    with pytest.raises(CalendarDataError, match="2024 年不在日历所列的年份中"):
        WorkCalendar(frozenset({2025}), frozenset({date(2024, 10, 1)}), frozenset())


def test_merging_calendars_joins_years_and_refuses_disagreement() -> None:
    merged = from_chinesecalendar([2024]).merged(from_chinesecalendar([2025]))
    assert merged == from_chinesecalendar([2024, 2025])
    assert merged.merged(from_chinesecalendar([2025])) == merged
    altered = WorkCalendar.from_days({2025: ([date(2025, 1, 1)], [])})
    with pytest.raises(CalendarDataError, match="2025 年：两份工作日历的安排不一致"):
        merged.merged(altered)


def test_a_count_of_working_days_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="不小于 1"):
        CAL.add_workdays(date(2025, 3, 3), 0)


STARTS = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30))


@given(STARTS, st.integers(min_value=1, max_value=60))
def test_adding_working_days_lands_on_a_working_day(start: date, n: int) -> None:
    assert FULL.is_workday(FULL.add_workdays(start, n))


@given(STARTS, st.integers(min_value=1, max_value=60))
def test_working_days_between_undoes_adding_them(start: date, n: int) -> None:
    end = FULL.add_workdays(start, n)
    assert FULL.workdays_between(start, end) == n
    assert FULL.workdays_between(start, end - timedelta(days=1)) == n - 1
