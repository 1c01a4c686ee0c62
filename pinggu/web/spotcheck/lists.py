"""The station's file lists (档案清单) of a round: read through the one guarded reader
(uploads.py), validated by the engine, stored as the round's next numbered version (never
overwritten), all or nothing.

A list belongs to the round (the files of its 考核期), not to the station: a mid-term and a
final check different files. Entries are stored as plain JSON of the engine's `FileEntry`
(the lists name a 个案's client by 编号 only, never by name).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from pinggu import FileEntry, FileType

from .. import access, audit
from ..models import FileList, Round
from .stored import draw_of, entry_to_dict, fingerprint, latest_list

TYPES = tuple(FileType)
LOCKED = "报告出具后档案抽查已锁定"


class SpotCheckRefused(Exception):
    """A spot-check action that cannot be done now; the message says why, in Chinese."""


@transaction.atomic
def store_lists(
    round_: Round, entries: tuple[FileEntry, ...], user: User, filename: str, *, via: str = ""
) -> FileList:
    """The lists as the round's next version, logged (`via`: where they came from, when not a
    lists upload). Refused once the report is issued."""
    audit.lock(round_)
    round_.refresh_from_db(fields=["locked"])
    if round_.locked:
        raise SpotCheckRefused(LOCKED)
    previous = latest_list(round_)
    stored = FileList.objects.create(
        round=round_,
        number=previous.number + 1 if previous else 1,
        filename=filename,
        fingerprint=fingerprint(entries),
        entries=[entry_to_dict(e) for e in entries],
        files_count=len(entries),
        uploaded_by=user,
    )
    audit.record(
        round_,
        user,
        "上传档案清单",
        old={"version": previous.number, "files": previous.files_count} if previous else None,
        new={
            "version": stored.number,
            "filename": filename,
            "files": stored.files_count,
            "lists_fingerprint": stored.fingerprint,
            **({"via": via} if via else {}),
        },
    )
    return stored


@dataclass(frozen=True)
class FromWorkbook:
    """What became of an evaluation workbook's file lists: the version stored from them (None
    when nothing was stored) and what to tell the uploader (counts only, never the draw)."""

    stored: FileList | None
    message: str


def store_workbook_lists(
    round_: Round, entries: tuple[FileEntry, ...], user: User, filename: str
) -> FromWorkbook:
    """A workbook's lists (个案/小组/社区活动 or 档案清单 sheets) as the round's next version when
    they differ from its latest (by fingerprint, whatever the row order), so the draw can be made
    from them without uploading them again; the same lists store nothing. Run inside the data
    upload's transaction (rounds/data.py)."""
    latest = latest_list(round_)
    if latest is not None and latest.fingerprint == fingerprint(entries):
        return FromWorkbook(None, f"档案清单与第 {latest.number} 版相同，未另存")
    try:
        stored = store_lists(round_, entries, user, filename, via="评估工作簿")
    except SpotCheckRefused as exc:  # the report is issued: the data may change, the lists not
        return FromWorkbook(None, f"{exc}，工作簿中的档案清单未另存为新一版")
    return FromWorkbook(stored, f"档案清单第 {stored.number} 版（{summary(stored)}）")


def newer_warning(user: User | AnonymousUser, round_: Round, newer: FileList | None) -> str:
    """What to tell the user who just stored `newer` lists (from the spot-check page or with a
    workbook) when the draw was made from another version: it does not change the draw. Said
    only to those who may see the draw (never the station before the report is issued,
    docs/roles.md); "" when there is nothing to say."""
    draw = draw_of(round_)
    if newer is None or draw is None or draw.file_list_id == newer.pk:
        return ""
    if not access.may_see_spot_checks(user, round_):
        return ""
    return (
        f"抽样用的是第 {draw.file_list.number} 版档案清单，现已上传第 {newer.number} 版："
        "抽查名单和检查结果仍按抽样时的清单计算；需要按新清单抽查时，请在开始检查前重新抽样。"
    )


@dataclass(frozen=True)
class CountRow:
    """Files on the lists of one type, by 片区 (aggregates only)."""

    type: str
    zones: tuple[int, ...]  # in the order of `Counts.zones`
    total: int


@dataclass(frozen=True)
class Counts:
    zones: tuple[str, ...]
    rows: tuple[CountRow, ...]


def counts(entries: tuple[FileEntry, ...], zone_order: list[str]) -> Counts:
    """How many files of each type each 片区 lists (the round's 片区 first, in its order)."""
    listed = {e.zone for e in entries}
    zones = [z for z in zone_order if z in listed] + sorted(listed - set(zone_order))
    by = Counter((e.type, e.zone) for e in entries)
    rows = tuple(
        CountRow(t.value, tuple(by[(t, z)] for z in zones), sum(by[(t, z)] for z in zones))
        for t in TYPES
        if any(by[(t, z)] for z in zones)
    )
    return Counts(tuple(zones), rows)


def summary(stored: FileList) -> str:
    """「个案 36 份，小组 8 份，社区活动 24 份」 for the message after an upload."""
    by = Counter(e["type"] for e in stored.entries)
    return "，".join(f"{t.value} {by[t.value]} 份" for t in TYPES if by[t.value])
