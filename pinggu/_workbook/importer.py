"""Turns an evaluation workbook into an `Evaluation`, or says everything that is wrong with it.

People fill the workbook by hand, so every cell is checked against the layout in `sheets` and
against the scheme, and every problem is reported at once with its sheet, Excel row and column:
a user fixes the workbook in one pass instead of meeting one error per upload. A workbook with
any problem yields no `Evaluation`, so nothing is ever computed from half-valid data.

`parse_workbook` is pure (rows in, objects out) and is the seam tests use; `load_workbook` adds
the file reading.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from .._errors import Problem, WorkbookError
from .._model import (
    STATION_WIDE,
    TOTAL,
    AttendanceRow,
    Evaluation,
    Finding,
    FindingKind,
    IndicatorRow,
    Kind,
    Month,
    ScoreRow,
    StationInfo,
    VetoDeclaration,
    Zone,
    months_between,
)
from .._numbers import plain
from .._period import period_months, total_months
from .._scheme import METRICS, Dimension, Party, Scheme, Section, VetoRule
from .reader import read_xlsx
from .sheets import (
    ATTENDANCE,
    FINDINGS,
    INDICATORS,
    INFO_COLUMNS,
    INFO_FIELDS,
    INFO_SHEET,
    NO,
    SCORES,
    TABLE_SHEETS,
    VETOES,
    YES,
    ZONES,
    Column,
    InfoField,
    SheetSpec,
    ValueKind,
)

T = TypeVar("T")
Rows = Sequence[Sequence[object]]

# Sheets that may hold a header and nothing else: nobody has scored, vetoed or written yet.
_MAY_BE_EMPTY = frozenset({SCORES.name, VETOES.name, FINDINGS.name})
_NO_TARGET = "/"  # what reports print for "no target"; accepted as empty in optional numbers
_LABELS = {f.attribute: f.label for f in INFO_FIELDS}


def load_workbook(path: str | os.PathLike[str], scheme: Scheme) -> Evaluation:
    """Read an xlsx file and parse it; raises `WorkbookError` with every problem found."""
    return parse_workbook(read_xlsx(path), scheme)


def parse_workbook(sheets: Mapping[str, Rows], scheme: Scheme) -> Evaluation:
    """Validate rows of cells (by sheet name) into an `Evaluation`, or raise `WorkbookError`."""
    ctx = _Context(scheme)
    found = _find_sheets(sheets, ctx)
    ctx.info = _info(found.get(INFO_SHEET), ctx)
    zones = _zones(found.get(ZONES.name), ctx)
    evaluation_parts = (
        _indicators(found.get(INDICATORS.name), ctx),
        _attendance(found.get(ATTENDANCE.name), ctx),
        _scores(found.get(SCORES.name), ctx),
        _vetoes(found.get(VETOES.name), ctx),
        _findings(found.get(FINDINGS.name), ctx),
    )
    if ctx.problems or ctx.info is None:
        raise WorkbookError(ctx.problems)
    indicators, attendance, scores, vetoes, findings = evaluation_parts
    return Evaluation(ctx.info, zones, indicators, attendance, scores, vetoes, findings)


# ---------------------------------------------------------------------------------------------
# Shared state and small helpers


@dataclass
class _Context:
    scheme: Scheme
    problems: list[Problem] = field(default_factory=list)
    info: StationInfo | None = None
    zones: dict[str, str] | None = None  # comparison key -> zone name; None: 片区 unreadable

    def add(
        self, sheet: str, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        self.problems.append(Problem(sheet=sheet, message=message, row=row, column=column))

    def flag(self, row: _Row, column: str, message: str) -> None:
        self.add(row.sheet, message, row.number, column)


@dataclass(frozen=True)
class _Found:
    name: str  # the sheet's name as written in the workbook
    rows: Rows


@dataclass
class _Row:
    """One data row after conversion: values of the cells that were filled and valid."""

    sheet: str
    number: int  # Excel row number
    values: dict[str, object]
    failed: bool  # some cell was missing or invalid (already reported)

    def get(self, column: str, kind: type[T]) -> T | None:
        value = self.values.get(column)
        return value if isinstance(value, kind) else None


class _Bad(Exception):
    """A cell that cannot be converted; the message says what was expected and what was found."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _key(text: str) -> str:
    """Comparison form of a label: NFKC (full width → half width), all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _shown(cell: object) -> str:
    """A cell as the user sees it, for messages."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else str(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def _or(items: Sequence[str]) -> str:
    """「甲」、「乙」或「丙」, 1、0.5 或 0: a list of alternatives in Chinese."""
    if len(items) <= 1:
        return "".join(items)
    separator = "或" if items[-1].startswith("「") else " 或 "
    return "、".join(items[:-1]) + separator + items[-1]


