"""The performance forms read what people type (full-width digits, grouped thousands, blank
rows to add, a row ticked for deletion) and refuse the rest with the problem at its row and
field, in Chinese — never half a table."""

from __future__ import annotations

from decimal import Decimal

from pinggu import FundingSource, PerformanceLevel, TargetDirection, load_scheme
from pinggu.web.performance import forms

SCHEME = load_scheme()  # the evaluation scheme: its catalogue names what a row may be bound to


def _row(n: int, **values: str) -> dict[str, str]:
    return {f"t-{n}-{k}": v for k, v in values.items()}


CASES = dict(
    level1="产出指标",
    level2="数量指标",
    level3="个案服务",
    direction="≥",
    target="40",
    unit="个",
    points="10",
    actual="42",
)


def test_it_reads_a_budget_typed_with_full_width_digits_and_grouped_thousands() -> None:
    budget, problems = forms.read_budget(
        {
            "initial": "２４０００００",
            "annual": "2,400,000.00",
            "spent": "2400000",
            "s-1-kind": "财政资金",
            "s-1-name": "街道财政",
            "s-1-amount": "2,300,000",
            "s-2-kind": "其他资金",
            "s-2-name": "项目资金",
            "s-2-amount": "100000",
            "s-3-kind": "",  # a blank row offered to add one
            "s-3-name": "",
            "s-3-amount": "",
        }
    )
    assert problems == {}
    assert budget is not None
    assert (budget.initial, budget.annual, budget.spent) == (Decimal(2400000),) * 3
    assert budget.sources == (
        FundingSource("财政资金", "街道财政", Decimal(2300000)),
        FundingSource("其他资金", "项目资金", Decimal(100000)),
    )


def test_a_wholly_blank_budget_form_is_no_budget() -> None:
    assert forms.read_budget({"initial": "", "annual": " ", "spent": ""}) == (None, {})


def test_it_refuses_a_budget_with_each_problem_at_its_field() -> None:
    budget, problems = forms.read_budget(
        {
            "initial": "240万",
            "annual": "-5",
            "spent": "",
            "s-2-kind": "捐款",
            "s-2-amount": "1e9",
        }
    )
    assert budget is None
    assert problems == {
        "initial": "年初预算数：「240万」不是数字（请填写如 2400000 的数）",
        "annual": "全年预算数：不能为负数，实为 -5",
        "spent": "全年执行数：请填写（元）",
        "s-2-kind": "资金来源第 2 行「类别」：请选择财政资金或其他资金",
        "s-2-amount": "资金来源第 2 行「金额」：「1e9」不是数字（请填写如 2400000 的数）",
        "s-2-name": "资金来源第 2 行「来源」：请填写资金来源的名称，如「街道财政资金」",
    }


def test_it_reads_target_rows_in_order_without_blank_or_deleted_ones() -> None:
    posted = {
        **_row(1, **CASES),
        **_row(2, **{**CASES, "level3": "删掉的"}, delete="1"),
        **_row(3, **dict.fromkeys(CASES, "")),
        **_row(
            4,
            level1="效益指标",
            level2="社会效益指标",
            level3="社区参与",
            direction="定性",
            target="有效提升",
            points="１５",
            actual="居民议事会常态化运作",
            score="13.5",
            note="议事会每月开会",
        ),
        **_row(5, **{**CASES, "level3": "稳岗", "direction": "≥", "target": "80", "unit": "%"}),
        "t-5-binding": "稳岗率",
        "t-5-actual": "",
    }
    targets, problems = forms.read_targets(posted, SCHEME)
    assert problems == {}
    assert [t.level3 for t in targets] == ["个案服务", "社区参与", "稳岗"]
    first, qualitative, bound = targets
    assert (first.direction, first.target, first.actual, first.points) == (
        TargetDirection.AT_LEAST,
        Decimal(40),
        Decimal(42),
        Decimal(10),
    )
    assert qualitative.level1 is PerformanceLevel.BENEFIT
    assert (qualitative.target, qualitative.target_text, qualitative.score) == (
        None,
        "有效提升",
        Decimal("13.5"),
    )
    assert qualitative.actual_text == "居民议事会常态化运作"
    assert qualitative.points == Decimal(15)
    assert (bound.binding, bound.actual) == ("稳岗率", None)


