"""docs/contacts.md works one client through the rules by hand; the engine must agree."""

from __future__ import annotations

from datetime import date

from contact_rows import EXAMPLE, client, data, judge, record, rows_of

from pinggu._contacts.model import GradeChange, Measure, Method
from pinggu._contacts.overdue import overdue_clients

DOC = data(
    [client("C1", 3)],
    [
        record(date(2023, 3, 20)),
        record(date(2023, 4, 3), method=Method.VISIT),
        *(record(date(2023, 4, d)) for d in (10, 17, 24)),
        record(date(2023, 5, 2), method=Method.MESSAGE),
    ],
    [GradeChange("C1", date(2023, 3, 15), 1)],
)


def test_the_rows_of_the_worked_example() -> None:
    result = judge(DOC, date(2023, 1, 1), date(2023, 6, 30))
    rows = rows_of(result)
    assert [(p, r.grade, r.met) for p, r in rows.items()] == [
        ("2023-01", 3, False),
        ("2023-02", 3, False),
        ("2023-03", 3, True),
        ("2023-04", 1, True),
        ("2023-05", 1, False),
        ("2023-06", 1, False),
    ]
    assert len(rows["2023-05"].unmet) == 6
    assert len(rows["2023-06"].unmet) == 4  # the week of 26 June ends after the period
    total = result.zones[-1]
    assert (total.judged, total.met) == (6, 2)
    assert total.met_share is not None and str(total.met_share.value) == "33.33"


def test_the_overdue_line_of_the_worked_example() -> None:
    (item,) = overdue_clients(DOC, EXAMPLE, date(2023, 5, 10))
    assert (item.measure, item.due, item.days_overdue) == (Measure.CONTACT, date(2023, 5, 1), 9)
