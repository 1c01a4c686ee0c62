"""The gap between the station's self-scores and the experts' scores, per dimension (and 片区),
as the engine computed it (`Result.onsite.self_gaps`, read from the round's stored result)."""

from __future__ import annotations

from .. import engine
from ..digest import SelfGap
from ..models import Round


def gaps_of(round_: Round) -> tuple[SelfGap, ...]:
    """Empty before any data or any self-score."""
    digest = engine.digest_of(round_)
    return digest.self_gaps if digest is not None else ()
