"""Findings (意见) in the workspace: each party writes its own sections; experts keep, edit or
drop the drafts the rules wrote from the figures. Only kept drafts reach the report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from pinggu import load_scheme, section_findings

from .. import audit, engine, roles
from ..models import FindingEntry, Round

# Every section's writers: write_findings:<section> where the table names the section (the
# parties' own), else write_findings (the experts' sections).
WRITE = "write_findings"
WRITE_ACTIONS = (WRITE, *roles.prefixed(f"{WRITE}:"))


@dataclass(frozen=True)
class Draft:
    section: str
    zone: str
    kind: str
    text: str
    rule: str  # the rule it was written from, in Chinese (稳岗率); never the program's id


def sections_for(round_: Round, held: set[str]) -> list[str]:
    """The finding sections these roles write, in the scheme's order."""
    names = [s.name for s in load_scheme(round_.scheme).sections]
    return [n for n in names if roles.can(held, _action(n))]


def _action(section: str) -> str:
    own = f"{WRITE}:{section}"
    return own if own in roles.ACTIONS else WRITE


def drafts(round_: Round, sections: list[str]) -> list[Draft]:
    """The rules' drafts for these sections that nobody has kept yet."""
    result = engine.result_of(round_)
    if result is None:
        return []
    kept = {t for pair in round_.findings.values_list("text", "draft") for t in pair if t}
    out = []
    for name, found in section_findings(result).items():
        if name not in sections:
            continue
        groups = [("", found.strengths, "strength"), ("", found.concerns, "concern")]
        groups += [
            (z.zone, items, kind)
            for z in found.zones
            for items, kind in ((z.strengths, "strength"), (z.concerns, "concern"))
        ]
        for zone, items, kind in groups:
            out += [
                Draft(name, zone, kind, str(i.text), i.rule_name)
                for i in items
                if i.draft and str(i.text) not in kept
            ]
    return out


def zone_problem(round_: Round, section: str, zone: str) -> str:
    """Why a finding cannot go in this 片区 ("" if it can): a section written per 片区
    (服务质量) needs one of the round's 片区, every other section none. The report prints
    findings only there, so any other place would keep a finding out of the report."""
    sections = load_scheme(round_.scheme).sections
    per_zone = next((s.per_zone for s in sections if s.name == section), False)
    data = engine.data_of(round_)
    zones = [z.name for z in data.zones] if data else []
    if per_zone and zone not in zones:
        listed = "、".join(zones) or "（尚未上传数据，没有片区）"
        return f"{section}的意见按片区填写：请选择片区（{listed}）"
    if not per_zone and zone:
        return f"{section}的意见不分片区：请把片区留空（只有按片区评估的部分选择片区）"
    return ""


def _draft_subject(text: str) -> str:
    return "draft:" + hashlib.sha256(text.encode()).hexdigest()[:32]


@transaction.atomic
def add(
    round_: Round,
    user: User,
    new: Draft,
    reason: str,
    *,
    since: int | None,
    draft: str = "",
) -> str:
    """Store a finding (`new.rule` unused); `draft`: the rules' draft it keeps, as the rules
    wrote it. Returns why it was refused ("" when stored): a draft is kept once — by whoever
    keeps it first, edited or not — so the report never holds a draft and its edited twin."""
    audit.lock(round_)
    if draft:
        taken = round_.findings.filter(Q(draft=draft) | Q(text=draft)).exists()
        stale = audit.stale(round_, since, [_draft_subject(draft)])
        if stale:
            return stale
        if taken:
            return "这条草稿已被采用（见「已采用的意见」），不能再采用一次。"
        offered = {d.text for d in drafts(round_, [new.section])}
        if draft not in offered:
            return "这条草稿已不在当前的计算结果中（数据或评分已更新），请重新打开意见页。"
    store(round_, user, new, reason, draft=draft)
    return ""


def store(
    round_: Round, user: User, new: Draft, reason: str = "", *, draft: str = ""
) -> FindingEntry:
    """Store a finding last in its section, 片区 and kind, and log it (the caller holds the
    round's lock and has checked it may): the one way a finding is written, whether typed,
    kept from a draft or carried from a previous round's concern (rectification/work.py)."""
    entry = FindingEntry.objects.create(
        round=round_,
        section=new.section,
        zone=new.zone,
        kind=new.kind,
        text=new.text.strip(),
        author=user,
        order=round_.findings.filter(section=new.section, zone=new.zone, kind=new.kind).count(),
        draft=draft,
    )
    audit.record(
        round_,
        user,
        f"采用意见草稿（{new.section}）" if draft else f"添加意见（{new.section}）",
        new={"text": entry.text},
        reason=reason,
        subject=_draft_subject(draft) if draft else f"finding:{entry.pk}",
    )
    return entry


@transaction.atomic
def remove(round_: Round, entry_id: int, sections: list[str], user: User, since: int | None) -> str:
    """Delete an entry; returns why not ("" when deleted): it was deleted since the page was
    opened."""
    audit.lock(round_)
    entry = round_.findings.filter(pk=entry_id, section__in=sections).first()
    if entry is None:
        gone = audit.changes_since(round_, None, [f"finding:{entry_id}"])
        return audit.conflict_message(gone) if gone else "没有这条意见"
    audit.record(
        round_,
        user,
        f"删除意见（{entry.section}）",
        old={"text": entry.text},
        subject=f"finding:{entry.pk}",
    )
    entry.delete()
    return ""
