"""Scores entered in the browser: each party's judges score through their own form.

The station's workbook brings the facts (基本信息, 片区, 指标, 到岗); each party brings its own
scores and findings through its form (engine.py puts them into the engine's input). Which
party a user scores for is the score:<party> actions of roles.py.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from pinggu import Evaluation, Scheme, load_scheme

from .. import audit, engine
from ..models import FindingEntry, Round, ScoreEntry


def form_fields(
    scheme: Scheme, party_id: str, zones: list[str]
) -> list[tuple[str, str, str, Decimal]]:
    """(field name, label, zone, scale) of every score a party's judge enters."""
    party = next(p for p in scheme.parties if p.id == party_id)
    fields = []
    for d in party.dimensions:
        for zone in zones if d.per_zone else [""]:
            label = f"{d.name}（{zone}）" if zone else d.name
            fields.append((f"{d.name}|{zone}", label, zone, d.scale))
    return fields


def party_name(round_: Round, party_id: str) -> str:
    return next(p.name for p in load_scheme(round_.scheme).parties if p.id == party_id)


def score_rows(
    round_: Round,
    user: User,
    party_id: str,
    posted: dict[str, str] | None,
    errors: dict[str, str] | None = None,
) -> list[dict[str, object]]:
    """The form's rows: field, label, scale, the value to show (as posted, or as stored) and
    the field's problem, if any."""
    scheme = load_scheme(round_.scheme)
    evaluation = engine.data_of(round_)
    zones = [z.name for z in evaluation.zones] if evaluation else []
    party = party_name(round_, party_id)
    stored = {
        f"{s.dimension}|{s.zone}": s.score
        for s in ScoreEntry.objects.filter(round=round_, party=party, judge=user)
    }
    return [
        {
            "name": name,
            "label": label,
            "scale": scale,
            "value": posted.get(name, "") if posted is not None else stored.get(name, ""),
            "error": (errors or {}).get(name, ""),
        }
        for name, label, _zone, scale in form_fields(scheme, party_id, zones)
    ]


def subject(party: str, user: User) -> str:
    """The audit subject of one judge's scores for one party (audit.py)."""
    return f"score:{party}:{user.pk}"


CONFLICT = "version"  # the problems' key of a conflict (field names all hold a "|")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)


def parse_score(raw: str, label: str, scale: Decimal) -> Decimal | str:
    """A typed score, or the problem with it in Chinese.

    Full-width digits and point (１８．５) are what a Chinese input method types: they are
    accepted as the number they read as (NFKC). NaN, inf, exponents (1e999), thousands
    separators and anything else that is not a plain decimal number are refused."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not NUMBER.fullmatch(text):
        return f"{label}：「{raw}」不是数字（请填写如 18.5 的数）"
    value = Decimal(text)
    if not Decimal(0) <= value <= scale or value != value.quantize(Decimal("0.01")):
        return f"{label}：应为 0 到 {scale} 之间、最多两位小数的数，实为 {raw}"
    return value


def save_scores(
    round_: Round, user: User, party_id: str, posted: dict[str, str], since: int | None
) -> dict[str, str]:
    """Validate and store one judge's scores; returns the problems by field name (and stores
    nothing) if any. The key CONFLICT holds a problem with the whole form: a conflict when this
    judge's scores changed after version `since` (the form was opened), in which case nothing
    is stored either — a blank field means "not entered" (the stored score is removed) only in
    a form that is current."""
    scheme = load_scheme(round_.scheme)
    party = next(p for p in scheme.parties if p.id == party_id)
    evaluation = engine.data_of(round_)
    zones = [z.name for z in evaluation.zones] if evaluation else []
    fields = form_fields(scheme, party_id, zones)
    values: dict[tuple[str, str], Decimal] = {}
    problems: dict[str, str] = {}
    for name, label, zone, scale in fields:
        raw = posted.get(name) or ""
        if not raw.strip():
            continue
        value = parse_score(raw, label, scale)
        if isinstance(value, str):
            problems[name] = value
        else:
            values[(name.split("|")[0], zone)] = value
    if problems:
        return problems
    labels = {name: label for name, label, _zone, _scale in fields}
    conflict = _store(round_, user, party.name, values, since, labels)
    return {CONFLICT: conflict} if conflict else {}


@transaction.atomic
def _store(
    round_: Round,
    user: User,
    party: str,
    values: dict[tuple[str, str], Decimal],
    since: int | None,
    labels: dict[str, str],
) -> str:
    """Store the judge's scores, or return what changed since the form was opened."""
    audit.lock(round_)
    stale = audit.stale(round_, since, [subject(party, user)], lambda key: labels.get(key, key))
    if stale:
        return stale
    mine = ScoreEntry.objects.filter(round=round_, party=party, judge=user)
    old = {f"{s.dimension}|{s.zone}": str(s.score) for s in mine}
    mine.delete()
    for (dimension, zone), value in values.items():
        ScoreEntry.objects.create(
            round=round_, party=party, dimension=dimension, zone=zone, judge=user, score=value
        )
    new = {f"{d}|{z}": str(v) for (d, z), v in values.items()}
    if old != new:
        audit.record(
            round_,
            user,
            f"录入评分（{party}）",
            old=old or None,
            new=new,
            subject=subject(party, user),
        )
    return ""


@transaction.atomic
def seed_from_evaluation(
    round_: Round, evaluation: Evaluation, user_for: dict[str, User], author: User
) -> None:
    """Store an evaluation's scores and findings as entries (for the demo and imported rounds).

    `user_for` maps each judge name in the evaluation to the user who scored.
    """
    for row in evaluation.scores:
        ScoreEntry.objects.update_or_create(
            round=round_,
            party=row.party,
            dimension=row.dimension,
            zone=row.zone or "",
            judge=user_for[row.judge],
            defaults={"score": row.score},
        )
    for i, f in enumerate(evaluation.findings):
        FindingEntry.objects.get_or_create(
            round=round_,
            section=f.section,
            zone=f.zone or "",
            kind=f.kind.value,
            text=f.text,
            defaults={"author": author, "order": i},
        )
    # An entry like any other change, so cached results of the round are recomputed.
    audit.record(
        round_,
        author,
        "导入评分和意见",
        new={"scores": len(evaluation.scores), "findings": len(evaluation.findings)},
    )
