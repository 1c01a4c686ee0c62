"""The only place a round meets the engine: the round as the engine's `Evaluation` (the
station's latest data with the parties' own scores and findings and the survey's answers), its
`Result`, and its report file.

Results and report fingerprints are cached per process by (round, revision, scheme). Every
change that can move a result writes an audit entry in the same transaction (audit.py), and
entries are never edited, so a round's latest entry (its id and time, since SQLite can reuse
the id of a rolled-back row) is a revision: a new entry means a new key. Bounded; a stale key
is never looked up again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery

from pinggu import (
    Evaluation,
    Finding,
    FindingKind,
    ReportFiles,
    Result,
    ScoreRow,
    Survey,
    SurveyResponse,
    evaluate,
    evaluation_from_dict,
    evaluation_to_dict,
    load_scheme,
    result_to_dict,
    write_report,
)

from .memo import Memo
from .models import AuditEntry, DataVersion, Round, SurveyCall, SurveyDraw

Key = tuple[int, str, str]
_RESULTS: Memo[Key, Result | None] = Memo(4096)
_FINGERPRINTS: Memo[Key, str] = Memo(4096)
# Decoded data versions by (id, upload time): a version never changes once stored, and decoding
# it was most of the dashboard's time (every visible round on every request).
_DECODED: Memo[tuple[int, str], Evaluation] = Memo(4096)


def decoded(version: DataVersion) -> Evaluation:
    """A stored data version as the engine's Evaluation (the station's workbook as uploaded)."""
    key = (version.pk, version.uploaded_at.isoformat())
    return _DECODED.get(key, lambda: evaluation_from_dict(version.data))


def data_of(round_: Round) -> Evaluation | None:
    """The round's latest data as uploaded (without the parties' entries); None before any."""
    version = round_.latest_data()
    return None if version is None else decoded(version)


def survey_of(round_: Round) -> Survey | None:
    """The survey as the engine's input; None before a draw or before anyone was reached."""
    stored = SurveyDraw.objects.filter(round=round_).select_related("roster").first()
    if stored is None:
        return None
    calls = list(stored.calls.all())
    responses = tuple(
        SurveyResponse(c.client, c.zone, tuple(c.answers), c.comment)
        for c in calls
        if c.status == SurveyCall.Status.REACHED
    )
    if not responses:
        return None
    ended = (SurveyCall.Status.REPLACED, SurveyCall.Status.NOT_REACHED)
    return Survey(
        items=tuple(stored.items),
        seed=stored.seed,
        roster_fingerprint=stored.roster.fingerprint,
        roster_size=stored.roster.clients_count,
        sample_size=sum(1 for c in calls if c.replaces_id is None),
        replaced=sum(1 for c in calls if c.status == SurveyCall.Status.REPLACED),
        not_reached=sum(1 for c in calls if c.status in ended),
        responses=responses,
        scale=stored.scale,
    )


def evaluation_of(round_: Round) -> Evaluation | None:
    """The engine's input: the latest data with the parties' own scores and findings."""
    base = data_of(round_)
    if base is None:
        return None
    scores = tuple(
        ScoreRow(
            s.party,
            s.dimension,
            s.zone or None,
            s.judge.get_full_name() or s.judge.username,
            s.score,
        )
        for s in round_.scores.select_related("judge").order_by(
            "party", "dimension", "zone", "judge_id"
        )
    )
    findings = tuple(
        Finding(f.section, f.zone or None, FindingKind(f.kind), f.text)
        for f in round_.findings.all()
    )
    return replace(base, scores=scores, findings=findings, survey=survey_of(round_))


def with_revision(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """The rounds with their revision fetched in the same query (for pages listing many)."""
    latest = AuditEntry.objects.filter(round=OuterRef("pk")).order_by("-id")
    return rounds.annotate(
        revision_id=Subquery(latest.values("id")[:1]), revision_at=Subquery(latest.values("at")[:1])
    )


def revision(round_: Round) -> str:
    """The round's latest audit entry as a string ("" before any change)."""
    if hasattr(round_, "revision_id"):
        latest = (getattr(round_, "revision_id"), getattr(round_, "revision_at"))  # noqa: B009
    else:
        latest = round_.audit.order_by("-id").values_list("id", "at").first() or (None, None)
    return "" if latest[0] is None else f"{latest[0]}@{latest[1]}"


def _key(round_: Round) -> Key:
    return (round_.pk, revision(round_), round_.scheme)


def result_of(round_: Round) -> Result | None:
    """The engine's result on the latest data and the parties' entries; None before any data."""

    def compute() -> Result | None:
        evaluation = evaluation_of(round_)
        return None if evaluation is None else evaluate(evaluation, load_scheme(round_.scheme))

    return _RESULTS.get(_key(round_), compute)


def result_document(round_: Round) -> dict[str, Any] | None:
    """The round's result as the JSON document of `pinggu evaluate --json` (the read API's
    answer); None before any data."""
    result = result_of(round_)
    return None if result is None else result_to_dict(result)


def _fingerprint(round_: Round) -> str:
    """The round's input (data, scores, findings, survey) and scheme, hashed."""
    evaluation = evaluation_of(round_)
    assert evaluation is not None
    data = json.dumps(evaluation_to_dict(evaluation), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{round_.scheme}\n{data}".encode()).hexdigest()[:16]


def report_file(round_: Round, suffix: str) -> Path:
    """The .docx or .pdf report of the round as it stands: written (and audited) once for each
    distinct input (data, scores, findings, survey), then served from disk."""
    fingerprint = _FINGERPRINTS.get(_key(round_), lambda: _fingerprint(round_))
    outdir = Path(settings.REPORTS_DIR) / str(round_.pk) / fingerprint
    existing = sorted(outdir.glob(f"*{suffix}")) if outdir.exists() else []
    if existing:
        return existing[0]
    result = result_of(round_)
    assert result is not None
    files: ReportFiles = write_report(result, outdir, drafts=False)  # kept drafts are entries
    return files.pdf if suffix == ".pdf" and files.pdf is not None else files.docx
