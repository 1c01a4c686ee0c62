"""The file draw (档案抽查的抽取): which files the experts check, reproducible by hand.

Like the survey's draw (`pinggu._sample`), it uses no random generator, so it depends neither on
the lists' row order nor on the Python version (docs/onsite.md「抽取方法」):

1. Plan: for each type with a rule and each 片区 with files of that type, n files give
   ceil(n × share) to check, at least `minimum` and at most `maximum`; all n when n is below
   the minimum. Exact decimal arithmetic.
2. Order: a file's rank is the SHA-256 (hex) of the UTF-8 JSON array [seed, 类型, 编号] without
   spaces, e.g. ["2024","个案","GA001"] (编号 as the lists give it: spaces removed, full width
   made half width). Within its type and 片区, files go in ascending rank (ties, which SHA-256
   makes practically impossible, by 编号).
3. The first files of each type and 片区 are checked; the next `reserve` files, in the same order,
   are its reserve, used in turn when a drawn file cannot be found.

`file_draw_to_dict` is the record (`pinggu sample-files --json`); `verify_file_draw` re-runs a
recorded draw against the lists.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .._errors import InvalidData
from .._roster import canonical_json
from .._sample import record_count, record_text
from .files_model import DrawnFile, FileDraw, FileEntry, FileSampling, FileType, PlanRow

__all__ = [
    "FileDrawCheck",
    "file_draw_from_dict",
    "file_draw_to_dict",
    "file_rank",
    "planned",
    "sample_files",
    "verify_file_draw",
]

_TYPE_ORDER = tuple(FileType)


def file_rank(seed: str, kind: FileType, file_id: str) -> str:
    """SHA-256 (hex) of the UTF-8 JSON [seed, 类型, 编号]: a file's place in its 片区's order."""
    return hashlib.sha256(canonical_json([seed, kind.value, file_id])).hexdigest()


def planned(files: int, share: Decimal, minimum: int, maximum: int) -> int:
    """How many of a 片区's `files` of one type are checked (rule 1 of the module doc)."""
    if files <= minimum:
        return files
    return max(minimum, min(maximum, math.ceil(files * share)))


def _zone_order(zones: Sequence[str] | None, present: Iterable[str]) -> list[str]:
    """The 片区 in the evaluation's order when given (others after, by code point), else by code
    point; the draw's content never depends on this order, only how it is listed."""
    names = sorted(set(present))
    if not zones:
        return names
    position = {z: i for i, z in enumerate(zones)}
    return sorted(names, key=lambda z: (position.get(z, len(position)), z))


def sample_files(
    files: Collection[FileEntry],
    sampling: FileSampling,
    *,
    seed: str,
    zones: Sequence[str] | None = None,
) -> FileDraw:
    """Draw the files to check from the lists, per type and 片区, with a reserve (module doc).
    `zones`: the evaluation's 片区, only to list the plan in their order."""
    if not seed.strip():
        raise InvalidData("抽取种子不能为空")
    groups: dict[tuple[FileType, str], list[str]] = {}
    for f in files:
        groups.setdefault((f.type, f.zone), []).append(f.id)
    plan: list[PlanRow] = []
    drawn: list[DrawnFile] = []
    reserve: list[DrawnFile] = []
    for rule in sorted(sampling.rules, key=lambda r: _TYPE_ORDER.index(r.type)):
        present = [zone for kind, zone in groups if kind is rule.type]
        for zone in _zone_order(zones, present):
            ids = groups[(rule.type, zone)]
            ordered = sorted(ids, key=lambda i: (file_rank(seed, rule.type, i), i))
            quota = planned(len(ids), rule.share, rule.minimum, rule.maximum)
            plan.append(PlanRow(rule.type, zone, len(ids), quota))
            drawn += [DrawnFile(rule.type, zone, i) for i in ordered[:quota]]
            extra = ordered[quota : quota + sampling.reserve]
            reserve += [DrawnFile(rule.type, zone, i) for i in extra]
    return FileDraw(seed, tuple(plan), tuple(drawn), tuple(reserve))


# ---------------------------------------------------------------------------------- record


def file_draw_to_dict(draw: FileDraw) -> dict[str, Any]:
    """The draw as plain JSON: {"seed", "plan": [{"type","zone","files","drawn"}],
    "drawn": [{"type","zone","id"}], "reserve": [{"type","zone","id"}]}."""
    return {
        "seed": draw.seed,
        "plan": [
            {"type": p.type.value, "zone": p.zone, "files": p.files, "drawn": p.drawn}
            for p in draw.plan
        ],
        "drawn": [_file(f) for f in draw.drawn],
        "reserve": [_file(f) for f in draw.reserve],
    }


def _file(f: DrawnFile) -> dict[str, str]:
    return {"type": f.type.value, "zone": f.zone, "id": f.id}