def _quoted(items: Sequence[str]) -> list[str]:
    return [f"「{item}」" for item in items]


def _letter(index: int) -> str:
    """Excel column letter of a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ---------------------------------------------------------------------------------------------
# Cell values


def _expected(kind: ValueKind, choices: Sequence[str]) -> str:
    """What a cell of this kind should hold, as the start of a message."""
    if kind is ValueKind.NUMBER:
        return "应为不小于 0 的数字"
    if kind is ValueKind.INTEGER:
        return "应为不小于 0 的整数"
    if kind is ValueKind.DATE:
        return "应为日期（如 2024-06-07、2024/6/7 或 2024年6月7日）"
    if kind is ValueKind.MONTH:
        return "应为月份（如 2024-06、2024/6 或 2024年6月）"
    if kind is ValueKind.ATTENDANCE:
        return f"应为 {_or(list(choices))}"
    if kind is ValueKind.YESNO:
        return f"应为{_or(_quoted(choices or (YES, NO)))}"
    if kind is ValueKind.CHOICE:
        return f"应为{_or(_quoted(choices))}"
    return "应填写内容"


def _wrong(kind: ValueKind, choices: Sequence[str], cell: object) -> _Bad:
    return _Bad(f"{_expected(kind, choices)}，实为「{_shown(cell)}」")


def _convert(cell: object, kind: ValueKind, choices: Sequence[str]) -> object:
    """A non-empty cell as the value its kind calls for; raises `_Bad`."""
    if kind is ValueKind.TEXT:
        return cell.strip() if isinstance(cell, str) else _shown(cell)
    if kind in (ValueKind.NUMBER, ValueKind.INTEGER):
        return _number(cell, kind)
    if kind is ValueKind.DATE:
        return _date(cell)
    if kind is ValueKind.MONTH:
        return _month(cell)
    if kind is ValueKind.ATTENDANCE:
        return _attendance_value(cell, choices)
    options = choices or (YES, NO)
    text = _key(cell) if isinstance(cell, str) else None
    chosen = next((c for c in options if _key(c) == text), None)
    if chosen is None:
        raise _wrong(kind, options, cell)
    return chosen == YES if kind is ValueKind.YESNO else chosen


_PLAIN_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _decimal(cell: object) -> Decimal | None:
    """A number cell or numeric text ("1,200", " 85.5 ") as Decimal, sign kept; None if neither."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return None
        number = Decimal(str(cell))
    elif isinstance(cell, str):
        text = "".join(unicodedata.normalize("NFKC", cell).split())
        if not (_PLAIN_NUMBER.match(text) or _GROUPED_NUMBER.match(text)):
            return None
        number = Decimal(text.replace(",", ""))
    else:
        return None
    return Decimal(int(number)) if number == number.to_integral_value() else number


def _number(cell: object, kind: ValueKind) -> Decimal | int:
    number = _decimal(cell)
    if number is None:
        if isinstance(cell, str) and unicodedata.normalize("NFKC", cell).strip().endswith("%"):
            raise _Bad(f"应为数量本身，不填百分比（百分比由系统计算），实为「{_shown(cell)}」")
        raise _wrong(kind, (), cell)
    if number < 0:
        raise _wrong(kind, (), cell)
    if kind is ValueKind.INTEGER:
        if number != number.to_integral_value():
            raise _wrong(kind, (), cell)
        return int(number)
    return number


_DATE_TEXT = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


