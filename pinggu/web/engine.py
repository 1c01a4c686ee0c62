"""The only place a round meets the engine: the round as the engine's `Evaluation` (the
station's latest data with the parties' own scores and findings and the survey's answers), its
`Result`, its stored result and its report file.

A round's result is stored in the database (`StoredResult`) with its revision, so every process
and every restart serves it at once. Every change that can move a result writes an audit entry
in the same transaction (audit.py), so the round's latest entry id is its revision. The scheme
files and the engine's code are inputs too: the stored row also carries the engine's build (a
hash of the pinggu package outside web/), so a deploy that changes a rule recomputes.

When it is computed: audit.py asks for `refresh` once the transaction that wrote an entry has
committed, and a page that finds the stored revision stale (or none: rounds from before
migration 0009 fill lazily, on first read) computes it and stores it (`stored_result`).

Concurrency: the revision is read before the inputs, so a stored result reflects inputs at
least as new as its revision (a change committed in between brings a newer entry, and the next
read recomputes). Storing is one conditional UPDATE (only over an older revision, or the same
revision from another build) or else an INSERT that does nothing on conflict: two processes
computing one revision store it once, and a slow computation of an old revision never
overwrites a newer one. A result computed inside a transaction that rolls back is rolled back
with the entry it was computed for (SQLite may reuse that entry's id).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import OperationalError, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery

import pinggu
from pinggu import (
    Evaluation,
    Finding,
    FindingKind,
    ImportNote,
    InvalidData,
    OnSite,
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

from .digest import Digest, prune
from .followup import stored as followup_stored
from .models import AuditEntry, DataVersion, Round, StoredResult, SurveyCall, SurveyDraw
from .onsiteday import stored as onsiteday_stored
from .performance import stored as performance_stored
from .rectification import items as rectification_items
from .selfassess import stored as selfassess_stored
from .spotcheck import stored as spotcheck_stored

logger = logging.getLogger(__name__)


def decoded(version: DataVersion) -> Evaluation:
    """A stored data version as the engine's Evaluation (the station's workbook as uploaded)."""
    return evaluation_from_dict(version.data)


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
    return replace(
        performance_stored.with_performance(round_, _with_stored_records(round_, base)),
        scores=scores,
        findings=findings,
        survey=survey_of(round_),
        onsite=_onsite_of(round_, base),
    )


def _onsite_of(round_: Round, base: Evaluation) -> OnSite | None:
    """The round's on-site evidence (docs/onsite.md): each part from the round's own records in
    the workspace, or the workbook's (`base.onsite`) when the round has none for that part."""
    sheet = base.onsite or OnSite()
    files, draw_seed, checks = spotcheck_stored.files_and_checks(round_, sheet)
    onsite = OnSite(
        files=files,
        draw_seed=draw_seed,
        checks=checks,
        self_scores=selfassess_stored.self_scores(round_) or sheet.self_scores,
        rectification=rectification_items.engine_items(round_) or sheet.rectification,
        agenda=onsiteday_stored.agenda(round_) or sheet.agenda,
        interviews=onsiteday_stored.interviews(round_) or sheet.interviews,
        experts_present=onsiteday_stored.experts_present(round_) or sheet.experts_present,
    )
    return None if onsite == OnSite() else onsite


def _with_stored_records(round_: Round, base: Evaluation) -> Evaluation:
    """The round's 服务记录 are the station's uploaded ones once it has uploaded any, so that the
    report and the follow-up pages count the same records; the workbook's own 服务记录 sheet (if
    it has one) is then not used, and a note says so."""
    contacts = followup_stored.station_contacts(round_.station)
    if contacts is None:
        return base
    batch = followup_stored.latest_batch(round_.station)
    said = (
        f"服务记录取自本站上传的服务记录（共 {len(contacts.data.records)} 条，最新为第"
        f" {batch.number if batch else 0} 批），按最新的服务对象名册（第 {contacts.roster.number} 版）核对"
    )
    if base.contacts is not None:
        said += "；工作簿中的「服务记录」表未使用"
    note = ImportNote("read_notice", said)
    return replace(base, contacts=contacts.data, notes=(*base.notes, note))


