"""The file draw (docs/onsite.md「抽取方法」): per type and 片区, hash-ranked, with a reserve;
the same lists and seed give the same files whatever the row order and the other columns."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pinggu import (
    FileEntry,
    FileSampling,
    FileType,
    InvalidData,
    SamplingRule,
    file_draw_from_dict,
    file_draw_to_dict,
    file_rank,
    load_scheme,
    parse_file_lists,
    sample_files,
    verify_file_draw,
)

SAMPLING = load_scheme("guangzhou-2023").file_sampling
assert SAMPLING is not None


def case(number: str, zone: str = "第一片区", worker: str = "张社工") -> FileEntry:
    return FileEntry(FileType.CASE, number, zone, worker, opened=date(2024, 3, 1))


def test_the_worked_example_of_the_doc_holds() -> None:
    # docs/onsite.md「算例」: seed 2024, 7 cases, share 0.2 → ceil(1.4) = 2, reserve 2
    files = [case(f"GA00{i}") for i in range(1, 8)]
    draw = sample_files(files, SAMPLING, seed="2024")
    assert [(p.type, p.zone, p.files, p.drawn) for p in draw.plan] == [
        (FileType.CASE, "第一片区", 7, 2)
    ]
    assert [f.id for f in draw.drawn] == ["GA001", "GA006"]
    assert [f.id for f in draw.reserve] == ["GA002", "GA007"]


def test_a_rank_is_the_sha256_of_the_json_seed_type_and_number() -> None:
    expected = hashlib.sha256('["2024","个案","GA001"]'.encode()).hexdigest()
    assert file_rank("2024", FileType.CASE, "GA001") == expected
    assert expected.startswith("08017e375952")  # the doc's figure


@pytest.mark.parametrize(
    ("files", "drawn"),
    [(1, 1), (2, 2), (3, 2), (10, 2), (11, 3), (25, 5), (40, 5)],
)
def test_each_zone_draws_its_share_within_the_minimum_and_maximum(files: int, drawn: int) -> None:
    # 个案: share 0.2, at least 2, at most 5; fewer than the minimum: all of them
    listed = [case(f"C{i}") for i in range(files)]
    draw = sample_files(listed, SAMPLING, seed="s")
    assert draw.plan[0].drawn == drawn == sum(1 for _ in draw.drawn)
    assert len(draw.reserve) == min(SAMPLING.reserve, files - drawn)


def test_types_and_zones_are_drawn_apart() -> None:
    files = [
        *(case(f"A{i}", "第一片区") for i in range(6)),
        *(case(f"B{i}", "第二片区") for i in range(3)),
        *(
            FileEntry(
                FileType.GROUP, f"G{i}", "第一片区", "李社工", title="小组", on=date(2024, 4, 1)
            )
            for i in range(4)
        ),
    ]
    draw = sample_files(files, SAMPLING, seed="x", zones=["第二片区", "第一片区"])
    assert [(p.type.value, p.zone, p.files, p.drawn) for p in draw.plan] == [
        ("个案", "第二片区", 3, 2),
        ("个案", "第一片区", 6, 2),
        ("小组", "第一片区", 4, 1),
    ]
    for f in draw.drawn + draw.reserve:
        assert f.id[0] == {"第一片区": "A", "第二片区": "B"}[f.zone] or f.type is FileType.GROUP


def test_a_type_without_a_rule_is_not_drawn() -> None:
    only_cases = FileSampling(
        rules=(SamplingRule(FileType.CASE, Decimal("0.5"), 1, 9),),
        reserve=0,
        checklists=(),
        example=False,
    )
    files = [
        case("C1"),
        FileEntry(
            FileType.EVENT, "E1", "第一片区", "王", title="义诊", on=date(2024, 5, 1), attendance=30
        ),
    ]
    draw = sample_files(files, only_cases, seed="x")
    assert {f.type for f in draw.drawn} == {FileType.CASE}


def test_an_empty_seed_is_refused() -> None:
    with pytest.raises(InvalidData, match="种子"):
        sample_files([case("C1")], SAMPLING, seed="  ")


_numbers = st.lists(
    st.from_regex(r"[A-Z]{1,2}[0-9]{1,3}", fullmatch=True), min_size=1, max_size=30, unique=True
)


@settings(max_examples=60, deadline=None)
@given(
    numbers=_numbers,
    zones=st.lists(st.sampled_from(["第一片区", "第二片区", "全站"]), min_size=30, max_size=30),
    seed=st.text(min_size=1, max_size=8).filter(str.strip),
    order=st.randoms(use_true_random=False),
    workers=st.lists(st.text(max_size=4), min_size=30, max_size=30),
)
def test_the_draw_does_not_depend_on_row_order_or_other_columns(
    numbers: list[str], zones: list[str], seed: str, order: object, workers: list[str]
) -> None:
    files = [case(n, zones[i]) for i, n in enumerate(numbers)]
    shuffled = [
        replace(f, worker=workers[i], opened=date(2023, 1, 1 + i % 28)) for i, f in enumerate(files)
    ]
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    first = sample_files(files, SAMPLING, seed=seed)
    again = sample_files(shuffled, SAMPLING, seed=seed)
    assert again == first
    assert verify_file_draw(shuffled, first, SAMPLING).ok


def test_the_record_has_the_issues_shape_and_reads_back() -> None:
    files = [case(f"GA00{i}") for i in range(1, 8)]
    draw = sample_files(files, SAMPLING, seed="2024")
    record = json.loads(json.dumps(file_draw_to_dict(draw), ensure_ascii=False))
    assert set(record) == {"seed", "plan", "drawn", "reserve"}
    assert record["plan"] == [{"type": "个案", "zone": "第一片区", "files": 7, "drawn": 2}]
    assert record["drawn"][0] == {"type": "个案", "zone": "第一片区", "id": "GA001"}
    assert file_draw_from_dict(record) == draw


def test_a_broken_record_is_refused_in_chinese() -> None:
    with pytest.raises(InvalidData, match="抽取记录"):
        file_draw_from_dict({"seed": "1", "plan": [{"type": "档案", "zone": "甲"}]})
    bad = {
        "seed": "1",
        "plan": [{"type": "个案", "zone": "甲", "files": 3, "drawn": 2}],
        "drawn": [],
        "reserve": [],
    }
    with pytest.raises(InvalidData, match="份数与名单不符"):
        file_draw_from_dict(bad)


def test_the_re_check_finds_a_changed_list_or_a_changed_draw() -> None:
    files = [case(f"GA00{i}") for i in range(1, 8)]
    draw = sample_files(files, SAMPLING, seed="2024")
    assert verify_file_draw(files, draw).ok
    added = verify_file_draw([*files, case("GA008")], draw)
    assert not added and "清单有 8 份，抽取时为 7 份" in added.message
    swapped = replace(draw, drawn=(draw.reserve[0], *draw.drawn[1:]))
    assert not verify_file_draw(files, swapped).ok
    reseeded = replace(draw, seed="2025")
    assert "重新抽取，名单与记录不一致" in verify_file_draw(files, reseeded).message
    fewer = replace(
        draw,
        plan=(replace(draw.plan[0], drawn=1),),
        drawn=draw.drawn[:1],
        reserve=(draw.drawn[1], draw.reserve[0]),
    )
    assert verify_file_draw(files, fewer).ok  # consistent by itself…
    assert not verify_file_draw(files, fewer, SAMPLING).ok  # …but not with the scheme


@settings(max_examples=30, deadline=None)
@given(
    order=st.randoms(use_true_random=False),
    workers=st.lists(st.text("张李王陈社工", min_size=1, max_size=5), min_size=12, max_size=12),
)
def test_a_list_read_in_any_row_order_draws_the_same_files(
    order: object, workers: list[str]
) -> None:
    header = ["编号", "片区", "社工", "开案日期"]
    rows = [
        [f"GA{i:03}", "第一片区" if i % 3 else "第二片区", "张社工", date(2024, 3, 1 + i)]
        for i in range(12)
    ]
    first = sample_files(parse_file_lists({"个案": [header, *rows]}), SAMPLING, seed="s")
    shuffled = [[n, z, workers[i], d] for i, (n, z, _, d) in enumerate(rows)]
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    again = sample_files(parse_file_lists({"个案": [header, *shuffled]}), SAMPLING, seed="s")
    assert again == first
