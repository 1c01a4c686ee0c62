"""Only the 方式 the schedule counts are contacts (docs/contacts.md): a WeChat or SMS message is
recorded but never a contact in the example schedule, and a 入户探访 is both a visit and a
contact."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from contact_rows import EXAMPLE, client, data, judge, record, rows_of

from pinggu._contacts.model import Method


def test_a_message_is_recorded_but_not_counted() -> None:
    d = data(
        [client("C1", 3)],
        [record(date(2023, 3, 2), method=Method.MESSAGE, note="微信问候")],
    )
    march = rows_of(judge(d, date(2023, 3, 1), date(2023, 3, 31)))["2023-03"]
    assert (march.contacts, march.met, march.unmet) == (0, False, ("3月联系0次，应至少1次",))


def test_a_visit_is_also_a_contact() -> None:
    d = data(
        [client("C1", 2)], [record(date(2023, 3, 2), method=Method.VISIT), record(date(2023, 3, 9))]
    )
    march = rows_of(judge(d, date(2023, 3, 1), date(2023, 3, 31)))["2023-03"]
    assert (march.contacts, march.visits, march.met) == (2, 1, True)


def test_a_district_may_count_messages() -> None:
    counting = replace(EXAMPLE, counted=(*EXAMPLE.counted, Method.MESSAGE))
    d = data([client("C1", 3)], [record(date(2023, 3, 2), method=Method.MESSAGE)])
    march = rows_of(judge(d, date(2023, 3, 1), date(2023, 3, 31), counting))["2023-03"]
    assert (march.contacts, march.met) == (1, True)
