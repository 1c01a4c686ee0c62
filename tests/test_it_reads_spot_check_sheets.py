"""The evaluation workbook's spot-check sheets (docs/onsite.md): the file lists and 档案抽查 are
read into the evaluation's on-site evidence, every wrong mark located, and the blank template
carries them with their help text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from workbook_rows import Sheets, valid_sheets

from pinggu import (
    CheckMark,
    FileType,
    Verdict,
    WorkbookError,
    evaluate,
    load_scheme,
    load_workbook,
)
from pinggu._workbook.importer import parse_workbook
from pinggu._workbook.writer import write_workbook

SCHEME = load_scheme("guangzhou-2023")
PILOT = load_scheme("district-pilot")


def with_spot_sheets(seed: str = "2024") -> Sheets:
    sheets = valid_sheets()
    sheets["基本信息"].append(["档案抽取种子", seed])
    sheets["个案"] = [
        ["编号", "片区", "社工", "开案日期", "结案日期"],
        *([f"GA{i:02d}", "第一片区", "张三", date(2024, 1, 10), ""] for i in range(1, 13)),
        *([f"GB{i:02d}", "第二片区", "李四", date(2024, 2, 1), ""] for i in range(1, 6)),
    ]
    sheets["档案抽查"] = [
        ["类型", "编号", "检查项", "结果", "说明"],
        ["个案", "ga01", "知情同意书签名", "不符合", "同意书未签名"],
        ["个案", "GA01", "结案评估", "不适用", "尚未结案"],
        ["个案", "GB01", "知情同意书 签名", "符合", ""],
    ]
    return sheets


def problems_of(sheets: Sheets) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    return [str(p) for p in caught.value.problems]


def test_lists_marks_and_seed_become_the_evaluations_onsite_evidence() -> None:
    evaluation = parse_workbook(with_spot_sheets(), SCHEME)
    onsite = evaluation.onsite
    assert onsite is not None and onsite.draw_seed == "2024"
    assert len(onsite.files) == 17 and onsite.files[0].opened == date(2024, 1, 10)
    # 编号 and items as the lists and the checklist spell them
    assert onsite.checks == (
        CheckMark(FileType.CASE, "GA01", "知情同意书签名", Verdict.UNMET, "同意书未签名"),
        CheckMark(FileType.CASE, "GA01", "结案评估", Verdict.NOT_APPLICABLE, "尚未结案"),
        CheckMark(FileType.CASE, "GB01", "知情同意书签名", Verdict.MET, ""),
    )
    result = evaluate(evaluation, SCHEME)
    assert result.spot_checks is not None
    assert result.spot_checks.sentences == ("抽查个案档案 2 份，其中 1 份知情同意书缺少签名",)
    # 17 cases on the list, 12 + 5 = 17 接案数 in 指标: no warning
    assert "file_count_differs" not in {w.code for w in result.warnings}


def test_a_workbook_without_the_sheets_has_no_onsite_evidence() -> None:
    assert parse_workbook(valid_sheets(), SCHEME).onsite is None


@pytest.mark.parametrize(
    ("row", "phrase"),
    [
        (["个案", "GA99", "结案评估", "符合", ""], "「编号」列：个案档案「GA99」不在档案清单中"),
        (["小组", "GA01", "结案评估", "符合", ""], "「编号」列：小组档案「GA01」不在档案清单中"),
        (["个案", "GA01", "签到表", "符合", ""], "「检查项」列：「签到表」不是个案档案的检查项"),
        (["个案", "GA01 ", "结案评估", "符合", ""], "「结案评估」已有一条结果，不能重复"),
        (["个案", "GA01", "结案评估", "合格", ""], "「结果」列"),
    ],
)
def test_a_wrong_mark_is_located_and_nothing_is_computed(row: list[object], phrase: str) -> None:
    sheets = with_spot_sheets()
    sheets["档案抽查"].append(row)
    (problem,) = problems_of(sheets)
    assert "工作表「档案抽查」 第 5 行" in problem and phrase in problem


def test_a_list_naming_an_unknown_zone_is_located() -> None:
    sheets = with_spot_sheets()
    sheets["个案"].append(["GC01", "第九片区", "王五", date(2024, 3, 1), ""])
    (problem,) = problems_of(sheets)
    assert "工作表「个案」 第 19 行" in problem and "片区「第九片区」不是评估的片区" in problem


def test_a_second_marks_sheet_is_refused_not_read_beside_the_first() -> None:
    sheets = with_spot_sheets()
    sheets["档案 抽查"] = [sheets["档案抽查"][0], ["个案", "GB02", "结案评估", "不符合", ""]]
    (problem,) = problems_of(sheets)
    assert problem.startswith("工作表「档案 抽查」：与工作表「档案抽查」都对应「档案抽查」表")


def test_a_list_under_another_of_its_names_beside_it_is_refused_naming_both() -> None:
    sheets = with_spot_sheets()
    sheets["个案档案"] = [sheets["个案"][0], ["GD01", "第一片区", "张三", date(2024, 1, 10), ""]]
    (problem,) = problems_of(sheets)
    assert problem.startswith("工作表「个案档案」：与工作表「个案」都对应「个案」表")
    assert "「个案」、「个案档案」" in problem


def test_marks_need_a_scheme_with_checklists() -> None:
    sheets = with_spot_sheets()
    with pytest.raises(WorkbookError, match="没有档案抽查方案"):
        parse_workbook(sheets, PILOT)


def test_the_blank_template_has_the_lists_and_the_checklist_sheet(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_workbook(path, scheme=SCHEME)
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["个案"][1]] == [
        "编号", "片区", "社工", "开案日期", "结案日期", "服务对象编号"
    ]  # fmt: skip
    assert [c.value for c in book["档案抽查"][1]] == ["类型", "编号", "检查项", "结果", "说明"]
    info = [row[0].value for row in book["基本信息"].iter_rows()]
    assert "档案抽取种子" in info
    help_text = "\n".join(str(r[0].value) for r in book["说明"].iter_rows())
    assert "【档案抽查】" in help_text and "知情同意书签名、需求评估" in help_text
    assert "示例" in help_text
    pilot = tmp_path / "试点.xlsx"
    write_workbook(pilot, scheme=PILOT)
    assert "档案抽查" not in openpyxl.load_workbook(pilot).sheetnames  # no checklists to fill


def test_a_filled_workbook_reads_back_as_written(tmp_path: Path) -> None:
    evaluation = parse_workbook(with_spot_sheets(), SCHEME)
    path = tmp_path / "评估.xlsx"
    write_workbook(path, evaluation, SCHEME)
    assert load_workbook(path, SCHEME).onsite == evaluation.onsite
