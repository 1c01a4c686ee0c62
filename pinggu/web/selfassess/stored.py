"""The self-scores as the engine's input (engine.py `_onsite_of`): read from the round's
records only, so the engine can import this without an import circle."""

from __future__ import annotations

from pinggu import SelfScore

from ..models import Round, SelfScoreEntry


def self_scores(round_: Round) -> tuple[SelfScore, ...] | None:
    """The station's self-scores entered in the workspace; None when it has entered none (the
    workbook's 自评 sheet, if any, then stands)."""
    entries = SelfScoreEntry.objects.filter(round=round_).order_by("id")
    if not entries.exists():
        return None
    return tuple(SelfScore(e.dimension, e.zone or None, e.score) for e in entries)
