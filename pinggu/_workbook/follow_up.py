"""The 兜底 follow-up sheets of an evaluation workbook: 服务对象名册, 服务记录 and 分级变更.

A workbook that has 服务记录 is followed up (docs/contacts.md): its roster becomes the clients
(without names or phones) and its records are checked against the period of 基本信息 and the
workers of 到岗, their problems reported with the workbook's others, all at once. A workbook
without 服务记录 (or with the blank template's, holding nothing under its header) is read
exactly as before, its roster never looked at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._contacts.model import ContactData
from .._contacts.records import parse_contacts
from .._errors import WorkbookError
from .._model import AttendanceRow, Zone
from .._roster import parse_roster
from .._sheets.cells import key
from .._sheets.tables import Rows, header_only, named_sheets
from .context import Context
from .sheets import ATTENDANCE, CONTACTS, GRADE_CHANGES, ROSTER


def contacts(
    sheets: Mapping[str, Rows],
    ctx: Context,
    zones: Sequence[Zone],
    attendance: Sequence[AttendanceRow],
    *,
    grid: bool = False,
) -> ContactData | None:
    """The workbook's follow-up data; None when it has no 服务记录 or any problem (reported).
    `grid`: 到岗 was read from a field layout, whose 人员编号 are made up (docs/layouts.md), so
    the records' 社工 cannot be checked against it (said in a notice)."""
    found = named_sheets(sheets, [ROSTER.name, CONTACTS.name, GRADE_CHANGES.name], ctx)
    if CONTACTS.name not in found or header_only(found[CONTACTS.name].rows):
        return None  # the blank template's empty sheet: no records handed in
    if ROSTER.name not in found:
        message = (
            f"工作簿有「{CONTACTS.name}」表，却没有「{ROSTER.name}」表：服务记录要与名册对照"
            f"（服务对象编号、片区、分级），请加上「{ROSTER.name}」表"
        )
        ctx.add(ROSTER.name, message)
        return None
    # 到岗 rows with a problem are left out: checking workers against the rest would only
    # repeat that problem at every record of theirs
    broken_attendance = any(key(p.sheet) == key(ATTENDANCE.name) for p in ctx.problems)
    if grid:
        message = (
            f"「{ATTENDANCE.name}」是按月份排列的表格，没有人员编号，服务记录的「社工」未与之核对"
        )
        ctx.notice(found[CONTACTS.name].name, message)
    info = ctx.info
    try:
        listed, contacts_found = found[ROSTER.name], found[CONTACTS.name]
        zone_names = [z.name for z in zones]
        roster = parse_roster(listed.rows, sheet=listed.name, zones=zone_names, draw=False)
        changes = found.get(GRADE_CHANGES.name)
        return parse_contacts(
            roster,
            contacts_found.rows,
            changes.rows if changes is not None else None,
            records_sheet=contacts_found.name,
            changes_sheet=changes.name if changes is not None else GRADE_CHANGES.name,
            period=(info.period_start, info.period_end) if info is not None else None,
            attendance=() if broken_attendance or grid else attendance,
        )
    except WorkbookError as error:
        ctx.problems.extend(error.problems)
        return None
