"""The round page's cards of the self-assessment (自评) and of the on-site day (实地评估)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from .. import access, roles
from ..models import Round
from ..onsiteday.views import may_see_interviews
from ..selfassess import gaps, scores

register = template.Library()


@register.filter
def signed(value: object) -> str:
    """A gap with its sign (+1.50, −0.50, 0.00): which way the station misjudged itself."""
    if not isinstance(value, Decimal):
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):.2f}"


@register.inclusion_tag("web/selfassess/round_card.html", takes_context=True)
def selfassess_card(context: dict[str, Any], round_: Round) -> dict[str, object]:
    """Read from the stored result (the self-scores the engine counted, the workbook's or the
    workspace's, with their gaps): a round page never decodes the round's data."""
    request = context["request"]
    held = access.round_roles(request.user, round_)
    may_see = roles.can(held, "view_self_assessment")
    gaps_ = gaps.gaps_of(round_) if may_see else ()
    return {
        "round": round_,
        "may_see": may_see,
        "may_edit": may_see and not scores.edit_refusal(round_, held),
        "entered": len(gaps_) or (round_.self_scores.count() if may_see else 0),
        "documents": round_.self_documents.count() if may_see else 0,
        "gaps": gaps_ if access.may_see_result(request.user, round_) else (),
    }


@register.inclusion_tag("web/onsiteday/round_card.html", takes_context=True)
def onsite_card(context: dict[str, Any], round_: Round) -> dict[str, object]:
    request = context["request"]
    held = access.round_roles(request.user, round_)
    return {
        "round": round_,
        "may_record": roles.can(held, "record_onsite_day") and not round_.locked,
        "agenda": round_.agenda.count(),
        "interviews": round_.interviews.count() if may_see_interviews(held, round_) else None,
    }
