"""What the report says about the round beyond the figures: the station's address, how long the
operator has run it, the evaluator's staff, any objections at feedback and the project lead.

These fields came after the first synthetic stations, so they are drawn from a generator of
their own: drawing them from the main one would have shifted every later figure of every seed.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from .._model import StationInfo
from .names import address
from .staff import Worker

__all__ = ["lead_info", "report_info"]

# Objections as the seeds record them: what the station disputed, and how it was settled.
_ONSITE_OBJECTIONS = (
    "社工站对服务质量部分关于服务档案需求分析不充分的意见提出异议，评估专家现场复核相关档案后，"
    "双方达成一致，意见调整为“部分档案需求分析有待细化”。",
    "社工站对个别社工从业年限的认定提出异议，并现场补充了劳动合同和社保缴纳记录，"
    "经评估专家核实后予以采纳。",
)
_DRAFT_OBJECTIONS = (
    "社工站对初稿中专业小组完成量的统计提出异议，并补充了小组签到记录，经评估方核实后已在终稿中更正。",
    "社工站对初稿中志愿者注册人数的表述提出异议，经评估方与社工站核对平台数据后，维持原表述。",
)
OBJECTION_CHANCE = 0.1  # about one station in ten raises an objection at each stage


def _operator_since(rng: random.Random, period_start: date) -> date:
    """The first of a month one to eleven years before the period: stations change hands rarely."""
    return date(period_start.year - rng.randint(1, 11), rng.randint(1, 12), 1)


def report_info(rng: random.Random, info: StationInfo) -> StationInfo:
    """`info` with the report's extra fields filled in."""
    onsite = rng.choice(_ONSITE_OBJECTIONS) if rng.random() < OBJECTION_CHANCE else ""
    draft = rng.choice(_DRAFT_OBJECTIONS) if rng.random() < OBJECTION_CHANCE else ""
    return replace(
        info,
        address=address(rng, info.district),
        operator_since=_operator_since(rng, info.period_start),
        evaluation_staff=rng.choice((1, 1, 2)),
        onsite_objection=onsite,
        draft_objection=draft,
    )


def lead_info(rng: random.Random, info: StationInfo, lead: Worker) -> StationInfo:
    """`info` with the project lead (the 站长): name, certificate and years in the field.

    Drawn after everything else from the extra generator, so earlier draws keep their values.
    """
    return replace(
        info, lead=lead.name, lead_qualification=lead.level, lead_years=rng.randint(6, 15)
    )
