"""Scores (评分) and veto declarations (否决), following whichever scheme is given.

Experts score every third-party dimension (服务质量 once per 片区) close to one another and
close to the station's level, each dimension sitting where the seeds put it; the other parties
score once. No declared veto applies: a synthetic station fails only if its data say so.
"""

from __future__ import annotations

import random

from .._model import ScoreRow, VetoDeclaration, Zone
from .._scheme import THIRD_PARTY, Party, Scheme
from .rounding import step

__all__ = ["MAX_EXPERTS", "scores", "vetoes"]

_EXPERT_LETTERS = "ABCDEFGHIJ"
MAX_EXPERTS = len(_EXPERT_LETTERS)
_JUDGES = {
    "purchaser": "街道代表",
    "supervision_centre": "督导中心代表",
    "supervisor": "区民政局代表",
}
# how a third-party dimension usually sits against the station's level (seed 002: 服务监测 9.42/10,
# 服务成效 11.65/15, 运营管理 9.14/10, 服务质量 about 15.4/20)
_DIMENSION_BIAS = {"服务监测": 0.08, "运营管理": 0.06, "服务成效": -0.05, "服务质量": -0.04}
# centre of a one-score party's score, as a share of its scale (seed 002: 20/20, 12/15, 8.8/10)
_PARTY_LEVEL = {
    "purchaser": (0.88, 1.0),
    "supervision_centre": (0.76, 0.92),
    "supervisor": (0.8, 0.95),
}


def _judges(party: Party, experts: int) -> list[str]:
    if party.id == THIRD_PARTY or len(party.dimensions) > 1:
        return [f"专家{_EXPERT_LETTERS[i]}" for i in range(experts)]
    return [_JUDGES.get(party.id, f"{party.name}代表")]


def _centre(rng: random.Random, party: Party, dimension: str, level: float) -> float:
    """Where a dimension's scores sit, as a share of its scale."""
    if party.id in _PARTY_LEVEL:
        return rng.uniform(*_PARTY_LEVEL[party.id])
    return min(0.97, level + _DIMENSION_BIAS.get(dimension, 0.0) + rng.uniform(-0.04, 0.04))


def scores(
    rng: random.Random, scheme: Scheme, zones: tuple[Zone, ...], experts: int
) -> tuple[ScoreRow, ...]:
    """Each expert scores each third-party dimension (服务质量 per 片区); others score once."""
    level = rng.uniform(0.8, 0.9)  # how good this station is, as a share of the maximum
    rows: list[ScoreRow] = []
    for party in scheme.parties:
        judges = _judges(party, experts)
        for dim in party.dimensions:
            scale = float(dim.scale)
            unit = ("0.1" if len(judges) > 1 else "0.5") if scale <= 20 else "1"
            for zone in [z.name for z in zones] if dim.per_zone else [None]:
                centre = _centre(rng, party, dim.name, level)
                for judge in judges:
                    spread = rng.uniform(-0.04, 0.04) if len(judges) > 1 else 0.0
                    share = min(1.0, max(0.5, centre + spread))
                    rows.append(
                        ScoreRow(party.name, dim.name, zone, judge, step(share * scale, unit))
                    )
    return tuple(rows)


def vetoes(scheme: Scheme) -> tuple[VetoDeclaration, ...]:
    """Every declared veto of the scheme, none applying."""
    return tuple(VetoDeclaration(v.title, False, "") for v in scheme.vetoes if not v.computed)
