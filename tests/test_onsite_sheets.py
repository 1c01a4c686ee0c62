"""The optional on-site sheets (自评, 整改跟进, 实地评估安排, 访谈记录) are read like every sheet:
each problem located in Chinese, all or nothing; a filled workbook reads back what was written;
the blank template carries them with their help (docs/onsite-rectification.md)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from workbook_rows import Sheets, add_row, valid_sheets

from pinggu import (
    AgendaItem,
    Interview,
    Interviewee,
    OnSite,
    OnSiteActivity,
    RectificationStatus,
    SelfScore,
    WorkbookError,
    load_scheme,
)
from pinggu._errors import Problem
from pinggu._workbook.importer import load_workbook, parse_workbook
from pinggu._workbook.writer import write_workbook

SCHEME = load_scheme("guangzhou-2023")
CONCERN = "个案档案中知情同意书缺少签名。"

SELF = ["评估内容", "片区", "自评得分"]
RECT = [
    "序号",
    "部分",
    "片区",
    "意见",
    "提出于",
    "整改期限",
    "整改措施",
    "整改情况",
    "说明",
    "本轮意见",
]
AGENDA = ["环节", "开始", "结束", "说明", "出席专家"]
TALKS = ["对象类型", "对象", "人数", "时间", "内容", "相关意见"]


def sheets_with_onsite() -> Sheets:
    sheets = valid_sheets()
    add_row(sheets, "意见", 部分="服务质量", 片区="第一片区", 类型="需要关注", 内容=CONCERN)
    sheets["自评"] = [SELF, ["服务监测", "", 9.5], ["服务质量", "第一片区", 18.0]]
    sheets["整改跟进"] = [
        RECT,
        [2, "项目管理", "", "督导记录缺少督导目标。", "2024年度中期评估", date(2024, 1, 5),
         "每次督导前写明目标", "已整改", "抽查 5 份督导记录均有目标", ""],
        [1, "服务质量", "第一片区", "知情同意书未签名。", "2023年度末期评估", "2024-01-05",
         "", "部分整改", "", " 个案档案中知情同意书缺少签名。"],
    ]  # fmt: skip
    sheets["实地评估安排"] = [
        AGENDA,
        ["听取汇报", time(9, 0), "9:30", "社工站会议室", "李专家、王专家"],
        ["访谈", "10时", 0.4375, "", "王专家，赵专家"],
    ]
    sheets["访谈记录"] = [TALKS, ["服务对象", "长者服务对象", 3, "10:20", "谈到了……", CONCERN]]
    return sheets


def test_the_sheets_read_into_the_evaluations_onsite_records() -> None:
    onsite = parse_workbook(sheets_with_onsite(), SCHEME).onsite
    assert onsite is not None
    assert onsite.self_scores == (
        SelfScore("服务监测", None, Decimal("9.5")),
        SelfScore("服务质量", "第一片区", Decimal(18)),
    )
    first, second = onsite.rectification  # in 序号 order
    assert (first.number, first.raised_kind, first.status) == (
        1,
        "final",
        RectificationStatus.PARTIAL,
    )
    assert first.repeated_as == CONCERN and first.due == date(2024, 1, 5)
    assert (second.number, second.raised_kind, second.response) == (
        2,
        "midterm",
        "每次督导前写明目标",
    )
    assert onsite.agenda == (
        AgendaItem(OnSiteActivity.BRIEFING, time(9), time(9, 30), "社工站会议室"),
        AgendaItem(OnSiteActivity.INTERVIEW, time(10), time(10, 30)),
    )
    assert onsite.experts_present == ("李专家", "王专家", "赵专家")
    assert onsite.interviews == (
        Interview(Interviewee.CLIENT, "长者服务对象", 3, time(10, 20), "谈到了……", CONCERN),
    )


def test_a_workbook_without_the_sheets_or_with_headers_only_has_no_onsite_records() -> None:
    assert parse_workbook(valid_sheets(), SCHEME).onsite is None
    sheets = valid_sheets()
    sheets.update(
        {"自评": [SELF], "整改跟进": [RECT], "实地评估安排": [AGENDA], "访谈记录": [TALKS]}
    )
    assert parse_workbook(sheets, SCHEME).onsite is None


def _problems(sheets: Sheets) -> list[Problem]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    return caught.value.problems


@pytest.mark.parametrize(
    ("sheet", "row", "cells", "column", "phrase"),
    [
        ("自评", 2, ["服务宣传", "", 5], "评估内容", "未知的评估内容「服务宣传」"),
        ("自评", 2, ["购买方", "", 5], "评估内容", "自评的评估内容应为"),
        ("自评", 2, ["服务监测", "", 10.5], "自评得分", "满分 10 分），实为 10.5"),
        ("自评", 2, ["服务监测", "第一片区", 9], "片区", "不分片区"),
        ("自评", 3, ["服务质量", "第九片区", 18], "片区", "未知的片区「第九片区」"),
        ("整改跟进", 2, [2, "宣传", "", "x", "2024年度中期评估"], "部分", "未知的部分「宣传」"),
        ("整改跟进", 2, [2, "项目管理", "", "x", "2024年度"], "提出于", "中期评估还是末期评估"),
        ("整改跟进", 3, [2, "项目管理", "", "x", "2024年中期"], "序号", "序号 2 与第 2 行重复"),
        ("整改跟进", 2, [2, "项目管理", "", "x", "中期", "", "", "整改中"], "整改情况", "已整改"),
        ("整改跟进", 2, [2, "项目管理", "", "x", "中期", "", "", "", "", "没有的意见"], "本轮意见", "需要关注的意见的原文"),
        ("整改跟进", 3, [1, "服务质量", "第一片区", "x", "中期", "", "", "已整改", "", CONCERN], "本轮意见", "只能为部分整改或未整改"),
        ("实地评估安排", 2, ["听取汇报", "25:00"], "开始", "时间「25:00」不存在"),
        ("实地评估安排", 2, ["听取汇报", "10:00", "9:30"], "结束", "结束时间 09:30 早于开始时间 10:00"),
        ("实地评估安排", 2, ["午餐", "12:00"], "环节", "听取汇报"),
        ("实地评估安排", 2, ["", "9:00"], "环节", "填写了时间或说明的行必须填写环节"),
        ("访谈记录", 2, ["服务对象", "长者", 0], "人数", "至少 1 人"),
        ("访谈记录", 2, ["邻居", "长者", 1], "对象类型", "服务对象"),
        ("访谈记录", 2, ["社工", "站长", 1, "", "", "没说过的意见"], "相关意见", "一条意见的原文"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_located_and_nothing_is_read(
    sheet: str, row: int, cells: list[object], column: str, phrase: str
) -> None:
    sheets = sheets_with_onsite()
    header = sheets[sheet][0]
    sheets[sheet][row - 1] = [*cells, *[""] * (len(header) - len(cells))]
    problems = _problems(sheets)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.sheet, problem.row, problem.column) == (sheet, row, column), str(problem)
    assert phrase in problem.message, str(problem)


def test_two_sheets_for_one_name_are_refused() -> None:
    sheets = sheets_with_onsite()
    sheets["自 评"] = [SELF]
    (problem,) = _problems(sheets)
    assert problem.sheet == "自 评"
    assert (
        "与工作表「自评」都对应「自评」表" in problem.message and "只能保留一个" in problem.message
    )


def test_a_filled_workbook_reads_back_what_was_written(tmp_path: Path) -> None:
    evaluation = parse_workbook(sheets_with_onsite(), SCHEME)
    path = tmp_path / "filled.xlsx"
    write_workbook(path, evaluation, SCHEME)
    again = load_workbook(path, SCHEME)
    assert again.onsite == evaluation.onsite


def test_experts_without_an_agenda_are_kept(tmp_path: Path) -> None:
    evaluation = parse_workbook(valid_sheets(), SCHEME)
    from dataclasses import replace

    evaluation = replace(evaluation, onsite=OnSite(experts_present=("李专家",)))
    path = tmp_path / "experts.xlsx"
    write_workbook(path, evaluation, SCHEME)
    assert load_workbook(path, SCHEME).onsite == OnSite(experts_present=("李专家",))


def test_the_blank_template_explains_each_sheet_and_lists_the_schemes_choices(
    tmp_path: Path,
) -> None:
    import openpyxl

    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    book = openpyxl.load_workbook(path)
    help_text = "\n".join(str(r[0]) for r in book["说明"].iter_rows(values_only=True) if r[0])
    for name in ("自评", "整改跟进", "实地评估安排", "访谈记录"):
        assert f"【{name}】" in help_text
        assert book[name].max_row == 1  # header only
    note = book["自评"]["A1"].comment.text
    assert "服务监测、服务成效、运营管理、服务质量" in note
    assert "本轮意见" in help_text and "「与" not in note
