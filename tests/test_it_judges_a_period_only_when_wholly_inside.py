"""A week, month or quarter is judged only when it lies wholly inside the evaluation period
(docs/contacts.md): a quarter requirement across the period's boundary is not judged, and a
week that crosses a month end belongs to the month of its Monday and counts all its days."""

from __future__ import annotations

from datetime import date

from contact_rows import client, data, judge, record, rows_of

from pinggu._contacts.model import Method


def test_a_quarter_across_the_period_start_is_not_judged() -> None:
    # 四级: 1 contact a quarter. The period starts on 1 February: Q1 is not wholly inside.
    d = data([client("C1", 4)], [record(date(2023, 5, 10)), record(date(2023, 11, 2))])
    rows = rows_of(judge(d, date(2023, 2, 1), date(2023, 12, 31)))
    assert list(rows) == ["2023-Q2", "2023-Q3", "2023-Q4"]
    assert [r.met for r in rows.values()] == [True, False, True]
    assert rows["2023-Q3"].unmet == ("第3季度联系0次，应至少1次",)


def test_a_quarter_across_the_period_end_is_not_judged() -> None:
    d = data([client("C1", 4)])
    assert list(rows_of(judge(d, date(2023, 1, 1), date(2023, 8, 31)))) == ["2023-Q1", "2023-Q2"]


def test_a_month_across_the_period_start_keeps_only_its_whole_weeks() -> None:
    # 一级 from 15 March: March's visit is not judged (the month is not wholly inside); its
    # weeks of 20 and 27 March are (the week of 13 March starts before the period).
    d = data([client("C1", 1)], [record(date(2023, 3, 21)), record(date(2023, 4, 1))])
    march = rows_of(judge(d, date(2023, 3, 15), date(2023, 4, 30)))["2023-03"]
    assert (march.met, march.unmet) == (True, ())


def test_a_week_across_a_month_end_belongs_to_the_month_of_its_monday() -> None:
    # 一级. The week of Monday 30 January – Sunday 5 February is January's 5th week; the one
    # contact in it falls on 2 February.
    weekly = [date(2023, 1, d) for d in (2, 9, 16, 23)]
    d = data(
        [client("C1", 1)],
        [
            *(record(day) for day in weekly),
            record(date(2023, 1, 11), method=Method.VISIT),
            record(date(2023, 2, 2)),
        ],
    )
    rows = rows_of(judge(d, date(2023, 1, 1), date(2023, 2, 28)))
    january = rows["2023-01"]
    assert (january.met, january.contacts) == (True, 5)  # 4 calls + the visit; not 2 February
    february = rows["2023-02"]
    assert february.contacts == 1
    assert february.unmet[0] == "第1周（2月6日–2月12日）联系0次，应至少1次"
    assert not any("1月30日" in u for u in february.unmet)
