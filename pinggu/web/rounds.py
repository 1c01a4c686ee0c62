"""The engine behind the pages: accept a station's data, compute a round's result, its report.

Uploads are all or nothing: a workbook with any problem is refused with every problem located
(sheet, row, column), and nothing is saved. An accepted upload becomes a new numbered version;
earlier versions stay.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from pinggu import (
    Problem,
    ReportFiles,
    Result,
    WorkbookError,
    evaluate,
    evaluation_to_dict,
    load_scheme,
    load_workbook,
    write_report,
)
from pinggu._model import Evaluation

from .memo import Memo
from .models import AuditEntry, DataVersion, Round
from .scoring import evaluation_of

XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip package


def _refuse(message: str) -> WorkbookError:
    return WorkbookError([Problem("上传文件", message)])


def read_upload(round_: Round, upload: UploadedFile) -> Evaluation:
    """The uploaded workbook as an Evaluation for this round, or WorkbookError with every problem."""
    name = upload.name or "工作簿.xlsx"
    if not name.lower().endswith(".xlsx"):
        raise _refuse(f"只接受 Excel 工作簿（.xlsx），收到的是「{name}」")
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise _refuse(
            f"文件过大（{upload.size // 1024} KB），上限为 {settings.UPLOAD_MAX_BYTES // 1024 // 1024} MB"
        )
    head = upload.read(4)
    upload.seek(0)
    if head != XLSX_MAGIC:
        raise _refuse(f"「{name}」不是有效的 Excel 工作簿")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        evaluation = load_workbook(tmp.name, load_scheme(round_.scheme))
    info = evaluation.info
    problems = []
    if info.station != round_.station.name:
        problems.append(
            f"工作簿中的社工站为「{info.station}」，与本评估的「{round_.station.name}」不符"
        )
    if info.kind.value != round_.kind:
        problems.append(
            f"工作簿中的评估类型为「{info.kind.label}」，本评估是「{round_.get_kind_display()}」"
        )
    if problems:
        raise WorkbookError([Problem("基本信息", p) for p in problems])
    return evaluation


@transaction.atomic
def accept(
    round_: Round, evaluation: Evaluation, user: User, filename: str, reason: str
) -> DataVersion:
    """Store the data as the round's next version and log it. Refused once the round is locked."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.locked and not reason.strip():
        raise _refuse("报告出具后数据已锁定：如确需修改，请填写修改原因")
    previous = round_.latest_data()
    number = previous.number + 1 if previous else 1
    version = DataVersion.objects.create(
        round=round_,
        number=number,
        data=evaluation_to_dict(evaluation),
        filename=filename,
        uploaded_by=user,
        reason=reason.strip(),
    )
    AuditEntry.objects.create(
        round=round_,
        user=user,
        action="上传数据",
        old={"version": previous.number, "filename": previous.filename} if previous else None,
        new={"version": number, "filename": filename},
        reason=reason.strip(),
    )
    return version


# Results and report fingerprints by (round, revision, scheme). Every change that can move a
# result (data, scores, findings, survey) writes an audit entry in the same transaction, and
# entries are never edited, so a round's latest entry (its id and time, since SQLite can reuse
# the id of a rolled-back row) is a revision: a new entry means a new key. Per process and
# bounded; a stale key is never looked up again.
Key = tuple[int, str, str]
_RESULTS: Memo[Key, Result | None] = Memo(4096)
_FINGERPRINTS: Memo[Key, str] = Memo(4096)


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
