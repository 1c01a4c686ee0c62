"""The result as one JSON-ready document (`pinggu evaluate --json`).

Percentages are numbers in percent (49.22 means 49.22%). Every figure also appears once in
`figures` with its formula and inputs, so a reader can check any number without the code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ._contacts.model import FollowUpResult
from ._engine import Result
from ._figures import Figure
from ._indicators import IndicatorResult
from ._model import TOTAL
from ._numbers import as_json_number
from ._onsite.results import OnSiteResult
from ._onsite.spotcheck import SpotCheckResult
from ._performance.scoring import PerformanceResult
from ._scoring import DimensionScore, JudgeScore, PartyScore
from ._staffing import StaffingResult
from ._survey import Estimate, Satisfaction


class _Figures:
    """Collects every figure serialised, under a dotted name."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def __call__(self, name: str, figure: Figure | None) -> int | float | None:
        if figure is None:
            return None
        self.items.append(
            {
                "name": name,
                "value": as_json_number(figure.value),
                "unit": figure.unit,
                "formula": figure.formula,
                "inputs": {k: as_json_number(v) for k, v in figure.inputs.items()},
                "explain": figure.explain(),
            }
        )
        return as_json_number(figure.value)


def _num(value: Decimal | None) -> int | float | None:
    return None if value is None else as_json_number(value)


def result_to_dict(result: Result) -> dict[str, Any]:
    """The result as a JSON-ready dict (the document `pinggu evaluate --json` prints)."""
    info = result.evaluation.info
    fig = _Figures()
    doc: dict[str, Any] = {
        "station": info.station,
        "district": info.district,
        "street": info.street,
        "operator": info.operator,
        "evaluation_kind": info.kind.label,
        "evaluation_kind_id": info.kind.value,
        "evaluation_date": info.evaluation_date.isoformat(),
        "scheme": result.scheme.id,
        "period": {"start": info.period_start.isoformat(), "end": info.period_end.isoformat()},
        "period_months": fig("period_months", result.staffing.period_months),
        "contract_months": _num(result.contract_months),
        "expected_progress": fig("expected_progress", result.expected_progress),
        "total_score": fig("total_score", result.scores.total),
        "grade": result.grade.name if result.grade else None,
        "grade_by_score": result.grade_by_score.name if result.grade_by_score else None,
        "vetoes": [
            {"rule": v.rule, "rule_id": v.rule_id, "computed": v.computed, "detail": v.detail}
            for v in result.vetoes
        ],
        "parties": [_party(p, fig) for p in result.scores.parties],
        "staffing": _staffing(result.staffing, fig),
        "indicators": [_indicator(r, fig) for r in result.indicators],
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
        "satisfaction": _satisfaction(result.satisfaction, fig),
        "contacts": _contacts(result.contacts, fig),
        "performance": _performance(result.performance, fig),
        "spot_checks": _spot_checks(result.spot_checks),  # docs/onsite.md
        "onsite": _onsite(result.onsite, fig),
    }
    doc["figures"] = fig.items
    return doc


def _indicator(r: IndicatorResult, fig: _Figures) -> dict[str, Any]:
    """One row of 附件1. A 合计 also says what its completion compares: the completions of the
    片区 with a target (`actual_with_target`) and, beside them, those of the 片区 without."""
    doc: dict[str, Any] = {
        "zone": r.zone,
        "indicator": r.indicator,
        "measure": r.measure,
        "group": r.group,
        "target": _num(r.target),
        "actual": _num(r.actual),
        "completion": fig(f"indicators.{r.indicator}.{r.measure}.{r.zone}", r.completion),
    }
    if r.zone == TOTAL:
        doc["actual_with_target"] = _num(r.compared_actual)
        doc["actual_without_target"] = _num(r.untargeted_actual)
        doc["zones_without_target"] = list(r.untargeted_zones)
    return doc


def _party(p: PartyScore, fig: _Figures) -> dict[str, Any]:
    return {
        "party": p.party,
        "party_id": p.party_id,
        "max_points": _num(p.max_points),
        "score": fig(f"parties.{p.party}", p.score),
        "dimensions": [_dimension(p.party, d, fig) for d in p.dimensions],
    }


def _dimension(party: str, d: DimensionScore, fig: _Figures) -> dict[str, Any]:
    base = f"parties.{party}.{d.dimension}"
    return {
        "dimension": d.dimension,
        "max_points": _num(d.max_points),
        "scale": _num(d.scale),
        "score": fig(base, d.score),
        "weighted_score": fig(f"{base}.折算分", d.weighted_score),
        "zones": [
            {"zone": z.zone, "score": fig(f"{base}.{z.zone}", z.score), "judges": _judges(z.judges)}
            for z in d.zones
        ],
        "judges": _judges(d.judges),
    }


