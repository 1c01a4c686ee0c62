"""The demo's performance evaluation: the 示例 street office's budget, performance targets and
narrative for its station's final round, entered as the street office would in the browser
(through saving.py, so the audit log shows them), most targets bound to the figures pinggu
computes. Loading it twice changes nothing. The figures and words are invented.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User

from pinggu import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
)

from ..models import Round, Station
from ..performance import saving, stored

OUTPUT, BENEFIT, SATISFACTION = PerformanceLevel
AT_LEAST, QUALITATIVE = TargetDirection.AT_LEAST, TargetDirection.QUALITATIVE

BUDGET = Budget(
    initial=Decimal(2400000),
    annual=Decimal(2400000),
    spent=Decimal("2376500.00"),
    sources=(FundingSource("财政资金", "示例街道财政资金", Decimal(2400000)),),
    project_year="2023年7月1日至2024年6月30日",
)


def _bound(
    level: PerformanceLevel, level2: str, level3: str, target: int, unit: str, points: int, binding: str
) -> PerformanceTarget:
    return PerformanceTarget(
        level1=level,
        level2=level2,
        level3=level3,
        direction=AT_LEAST,
        target=Decimal(target),
        target_text=str(target),
        unit=unit,
        points=Decimal(points),
        actual=None,
        binding=binding,
    )


TARGETS = (
    _bound(OUTPUT, "数量指标", "专业个案接案数", 40, "接案数", 10, "指标完成量：专业个案（接案数）"),
    _bound(OUTPUT, "数量指标", "专业小组个数", 12, "个数", 10, "指标完成量：专业小组（个数）"),
    _bound(OUTPUT, "数量指标", "困难群众电访", 760, "人次", 10, "指标完成量：电访（人次）"),
    _bound(OUTPUT, "质量指标", "持证社工到岗率", 100, "%", 10, "持证社工到岗率"),
    PerformanceTarget(
        level1=OUTPUT,
        level2="时效指标",
        level3="服务按合同期完成",
        direction=QUALITATIVE,
        target=None,
        target_text="2024年6月30日前完成年度服务",
        unit="",
        points=Decimal(10),
        actual=None,
        actual_text="按合同期推进，各项服务于考核期内完成",
        score=Decimal(10),
        note="末期评估时各项服务均已按计划开展",
    ),
    _bound(BENEFIT, "社会效益指标", "社工稳岗率", 80, "%", 15, "稳岗率"),
    _bound(
        BENEFIT,
        "可持续影响指标",
        "培育社区社会组织",
        2,
        "个",
        15,
        "指标完成量：社区社会组织培育（个）",
    ),
    PerformanceTarget(
        level1=SATISFACTION,
        level2="服务对象满意度指标",
        level3="服务对象满意度",
        direction=AT_LEAST,
        target=Decimal(90),
        target_text="90",
        unit="%",
        points=Decimal(10),
        actual=Decimal("93.5"),
        reason="",
    ),
)

NARRATIVE = (
    NarrativeBlock(
        "项目基本情况",
        "",
        "示例街社工服务站由示例街道办事处以政府购买服务方式设立，2023年7月1日至2024年6月30日为本项目年度，"
        "服务覆盖示例街道全部社区，重点服务困难群众和特殊群体、长者、青少年和社区居民。",
    ),
    NarrativeBlock(
        "绩效目标",
        "",
        "按合同完成个案、小组、社区活动和困难群众跟进等服务指标；社工队伍稳定，持证社工按协议到岗；"
        "服务对象满意度不低于90%。",
    ),
    NarrativeBlock(
        "绩效情况",
        "（一）服务指标完成情况",
        "各项主要服务指标按合同完成，困难群众电访和入户探访按分级要求开展。",
    ),
    NarrativeBlock(
        "绩效情况",
        "（二）社区参与与社会组织培育",
        "培育社区社会组织2个，居民议事会常态化运作，社区志愿者队伍持续壮大。",
    ),
    NarrativeBlock(
        "问题及应对策略",
        "",
        "年内有社工离职，部分月份到岗不足；社工站已建立岗位补缺机制，并加强新入职社工的督导。",
    ),
    NarrativeBlock(
        "相关建议",
        "",
        "建议街道继续保障项目资金按时拨付，并支持社工站与辖内社区联动开展服务。",
    ),
)


def load_performance_demo(stations: dict[str, Station], users: dict[str, User], created: list[str]) -> None:
    """The 示例 street office's entries in its station's final round, once."""
    round_ = Round.objects.filter(station=stations["示例"], kind=Round.Kind.FINAL).first()
    if round_ is None or any(stored.part_of(round_, part) for part in stored.PARTS):
        return  # entered before (or by someone since): left as it is
    street_office = users["purchaser_shili"]
    for part, value in (("budget", BUDGET), ("targets", TARGETS), ("narrative", NARRATIVE)):
        problem = saving.save(round_, street_office, part, value, None)
        assert not problem, problem  # a fresh round: nothing to conflict with
    created.append(f"绩效评价：{round_}（预算、{len(TARGETS)} 项绩效目标、{len(NARRATIVE)} 段叙述）")
