"""Findings (意见) in the workspace: each party writes its own sections; experts keep, edit or
drop the drafts the rules wrote from the figures. Only kept drafts reach the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from pinggu import load_scheme
from pinggu._report.findings import section_findings

from .models import AuditEntry, FindingEntry, Role, Round
from .rounds import result_of

OWN_SECTIONS: dict[str, tuple[str, ...]] = {
    Role.PURCHASER: ("购买方",),
    Role.SUPERVISION_CENTRE: ("督导中心",),
    Role.SUPERVISOR: ("监督方",),
}
PARTY_SECTIONS = frozenset(s for sections in OWN_SECTIONS.values() for s in sections)


@dataclass(frozen=True)
class Draft:
    section: str
    zone: str
    kind: str
    text: str
    rule: str


def sections_for(round_: Round, held: set[str]) -> list[str]:
    """The finding sections these roles write: experts and the coordinator all but the parties'."""
    names = [s.name for s in load_scheme(round_.scheme).sections]
    mine: list[str] = []
    if held & {Role.EXPERT, Role.COORDINATOR}:
        mine += [n for n in names if n not in PARTY_SECTIONS]
    if Role.COORDINATOR in held:
        mine += [n for n in names if n in PARTY_SECTIONS]
    for role, sections in OWN_SECTIONS.items():
        if role in held:
            mine += [n for n in sections if n not in mine]
    return [n for n in names if n in mine]


def drafts(round_: Round, sections: list[str]) -> list[Draft]:
    """The rules' drafts for these sections that nobody has kept yet."""
    result = result_of(round_)
    if result is None:
        return []
    kept = set(round_.findings.values_list("text", flat=True))
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
                Draft(name, zone, kind, str(i.text), i.rule or "")
                for i in items
                if i.draft and str(i.text) not in kept
            ]
    return out


@transaction.atomic
def add(
    round_: Round, user: User, section: str, zone: str, kind: str, text: str, reason: str
) -> FindingEntry:
    entry = FindingEntry.objects.create(
        round=round_,
        section=section,
        zone=zone,
        kind=kind,
        text=text.strip(),
        author=user,
        order=round_.findings.filter(section=section, zone=zone, kind=kind).count(),
    )
    AuditEntry.objects.create(
        round=round_,
        user=user,
        action=f"添加意见（{section}）",
        new={"text": entry.text},
        reason=reason,
    )
    return entry


@transaction.atomic
def remove(entry: FindingEntry, user: User) -> None:
    AuditEntry.objects.create(
        round=entry.round,
        user=user,
        action=f"删除意见（{entry.section}）",
        old={"text": entry.text},
    )
    entry.delete()
