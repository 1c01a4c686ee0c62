"""The station's self-scores: one per dimension of the third party (per 片区 where the dimension
is scored per 片区), on the same scale and with the same bounds as the experts' own form
(rounds/scoring.py), saved whole and version-checked like it (docs/concurrency.md).

Who may change them and until when is `edit_refusal`: the station until the 「实地评估」 step is
completed (a self-assessment comes before the visit), the coordinator, correcting, until the
report is issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from pinggu import Scheme, load_scheme

from .. import audit, engine, roles
from ..models import Round, SelfScoreEntry
from ..rounds import scoring, workflow

FIELDWORK_STEP = "fieldwork"  # pinggu/workflow.toml: the visit the self-assessment comes before
SUBJECT = "self-scores"  # the audit subject of the self-scores (audit.py)
CONFLICT = scoring.CONFLICT


@dataclass(frozen=True)
class Field:
    name: str  # "<dimension>|<zone>"
    label: str
    dimension: str
    zone: str
    scale: Decimal


def fields(round_: Round, scheme: Scheme | None = None) -> list[Field]:
    """Every self-score the station enters; the per-片区 ones only once its data names them."""
    scheme = scheme or load_scheme(round_.scheme)
    party = scheme.third_party
    if party is None:
        return []
    evaluation = engine.data_of(round_)
    zones = [z.name for z in evaluation.zones] if evaluation else []
    return [
        Field(name, label, name.split("|")[0], zone, scale)
        for name, label, zone, scale in scoring.form_fields(scheme, party.id, zones)
    ]


def missing_zones(round_: Round) -> bool:
    """Whether a per-片区 dimension waits for the station's data (which names the 片区)."""
    scheme = load_scheme(round_.scheme)
    party = scheme.third_party
    per_zone = party is not None and any(d.per_zone for d in party.dimensions)
    return per_zone and engine.data_of(round_) is None


def edit_refusal(round_: Round, held: set[str]) -> str:
    """Why these roles may not change the self-assessment now ("" when they may)."""
    if not roles.can(held, "self_assess"):
        return "您无权修改自评"
    if round_.locked:
        return "报告已出具，自评已锁定"
    if visited(round_) and not roles.can(held, "correct_self_assessment"):
        return "实地评估已完成，自评不能再修改；如需更正请联系评估机构项目统筹"
    return ""


def visited(round_: Round) -> bool:
    """Whether the round's 「实地评估」 step is completed (its state is that step or a later one)."""
    ids = [s.id for s in workflow.steps().steps]
    return round_.state in ids and ids.index(round_.state) >= ids.index(FIELDWORK_STEP)


def rows(
    round_: Round, posted: dict[str, str] | None, errors: dict[str, str] | None = None
) -> list[dict[str, object]]:
    """The form's rows: field, label, scale, value (as posted, or as stored) and its problem."""
    stored = shown_values(round_)
    return [
        {
            "name": f.name,
            "label": f.label,
            "scale": f.scale,
            "value": posted.get(f.name, "") if posted is not None else stored.get(f.name, ""),
            "error": (errors or {}).get(f.name, ""),
        }
        for f in fields(round_)
    ]


def stored_values(round_: Round) -> dict[str, Decimal]:
    """The self-scores entered in the workspace, by field name."""
    return {f"{s.dimension}|{s.zone}": s.score for s in SelfScoreEntry.objects.filter(round=round_)}


def workbook_values(round_: Round) -> dict[str, Decimal]:
    """The self-scores of the uploaded workbook's 自评 sheet, by field name."""
    data = engine.data_of(round_)
    if data is None or data.onsite is None:
        return {}
    return {f"{s.dimension}|{s.zone or ''}": s.score for s in data.onsite.self_scores}


def shown_values(round_: Round) -> dict[str, Decimal]:
    """The self-scores the round goes by: the workspace's once any is entered there, else the
    workbook's (as engine.py reads them)."""
    return stored_values(round_) or workbook_values(round_)


def from_workbook(round_: Round) -> bool:
    """Whether the self-scores shown are the workbook's (none entered in the workspace)."""
    return not SelfScoreEntry.objects.filter(round=round_).exists() and bool(
        workbook_values(round_)
    )


def save(round_: Round, user: User, posted: dict[str, str], since: int | None) -> dict[str, str]:
    """Validate and store the self-scores as a whole; the problems by field name otherwise
    (nothing stored), or under CONFLICT when they changed after version `since`."""
    form = fields(round_)
    values: dict[Field, Decimal] = {}
    problems: dict[str, str] = {}
    for f in form:
        raw = posted.get(f.name) or ""
        if not raw.strip():
            continue
        value = scoring.parse_score(raw, f.label, f.scale)
        if isinstance(value, str):
            problems[f.name] = value
        else:
            values[f] = value
    if problems:
        return problems
    labels = {f.name: f.label for f in form}
    conflict = _store(round_, user, values, since, labels)
    return {CONFLICT: conflict} if conflict else {}


@transaction.atomic
def _store(
    round_: Round,
    user: User,
    values: dict[Field, Decimal],
    since: int | None,
    labels: dict[str, str],
) -> str:
    audit.lock(round_)
    mine = SelfScoreEntry.objects.filter(round=round_)
    old = {f"{s.dimension}|{s.zone}": str(s.score) for s in mine}
    new = {f.name: str(v) for f, v in values.items()}
    if old == new:  # nothing to change (a double click's second post among them)
        return ""
    stale = audit.stale(round_, since, [SUBJECT], lambda key: labels.get(key, key))
    if stale:
        return stale
    mine.delete()
    for f, value in values.items():
        SelfScoreEntry.objects.create(
            round=round_, dimension=f.dimension, zone=f.zone, score=value, entered_by=user
        )
    audit.record(round_, user, "录入自评得分", old=old or None, new=new, subject=SUBJECT)
    return ""
