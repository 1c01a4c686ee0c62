"""Whatever the records, a station's follow-up figures are the sums of its 片区's and of its
client rows (counts, never averaged percentages), and the order of the records changes nothing."""

from __future__ import annotations

import random
from datetime import date, timedelta

from contact_rows import client, data, judge, record
from hypothesis import given, settings
from hypothesis import strategies as st

from pinggu._contacts.model import ContactData, ContactRecord, GradeChange, Method
from pinggu._model import TOTAL

START, END = date(2023, 1, 1), date(2023, 6, 30)
DAYS = (END - START).days
ZONES = ("一片区", "二片区", "三片区")


@st.composite
def contact_data(draw: st.DrawFn) -> ContactData:
    n = draw(st.integers(1, 8))
    clients = []
    for i in range(n):
        filed = draw(st.none() | st.integers(0, DAYS).map(lambda d: START + timedelta(d)))
        closed = draw(st.none() | st.integers(0, DAYS).map(lambda d: START + timedelta(d)))
        if filed and closed and closed < filed:
            filed, closed = closed, filed
        clients.append(
            client(
                f"C{i}",
                draw(st.integers(1, 4)),
                zone=draw(st.sampled_from(ZONES)),
                household=f"H{draw(st.integers(0, 4))}",
                filed=filed,
                closed=closed,
            )
        )
    records = draw(
        st.lists(
            st.builds(
                record,
                st.integers(0, DAYS).map(lambda d: START + timedelta(d)),
                st.sampled_from([c.number for c in clients]),
                st.sampled_from(list(Method)),
                worker=st.sampled_from(["SG01", "SG02"]),
            ),
            max_size=60,
        )
    )
    changes = draw(
        st.lists(
            st.builds(
                GradeChange,
                st.sampled_from([c.number for c in clients]),
                st.integers(0, DAYS).map(lambda d: START + timedelta(d)),
                st.integers(1, 4),
            ),
            max_size=4,
            unique_by=lambda g: (g.client, g.on),
        )
    )
    return data(clients, records, changes)


@settings(max_examples=30, deadline=None)
@given(contact_data(), st.randoms(use_true_random=False))
def test_station_totals_are_the_sums_of_their_parts(d: ContactData, rnd: random.Random) -> None:
    result = judge(d, START, END)
    *zones, total = result.zones
    assert total.zone == TOTAL
    for name in ("judged", "met", "clients"):
        assert getattr(total, name) == sum(getattr(z, name) for z in zones), name
    for name in ("phone_calls", "visits"):
        assert total_value(total, name) == sum(total_value(z, name) for z in zones), name
    assert total.judged == len(result.clients) == sum(r.clients for r in result.compliance)
    assert total.met == sum(r.met for r in result.clients) == sum(r.met for r in result.compliance)
    assert all(r.met == (not r.unmet) for r in result.clients)
    records: list[ContactRecord] = list(d.records)
    rnd.shuffle(records)
    shuffled = judge(ContactData(d.clients, d.changes, tuple(records)), START, END)
    assert shuffled == result


def total_value(zone: object, name: str) -> int:
    return int(getattr(zone, name).value)
