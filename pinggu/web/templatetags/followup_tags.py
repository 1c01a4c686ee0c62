"""The round page's follow-up card: the period's compliance for the coordinator and the
experts, and the link to 跟进提醒 for everyone who may open it."""

from __future__ import annotations

from typing import Any

from django import template

from .. import access, roles
from ..followup import summary
from ..models import Round

register = template.Library()


@register.inclusion_tag("web/followup/round_card.html", takes_context=True)
def followup_card(context: dict[str, Any], round_: Round) -> dict[str, object]:
    request = context["request"]
    held = access.round_roles(request.user, round_)
    may_see = roles.can(held, "view_round_followup")
    return {
        "round": round_,
        "csp_nonce": getattr(request, "csp_nonce", ""),  # for the card's style sheet
        "may_see": may_see,
        "may_view": roles.can(held, "view_followup"),
        "may_upload": roles.can(held, "upload_contacts"),
        "summary": summary.summary(round_.station, round_) if may_see else None,
    }
