"""The round page's survey card: what this user may open of the round's survey."""

from __future__ import annotations

from typing import Any

from django import template

from pinggu import Estimate

from .. import access, roles
from ..models import Round, latest_roster
from ..survey import draw as survey

register = template.Library()


@register.inclusion_tag("web/survey/round_card.html", takes_context=True)
def survey_card(context: dict[str, Any], round_: Round) -> dict[str, object]:
    """Links by role (survey roles: the draw and the desk; station and coordinator: the roster;
    coordinator and bureau: the access log) and the counts everyone of the round may see."""
    user = context["request"].user
    held = access.round_roles(user, round_)
    stored = survey.draw_of(round_)
    return {
        "round": round_,
        "survey_role": roles.can(held, "view_personal_data"),
        "roster_role": roles.can(held, "upload_roster"),
        "may_see_log": roles.can(held, "view_access_log"),
        "roster": latest_roster(round_.station),
        "stored": stored,
        "overall": survey.progress(stored)[0] if stored else None,
    }


@register.filter
def interval(estimate: Estimate, min_answers: int) -> str:
    """「78.4%–92.2%」, or 「人数过少」 under the scheme's min_interval_answers (as the report,
    which then prints the figure alone)."""
    if estimate.n < min_answers:
        return "人数过少"
    return f"{estimate.low}%–{estimate.high}%"