def _date(cell: object) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str):
        text = "".join(unicodedata.normalize("NFKC", cell).split())
        match = next((m for p in _DATE_TEXT if (m := p.match(text))), None)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise _Bad(f"日期「{_shown(cell)}」不存在，请检查月份和日") from None
    raise _wrong(ValueKind.DATE, (), cell)


def _month(cell: object) -> Month:
    if isinstance(cell, date):
        return Month.of(cell)
    if isinstance(cell, str):
        month = Month.parse(unicodedata.normalize("NFKC", cell))
        if month is not None:
            return month
    raise _wrong(ValueKind.MONTH, (), cell)


def _attendance_value(cell: object, choices: Sequence[str]) -> Decimal:
    number = _decimal(cell)
    chosen = next((c for c in choices if number is not None and number == Decimal(c)), None)
    if chosen is None:
        raise _wrong(ValueKind.ATTENDANCE, choices, cell)
    return Decimal(chosen)


def _missing(kind: ValueKind, choices: Sequence[str]) -> str:
    return "不能为空" if kind is ValueKind.TEXT else f"不能为空，{_expected(kind, choices)}"


def _value(cell: object, column: Column, choices: Sequence[str]) -> object:
    """A cell's value, None when empty and allowed to be; raises `_Bad`."""
    if not column.required and column.kind is ValueKind.NUMBER and isinstance(cell, str):
        cell = "" if _key(cell) == _NO_TARGET else cell
    if _is_empty(cell):
        if column.required:
            raise _Bad(_missing(column.kind, choices))
        return None
    return _convert(cell, column.kind, choices)


# ---------------------------------------------------------------------------------------------
# Sheets, headers and rows


def _find_sheets(sheets: Mapping[str, Rows], ctx: _Context) -> dict[str, _Found]:
    """The required sheets by their canonical name; others (such as 说明) are ignored."""
    names = [INFO_SHEET, *(spec.name for spec in TABLE_SHEETS)]
    wanted = {_key(name): name for name in names}
    found: dict[str, _Found] = {}
    for name, rows in sheets.items():
        canonical = wanted.get(_key(name))
        if canonical is None:
            continue
        if canonical in found:
            first = found[canonical].name
            ctx.add(name, f"与工作表「{first}」重名（都对应「{canonical}」），只能保留一个")
            continue
        found[canonical] = _Found(name, rows)
    for name in names:
        if name not in found:
            ctx.add(name, f"缺少此工作表；工作簿应包含 {'、'.join(names)} 共 {len(names)} 个工作表")
    return found


def _is_empty_row(cells: Sequence[object]) -> bool:
    return all(_is_empty(cell) for cell in cells)


def _table(
    found: _Found, columns: Sequence[Column], ctx: _Context
) -> list[tuple[int, dict[str, object]]] | None:
    """Data rows as (Excel row number, raw cell by column name); None if the header is unusable."""
    start = next((i for i, cells in enumerate(found.rows) if not _is_empty_row(cells)), None)
    if start is None:
        names = "、".join(c.name for c in columns)
        ctx.add(found.name, f"工作表是空的；第一行应为列名：{names}")
        return None
    positions = _header(found.name, found.rows[start], start + 1, columns, ctx)
    if positions is None:
        return None
    unnamed: set[int] = set()
    result = []
    for index in range(start + 1, len(found.rows)):
        cells = found.rows[index]
        if _is_empty_row(cells):
            continue
        _check_unnamed(found.name, index + 1, cells, positions, unnamed, ctx)
        raw = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
        result.append((index + 1, raw))
    return result


def _header(
    sheet: str, cells: Sequence[object], row: int, columns: Sequence[Column], ctx: _Context
) -> dict[str, int] | None:
    """Column name -> index; reports unknown, duplicate and missing columns."""
    wanted = {_key(c.name): c.name for c in columns}
    expected = "、".join(c.name for c in columns)
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if _is_empty(cell):
            continue
        label = _shown(cell)
        name = wanted.get(_key(label))
        if name is None:
            ctx.add(sheet, f"未知的列「{label}」；本表的列应为：{expected}", row, label)
        elif name in positions:
            where = f"第 {_letter(positions[name])} 列和第 {_letter(index)} 列"
            ctx.add(sheet, f"「{name}」列出现了两次（{where}），只能保留一列", row, label)
        else:
            positions[name] = index
    missing = [c.name for c in columns if c.required and c.name not in positions]
    for name in missing:
        ctx.add(sheet, f"缺少「{name}」列；第 {row} 行的列名应为：{expected}", row, name)
    return None if missing else positions


