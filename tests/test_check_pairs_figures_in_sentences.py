"""How `pinggu check` pairs a sentence's percentages with the quantities before them."""

from __future__ import annotations

from pathlib import Path

from pinggu._check import check_report


def check_text(tmp_path: Path, text: str) -> tuple[int, list[str], list[str]]:
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    result = check_report(path)
    return (
        result.checked,
        [p.printed for p in result.problems],
        [u.figure for u in result.unchecked],
    )


def test_a_period_in_months_is_not_a_completed_quantity(tmp_path: Path) -> None:
    text = "服务3个月，完成电访1500个、家访802个，分别完成协议指标量的100.00%、80.20%。\n"
    assert check_text(tmp_path, text) == (2, [], [])


def test_percentages_after_a_semicolon_pair_with_the_quantities_before_it(tmp_path: Path) -> None:
    text = "社工站共完成家访1278人次，电访5970人次；完成协议指标量的85.20%、398.01%；\n"
    assert check_text(tmp_path, text) == (2, ["398.01%"], [])


def test_a_list_it_cannot_pair_one_to_one_is_unchecked(tmp_path: Path) -> None:
    text = "完成大型社区活动 12 次，服务 3217 人次，分别完成协议指标量的 120% 和 459.57；\n"
    assert check_text(tmp_path, text) == (0, [], ["120%"])


def test_hours_need_not_have_a_whole_agreed_quantity(tmp_path: Path) -> None:
    text = "培训时数1571.5小时，完成协议指标量的130.96%。\n"
    assert check_text(tmp_path, text) == (0, [], ["130.96%"])
