"""A client is judged only while on the roster (docs/contacts.md): from the period its 建档日期
falls in, at the grade it was filed with, to the period its 结案日期 falls in; a week before
filing or after closing is not asked for."""

from __future__ import annotations

from datetime import date

from contact_rows import client, data, judge, record, rows_of

from pinggu._contacts.model import GradeChange, Method


def test_a_client_filed_mid_month_is_judged_from_its_first_week_on_the_roster() -> None:
    # Filed on Wednesday 15 March 2023 as 一级.
    d = data(
        [client("C1", 1, filed=date(2023, 3, 15))],
        [
            record(date(2023, 3, 16)),
            record(date(2023, 3, 22), method=Method.VISIT),
            record(date(2023, 3, 29)),
        ],
    )
    rows = rows_of(judge(d, date(2023, 1, 1), date(2023, 3, 31)))
    assert list(rows) == ["2023-03"]  # not on the roster in January or February
    march = rows["2023-03"]
    # The week of 6–12 March ended before filing: not asked for. 13–19, 20–26 and 27 March–
    # 2 April (its Monday is in March, but it ends after the period): only the first two.
    assert (march.grade, march.contacts, march.visits, march.met) == (1, 3, 1, True)


def test_a_client_filed_mid_period_takes_the_grade_it_was_filed_with() -> None:
    d = data(
        [client("C1", 3, filed=date(2023, 3, 15))],
        [record(date(2023, 3, 20))],
        [GradeChange("C1", date(2023, 3, 10), 2)],
    )
    march = rows_of(judge(d, date(2023, 1, 1), date(2023, 3, 31)))["2023-03"]
    # graded 二级 on 10 March, filed on 15 March: judged as 二级 (2 contacts a month).
    assert (march.grade, march.met, march.unmet) == (2, False, ("3月联系1次，应至少2次",))


def test_a_closed_case_is_not_judged_after_its_closing() -> None:
    # 一级, closed on Wednesday 8 February 2023.
    d = data(
        [client("C1", 1, closed=date(2023, 2, 8))],
        [
            *(record(date(2023, 1, day)) for day in (2, 9, 16, 23, 30)),
            record(date(2023, 1, 10), method=Method.VISIT),
            record(date(2023, 2, 6)),
        ],
    )
    rows = rows_of(judge(d, date(2023, 1, 1), date(2023, 6, 30)))
    assert list(rows) == ["2023-01", "2023-02"]
    assert rows["2023-01"].met
    february = rows["2023-02"]
    # The weeks after 8 February are not asked for; the month's visit still is.
    assert february.unmet == ("2月入户探访0次，应至少1次",)
