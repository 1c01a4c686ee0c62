"""Survey results imported from a sheet 满意度调查 (calls made away from the desk).

All or nothing: the sheet is validated by the engine (`parse_responses`), then each row is
checked against the list in sheet order — its 编号 must be on the list (a reserve client joins the
list when the client before them is replaced, so their row comes after that client's row), in
its 片区, and not already replaced. Any problem refuses the whole file with every problem
located; nothing is stored. A 未联系上 row is the call's final outcome: the next reserve client
of the 片区 takes the place at once. Rows whose 联系结果 and answers are all blank (the export's
rows not yet called) are left out.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pinggu import (
    SURVEY_SHEET,
    Problem,
    SurveyRow,
    WorkbookError,
    label_key,
    named_sheets,
    parse_responses,
)

from .. import audit, uploads
from ..models import Round, SurveyCall, SurveyDraw
from ..uploads import blank
from .draw import IMPORT, Outcome, SurveyRefused, engine_draw, record

Status = SurveyCall.Status
UNTOUCHED = ("编号", "片区")  # a row with only these filled has not been called yet


def read_sheet(upload: UploadedFile) -> tuple[str, list[list[object]]]:
    """The 满意度调查 sheet of an uploaded .xlsx, its not-yet-called rows blanked (kept in
    place, so row numbers stay those the user sees in Excel)."""
    name = upload.name or "满意度调查.xlsx"
    sheets = uploads.read_sheets(upload, name)
    named = named_sheets(sheets, [SURVEY_SHEET])  # two of one: refused, naming both
    if SURVEY_SHEET not in named:
        raise WorkbookError([Problem(SURVEY_SHEET, f"「{name}」中找不到此工作表")])
    found = named[SURVEY_SHEET].name
    rows = sheets[found]
    header = next((i for i, r in enumerate(rows) if not all(blank(c) for c in r)), None)
    if header is None:
        return found, rows
    names = [label_key(str(c)) for c in rows[header]]
    kept = {i for i, n in enumerate(names) if n in {label_key(u) for u in UNTOUCHED}}
    blanked: list[list[object]] = [
        ["" for _ in r]
        if i > header and all(blank(c) for j, c in enumerate(r) if j not in kept)
        else r
        for i, r in enumerate(rows)
    ]
    return found, blanked


def import_responses(round_: Round, stored: SurveyDraw, user: User, upload: UploadedFile) -> int:
    """Import the sheet's rows into the draw's calls; returns how many rows were imported."""
    sheet, rows = read_sheet(upload)
    zones = [z.zone for z in engine_draw(stored).zones]
    parsed = parse_responses(
        rows, items=tuple(stored.items), scale=stored.scale, zones=zones, sheet=sheet
    )
    _apply(round_, stored, user, parsed, sheet, upload.name or "")
    return len(parsed)


@transaction.atomic
def _apply(
    round_: Round,
    stored: SurveyDraw,
    user: User,
    parsed: list[SurveyRow],
    sheet: str,
    filename: str,
) -> None:
    problems: list[Problem] = []
    for row in parsed:
        call = stored.calls.filter(client=row.client).first()
        problem = _problem(call, row)
        if problem or call is None:
            problems.append(Problem(sheet, problem, row.row, "编号"))
            continue
        outcome = Outcome(row.reached, row.answers, row.comment, row.reason)
        try:
            record(call, user, outcome, final=True, log=False)
        except SurveyRefused as exc:
            problems.append(Problem(sheet, str(exc), row.row, "联系结果"))
    if problems:
        raise WorkbookError(problems)  # rolls back every row already applied
    audit.record(
        round_,
        user,
        "导入满意度调查",
        new={
            "filename": filename,
            "reached": [r.client for r in parsed if r.reached],
            "not_reached": [r.client for r in parsed if not r.reached],
        },
        subject=IMPORT,  # every call it wrote: a desk page opened before it is stale
    )


def _problem(call: SurveyCall | None, row: SurveyRow) -> str:
    if call is None:
        return (
            f"编号「{row.client}」不在抽样名单上（备用服务对象须排在其所替补的服务对象那一行之后）"
        )
    if call.zone != row.zone:
        return f"编号「{row.client}」属于「{call.zone}」，不是「{row.zone}」"
    if call.status == Status.REPLACED:
        return f"编号「{row.client}」已被替补，不能再录入结果"
    if call.status == Status.NOT_REACHED:
        return f"编号「{row.client}」的拨打已结束（未联系上，且无备用服务对象）"
    return ""
