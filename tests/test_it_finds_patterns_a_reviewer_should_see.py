"""The patterns a reviewer should see (docs/contacts.md): messages recorded as 电访, contacts
too short, a worker with too many contacts in a day, clients never contacted."""

from __future__ import annotations

from datetime import date

from contact_rows import client, data, judge, record

from pinggu._contacts.model import Method, Pattern

START, END = date(2023, 3, 1), date(2023, 3, 31)  # no holiday of the example schedule in March


def patterns(clients: list[object], records: list[object]) -> list[Pattern]:
    return list(judge(data(clients, records), START, END).patterns)  # type: ignore[arg-type]


def test_a_message_recorded_as_a_phone_call() -> None:
    found = patterns(
        [client("C1")],
        [
            record(date(2023, 3, 2), note="已发微信提醒复诊", minutes=10),
            record(date(2023, 3, 3), greeting=True, minutes=1),  # a greeting "call" of 1 minute
            record(date(2023, 3, 4), method=Method.MESSAGE, note="微信"),  # honest: not a pattern
            record(date(2023, 3, 5), minutes=15, note="电话了解近况"),
        ],
    )
    assert [(p.kind, p.on) for p in found] == [
        ("message_as_phone", date(2023, 3, 2)),
        ("message_as_phone", date(2023, 3, 3)),
    ]
    assert "备注含「微信」" in found[0].detail and "时长仅 1 分钟" in found[1].detail
    assert (found[0].client, found[0].worker, found[0].zone) == ("C1", "SG01", "一片区")


def test_a_contact_shorter_than_the_threshold() -> None:
    found = patterns(
        [client("C1")],
        [record(date(2023, 3, 2), minutes=2), record(date(2023, 3, 3), minutes=3)],
    )
    assert [(p.kind, p.on) for p in found] == [("short_contact", date(2023, 3, 2))]
    assert "时长 2 分钟，少于 3 分钟" in found[0].detail


def test_a_worker_with_more_contacts_in_a_day_than_plausible() -> None:
    clients = [client(f"C{i}") for i in range(40)]
    busy = [record(date(2023, 3, 6), f"C{i}", worker="SG07") for i in range(31)]
    enough = [record(date(2023, 3, 7), f"C{i}", worker="SG07") for i in range(30)]
    messages = [record(date(2023, 3, 8), f"C{i}", Method.MESSAGE, worker="SG07") for i in range(40)]
    found = [
        p for p in patterns(clients, [*busy, *enough, *messages]) if p.kind == "busy_worker_day"
    ]
    assert [(p.worker, p.on) for p in found] == [("SG07", date(2023, 3, 6))]
    assert found[0].detail == "社工 SG07 在 2023-03-06 有 31 次计入的联系，多于 30 次"


def test_a_client_with_no_contact_in_the_whole_period() -> None:
    found = patterns(
        [
            client("C1"),
            client("C2"),  # only a message
            client("C3", filed=date(2023, 3, 20)),  # not on the roster the whole period
        ],
        [record(date(2023, 3, 2), "C1"), record(date(2023, 3, 2), "C2", Method.MESSAGE)],
    )
    assert [(p.kind, p.client) for p in found] == [("no_contact", "C2")]
