"""What the experts see beside their score form (rounds/scoring.py): the station's self-score
for each row they score, and the self-assessment's documents to open."""

from __future__ import annotations

from dataclasses import dataclass

from pinggu import load_scheme

from .. import roles
from ..models import Round, SelfDocument
from . import documents, scores


@dataclass(frozen=True)
class Beside:
    documents: list[SelfDocument]
    entered: int  # how many self-scores the station entered


def add_self_scores(
    round_: Round, party_id: str, held: set[str], rows: list[dict[str, object]]
) -> Beside | None:
    """Put the station's self-score into each row of a third-party score form (key "self":
    the score, or None); None when the form is another party's or the user may not see it."""
    third = load_scheme(round_.scheme).third_party
    if third is None or party_id != third.id or not roles.can(held, "view_self_assessment"):
        return None
    stored = scores.shown_values(round_)
    for row in rows:
        row["self"] = stored.get(str(row["name"]))
    return Beside(documents.listed(round_), len(stored))
