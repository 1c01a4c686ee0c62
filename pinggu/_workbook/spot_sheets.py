"""The evaluation workbook's file spot-check sheets (docs/onsite.md): the station's file lists
(个案, 小组, 社区活动 or one 档案清单) and the experts' marks (档案抽查).

They are optional: a workbook without them has no spot checks. Their problems join the
workbook's, located like every other sheet's, so a workbook with a wrong mark computes nothing.
The lists are checked against the workbook's 片区, the marks against the lists and the scheme's
checklists (`pinggu._onsite.spotcheck.mark_problem`). The draw's seed is the 基本信息 field
档案抽取种子 (`DRAW_SEED`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from .._keys import file_key, name_key
from .._model import Evaluation, Zone
from .._onsite.file_lists import LIST_SHEETS, file_list_sheet, parse_file_lists
from .._onsite.files_model import CheckMark, FileEntry, FileSampling, FileType, Verdict
from .._onsite.spotcheck import mark_problem
from .._scheme import Scheme
from .._sheets.cells import key
from .._sheets.columns import Column, SheetSpec, ValueKind
from .._sheets.tables import Row, Rows, data_rows, named_sheets
from .context import Context

__all__ = ["CHECKS", "DRAW_SEED", "checks_sheet", "is_spot_sheet", "spot_checks", "written_sheets"]

DRAW_SEED = "draw_seed"  # the 基本信息 attribute of 档案抽取种子 (kept in OnSite, not StationInfo)

CHECKS = SheetSpec(
    "档案抽查",
    (
        Column(
            "类型",
            ValueKind.CHOICE,
            choices=tuple(t.value for t in FileType),
            help="个案、小组或社区活动",
            width=10,
        ),
        Column("编号", ValueKind.TEXT, help="档案清单中的编号", width=12),
        Column(
            "检查项",
            ValueKind.TEXT,
            help="评估方案中该类档案的检查项，如：知情同意书签名",
            width=18,
        ),
        Column(
            "结果",
            ValueKind.CHOICE,
            choices=tuple(v.value for v in Verdict),
            help="符合、不符合或不适用",
            width=10,
        ),
        Column(
            "说明",
            ValueKind.TEXT,
            required=False,
            help="不符合或不适用的情况；报告嵌入的数据中不保存说明",
            width=40,
        ),
    ),
    "评估专家抽查档案的结果：每份档案的每个检查项一行（可由 pinggu sample-files 写出的名单填写后粘贴）。"
    "抽中而尚未检查的档案不必填写。",
    required=False,
    may_be_empty=True,
)


def is_spot_sheet(name: str) -> bool:
    """A file list or the 档案抽查 sheet: read here, never as a field layout."""
    return file_list_sheet(name) is not None or key(name) == key(CHECKS.name)


def spot_checks(
    sheets: Mapping[str, Rows], ctx: Context, zones: Sequence[Zone]
) -> tuple[tuple[FileEntry, ...], tuple[CheckMark, ...]]:
    """The file lists and marks of the workbook's spot-check sheets (problems added to `ctx`)."""
    names = [z.name for z in zones] if zones else None
    files = parse_file_lists(sheets, zones=names, problems=ctx)
    found = named_sheets(sheets, [CHECKS.name], ctx).get(CHECKS.name)
    sampling = ctx.scheme.file_sampling
    checks: list[CheckMark] = []
    for row in data_rows(found, CHECKS, ctx) or ():
        if sampling is None:
            message = "评估方案没有档案抽查方案（[file_sampling]），不能填写档案抽查结果"
            ctx.flag(row, "类型", message)
            break
        mark = _mark(row, files, sampling, checks, ctx)
        if mark is not None:
            checks.append(mark)
    return files, tuple(checks)


def _mark(
    row: Row,
    files: Sequence[FileEntry],
    sampling: FileSampling,
    earlier: Sequence[CheckMark],
    ctx: Context,
) -> CheckMark | None:
    if row.failed:
        return None
    kind, number = FileType(row.get("类型", str) or ""), row.get("编号", str) or ""
    item, verdict = row.get("检查项", str) or "", Verdict(row.get("结果", str) or "")
    mark = CheckMark(kind, key(number), item.strip(), verdict, (row.get("说明", str) or "").strip())
    problem = mark_problem(mark, files, sampling, earlier)
    if problem is not None:
        column = "编号" if "不在档案清单中" in problem else "检查项"
        ctx.flag(row, column, problem)
        return None
    # the list's spelling of the 编号 and the checklist's of the item, so later steps match
    listed = next(f for f in files if f.type is kind and file_key(f.id) == file_key(number))
    checklist = sampling.checklist(kind)
    assert checklist is not None  # mark_problem found the item in it
    named = next(i.name for i in checklist.items if name_key(i.name) == name_key(item))
    return CheckMark(kind, listed.id, named, verdict, mark.note)


# ---------------------------------------------------------------------------------- writing

Cell = str | int | date | None


def written_sheets(
    evaluation: Evaluation | None, scheme: Scheme
) -> list[tuple[SheetSpec, list[tuple[Cell, ...]]]]:
    """The spot-check sheets a workbook carries, with their rows: in the blank template the
    per-type lists and (when the scheme has a plan) 档案抽查, empty; in a filled workbook those
    the evaluation has data for."""
    onsite = evaluation.onsite if evaluation is not None else None
    if evaluation is not None and (onsite is None or not (onsite.files or onsite.checks)):
        return []
    files = onsite.files if onsite is not None else ()
    out: list[tuple[SheetSpec, list[tuple[Cell, ...]]]] = [
        (spec, [_list_row(f) for f in files if f.type is kind])
        for kind, spec in LIST_SHEETS.items()
    ]
    if scheme.file_sampling is not None:
        rows: list[tuple[Cell, ...]] = [
            (m.type.value, m.file_id, m.item, m.verdict.value, m.note or None)
            for m in (onsite.checks if onsite is not None else ())
        ]
        out.append((checks_sheet(scheme.file_sampling), rows))
    return out


def checks_sheet(sampling: FileSampling) -> SheetSpec:
    """档案抽查 with the scheme's checklist items in its help text."""
    items = "；".join(
        f"{c.type.value}：{'、'.join(i.name for i in c.items)}" for c in sampling.checklists
    )
    example = "（评估方案中的示例，各区应以本区要求替换）" if sampling.example else ""
    return replace(CHECKS, help=f"{CHECKS.help}检查项{example}——{items}。")


def _list_row(f: FileEntry) -> tuple[Cell, ...]:
    head: tuple[Cell, ...] = (f.id, f.zone, f.worker)
    if f.type is FileType.CASE:
        return (*head, f.opened, f.closed, f.client or None)
    if f.type is FileType.GROUP:
        return (*head, f.title, f.sessions, f.on)
    return (*head, f.title, f.on, f.attendance)
