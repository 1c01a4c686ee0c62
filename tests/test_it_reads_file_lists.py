"""The station's file lists (docs/onsite.md「档案清单」): a sheet per type or one 档案清单 sheet,
from a workbook or a .csv; every problem located, and nothing read when anything is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from pinggu import FileType, WorkbookError, parse_file_lists, read_file_lists

CASES = [
    ["编号", "片区", "社工", "开案日期", "结案日期", "服务对象编号"],
    ["GA001", "第一片区", "张社工", date(2024, 3, 1), date(2024, 6, 30), "C0001"],
    ["GA002", "第二片区", "李社工", date(2024, 4, 2), None, ""],
]
GROUPS = [
    ["编号", "片区", "社工", "名称", "节数", "日期"],
    ["XZ01", "第一片区", "王社工", "长者健康小组", 6, date(2024, 5, 8)],
]
EVENTS = [
    ["活动编号说明：按月编号"],  # a title line above the header
    ["编号", "片区", "社工", "名称", "日期", "人次"],
    ["HD01", "全站", "赵社工", "中秋游园会", date(2024, 9, 14), 320],
]
ZONES = [["片区", "社区"], ["第一片区", "甲社区"], ["第二片区", "乙社区"]]


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def problems(exc: pytest.ExceptionInfo[WorkbookError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_it_reads_a_sheet_per_type_in_row_order(tmp_path: Path) -> None:
    path = book(tmp_path / "清单.xlsx", {"个案档案": CASES, "小组": GROUPS, "活动": EVENTS})
    files = read_file_lists(path)
    assert [(f.type, f.id, f.zone) for f in files] == [
        (FileType.CASE, "GA001", "第一片区"),
        (FileType.CASE, "GA002", "第二片区"),
        (FileType.GROUP, "XZ01", "第一片区"),
        (FileType.EVENT, "HD01", "全站"),
    ]
    assert files[0].closed == date(2024, 6, 30) and files[1].closed is None
    assert files[0].client == "C0001"
    assert (files[2].title, files[2].sessions, files[2].on) == ("长者健康小组", 6, date(2024, 5, 8))
    assert files[3].attendance == 320


def test_it_reads_one_sheet_with_a_type_column(tmp_path: Path) -> None:
    rows = [
        ["类型", "编号", "片区", "社工", "开案日期", "名称", "节数", "日期", "人次"],
        ["个案", "GA001", "第一片区", "张", date(2024, 3, 1), "", "", "", ""],
        ["活动", "HD01", "第二片区", "赵", "", "义诊", "", date(2024, 5, 1), 40],
    ]
    files = read_file_lists(book(tmp_path / "a.xlsx", {"档案清单": rows}))
    assert [(f.type, f.id) for f in files] == [(FileType.CASE, "GA001"), (FileType.EVENT, "HD01")]


def test_it_reads_a_csv_in_gb18030(tmp_path: Path) -> None:
    text = "类型,编号,片区,社工,名称,节数,日期\n小组,XZ01,第一片区,王,长者小组,6,2024-05-08\n"
    path = tmp_path / "清单.csv"
    path.write_bytes(text.encode("gb18030"))
    (group,) = read_file_lists(path)
    assert (group.type, group.sessions, group.on) == (FileType.GROUP, 6, date(2024, 5, 8))


def test_a_number_typed_two_ways_is_one_file_listed_twice(tmp_path: Path) -> None:
    rows = [*CASES, ["ｇａ００１", "第一片区", "陈", date(2024, 3, 9), None, ""]]
    with pytest.raises(WorkbookError) as exc:
        read_file_lists(book(tmp_path / "a.xlsx", {"个案": rows}))
    (problem,) = exc.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("个案", 4, "编号")
    assert "与工作表「个案」第 2 行重复" in problem.message


def test_every_problem_is_located_and_nothing_is_read(tmp_path: Path) -> None:
    cases = [
        CASES[0],
        ["GA001", "第三片区", "张", date(2024, 3, 1), None, ""],  # unknown 片区
        ["GA002", "第一片区", "李", "三月初", None, ""],  # not a date
        ["GA003", "第一片区", "王", date(2024, 6, 1), date(2024, 5, 1), ""],  # closed first
    ]
    events = [EVENTS[1], ["HD01", "第二片区", "赵", "义诊", date(2024, 5, 1), -3]]  # 人次 < 0
    path = book(tmp_path / "a.xlsx", {"片区": ZONES, "个案": cases, "社区活动": events})
    with pytest.raises(WorkbookError) as exc:
        read_file_lists(path)
    found = problems(exc)
    assert len(found) == 4, found
    assert any("第 2 行" in p and "片区「第三片区」不是评估的片区" in p for p in found)
    assert any("第 3 行" in p and "「开案日期」" in p for p in found)
    assert any("第 4 行" in p and "结案日期 2024-05-01 早于开案日期 2024-06-01" in p for p in found)
    assert any(
        "「社区活动」 第 2 行" in p and "「人次」" in p and "不小于 0 的整数" in p for p in found
    )


def test_the_combined_sheet_requires_each_types_own_columns(tmp_path: Path) -> None:
    rows = [
        ["类型", "编号", "片区", "社工", "开案日期", "名称", "节数", "日期", "人次"],
        ["小组", "XZ01", "第一片区", "王", "", "长者小组", "", date(2024, 5, 8), ""],
    ]
    with pytest.raises(WorkbookError) as exc:
        parse_file_lists({"档案清单": rows})
    (problem,) = exc.value.problems
    assert (problem.row, problem.column) == (2, "节数")
    assert "小组档案须填写「节数」" in problem.message


def test_a_file_without_any_list_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="找不到档案清单"):
        read_file_lists(book(tmp_path / "别的.xlsx", {"名单": [["姓名"], ["张三"]]}))


def test_a_list_file_with_two_sheets_for_one_is_refused_naming_both(tmp_path: Path) -> None:
    sheets = {"个案": CASES, "个案清单": CASES[:2], "片区": ZONES, "片区 ": ZONES[:2]}
    with pytest.raises(WorkbookError) as exc:
        read_file_lists(book(tmp_path / "清单.xlsx", sheets))
    assert problems(exc) == [  # both at once
        "工作表「片区 」：与工作表「片区」都对应「片区」表（名称中的空格、全角半角不计），"
        "只能保留一个：请把两张表合为一张，或删去其中一张",
        "工作表「个案清单」：与工作表「个案」都对应「个案」表"
        "（「个案」、「个案档案」、「个案清单」、「个案档案清单」都是这张表的名称），"
        "只能保留一个：请把两张表合为一张，或删去其中一张",
    ]


def test_zones_given_by_the_caller_win_and_keep_their_spelling() -> None:
    rows = [CASES[0], ["GA001", "第一 片区", "张", date(2024, 3, 1), None, ""]]
    (f,) = parse_file_lists({"个案": rows}, zones=["第一片区"])
    assert f.zone == "第一片区"


def test_a_file_listed_in_two_sheets_is_listed_twice() -> None:
    combined = [
        ["类型", "编号", "片区", "社工", "开案日期"],
        ["个案", "GA001", "第一片区", "张", date(2024, 3, 1)],
    ]
    with pytest.raises(WorkbookError) as exc:
        parse_file_lists({"个案": CASES[:2], "档案清单": combined})
    (problem,) = exc.value.problems
    assert (problem.sheet, problem.row) == ("档案清单", 2)
    assert "与工作表「个案」第 2 行重复" in problem.message
