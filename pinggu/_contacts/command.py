"""`pinggu contacts ROSTER [RECORDS]`: a station's 兜底 follow-up from its roster and its
service records, printed as tables or as JSON (docs/contacts.md「命令行」).

The period judged is the workbook's 考核期 when the roster's (or the records') workbook has a
基本信息 sheet, else `--from`/`--to`, else the whole months the records span: a station that
exports its records from another platform has no evaluation workbook, and still gets its
compliance. The workbook's 到岗 sheet, when there is one, is passed on so that a record by a
worker not in post that month is refused with its row. Everything is read and checked before
anything is printed; a problem prints nothing but the located problems (exit status 2, as the
other commands).
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .._errors import WorkbookError
from .._model import AttendanceRow
from .._scheme import Scheme, load_scheme
from .._sheets.reader import Book, sniff
from .._sheets.tables import Found, named_sheets
from .._workbook import info_sheet, table_sheets
from .._workbook.context import Context
from .._workbook.sheets import ATTENDANCE, INFO_SHEET
from .compliance import follow_up
from .model import ContactData
from .overdue import overdue_clients
from .records import read_contacts
from .show import day_words, follow_up_json, follow_up_text

FROM_INFO = "考核期取自工作簿「基本信息」"
FROM_OPTIONS = "考核期由 --from、--to 指定"
FROM_RECORDS = "考核期为服务记录所跨的整月"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    source: str  # where it came from, in Chinese (FROM_INFO …)


class Refused(Exception):
    """A command-line argument the command cannot use; the message is the user's, in Chinese.
    Caught in `run` and never leaves this module."""


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_day(text: str, option: str) -> date:
    """「2024-03-15」, 「2024/3/15」 or 「2024年3月15日」."""
    match = _DATE.match(text.strip())
    try:
        if match is None:
            raise ValueError
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise Refused(f"{option} 的日期「{text}」无法识别，应写作 2024-03-15") from None


def _workbook_facts(path: Path, scheme: Scheme) -> tuple[Period | None, tuple[AttendanceRow, ...]]:
    """The 考核期 and the 到岗 rows of a workbook that has a 基本信息 sheet; (None, ()) for a
    .csv or a workbook without one. Raises `WorkbookError` when those sheets have problems."""
    if not path.is_file() or not sniff(path):
        return None, ()
    with Book(path) as book:
        # by name only: a sheet's rows are read once it is needed
        names = named_sheets(dict.fromkeys(book.names, ()), [INFO_SHEET, ATTENDANCE.name])
        if INFO_SHEET not in names:
            return None, ()
        info_name = names[INFO_SHEET].name
        ctx = Context(scheme=scheme)
        ctx.info = info_sheet.station_info(Found(info_name, book.rows(info_name)), ctx)
        rows: tuple[AttendanceRow, ...] = ()
        if ctx.info is not None and ATTENDANCE.name in names:
            at = names[ATTENDANCE.name].name
            rows = table_sheets.attendance(Found(at, book.rows(at)), ctx)
    if ctx.problems or ctx.info is None:
        raise WorkbookError(ctx.grouped())
    return Period(ctx.info.period_start, ctx.info.period_end, FROM_INFO), rows


def asked_period(start: date | None, end: date | None) -> Period | None:
    """The period `--from`/`--to` give: both or neither, in order."""
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise Refused("--from 与 --to 须一起使用")
    if end < start:
        raise Refused(f"--to（{end}）早于 --from（{start}）")
    return Period(start, end, FROM_OPTIONS)


def records_span(data: ContactData) -> Period:
    """The whole months from the first record's to the last one's."""
    if not data.records:
        raise Refused("服务记录中没有任何记录，无法确定考核期；请用 --from 和 --to 指定")
    first = min(r.on for r in data.records)
    last = max(r.on for r in data.records)
    end = date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
    return Period(first.replace(day=1), end, FROM_RECORDS)


def run(args: argparse.Namespace, today: date | None = None) -> int:
    """0 when the follow-up is printed; 2 when anything given cannot be used (nothing printed
    but the problems)."""
    records = args.records or args.roster
    shown = str(args.roster) if records == args.roster else f"{args.roster}、{records}"
    try:
        return _run(args, records, today or date.today())
    except Refused as exc:
        print(str(exc), file=sys.stderr)
    except WorkbookError as exc:
        print(f"{shown}：{exc}", file=sys.stderr)
    return 2


def _run(args: argparse.Namespace, records: Path, today: date) -> int:
    scheme = load_scheme(args.scheme)
    schedule = scheme.contacts
    if schedule is None:
        raise Refused(
            f"评估方案「{scheme.name}」没有分级跟进频次（[contacts]），无法核对跟进情况；"
            "请选用含有跟进频次的方案（如 guangzhou-2023）"
        )
    on = parse_day(args.on, "--on") if args.on else None
    asked = asked_period(
        parse_day(args.start, "--from") if args.start else None,
        parse_day(args.end, "--to") if args.end else None,
    )
    period, attendance = _workbook_facts(args.roster, scheme)
    if period is None and records != args.roster:
        period, attendance = _workbook_facts(records, scheme)
    if period is not None and asked is not None and asked != replace(period, source=FROM_OPTIONS):
        print(
            f"提示：工作簿「基本信息」的考核期为 {day_words(period.start)} 至 "
            f"{day_words(period.end)}，按此核对；--from、--to 未采用",
            file=sys.stderr,
        )
    period = period or asked
    data = read_contacts(
        args.roster,
        None if records == args.roster else records,
        period=(period.start, period.end) if period else None,
        attendance=attendance,
        today=today,
    )
    period = period or records_span(data)
    result = follow_up(data, schedule, period.start, period.end)
    overdue = overdue_clients(data, schedule, on) if on is not None else ()
    if args.json:
        doc = follow_up_json(result, source=period.source, on=on, overdue=overdue)
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(follow_up_text(result, scheme.name, source=period.source, on=on, overdue=overdue))
    return 0