def _judges(judges: tuple[JudgeScore, ...]) -> list[dict[str, Any]]:
    return [{"judge": j.judge, "score": _num(j.score)} for j in judges]


def _staffing(s: StaffingResult, fig: _Figures) -> dict[str, Any]:
    names = (
        "required",
        "actual",
        "certified_required",
        "certified_actual",
        "uncertified_actual",
        "shortfall",
        "certified_shortfall",
        "surplus",
        "certified_surplus",
        "experienced_person_months",
        "experienced_share",
        "certified_share",
        "continuously_employed",
        "retention_rate",
        "training_ratio",
        "personnel_cost_ratio",
    )
    doc: dict[str, Any] = {name: fig(f"staffing.{name}", getattr(s, name)) for name in names}
    doc["months"] = [
        {
            "month": str(m.month),
            "weight": _num(m.weight),
            "required": _num(m.required),
            "actual": _num(m.actual),
            "certified_required": _num(m.certified_required),
            "certified_actual": _num(m.certified_actual),
            "headcount": m.headcount,
            "short": m.short,
        }
        for m in s.months
    ]
    t = s.turnover
    doc["joiners"], doc["leavers"] = list(t.joiners), list(t.leavers)
    doc["end_headcount"] = {
        "certified": t.end_certified,
        "uncertified": t.end_uncertified,
        "by_qualification": [
            {
                "qualification": None if q is None else q.value,
                "label": "持证（等级未填）" if q is None else q.short,
                "certified": q is None or q.certified,
                "count": count,
            }
            for q, count in t.end_by_qualification
        ],
    }
    doc["excluded"] = list(s.excluded)
    return doc


def _satisfaction(s: Satisfaction | None, fig: _Figures) -> dict[str, Any] | None:
    """The survey's result; percentages with one decimal, each with its interval and n."""
    if s is None:
        return None

    def estimate(name: str, e: Estimate | None) -> dict[str, Any] | None:
        if e is None:
            return None
        inputs = {"有效回答人数": Decimal(e.n)}
        if e.satisfied is not None:
            inputs["满意人数"] = Decimal(e.satisfied)
        value = fig(f"satisfaction.{name}", Figure(e.value, s.formula_text(), inputs, "%"))
        return {
            "value": value,
            "low": _num(e.low),
            "high": _num(e.high),
            "n": e.n,
            "satisfied": e.satisfied,
        }

    return {
        "formula": s.formula,
        "confidence": _num(s.confidence),
        "scale": s.scale,
        "satisfied_min": _num(s.satisfied_min),
        "sample_size": s.sample_size,
        "reached": s.reached,
        "replaced": s.replaced,
        "not_reached": s.not_reached,
        "overall": estimate("overall", s.overall),
        "zones": [{"zone": z, "estimate": estimate(f"zones.{z}", e)} for z, e in s.by_zone],
        "items": [{"item": i, "estimate": estimate(f"items.{i}", e)} for i, e in s.by_item],
    }


def _contacts(f: FollowUpResult | None, fig: _Figures) -> dict[str, Any] | None:
    """The period's follow-up (docs/contacts.md): compliance per 片区, grade and period (grade as
    the number 1–4, period as 2023-03 or 2023-Q1), each 片区's figures, and the patterns."""
    if f is None:
        return None
    return {
        "example_schedule": f.schedule.example,
        "compliance": [
            {
                "zone": c.zone,
                "grade": c.grade,
                "period": c.period,
                "clients": c.clients,
                "met": c.met,
            }
            for c in f.compliance
        ],
        "zones": [
            {
                "zone": z.zone,
                "clients": z.clients,
                "households": z.households,
                "phone_calls": fig(f"contacts.{z.zone}.phone_calls", z.phone_calls),
                "visits": fig(f"contacts.{z.zone}.visits", z.visits),
                "judged": z.judged,
                "met": z.met,
                "met_share": fig(f"contacts.{z.zone}.met_share", z.met_share),
                "contacts_per_client_year": fig(
                    f"contacts.{z.zone}.contacts_per_client_year", z.contacts_per_client_year
                ),
            }
            for z in f.zones
        ],
        "patterns": [
            {
                "kind": p.kind,
                "detail": p.detail,
                "client": p.client,
                "worker": p.worker,
                "zone": p.zone,
                "on": p.on.isoformat() if p.on else None,
            }
            for p in f.patterns
        ],
    }


