"""`pinggu sample-files` (docs/onsite.md): the plan and the lists in Chinese, the lists written
ready to fill, the record as the issue's JSON, and located errors with nothing drawn."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from pinggu import file_draw_from_dict, load_scheme, read_file_lists, sample_files
from pinggu.cli import main

SAMPLING = load_scheme("guangzhou-2023").file_sampling
assert SAMPLING is not None


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("lists") / "档案清单.xlsx"
    book = openpyxl.Workbook()
    cases = book.active
    cases.title = "个案"
    cases.append(["编号", "片区", "社工", "开案日期", "结案日期"])
    for i in range(1, 8):
        cases.append([f"GA00{i}", "第一片区", "张社工", date(2024, 3, i), None])
    for i in range(1, 4):
        cases.append([f"GB00{i}", "第二片区", "李社工", date(2024, 4, i), date(2024, 6, 1)])
    groups = book.create_sheet("小组")
    groups.append(["编号", "片区", "社工", "名称", "节数", "日期"])
    groups.append(["XZ01", "第一片区", "王社工", "长者健康小组", 6, date(2024, 5, 8)])
    book.save(path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["sample-files", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_plan_the_list_and_the_example_notice(
    lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, str(lists), "--seed", "2024")
    assert code == 0
    assert "档案清单：档案清单.xlsx（个案 10 份，小组 1 份）" in out
    assert "抽取种子：2024    抽查：5 份    备用：3 份" in out
    assert "抽查比例和检查项是示例" in out
    assert "7 × 20% = 1.4，向上取整为 2" in out
    assert "3 × 20% = 0.6，不少于 2 份" in out
    assert "不超过至少份数 1，全部抽查" in out  # one group, minimum 1
    listed = [line.split()[4] for line in out.splitlines() if line[:4].strip().isdigit()]
    # the doc's worked example (GA001, GA006 in 第一片区), then 第二片区 and the group
    assert listed[:2] == ["GA001", "GA006"]
    assert listed[4] == "XZ01"


def test_json_is_the_issues_shape_and_the_draw_itself(
    lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, str(lists), "--seed", "2024", "--json")
    assert code == 0
    record = json.loads(out)
    assert set(record) == {"seed", "plan", "drawn", "reserve"}
    assert record["plan"][0] == {"type": "个案", "zone": "第一片区", "files": 7, "drawn": 2}
    files = read_file_lists(lists)
    assert file_draw_from_dict(record).drawn == sample_files(files, SAMPLING, seed="2024").drawn


def test_it_writes_lists_to_print_and_to_fill(
    lists: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, str(lists), "--seed", "2024", "-o", str(tmp_path / "抽查"))
    assert code == 0 and "已写出" in out
    book = openpyxl.load_workbook(tmp_path / "抽查" / "档案抽查名单.xlsx")
    assert book.sheetnames == ["个案抽查", "小组抽查", "备用名单", "档案抽查", "抽取说明"]
    cases = book["个案抽查"]
    header = [c.value for c in cases[1]]
    assert header[:6] == ["片区", "顺序", "编号", "社工", "开案日期", "结案日期"]
    assert header[6:9] == ["知情同意书签名", "需求评估", "服务计划"] and header[-1] == "说明"
    assert [r[2].value for r in cases.iter_rows(min_row=2)] == ["GA001", "GA006", "GB002", "GB001"]
    fill = list(book["档案抽查"].iter_rows(min_row=2, values_only=True))
    case_items = len(SAMPLING.checklists[0].items)
    group_items = len(SAMPLING.checklists[1].items)
    assert len(fill) == 4 * case_items + 1 * group_items
    assert fill[0][:4] == ("个案", "GA001", "知情同意书签名", None)
    record = json.loads((tmp_path / "抽查" / "档案抽取记录.json").read_text(encoding="utf-8"))
    assert record["seed"] == "2024"


def test_a_list_with_problems_is_refused_located_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "坏清单.csv"
    path.write_text(
        "类型,编号,片区,社工,开案日期\n个案,GA1,第一片区,张,2024-13-01\n个案,ga 1,第一片区,李,2024-03-01\n",
        encoding="utf-8",
    )
    code, out, err = _run(capsys, str(path), "--seed", "1", "-o", str(tmp_path / "out"))
    assert code == 2 and out == ""
    assert "档案清单有 2 处问题，未抽取" in err
    assert "第 2 行" in err and "「开案日期」" in err
    assert "第 3 行" in err and "编号「ga1」" in err.replace("ga 1", "ga1")
    assert not (tmp_path / "out").exists()


def test_a_scheme_without_a_plan_is_refused(
    lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, str(lists), "--seed", "1", "--scheme", "district-pilot")
    assert code == 2 and "没有档案抽查方案" in err
