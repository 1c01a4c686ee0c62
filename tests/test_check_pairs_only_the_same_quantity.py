"""How `pinggu check` decides that two printed figures are the same quantity (rule same_figure):
an indicator's figure in a sentence about the whole station against its 合计 row, not a month's
or a 片区's figure; the same value printed with more decimals is not a difference."""

from __future__ import annotations

from pathlib import Path

from pinggu._check import check_report

TABLE = "".join(
    "".join(f"\t{cell}\n" for cell in row) + "\n"
    for row in (
        ("片区", "电访（人次）", "", ""),
        ("", "协议量", "完成量", "百分比"),
        ("第一片区", "760", "1224", "161.05%"),
        ("第二片区", "1100", "1633", "148.45%"),
        ("合计", "1860", "2857", "153.60%"),
    )
)


def problems(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "报告.txt"
    path.write_text(text + TABLE, encoding="utf-8")
    return [(p.rule, p.printed, p.expected) for p in check_report(path).problems]


def test_a_station_figure_that_differs_from_its_total_row_is_found(tmp_path: Path) -> None:
    text = "社工站共完成电访2587人次。\n"
    assert problems(tmp_path, text) == [("same_figure", "2587", "2857")]


def test_a_months_or_a_zones_figure_is_not_the_total(tmp_path: Path) -> None:
    text = (
        "社工站共完成电访2857人次，其中6月电访300人次。\n"
        "2024年3月电访280人次。\n"
        "第一片区完成电访1224人次，第二片区电访1633人次。\n"
    )
    assert problems(tmp_path, text) == []


def test_a_share_printed_with_fewer_decimals_is_the_same_figure(tmp_path: Path) -> None:
    assert problems(tmp_path, "稳岗率为85.00%。\n附件：稳岗率85%。\n") == []
    assert problems(tmp_path, "稳岗率为85.00%。\n附件：稳岗率80%。\n") == [
        ("same_figure", "80%", "85.00%")
    ]


def test_the_maximum_score_is_not_the_total_score(tmp_path: Path) -> None:
    text = "评估总分为100分。\n本次评估的总分为87.81分，等级为：良好。\n等级为“良好”（87.81分）。\n"
    assert problems(tmp_path, text) == []
    text = "本次评估的总分为87.81分，等级为：良好。\n等级为“良好”（88.81分）。\n"
    assert problems(tmp_path, text) == [("same_figure", "88.81", "87.81")]


def test_a_requirement_or_another_groups_count_is_not_the_figure(tmp_path: Path) -> None:
    text = (
        "稳岗率为85.00%，方案要求稳岗率不低于80%。\n"
        "社工总人数应到200人次，实到197人次；持证社工应到140人次，实到147人次；"
        "非持证社工应到60人次，实到50人次。\n"
        "合计：应到200人次，实到197人次；持证应到140人次，持证实到147人次。\n"
    )
    assert problems(tmp_path, text) == []
    changed = text.replace("持证应到140人次，持证实到147人次", "持证应到140人次，持证实到146人次")
    assert problems(tmp_path, changed) == [("same_figure", "146", "147")]
