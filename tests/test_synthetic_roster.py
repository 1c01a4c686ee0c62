"""Synthetic client rosters: deterministic, valid through the importer, and obviously fake."""

from __future__ import annotations

from pathlib import Path

import pytest

from pinggu import read_roster
from pinggu._synthetic import synthetic_evaluation, synthetic_roster
from pinggu._workbook.writer import write_roster


def test_the_same_seed_gives_the_same_roster_and_another_seed_another() -> None:
    assert synthetic_roster(7, 4, 300) == synthetic_roster(7, 4, 300)
    assert synthetic_roster(7, 4, 300) != synthetic_roster(8, 4, 300)


@pytest.mark.parametrize(("zones", "size"), [(3, 250), (5, 1500), (1, 1)])
def test_size_and_zones_as_asked(zones: int, size: int) -> None:
    counts = synthetic_roster(1, zones, size).counts()
    assert counts.clients == size and len(counts.by_zone) == zones
    assert all(n >= 1 for _, n in counts.by_zone)


def test_it_passes_its_own_import(tmp_path: Path) -> None:
    roster = synthetic_roster(2, 4, 900)
    path = tmp_path / "名册.xlsx"
    write_roster(path, roster)
    assert read_roster(path) == roster  # no person twice, every value valid and canonical


def test_phones_are_obviously_fake_and_households_real() -> None:
    roster = synthetic_roster(3, 3, 500)
    assert all(c.phone.startswith("1390000") and len(c.phone) == 11 for c in roster.clients)
    counts = roster.counts()
    assert counts.households < counts.clients  # some households of two or three
    assert all(1 <= len(c.categories) <= 3 for c in roster.clients)
    assert {level for level, n in counts.by_level if n} == {1, 2, 3, 4}


def test_it_can_follow_an_evaluations_zones() -> None:
    evaluation = synthetic_evaluation(4)
    roster = synthetic_roster(4, evaluation.zones, 300)
    communities = {(z.name, c) for z in evaluation.zones for c in z.communities}
    assert {(c.zone, c.community) for c in roster.clients} <= communities
    assert {c.zone for c in roster.clients} == {z.name for z in evaluation.zones}


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        synthetic_roster(1, 0, 10)
    with pytest.raises(ValueError):
        synthetic_roster(1, 3, 0)
