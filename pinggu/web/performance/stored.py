"""The performance evaluation data a round holds: the street office's entries in the workspace,
each part (预算, 绩效目标, 绩效叙述) replacing the workbook's own sheet once it has any rows.

This is the one place the entries become the engine's `PerformanceData` (engine.evaluation_of
calls `with_performance`) and the one place they are written (`replace_part`, inside
saving.py's transaction). Which round holds them: the station's final round (末期评估) of
the contract year — the performance report is written from that round's figures
(docs/performance.md). A mid-term round takes the workbook's sheets only.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pinggu import (
    Budget,
    Evaluation,
    FundingSource,
    ImportNote,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
)

from ..models import (
    PerformanceBudget,
    PerformanceFunding,
    PerformanceNarrativeEntry,
    PerformanceTargetEntry,
    Round,
)

# The parts by their key, with the sheet each replaces.
PARTS = {"budget": "预算", "targets": "绩效目标", "narrative": "绩效叙述"}
Part = Budget | tuple[PerformanceTarget, ...] | tuple[NarrativeBlock, ...] | None


def holds_performance(round_: Round) -> bool:
    """Whether the street office fills its performance data in this round (its final one)."""
    return round_.kind == Round.Kind.FINAL


def budget_of(round_: Round) -> Budget | None:
    stored = PerformanceBudget.objects.filter(round=round_).first()
    if stored is None:
        return None
    sources = tuple(
        FundingSource(f.kind, f.name, plain(f.amount))
        for f in PerformanceFunding.objects.filter(round=round_)
    )
    amounts = (plain(stored.initial), plain(stored.annual), plain(stored.spent))
    return Budget(*amounts, sources, stored.project_year)


def targets_of(round_: Round) -> tuple[PerformanceTarget, ...]:
    return tuple(
        PerformanceTarget(
            level1=PerformanceLevel(t.level1),
            level2=t.level2,
            level3=t.level3,
            direction=TargetDirection(t.direction),
            target=_plain(t.target),
            target_text=t.target_text,
            unit=t.unit,
            points=plain(t.points),
            actual=_plain(t.actual),
            actual_text=t.actual_text,
            binding=t.binding,
            score=_plain(t.score),
            note=t.note,
            reason=t.reason,
        )
        for t in PerformanceTargetEntry.objects.filter(round=round_)
    )


def narrative_of(round_: Round) -> tuple[NarrativeBlock, ...]:
    return tuple(
        NarrativeBlock(b.heading, b.title, b.text)
        for b in PerformanceNarrativeEntry.objects.filter(round=round_)
    )


def plain(value: Decimal) -> Decimal:
    """A stored figure without the column's trailing zeros (40.0000 → 40, 0.9500 → 0.95)."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _plain(value: Decimal | None) -> Decimal | None:
    return None if value is None else plain(value)


def part_of(round_: Round, part: str) -> Part:
    """One part as stored in the workspace (None or empty: not entered here)."""
    if part == "budget":
        return budget_of(round_)
    return targets_of(round_) if part == "targets" else narrative_of(round_)


def with_performance(round_: Round, evaluation: Evaluation) -> Evaluation:
    """The round's input with its performance data: each part as the street office entered it
    in the workspace, else the workbook's; a note says which sheets the entries replaced."""
    if not holds_performance(round_):
        return evaluation
    sheet = evaluation.performance
    budget, targets, narrative = budget_of(round_), targets_of(round_), narrative_of(round_)
    entered = [
        name
        for name, part in (("预算", budget), ("绩效目标", targets), ("绩效叙述", narrative))
        if part
    ]
    if not entered:
        return evaluation
    data = PerformanceData(
        budget=budget or (sheet.budget if sheet else None),
        targets=targets or (sheet.targets if sheet else ()),
        narrative=narrative or (sheet.narrative if sheet else ()),
        scheme=sheet.scheme if sheet else PerformanceData(None, (), ()).scheme,
    )
    said = (
        "绩效评价的" + "、".join(f"「{n}」" for n in entered) + "取自购买方在网页工作台中填写的内容"
    )
    if sheet is not None:
        said += "；工作簿中的同名表未使用"
    note = ImportNote("read_notice", said)
    return replace(evaluation, performance=data, notes=(*evaluation.notes, note))


def replace_part(round_: Round, part: str, value: Part) -> None:
    """Store one part in place of the round's stored one (inside the caller's transaction)."""
    if part == "budget":
        PerformanceBudget.objects.filter(round=round_).delete()
        PerformanceFunding.objects.filter(round=round_).delete()
        if isinstance(value, Budget):
            PerformanceBudget.objects.create(
                round=round_,
                initial=value.initial,
                annual=value.annual,
                spent=value.spent,
                project_year=value.project_year,
            )
            PerformanceFunding.objects.bulk_create(
                PerformanceFunding(round=round_, order=i, kind=s.kind, name=s.name, amount=s.amount)
                for i, s in enumerate(value.sources)
            )
    elif part == "targets":
        PerformanceTargetEntry.objects.filter(round=round_).delete()
        PerformanceTargetEntry.objects.bulk_create(
            _target_entry(round_, i, t)
            for i, t in enumerate(value if isinstance(value, tuple) else ())
            if isinstance(t, PerformanceTarget)
        )
    else:
        PerformanceNarrativeEntry.objects.filter(round=round_).delete()
        PerformanceNarrativeEntry.objects.bulk_create(
            PerformanceNarrativeEntry(
                round=round_, order=i, heading=b.heading, title=b.title, text=b.text
            )
            for i, b in enumerate(value if isinstance(value, tuple) else ())
            if isinstance(b, NarrativeBlock)
        )


def _target_entry(round_: Round, order: int, t: PerformanceTarget) -> PerformanceTargetEntry:
    return PerformanceTargetEntry(
        round=round_,
        order=order,
        level1=t.level1.value,
        level2=t.level2,
        level3=t.level3,
        direction=t.direction.value,
        target=t.target,
        target_text=t.target_text,
        unit=t.unit,
        points=t.points,
        actual=t.actual,
        actual_text=t.actual_text,
        binding=t.binding,
        score=t.score,
        note=t.note,
        reason=t.reason,
    )
