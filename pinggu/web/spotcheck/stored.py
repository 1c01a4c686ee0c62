"""A round's spot checks as the engine's input (`OnSite.files`, `draw_seed`, `checks`), read by
engine.py's `_onsite_of`, and the roll-up the pages show.

Once the round has lists of its own in the workspace, the three parts come from them (the
workbook's 档案清单 and 档案抽查 sheets are then not used): the lists are the version the draw
was made from — a newer version uploaded after the draw is flagged on the page, and counts
only once the files are drawn from it again — or the latest version before any draw. A
workbook's lists become a version of their own when it is uploaded (rounds/data.py); until a
draw is made here, its seed and checks still count with them (`sheet_checks_count`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from pinggu import (
    CheckMark,
    FileEntry,
    FileSampling,
    FileType,
    OnSite,
    SpotCheckResult,
    Verdict,
    load_scheme,
)
from pinggu import spot_check_result as engine_result

from ..models import CheckedFile, FileList, Round, SpotCheckDraw


def entry_to_dict(entry: FileEntry) -> dict[str, Any]:
    """A FileEntry as JSON: every field, dates as ISO text."""
    return {
        "type": entry.type.value,
        "id": entry.id,
        "zone": entry.zone,
        "worker": entry.worker,
        "title": entry.title,
        "client": entry.client,
        "opened": entry.opened.isoformat() if entry.opened else None,
        "closed": entry.closed.isoformat() if entry.closed else None,
        "on": entry.on.isoformat() if entry.on else None,
        "sessions": entry.sessions,
        "attendance": entry.attendance,
    }


def fingerprint(entries: tuple[FileEntry, ...]) -> str:
    """The lists' content whatever the row order: the same files give the same fingerprint."""
    rows = sorted(json.dumps(entry_to_dict(e), ensure_ascii=False, sort_keys=True) for e in entries)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def entry_from_dict(data: dict[str, Any]) -> FileEntry:
    return FileEntry(
        type=FileType(data["type"]),
        id=data["id"],
        zone=data["zone"],
        worker=data["worker"],
        title=data.get("title", ""),
        client=data.get("client", ""),
        opened=_day(data.get("opened")),
        closed=_day(data.get("closed")),
        on=_day(data.get("on")),
        sessions=data.get("sessions"),
        attendance=data.get("attendance"),
    )


def entries_of(stored: FileList) -> tuple[FileEntry, ...]:
    return tuple(entry_from_dict(e) for e in stored.entries)


def latest_list(round_: Round) -> FileList | None:
    return FileList.objects.filter(round=round_).order_by("-number").first()


def draw_of(round_: Round) -> SpotCheckDraw | None:
    return SpotCheckDraw.objects.filter(round=round_).select_related("file_list").first()


def sampling_of(round_: Round) -> FileSampling | None:
    """The scheme's [file_sampling] (the plan, the reserve and the checklists); None if it has none."""
    return load_scheme(round_.scheme).file_sampling


@dataclass(frozen=True)
class Stored:
    """The round's own file lists, seed and marks."""

    lists: FileList
    draw: SpotCheckDraw | None
    files: tuple[FileEntry, ...]
    seed: str
    checks: tuple[CheckMark, ...]


def checks_of(stored: SpotCheckDraw) -> tuple[CheckMark, ...]:
    """Every mark of every checked file, in list order."""
    return tuple(
        CheckMark(FileType(f.type), f.file_id, m["item"], Verdict(m["verdict"]), m.get("note", ""))
        for f in stored.files.filter(status=CheckedFile.Status.CHECKED).order_by("position")
        for m in f.marks
    )


def stored_of(round_: Round) -> Stored | None:
    """The round's own spot-check records; None when it has no lists in the workspace."""
    draw = draw_of(round_)
    lists = draw.file_list if draw is not None else latest_list(round_)
    if lists is None:
        return None
    seed = draw.seed if draw else ""
    checks = checks_of(draw) if draw else ()
    return Stored(lists, draw, entries_of(lists), seed, checks)


def sheet_checks_count(own: Stored, sheet: OnSite) -> bool:
    """Whether the workbook's seed and checks (档案抽查 sheet) still count: only before a draw
    here, and only while the lists in use are the workbook's own (the version its upload
    stored, rounds/data.py), so that storing them changes no result."""
    return (
        own.draw is None and bool(sheet.files) and fingerprint(sheet.files) == own.lists.fingerprint
    )


def files_and_checks(
    round_: Round, sheet: OnSite
) -> tuple[tuple[FileEntry, ...], str, tuple[CheckMark, ...]]:
    """`OnSite.files`, `draw_seed` and `checks` for the engine: the round's own, or the
    workbook's (`sheet`) when it has none; the workbook's seed and checks with the round's own
    lists while `sheet_checks_count`."""
    own = stored_of(round_)
    if own is None:
        return sheet.files, sheet.draw_seed, sheet.checks
    if sheet_checks_count(own, sheet):
        return own.files, sheet.draw_seed, sheet.checks
    return own.files, own.seed, own.checks


def result_of(round_: Round) -> SpotCheckResult | None:
    """The roll-up of the round's own checks (sentences, per item the files failing); None
    without a draw or a scheme that samples files."""
    own = stored_of(round_)
    sampling = sampling_of(round_)
    if own is None or own.draw is None or sampling is None:
        return None
    onsite = OnSite(files=own.files, draw_seed=own.seed, checks=own.checks)
    per_zone = [s.name for s in load_scheme(round_.scheme).sections if s.per_zone]
    return engine_result(onsite, sampling, per_zone)


def draft_files(round_: Round) -> dict[str, list[CheckedFile]]:
    """The checked files behind each spot-check draft finding, by the draft's text (the
    findings page links every draft to the files it names)."""
    result = result_of(round_)
    draw = draw_of(round_)
    if result is None or draw is None:
        return {}
    files = {f"{f.type} {f.file_id}": f for f in draw.files.all()}
    return {d.text: [files[n] for n in d.files if n in files] for d in result.drafts}
