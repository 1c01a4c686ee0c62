"""Turns an evaluation workbook into an `Evaluation`, or says everything that is wrong with it.

People fill the workbook by hand, so every cell is checked against the layout in `sheets` and
against the scheme, and every problem is reported at once with its sheet, Excel row and column:
a user fixes the workbook in one pass instead of meeting one error per upload. A workbook with
any problem yields no `Evaluation`, so nothing is ever computed from half-valid data.

`parse_workbook` is pure (rows in, objects out) and is the seam tests use; `load_workbook` adds
the file reading. This module only runs the sheets in order (基本信息 first, then 片区, whose
period and zones the later sheets are checked against); the work is in `cells` (single values),
`tables` (sheets, headers, rows), `info_sheet`, `table_sheets` and `follow_up`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace

from .._errors import WorkbookError
from .._layouts.detect import read_layouts
from .._layouts.stated import layout_notes
from .._model import Evaluation, ImportNote
from .._performance.sheets import performance_data
from .._scheme import Scheme
from .._sheets.cells import key
from .._sheets.reader import Book
from .._sheets.tables import Rows, group_problems
from . import follow_up, info_sheet, table_sheets
from .context import Context, find_sheets
from .sheets import (
    ATTENDANCE,
    CONTACTS,
    FINDINGS,
    FOLLOW_UP_SHEETS,
    INDICATORS,
    INFO_SHEET,
    PERFORMANCE_SHEET_KEYS,
    SCORES,
    VETOES,
    ZONES,
    wanted,
)


def load_workbook(
    path: str | os.PathLike[str], scheme: Scheme, *, name: str | None = None
) -> Evaluation:
    """Read an .xlsx file and parse it; raises `WorkbookError` with every problem found.

    `name` is the file's name as the user knows it (an upload's, not its temporary path); the
    help and survey sheets are never expanded, the roster only when the workbook has 服务记录
    (docs/contacts.md), and nothing is before the guard has measured every sheet."""
    with Book(path, name=name) as book:
        follow_up = any(key(n) == key(CONTACTS.name) for n in book.names)
        sheets = {
            n: book.rows(n)
            for n in book.names
            if wanted(n)
            or (follow_up and key(n) in FOLLOW_UP_SHEETS)
            or key(n) in PERFORMANCE_SHEET_KEYS
        }
    return parse_workbook(sheets, scheme)


def parse_workbook(sheets: Mapping[str, Rows], scheme: Scheme) -> Evaluation:
    """Validate rows of cells (by sheet name) into an `Evaluation`, or raise `WorkbookError`.

    A sheet in a field layout (docs/layouts.md) is read as the tidy sheet it stands for; its
    problems are reported at its own cells and its totals that disagree become `notes`."""
    layouts = read_layouts(sheets, scheme)
    ctx = Context(scheme=scheme)
    ctx.problems.extend(layouts.problems)
    found = find_sheets(layouts.sheets, ctx)
    if INDICATORS.name not in found or ATTENDANCE.name not in found:
        ctx.problems.extend(layouts.unrecognised())
    ctx.info = info_sheet.station_info(found.get(INFO_SHEET), ctx)
    zones = table_sheets.zones(found.get(ZONES.name), ctx)
    evaluation_parts = (
        table_sheets.indicators(found.get(INDICATORS.name), ctx),
        table_sheets.attendance(found.get(ATTENDANCE.name), ctx),
        table_sheets.scores(found.get(SCORES.name), ctx),
        table_sheets.vetoes(found.get(VETOES.name), ctx),
        table_sheets.findings(found.get(FINDINGS.name), ctx),
    )
    grid = any(key(c.target) == key(ATTENDANCE.name) for c in layouts.read)
    contacts = follow_up.contacts(sheets, ctx, zones, evaluation_parts[1], grid=grid)
    performance = performance_data(sheets, scheme, ctx)
    if ctx.problems or ctx.info is None:
        raise WorkbookError(group_problems(layouts.relocate(ctx.problems)))
    indicators, attendance, scores, vetoes, findings = evaluation_parts
    evaluation = Evaluation(ctx.info, zones, indicators, attendance, scores, vetoes, findings)
    notes = (
        *layout_notes(layouts.read, evaluation, scheme),
        *(ImportNote("read_notice", n) for n in ctx.all_notices()),
        *(ImportNote("read_notice", n) for n in (contacts.notices if contacts else ())),
    )
    if contacts is not None:
        contacts = replace(contacts, notices=())  # kept once, in `notes`
    return replace(evaluation, notes=notes, contacts=contacts, performance=performance)
