"""A roster as stations keep it (issue 12 §3): a client without a usable phone is left out of
the draw with a notice instead of the whole draw refused; a phone Excel turned into scientific
notation is named as such; 「1级」 and 「一级」 are level 1; a 片区 the evaluation workbook does
not list is a notice before any draw."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from roster_rows import HEADER, client_row

from pinggu._errors import WorkbookError
from pinggu._roster import ROSTER_SHEET, parse_roster, read_roster
from pinggu._sample import draw_sample


def test_a_client_without_a_phone_is_left_out_of_the_draw_with_a_notice() -> None:
    rows = [HEADER, client_row("C1", phone=""), client_row("C2"), client_row("C3")]
    roster = parse_roster(rows)
    assert [c.number for c in roster.clients] == ["C2", "C3"]
    assert roster.notices == (
        f"工作表「{ROSTER_SHEET}」第 2 行（编号「C1」）没有填写电话；此人不参加抽样",
    )
    assert draw_sample(roster, n=5, seed="s").chosen  # the draw goes on without C1


def test_a_phone_in_scientific_notation_is_named_as_such() -> None:
    roster = parse_roster([HEADER, client_row("C1", phone="1.39E+10"), client_row("C2")])
    (notice,) = roster.notices
    assert "电话「1.39E+10」是科学计数法" in notice and "后几位已经丢失" in notice
    assert [c.number for c in roster.clients] == ["C2"]


def test_a_roster_where_nobody_has_a_phone_is_refused() -> None:
    with pytest.raises(WorkbookError) as caught:
        parse_roster([HEADER, client_row("C1", phone="无"), client_row("C2", phone="")])
    (problem,) = caught.value.problems
    assert "没有一位服务对象有可用的电话，无法抽样" in problem.message


@pytest.mark.parametrize(("typed", "level"), [("1级", 1), ("一级", 1), ("四级", 4), ("第3级", 3)])
def test_levels_written_with_their_word(typed: str, level: int) -> None:
    assert parse_roster([HEADER, client_row("C1", level=typed)]).clients[0].level == level


def test_a_zone_the_workbook_does_not_list_is_a_notice_before_any_draw(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    zones = book.active
    zones.title = "片区"
    for row in (["片区", "社区"], ["东片区", "甲社区"], ["西片区", "乙社区"]):
        zones.append(row)
    roster = book.create_sheet(ROSTER_SHEET)
    for row in (HEADER, client_row("C1"), client_row("C2", "第1片区"), client_row("C3", "西片区")):
        roster.append(row)
    book.save(tmp_path / "评估.xlsx")
    assert read_roster(tmp_path / "评估.xlsx").notices == (
        f"工作表「{ROSTER_SHEET}」：片区「第1片区」（1 人）不是评估工作簿中的片区"
        "（「东片区」、「西片区」）；抽样按片区分配名额，请先核对片区名称",
    )


def test_the_evaluations_zones_can_be_given() -> None:
    roster = parse_roster([HEADER, client_row("C1", "东 片区")], zones=["东片区"])
    assert roster.notices == ()
    assert parse_roster([HEADER, client_row("C1")], zones=["北片区"]).notices


def test_the_sample_command_prints_the_notices_before_the_draw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pinggu._sample_command import run

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ROSTER_SHEET
    for row in (HEADER, client_row("C1", phone=""), client_row("C2")):
        sheet.append(row)
    book.save(tmp_path / "名册.xlsx")
    assert run(tmp_path / "名册.xlsx", n=1, seed="s") == 0
    out = capsys.readouterr().out
    assert out.index("提示：") < out.index("C2")
    assert "第 2 行（编号「C1」）没有填写电话；此人不参加抽样" in out