def test_it_refuses_target_rows_with_each_problem_at_its_row_and_field() -> None:
    posted = {
        **_row(1, **{**CASES, "level1": "成本", "points": "0"}),
        **_row(2, **{**CASES, "direction": "定性", "target": "", "score": "12"}),
        **_row(3, **{**CASES, "level3": "小组", "target": "", "score": "3", "actual": "NaN"}),
        **_row(4, **{**CASES, "level3": "社区活动"}, binding="到岗人数"),
        **_row(5, **{**CASES, "level3": "社区活动"}),
    }
    targets, problems = forms.read_targets(posted, SCHEME)
    assert targets == ()
    assert problems == {
        "t-1-level1": "第 1 行「一级指标」：请选择产出指标、效益指标、满意度指标之一",
        "t-1-points": "第 1 行「分值」：应大于 0、不超过 100，实为 0",
        "t-2-target": "第 2 行「指标值」：定性指标请写明目标（如 有效提升）",
        "t-2-score": "第 2 行「评分」：评分不能超过分值 10 分，实为 12",
        "t-2-note": "第 2 行「评分说明」：定性指标评分时必须写明评分说明（评分的依据）",
        "t-3-target": "第 3 行「指标值」：指标值「」不是数字：指标方向为「≥」的定量指标，指标值应为数字；定性指标请把指标方向选为「定性」",
        "t-3-actual": "第 3 行「实际完成值」：「NaN」不是数字（请填写如 40 的数）",
        "t-3-score": "第 3 行「评分」：定量指标按公式计分，「评分」列只用于定性指标，请留空",
        "t-4-binding": problems["t-4-binding"],
        "t-5-level3": "第 5 行「三级指标」：「社区活动」已在第 4 行填写（同一一级指标下）",
    }
    assert problems["t-4-binding"].startswith(
        "第 4 行「绑定」：未知的绑定「到岗人数」；应为「社工到岗率」"
    )


def test_it_refuses_a_narrative_block_without_a_heading_or_text() -> None:
    blocks, problems = forms.read_narrative(
        {
            "n-1-heading": "绩效情况",
            "n-1-title": "（一）服务成效",
            "n-1-text": "第一行\r\n第二行",
            "n-2-heading": "结语",
            "n-2-text": "",
            "n-3-heading": "",
            "n-3-title": "",
            "n-3-text": "",
        }
    )
    assert blocks == ()
    assert problems == {
        "n-2-heading": "第 2 段「部分」：请选择项目基本情况、绩效目标、绩效情况、问题及应对策略、相关建议之一",
        "n-2-text": "第 2 段「内容」：请填写内容（整段不要时勾选删除）",
    }
    blocks, problems = forms.read_narrative(
        {
            k: v
            for k, v in {
                "n-1-heading": "绩效情况",
                "n-1-title": "（一）服务成效",
                "n-1-text": "第一行\r\n第二行",
            }.items()
        }
    )
    assert problems == {}
    assert blocks[0].text == "第一行\n第二行"  # the browser's line ends, as the report reads them


def test_it_checks_a_binding_against_the_rows_direction_and_unit() -> None:
    posted = {
        **_row(1, **{**CASES, "binding": "评估等级"}),
        **_row(2, **{**CASES, "level3": "稳岗", "binding": "稳岗率", "unit": "人"}),
        **_row(3, **{**CASES, "level3": "个案", "binding": "指标完成量:专业个案(接案数)"}),
    }
    targets, problems = forms.read_targets(posted, SCHEME)
    assert problems == {
        "t-1-binding": "第 1 行「绑定」：「评估等级」只能绑定定性指标，本行指标方向为「≥」",
        "t-2-unit": "第 2 行「计量单位」：绑定「稳岗率」的计量单位应为「%」，实为「人」",
    }
    posted["t-2-unit"] = "％"  # full width, as an input method types it
    del posted["t-1-binding"], posted["t-2-binding"]
    targets, problems = forms.read_targets(posted, SCHEME)
    assert problems == {}
    assert targets[2].binding == "指标完成量：专业个案（接案数）"  # as the engine names it


def test_budget_sources_must_add_up_to_the_annual_budget() -> None:
    budget, problems = forms.read_budget(
        {
            "initial": "100",
            "annual": "100",
            "spent": "90",
            "s-1-kind": "财政资金",
            "s-1-name": "街道财政",
            "s-1-amount": "60",
        }
    )
    assert budget is None
    assert problems == {
        "s-1-amount": "资金来源：各资金来源之和为 60 元（街道财政 60），与全年预算数 100 元不同；"
        "资金来源应合计为全年预算数"
    }


def test_it_refuses_a_number_too_large_to_store_and_says_so() -> None:
    """An amount with more digits than its column keeps (12 before the point for money, 10 for
    a target, 4 for 分值 and 评分) is a problem at its field, never a crash or a lost digit."""
    budget, problems = forms.read_budget(
        {"initial": "9" * 40, "annual": "1" * 13, "spent": "999,999,999,999.99"}
    )
    assert budget is None
    assert problems["initial"] == f"年初预算数：数值过大（整数部分最多 12 位），实为 {'9' * 40}"
    assert "全年预算数：数值过大" in problems["annual"]
    assert "spent" not in problems  # the largest amount that fits
    _, problems = forms.read_targets(
        {
            **_row(1, **{**CASES, "target": "1" * 11}),
            **_row(2, **{**CASES, "actual": "9" * 40}),
            **_row(3, **{**CASES, "direction": "定性", "target": "有效提升", "score": "9" * 40}),
            **_row(4, **{**CASES, "points": "9" * 40}),
        },
        SCHEME,
    )
    assert "第 1 行「指标值」：数值过大（整数部分最多 10 位）" in problems["t-1-target"]
    assert "「实际完成值」：数值过大" in problems["t-2-actual"]
    assert "「评分」：数值过大（整数部分最多 4 位）" in problems["t-3-score"]
    assert "「分值」：数值过大" in problems["t-4-points"]