def _check_unnamed(
    sheet: str,
    row: int,
    cells: Sequence[object],
    positions: Mapping[str, int],
    seen: set[int],
    ctx: _Context,
) -> None:
    """Data under an empty header cell would be silently lost: report it once per column."""
    named = set(positions.values())
    for index, cell in enumerate(cells):
        if index in named or index in seen or _is_empty(cell):
            continue
        seen.add(index)
        message = f"此列没有列名，却填有「{_shown(cell)}」；请删除这些内容，或填写正确的列名"
        ctx.add(sheet, message, row, _letter(index))


def _rows(
    found: _Found | None,
    spec: SheetSpec,
    ctx: _Context,
    choices: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[_Row] | None:
    """The data rows of a table sheet, each converted (and its problems reported) as it is
    reached, so that a sheet's problems come in row order; None when the sheet is missing or its
    header unusable (reported too)."""
    if found is None:
        return None
    table = _table(found, spec.columns, ctx)
    if table is None:
        return None
    if not table and spec.name not in _MAY_BE_EMPTY:
        ctx.add(found.name, f"没有数据：列名下方至少应有一行。{spec.help}")
    return (
        _convert_row(found.name, number, raw, spec.columns, ctx, choices or {})
        for number, raw in table
    )


def _convert_row(
    sheet: str,
    number: int,
    raw: Mapping[str, object],
    columns: Sequence[Column],
    ctx: _Context,
    choices: Mapping[str, Sequence[str]],
) -> _Row:
    row = _Row(sheet, number, {}, False)
    for column in columns:
        try:
            value = _value(
                raw.get(column.name, ""), column, choices.get(column.name, column.choices)
            )
        except _Bad as bad:
            ctx.flag(row, column.name, bad.message)
            row.failed = True
            continue
        if value is not None:
            row.values[column.name] = value
    return row


# ---------------------------------------------------------------------------------------------
# 基本信息


def _info(found: _Found | None, ctx: _Context) -> StationInfo | None:
    """The key–value sheet as a `StationInfo`, or None when it has any problem."""
    if found is None:
        return None
    before = len(ctx.problems)
    table = _table(found, INFO_COLUMNS, ctx)
    if table is None:
        return None
    values, where = _info_values(found.name, table, ctx)
    for info_field in INFO_FIELDS:
        if info_field.required and info_field.attribute not in where:
            ctx.add(
                found.name,
                f"缺少「{info_field.label}」一行（在「项目」列填写「{info_field.label}」，在「内容」列填写其值）",
                None,
                "项目",
            )
    if len(ctx.problems) > before:
        return None
    _check_info_dates(found.name, values, where, ctx)
    _check_info_figures(found.name, values, where, ctx)
    return None if len(ctx.problems) > before else _station(values)


def _info_values(
    sheet: str, table: list[tuple[int, dict[str, object]]], ctx: _Context
) -> tuple[dict[str, object], dict[str, int]]:
    """Converted values by StationInfo attribute, and the row each field is on."""
    fields = {_key(f.label): f for f in INFO_FIELDS}
    values: dict[str, object] = {}
    where: dict[str, int] = {}
    for number, raw in table:
        if _is_empty(raw["项目"]):
            ctx.add(
                sheet,
                f"「项目」为空，但「内容」填有「{_shown(raw['内容'])}」；请填写项目名称",
                number,
                "项目",
            )
            continue
        label = _shown(raw["项目"])
        info_field = fields.get(_key(label))
        if info_field is None:
            known = "、".join(f.label for f in INFO_FIELDS)
            ctx.add(sheet, f"未知的项目「{label}」；项目应为：{known}", number, "项目")
        elif info_field.attribute in where:
            ctx.add(
                sheet,
                f"「{info_field.label}」与第 {where[info_field.attribute]} 行重复，只能填一行",
                number,
                "项目",
            )
        else:
            where[info_field.attribute] = number
            _info_value(sheet, number, info_field, raw["内容"], values, ctx)
    return values, where


def _info_value(
    sheet: str,
    number: int,
    info_field: InfoField,
    cell: object,
    values: dict[str, object],
    ctx: _Context,
) -> None:
    column = Column(info_field.label, info_field.kind, info_field.required, info_field.choices)
    try:
        value = _value(cell, column, info_field.choices)
        if info_field.attribute == "kind" and isinstance(value, str):
            kind = Kind.from_label(value)
            if kind is None:
                raise _Bad(f"无法识别的评估类型「{value}」")
            value = kind
    except _Bad as bad:
        ctx.add(sheet, f"「{info_field.label}」{bad.message}", number, "内容")
        return
    if value is not None:
        values[info_field.attribute] = value


def _check_info_dates(
    sheet: str, values: Mapping[str, object], where: Mapping[str, int], ctx: _Context
) -> None:
    for first, last in (("period_start", "period_end"), ("contract_start", "contract_end")):
        start, end = _typed(values, first, date), _typed(values, last, date)
        if start > end:
            message = (
                f"{_LABELS[last]} {end} 早于{_LABELS[first]} {start}；结束日期应不早于开始日期"
            )
            ctx.add(sheet, message, where[last], "内容")
    entered = _optional(values, "period_months", Decimal)
    start, end = _typed(values, "period_start", date), _typed(values, "period_end", date)
    if entered is None or start > end:
        return
    days = ctx.scheme.staffing.half_month_days
    computed = total_months(period_months(start, end, days))
    if entered != computed:
        message = (
            f"考核月数填写为 {plain(entered)}，但按考核期 {start} 至 {end} "
            f"推算应为 {plain(computed)}（起止月在考核期内满 {days} 天按 1 个月计、"
            f"不足 {days} 天按半个月计，其余每月按 1 个月计）；请改为 {plain(computed)} 或留空"
        )
        ctx.add(sheet, message, where["period_months"], "内容")


def _check_info_figures(
    sheet: str, values: Mapping[str, object], where: Mapping[str, int], ctx: _Context
) -> None:
    workers = _typed(values, "contract_workers", int)
    certified = _typed(values, "contract_certified_workers", int)
    if workers <= 0:
        ctx.add(sheet, f"协议社工人数应大于 0，实为 {workers}", where["contract_workers"], "内容")
    elif certified > workers:
        message = (
            f"协议持证社工人数 {certified} 多于协议社工人数 {workers}；"
            "持证社工应包含在协议社工人数之内"
        )
        ctx.add(sheet, message, where["contract_certified_workers"], "内容")
    annual = _optional(values, "annual_spending", Decimal)
    personnel = _optional(values, "personnel_spending", Decimal)
    if annual is not None and personnel is not None and personnel > annual:
        message = (
            f"人员费用支出 {plain(personnel)} 元多于年度支出总额 {plain(annual)} 元；"
            "人员费用是年度支出的一部分"
        )
        ctx.add(sheet, message, where["personnel_spending"], "内容")
    elif (annual is None) != (personnel is None):
        given, absent = (
            ("annual_spending", "personnel_spending")
            if personnel is None
            else ("personnel_spending", "annual_spending")
        )
        message = (
            f"只填了「{_LABELS[given]}」，未填「{_LABELS[absent]}」；"
            "这两项要么都填（用于计算人员费用比例），要么都不填"
        )
        ctx.add(sheet, message, where.get(absent, where[given]), "内容")


def _typed(values: Mapping[str, object], attribute: str, kind: type[T]) -> T:
    value = values[attribute]
    if not isinstance(value, kind):
        raise TypeError(f"{attribute}: {value!r} is not {kind.__name__}")  # a bug, never user input
    return value


def _optional(values: Mapping[str, object], attribute: str, kind: type[T]) -> T | None:
    return _typed(values, attribute, kind) if attribute in values else None


def _station(values: Mapping[str, object]) -> StationInfo:
    def text(attribute: str) -> str:
        return _typed(values, attribute, str)

    def day(attribute: str) -> date:
        return _typed(values, attribute, date)

    def figure(attribute: str) -> Decimal | None:
        return _optional(values, attribute, Decimal)

    return StationInfo(
        station=text("station"),
        district=text("district"),
        street=text("street"),
        operator=text("operator"),
        purchaser=text("purchaser"),
        supervisor=text("supervisor"),
        evaluator=text("evaluator"),
        kind=_typed(values, "kind", Kind),
        evaluation_date=day("evaluation_date"),
        period_start=day("period_start"),
        period_end=day("period_end"),
        period_months=figure("period_months"),
        contract_start=day("contract_start"),
        contract_end=day("contract_end"),
        contract_funding_wan=figure("contract_funding_wan"),
        contract_workers=_typed(values, "contract_workers", int),
        contract_certified_workers=_typed(values, "contract_certified_workers", int),
        training_hours_required=figure("training_hours_required"),
        training_hours_done=figure("training_hours_done"),
        annual_spending=figure("annual_spending"),
        personnel_spending=figure("personnel_spending"),
    )


# ---------------------------------------------------------------------------------------------
# 片区 and zone references


def _zones(found: _Found | None, ctx: _Context) -> tuple[Zone, ...]:
    rows = _rows(found, ZONES, ctx)
    if rows is None:
        return ()
    names: dict[str, str] = {}  # key -> zone name as first written
    members: dict[str, list[str]] = {}
    listed: dict[str, tuple[int, str]] = {}  # community key -> (row, zone)
    reserved = {_key(STATION_WIDE), _key(TOTAL)}
    for row in rows:
        zone, community = row.get("片区", str), row.get("社区", str)
        if zone is not None and _key(zone) in reserved:
            message = (
                f"「{zone}」是保留名称（全站性指标填「{STATION_WIDE}」，合计由系统计算），"
                "不能作为片区名"
            )
            ctx.flag(row, "片区", message)
            zone = None
        if zone is not None:
            zone = names.setdefault(_key(zone), zone)
            members.setdefault(zone, [])
        if community is None:
            continue
        if _key(community) in listed:
            first, owner = listed[_key(community)]
            ctx.flag(
                row,
                "社区",
                f"社区「{community}」已在第 {first} 行列出（属「{owner}」），每个社区只能列一次",
            )
        elif zone is not None:
            listed[_key(community)] = (row.number, zone)
            members[zone].append(community)
    ctx.zones = names
    return tuple(Zone(name, tuple(communities)) for name, communities in members.items())


def _zone(ctx: _Context, row: _Row, station_wide: bool = False) -> str | None:
    """The 片区 cell resolved to a zone of the 片区 sheet (or 全站 where allowed); None if wrong."""
    text = row.get("片区", str)
    if text is None:
        return None
    if station_wide and _key(text) == _key(STATION_WIDE):
        return STATION_WIDE
    if ctx.zones is None:
        return text  # 片区 sheet unreadable: reported there, nothing to check against
    name = ctx.zones.get(_key(text))
    if name is None:
        known = "、".join(_quoted(list(ctx.zones.values()))) or "（「片区」表中没有片区）"
        extra = f"，或「{STATION_WIDE}」" if station_wide else ""
        ctx.flag(row, "片区", f"未知的片区「{text}」；应为「片区」表中的片区：{known}{extra}")
    return name


def _zone_for(ctx: _Context, row: _Row, per_zone: bool, what: str) -> tuple[bool, str | None]:
    """(ok, zone) for a 片区 cell that is required exactly when `what` is assessed per zone."""
    text = row.get("片区", str)
    if not per_zone:
        if text is not None:
            ctx.flag(row, "片区", f"「{what}」不分片区，片区应留空，实为「{text}」")
        return text is None, None
    if text is None:
        known = "、".join(_quoted(list((ctx.zones or {}).values())))
        ctx.flag(
            row, "片区", f"「{what}」按片区评估，必须填写片区" + (f"（{known}）" if known else "")
        )
        return False, None
    zone = _zone(ctx, row)
    return zone is not None, zone


# ---------------------------------------------------------------------------------------------
# 指标, 到岗


def _indicators(found: _Found | None, ctx: _Context) -> tuple[IndicatorRow, ...]:
    result = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in _rows(found, INDICATORS, ctx) or []:
        zone = _zone(ctx, row, station_wide=True)
        indicator, measure = row.get("指标", str), row.get("计量", str)
        actual = row.get("完成量", Decimal)
        if zone is None or indicator is None or measure is None:
            continue
        key = (_key(zone), _key(indicator), _key(measure))
        if key in seen:
            ctx.flag(row, "指标", f"与第 {seen[key]} 行重复：同一片区的同一指标和计量只能填一行")
            continue
        seen[key] = row.number
        if not row.failed and actual is not None:
            result.append(
                IndicatorRow(zone, indicator, measure, row.get("协议量", Decimal), actual)
            )
    return tuple(result)


@dataclass
class _Workers:
    """What earlier rows of 到岗 said, for checks across rows."""

    period: list[Month] | None
    names: dict[str, tuple[int, str]] = field(default_factory=dict)  # id key -> (row, name)
    months: dict[tuple[str, Month], int] = field(default_factory=dict)  # (id key, month) -> row


def _attendance(found: _Found | None, ctx: _Context) -> tuple[AttendanceRow, ...]:
    info = ctx.info
    period = months_between(info.period_start, info.period_end) if info else None
    seen = _Workers(period)
    result = []
    for row in _rows(found, ATTENDANCE, ctx) or []:
        worker, name, month = row.get("人员编号", str), row.get("姓名", str), row.get("月份", Month)
        if worker is None or not _check_worker(ctx, row, seen, worker, name, month):
            continue
        value = row.get("到岗", Decimal)
        position = row.get("岗位", str)
        flags = [row.get(c, bool) for c in ("持证", "从业满两年", "社保", "工资")]
        if row.failed or name is None or month is None or value is None or position is None:
            continue
        certified, experienced, insured, paid = (flag is True for flag in flags)
        note = row.get("备注", str) or ""
        result.append(
            AttendanceRow(
                worker, name, position, month, value, certified, experienced, insured, paid, note
            )
        )
    return tuple(result)


def _check_worker(
    ctx: _Context, row: _Row, seen: _Workers, worker: str, name: str | None, month: Month | None
) -> bool:
    ok = True
    first = seen.names.setdefault(_key(worker), (row.number, name)) if name else None
    if first is not None and name is not None and _key(first[1]) != _key(name):
        message = (
            f"人员编号「{worker}」在第 {first[0]} 行的姓名为「{first[1]}」，"
            f"此处为「{name}」；同一编号应为同一人"
        )
        ctx.flag(row, "姓名", message)
        ok = False
    if month is None:
        return False
    if (_key(worker), month) in seen.months:
        earlier = seen.months[(_key(worker), month)]
        ctx.flag(
            row, "月份", f"人员编号「{worker}」的 {month} 已在第 {earlier} 行填写；每人每月只能一行"
        )
        return False
    seen.months[(_key(worker), month)] = row.number
    if seen.period is not None and month not in seen.period and ctx.info is not None:
        span = f"{ctx.info.period_start} 至 {ctx.info.period_end}"
        months = f"{seen.period[0]} 至 {seen.period[-1]}"
        ctx.flag(row, "月份", f"月份 {month} 不在考核期内；考核期为 {span}（{months}）")
        ok = False
    return ok


# ---------------------------------------------------------------------------------------------
# 评分, 否决, 意见


def _scores(found: _Found | None, ctx: _Context) -> tuple[ScoreRow, ...]:
    parties = [p.name for p in ctx.scheme.parties]
    result = []
    seen: dict[tuple[str, str, str | None, str], int] = {}
    for row in _rows(found, SCORES, ctx, {"评估方": parties}) or []:
        party = ctx.scheme.party(row.get("评估方", str) or "")
        dimension = _dimension(ctx, row, party) if party else None
        if party is None or dimension is None:
            continue
        ok, zone = _zone_for(ctx, row, dimension.per_zone, dimension.name)
        judge, score = row.get("评委", str), row.get("得分", Decimal)
        if score is not None and score > dimension.scale:
            top = plain(dimension.scale)
            shown = plain(score)
            message = f"得分应在 0 到 {top} 之间（「{dimension.name}」满分 {top} 分），实为 {shown}"
            ctx.flag(row, "得分", message)
            ok = False
        if not ok or judge is None:
            continue
        key = (party.name, dimension.name, zone, _key(judge))
        if key in seen:
            ctx.flag(
                row,
                "评委",
                f"与第 {seen[key]} 行重复：同一评委对同一评估内容（及片区）只能有一个得分",
            )
            continue
        seen[key] = row.number
        if not row.failed and score is not None:
            result.append(ScoreRow(party.name, dimension.name, zone, judge, score))
    return tuple(result)


def _dimension(ctx: _Context, row: _Row, party: Party) -> Dimension | None:
    text = row.get("评估内容", str)
    if text is None:
        return None
    dimension = next((d for d in party.dimensions if _key(d.name) == _key(text)), None)
    if dimension is None:
        if len(party.dimensions) == 1:
            expected = f"「{party.name}」只有一项总评分，评估内容应填「{party.dimensions[0].name}」"
        else:
            expected = (
                f"「{party.name}」的评估内容应为{_or(_quoted([d.name for d in party.dimensions]))}"
            )
        ctx.flag(row, "评估内容", f"未知的评估内容「{text}」；{expected}")
    return dimension


def _vetoes(found: _Found | None, ctx: _Context) -> tuple[VetoDeclaration, ...]:
    result = []
    seen: dict[str, int] = {}
    for row in _rows(found, VETOES, ctx) or []:
        rule = _veto_rule(ctx, row)
        if rule is not None and rule.computed:
            continue  # reported: the system computes it
        applies, note = row.get("是否", bool), row.get("说明", str) or ""
        if applies and not note:
            ctx.flag(row, "说明", "选「是」时必须填写说明（认定为不合格的依据）")
            continue
        if rule is None:
            continue
        if rule.id in seen:
            ctx.flag(
                row, "情形", f"「{rule.title}」与第 {seen[rule.id]} 行重复，每种情形只能填一行"
            )
            continue
        seen[rule.id] = row.number
        if not row.failed and applies is not None:
            result.append(VetoDeclaration(rule.title, applies, note))
    return tuple(result)


def _veto_rule(ctx: _Context, row: _Row) -> VetoRule | None:
    text = row.get("情形", str)
    if text is None:
        return None
    rule = next((v for v in ctx.scheme.vetoes if _key(v.title) == _key(text)), None)
    if rule is None:
        declared = "、".join(_quoted([v.title for v in ctx.scheme.vetoes if not v.computed]))
        ctx.flag(row, "情形", f"未知的否决情形「{text}」；应为以下之一：{declared}")
        return None
    if rule.computed:
        basis = METRICS.get(rule.metric or "", "录入的数据")
        ctx.flag(row, "情形", f"「{rule.title}」由系统根据{basis}自动计算，不应填写；请删除此行")
    return rule


def _findings(found: _Found | None, ctx: _Context) -> tuple[Finding, ...]:
    kinds = {kind.label: kind for kind in FindingKind}
    result = []
    for row in _rows(found, FINDINGS, ctx) or []:
        section = _section(ctx, row)
        if section is None:
            continue
        ok, zone = _zone_for(ctx, row, section.per_zone, section.name)
        kind, text = kinds.get(row.get("类型", str) or ""), row.get("内容", str)
        if ok and not row.failed and kind is not None and text is not None:
            result.append(Finding(section.name, zone, kind, text))
    return tuple(result)


def _section(ctx: _Context, row: _Row) -> Section | None:
    text = row.get("部分", str)
    if text is None:
        return None
    key = _key(text)
    section = next(
        (s for s in ctx.scheme.sections if key in {_key(n) for n in (s.name, *s.aliases)}), None
    )
    if section is None:
        known = "、".join(
            f"「{s.name}」" + (f"（或{_or(_quoted(s.aliases))}）" if s.aliases else "")
            for s in ctx.scheme.sections
        )
        ctx.flag(row, "部分", f"未知的部分「{text}」；应为以下之一：{known}")
    return section
