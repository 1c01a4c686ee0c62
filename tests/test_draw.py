"""The survey's draw: proportional, reproducible from the seed and the client numbers alone."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from roster_rows import HEADER, zone_rows

from pinggu import (
    Draw,
    Roster,
    allocate,
    draw_sample,
    next_reserve,
    parse_roster,
    rank,
    verify_draw,
)
from pinggu._synthetic import synthetic_roster

# --- allocation by largest remainder ---------------------------------------------------------


def test_exact_shares_need_no_remainder() -> None:
    assert allocate({"甲": 50, "乙": 30, "丙": 20}, 10) == {"甲": 5, "乙": 3, "丙": 2}


def test_left_over_places_go_to_the_largest_remainders() -> None:
    # 100 × (45, 33, 22) / 100 is exact; 7 of (45, 33, 22): 3.15, 2.31, 1.54 → 3, 2, 1 + 1 to 丙
    assert allocate({"甲": 45, "乙": 33, "丙": 22}, 7) == {"甲": 3, "乙": 2, "丙": 2}


def test_equal_remainders_go_to_the_larger_zone() -> None:
    # 5 of (2, 7, 1) in 10: 1.0, 3.5, 0.5 → 1, 3, 0; 乙 and 丙 both have remainder 0.5
    assert allocate({"甲": 2, "乙": 7, "丙": 1}, 5) == {"甲": 1, "乙": 4, "丙": 0}


def test_equal_remainders_and_sizes_go_by_zone_name() -> None:
    # 10 of (7, 7, 6) in 20: 3.5, 3.5, 3.0 → one place left, 东 (U+4E1C) before 西 (U+897F)
    assert allocate({"西": 7, "东": 7, "南": 6}, 10) == {"西": 3, "东": 4, "南": 3}


def test_n_at_or_above_the_roster_takes_everyone() -> None:
    assert allocate({"甲": 3, "乙": 4}, 7) == {"甲": 3, "乙": 4}
    assert allocate({"甲": 3, "乙": 4}, 100) == {"甲": 3, "乙": 4}


def test_n_must_be_positive() -> None:
    with pytest.raises(ValueError, match="至少为 1"):
        allocate({"甲": 3}, 0)


@given(
    sizes=st.dictionaries(
        st.text("东西南北中甲乙", min_size=1, max_size=3),
        st.integers(0, 400),
        min_size=1,
        max_size=6,
    ),
    n=st.integers(1, 600),
)
def test_allocation_sums_to_the_sample_and_stays_within_one_of_the_exact_share(
    sizes: dict[str, int], n: int
) -> None:
    total = sum(sizes.values())
    quotas = allocate(sizes, n)
    assert sum(quotas.values()) == min(n, total)
    for zone, size in sizes.items():
        assert 0 <= quotas[zone] <= size
        if total:
            assert abs(quotas[zone] * total - n * size) < total or n >= total


# --- the rank ----------------------------------------------------------------------------------


def test_rank_is_pinned() -> None:
    """Golden: changing the rank's encoding or hash changes every past draw; this catches it.
    The same value by hand: printf '["2024","C001"]' | sha256sum"""
    expected = "26aba8de95555b0b41a2601717b535d2b9bca1fe9a0e2bdafed3129f6a9762c3"
    assert rank("2024", "C001") == expected
    assert hashlib.sha256(b'["2024","C001"]').hexdigest() == expected
    assert rank("种子", "编号1") == hashlib.sha256('["种子","编号1"]'.encode()).hexdigest()


def test_rank_keeps_seed_and_number_apart() -> None:
    assert rank("1", "23") != rank("12", "3")
    assert rank('a","b', "c") != rank("a", 'b","c')


def test_the_draw_is_pinned() -> None:
    """Golden: a zone's order for seed 2024, worked out with sha256sum, not with pinggu:
    for n in C0001 … C0006: printf '["2024","%s"]' $n | sha256sum — then sorted."""
    draw = draw_sample(parse_roster(zone_rows({"东片区": 6})), n=2, seed="2024")
    assert draw.zones[0].chosen == ("C0005", "C0004")  # 19b740e0…, 7ec10d67…
    assert draw.zones[0].reserve == ("C0002", "C0006", "C0001", "C0003")


def test_the_worked_example_of_docs_survey_md() -> None:
    roster = parse_roster(zone_rows({"东片区": 6, "西片区": 4}))  # C0001–C0006, C0007–C0010
    draw = draw_sample(roster, n=4, seed="2024")
    assert [(z.zone, z.chosen, z.reserve) for z in draw.zones] == [
        ("东片区", ("C0005", "C0004"), ("C0002", "C0006", "C0001", "C0003")),
        ("西片区", ("C0009", "C0008"), ("C0010", "C0007")),
    ]
    assert next_reserve(draw, "东片区", used=()) == "C0002"


# --- the draw ----------------------------------------------------------------------------------


def test_n_is_respected_and_spread_in_proportion() -> None:
    roster = parse_roster(zone_rows({"甲片区": 50, "乙片区": 30, "丙片区": 20}))
    draw = draw_sample(roster, n=10, seed="s")
    assert {z.zone: (z.size, z.quota, len(z.chosen), len(z.reserve)) for z in draw.zones} == {
        "甲片区": (50, 5, 5, 45),
        "乙片区": (30, 3, 3, 27),
        "丙片区": (20, 2, 2, 18),
    }
    assert len(draw.chosen) == len(set(draw.chosen)) == 10
    zone_of = {c.number: c.zone for c in roster.clients}
    for zone in draw.zones:
        assert {zone_of[n] for n in zone.chosen + zone.reserve} == {zone.zone}


def test_the_default_is_100() -> None:
    roster = synthetic_roster(5, 4, 700)
    draw = draw_sample(roster, seed="2024")
    assert draw.n == 100 and len(draw.chosen) == 100


def test_fewer_clients_than_n_means_everyone() -> None:
    roster = parse_roster(zone_rows({"东片区": 40, "西片区": 19}))
    draw = draw_sample(roster, n=100, seed="s")
    assert sorted(draw.chosen) == sorted(c.number for c in roster.clients)
    assert all(zone.reserve == () for zone in draw.zones)


def test_zones_are_in_code_point_order() -> None:
    roster = parse_roster(zone_rows({"西片区": 2, "东片区": 2, "北片区": 2}))
    assert [z.zone for z in draw_sample(roster, n=3, seed="s").zones] == [
        "东片区",
        "北片区",
        "西片区",
    ]


def test_different_seeds_give_different_orders() -> None:
    roster = parse_roster(zone_rows({"东片区": 60}))
    orders = {draw_sample(roster, n=10, seed=seed).chosen for seed in ("2024", "2025", "甲")}
    assert len(orders) == 3


def test_an_empty_seed_is_refused() -> None:
    with pytest.raises(ValueError, match="种子"):
        draw_sample(parse_roster(zone_rows({"东片区": 2})), seed=" ")


ROWS = zone_rows({"东片区": 13, "西片区": 9, "南片区": 6})


@settings(max_examples=40, deadline=None)
@given(
    order=st.permutations(list(range(1, len(ROWS)))),
    seed=st.text(min_size=1, max_size=8).filter(str.strip),
)
def test_any_row_order_gives_the_same_draw(order: list[int], seed: str) -> None:
    shuffled = parse_roster([ROWS[0], *(ROWS[i] for i in order)])
    assert draw_sample(shuffled, n=10, seed=seed) == draw_sample(
        parse_roster(ROWS), n=10, seed=seed
    )


# --- replacements ------------------------------------------------------------------------------


def test_a_replacement_keeps_the_zone_and_follows_the_reserve_order() -> None:
    roster = parse_roster(zone_rows({"东片区": 6, "西片区": 4}))
    draw = draw_sample(roster, n=5, seed="s")
    east = draw.zone("东片区")
    assert (east.quota, len(east.reserve)) == (3, 3)
    first = next_reserve(draw, "东片区", used=())
    assert first == east.reserve[0]
    assert next_reserve(draw, "东片区", used={first}) == east.reserve[1]
    assert next_reserve(draw, "东片区", used=set(east.reserve)) is None  # reserve exhausted
    zone_of = {c.number: c.zone for c in roster.clients}
    assert zone_of[first] == "东片区"
    with pytest.raises(ValueError, match="没有片区"):
        next_reserve(draw, "北片区", used=())


def test_a_zone_with_no_places_still_has_its_reserve() -> None:
    roster = parse_roster(zone_rows({"东片区": 18, "西片区": 1}))
    draw = draw_sample(roster, n=5, seed="s")
    west = draw.zone("西片区")
    assert (west.quota, west.chosen, len(west.reserve)) == (0, (), 1)
    assert next_reserve(draw, "西片区", used=()) == west.reserve[0]


# --- the record --------------------------------------------------------------------------------


def _stored(draw: Draw) -> Draw:
    return Draw.from_dict(json.loads(json.dumps(draw.to_dict(), ensure_ascii=False)))


def test_a_draw_survives_json() -> None:
    draw = draw_sample(synthetic_roster(3), n=30, seed="种子")
    data = draw.to_dict()
    assert (
        data["method"] == "pinggu-draw-1" and data["roster_fingerprint"] == draw.roster_fingerprint
    )
    assert _stored(draw) == draw


def test_a_stored_draw_verifies_on_the_same_roster_in_another_order() -> None:
    roster = parse_roster(ROWS)
    stored = _stored(draw_sample(roster, n=10, seed="2024"))
    again = parse_roster([ROWS[0], *reversed(ROWS[1:])])
    check = verify_draw(again, stored)
    assert check.ok and "相同" in check.message


def test_a_changed_roster_is_named_before_anything_is_drawn() -> None:
    stored = draw_sample(parse_roster(ROWS), n=10, seed="2024")
    changed = [list(row) for row in ROWS]
    changed[5][HEADER.index("电话")] = "13900008888"
    check = verify_draw(parse_roster(changed), stored)
    assert not check.ok and check.message.startswith("名册已改变")


def test_a_tampered_list_is_caught() -> None:
    roster = parse_roster(ROWS)
    draw = draw_sample(roster, n=10, seed="2024")
    east = draw.zone("东片区")
    swapped = replace(
        east,
        chosen=(east.reserve[0], *east.chosen[1:]),
        reserve=(east.chosen[0], *east.reserve[1:]),
    )
    tampered = replace(draw, zones=tuple(swapped if z.zone == "东片区" else z for z in draw.zones))
    check = verify_draw(roster, tampered)
    assert not check.ok and "「东片区」" in check.message


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(method="other"),
        lambda d: d.pop("seed"),
        lambda d: d.update(n="100"),
        lambda d: d["zones"][0].update(quota=99),
        lambda d: d.update(zones="x"),
    ],
)
def test_a_damaged_record_is_refused(damage: object) -> None:
    data = draw_sample(parse_roster(ROWS), n=10, seed="2024").to_dict()
    damage(data)  # type: ignore[operator]
    with pytest.raises(ValueError):
        Draw.from_dict(data)


def test_a_roster_in_code_draws_like_one_read() -> None:
    roster = parse_roster(ROWS)
    assert draw_sample(Roster(roster.clients), n=4, seed="x") == draw_sample(roster, n=4, seed="x")
