"""Findings (意见) in the workspace: each party writes its own sections; experts keep, edit or
drop the drafts the rules wrote from the figures. Only kept drafts reach the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

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
                Draft(name, zone, kind, str(i.text), i.rule_name)
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
    audit.record(
        round_,
        user,
        f"添加意见（{section}）",
        new={"text": entry.text},
        reason=reason,
    )
    return entry


@transaction.atomic
def remove(entry: FindingEntry, user: User) -> None:
    audit.record(
        entry.round,
        user,
        f"删除意见（{entry.section}）",
        old={"text": entry.text},
    )
    entry.delete()
