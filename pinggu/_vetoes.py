"""Veto rules (一票否决): any one makes the grade 不合格 whatever the score.

Computed rules test a metric against the scheme's mid-term or final threshold; declared rules
are the evaluator's finding with its evidence note. Each veto carries the figures or the note
that justify it, for the result and the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._figures import Figure
from ._model import Kind, VetoDeclaration
from ._numbers import with_unit
from ._scheme import METRICS, OPERATORS, Scheme


@dataclass(frozen=True)
class Veto:
    rule_id: str
    rule: str  # the scheme's title, as the report prints it
    computed: bool
    detail: str
    figure: Figure | None = None


@dataclass(frozen=True)
class VetoCheck:
    """A computed rule that could not be tested, and why (shown as a warning)."""

    rule: str
    reason: str


def apply_vetoes(
    scheme: Scheme,
    kind: Kind,
    metrics: Mapping[str, Figure | None],
    declared: tuple[VetoDeclaration, ...],
) -> tuple[tuple[Veto, ...], tuple[VetoCheck, ...]]:
    vetoes: list[Veto] = []
    unchecked: list[VetoCheck] = []
    declarations = {d.rule: d for d in declared}
    for rule in scheme.vetoes:
        if not rule.computed:
            d = declarations.get(rule.title)
            if d is not None and d.applies:
                vetoes.append(Veto(rule.id, rule.title, False, d.note))
            continue
        assert rule.metric is not None and rule.operator is not None
        threshold = rule.threshold(kind)
        figure = metrics.get(rule.metric)
        if threshold is None:
            continue
        if figure is None:
            unchecked.append(
                VetoCheck(rule.title, f"缺少计算「{METRICS[rule.metric]}」所需的数据，未能判断")
            )
            continue
        test, wording = OPERATORS[rule.operator]
        if test(figure.value, threshold):
            unit = figure.unit
            detail = (
                f"{METRICS[rule.metric]}为 {with_unit(figure.value, unit)}，{wording}{kind.label}"
                f"的否决线 {with_unit(threshold, unit)}（{figure.explain()}）"
            )
            vetoes.append(Veto(rule.id, rule.title, True, detail, figure))
    return tuple(vetoes), tuple(unchecked)
