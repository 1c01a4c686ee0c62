"""What the round page and the dashboard read of a round's result: a typed view of the engine's
JSON document (`pinggu evaluate --json`, `result_to_dict`), so pages never handle raw dicts and
never need the engine's `Result` (which would mean running the engine).

`prune` keeps the part of the document the pages read, in the document's own shape (stored
beside the full document: the dashboard reads hundreds at once); `Digest.read` reads either.
Two facts the document leaves out ride along under keys of their own: the station's contracted
workers and the scheme's minimum answers for an interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pinggu import STATION_WIDE, TOTAL, Estimate, Satisfaction

Document = dict[str, Any]  # one JSON document, read only here
ONE_DECIMAL = Decimal("0.1")  # satisfaction figures are rounded to one decimal


def _dec(value: Any) -> Decimal | None:
    """A JSON number back as a Decimal with the digits it was written with."""
    return None if value is None else Decimal(str(value))


def _req(value: Any) -> Decimal:
    number = _dec(value)
    assert number is not None, "a figure the engine always gives is missing"
    return number


@dataclass(frozen=True)
class Veto:
    rule: str
    detail: str


@dataclass(frozen=True)
class Dimension:
    """One party's score on one dimension (the party's own total when dimension == party)."""

    party: str
    dimension: str
    max_points: Decimal
    score: Decimal | None
    weighted_score: Decimal | None


@dataclass(frozen=True)
class Indicator:
    """An indicator's station total (合计 or 全站) and its completion (None: no target)."""

    group: str
    indicator: str
    measure: str
    completion: Decimal | None


@dataclass(frozen=True)
class SelfGap:
    """A station's self-score beside the experts' score (None: not scored yet) and the gap,
    self − expert (docs/onsite-rectification.md)."""

    dimension: str
    zone: str
    self_score: Decimal
    expert: Decimal | None
    gap: Decimal | None


@dataclass(frozen=True)
class Staffing:
    required: Decimal
    actual: Decimal
    shortfall: Decimal
    certified_required: Decimal
    certified_actual: Decimal
    continuously_employed: Decimal
    retention_rate: Decimal
    experienced_share: Decimal | None


STAFFING_KEYS = (
    "required",
    "actual",
    "shortfall",
    "certified_required",
    "certified_actual",
    "continuously_employed",
    "retention_rate",
    "experienced_share",
)


@dataclass(frozen=True)
class Performance:
    """The street office's performance evaluation (绩效评价) as the dashboard shows it."""

    execution_rate: Decimal | None  # 预算执行率, percent; None without a budget
    budget_points: Decimal
    levels: tuple[tuple[str, Decimal], ...]  # (一级指标, points) in the scheme's order
    total: Decimal
    grade: str
    problems: int

    @classmethod
    def read(cls, doc: Document | None) -> Performance | None:
        if doc is None:
            return None
        return cls(
            execution_rate=_dec(doc["execution_rate"]),
            budget_points=_req(doc["budget_points"]),
            levels=tuple((lv["level"], _req(lv["points"])) for lv in doc["levels"]),
            total=_req(doc["total"]),
            grade=doc["grade"],
            problems=len(doc["problems"]),
        )


def _prune_performance(doc: Document | None) -> Document | None:
    if doc is None:
        return None
    keep = ("execution_rate", "budget_points", "total", "grade")
    return {
        **{k: doc[k] for k in keep},
        "levels": [{"level": lv["level"], "points": lv["points"]} for lv in doc["levels"]],
        "problems": [{"message": p["message"]} for p in doc["problems"]],
    }


