"""A client's grade for a month is its grade on the month's first day (docs/contacts.md): a
change mid-month applies from the next month, a change on the 1st to that month."""

from __future__ import annotations

from datetime import date

from contact_rows import client, data, judge, record, rows_of

from pinggu._contacts.model import GradeChange, Method


def test_a_grade_change_mid_month_applies_from_the_next_month() -> None:
    # 三级 (1 contact a month) until 3月15日, then 一级 (weekly contact, monthly visit).
    d = data(
        [client("C1", 3)],
        [record(date(2023, 3, 20))],
        [GradeChange("C1", date(2023, 3, 15), 1)],
    )
    rows = rows_of(judge(d, date(2023, 1, 1), date(2023, 4, 30)))
    march = rows["2023-03"]
    assert (march.grade, march.contacts, march.met, march.unmet) == (3, 1, True, ())
    april = rows["2023-04"]
    assert april.grade == 1 and not april.met
    # April's weeks with a Monday in April: 3, 10, 17, 24 April (24–30 April lies inside).
    assert april.unmet == (
        "第1周（4月3日–4月9日）联系0次，应至少1次",
        "第2周（4月10日–4月16日）联系0次，应至少1次",
        "第3周（4月17日–4月23日）联系0次，应至少1次",
        "第4周（4月24日–4月30日）联系0次，应至少1次",
        "4月入户探访0次，应至少1次",
    )


def test_a_change_on_the_first_of_the_month_applies_to_that_month() -> None:
    d = data(
        [client("C1", 1)],
        [record(date(2023, 2, 10), method=Method.VISIT)],
        [GradeChange("C1", date(2023, 2, 1), 3)],
    )
    rows = rows_of(judge(d, date(2023, 1, 1), date(2023, 2, 28)))
    assert rows["2023-01"].grade == 1 and not rows["2023-01"].met
    assert (rows["2023-02"].grade, rows["2023-02"].visits, rows["2023-02"].met) == (3, 1, True)


def test_a_quarter_is_judged_at_the_grade_of_its_first_day() -> None:
    # 四级 (1 contact a quarter) from 2月1日: Q1 is still judged as 三级 month by month.
    d = data(
        [client("C1", 3)],
        [record(date(2023, 1, 5)), record(date(2023, 5, 5))],
        [GradeChange("C1", date(2023, 2, 1), 4)],
    )
    rows = rows_of(judge(d, date(2023, 1, 1), date(2023, 6, 30)))
    assert sorted(rows) == ["2023-01", "2023-Q2"]
    assert rows["2023-01"].met and rows["2023-Q2"].met and rows["2023-Q2"].contacts == 1
