"""File spot checks rolled up (docs/onsite.md「抽查结果」): what the experts' marks say.

The experts mark each checked file item by item (符合 / 不符合 / 不适用). Per type this gives the
files listed, drawn and checked, and per checklist item the files failing it, written the way
the seeds write it: 「抽查个案档案 12 份，其中 3 份知情同意书缺少签名，2 份缺少结案评估」. The same
counts become draft findings (`SpotCheckDraft`) for each item's section (服务质量 per 片区 when
the scheme's section is per zone, 项目管理 for the station), naming the files behind them, so
the report and the web can offer them like the other drafts.

Marks are checked first (`mark_problem`): a mark for a file not on the lists, for an item not in
the type's checklist, or a second mark for the same file and item is refused. A drawn file
without marks is not an error: it is not checked yet.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .._keys import file_key, name_key
from .._model import STATION_WIDE
from .draw import sample_files
from .files_model import (
    ChecklistItem,
    CheckMark,
    DrawnFile,
    FileDraw,
    FileEntry,
    FileSampling,
    FileType,
    Verdict,
)
from .model import OnSite

__all__ = [
    "ItemTally",
    "Part",
    "SpotCheckDraft",
    "SpotCheckResult",
    "TypeSpotCheck",
    "figure_key",
    "mark_problem",
    "rendered",
    "spot_check_result",
]


# A piece of a sentence: literal text, or a figure (its key and count) the report prints as a
# marked number, so the self-audit checks it (docs/report-template.md).
Part = str | tuple[str, int]


def figure_key(kind: FileType, zone: str | None, what: str) -> str:
    """档案抽查·个案·抽查份数 (the station), 档案抽查·个案·第一片区·知情同意书签名 (a 片区's
    files failing an item): one key per printed figure, the same in the table and the drafts."""
    return "·".join(["档案抽查", kind.value, *([zone] if zone else []), what])


def rendered(parts: Sequence[Part]) -> str:
    return "".join(p if isinstance(p, str) else str(p[1]) for p in parts)


@dataclass(frozen=True)
class ItemTally:
    """One checklist item over the checked files of its type."""

    item: ChecklistItem
    checked: int  # files marked 符合 or 不符合 on it
    not_applicable: int  # files marked 不适用
    failing: tuple[DrawnFile, ...]  # marked 不符合, in list order


@dataclass(frozen=True)
class TypeSpotCheck:
    """The spot check of one file type."""

    type: FileType
    listed: int  # files on the lists
    drawn: int  # files the recorded draw chose (0: no draw recorded)
    checked_files: tuple[DrawnFile, ...]  # files with at least one mark, in list order
    items: tuple[ItemTally, ...]  # in checklist order
    # 「抽查个案档案 12 份，其中 3 份知情同意书缺少签名」 as text and figures; () none checked
    parts: tuple[Part, ...] = ()

    @property
    def sentence(self) -> str:
        return rendered(self.parts)

    @property
    def checked(self) -> int:
        return len(self.checked_files)

    @property
    def failing(self) -> tuple[ItemTally, ...]:
        return tuple(t for t in self.items if t.failing)


@dataclass(frozen=True)
class SpotCheckDraft:
    """A draft finding (需要关注) written from the spot checks, with the files behind it."""

    section: str
    zone: str | None  # a 片区 of a per-zone section; None for the station
    text: str
    files: tuple[str, ...]  # 「个案 GA003」: type and 编号 of every failing file it names
    parts: tuple[Part, ...] = ()  # `text` as text and figures (the report marks each figure)


@dataclass(frozen=True)
class SpotCheckResult:
    """Every type's spot check, the sentences and the drafts."""

    seed: str  # the draw's seed ("" not recorded)
    types: tuple[TypeSpotCheck, ...]  # types with files listed or checked, in type order
    drafts: tuple[SpotCheckDraft, ...]
    example: bool  # the scheme's plan and checklists are an example (docs/onsite.md)
    draw: FileDraw | None = None  # re-run from the seed, when there is one

    @property
    def checked(self) -> int:
        return sum(t.checked for t in self.types)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(t.sentence for t in self.types if t.sentence)


# ---------------------------------------------------------------------------------- checking


def mark_problem(
    mark: CheckMark,
    files: Collection[FileEntry],
    sampling: FileSampling,
    earlier: Iterable[CheckMark] = (),
) -> str | None:
    """Why `mark` cannot be kept (Chinese), or None: its file must be on the lists, its item in
    the type's checklist, and no mark in `earlier` may be for the same file and item."""
    wanted = file_key(mark.file_id)
    if not any(f.type is mark.type and file_key(f.id) == wanted for f in files):
        return f"{mark.type.value}档案「{mark.file_id}」不在档案清单中"
    checklist = sampling.checklist(mark.type)
    names = [i.name for i in checklist.items] if checklist else []
    if not any(name_key(n) == name_key(mark.item) for n in names):
        listed = "、".join(names) if names else "（评估方案没有此类型的检查项）"
        return f"「{mark.item}」不是{mark.type.value}档案的检查项；检查项为：{listed}"
    for other in earlier:
        same_file = other.type is mark.type and file_key(other.file_id) == wanted
        if same_file and name_key(other.item) == name_key(mark.item):
            return f"{mark.type.value}档案「{mark.file_id}」的「{mark.item}」已有一条结果，不能重复"
    return None


# ---------------------------------------------------------------------------------- roll-up


