"""The draw of files to check (docs/onsite.md): the engine's `sample_files` over a stored list
version with a seed the coordinator or an expert enters (or takes as proposed), stored with
that version so anyone entitled can re-run it (`recheck`) and get the same files.

Each drawn file becomes a `CheckedFile`; a file that cannot be found is replaced by the next
reserve file of its type and 片区 (`replace_missing`), with the reason. The draw can be made
again until anyone has checked or replaced a file. Every write logs an audit entry (audit.py).
How far the checking of the drawn files is (`progress`) is read here too, for the pages and
the round card.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from pinggu import (
    FileDraw,
    file_draw_from_dict,
    file_draw_to_dict,
    sample_files,
    verify_file_draw,
)

from .. import audit, engine
from ..models import CheckedFile, FileList, Round, SpotCheckDraw
from .lists import LOCKED, SpotCheckRefused
from .stored import draw_of, entries_of, latest_list, sampling_of

SEED_DIGITS = 10
DRAW_SUBJECT = "spotcheck-draw"  # the audit subject of the draw itself
Status = CheckedFile.Status


def new_seed() -> str:
    """A fresh seed: ten random digits, easy to read out and to type in again."""
    return f"{secrets.randbelow(10**SEED_DIGITS):0{SEED_DIGITS}d}"


def round_zones(round_: Round) -> list[str]:
    """The round's 片区 in its data's order ([] before any data)."""
    data = engine.data_of(round_)
    return [z.name for z in data.zones] if data else []


def engine_draw(stored: SpotCheckDraw) -> FileDraw:
    return file_draw_from_dict(stored.data)


def started(stored: SpotCheckDraw) -> bool:
    """Whether anyone has checked a file of this draw or replaced one."""
    return stored.files.exclude(status=Status.PENDING).exists()


@transaction.atomic
def make_draw(round_: Round, user: User, seed: str) -> SpotCheckDraw:
    """Draw the files to check from the round's latest lists; refused once checking began."""
    audit.lock(round_)
    round_.refresh_from_db()
    if round_.locked:
        raise SpotCheckRefused(LOCKED)
    lists = latest_list(round_)
    if lists is None:
        raise SpotCheckRefused("尚未上传档案清单，无法抽样")
    sampling = sampling_of(round_)
    if sampling is None:
        raise SpotCheckRefused(f"评估方案「{round_.scheme}」没有档案抽查的抽样规则，无法抽样")
    seed = seed.strip()
    if not seed or len(seed) > 100:
        raise SpotCheckRefused("请填写种子（1 到 100 个字符）")
    previous = draw_of(round_)
    if previous is not None and started(previous):
        raise SpotCheckRefused("已有档案检查记录，不能重新抽样")
    zones = round_zones(round_)
    draw = sample_files(entries_of(lists), sampling, seed=seed, zones=zones or None)
    old = _summary(previous) if previous else None
    if previous is not None:
        previous.delete()
    stored = SpotCheckDraw.objects.create(
        round=round_,
        file_list=lists,
        seed=seed,
        data=file_draw_to_dict(draw),
        checklists={c.type.value: [i.name for i in c.items] for c in sampling.checklists},
        drawn_by=user,
    )
    CheckedFile.objects.bulk_create(
        CheckedFile(draw=stored, position=i, type=f.type.value, file_id=f.id, zone=f.zone)
        for i, f in enumerate(draw.drawn, start=1)
    )
    action = "重新档案抽样" if previous else "档案抽样"
    audit.record(round_, user, action, old=old, new=_summary(stored), subject=DRAW_SUBJECT)
    return stored


def _summary(stored: SpotCheckDraw) -> dict[str, object]:
    data = engine_draw(stored)
    return {
        "seed": stored.seed,
        "version": stored.file_list.number,
        "lists_fingerprint": stored.file_list.fingerprint,
        "drawn": len(data.drawn),
        "reserve": len(data.reserve),
    }


@dataclass(frozen=True)
class Recheck:
    ok: bool
    message: str  # in Chinese


def recheck(stored: SpotCheckDraw) -> Recheck:
    """Re-run the draw on its stored list version with its seed: the same plan and files?"""
    files = entries_of(stored.file_list)
    check = verify_file_draw(files, engine_draw(stored), sampling_of(stored.round))
    version = f"用第 {stored.file_list.number} 版档案清单和种子 {stored.seed} 重新抽取，"
    if check.ok:
        return Recheck(True, version + "得到相同的抽查名单和备用名单。")
    return Recheck(False, version + f"结果与保存的抽样不同：{check.message}")


