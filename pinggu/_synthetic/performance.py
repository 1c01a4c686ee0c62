"""An invented performance evaluation (绩效评价) for a synthetic station: its 预算, 绩效目标 and
绩效叙述, consistent with the station's evaluation.

The budget is the contract's funding plus an invented project grant; the targets are scored from
the station's own figures where pinggu computes them (bound: 专业个案接案, 入户探访, 持证社工到岗率,
人员费用占比, 稳岗率, the evaluation grade), so the 自评表 and the evaluation report agree; the
narrative is written from the station's facts. Every name and sentence is invented.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from .._model import Evaluation
from .._numbers import ZERO, plain
from .._performance.model import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
)

__all__ = ["synthetic_performance"]

OUT, BEN, SAT = PerformanceLevel.OUTPUT, PerformanceLevel.BENEFIT, PerformanceLevel.SATISFACTION
GE, EQ, QUAL = TargetDirection.AT_LEAST, TargetDirection.EQUAL, TargetDirection.QUALITATIVE
DEFAULT_FUNDING_WAN = Decimal(240)
GRANT = ("未成年人保护工作站项目资金", Decimal(30000))  # an extra project grant of the year
# The two indicators whose completions are bound (left out when the station has no target).
# (indicator, measure, 三级指标, 计量单位)
BOUND_INDICATORS = (
    ("专业个案", "接案数", "专业个案接案数", "个"),
    ("入户探访", "人次", "困难群众入户探访", "人次"),
)
REASONS = {
    "专业个案": "部分转介个案因服务对象外出务工延后接案，已在下一服务年度优先跟进",
    "入户探访": "部分服务对象长期住院或随子女外出居住，改以电访跟进",
}


def synthetic_performance(evaluation: Evaluation, seed: int) -> PerformanceData:
    """The performance data of `evaluation`'s station, the same for the same arguments."""
    rng = random.Random(f"{seed}-performance")
    return PerformanceData(
        budget=_budget(evaluation, rng),
        targets=_targets(evaluation),
        narrative=_narrative(evaluation),
    )


def _budget(evaluation: Evaluation, rng: random.Random) -> Budget:
    info = evaluation.info
    funding = (info.contract_funding_wan or DEFAULT_FUNDING_WAN) * 10000
    annual = funding + GRANT[1]
    spent = (annual * Decimal(rng.randint(9850, 10000)) / 10000).quantize(Decimal("0.01"))
    start, end = info.contract_start, info.contract_end
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    year = "" if whole_year else f"{_day(start)}至{_day(end)}"
    sources = (
        FundingSource("财政资金", "街道财政资金", funding),
        FundingSource("其他资金", GRANT[0], GRANT[1]),
    )
    return Budget(initial=funding, annual=annual, spent=spent, sources=sources, project_year=year)


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _totals(evaluation: Evaluation) -> dict[tuple[str, str], tuple[Decimal | None, Decimal]]:
    """(indicator, measure) -> (target, actual) of the station: the 片区 added, or 全站."""
    totals: dict[tuple[str, str], tuple[Decimal | None, Decimal]] = {}
    for row in evaluation.indicators:
        target, actual = totals.get((row.indicator, row.measure), (None, ZERO))
        if row.target is not None:
            target = (target or ZERO) + row.target
        totals[(row.indicator, row.measure)] = (target, actual + row.actual)
    return totals


def _targets(evaluation: Evaluation) -> tuple[PerformanceTarget, ...]:
    totals = _totals(evaluation)
    rows = []
    for indicator, measure, title, unit in BOUND_INDICATORS:
        target, actual = totals.get((indicator, measure), (None, ZERO))
        if target is None:
            continue
        reason = REASONS[indicator] if actual < target else ""
        rows.append(
            _quantity(
                OUT,
                "数量",
                title,
                GE,
                target,
                unit,
                12,
                f"指标完成量：{indicator}（{measure}）",
                reason,
            )
        )
    spare = Decimal(12) * (len(BOUND_INDICATORS) - len(rows))  # indicators the station lacks
    has_costs = evaluation.info.personnel_spending is not None and evaluation.info.annual_spending
    cost_points = Decimal(10) if has_costs else ZERO
    rows += [
        _quantity(OUT, "质量", "持证社工到岗率", GE, Decimal(100), "%", 10, "持证社工到岗率"),
        _quantity(
            OUT,
            "时效",
            "月度服务报表按时报送率",
            EQ,
            Decimal(100),
            "%",
            6 + spare + (10 - cost_points),
            "",
            actual=Decimal(100),
        ),
    ]
    if has_costs:
        rows.append(
            _quantity(
                OUT, "成本", "人员费用占年度支出比例", GE, Decimal(70), "%", 10, "人员费用占比"
            )
        )
    civic = _civic(evaluation, totals)
    rows += [
        civic,
        _quantity(BEN, "可持续影响", "社工稳岗率", GE, Decimal(80), "%", 12, "稳岗率"),
        PerformanceTarget(
            BEN, "可持续影响", "社工站年度评估等级", QUAL, None, "良好及以上", "", Decimal(6), None,
            binding="评估等级", score=Decimal(6), note="第三方末期评估等级达到良好及以上",
        ),
        _quantity(
            SAT, "服务对象满意度", "服务对象满意度", GE, Decimal(90), "%", 10, "",
            actual=Decimal("95.2"),
        ),
    ]  # fmt: skip
    return tuple(rows)


