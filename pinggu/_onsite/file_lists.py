"""Reading the station's file lists (档案清单): which 个案, 小组 and 社区活动 files it keeps.

The experts draw the files they check from these lists (docs/onsite.md「档案清单」), so a list
must be whole and unambiguous: every problem is reported at once, located by sheet, row and
column, and a list with any problem yields nothing. The lists come as a sheet per type (个案,
小组, 社区活动, also under names such as 个案档案) or as one sheet 档案清单 with a 类型 column;
either may be a file of its own (`read_file_lists`, for `pinggu sample-files`) or sheets of the
evaluation workbook (`parse_file_lists`, called by the importer).

Problems (all `WorkbookError`, nothing half-read):
- a cell of the wrong kind (a date that is no date, 节数 or 人次 that is no whole number ≥ 0);
- a 编号 listed twice within its type, compared by `file_key` (docs/keys.md);
- a 片区 that is not one of the evaluation's (when the zones are known), 全站 aside;
- a case closed before it was opened.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from pathlib import Path

from .._errors import Problem, WorkbookError
from .._keys import file_key, name_key
from .._model import STATION_WIDE
from .._sheets.cells import key
from .._sheets.columns import Column, SheetSpec, ValueKind
from .._sheets.reader import Book, read_csv, sniff
from .._sheets.tables import Found, Problems, Row, Rows, data_rows, named_sheets
from .files_model import FileEntry, FileType

__all__ = [
    "COMBINED",
    "LIST_SHEETS",
    "file_list_sheet",
    "parse_file_lists",
    "read_file_lists",
]

_ID_HELP = "档案编号，同一类型内不得重复（全角半角、空格、大小写不计）"
_ZONE_HELP = "片区名称（与「片区」表一致）；全站性的档案填「全站」"
_WORKER_HELP = "负责的社工（姓名或人员编号）"
_CASE_COLUMNS = (
    Column("开案日期", ValueKind.DATE, help="如 2024-03-05", width=12),
    Column("结案日期", ValueKind.DATE, required=False, help="留空表示尚未结案", width=12),
    Column(
        "服务对象编号",
        ValueKind.TEXT,
        required=False,
        help="「服务对象名册」中的编号（不填姓名）",
        width=14,
    ),
)
_GROUP_COLUMNS = (
    Column("名称", ValueKind.TEXT, help="小组名称", width=24),
    Column("节数", ValueKind.INTEGER, help="小组的节数", width=8),
    Column("日期", ValueKind.DATE, help="第一节的日期", width=12),
)
_EVENT_COLUMNS = (
    Column("名称", ValueKind.TEXT, help="活动名称", width=24),
    Column("日期", ValueKind.DATE, help="活动日期", width=12),
    Column("人次", ValueKind.INTEGER, help="参与人次", width=8),
)


def _common() -> tuple[Column, ...]:
    return (
        Column("编号", ValueKind.TEXT, help=_ID_HELP, width=12),
        Column("片区", ValueKind.TEXT, help=_ZONE_HELP, width=12),
        Column("社工", ValueKind.TEXT, help=_WORKER_HELP, width=10),
    )


def _spec(name: str, columns: tuple[Column, ...], what: str) -> SheetSpec:
    return SheetSpec(
        name,
        (*_common(), *columns),
        f"每行一份{what}档案（考核期内的全部{what}），供评估专家抽查。",
        required=False,
        may_be_empty=True,
    )


LIST_SHEETS: dict[FileType, SheetSpec] = {
    FileType.CASE: _spec("个案", _CASE_COLUMNS, "个案"),
    FileType.GROUP: _spec("小组", _GROUP_COLUMNS, "小组"),
    FileType.EVENT: _spec("社区活动", _EVENT_COLUMNS, "社区活动"),
}
# Other names people give the per-type sheets (compared by `key`).
_SHEET_NAMES: dict[FileType, tuple[str, ...]] = {
    FileType.CASE: ("个案", "个案档案", "个案清单", "个案档案清单"),
    FileType.GROUP: ("小组", "小组档案", "小组清单", "小组档案清单"),
    FileType.EVENT: ("社区活动", "社区活动档案", "社区活动清单", "活动", "活动档案", "活动清单"),
}


def _optional(column: Column) -> Column:
    return Column(column.name, column.kind, False, column.choices, column.help, column.width)


def _combined_columns() -> tuple[Column, ...]:
    kinds = Column(
        "类型",
        ValueKind.CHOICE,
        choices=tuple(t.value for t in FileType),
        help="个案、小组或社区活动（也可写「活动」）",
        width=10,
    )
    seen: dict[str, Column] = {}
    for columns in (_CASE_COLUMNS, _GROUP_COLUMNS, _EVENT_COLUMNS):
        for column in columns:
            seen.setdefault(column.name, _optional(column))
    return (kinds, *_common(), *seen.values())


COMBINED = SheetSpec(
    "档案清单",
    _combined_columns(),
    "每行一份档案：个案、小组、社区活动可合在一张表，用「类型」列区分；"
    "各类型只填自己的列（个案：开案日期等；小组：名称、节数、日期；社区活动：名称、日期、人次）。",
    required=False,
    may_be_empty=True,
)
# What each type must have in the combined sheet (in a per-type sheet its columns require it).
_REQUIRED: dict[FileType, tuple[str, ...]] = {
    t: tuple(c.name for c in columns if c.required)
    for t, columns in (
        (FileType.CASE, _CASE_COLUMNS),
        (FileType.GROUP, _GROUP_COLUMNS),
        (FileType.EVENT, _EVENT_COLUMNS),
    )
}
_TYPE_WORDS = {"活动": FileType.EVENT, "个案档案": FileType.CASE, "小组档案": FileType.GROUP}


# Each list sheet's canonical name and its other names, as `named_sheets` finds them.
_LIST_NAMES: dict[str, tuple[str, ...]] = {
    **{LIST_SHEETS[t].name: names[1:] for t, names in _SHEET_NAMES.items()},
    COMBINED.name: (),
}


def file_list_sheet(name: str) -> FileType | str | None:
    """What a sheet named `name` holds: a type's list, COMBINED's name, or None (not a list)."""
    wanted = key(name)
    if wanted == key(COMBINED.name):
        return COMBINED.name
    return next((t for t, names in _SHEET_NAMES.items() if wanted in map(key, names)), None)


# ---------------------------------------------------------------------------------- reading


def read_file_lists(
    path: str | Path, *, name: str | None = None, zones: Collection[str] | None = None
) -> tuple[FileEntry, ...]:
    """The file lists of a workbook (.xlsx, .xls or .ods, told by content) or a .csv (UTF-8 or
    GB18030; one sheet 档案清单 with a 类型 column). `zones`: the evaluation's 片区; by default
    those of the file's own 片区 sheet, when it has one (an evaluation workbook). Raises
    `WorkbookError` listing every problem, `FileRefused` for a file beyond the reading limits."""
    file = Path(path)
    shown = name or file.name
    if Path(shown).suffix.lower() == ".csv" and file.is_file() and not sniff(file):
        return parse_file_lists({COMBINED.name: read_csv(file, name=shown)}, zones=zones)
    problems = Problems()
    with Book(file, name=shown) as book:
        sheets = {n: book.rows(n) for n in book.names if file_list_sheet(n) is not None}
        if zones is None:
            named = named_sheets(dict.fromkeys(book.names, ()), ["片区"], problems)
            zones = _zones_of(book.rows(named["片区"].name)) if named else None
    if not sheets:
        names = "、".join(["个案", "小组", "社区活动", COMBINED.name])
        message = f"文件「{shown}」中找不到档案清单：应有工作表 {names}（按类型分表，或合为一表）"
        raise WorkbookError([Problem(sheet=COMBINED.name, message=message)])
    files = parse_file_lists(sheets, zones=zones, problems=problems)
    if problems.problems:
        raise WorkbookError(problems.grouped())
    return files


def _zones_of(rows: Rows) -> list[str] | None:
    from .._workbook.sheets import ZONES  # the workbook's layout, only for its 片区 sheet

    problems = Problems()
    found = data_rows(Found("片区", rows), ZONES, problems) or ()
    zones = [zone for row in found if (zone := row.get("片区", str)) is not None]
    return list(dict.fromkeys(zones)) or None


def parse_file_lists(
    sheets: Mapping[str, Rows],
    *,
    zones: Collection[str] | None = None,
    problems: Problems | None = None,
) -> tuple[FileEntry, ...]:
    """The files listed in `sheets` (rows by sheet name; sheets that are no file list are
    ignored), in sheet and row order. `zones`: the 片区 a file may name besides 全站 (None: any).
    With `problems` (the importer's), problems are added there and the files returned as far as
    they could be read; without, any problem raises `WorkbookError`."""
    own = problems is None
    ctx = problems if problems is not None else Problems()
    known = {name_key(z): z for z in zones} if zones is not None else None
    seen: dict[tuple[FileType, str], tuple[str, int]] = {}  # (类型, 编号 key) -> (sheet, row)
    files: list[FileEntry] = []
    for name, found in named_sheets(sheets, _LIST_NAMES, ctx).items():
        holds = file_list_sheet(name)
        assert holds is not None  # `_LIST_NAMES` are list sheets
        sheet = found.name
        spec = LIST_SHEETS[holds] if isinstance(holds, FileType) else COMBINED
        for row in data_rows(found, spec, ctx, _type_choices(spec)) or ():
            fixed = holds if isinstance(holds, FileType) else _row_type(row)
            # checked even when another cell of the row is wrong, so one pass finds every problem
            number = row.get("编号", str)
            item = (fixed, file_key(number)) if fixed is not None and number else None
            if item is not None and item in seen:
                first_sheet, first = seen[item]
                message = (
                    f"{item[0].value}编号「{key(number or '')}」与工作表「{first_sheet}」第 {first} 行"
                    "重复（全角半角、空格、大小写不计）；同一类型的编号不得重复"
                )
                ctx.flag(row, "编号", message)
                continue
            if item is not None:
                seen[item] = (sheet, row.number)
            entry = _entry(row, fixed, known, ctx)
            if entry is not None:
                files.append(entry)
    if own and ctx.problems:
        raise WorkbookError(ctx.grouped())
    return tuple(files)


def _type_choices(spec: SheetSpec) -> dict[str, Sequence[str]]:
    if spec is not COMBINED:
        return {}
    return {"类型": (*(t.value for t in FileType), *_TYPE_WORDS)}


def _row_type(row: Row) -> FileType | None:
    text = row.get("类型", str)
    if text is None:
        return None
    return _TYPE_WORDS.get(text) or FileType(text)


def _entry(
    row: Row, kind: FileType | None, zones: dict[str, str] | None, ctx: Problems
) -> FileEntry | None:
    """The row as a FileEntry, or None when some cell is wrong (each reported)."""
    if kind is not None and not row.failed:
        for column in _REQUIRED[kind]:
            if column not in row.values:
                ctx.fail(row, column, f"{kind.value}档案须填写「{column}」")
    zone = _zone(row, zones, ctx)
    opened, closed = row.get("开案日期", date), row.get("结案日期", date)
    if kind is FileType.CASE and opened and closed and closed < opened:
        ctx.flag(row, "结案日期", f"结案日期 {closed} 早于开案日期 {opened}；请检查两个日期")
        return None
    if row.failed or kind is None or zone is None:
        return None
    sessions, attendance = row.get("节数", int), row.get("人次", int)
    return FileEntry(
        type=kind,
        id=key(row.get("编号", str) or ""),
        zone=zone,
        worker=(row.get("社工", str) or "").strip(),
        title=(row.get("名称", str) or "").strip() if kind is not FileType.CASE else "",
        client=key(row.get("服务对象编号", str) or "") if kind is FileType.CASE else "",
        opened=opened if kind is FileType.CASE else None,
        closed=closed if kind is FileType.CASE else None,
        on=row.get("日期", date) if kind is not FileType.CASE else None,
        sessions=sessions if kind is FileType.GROUP else None,
        attendance=attendance if kind is FileType.EVENT else None,
    )


def _zone(row: Row, zones: dict[str, str] | None, ctx: Problems) -> str | None:
    text = row.get("片区", str)
    if text is None:
        return None
    if name_key(text) == name_key(STATION_WIDE):
        return STATION_WIDE
    if zones is None:
        return key(text)
    found = zones.get(name_key(text))
    if found is None:
        listed = "、".join(f"「{z}」" for z in zones.values())
        ctx.flag(row, "片区", f"片区「{text}」不是评估的片区（{listed}），也不是「全站」")
    return found
