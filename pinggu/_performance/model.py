"""The types of a performance evaluation (绩效评价, docs/performance.md): what the workbook's
预算, 绩效目标 and 绩效叙述 sheets hold, as frozen typed objects.

`PerformanceData` is part of an `Evaluation` (and so of the JSON a report embeds); the scoring
scheme (`performance-2020`) and the computed result have their own types beside the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class PerformanceLevel(StrEnum):
    """一级指标 of a performance target (the budget's own 预算执行率 is scored apart)."""

    OUTPUT = "产出指标"
    BENEFIT = "效益指标"
    SATISFACTION = "满意度指标"


class TargetDirection(StrEnum):
    """指标方向: how the actual is compared with the target."""

    AT_LEAST = "≥"
    AT_MOST = "≤"
    EQUAL = "="
    QUALITATIVE = "定性"


@dataclass(frozen=True)
class FundingSource:
    """资金来源: one source of the project's money and its amount."""

    kind: str  # 财政资金 or 其他资金
    name: str  # e.g. 街道财政, 未成年人保护站项目资金
    amount: Decimal  # 元


@dataclass(frozen=True)
class Budget:
    """The 预算 sheet, in 元."""

    initial: Decimal  # 年初预算数
    annual: Decimal  # 全年预算数
    spent: Decimal  # 全年执行数
    sources: tuple[FundingSource, ...] = ()
    project_year: str = ""  # 项目年度 when it differs from the fiscal year, as typed


@dataclass(frozen=True)
class PerformanceTarget:
    """One row of 绩效目标: a 三级指标 with its target and (typed or computed) actual."""

    level1: PerformanceLevel
    level2: str  # 二级指标: 数量/质量/时效/成本, 社会效益/可持续影响, 服务对象满意度
    level3: str  # 三级指标, as the station names it
    direction: TargetDirection
    target: Decimal | None  # 指标值; None for 定性
    target_text: str  # 指标值 as typed (the only value of a 定性 indicator)
    unit: str  # 计量单位
    points: Decimal  # 分值
    actual: Decimal | None  # 实际完成值 as typed; None: empty (computed when bound)
    actual_text: str = ""  # a 定性 indicator's actual, in words
    binding: str = ""  # the figure pinggu computes for it ("" none; docs/performance.md)
    score: Decimal | None = None  # a 定性 indicator's points, as the user scored it
    note: str = ""  # the scorer's note on a 定性 score
    reason: str = ""  # 偏差原因


@dataclass(frozen=True)
class NarrativeBlock:
    """One block of 绩效叙述, under one of the report's headings."""

    heading: str  # 项目基本情况, 绩效目标, 绩效情况, 问题及应对策略 or 相关建议
    title: str  # the block's own title ("" none; 绩效情况 blocks are titled)
    text: str


@dataclass(frozen=True)
class PerformanceData:
    """What the three sheets hold; `scheme` names the performance scheme that scores it."""

    budget: Budget | None
    targets: tuple[PerformanceTarget, ...]
    narrative: tuple[NarrativeBlock, ...]
    scheme: str = "performance-2020"
