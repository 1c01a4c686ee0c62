"""Turns an evaluation workbook into an `Evaluation`, or says everything that is wrong with it.

People fill the workbook by hand, so every cell is checked against the layout in `sheets` and
against the scheme, and every problem is reported at once with its sheet, Excel row and column:
a user fixes the workbook in one pass instead of meeting one error per upload. A workbook with
any problem yields no `Evaluation`, so nothing is ever computed from half-valid data.

`parse_workbook` is pure (rows in, objects out) and is the seam tests use; `load_workbook` adds
the file reading. This module only runs the sheets in order (基本信息 first, then 片区, whose
period and zones the later sheets are checked against); the work is in `cells` (single values),
`tables` (sheets, headers, rows), `info_sheet` and `table_sheets`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .._errors import WorkbookError
from .._model import Evaluation
from .._scheme import Scheme
from .._sheets.cells import key
from .._sheets.reader import read_book
from .._sheets.tables import Rows
from . import info_sheet, table_sheets
from .context import Context, find_sheets
from .sheets import (
    ATTENDANCE,
    FINDINGS,
    INDICATORS,
    INFO_SHEET,
    SCORES,
    TABLE_SHEETS,
    VETOES,
    ZONES,
)

_READ = {key(name) for name in (INFO_SHEET, *(s.name for s in TABLE_SHEETS))}


def load_workbook(
    path: str | os.PathLike[str], scheme: Scheme, *, name: str | None = None
) -> Evaluation:
    """Read an .xlsx file and parse it; raises `WorkbookError` with every problem found.

    `name` is the file's name as the user knows it (an upload's, not its temporary path); only
    the sheets of the evaluation are expanded, after the guard has measured every sheet."""
    sheets = read_book(path, name=name, wanted=lambda sheet: key(sheet) in _READ)
    return parse_workbook(sheets, scheme)


def parse_workbook(sheets: Mapping[str, Rows], scheme: Scheme) -> Evaluation:
    """Validate rows of cells (by sheet name) into an `Evaluation`, or raise `WorkbookError`."""
    ctx = Context(scheme=scheme)
    found = find_sheets(sheets, ctx)
    ctx.info = info_sheet.station_info(found.get(INFO_SHEET), ctx)
    zones = table_sheets.zones(found.get(ZONES.name), ctx)
    evaluation_parts = (
        table_sheets.indicators(found.get(INDICATORS.name), ctx),
        table_sheets.attendance(found.get(ATTENDANCE.name), ctx),
        table_sheets.scores(found.get(SCORES.name), ctx),
        table_sheets.vetoes(found.get(VETOES.name), ctx),
        table_sheets.findings(found.get(FINDINGS.name), ctx),
    )
    if ctx.problems or ctx.info is None:
        raise WorkbookError(ctx.grouped())
    indicators, attendance, scores, vetoes, findings = evaluation_parts
    return Evaluation(
        ctx.info,
        zones,
        indicators,
        attendance,
        scores,
        vetoes,
        findings,
        notices=tuple(ctx.all_notices()),
    )
