"""`pinggu convert`: a workbook in any layout written out as the tidy workbook that was read.

A station whose staffing grid or indicator table was read wants to see exactly what the
evaluation took from it, and to keep that as its workbook from then on. The tidy workbook is the
template's layout filled with the `Evaluation` read, so evaluating it gives the same figures as
evaluating the original; what the original's own totals got wrong is returned to be shown.

Stations often keep 附件2 or 附件1 as a file of its own. A file holding only field-layout sheets
is converted too: its sheets are checked on their own (the period and the 片区 are checked once
the rest is filled in) and written into the blank template.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .._errors import WorkbookError
from .._model import Evaluation, ImportNote
from .._scheme import Scheme
from .._sheets.cells import is_empty
from .._sheets.reader import read_book
from .._sheets.tables import Found, Rows
from .._workbook import table_sheets
from .._workbook.context import Context
from .._workbook.importer import parse_workbook
from .._workbook.sheets import ATTENDANCE, INDICATORS, wanted
from .._workbook.writer import write_workbook
from .detect import Layouts, read_layouts
from .stated import unchecked_stated


@dataclass(frozen=True)
class Conversion:
    evaluation: Evaluation | None  # None: the file held only field-layout sheets
    read_as: tuple[str, ...]  # 工作表「附件2」按月度到岗表读取…, one per sheet read as a layout
    notes: tuple[ImportNote, ...]  # what the layouts' own totals got wrong, what was not read


def convert_workbook(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    scheme: Scheme,
    *,
    name: str | None = None,
) -> Conversion:
    """Read `path` (raises `WorkbookError` with every problem) and write it tidy to `out`."""
    sheets = read_book(path, name=name, wanted=wanted)
    layouts = read_layouts(sheets, scheme)
    read_as = tuple(
        f"工作表「{c.source}」按{c.layout}读取，写为「{c.target}」表" for c in layouts.read
    )
    if layouts.read and _only_layouts(layouts):
        _write_layouts_only(layouts, out, scheme)
        return Conversion(None, read_as, (*layouts.notes, *unchecked_stated(layouts.read)))
    evaluation = parse_workbook(sheets, scheme)
    write_workbook(out, evaluation, scheme)
    return Conversion(evaluation, read_as, evaluation.notes)


def _write_layouts_only(layouts: Layouts, out: str | os.PathLike[str], scheme: Scheme) -> None:
    ctx = Context(scheme=scheme)
    ctx.problems.extend(layouts.problems)
    rows = layouts.sheets
    indicators = table_sheets.indicators(_found(rows, INDICATORS.name), ctx)
    attendance = table_sheets.attendance(_found(rows, ATTENDANCE.name), ctx)
    if ctx.problems:
        raise WorkbookError(layouts.relocate(ctx.problems))
    write_workbook(out, scheme=scheme, indicators=indicators, attendance=attendance)


def _only_layouts(layouts: Layouts) -> bool:
    """Whether every sheet with content is a field layout (an empty Sheet2 aside)."""
    converted = {c.target for c in layouts.read}
    return all(
        name in converted or all(is_empty(v) for row in rows for v in row)
        for name, rows in layouts.sheets.items()
    )


def _found(sheets: Mapping[str, Rows], name: str) -> Found | None:
    return Found(name, sheets[name]) if name in sheets else None
