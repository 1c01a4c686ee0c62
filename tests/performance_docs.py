"""A performance evaluation built by hand on the example station, for the report's tests: the
budget, a 自评表 of nine indicators (typed, bound, a ≤ one, a 定性 one, one short of its
target) and the narrative, so each test knows every figure the report must print."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from report_docs import example_result

from pinggu import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    Result,
    TargetDirection,
    evaluate,
)

OUT, BEN, SAT = PerformanceLevel.OUTPUT, PerformanceLevel.BENEFIT, PerformanceLevel.SATISFACTION
GE, LE, EQ, QUAL = (
    TargetDirection.AT_LEAST,
    TargetDirection.AT_MOST,
    TargetDirection.EQUAL,
    TargetDirection.QUALITATIVE,
)


def target(
    level1: PerformanceLevel,
    level2: str,
    level3: str,
    direction: TargetDirection,
    value: str | None,
    unit: str,
    points: int,
    actual: str | None = None,
    **more: object,
) -> PerformanceTarget:
    return PerformanceTarget(
        level1=level1,
        level2=level2,
        level3=level3,
        direction=direction,
        target=Decimal(value) if value is not None else None,
        target_text=str(more.pop("target_text", value or "")),
        unit=unit,
        points=Decimal(points),
        actual=Decimal(actual) if actual is not None else None,
        **more,  # type: ignore[arg-type]
    )


TARGETS = (
    target(OUT, "数量", "电访服务人次", GE, "5180", "人次", 10, binding="指标完成量：电访（人次）"),
    target(
        OUT, "数量", "专业个案结案数", GE, "90", "个", 10, "77", reason="部分个案延至下一协议期结案"
    ),
    target(OUT, "质量", "持证社工到岗占比", GE, "70", "%", 10, binding="持证社工到岗率"),
    target(OUT, "质量", "社工稳岗率", GE, "80", "%", 10, binding="稳岗率"),
    target(OUT, "时效", "服务按月报送率", EQ, "100", "%", 5, "100"),
    target(
        OUT,
        "成本",
        "人员费用占比",
        LE,
        "80",
        "%",
        5,
        binding="人员费用占比",
        reason="社工薪酬按市指导价调整",
    ),
    target(BEN, "社会效益", "困难群众建档人数", GE, "405", "人", 15, "420"),
    target(
        BEN,
        "可持续影响",
        "社区社会组织培育",
        QUAL,
        None,
        "",
        15,
        target_text="培育并持续运作",
        actual_text="培育2个，均持续开展活动",
        score=Decimal(14),
        note="其中1个尚未登记备案",
    ),
    target(SAT, "服务对象满意度", "服务对象满意度", GE, "85", "%", 10, "89.4"),
)

NARRATIVE = (
    NarrativeBlock("项目基本情况", "", "社工站设有社工办公室、服务前台、小组室和会议室。"),
    NarrativeBlock("绩效目标", "（一）精准兜底保障", "按分级分类跟进困难群众，做到一人一档。"),
    NarrativeBlock(
        "绩效情况",
        "1.培育社区社会组织",
        "本项目年培育“文明啄木鸟”环保宣传队。\n队伍定期开展清铲“小广告”活动。",
    ),
    NarrativeBlock("绩效情况", "以社区慈善基金为平台", "社区慈善基金本项目年筹款29005.61元。"),
    NarrativeBlock("问题及应对策略", "服务宣传能力有待提升", "社工需加强服务的整合、包装和宣传。"),
)

BUDGET = Budget(
    initial=Decimal("2400000"),
    annual=Decimal("2430000"),
    spent=Decimal("2336748.50"),
    sources=(
        FundingSource("财政资金", "街道财政", Decimal("2400000")),
        FundingSource("其他资金", "未成年人保护站项目资金", Decimal("30000")),
    ),
)


def performance_result(
    budget: Budget | None = BUDGET,
    targets: tuple[PerformanceTarget, ...] = TARGETS,
    narrative: tuple[NarrativeBlock, ...] = NARRATIVE,
) -> Result:
    base = example_result()
    data = PerformanceData(budget, targets, narrative)
    return evaluate(replace(base.evaluation, performance=data), base.scheme)