@dataclass(frozen=True)
class Digest:
    """A round's result as the pages show it."""

    scheme: str
    contract_workers: int
    total_score: Decimal | None
    grade: str | None
    vetoes: tuple[Veto, ...]
    expected_progress: Decimal | None
    dimensions: tuple[Dimension, ...]
    staffing: Staffing
    indicators: tuple[Indicator, ...]
    warnings: tuple[str, ...]
    satisfaction: Satisfaction | None
    self_gaps: tuple[SelfGap, ...] = ()
    performance: Performance | None = None

    @classmethod
    def read(cls, doc: Document) -> Digest:
        """The digest of a full or pruned document (with the two extra keys)."""
        staffing = doc["staffing"]
        return cls(
            scheme=doc["scheme"],
            contract_workers=doc["contract_workers"],
            total_score=_dec(doc["total_score"]),
            grade=doc["grade"],
            vetoes=tuple(Veto(v["rule"], v["detail"]) for v in doc["vetoes"]),
            expected_progress=_dec(doc["expected_progress"]),
            dimensions=tuple(
                Dimension(
                    p["party"],
                    d["dimension"],
                    _req(d["max_points"]),
                    _dec(d["score"]),
                    _dec(d["weighted_score"]),
                )
                for p in doc["parties"]
                for d in p["dimensions"]
            ),
            staffing=Staffing(
                required=_req(staffing["required"]),
                actual=_req(staffing["actual"]),
                shortfall=_req(staffing["shortfall"]),
                certified_required=_req(staffing["certified_required"]),
                certified_actual=_req(staffing["certified_actual"]),
                continuously_employed=_req(staffing["continuously_employed"]),
                retention_rate=_req(staffing["retention_rate"]),
                experienced_share=_dec(staffing["experienced_share"]),
            ),
            indicators=tuple(
                Indicator(i["group"], i["indicator"], i["measure"], _dec(i["completion"]))
                for i in doc["indicators"]
                if i["zone"] in (TOTAL, STATION_WIDE)
            ),
            warnings=tuple(w["message"] for w in doc["warnings"]),
            satisfaction=_satisfaction(doc["satisfaction"], doc["min_interval_answers"]),
            self_gaps=tuple(
                SelfGap(
                    g["dimension"],
                    g["zone"] or "",
                    _req(g["self_score"]),
                    _dec(g["expert"]),
                    _dec(g["gap"]),
                )
                for g in (doc.get("onsite") or {}).get("self_gaps", [])
            ),
            performance=Performance.read(doc.get("performance")),
        )


def prune(doc: Document, contract_workers: int, min_interval_answers: int) -> Document:
    """The part of the engine's document that `Digest.read` reads, with the two extra facts."""
    staffing = doc["staffing"]
    return {
        "scheme": doc["scheme"],
        "contract_workers": contract_workers,
        "min_interval_answers": min_interval_answers,
        "total_score": doc["total_score"],
        "grade": doc["grade"],
        "vetoes": [{"rule": v["rule"], "detail": v["detail"]} for v in doc["vetoes"]],
        "expected_progress": doc["expected_progress"],
        "parties": [
            {
                "party": p["party"],
                "dimensions": [
                    {k: d[k] for k in ("dimension", "max_points", "score", "weighted_score")}
                    for d in p["dimensions"]
                ],
            }
            for p in doc["parties"]
        ],
        "staffing": {k: staffing[k] for k in STAFFING_KEYS},
        "indicators": [
            {k: i[k] for k in ("zone", "group", "indicator", "measure", "completion")}
            for i in doc["indicators"]
            if i["zone"] in (TOTAL, STATION_WIDE)
        ],
        "warnings": [{"message": w["message"]} for w in doc["warnings"]],
        "satisfaction": doc["satisfaction"],
        "onsite": {"self_gaps": (doc.get("onsite") or {}).get("self_gaps", [])},
        "performance": _prune_performance(doc.get("performance")),
    }


def _estimate(doc: Document | None) -> Estimate | None:
    if doc is None:
        return None

    def one(value: Any) -> Decimal:
        return _req(value).quantize(ONE_DECIMAL)

    return Estimate(
        one(doc["value"]), one(doc["low"]), one(doc["high"]), doc["n"], doc["satisfied"]
    )


def _satisfaction(doc: Document | None, min_interval_answers: int) -> Satisfaction | None:
    if doc is None:
        return None
    return Satisfaction(
        formula=doc["formula"],
        confidence=_req(doc["confidence"]),
        overall=_estimate(doc["overall"]),
        by_zone=tuple((z["zone"], _estimate(z["estimate"])) for z in doc["zones"]),
        by_item=tuple((i["item"], _estimate(i["estimate"])) for i in doc["items"]),
        sample_size=doc["sample_size"],
        reached=doc["reached"],
        replaced=doc["replaced"],
        not_reached=doc["not_reached"],
        scale=doc["scale"],
        satisfied_min=_req(doc["satisfied_min"]),
        min_interval_answers=min_interval_answers,
    )
