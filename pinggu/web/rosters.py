"""The station's client roster (服务对象名册): uploaded alone (.xlsx or .csv) or as a sheet of the
evaluation workbook, validated by the engine, stored as a new numbered version of the station.

All or nothing: a roster with any problem is refused with every problem located (sheet, row,
column) and nothing is stored. The counts shown to everyone are aggregates; names and phone
numbers stay in `RosterClient` rows.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pinggu import Client, Problem, Roster, WorkbookError, parse_roster, read_roster
from pinggu._roster import ROSTER_SHEET
from pinggu._workbook.cells import is_empty, key
from pinggu._workbook.reader import BOOK, read_xlsx

from .models import AuditEntry, Round, Station
from .survey_models import ClientRoster, RosterClient

XLSX_MAGIC = b"PK\x03\x04"
SUFFIXES = (".xlsx", ".csv")
CATEGORY_SEPARATOR = "、"


def _refuse(message: str) -> WorkbookError:
    return WorkbookError([Problem("上传文件", message)])


@contextmanager
def saved(upload: UploadedFile, default: str) -> Iterator[Path]:
    """The upload as a file under its own name in a temporary directory (the engine's readers
    take paths, and name a one-sheet file's problems after the file)."""
    name = Path(upload.name or default).name or default
    with tempfile.TemporaryDirectory(prefix="pinggu-upload-") as tmp:
        path = Path(tmp) / name
        upload.seek(0)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        yield path


def read_roster_upload(upload: UploadedFile) -> Roster:
    """A roster file on its own: .xlsx (its 服务对象名册 sheet) or UTF-8 .csv."""
    name = upload.name or "服务对象名册.xlsx"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise _refuse(f"服务对象名册只接受 .xlsx 或 .csv 文件，收到的是「{name}」")
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // 1024 // 1024
        raise _refuse(f"文件过大（{upload.size // 1024} KB），上限为 {limit} MB")
    if suffix == ".xlsx":
        upload.seek(0)
        head = upload.read(4)
        if head != XLSX_MAGIC:
            raise _refuse(f"「{name}」不是有效的 Excel 工作簿")
    with saved(upload, "服务对象名册.xlsx") as path:
        return read_roster(path)


def roster_in_workbook(upload: UploadedFile) -> Roster | None:
    """The 服务对象名册 sheet of an evaluation workbook, validated; None when it has none or
    it is left empty."""
    with saved(upload, "工作簿.xlsx") as path:
        sheets = read_xlsx(path)
    found = next((name for name in sheets if key(name) == key(ROSTER_SHEET)), None)
    if found is None:
        return None
    rows = sheets[found]
    filled = [i for i, row in enumerate(rows) if not all(is_empty(c) for c in row)]
    if len(filled) <= 1:  # the blank template's sheet: a header (or nothing), no clients
        return None
    return parse_roster(rows, sheet=found)


def latest_roster(station: Station) -> ClientRoster | None:
    return ClientRoster.objects.filter(station=station).order_by("-number").first()


@transaction.atomic
def store_roster(
    round_: Round, roster: Roster, user: User, filename: str, *, via: str = ""
) -> ClientRoster:
    """The roster as the station's next version, logged on the round it was uploaded through."""
    station = Station.objects.select_for_update().get(pk=round_.station_id)
    previous = latest_roster(station)
    counts = roster.counts()
    stored = ClientRoster.objects.create(
        station=station,
        number=previous.number + 1 if previous else 1,
        fingerprint=roster.fingerprint(),
        filename=filename,
        uploaded_by=user,
        clients_count=counts.clients,
        households_count=counts.households,
        counts=asdict(counts),
    )
    RosterClient.objects.bulk_create(
        RosterClient(
            roster=stored,
            number=c.number,
            name=c.name,
            household=c.household,
            zone=c.zone,
            community=c.community,
            categories=CATEGORY_SEPARATOR.join(c.categories),
            level=c.level,
            phone=c.phone,
            note=c.note,
        )
        for c in roster.clients
    )
    AuditEntry.objects.create(
        round=round_,
        user=user,
        action="上传服务对象名册",
        old={"version": previous.number, "fingerprint": previous.fingerprint} if previous else None,
        new={
            "version": stored.number,
            "filename": filename,
            "fingerprint": stored.fingerprint,
            "clients": stored.clients_count,
            **({"via": via} if via else {}),
        },
    )
    return stored


def engine_roster(stored: ClientRoster) -> Roster:
    """The stored version as the engine's Roster (for drawing and re-checking a draw)."""
    return Roster(
        tuple(
            Client(
                number=c.number,
                name=c.name,
                household=c.household,
                zone=c.zone,
                community=c.community,
                categories=tuple(c.categories.split(CATEGORY_SEPARATOR)) if c.categories else (),
                level=c.level,
                phone=c.phone,
                note=c.note,
            )
            for c in stored.clients.order_by("number")
        )
    )


def counts_tables(stored: ClientRoster) -> dict[str, list[tuple[str, ...]]]:
    """The stored counts as rows for the page: by 片区, 社区, category and level (no names)."""
    counts = stored.counts
    return {
        "by_zone": [(zone, str(n)) for zone, n in counts["by_zone"]],
        "by_community": [
            (zone, community, str(n)) for zone, community, n in counts["by_community"]
        ],
        "by_category": [(category, str(n)) for category, n in counts["by_category"]],
        "by_level": [(f"{level} 级", str(n)) for level, n in counts["by_level"]],
    }


FILE_SHEETS = ("上传文件", BOOK)  # problems with the file itself: nothing else can be read


def accept_upload(round_: Round, upload: UploadedFile, user: User, reason: str) -> None:
    """The station's evaluation workbook and, when it has one, its 服务对象名册 sheet: both
    stored in one transaction or neither, the problems of both listed together."""
    # Imported here: rounds → scoring → survey → rosters would otherwise be a cycle.
    from .rounds import accept, read_upload

    problems: list[Problem] = []
    try:
        evaluation = read_upload(round_, upload)
    except WorkbookError as exc:
        if any(p.sheet in FILE_SHEETS for p in exc.problems):
            raise
        problems, evaluation = list(exc.problems), None
    roster = None
    try:
        roster = roster_in_workbook(upload)
    except WorkbookError as exc:
        problems.extend(exc.problems)
    if problems or evaluation is None:
        raise WorkbookError(problems)
    filename = upload.name or ""
    with transaction.atomic():
        accept(round_, evaluation, user, filename, reason)
        if roster is not None:
            store_roster(round_, roster, user, filename, via="评估工作簿")
