"""A file list against the 指标 it stands for (warning file_count_differs, docs/onsite.md): the
files dated in the period against the 完成量, both figures named, per 片区 where they differ."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pinggu import FileEntry, FileType, OnSite, evaluate, load_scheme, synthetic_evaluation

SCHEME = load_scheme("guangzhou-2023")
BASE = synthetic_evaluation(seed=3)  # 专业个案 接案数 16, 38, 26 in 第一、二、三片区


def cases(counts: dict[str, int], on: date = date(2023, 9, 1)) -> list[FileEntry]:
    return [
        FileEntry(FileType.CASE, f"{zone[1]}{i}", zone, "张社工", opened=on)
        for zone, n in counts.items()
        for i in range(n)
    ]


def warnings(files: list[FileEntry]) -> list[str]:
    result = evaluate(replace(BASE, onsite=OnSite(files=tuple(files))), SCHEME)
    return [w.message for w in result.warnings if w.code == "file_count_differs"]


def test_lists_that_match_the_completions_raise_nothing() -> None:
    assert warnings(cases({"第一片区": 16, "第二片区": 38, "第三片区": 26})) == []


def test_a_short_list_is_named_with_both_figures_and_the_zone() -> None:
    (message,) = warnings(cases({"第一片区": 16, "第二片区": 37, "第三片区": 26}))
    assert "个案档案清单中开案日期在考核期内的有 79 份" in message
    assert "专业个案（接案数）的完成量合计为 80" in message
    assert "第二片区清单 37 份、指标 38" in message
    assert "第一片区" not in message


def test_files_outside_the_period_do_not_count() -> None:
    files = cases({"第一片区": 16, "第二片区": 38, "第三片区": 26})
    early = cases({"第一片区": 2}, on=date(2023, 6, 30))  # the day before the period
    early = [replace(f, id=f"早{i}") for i, f in enumerate(early)]
    assert warnings([*files, *early]) == []


def test_events_stand_for_both_kinds_of_activity() -> None:
    # 社区活动（大型）2 + 中小型活动 4 in 第一片区, …: 36 in all
    events = [
        FileEntry(FileType.EVENT, f"HD{i}", "第一片区", "赵", title="活动", on=date(2024, 1, 5))
        for i in range(36)
    ]
    (message,) = warnings(events)
    assert "社区活动档案清单中日期在考核期内的有 36 份" in message
    assert "社区活动（大型）、中小型活动（次数）的完成量合计为 36" in message  # differs per 片区
