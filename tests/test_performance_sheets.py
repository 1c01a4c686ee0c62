"""The 预算, 绩效目标 and 绩效叙述 sheets: read into `PerformanceData`, or every problem located,
all at once, and nothing imported (docs/performance.md, 「工作表」)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from workbook_rows import Sheets, add_row, valid_sheets

from pinggu import (
    Budget,
    FundingSource,
    PerformanceLevel,
    PerformanceTarget,
    Problem,
    TargetDirection,
    WorkbookError,
    load_scheme,
    parse_workbook,
    performance_budget_problems,
    performance_target_problems,
)

SCHEME = load_scheme()
D = Decimal
TARGET_HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标方向",
    "指标值",
    "计量单位",
    "分值",
    "实际完成值",
    "绑定",
    "评分",
    "评分说明",
    "偏差原因",
]


def with_performance() -> Sheets:
    sheets = valid_sheets()
    sheets["预算"] = [
        ["项目", "名称", "金额（元）"],
        ["年初预算数", "", 2400000],
        ["全年预算数", "", 2430000],
        ["全年执行数", "", 2401500.5],
        ["财政资金", "街道财政资金", 2400000],
        ["其他资金", "未成年人保护工作站项目资金", 30000],
        ["项目年度", "2024年1月1日至2024年12月31日", ""],
    ]
    sheets["绩效目标"] = [
        TARGET_HEADER,
        [
            "产出指标",
            "数量",
            "专业个案接案",
            "≥",
            "18",
            "接案数",
            20,
            "",
            "指标完成量：个案（接案数）",
            "",
            "",
            "",
        ],
        ["产出指标", "质量", "服务对象投诉率", "<=", "≤3%", "%", 30, "2.5%", "", "", "", ""],
        [
            "效益",
            "社会效益",
            "社区治理参与",
            "定性",
            "有效提升",
            "",
            30,
            "明显提升",
            "",
            28,
            "新培育社区社会组织2支",
            "",
        ],
        [
            "满意度指标",
            "服务对象满意度",
            "服务对象满意度",
            "≥",
            "90",
            "%",
            10,
            "93",
            "",
            "",
            "",
            "调查在评估后进行",
        ],
    ]
    sheets["绩效叙述"] = [
        ["部分", "标题", "内容"],
        ["项目基本情况", "", "社工站成立于2012年。"],
        ["绩效情况", "培育社区社会组织", "本项目年培育了一支环保宣传队伍。"],
    ]
    return sheets


def problems_of(sheets: Sheets) -> list[Problem]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    return caught.value.problems


def only_problem(sheets: Sheets) -> Problem:
    problems = problems_of(sheets)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_it_refuses_a_second_budget_sheet_instead_of_ignoring_its_figures() -> None:
    sheets = with_performance()
    sheets["预算 "] = [row.copy() for row in sheets["预算"]]
    sheets["预算 "][3][2] = 2300000  # a 全年执行数 that must not go unread in silence
    problem = only_problem(sheets)
    assert (problem.sheet, problem.row) == ("预算 ", None)
    assert "与工作表「预算」都对应「预算」表" in problem.message
    assert "只能保留一个" in problem.message


def test_it_reads_the_three_sheets() -> None:
    data = parse_workbook(with_performance(), SCHEME).performance
    assert data is not None and data.budget is not None
    assert (data.budget.initial, data.budget.annual, data.budget.spent) == (
        D(2400000),
        D(2430000),
        D("2401500.5"),
    )
    assert data.budget.sources == (
        FundingSource("财政资金", "街道财政资金", D(2400000)),
        FundingSource("其他资金", "未成年人保护工作站项目资金", D(30000)),
    )
    assert data.budget.project_year == "2024年1月1日至2024年12月31日"
    case, complaints, civic, satisfied = data.targets
    assert (
        case.binding == "指标完成量：专业个案（接案数）"
    )  # the alias 个案 as the catalogue names it
    assert (case.target, case.actual) == (D(18), None)
    assert complaints.direction is TargetDirection.AT_MOST
    assert (complaints.target, complaints.actual) == (
        D(3),
        D("2.5"),
    )  # ≤3% and 2.5% read as numbers
    assert civic.level1 is PerformanceLevel.BENEFIT  # 效益 is 效益指标
    assert (civic.target, civic.target_text, civic.actual_text) == (None, "有效提升", "明显提升")
    assert (civic.score, civic.note) == (D(28), "新培育社区社会组织2支")
    assert satisfied.reason == "调查在评估后进行"
    assert [(b.heading, b.title) for b in data.narrative] == [
        ("项目基本情况", ""),
        ("绩效情况", "培育社区社会组织"),
    ]


def test_a_workbook_without_the_sheets_or_with_empty_ones_has_no_performance_data() -> None:
    assert parse_workbook(valid_sheets(), SCHEME).performance is None
    sheets = valid_sheets()
    sheets["预算"] = [["项目", "名称", "金额（元）"]]
    sheets["绩效目标"] = [TARGET_HEADER]
    sheets["绩效叙述"] = [["部分", "标题", "内容"]]
    assert parse_workbook(sheets, SCHEME).performance is None


def test_targets_without_a_budget_yet_are_read() -> None:
    sheets = with_performance()
    sheets["预算"] = [["项目", "名称", "金额（元）"]]
    data = parse_workbook(sheets, SCHEME).performance
    assert data is not None and data.budget is None and len(data.targets) == 4


def test_it_refuses_a_negative_amount() -> None:
    sheets = with_performance()
    sheets["预算"][3][2] = -5
    problem = only_problem(sheets)
    assert (problem.sheet, problem.row, problem.column) == ("预算", 4, "金额（元）")
    assert "不小于 0" in problem.message


def test_it_refuses_sources_that_do_not_add_up_to_the_annual_budget() -> None:
    sheets = with_performance()
    sheets["预算"][5][2] = 20000
    problem = only_problem(sheets)
    assert (problem.sheet, problem.row, problem.column) == ("预算", 5, "金额（元）")
    assert "各资金来源之和为 2420000 元" in problem.message
    assert "全年预算数 2430000 元" in problem.message


def test_it_refuses_a_budget_without_its_three_amounts() -> None:
    sheets = with_performance()
    del sheets["预算"][2]  # 全年预算数
    problem = only_problem(sheets)
    assert problem.sheet == "预算" and "缺少「全年预算数」行" in problem.message


@pytest.mark.parametrize(
    ("column", "value", "phrase"),
    [
        ("一级指标", "投入指标", "未知的一级指标「投入指标」"),
        ("指标方向", "约等于", "未知的指标方向「约等于」"),
        ("指标值", "有效提升", "定性指标请把指标方向选为「定性」"),
        ("实际完成值", "较多", "定量指标的实际完成值应为数字"),
        ("实际完成值", "-3", "实际完成值不能为负数"),
        ("指标值", "≤18", "「≤」与指标方向「≥」不一致"),
        ("绑定", "社工满意度", "未知的绑定「社工满意度」"),
        ("绑定", "指标完成量：个案（人次）", "不是指标「专业个案」的计量"),
        ("绑定", "稳岗率", "计量单位应为「%」"),
        ("评分", 5, "「评分」列只用于定性指标"),
    ],
)
def test_it_refuses_a_wrong_target_row(column: str, value: object, phrase: str) -> None:
    sheets = with_performance()
    sheets["绩效目标"][1][TARGET_HEADER.index(column)] = value
    problem = only_problem(sheets)
    assert (problem.sheet, problem.row) == ("绩效目标", 2)
    assert phrase in problem.message, problem.message


def test_it_refuses_a_qualitative_score_above_its_points_or_without_a_note() -> None:
    sheets = with_performance()
    sheets["绩效目标"][3][TARGET_HEADER.index("评分")] = 31
    sheets["绩效目标"][3][TARGET_HEADER.index("评分说明")] = ""
    problems = problems_of(sheets)
    assert [(p.row, p.column) for p in problems] == [(4, "评分"), (4, "评分说明")]
    assert "不能超过分值 30 分" in problems[0].message


def test_it_refuses_a_qualitative_binding_on_a_quantitative_row() -> None:
    sheets = with_performance()
    sheets["绩效目标"][4][TARGET_HEADER.index("绑定")] = "评估等级"
    problem = only_problem(sheets)
    assert problem.row == 5 and "只能绑定定性指标" in problem.message


def test_it_refuses_a_performance_block_without_a_title() -> None:
    sheets = with_performance()
    add_row(sheets, "绩效叙述", 部分="绩效情况", 内容="没有标题的一段。")
    problem = only_problem(sheets)
    assert (problem.sheet, problem.row, problem.column) == ("绩效叙述", 4, "标题")


def test_every_problem_is_reported_at_once_and_nothing_is_imported() -> None:
    sheets = with_performance()
    sheets["预算"][3][2] = -1
    sheets["绩效目标"][2][TARGET_HEADER.index("指标方向")] = "大于"
    sheets["指标"][1][4] = "很多"  # a problem of the evaluation's own sheets too
    problems = problems_of(sheets)
    assert {p.sheet for p in problems} == {"预算", "绩效目标", "指标"}


def test_data_built_without_the_sheets_is_checked_by_the_same_rules() -> None:
    # the web workspace's forms hold the same data: one set of rules, by column
    budget = Budget(D(2400000), D(2430000), D(2400000), (FundingSource("财政资金", "街道", D(1)),))
    assert [column for column, _ in performance_budget_problems(budget)] == ["资金来源"]
    assert performance_budget_problems(Budget(D(0), D(0), D(0))) == [
        ("全年预算数", "全年预算数不能为 0：预算执行率 = 全年执行数 ÷ 全年预算数")
    ]
    row = PerformanceTarget(
        PerformanceLevel.BENEFIT, "可持续影响", "稳岗", TargetDirection.QUALITATIVE,
        None, "稳定", "", D(10), None, binding="稳岗率", score=D(11),
    )  # fmt: skip
    assert [c for c, _ in performance_target_problems(row, SCHEME)] == ["评分", "评分说明", "绑定"]
