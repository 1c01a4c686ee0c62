"""A period too short to hold a whole week, month or quarter has no check (docs/contacts.md:
a window is judged only when it lies wholly inside the period): no client row, no roll-up,
and the station's figures still counted from its records."""

from __future__ import annotations

from datetime import date

from contact_rows import EXAMPLE, client, data, judge, record

from pinggu import follow_up_tables
from pinggu._contacts.compliance import arrow_tables
from pinggu._contacts.model import Method


def test_three_days_judge_no_client_but_count_the_records() -> None:
    # Tuesday 3 – Thursday 5 January 2023: no whole ISO week, month or quarter.
    d = data(
        [client("C1", 1), client("C2", 4)],
        [record(date(2023, 1, 3)), record(date(2023, 1, 4), "C2", Method.VISIT)],
    )
    result = judge(d, date(2023, 1, 3), date(2023, 1, 5))
    assert (result.clients, result.compliance) == ((), ())
    total = result.zones[-1]
    assert (total.judged, total.met, total.met_share) == (0, 0, None)
    assert (total.phone_calls.value, total.visits.value) == (1, 1)
    table = follow_up_tables(*arrow_tables(d), EXAMPLE, date(2023, 1, 3), date(2023, 1, 5))
    assert table.num_rows == 0 and table.column_names[-2:] == ["met", "unmet"]
