"""The naive baseline of bench/contacts_baseline.py (plain Python, written from docs/contacts.md
without pinggu's code) and pinggu's follow-up engine give the same client-period rows on the
benchmark's small city (`bench/contacts_city.py --quick`), and the same overdue list for a
station: two independent implementations of the rules cross-check each other. The city is
checked to hold the edge cases the comparison is for, so that it cannot pass by missing them."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pinggu import follow_up, follow_up_tables, load_scheme, overdue_clients
from pinggu._contacts.model import ContactSchedule

BENCH = Path(__file__).parent.parent / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up; the city imports the baseline
    spec.loader.exec_module(module)
    return module


naive = _load("contacts_baseline")
bench = _load("contacts_city")
SIZE = bench.QUICK
START, END = SIZE.start, SIZE.end


@pytest.fixture(scope="module")
def city() -> Any:
    return bench.generate(SIZE, 14)


@pytest.fixture(scope="module")
def schedule() -> ContactSchedule:
    loaded = load_scheme("guangzhou-2023").contacts
    assert loaded is not None
    return loaded


def _rows(table: Any) -> list[tuple[Any, ...]]:
    columns = [table[name].to_pylist() for name in bench.ROW_COLUMNS]
    return sorted(zip(*columns, strict=True))


def test_the_small_city_holds_every_edge_case_it_is_compared_on(city: Any) -> None:
    clients, changes = city.clients.to_pydict(), city.changes.to_pydict()
    filed = [d for d in clients["filed"] if d is not None and START < d <= END]
    closed = [d for d in clients["closed"] if d is not None]
    # a grade change in the middle of a month, and one on its first day
    assert any(d.day != 1 for d in changes["on"]) and any(d.day == 1 for d in changes["on"])
    assert any(d.day != 1 for d in filed) and any(d.day == 1 for d in filed)  # filed mid-period
    assert any(d.day != 1 for d in closed) and any(d.day == 1 for d in closed)  # closed
    assert any(d is None for d in clients["filed"]) and any(
        d is not None and d < START for d in clients["filed"]
    )
    # partial quarters at both ends, and weeks across a month's end inside the period
    assert START.month % 3 != 1 or START.day != 1
    assert (END + timedelta(days=1)).month % 3 != 1 or (END + timedelta(days=1)).day != 1
    assert 1 in clients["grade"] and "微信或短信" in set(city.records["method"].to_pylist())


def test_pinggu_and_the_naive_baseline_give_the_same_rows_for_a_city(
    city: Any, schedule: ContactSchedule
) -> None:
    theirs = _rows(follow_up_tables(city.clients, city.changes, city.records, schedule, START, END))
    tables = [t.to_pydict() for t in (city.clients, city.changes, city.records)]
    ours = sorted(naive.follow_up_rows(*tables, schedule, START, END))
    assert len(theirs) == len(ours)
    assert theirs == ours
    periods = {row[2] for row in ours}
    # quarters only when wholly inside the period; the months it only touches have a row only
    # for their weeks wholly inside (grade 1's weekly contact), not for a month's requirement
    assert {"2023-Q2", "2023-Q3", "2023-Q4"} <= periods
    assert not {"2023-Q1", "2024-Q1"} & periods
    assert {row[3] for row in ours if row[2] in ("2023-02", "2024-02")} == {1}
    assert {True, False} == {row[6] for row in ours}


def _stations(city: Any) -> Iterator[str]:
    return iter(sorted(bench.station_bounds(city.clients))[:2])


def test_one_stations_pages_agree_with_the_naive_baseline(
    city: Any, schedule: ContactSchedule
) -> None:
    on = END - timedelta(days=16)
    for station in _stations(city):
        one = bench.station_slice(city, station)
        data = bench.contact_data(one)
        result = follow_up(data, schedule, START, END)
        tables = [t.to_pydict() for t in (one.clients, one.changes, one.records)]
        ours = sorted(row[1:] for row in naive.follow_up_rows(*tables, schedule, START, END))
        assert bench._pinggu_rows(result) == ours
        overdue = naive.overdue_rows(*tables, schedule, on)
        assert overdue, "a station with nobody overdue would not test the list"
        assert bench._overdue(overdue_clients(data, schedule, on)) == overdue


def test_the_baseline_judges_a_hand_worked_client(schedule: ContactSchedule) -> None:
    """A grade-1 client filed on Wednesday 2023-03-08: all four weeks whose Monday is in March
    are judged (the client is on the roster for the week of the 6th, filed inside it; the week
    of the 27th ends on 2 April, inside the period) and March needs one visit; in April the
    client is grade 3 (changed on 2023-04-01) and needs one contact."""
    clients = {
        "station": ["S"],
        "number": ["C1"],
        "household": ["H1"],
        "zone": ["一片区"],
        "community": ["东风社区"],
        "grade": [1],
        "filed": [date(2023, 3, 8)],
        "closed": [None],
    }
    changes = {"station": ["S"], "client": ["C1"], "on": [date(2023, 4, 1)], "grade": [3]}
    days = [date(2023, 3, d) for d in (9, 14, 21, 28)] + [date(2023, 4, 3)]
    methods = ["电访", "入户探访", "电访", "微信或短信", "电访"]
    records = {"station": ["S"] * 5, "client": ["C1"] * 5, "on": days, "method": methods}
    rows = naive.follow_up_rows(
        clients, changes, records, schedule, date(2023, 3, 1), date(2023, 4, 30)
    )
    # the week of the 27th has only a WeChat message (not counted), so March is not met
    assert rows == [("S", "C1", "2023-03", 1, 3, 1, False), ("S", "C1", "2023-04", 3, 1, 0, True)]