def with_revision(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """The rounds with their revision and stored result fetched in the same query (for pages
    listing many)."""
    latest = AuditEntry.objects.filter(round=OuterRef("pk")).order_by("-id")
    return rounds.select_related("stored_result").annotate(
        revision_id=Subquery(latest.values("id")[:1]), revision_at=Subquery(latest.values("at")[:1])
    )


def _latest(round_: Round) -> tuple[int | None, object]:
    if hasattr(round_, "revision_id"):
        return getattr(round_, "revision_id"), getattr(round_, "revision_at")  # noqa: B009
    return round_.audit.order_by("-id").values_list("id", "at").first() or (None, None)


def revision(round_: Round) -> str:
    """The round's latest audit entry as a string ("" before any change)."""
    latest = _latest(round_)
    return "" if latest[0] is None else f"{latest[0]}@{latest[1]}"


@cache
def build(web: bool = False) -> str:
    """The engine's code and rules (every .py and .toml of the pinggu package outside web/),
    hashed; with `web`, the whole package with the web app's code and templates."""
    root = Path(pinggu.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or path.suffix not in (".py", ".toml", ".html"):
            continue
        if web or relative.parts[0] != "web":
            digest.update(f"{relative}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def result_of(round_: Round) -> Result | None:
    """The engine's result on the latest data and the parties' entries, computed now; None
    before any data. Pages read `stored_result` instead; this is for the report and drafts."""
    evaluation = evaluation_of(round_)
    return None if evaluation is None else evaluate(evaluation, load_scheme(round_.scheme))


def stored_result(round_: Round) -> StoredResult:
    """The round's result at its current revision: as stored, or computed and stored now."""
    entry_id = _latest(round_)[0] or 0
    try:
        stored: StoredResult | None = round_.stored_result
    except ObjectDoesNotExist:
        stored = None
    if stored is not None and stored.revision == entry_id and stored.build == build():
        return stored
    stored = _compute(round_, entry_id)
    try:
        _store(stored)
    except OperationalError:  # e.g. SQLite busy under a burst of writes: the next read stores it
        logger.warning("评估 %s 的结果未能存入数据库，下次读取时再存", round_.pk, exc_info=True)
    return stored


def result_document(round_: Round) -> dict[str, Any] | None:
    """The round's result as the JSON document of `pinggu evaluate --json` (the read API's
    answer), as stored; None before any data."""
    stored = stored_result(round_)
    if not stored.document:
        return None
    document: dict[str, Any] = json.loads(stored.document)
    return document


def data_problem(round_: Round) -> str:
    """Why the round's stored data cannot be computed under the current rules ("" when it can)."""
    return stored_result(round_).problem


def digest_of(round_: Round) -> Digest | None:
    """What the round page and the dashboard show of the round's result; None before any data."""
    stored = stored_result(round_)
    return None if stored.digest is None else Digest.read(stored.digest)


def refresh(round_id: int) -> None:
    """Compute and store the round's result if its stored one is stale (after a change)."""
    round_ = Round.objects.filter(pk=round_id).select_related("stored_result").first()
    if round_ is not None:  # deleted since
        stored_result(round_)


def _compute(round_: Round, entry_id: int) -> StoredResult:
    """The result at `entry_id`, read after it (see the module docstring), not yet stored."""
    row = StoredResult(round=round_, revision=entry_id, build=build())
    evaluation = evaluation_of(round_)
    if evaluation is None:
        return row
    scheme = load_scheme(round_.scheme)
    try:
        result = evaluate(evaluation, scheme)
    except InvalidData as exc:  # stored under older rules: the pages say so instead of failing
        row.problem = str(exc)
        return row
    document = result_to_dict(result)
    row.document = json.dumps(document, ensure_ascii=False)
    contract_workers = evaluation.info.contract_workers
    row.digest = prune(document, contract_workers, scheme.survey.min_interval_answers)
    row.fingerprint = _fingerprint(round_.scheme, evaluation)
    return row


def _store(row: StoredResult) -> None:
    """Store over an older revision (or the same one from another build), or insert; never
    over a newer revision, and the same revision once."""
    older = Q(revision__lt=row.revision) | Q(revision=row.revision) & ~Q(build=row.build)
    fields = ("revision", "build", "document", "digest", "fingerprint", "problem")
    with transaction.atomic():
        updated = StoredResult.objects.filter(older, round_id=row.round_id).update(
            **{name: getattr(row, name) for name in fields}
        )
        if not updated:
            StoredResult.objects.bulk_create([row], ignore_conflicts=True)


def _fingerprint(scheme: str, evaluation: Evaluation) -> str:
    """The round's input (data, scores, findings, survey), scheme and engine build, hashed."""
    data = json.dumps(evaluation_to_dict(evaluation), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{build()}\n{scheme}\n{data}".encode()).hexdigest()[:16]


FINAL_STATE = "final"  # the workflow's 定稿 step: from then on the report is no longer 初稿


def report_file(round_: Round, suffix: str) -> Path:
    """The .docx or .pdf report of the round as it stands: written (and audited) once for each
    distinct input (data, scores, findings, survey), state (初稿 until 定稿), house style and mid-term (a
    final's concerns that repeat the same station's mid-term say so), then served from disk."""
    midterm = _midterm_round(round_)
    variant = _variant(round_, midterm)
    existing = _report_in(round_.pk, stored_result(round_).fingerprint + variant, suffix)
    if existing is not None:
        return existing
    # Written from one reading of the input, filed under that reading's own fingerprint.
    evaluation = evaluation_of(round_)
    assert evaluation is not None, "a report needs data"
    key = _fingerprint(round_.scheme, evaluation) + variant
    existing = _report_in(round_.pk, key, suffix)
    if existing is not None:
        return existing
    result = evaluate(evaluation, load_scheme(round_.scheme))
    outdir = Path(settings.REPORTS_DIR) / str(round_.pk) / key
    files: ReportFiles = write_report(
        result,
        outdir,
        drafts=False,  # kept drafts are entries
        final=round_.state == FINAL_STATE,
        midterm=_midterm_result(midterm, evaluation),
        style=round_.report_style or None,
    )
    return files.pdf if suffix == ".pdf" and files.pdf is not None else files.docx


def _midterm_round(round_: Round) -> Round | None:
    """A final's mid-term: the same station's mid-term round over the same contract year (the
    same period start), with data."""
    if round_.kind != Round.Kind.FINAL:
        return None
    return (
        Round.objects.filter(
            station=round_.station,
            kind=Round.Kind.MIDTERM,
            period_start=round_.period_start,
            versions__isnull=False,
        )
        .distinct()
        .first()
    )


def _variant(round_: Round, midterm: Round | None) -> str:
    state = "-final" if round_.state == FINAL_STATE else "-draft"
    state += f"-{round_.report_style}" if round_.report_style else ""
    return state + (f"-m{stored_result(midterm).fingerprint}" if midterm is not None else "")


def _midterm_result(midterm: Round | None, final: Evaluation) -> Result | None:
    """The mid-term's result, if its data is of the same contract as the final's (the report
    refuses another's)."""
    if midterm is None:
        return None
    evaluation = evaluation_of(midterm)
    if evaluation is None or evaluation.info.contract_start != final.info.contract_start:
        return None
    return evaluate(evaluation, load_scheme(midterm.scheme))


def _report_in(round_id: int, fingerprint: str, suffix: str) -> Path | None:
    outdir = Path(settings.REPORTS_DIR) / str(round_id) / fingerprint
    existing = sorted(outdir.glob(f"*{suffix}")) if fingerprint and outdir.exists() else []
    return existing[0] if existing else None
