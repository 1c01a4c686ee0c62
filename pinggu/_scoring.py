"""Party and dimension scores: experts combined, 片区 averaged, totals from shown parts.

Each shown figure is rounded half-up, and every total is the sum of the shown figures above it,
so the printed score table always adds up (seed 002 prints 87.39 where its rows add to 86.39).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ._figures import Figure
from ._model import ScoreRow, Zone
from ._numbers import ZERO, plain, shown
from ._scheme import THIRD_PARTY, Dimension, Party, Scheme

_METHOD_NAMES = {"mean": "平均", "median": "中位数", "trimmed_mean": "去掉最高最低分后平均"}


@dataclass(frozen=True)
class JudgeScore:
    judge: str
    score: Decimal


@dataclass(frozen=True)
class ZoneScore:
    zone: str
    score: Figure | None
    judges: tuple[JudgeScore, ...]


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    max_points: Decimal
    scale: Decimal
    per_zone: bool
    score: Figure | None  # on the experts' scale (评分)
    weighted_score: Figure | None  # contribution to the party (折算分)
    zones: tuple[ZoneScore, ...]
    judges: tuple[JudgeScore, ...]  # for dimensions not scored per zone


@dataclass(frozen=True)
class PartyScore:
    party_id: str
    party: str
    max_points: Decimal
    score: Figure | None
    dimensions: tuple[DimensionScore, ...]


@dataclass(frozen=True)
class Scores:
    parties: tuple[PartyScore, ...]
    total: Figure | None
    missing: tuple[str, ...]  # what has no score yet, in words

    @property
    def third_party(self) -> PartyScore | None:
        return next((p for p in self.parties if p.party_id == THIRD_PARTY), None)


def combine(values: list[Decimal], scheme: Scheme) -> tuple[Decimal, str]:
    """Several experts' scores → one, by the scheme's method. Returns (value, how)."""
    method = scheme.combine
    if method == "median":
        return Decimal(statistics.median(values)), f"{len(values)} 位评委评分的中位数"
    if method == "trimmed_mean" and len(values) > 2 * scheme.trim:
        kept = sorted(values)[scheme.trim : len(values) - scheme.trim]
        how = f"{len(values)} 位评委评分去掉最高、最低各 {scheme.trim} 个后的平均"
        return sum(kept, ZERO) / len(kept), how
    how = f"{len(values)} 位评委评分的平均"
    if method == "trimmed_mean":
        how += f"（评委不足 {2 * scheme.trim + 1} 位，未去掉最高最低分）"
    return sum(values, ZERO) / len(values), how


def _combined(judges: list[JudgeScore], scheme: Scheme) -> Figure | None:
    if not judges:
        return None
    value, how = combine([j.score for j in judges], scheme)
    inputs = {j.judge: j.score for j in judges}
    return Figure(shown(value, scheme.places), how, inputs)


def _dimension(
    dim: Dimension,
    party: Party,
    grouped: dict[tuple[str, str, str | None], list[JudgeScore]],
    zones: tuple[Zone, ...],
    scheme: Scheme,
    missing: list[str],
) -> DimensionScore:
    zone_scores: list[ZoneScore] = []
    judges: list[JudgeScore] = []
    if dim.per_zone:
        for zone in zones:
            zj = grouped.get((party.name, dim.name, zone.name), [])
            zone_scores.append(ZoneScore(zone.name, _combined(zj, scheme), tuple(zj)))
        missing.extend(
            f"{party.name}·{dim.name}（{z.zone}）" for z in zone_scores if z.score is None
        )
        shown_zones = [z.score.value for z in zone_scores if z.score is not None]
        score = None
        if zone_scores and len(shown_zones) == len(zone_scores):
            mean = shown(sum(shown_zones, ZERO) / len(shown_zones), scheme.places)
            inputs = {z.zone: z.score.value for z in zone_scores if z.score is not None}
            score = Figure(mean, f"{len(shown_zones)} 个片区得分的平均", inputs)
    else:
        judges = grouped.get((party.name, dim.name, None), [])
        score = _combined(judges, scheme)
        if score is None:
            missing.append(party.name if dim.name == party.name else f"{party.name}·{dim.name}")
    weighted = None
    if score is not None:
        if dim.scale == dim.max_points:
            weighted = Figure(
                score.value, "折算分 = 评分（标准分即评分满分）", {"评分": score.value}
            )
        else:
            value = shown(score.value * dim.max_points / dim.scale, scheme.places)
            formula = f"评分 × 标准分 ÷ 评分满分（{plain(dim.max_points)} ÷ {plain(dim.scale)}）"
            weighted = Figure(value, formula, {"评分": score.value})
    return DimensionScore(
        dim.name,
        dim.max_points,
        dim.scale,
        dim.per_zone,
        score,
        weighted,
        tuple(zone_scores),
        tuple(judges),
    )


def score_result(rows: tuple[ScoreRow, ...], zones: tuple[Zone, ...], scheme: Scheme) -> Scores:
    grouped: dict[tuple[str, str, str | None], list[JudgeScore]] = defaultdict(list)
    for row in rows:
        grouped[(row.party, row.dimension, row.zone)].append(JudgeScore(row.judge, row.score))
    missing: list[str] = []
    parties = []
    for party in scheme.parties:
        dims = tuple(
            _dimension(d, party, grouped, zones, scheme, missing) for d in party.dimensions
        )
        parts = [d.weighted_score for d in dims]
        score = None
        if all(p is not None for p in parts):
            values = {d.dimension: d.weighted_score.value for d in dims if d.weighted_score}
            score = Figure(sum(values.values(), ZERO), "各评估内容折算分之和", values)
        parties.append(PartyScore(party.id, party.name, party.max_points, score, dims))
    total = None
    if all(p.score is not None for p in parties):
        values = {p.party: p.score.value for p in parties if p.score}
        total = Figure(sum(values.values(), ZERO), "各评估方得分之和", values)
    return Scores(tuple(parties), total, tuple(missing))
