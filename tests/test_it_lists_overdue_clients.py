"""The overdue list on a day (docs/contacts.md): each requirement of the client's grade that day
asks for a contact every (7, 30 or 91 days) // at_least after the last one; a client is listed
once, under its earliest due date, most overdue first."""

from __future__ import annotations

from datetime import date

from contact_rows import EXAMPLE, client, data, record

from pinggu._contacts.model import GradeChange, Measure, Method
from pinggu._contacts.overdue import overdue_clients

DAY = date(2023, 6, 30)


def test_the_daily_work_list() -> None:
    d = data(
        [
            client("A", 3, zone="二片区"),  # 1 a month: last 20 May -> due 19 June, 11 days late
            client("B", 2, zone="一片区"),  # 2 a month: last 15 June -> due 30 June, due today
            client("C", 1),  # weekly: last 28 June -> due 5 July, not yet
            client("D", 4),  # quarterly: never contacted, records start 1 Jan -> due 2 April
            client("E", 3, closed=date(2023, 6, 1)),  # closed: never listed
            client("F", 3, filed=date(2023, 6, 10)),  # filed 10 June, never contacted: 10 July
        ],
        [
            record(date(2023, 1, 1), "E"),
            record(date(2023, 5, 20), "A", worker="SG02"),
            record(date(2023, 6, 15), "B", Method.VISIT),
            record(date(2023, 6, 28), "C", Method.VISIT),
            record(date(2023, 7, 1), "A"),  # after the day: not seen
        ],
    )
    listed = overdue_clients(d, EXAMPLE, DAY)
    assert [(o.client, o.due, o.days_overdue) for o in listed] == [
        ("D", date(2023, 4, 2), 89),
        ("A", date(2023, 6, 19), 11),
        ("B", date(2023, 6, 30), 0),
    ]
    a = listed[1]
    assert (a.measure, a.last_contact, a.last_worker, a.grade, a.zone) == (
        Measure.CONTACT,
        date(2023, 5, 20),
        "SG02",
        3,
        "二片区",
    )
    assert (listed[0].last_contact, listed[0].last_worker) == (None, None)


def test_a_visit_due_before_the_next_contact_is_what_is_listed() -> None:
    # 一级: a call on 29 June keeps the weekly contact, but the last visit was on 20 May:
    # the monthly visit was due on 19 June.
    d = data(
        [client("C1", 1)],
        [record(date(2023, 5, 20), method=Method.VISIT), record(date(2023, 6, 29))],
    )
    (item,) = overdue_clients(d, EXAMPLE, DAY)
    assert (item.measure, item.last_contact, item.due, item.days_overdue) == (
        Measure.VISIT,
        date(2023, 5, 20),
        date(2023, 6, 19),
        11,
    )


def test_the_grade_on_the_day_applies() -> None:
    # 三级 until 25 June, then 一级 (weekly): last contact 20 June -> due 27 June.
    d = data(
        [client("C1", 3)],
        [record(date(2023, 6, 20), method=Method.VISIT)],
        [GradeChange("C1", date(2023, 6, 25), 1)],
    )
    (item,) = overdue_clients(d, EXAMPLE, DAY)
    assert (item.grade, item.due, item.days_overdue) == (1, date(2023, 6, 27), 3)


def test_a_message_does_not_reset_the_clock() -> None:
    d = data(
        [client("C1", 3)],
        [record(date(2023, 5, 20)), record(date(2023, 6, 25), method=Method.MESSAGE)],
    )
    (item,) = overdue_clients(d, EXAMPLE, DAY)
    assert item.last_contact == date(2023, 5, 20)