def file_draw_from_dict(data: Mapping[str, Any]) -> FileDraw:
    """The draw `file_draw_to_dict` wrote; raises `InvalidData` (Chinese) when it is not one."""
    try:
        plan = tuple(
            PlanRow(
                _kind(p["type"]),
                record_text(p["zone"]),
                record_count(p["files"]),
                record_count(p["drawn"]),
            )
            for p in data["plan"]
        )
        drawn = tuple(_drawn(f) for f in data["drawn"])
        reserve = tuple(_drawn(f) for f in data["reserve"])
        draw = FileDraw(record_text(data["seed"]), plan, drawn, reserve)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidData(f"抽取记录不完整或格式不对：{exc}") from None
    for p in draw.plan:
        count = sum(1 for f in draw.drawn if (f.type, f.zone) == (p.type, p.zone))
        if count != p.drawn or p.drawn > p.files:
            raise InvalidData(f"抽取记录中{p.zone}的{p.type.value}档案份数与名单不符")
    return draw


def _drawn(data: Mapping[str, Any]) -> DrawnFile:
    return DrawnFile(_kind(data["type"]), record_text(data["zone"]), record_text(data["id"]))


def _kind(value: object) -> FileType:
    try:
        return FileType(record_text(value))
    except ValueError:
        raise TypeError(f"档案类型应为个案、小组或社区活动：{value!r}") from None


# ---------------------------------------------------------------------------------- check


@dataclass(frozen=True)
class FileDrawCheck:
    """The outcome of re-running a recorded draw: `ok`, and what was found, in Chinese."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok


def verify_file_draw(
    files: Collection[FileEntry], draw: FileDraw, sampling: FileSampling | None = None
) -> FileDrawCheck:
    """Re-run `draw` on the lists: the same files per type and 片区 as the plan says, the drawn
    files first in rank order and the reserve next. With `sampling`, the plan's counts are also
    checked against the scheme's rules; without, the recorded counts are taken as planned."""
    counts: dict[tuple[FileType, str], int] = {}
    for f in files:
        counts[(f.type, f.zone)] = counts.get((f.type, f.zone), 0) + 1
    planned_groups = {(p.type, p.zone): p for p in draw.plan}
    for (kind, zone), n in sorted(counts.items()):
        p = planned_groups.get((kind, zone))
        if p is None:
            if sampling is None or sampling.rule(kind) is not None:
                return _differs(f"清单有{zone}的{kind.value}档案 {n} 份，抽取记录中没有")
        elif p.files != n:
            return _differs(f"{zone}的{kind.value}档案清单有 {n} 份，抽取时为 {p.files} 份")
    missing = [p for p in draw.plan if (p.type, p.zone) not in counts and p.files]
    if missing:
        p = missing[0]
        return _differs(f"抽取记录有{p.zone}的{p.type.value}档案 {p.files} 份，清单中没有")
    if sampling is not None:
        by_scheme = sample_files(files, sampling, seed=draw.seed)
        if {(p.type, p.zone, p.drawn) for p in by_scheme.plan} != {
            (p.type, p.zone, p.drawn) for p in draw.plan
        } or len(by_scheme.reserve) != len(draw.reserve):
            return _differs("按评估方案的抽查比例，各片区应抽份数与记录不同")
    if _rerun(files, draw) != (_sets(draw.drawn), _sets(draw.reserve)):
        return _differs(f"按种子「{draw.seed}」重新抽取，名单与记录不一致")
    return FileDrawCheck(
        True,
        f"清单份数一致；按种子「{draw.seed}」重新抽取，得到与记录相同的 {len(draw.drawn)} 份"
        f"抽查档案和 {len(draw.reserve)} 份备用档案。",
    )


def _differs(what: str) -> FileDrawCheck:
    return FileDrawCheck(False, f"核对未通过：{what}。")


Sets = dict[tuple[FileType, str], tuple[str, ...]]


def _sets(listed: Iterable[DrawnFile]) -> Sets:
    out: dict[tuple[FileType, str], list[str]] = {}
    for f in listed:
        out.setdefault((f.type, f.zone), []).append(f.id)
    return {k: tuple(v) for k, v in out.items()}


def _rerun(files: Collection[FileEntry], draw: FileDraw) -> tuple[Sets, Sets]:
    """The drawn and reserve files the draw's own counts give (reserve sized per group as
    recorded), in rank order."""
    reserved = _sets(draw.reserve)
    drawn: dict[tuple[FileType, str], tuple[str, ...]] = {}
    reserve: dict[tuple[FileType, str], tuple[str, ...]] = {}
    for p in draw.plan:
        ids = [f.id for f in files if (f.type, f.zone) == (p.type, p.zone)]
        ordered = sorted(ids, key=lambda i: (file_rank(draw.seed, p.type, i), i))
        if p.drawn:
            drawn[(p.type, p.zone)] = tuple(ordered[: p.drawn])
        extra = len(reserved.get((p.type, p.zone), ()))
        if extra:
            reserve[(p.type, p.zone)] = tuple(ordered[p.drawn : p.drawn + extra])
    return drawn, reserve
