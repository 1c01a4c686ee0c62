"""The round page's spot-check card and the filters of the spot-check pages."""

from __future__ import annotations

from typing import Any

from django import template

from pinggu import SpotCheckResult

from .. import access, roles
from ..models import CheckedFile, Round
from ..spotcheck import draw as spot
from ..spotcheck import lists, stored

register = template.Library()


@register.inclusion_tag("web/spotcheck/round_card.html", takes_context=True)
def spotcheck_card(context: dict[str, Any], round_: Round) -> dict[str, object]:
    """The lists' counts for everyone of the round; the draw's progress and the roll-up for
    those who may see the checks (never the station before the report is issued)."""
    user = context["request"].user
    held = access.round_roles(user, round_)
    latest = stored.latest_list(round_)
    may_see = access.may_see_spot_checks(user, round_)
    draw = stored.draw_of(round_) if may_see else None
    return {
        "round": round_,
        "latest": latest,
        "summary": lists.summary(latest) if latest else "",
        "may_see": may_see,
        "may_upload": roles.can(held, "upload_file_lists") and not round_.locked,
        "may_mark": roles.can(held, "spot_check_mark") and not round_.locked,
        "draw": draw,
        "progress": spot.progress(draw) if draw else None,
        "result": stored.result_of(round_) if draw else None,
        "upload_max_mb": context.get("upload_max_mb"),
    }


@register.filter
def file_entry(entries: dict[str, dict[str, object]], file: CheckedFile) -> dict[str, object]:
    """The listed file's row (社工, 名称, 服务对象编号) of a checked file."""
    return entries.get(f"{file.type}|{file.file_id}", {})


@register.filter
def unmet_items(file: CheckedFile) -> str:
    """「知情同意书签名（缺少家属签名）、结案评估」: the items a checked file does not meet."""
    return "、".join(
        m["item"] + (f"（{m['note']}）" if m.get("note") else "")
        for m in file.marks or []
        if m.get("verdict") == "不符合"
    )


@register.filter
def sentences(result: SpotCheckResult) -> list[str]:
    """The roll-up's sentences (「抽查个案档案 12 份，其中 3 份知情同意书缺少签名」)."""
    return list(result.sentences)


@register.filter
def files_for(by_text: dict[str, list[CheckedFile]], text: str) -> list[CheckedFile]:
    """The checked files behind a draft finding (none for a draft of another rule)."""
    return by_text.get(text, [])