def spot_check_result(
    onsite: OnSite, sampling: FileSampling, sections_per_zone: Collection[str] = ()
) -> SpotCheckResult:
    """Roll the marks of `onsite` up per type and item; drafts per 片区 for the sections named
    in `sections_per_zone` (the scheme's per-zone sections), per station for the others. Marks
    are taken as checked (`mark_problem`): readers refuse the others."""
    by_key = {(f.type, file_key(f.id)): f for f in onsite.files}
    draw = None
    if onsite.draw_seed.strip():
        draw = sample_files(onsite.files, sampling, seed=onsite.draw_seed)
    types = []
    for kind in FileType:
        listed = sum(1 for f in onsite.files if f.type is kind)
        marks = [m for m in onsite.checks if m.type is kind]
        checklist = sampling.checklist(kind)
        if not listed and not marks:
            continue
        drawn = sum(1 for f in draw.drawn if f.type is kind) if draw else 0
        items = checklist.items if checklist else ()
        tallies = tuple(_tally(item, marks, by_key, kind) for item in items)
        marked = {file_key(m.file_id) for m in marks}
        checked = tuple(
            DrawnFile(f.type, f.zone, f.id)
            for (t, k), f in by_key.items()
            if t is kind and k in marked
        )
        parts = _sentence(kind, len(checked), tallies)
        types.append(TypeSpotCheck(kind, listed, drawn, checked, tallies, parts))
    drafts = _drafts(types, onsite.files, sections_per_zone)
    return SpotCheckResult(onsite.draw_seed, tuple(types), drafts, sampling.example, draw)


def _tally(
    item: ChecklistItem,
    marks: Sequence[CheckMark],
    files: dict[tuple[FileType, str], FileEntry],
    kind: FileType,
) -> ItemTally:
    mine = [m for m in marks if name_key(m.item) == name_key(item.name)]
    failing_keys = {file_key(m.file_id) for m in mine if m.verdict is Verdict.UNMET}
    failing = tuple(
        DrawnFile(f.type, f.zone, f.id)
        for (t, k), f in files.items()
        if t is kind and k in failing_keys
    )
    return ItemTally(
        item,
        checked=sum(1 for m in mine if m.verdict is not Verdict.NOT_APPLICABLE),
        not_applicable=sum(1 for m in mine if m.verdict is Verdict.NOT_APPLICABLE),
        failing=failing,
    )


def _what(kind: FileType) -> str:
    return f"{kind.value}档案"


def failures_clause(failing: Sequence[tuple[str, int, str]]) -> list[Part]:
    """「其中 3 份知情同意书缺少签名，2 份缺少结案评估」 from (figure key, count, concern),
    most failing first (ties in checklist order); [] when none fail."""
    ordered = sorted((p for p in failing if p[1]), key=lambda p: -p[1])
    out: list[Part] = []
    for i, (key, n, concern) in enumerate(ordered):
        out += ["其中 " if i == 0 else "，", (key, n), f" 份{concern}"]
    return out


def _sentence(kind: FileType, checked: int, tallies: Sequence[ItemTally]) -> tuple[Part, ...]:
    if not checked:
        return ()
    clause = failures_clause(
        [(figure_key(kind, None, t.item.name), len(t.failing), t.item.concern) for t in tallies]
    )
    head: list[Part] = [
        f"抽查{_what(kind)} ",
        (figure_key(kind, None, "抽查份数"), checked),
        " 份，",
    ]
    return (*head, *(clause or ["各检查项均符合要求"]))


def _drafts(
    types: Sequence[TypeSpotCheck],
    files: Sequence[FileEntry],
    per_zone: Collection[str],
) -> tuple[SpotCheckDraft, ...]:
    """One draft per section (and 片区, for a per-zone section) with failing items: each type's
    clause, the files named after each concern."""
    sections = list(dict.fromkeys(t.item.section for tc in types for t in tc.failing))
    zones = list(dict.fromkeys(f.zone for f in files if f.zone != STATION_WIDE))
    out = []
    for section in sections:
        places: list[str | None] = [*zones, None] if section in per_zone else [None]
        for zone in places:
            draft = _draft(types, section, zone, section in per_zone)
            if draft is not None:
                out.append(draft)
    return tuple(out)


# Who a draft's suggestion addresses, by section (the seeds: 「建议社工…」 for service files).
_WHO = {"服务质量": "社工", "项目管理": "社工站"}


def _draft(
    types: Sequence[TypeSpotCheck], section: str, zone: str | None, per_zone: bool
) -> SpotCheckDraft | None:
    # the figures are the 片区's (or the 全站 files') in a per-zone draft, the station's otherwise
    place = (zone or STATION_WIDE) if per_zone else None

    def here(f: DrawnFile) -> bool:
        if not per_zone:
            return True
        return f.zone == zone if zone is not None else f.zone == STATION_WIDE

    parts: list[Part] = []
    named: list[str] = []
    for tc in types:
        failing = []
        for t in tc.items:
            files = [f for f in t.failing if here(f)]
            if t.item.section != section or not files:
                continue
            key = figure_key(tc.type, place, t.item.name)
            failing.append(
                (key, len(files), f"{t.item.concern}（{'、'.join(f.id for f in files)}）")
            )
            named += [f"{f.type.value} {f.id}" for f in files]
        if failing:
            checked = sum(1 for f in tc.checked_files if here(f))
            head = figure_key(tc.type, place, "抽查份数")
            parts += ["；" if parts else "", f"抽查{_what(tc.type)} ", (head, checked), " 份，"]
            parts += failures_clause(failing)
    if not parts:
        return None
    # 「建议第一片区社工…」: each 片区's suggestion is its own, never the same sentence twice
    who = f"{zone}社工" if per_zone and zone else _WHO.get(section, "社工站")
    parts.append(f"。建议{who}补齐上述档案的文书，规范文书的填写与归档。")

    text = rendered(parts)
    return SpotCheckDraft(section, zone, text, tuple(dict.fromkeys(named)), tuple(parts))
