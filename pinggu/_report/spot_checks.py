"""The report's file spot checks (docs/onsite.md「抽查结果」): the sentences, the 附件 table
「档案抽查情况」 and the draft findings naming the files behind them.

Printed only when the evaluation carries checks (`Result.spot_checks` with a file checked);
otherwise the block, its heading and the 附件 are left out. Every count is a `Num` under the
key `pinggu._onsite.spotcheck.figure_key` gives it, the same in the sentences, the table and the
drafts, so the self-audit finds each wherever it is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .._engine import Result
from .._model import FindingKind
from .._onsite.spotcheck import Part, SpotCheckResult, TypeSpotCheck, figure_key
from .marks import Text, joined, number
from .tables import Cell, Table

__all__ = ["TITLE", "spot_check_drafts", "spot_check_lead", "spot_check_table"]

TITLE = "档案抽查情况"
RULE = "spot_checks"  # the draft rule (findings.DRAFT_RULES)

# (section, 片区 or None, kind, rule, text), as findings._drafts files them
SpotDraft = tuple[str, str | None, FindingKind, str, Text]


def _checked(result: Result) -> SpotCheckResult | None:
    spot = result.spot_checks
    return spot if spot is not None and spot.checked else None


def marked(parts: Sequence[Part]) -> Text:
    """Parts of a sentence as a Text, each figure a marked number."""
    return Text.of(*(p if isinstance(p, str) else number(p[0], Decimal(p[1])) for p in parts))


def spot_check_lead(result: Result) -> tuple[Text, ...]:
    """「评估专家按评估方案抽查了……：抽查个案档案 15 份，其中 3 份知情同意书缺少签名；……。」"""
    spot = _checked(result)
    if spot is None:
        return ()
    sentences = [marked(t.parts) for t in spot.types if t.parts]
    lead = Text.of(
        "评估专家从社工站提供的个案、小组、社区活动档案清单中，按评估方案的抽查比例抽取档案，"
        "逐份对照检查项查阅：",
        joined(sentences, "；"),
        "。",
    )
    if not spot.example:
        return (lead,)
    note = Text.of("（抽查比例和检查项为评估方案中的示例，各区应以本区的要求为准。）")
    return (lead, note)


def spot_check_table(result: Result) -> Table | None:
    """类型 / 清单份数 / 抽查份数 / 不符合的检查项 / 份数 / 档案编号: a row per failing item."""
    spot = _checked(result)
    if spot is None:
        return None
    head = tuple(
        Cell(c, header=True)
        for c in ("类型", "清单份数", "抽查份数", "不符合的检查项", "份数", "档案编号")
    )
    rows: list[tuple[Cell | None, ...]] = [head]
    for t in spot.types:
        if t.checked:
            rows += _type_rows(t)
    notes = [
        Text.of(
            f"注：抽查的档案按抽取种子「{spot.seed}」从档案清单中抽取，任何人可重新抽取核对"
            "（pinggu sample-files）；"
            if spot.seed
            else "注：",
            "抽查份数为已填写检查结果的档案数；份数为该检查项不符合的档案数。",
        )
    ]
    # untitled: the template's 附件3 caption names it (「××街社工站档案抽查情况」)
    return Table("", tuple(rows), 1, (2.2, 2.0, 2.0, 5.5, 1.4, 11.0), tuple(notes))


def _type_rows(t: TypeSpotCheck) -> list[tuple[Cell | None, ...]]:
    failing = t.failing
    span = max(1, len(failing))
    first: tuple[Cell | None, ...] = (
        Cell(t.type.value, rowspan=span),
        Cell(number(figure_key(t.type, None, "清单份数"), Decimal(t.listed)), rowspan=span),
        Cell(number(figure_key(t.type, None, "抽查份数"), Decimal(t.checked)), rowspan=span),
    )
    if not failing:
        return [(*first, Cell("各检查项均符合要求", colspan=3), None, None)]
    rows: list[tuple[Cell | None, ...]] = []
    for i, tally in enumerate(failing):
        count = number(figure_key(t.type, None, tally.item.name), Decimal(len(tally.failing)))
        zones: dict[str, list[str]] = {}
        for f in tally.failing:
            zones.setdefault(f.zone, []).append(f.id)
        files = "；".join(f"{zone}：{'、'.join(ids)}" for zone, ids in zones.items())
        cells = (Cell(tally.item.name), Cell(count), Cell(files))
        rows.append((*(first if i == 0 else (None, None, None)), *cells))
    return rows


def spot_check_drafts(result: Result) -> list[SpotDraft]:
    """The spot checks' draft concerns, each in its item's section (and 片区)."""
    spot = _checked(result)
    if spot is None:
        return []
    return [(d.section, d.zone, FindingKind.CONCERN, RULE, marked(d.parts)) for d in spot.drafts]
