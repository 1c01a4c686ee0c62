"""Reading 兜底 follow-up data: the roster's clients, 分级变更 and 服务记录, checked and located.

Stations export their contact records from the platforms they already use, so the records come
as a sheet of the evaluation workbook, a workbook of their own or a .csv, with headers, dates and
方式 written in many ways. Every row is checked against the roster (the client must be on it),
the 到岗 sheet (the worker must be in post that month), the period and today, and every problem
is reported at once with its sheet, row and column: records with any problem yield nothing, so
no figure of the follow-up is ever computed from half the records (docs/contacts.md).

The same record typed twice (client, date, time, 方式 and worker all equal: an export pasted
twice) is counted once, with a notice naming both rows; it is not an error.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .._errors import Problem, WorkbookError
from .._keys import name_key, worker_key
from .._model import AttendanceRow, Month
from .._roster import Client, Roster, read_roster
from .._sheets.cells import key, listed
from .._sheets.reader import Book, read_csv, sniff
from .._sheets.tables import Found, Problems, Row, Rows, data_rows, named_sheets
from .._workbook.sheets import CONTACTS, GRADE_CHANGES, ROSTER
from .model import ContactClient, ContactData, ContactRecord, GradeChange, Method

__all__ = ["MAX_MINUTES", "METHOD_ALIASES", "parse_contacts", "read_contacts"]

MAX_MINUTES = 600  # a contact of more than ten hours is a typing slip (minutes for hours, …)
DUPLICATES_SHOWN = 10  # duplicate records named one by one; the rest are counted

# The other ways stations write a 方式 (compared after NFKC, without spaces).
METHOD_ALIASES: dict[str, Method] = {
    **{key(m.value): m for m in Method},
    **dict.fromkeys(("电话", "电话访问", "电话回访", "电话随访"), Method.PHONE),
    **dict.fromkeys(("入户", "家访", "探访", "上门", "上门探访", "入户走访"), Method.VISIT),
    **dict.fromkeys(("微信", "短信", "微信短信", "微信/短信", "短信/微信"), Method.MESSAGE),
}


def parse_contacts(
    roster: Roster,
    records: Rows | None,
    changes: Rows | None = None,
    *,
    records_sheet: str = CONTACTS.name,
    changes_sheet: str = GRADE_CHANGES.name,
    period: tuple[date, date] | None = None,
    attendance: Sequence[AttendanceRow] = (),
    today: date | None = None,
) -> ContactData:
    """The roster's clients (those without a usable phone included), the grade changes and the
    records as `ContactData`, or `WorkbookError` listing every problem, located. `period` (the
    考核期), `attendance` (the 到岗 rows) and `today`, when given, bound the records' dates
    and workers. What was read otherwise than typed (a record typed twice, title rows, ignored
    columns) is in `ContactData.notices`."""
    problems = Problems()
    clients = tuple(_client(c) for c in (*roster.clients, *roster.unreachable))
    known = {c.number: c for c in clients}
    grade_changes: tuple[GradeChange, ...] = ()
    if changes is not None:
        grade_changes = _changes(Found(changes_sheet, changes), known, problems)
    contact_records: tuple[ContactRecord, ...] = ()
    if records is not None:
        names = {name_key(a.name): worker_key(a.worker_id) for a in attendance}
        rules = _Rules(known, period, today, _posts(attendance), names, bool(attendance))
        contact_records = _records(Found(records_sheet, records), rules, problems)
    if problems.problems:
        raise WorkbookError(problems.grouped())
    return ContactData(clients, grade_changes, contact_records, tuple(problems.all_notices()))


def _client(client: Client) -> ContactClient:
    return ContactClient(
        number=client.number,
        household=client.household,
        zone=client.zone,
        community=client.community,
        grade=client.level,
        filed=client.filed,
        closed=client.closed,
    )


# ---------------------------------------------------------------------------------- 分级变更


def _changes(
    found: Found, known: dict[str, ContactClient], problems: Problems
) -> tuple[GradeChange, ...]:
    result: dict[tuple[str, date], tuple[GradeChange, int]] = {}
    for row in data_rows(found, GRADE_CHANGES, problems) or ():
        client = _known_client(row, known, problems)
        on, grade = row.get("日期", date), row.get("分级", str)
        if row.failed or client is None or on is None or grade is None:
            continue
        change = GradeChange(client, on, int(grade))
        first = result.setdefault((client, on), (change, row.number))
        if first[0].grade != change.grade:
            message = (
                f"服务对象「{client}」{on} 的分级在第 {first[1]} 行为 {first[0].grade} 级，"
                f"此处为 {change.grade} 级；同一天只能有一个分级"
            )
            problems.flag(row, "分级", message)
    return tuple(change for change, _ in result.values())


def _known_client(row: Row, known: dict[str, ContactClient], problems: Problems) -> str | None:
    typed = row.get("服务对象编号", str)
    if typed is None:
        return None
    if key(typed) not in known:
        message = f"应为「{ROSTER.name}」中的编号，实为「{typed}」"
        problems.flag(row, "服务对象编号", message)
        return None
    return key(typed)


# ---------------------------------------------------------------------------------- 服务记录


@dataclass
class _Rules:
    """What every record is checked against."""

    known: dict[str, ContactClient]
    period: tuple[date, date] | None
    today: date | None
    posts: dict[str, dict[Month, Decimal]]  # worker key -> 到岗 by month
    names: dict[str, str]  # name key -> worker key, for a record naming its worker
    check_workers: bool
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)  # record -> first row
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (first row, row)


def _posts(attendance: Sequence[AttendanceRow]) -> dict[str, dict[Month, Decimal]]:
    posts: dict[str, dict[Month, Decimal]] = {}
    for row in attendance:
        posts.setdefault(worker_key(row.worker_id), {})[row.month] = row.value
    return posts


def _records(found: Found, rules: _Rules, problems: Problems) -> tuple[ContactRecord, ...]:
    result = []
    for row in data_rows(found, CONTACTS, problems) or ():
        record = _record(row, rules, problems)
        if record is None:
            continue
        same = (record.client, record.on, record.at, record.method, record.worker)
        first = rules.seen.setdefault(same, row.number)
        if first != row.number:
            rules.duplicates.append((first, row.number))
            continue
        result.append(record)
    _duplicate_notices(found.name, rules.duplicates, problems)
    return tuple(result)


def _record(row: Row, rules: _Rules, problems: Problems) -> ContactRecord | None:
    """The row as a record, or None when any cell is wrong (each reported)."""
    client = _known_client(row, rules.known, problems)
    when = row.get("日期", date)
    on = when.date() if isinstance(when, datetime) else when
    if on is not None and not _in_time(row, on, rules, problems):
        on = None
    method = _method(row, problems)
    typed = row.get("社工", str)
    worker = _in_post(row, typed, on, rules, problems) if typed and on else None
    minutes = _minutes(row, problems)
    if row.failed or client is None or on is None or method is None or worker is None:
        return None
    return ContactRecord(
        client=client,
        on=on,
        method=method,
        worker=worker,
        at=when.time() if isinstance(when, datetime) else None,
        minutes=minutes,
        greeting=row.get("节日慰问", bool) is True,
        note=row.get("备注", str) or "",
        row=row.number,
    )


def _in_time(row: Row, on: date, rules: _Rules, problems: Problems) -> bool:
    if rules.period is not None and not rules.period[0] <= on <= rules.period[1]:
        start, end = rules.period
        problems.fail(row, "日期", f"应在考核期 {start} 至 {end} 之内，实为「{on}」")
        return False
    if rules.today is not None and on > rules.today:
        problems.fail(row, "日期", f"不能晚于今天（{rules.today}），实为「{on}」")
        return False
    return True


def _method(row: Row, problems: Problems) -> Method | None:
    typed = row.get("方式", str)
    if typed is None:
        return None
    method = METHOD_ALIASES.get(key(unicodedata.normalize("NFKC", typed)))
    if method is None:
        names = listed([m.value for m in Method])
        problems.fail(row, "方式", f"应为{names}之一，实为「{typed}」")
    return method


def _in_post(row: Row, worker: str, on: date, rules: _Rules, problems: Problems) -> str | None:
    """The worker's key (a worker named by 姓名 is known by the 人员编号 of 到岗), or None when
    the worker was not in post the record's month (reported). Without 到岗, any worker."""
    if not rules.check_workers:
        return worker_key(worker)
    found = worker_key(worker)
    if found not in rules.posts:
        found = rules.names.get(name_key(worker), found)
    months = rules.posts.get(found)
    if months is None:
        problems.fail(row, "社工", f"应为「到岗」表中的人员编号或姓名，实为「{worker}」")
        return None
    if not months.get(Month.of(on)):
        said = "到岗为 0" if Month.of(on) in months else "没有到岗记录"
        message = f"社工「{worker}」{Month.of(on)} 在「到岗」表中{said}，不能有当月的服务记录"
        problems.fail(row, "社工", message)
        return None
    return found


