"""`pinggu check` on the four public sample reports: every error written into docs/seed-errors.md
is found, at its line, and nothing else is reported as a problem (no crying wolf).

The seeds are real published reports and are not copied into this repository: they are read from
$PINGGU_SEEDS, or ../shared/seeds beside the checkout, where the project keeps them. Without
them these tests are skipped, saying where they looked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pinggu._check import check_report
from pinggu.cli import main

ROOT = Path(__file__).parent.parent
SEEDS = Path(os.environ.get("PINGGU_SEEDS", ROOT.parent / "shared" / "seeds"))
DOC = ROOT / "docs" / "seed-errors.md"

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"样本报告不在 {SEEDS}（设置 PINGGU_SEEDS 指向它们）"
)


def documented_errors() -> dict[str, list[tuple[int, str, str]]]:
    """Per seed file: (line, printed, rule) of each row of its 错误 table in docs/seed-errors.md,
    sorted (two errors may share a line, a figure and a rule: 004 line 117 has two 85%)."""
    errors: dict[str, list[tuple[int, str, str]]] = {}
    current = ""
    for line in DOC.read_text("utf-8").splitlines():
        if heading := re.match(r"## .*（`(.+\.txt)`）", line):
            current = heading.group(1)
            errors[current] = []
        elif row := re.match(r"\| (\d+) \| ([^|]+) \|.*\| `(\w+)` \|$", line):
            errors[current].append((int(row.group(1)), row.group(2).strip(), row.group(3)))
    return {name: sorted(rows) for name, rows in errors.items()}


def test_the_seed_error_list_is_read_as_written() -> None:
    errors = documented_errors()
    assert set(errors) == {
        "000_18d90b942280a43e.txt",
        "001_f62f1159ed2969c7.txt",
        "002_b92b98a012652a2b.txt",
        "004_3db739d4a5e9fe5e.txt",
    }
    assert (190, "87.39", "score_total") in errors["002_b92b98a012652a2b.txt"]
    assert (117, "138.7%", "sentence_percent_pair") in errors["004_3db739d4a5e9fe5e.txt"]
    assert sum(map(len, errors.values())) == 7


@needs_seeds
@pytest.mark.parametrize("name", sorted(documented_errors()))
def test_it_finds_every_documented_error_and_nothing_else(name: str) -> None:
    result = check_report(SEEDS / name)
    found = sorted(
        (int(re.match(r"第 (\d+) 行", p.location).group(1)), p.printed, p.rule)  # type: ignore[union-attr]
        for p in result.problems
    )
    assert found == documented_errors()[name]


@needs_seeds
def test_each_problem_says_what_to_print_and_why() -> None:
    result = check_report(SEEDS / "002_b92b98a012652a2b.txt")
    total = next(p for p in result.problems if p.rule == "score_total")
    assert total.expected == "86.39"
    assert "9.42 + 11.65 + 9.14 + 15.38 + 20 + 12 + 8.8 = 86.39，差 1.00" in total.message
    assert total.location == "第 190 行（表 1 第 11 行第 2 列）"
    cases = next(p for p in result.problems if p.rule == "sentence_percent_list")
    assert "184 ÷ 56 = 328.57%" in cases.message and "184 ÷ 57 = 322.81%" in cases.message


@needs_seeds
def test_a_share_of_the_contracted_headcount_is_named_as_such() -> None:
    result = check_report(SEEDS / "004_3db739d4a5e9fe5e.txt")
    shares = [p for p in result.problems if p.rule == "staff_share"]
    assert all("17 ÷ 协议人数 20" in p.message for p in shares)
    assert shares[0].expected == "77.27%（按人数）或76.70%（按人次）"


@needs_seeds
def test_a_figure_it_cannot_pair_is_unchecked_not_wrong() -> None:
    """000's 建档 total (377户) lacks one community's figures; its 80% 持证 share matches the
    person-month reading; 90% of 总社工数 prints no count."""
    result = check_report(SEEDS / "000_18d90b942280a43e.txt")
    assert [p.location for p in result.problems] == ["第 105 行"]
    unchecked = {(u.location, u.figure) for u in result.unchecked}
    assert ("第 119 行", "90%") in unchecked
    assert ("第 187 行", "104.79%") in unchecked


@needs_seeds
def test_the_command_exits_1_on_a_problem_and_0_when_all_holds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(SEEDS / "002_b92b98a012652a2b.txt")]) == 1
    out = capsys.readouterr().out
    assert "发现 2 处问题" in out and "印出：87.39　应为：86.39" in out
    assert main(["check", str(SEEDS / "001_f62f1159ed2969c7.txt")]) == 0
