"""The gap between the station's self-scores and the experts' scores, per dimension (and 片区),
as the engine computed it (`Result.onsite.self_gaps`, read from the round's stored result)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models import Round


@dataclass(frozen=True)
class Gap:
    dimension: str
    zone: str
    self_score: Decimal
    expert: Decimal | None
    gap: Decimal | None


def gaps_of(round_: Round) -> list[Gap] | None:
    """None until the engine's result carries the gaps."""
    return None
