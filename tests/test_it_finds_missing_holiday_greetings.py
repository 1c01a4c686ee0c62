"""Every client on the roster at a listed holiday needs a 节日慰问 record in the holiday's window
(docs/contacts.md); the holiday dates come from chinesecalendar (2004–2026), never guessed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from contact_rows import EXAMPLE, client, data, judge, record

from pinggu._contacts.model import Holiday, Method
from pinggu._errors import CalendarError

# Only 春节, 14 days before its first day off to 7 days after: 2023's first day off is 21 January.
SPRING = replace(EXAMPLE, holidays=(Holiday("春节", 14, 7),))


def greetings(*records: object, clients: list[object] | None = None) -> list[tuple[str, str]]:
    d = data(clients or [client("C1"), client("C2")], list(records))  # type: ignore[arg-type]
    result = judge(d, date(2023, 1, 1), date(2023, 3, 31), SPRING)
    return [(p.client or "", p.detail) for p in result.patterns if p.kind == "missing_greeting"]


def test_a_greeting_by_wechat_inside_the_window_counts() -> None:
    found = greetings(
        record(date(2023, 1, 7), "C1", Method.MESSAGE, greeting=True),  # the window's first day
        record(date(2023, 1, 29), "C2", greeting=True),  # a day after the window
    )
    assert found == [
        (
            "C2",
            "春节（2023-01-21）：服务对象 C2（一片区甲社区）在 2023-01-07 至 2023-01-28 没有节日慰问记录",
        )
    ]


def test_a_contact_that_is_not_a_greeting_does_not_count() -> None:
    assert [c for c, _ in greetings(record(date(2023, 1, 20), "C1"))] == ["C1", "C2"]


def test_a_client_not_on_the_roster_at_the_holiday_needs_no_greeting() -> None:
    later = client("C1", filed=date(2023, 1, 22))
    closed = client("C2", closed=date(2023, 1, 20))
    assert greetings(clients=[later, closed]) == []


def test_a_period_outside_the_holiday_data_is_refused_in_chinese() -> None:
    d = data([client("C1")])
    with pytest.raises(CalendarError) as raised:
        judge(d, date(2030, 1, 1), date(2030, 12, 31), SPRING)
    assert "2030 年" in str(raised.value) and "节日慰问" in str(raised.value)


def test_a_schedule_without_holidays_needs_no_holiday_data() -> None:
    d = data([client("C1")])
    result = judge(d, date(2030, 1, 1), date(2030, 3, 31), replace(EXAMPLE, holidays=()))
    assert len(result.clients) == 3
