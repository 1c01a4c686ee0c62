"""The survey's lists as Excel workbooks: the sample list (with the reserve list and a
满意度调查 sheet to fill in away from the desk and import again) and the responses.

Names and phones are masked (张*, 138****1234) unless the caller explicitly asks for them
unmasked, which only the survey roles may do and which is logged (views decide and log; this
module only lays out). Rows are written with the engine's `append_row`, so what a station or
a caller typed (a name, a comment) stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from pinggu import REACHED, SURVEY_SHEET, UNREACHED, append_row, mask_name, mask_phone

from ..dashboard.exports import BOLD, HEADER_FILL
from ..models import RosterClient, SurveyCall, SurveyDraw
from .draw import engine_draw

Status = SurveyCall.Status


def _people(stored: SurveyDraw, numbers: Sequence[str]) -> dict[str, RosterClient]:
    return {c.number: c for c in stored.roster.clients.filter(number__in=list(numbers))}


def _who(person: RosterClient | None, unmasked: bool) -> tuple[str, str]:
    if person is None:
        return "", ""
    if unmasked:
        return person.name, person.phone
    return mask_name(person.name), mask_phone(person.phone)


def _sheet(
    book: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    ws = book.create_sheet(title)
    append_row(ws, header)
    for cell in ws[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        append_row(ws, row)
    ws.freeze_panes = "A2"
    for col, title_ in enumerate(header, start=1):
        widest = max([len(str(r[col - 1])) for r in rows] + [len(title_)])
        ws.column_dimensions[get_column_letter(col)].width = min(2 * widest + 4, 40)


def _tries(call: SurveyCall) -> str:
    return "、".join(t["reason"] for t in call.tries)


def replacement_note(call: SurveyCall) -> str:
    if call.replaces_id is not None and call.replaces is not None:
        return f"替补 {call.replaces.client}"
    if call.status == Status.REPLACED:
        return f"由 {call.replaced_by.client} 替补"
    return ""


def sample_list(stored: SurveyDraw, unmasked: bool) -> bytes:
    """抽样名单, 备用名单 and a 满意度调查 sheet with the clients still to be called.

    The reserve list is always masked: a reserve client's phone is needed only once they
    replace someone, and then they are on the list."""
    calls = list(stored.calls.select_related("replaces", "replaced_by"))
    draw = engine_draw(stored)
    reserve = [(z.zone, i, c) for z in draw.zones for i, c in enumerate(z.reserve, start=1)]
    people = _people(stored, [c.client for c in calls] + [c for _, _, c in reserve])
    book = Workbook()
    book.remove(book.active)
    rows = []
    for call in calls:
        person = people.get(call.client)
        name, phone = _who(person, unmasked)
        community = person.community if person else ""
        status = call.get_status_display()
        rows.append(
            [call.position, call.client, name, phone, call.zone, community, status,
             len(call.tries), _tries(call), replacement_note(call)]
        )  # fmt: skip
    header = ["顺序", "编号", "姓名", "电话", "片区", "社区", "状态", "未联系上次数",
              "未联系上原因", "替补"]  # fmt: skip
    _sheet(book, "抽样名单", header, rows)
    on_list = {c.client for c in calls}
    reserve_rows = []
    for zone, i, number in reserve:
        person = people.get(number)
        name, phone = _who(person, False)
        community = person.community if person else ""
        used = "已启用" if number in on_list else ""
        reserve_rows.append([zone, i, number, name, phone, community, used])
    _sheet(book, "备用名单", ["片区", "顺序", "编号", "姓名", "电话", "社区", "状态"], reserve_rows)
    pending = [[c.client, c.zone] for c in calls if c.status == Status.PENDING]
    survey_header = ["编号", "片区", "联系结果", "未联系上原因", *stored.items, "意见"]
    _sheet(
        book, SURVEY_SHEET, survey_header, [[*p, *[""] * (len(survey_header) - 2)] for p in pending]
    )
    return _bytes(book)


def responses(stored: SurveyDraw, unmasked: bool) -> bytes:
    """Every call with a result: answers by item, the comment, who called and when."""
    calls = [
        c for c in stored.calls.select_related("caller") if c.status != Status.PENDING or c.tries
    ]
    people = _people(stored, [c.client for c in calls])
    rows = []
    for call in calls:
        person = people.get(call.client)
        name, phone = _who(person, unmasked)
        outcome = {Status.REACHED: REACHED, Status.PENDING: "待再次拨打"}.get(
            Status(call.status), UNREACHED
        )
        answers = call.answers or [None] * len(stored.items)
        caller = call.caller.get_full_name() or call.caller.username if call.caller else ""
        when = localtime(call.called_at).strftime("%Y-%m-%d %H:%M") if call.called_at else ""
        rows.append(
            [call.client, name, phone, call.zone, outcome, _tries(call),
             *["" if a is None else a for a in answers], call.comment, caller, when]
        )  # fmt: skip
    header = ["编号", "姓名", "电话", "片区", "联系结果", "未联系上原因", *stored.items, "意见",
              "拨打人", "时间"]  # fmt: skip
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "调查结果", header, rows)
    return _bytes(book)


def _bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()