def newer_list(stored: SpotCheckDraw) -> FileList | None:
    """The round's latest list version when it is newer than the draw's (to be flagged)."""
    latest = latest_list(stored.round)
    return latest if latest and latest.number > stored.file_list.number else None


def checklist(stored: SpotCheckDraw, file_type: str) -> list[str]:
    """The checklist items of a file type, as drawn."""
    items: list[str] = stored.checklists.get(file_type, [])
    return items


# --- replacing a file that cannot be found -------------------------------------------------


def subject(file: CheckedFile) -> str:
    """The audit subject of one checked file (its marks, or its replacement)."""
    return f"spotcheck:{file.pk}"


def next_reserve(stored: SpotCheckDraw, file: CheckedFile) -> str | None:
    """The next reserve file of the same type and 片区 not yet used, in drawing order."""
    used = set(stored.files.filter(type=file.type).values_list("file_id", flat=True))
    return next(
        (
            r.id
            for r in engine_draw(stored).reserve
            if r.type.value == file.type and r.zone == file.zone and r.id not in used
        ),
        None,
    )


class SpotCheckConflict(SpotCheckRefused):
    """The file changed after the page showed it: the message says what changed."""


def guard(
    file: CheckedFile, since: int | None, same: Callable[[CheckedFile], bool] | None = None
) -> tuple[Round, CheckedFile]:
    """Lock the round, refuse a stale form or a locked round; the file as it now is. `same`:
    whether the file as now stored already holds what is posted (a double Enter's second post),
    which is no conflict (docs/concurrency.md)."""
    round_ = Round.objects.get(pk=file.draw.round_id)
    audit.lock(round_)
    if round_.locked:
        raise SpotCheckRefused(LOCKED)
    current = CheckedFile.objects.select_related("draw").filter(pk=file.pk).first()
    if current is not None and same is not None and same(current):
        return round_, current
    changed = audit.changes_since(round_, since, [subject(file), DRAW_SUBJECT])
    if changed:
        raise SpotCheckConflict(audit.conflict_message(changed))
    if current is None:
        raise SpotCheckConflict("抽样已重做，此档案已不在抽查名单中：请重新打开抽查页")
    return round_, current


@transaction.atomic
def replace_missing(
    file: CheckedFile, user: User, reason: str, since: int | None
) -> CheckedFile | None:
    """The file cannot be found: recorded with the reason; the next reserve file of its type and
    片区 takes its place at the end of the list (None when no reserve is left)."""
    reason = reason.strip()
    if not reason:
        raise SpotCheckRefused("请填写找不到这份档案的原因")
    if len(reason) > 200:
        raise SpotCheckRefused(f"原因不能超过 200 字（现为 {len(reason)} 字）")
    round_, file = guard(file, since)
    if file.status != Status.PENDING:
        raise SpotCheckRefused(f"档案 {file.file_id} 已{file.get_status_display()}，不能替补")
    stored = file.draw
    reserve = next_reserve(stored, file)
    file.status, file.missing_reason = Status.MISSING, reason
    file.checked_by, file.checked_at = user, None
    file.save()
    replacement = None
    if reserve is not None:
        last = stored.files.order_by("-position").values_list("position", flat=True).first() or 0
        replacement = CheckedFile.objects.create(
            draw=stored,
            position=last + 1,
            type=file.type,
            file_id=reserve,
            zone=file.zone,
            replaces=file,
        )
    audit.record(
        round_,
        user,
        "档案找不到",
        old={"type": file.type, "file": file.file_id, "zone": file.zone},
        new={"reason": reason, "replacement": reserve or "（无备用档案）"},
        subject=subject(file),
    )
    return replacement


def zone_order(round_: Round, zones: Sequence[str]) -> list[str]:
    """`zones` in the order of the round's data, the rest after."""
    known = round_zones(round_)
    return sorted(zones, key=lambda z: (known.index(z) if z in known else len(known), z))


def progress(draw: SpotCheckDraw) -> dict[str, int]:
    """How far the checking is: files to check (drawn, counting a replacement once), checked,
    missing (found missing, replaced or not), pending."""
    files = list(draw.files.all())
    count = {s: sum(1 for f in files if f.status == s) for s in CheckedFile.Status.values}
    return {
        "quota": sum(1 for f in files if f.replaces_id is None),
        "checked": count[CheckedFile.Status.CHECKED],
        "missing": count[CheckedFile.Status.MISSING],
        "pending": count[CheckedFile.Status.PENDING],
    }
