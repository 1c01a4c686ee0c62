"""The round page's rectification card: the previous round's items as this round follows them
(with the experts' marks and the engine's summary of them — counts by mark, share rectified, the
items past due at the fieldwork date that back the rectification veto — for those who may see
this round's result) and how many of this round's own concerns the station is answering, linked
to the rectification page."""

from __future__ import annotations

from typing import Any

from django import template

from pinggu import rectification_summary

from .. import access
from ..models import Round
from ..rectification.items import (
    engine_items,
    followed_in,
    previous_round,
    raised_in,
    round_title,
)

register = template.Library()


@register.inclusion_tag("web/rectification/round_card.html", takes_context=True)
def rectification_card(context: dict[str, Any], round_: Round) -> dict[str, object]:
    request = context["request"]
    previous = previous_round(round_)
    own = list(raised_in(round_).filter(withdrawn=False))
    show_marks = access.may_see_result(request.user, round_)
    # the engine's own figures, as the report prints them (at the fieldwork date)
    summary = rectification_summary(engine_items(round_), round_.fieldwork_date)
    return {
        "round": round_,
        "csp_nonce": getattr(request, "csp_nonce", ""),  # for the card's style sheet
        "previous_title": round_title(previous) if previous else "",
        "followed": list(followed_in(round_)) if previous else [],
        "show_marks": show_marks,
        "summary": summary if show_marks else None,
        "own": len(own),
        "answered": sum(1 for i in own if i.response),
    }