def _minutes(row: Row, problems: Problems) -> int | None:
    """The 时长 as whole minutes (half up); None when not given or absurd (reported)."""
    typed = row.get("时长（分钟）", Decimal)
    if typed is None:
        return None
    if typed > MAX_MINUTES:
        message = f"应为不超过 {MAX_MINUTES} 的分钟数（超过 10 小时不合常理），实为「{typed}」"
        problems.fail(row, "时长（分钟）", message)
        return None
    return int(typed.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _duplicate_notices(sheet: str, pairs: list[tuple[int, int]], problems: Problems) -> None:
    for first, row in pairs[:DUPLICATES_SHOWN]:
        message = (
            f"第 {row} 行与第 {first} 行是同一条记录（服务对象、日期、时间、方式、社工都相同），"
            "只计一次"
        )
        problems.notice(sheet, message)
    if len(pairs) > DUPLICATES_SHOWN:
        rest = len(pairs) - DUPLICATES_SHOWN
        problems.notice(sheet, f"另有 {rest} 行与前面的记录重复，均只计一次")


# ---------------------------------------------------------------------------------- files


def read_contacts(
    roster_path: str | os.PathLike[str],
    records_path: str | os.PathLike[str] | None = None,
    *,
    roster_name: str | None = None,
    records_name: str | None = None,
    period: tuple[date, date] | None = None,
    attendance: Sequence[AttendanceRow] = (),
    today: date | None = None,
) -> ContactData:
    """Read the roster (as `read_roster` does) and the records (the sheet 服务记录, and 分级变更
    when there is one, of `records_path`, by default the roster's own workbook; a file of one
    sheet may name it otherwise; a .csv holds the records alone), then `parse_contacts`. Names
    are the files' as the user knows them. Raises `WorkbookError` listing every problem."""
    roster = read_roster(Path(roster_path), name=roster_name, draw=False)
    roster_shown = roster_name or Path(roster_path).name
    path = Path(records_path if records_path is not None else roster_path)
    shown = (records_name or path.name) if records_path is not None else roster_shown
    if _is_csv(path, shown):
        rows = read_csv(path, name=shown)
        return parse_contacts(
            roster, rows, records_sheet=shown, period=period, attendance=attendance, today=today
        )
    count, found = _follow_up_sheets(path, shown)
    records = found.get(CONTACTS.name)
    if records is None and count == 1 and records_path is not None:
        records = found.get("")
    if records is None:
        message = f"文件「{shown}」中找不到工作表「{CONTACTS.name}」（只有一个工作表的文件也可）"
        raise WorkbookError([Problem(sheet=CONTACTS.name, message=message)])
    changes = found.get(GRADE_CHANGES.name)
    if (
        changes is None
        and records_path is not None
        and not _is_csv(Path(roster_path), roster_shown)
    ):
        changes = _follow_up_sheets(Path(roster_path), roster_shown)[1].get(GRADE_CHANGES.name)
    return parse_contacts(
        roster,
        records.rows,
        changes.rows if changes is not None else None,
        records_sheet=records.name,
        changes_sheet=changes.name if changes is not None else GRADE_CHANGES.name,
        period=period,
        attendance=attendance,
        today=today,
    )


def _is_csv(path: Path, shown: str) -> bool:
    return Path(shown).suffix.lower() == ".csv" and path.is_file() and not sniff(path)


def _follow_up_sheets(path: Path, shown: str) -> tuple[int, dict[str, Found]]:
    """How many sheets the workbook has, and its 服务记录 and 分级变更 (by canonical name);
    the only sheet of a one-sheet workbook is also under ""."""
    names = [CONTACTS.name, GRADE_CHANGES.name]
    with Book(path, name=shown) as book:
        # by name only: a sheet's rows are read once it is chosen
        named = named_sheets(dict.fromkeys(book.names, ()), names)
        found = {name: Found(f.name, book.rows(f.name)) for name, f in named.items()}
        if len(book.names) == 1 and not found:
            found[""] = Found(book.names[0], book.rows(book.names[0]))
        return len(book.names), found