def _quantity(
    level: PerformanceLevel,
    level2: str,
    name: str,
    direction: TargetDirection,
    target: Decimal,
    unit: str,
    points: Decimal | int,
    binding: str,
    reason: str = "",
    *,
    actual: Decimal | None = None,
) -> PerformanceTarget:
    return PerformanceTarget(
        level1=level,
        level2=level2,
        level3=name,
        direction=direction,
        target=target,
        target_text=plain(target),
        unit=unit,
        points=Decimal(points),
        actual=actual,
        binding=binding,
        reason=reason,
    )


def _civic(
    evaluation: Evaluation, totals: dict[tuple[str, str], tuple[Decimal | None, Decimal]]
) -> PerformanceTarget:
    """社区治理 as a qualitative target, its actual in words from the station's own figures."""
    groups = totals.get(("社区社会组织培育", "个"), (None, ZERO))[1]
    problems = totals.get(("协助街道解决的社区公共问题", "个"), (None, ZERO))[1]
    actual = f"培育社区社会组织{plain(groups)}个，协助街道解决社区公共问题{plain(problems)}个"
    return PerformanceTarget(
        level1=BEN,
        level2="社会效益",
        level3="居民参与社区治理",
        direction=QUAL,
        target=None,
        target_text="居民参与社区治理的积极性有效提升",
        unit="",
        points=Decimal(12),
        actual=None,
        actual_text=actual,
        score=Decimal(11),
        note="社区社会组织和志愿队伍持续运作，居民议事参与有提升，个别社区参与面仍较窄",
    )


def _narrative(evaluation: Evaluation) -> tuple[NarrativeBlock, ...]:
    # The station's own account: what pinggu does not hold (the site, who leads it). The
    # facts it holds (operator, contract, funding, staff) the report states itself.
    return (
        NarrativeBlock(
            "项目基本情况",
            "",
            "社工站设有社工办公室、服务前台、个案室、小组活动室和会议室，也可借用各社区居委会的"
            "活动场地开展服务。社工站站长由街道分管领导担任，街道公共服务办公室负责日常联络，"
            "承接机构委派项目主任负责项目的日常管理。",
        ),
        NarrativeBlock(
            "绩效目标",
            "",
            "项目年度绩效目标为：按服务协议完成兜底服务、个案、小组、社区活动、志愿服务和社区治理各项指标；"
            "按协议配备社工并保持队伍稳定；居民参与社区治理的积极性有效提升；服务对象满意度不低于90%。",
        ),
        NarrativeBlock(
            "绩效情况",
            "做好精准兜底保障，守牢民生底线",
            "社工站对辖区困难群众和特殊群体分类分级建档，按分级定期电访、入户探访，"
            "在重大节日联动社区慈善资源开展慰问，困难群众的探访覆盖面较上年度进一步扩大。",
        ),
        NarrativeBlock(
            "绩效情况",
            "培育社区社会组织，推进社区治理",
            "社工站培育社区社会组织和志愿服务队伍，协助街道解决社区公共问题，"
            "居民通过议事会议参与社区环境改善等公共事务。",
        ),
        NarrativeBlock(
            "问题及应对策略",
            "",
            "部分专业个案接案进度滞后于计划，个别社区居民参与面仍较窄。社工站将加强与居委、学校的转介合作，"
            "按月跟踪各项指标进度，并在参与较少的社区增加外展活动。",
        ),
        NarrativeBlock(
            "相关建议",
            "",
            "建议街道继续统筹辖区资源支持社工站服务，定期召开联席会议通报困难群众服务情况；"
            "建议社工站进一步完善服务成效的记录与评估，为下一年度绩效目标的设定提供依据。",
        ),
    )