def _performance(p: PerformanceResult | None, fig: _Figures) -> dict[str, Any] | None:
    """The performance evaluation's 自评表 (docs/performance.md): budget, each indicator's target,
    actual (typed or computed, with its source), points, the 一级指标 subtotals, total and grade."""
    if p is None:
        return None
    budget = p.budget
    return {
        "scheme": p.scheme.id,
        "budget": None
        if budget is None
        else {
            "initial": _num(budget.initial),
            "annual": _num(budget.annual),
            "spent": _num(budget.spent),
            "project_year": budget.project_year,
            "sources": [
                {"kind": s.kind, "name": s.name, "amount": _num(s.amount)} for s in budget.sources
            ],
        },
        "execution_rate": fig("performance.execution_rate", p.execution_rate),
        "budget_points": fig("performance.budget_points", p.budget_points),
        "budget_weight": _num(p.scheme.budget_points),
        "targets": [
            {
                "level1": r.target.level1.value,
                "level2": r.target.level2,
                "level3": r.target.level3,
                "direction": r.target.direction.value,
                "target": _num(r.target.target),
                "target_text": r.target.target_text,
                "unit": r.target.unit,
                "weight": _num(r.target.points),
                "actual": _num(r.actual),
                "actual_text": r.actual_text,
                "source": r.source,
                "binding": r.binding or None,
                "points": fig(f"performance.targets.{i}.{r.target.level3}", r.points),
                "reason": r.target.reason,
            }
            for i, r in enumerate(p.rows, 1)
        ],
        "levels": [
            {
                "level": lv.level.value,
                "weight": _num(lv.weight),
                "allotted": _num(lv.allotted),
                "points": fig(f"performance.levels.{lv.level.value}", lv.points),
            }
            for lv in p.levels
        ],
        "total": fig("performance.total", p.total),
        "grade": p.grade.name,
        "problems": [{"code": w.code, "message": w.message} for w in p.problems],
    }


def _spot_checks(spot: SpotCheckResult | None) -> dict[str, object] | None:
    """The roll-up as plain JSON (the `spot_checks` block of `pinggu evaluate --json`); the
    experts' notes are not in it."""
    if spot is None:
        return None
    return {
        "seed": spot.seed,
        "example": spot.example,
        "types": [
            {
                "type": t.type.value,
                "listed": t.listed,
                "drawn": t.drawn,
                "checked": t.checked,
                "sentence": t.sentence,
                "items": [
                    {
                        "item": i.item.name,
                        "section": i.item.section,
                        "checked": i.checked,
                        "not_applicable": i.not_applicable,
                        "failing": [{"zone": f.zone, "id": f.id} for f in i.failing],
                    }
                    for i in t.items
                ],
            }
            for t in spot.types
        ],
        "drafts": [
            {"section": d.section, "zone": d.zone, "text": d.text, "files": list(d.files)}
            for d in spot.drafts
        ],
    }


def _onsite(o: OnSiteResult | None, fig: _Figures) -> dict[str, Any] | None:
    """Self-score gaps, the previous round's concerns and the on-site day
    (docs/onsite-rectification.md); interview summaries are not part of the result."""
    if o is None:
        return None
    r, d = o.rectification, o.day
    rectification: dict[str, Any] | None = None
    if r is not None:
        names = ("items", "done", "partial", "not_done", "unmarked", "overdue")
        rectification = {n: fig(f"onsite.rectification.{n}", getattr(r, n)) for n in names}
        rectification |= {
            "overdue_unrectified": fig(
                "onsite.rectification.overdue_unrectified", r.overdue_unrectified
            ),
            "share_rectified": fig("onsite.rectification.share_rectified", r.share_rectified),
            "raised_in": list(r.raised_in),
        }
    return {
        "self_gaps": [
            {
                "dimension": g.dimension,
                "zone": g.zone,
                "self_score": _num(g.self_score),
                "expert": fig(f"onsite.self.{g.dimension}.{g.zone or ''}.expert", g.expert),
                "gap": fig(f"onsite.self.{g.dimension}.{g.zone or ''}.gap", g.gap),
            }
            for g in o.self_gaps
        ],
        "rectification": rectification,
        "experts_present": list(d.experts),
        "agenda": [
            {
                "activity": a.activity.value,
                "start": a.start.isoformat("minutes") if a.start else None,
                "end": a.end.isoformat("minutes") if a.end else None,
                "note": a.note,
            }
            for a in d.agenda
        ],
        "files_checked": [
            {"type": f.type.value, "files": fig(f"onsite.files_checked.{f.type.value}", f.files)}
            for f in d.files_checked
        ],
        "interviews": [
            {
                "kind": c.kind.value,
                "interviews": fig(f"onsite.interviews.{c.kind.value}.count", c.interviews),
                "people": fig(f"onsite.interviews.{c.kind.value}.people", c.people),
            }
            for c in d.interviews
        ],
    }
