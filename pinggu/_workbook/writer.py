"""Writes the evaluation workbook: the blank template, or the same layout filled with data.

Every sheet, header, drop-down list and help text comes from the tables in `sheets.py`, so the
template and the importer can never disagree. What depends on the evaluation scheme is filled in
from the `Scheme` (`table_sheets`): the drop-downs of 评估方, 评估内容 and 部分, the 否决 rows
of the blank template (every declared veto, 否 until the evaluator says otherwise) and the days
that make a half month. With an `Evaluation` the same layout is filled in, which is how the
example workbook and the tests produce real files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .._categories import load_categories
from .._contacts.model import ContactData, ContactRecord
from .._model import (
    STATION_WIDE,
    AttendanceRow,
    Evaluation,
    FindingKind,
    IndicatorRow,
    Kind,
    Month,
    VetoDeclaration,
)
from .._numbers import as_json_number
from .._performance.sheets import PERFORMANCE_SHEETS, performance_rows
from .._roster import Client, Roster
from .._scheme import Scheme, load_scheme
from .._sheets.columns import NO, YES, Column, SheetSpec, ValueKind
from .._sheets.write import write_cell
from .onsite_sheets import onsite_rows, onsite_sheets
from .sheets import (
    ATTENDANCE,
    CONTACTS,
    FINDINGS,
    GRADE_CHANGES,
    HELP_SHEET,
    INDICATORS,
    INFO_COLUMNS,
    INFO_FIELDS,
    INFO_SHEET,
    ROSTER,
    SCORES,
    TABLE_SHEETS,
    VETOES,
    ZONES,
    InfoField,
)
from .spot_sheets import DRAW_SEED, written_sheets

__all__ = ["roster_sheet", "table_sheets", "write_roster", "write_workbook"]

DEFAULT_SCHEME = "guangzhou-2023"
MIN_VALIDATED_ROWS = 2000  # drop-down lists and formats reach at least this row
MAX_LIST_FORMULA = 255  # Excel refuses a longer in-cell list ("a,b,c") or error message
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
TEXT_FORMAT = "@"
_REQUIRED_FILL = PatternFill("solid", fgColor="BDD7EE")  # header of a column that must be filled
_OPTIONAL_FILL = PatternFill("solid", fgColor="E7E6E6")  # header of a column that may stay empty
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")

Cell = str | int | float | date | time | None
Row = tuple[Cell, ...]


def write_workbook(
    path: str | os.PathLike[str],
    evaluation: Evaluation | None = None,
    scheme: Scheme | None = None,
    *,
    indicators: Sequence[IndicatorRow] = (),
    attendance: Sequence[AttendanceRow] = (),
    roster: Roster | None = None,
) -> None:
    """Write the workbook to `path`: the blank template, or filled with `evaluation`.

    With `roster` (whose clients `evaluation.contacts` follows up) the filled workbook carries
    服务对象名册, 服务记录 and 分级变更 too, as a station hands them in (docs/contacts.md).

    Drop-down lists, help texts and the blank template's 否决 rows follow `scheme` (default
    guangzhou-2023); pass the scheme the workbook will be evaluated with. Without an evaluation,
    `indicators` and `attendance` fill 指标 and 到岗 of the blank template (`pinggu convert` of
    a file that holds only field-layout sheets, docs/layouts.md).
    """
    scheme = scheme if scheme is not None else load_scheme(DEFAULT_SCHEME)
    sheets = table_sheets(scheme)
    # an evaluation holds no client's name or phone: its follow-up sheets need `roster`
    follow_up = evaluation is None or (evaluation.contacts is not None and roster is not None)
    extra = (roster_sheet(), CONTACTS, GRADE_CHANGES) if follow_up else ()
    spot = written_sheets(evaluation, scheme)  # file lists and 档案抽查 (docs/onsite.md)
    performance = evaluation.performance if evaluation is not None else None
    # the blank template has them empty; a filled workbook when it has performance data
    perf_sheets = PERFORMANCE_SHEETS if evaluation is None or performance is not None else ()
    book = Workbook()
    onsite = onsite_sheets(scheme)
    _write_help(
        book.active,
        (*sheets, *onsite, *extra, *(spec for spec, _ in spot), *perf_sheets),
        scheme,
    )
    _write_info(book.create_sheet(INFO_SHEET), evaluation)
    for spec in sheets:
        if evaluation is not None:
            rows = _ROWS[spec.name](evaluation)
        elif spec.name == VETOES.name:
            rows = _veto_cells(_declared_vetoes(scheme))
        elif spec.name == INDICATORS.name:
            rows = _indicator_rows(indicators)
        else:
            rows = _attendance_rows(attendance) if spec.name == ATTENDANCE.name else []
        _write_table(book.create_sheet(spec.name), spec, rows)
    for spec in onsite:  # optional sheets (docs/onsite-rectification.md), blank in the template
        cells = [_cells(*r) for r in onsite_rows(spec, evaluation.onsite if evaluation else None)]
        _write_table(book.create_sheet(spec.name), spec, cells)
    contacts = evaluation.contacts if evaluation is not None else None
    for spec in extra:
        _write_table(book.create_sheet(spec.name), spec, _follow_up_rows(spec, roster, contacts))
    for spec, filled in spot:
        _write_table(book.create_sheet(spec.name), spec, [_cells(*row) for row in filled])
    for spec in perf_sheets:
        rows = [_cells(*row) for row in performance_rows(spec, performance)]
        _write_table(book.create_sheet(spec.name), spec, rows)
    book.save(os.fspath(path))


def write_roster(path: str | os.PathLike[str], roster: Roster) -> None:
    """Write a client roster as a file of its own: the sheet 服务对象名册, laid out as in the
    blank template (synthetic rosters for the demo and tests)."""
    book = Workbook()
    ws = book.active
    ws.title = ROSTER.name
    _write_table(ws, roster_sheet(), _roster_rows(roster))
    book.save(os.fspath(path))


def _follow_up_rows(
    spec: SheetSpec, roster: Roster | None, contacts: ContactData | None
) -> list[Row]:
    if roster is not None and spec.name == ROSTER.name:
        return _roster_rows(roster)
    if contacts is not None and spec.name == CONTACTS.name:
        return [_contact_row(r) for r in contacts.records]
    if contacts is not None and spec.name == GRADE_CHANGES.name:
        return [(c.client, c.on, c.grade) for c in contacts.changes]
    return []


def _contact_row(record: ContactRecord) -> Row:
    on = datetime.combine(record.on, record.at) if record.at is not None else record.on
    greeting = YES if record.greeting else None
    return (
        record.client, on, record.method.value, record.worker, record.minutes, greeting,
        record.note or None,
    )  # fmt: skip


def roster_sheet() -> SheetSpec:
    """The roster's layout with the known categories listed in the 类别 column's note."""
    known = "、".join(load_categories().names)
    hint = f"已知类别：{known}；其他类别也可填写，按原名单独统计"
    return replace(
        ROSTER,
        columns=tuple(
            replace(c, help=f"{c.help}。{hint}") if c.name == "类别" else c for c in ROSTER.columns
        ),
    )


def _roster_rows(roster: Roster) -> list[Row]:
    """Every client listed, the unreachable too (they stay on the station's roster)."""
    return [_roster_row(c) for c in (*roster.clients, *roster.unreachable)]


def _roster_row(client: Client) -> Row:
    categories = "、".join(client.categories)
    return (
        client.number, client.name, client.household, client.zone, client.community,
        categories, client.level, client.phone or None, client.note or None, client.filed,
        client.closed,
    )  # fmt: skip


# ---------------------------------------------------------------- what the scheme decides


def table_sheets(scheme: Scheme) -> tuple[SheetSpec, ...]:
    """The table sheets of `sheets.py` with the choices and help texts `scheme` decides."""
    return tuple(
        replace(
            spec,
            columns=tuple(_scheme_column(spec, column, scheme) for column in spec.columns),
            help=_veto_help(scheme) if spec.name == VETOES.name else spec.help,
        )
        for spec in TABLE_SHEETS
    )


def _scheme_column(spec: SheetSpec, column: Column, scheme: Scheme) -> Column:
    where = (spec.name, column.name)
    if where == (SCORES.name, "评估方"):
        return replace(column, choices=tuple(p.name for p in scheme.parties))
    if where == (SCORES.name, "评估内容"):  # a one-score party's only dimension is its name
        names = (d.name for p in scheme.parties for d in p.dimensions)
        return replace(column, choices=tuple(dict.fromkeys(names)))
    if where == (FINDINGS.name, "部分"):
        return replace(column, choices=tuple(s.name for s in scheme.sections))
    if where == (ATTENDANCE.name, "到岗"):
        return replace(column, help=_attendance_rule(scheme.staffing.half_month_days, "为"))
    return column


def _attendance_rule(days: int, verb: str) -> str:
    """How a month in post counts: 满 15 天为 1，1–14 天为 0.5，未到岗为 0."""
    half = {1: "", 2: "1 天"}.get(days, f"1–{days - 1} 天")
    parts = [f"满 {days} 天{verb} 1", *([f"{half}{verb} 0.5"] if half else []), f"未到岗{verb} 0"]
    return "，".join(parts)


def _declared_vetoes(scheme: Scheme) -> list[VetoDeclaration]:
    """What the blank template lists: every veto the evaluator declares, not applying."""
    return [VetoDeclaration(v.title, False, "") for v in scheme.vetoes if not v.computed]


def _veto_help(scheme: Scheme) -> str:
    computed = "、".join(f"「{v.title}」" for v in scheme.vetoes if v.computed)
    text = (
        "评估方认定的不合格情形，每种情形一行。空白模板已列出评估方案中需要认定的全部情形，"
        "「是否」均预填为「否」，只需把适用的改为「是」并说明依据。"
    )
    return text + (f"由系统计算的情形（{computed}）无需填写。" if computed else "")


# ---------------------------------------------------------------- values


def excel_value(value: object) -> Cell:
    """A model value as the cell value a person would type: 是/否, labels, numbers, dates."""
    if isinstance(value, Kind | FindingKind):  # before str: these enums are strings too
        return value.label
    if isinstance(value, StrEnum | Month):
        return str(value)
    if isinstance(value, bool):  # before int: bool is an int too
        return YES if value else NO
    if isinstance(value, Decimal):
        return as_json_number(value)
    if value is None or isinstance(value, str | int | float | date | time):
        return value
    raise TypeError(f"cannot write {value!r} to a workbook cell")


def _column_format(column: Column) -> str | None:
    """The column's own format (a text cell keeps 95% as typed), else its kind's."""
    return column.number_format or _number_format(column.kind)


def _number_format(kind: ValueKind) -> str | None:
    formats = {
        ValueKind.DATE: DATE_FORMAT,
        ValueKind.DATETIME: DATETIME_FORMAT,
        ValueKind.MONTH: TEXT_FORMAT,
        ValueKind.TIME: TIME_FORMAT,
    }
    return formats.get(kind)


# ---------------------------------------------------------------- rows per sheet


def _zone_rows(ev: Evaluation) -> list[Row]:
    rows: list[Row] = []
    for zone in ev.zones:
        rows.extend((zone.name, community) for community in zone.communities)
        if not zone.communities:
            rows.append((zone.name, None))
    return rows


def _indicator_rows(indicators: Iterable[IndicatorRow]) -> list[Row]:
    return [_cells(r.zone, r.indicator, r.measure, r.target, r.actual) for r in indicators]


def _attendance_rows(attendance: Iterable[AttendanceRow]) -> list[Row]:
    return [
        _cells(
            r.worker_id, r.name, r.position, r.month, r.value,
            r.certified if r.qualification is None else r.qualification,
            r.experienced, r.insured, r.paid, r.note or None, r.zone or None,
        )
        for r in attendance
    ]  # fmt: skip


def _score_rows(ev: Evaluation) -> list[Row]:
    return [_cells(r.party, r.dimension, r.zone, r.judge, r.score) for r in ev.scores]


def _veto_rows(ev: Evaluation) -> list[Row]:
    return _veto_cells(ev.vetoes)


def _veto_cells(vetoes: Iterable[VetoDeclaration]) -> list[Row]:
    return [_cells(v.rule, v.applies, v.note or None) for v in vetoes]


def _finding_rows(ev: Evaluation) -> list[Row]:
    return [_cells(f.section, f.zone, f.kind, f.text) for f in ev.findings]


def _cells(*values: object) -> Row:
    return tuple(excel_value(v) for v in values)


_ROWS: dict[str, Callable[[Evaluation], list[Row]]] = {
    ZONES.name: _zone_rows,
    INDICATORS.name: lambda ev: _indicator_rows(ev.indicators),
    ATTENDANCE.name: lambda ev: _attendance_rows(ev.attendance),
    SCORES.name: _score_rows,
    VETOES.name: _veto_rows,
    FINDINGS.name: _finding_rows,
}


# ---------------------------------------------------------------- sheets


def _write_header(ws: Any, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = write_cell(ws, 1, index, column.name)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        if column.help or column.choices:
            cell.comment = _comment(_column_note(column))
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        number_format = _column_format(column)
        if number_format is not None:
            ws.column_dimensions[letter].number_format = number_format
    ws.freeze_panes = "A2"


def _write_table(ws: Any, spec: SheetSpec, rows: list[Row]) -> None:
    _write_header(ws, spec.columns)
    for row_index, row in enumerate(rows, start=2):
        if len(row) != len(spec.columns):
            raise ValueError(
                f"sheet {spec.name}: row has {len(row)} cells, expected {len(spec.columns)}"
            )
        for col_index, (column, value) in enumerate(zip(spec.columns, row, strict=True), start=1):
            if value is None:
                continue
            cell = write_cell(ws, row_index, col_index, value)
            number_format = _column_format(column)
            if number_format is not None:
                cell.number_format = number_format
    last_row = max(MIN_VALIDATED_ROWS, len(rows) + 1)
    for col_index, column in enumerate(spec.columns, start=1):
        if column.choices:
            letter = get_column_letter(col_index)
            _add_choices(ws, column.choices, f"{letter}2:{letter}{last_row}")


def _write_info(ws: Any, evaluation: Evaluation | None) -> None:
    _write_header(ws, INFO_COLUMNS)
    for row_index, field in enumerate(INFO_FIELDS, start=2):
        label = write_cell(ws, row_index, 1, field.label)
        label.font = Font(bold=field.required)
        label.comment = _comment(_field_note(field))
        value = None if evaluation is None else _info_value(evaluation, field.attribute)
        value_cell = write_cell(ws, row_index, 2, excel_value(value))
        number_format = _number_format(field.kind)
        if number_format is not None:
            value_cell.number_format = number_format
        if field.choices:
            _add_choices(ws, field.choices, value_cell.coordinate)


def _info_value(evaluation: Evaluation, attribute: str) -> object:
    if attribute == DRAW_SEED:  # 档案抽取种子 belongs to the on-site evidence
        return (evaluation.onsite.draw_seed if evaluation.onsite else "") or None
    return getattr(evaluation.info, attribute)


def _add_choices(ws: Any, choices: Sequence[str], cell_range: str) -> None:
    """A drop-down list on `cell_range`, unless Excel could not hold it: then the header's note
    (which lists the choices too) is the only guide and the importer still checks the value."""
    formula, error = '"' + ",".join(choices) + '"', "只能填写：" + "、".join(choices)
    if (
        any("," in c or '"' in c for c in choices)
        or max(len(formula), len(error)) > MAX_LIST_FORMULA
    ):
        return
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请从下拉列表中选择",
        error=error,
    )
    validation.add(cell_range)
    ws.add_data_validation(validation)


def _comment(text: str) -> Comment:
    comment = Comment(text, "pinggu")
    comment.width, comment.height = 260, 110
    return comment


# ---------------------------------------------------------------- help texts


_KIND_HELP: dict[ValueKind, str] = {
    ValueKind.TEXT: "文字",
    ValueKind.NUMBER: "不小于 0 的数字",
    ValueKind.INTEGER: "不小于 0 的整数",
    ValueKind.DATE: "日期，格式 YYYY-MM-DD，如 2024-05-20",
    ValueKind.DATETIME: "日期，可带时间，如 2024-05-20 或 2024-05-20 14:30",
    ValueKind.MONTH: "月份，格式 YYYY-MM，如 2024-03",
    ValueKind.TIME: "时间，如 9:30 或 14:00",
    ValueKind.YESNO: "填「是」或「否」",
    ValueKind.CHOICE: "从下拉列表中选择",
    ValueKind.ATTENDANCE: "填 1、0.5 或 0",
    ValueKind.QUALIFICATION: "可从下拉列表中选择",
}


def _describe(required: bool, kind: ValueKind, choices: Sequence[str], help_text: str) -> str:
    parts = [] if help_text.startswith("可不填") else ["必填" if required else "可不填"]
    if "格式" not in help_text:
        parts.append(_KIND_HELP[kind])
    if choices and kind not in (ValueKind.YESNO, ValueKind.ATTENDANCE, ValueKind.QUALIFICATION):
        parts.append("可选：" + "、".join(choices))
    if help_text:
        parts.append(help_text)
    return "；".join(parts) + "。"


def _column_note(column: Column) -> str:
    return _describe(column.required, column.kind, column.choices, column.help)


def _field_note(field: InfoField) -> str:
    return _describe(field.required, field.kind, field.choices, field.help)


def _intro(scheme: Scheme) -> tuple[str, ...]:
    days = _attendance_rule(scheme.staffing.half_month_days, "填")
    return (
        "本工作簿用于提交一个社工服务站一次评估（中期或末期）的全部数据：基本信息、片区与社区、"
        "服务指标完成情况（附件1）、社工每月到岗情况（附件2）、各评估方评分、不合格情形和评估意见。"
        "系统读取本工作簿后按评估方案计算全部数字并生成评估报告。",
        f"本工作簿按评估方案「{scheme.name}」制作：评估方、评估内容、意见的部分和不合格情形"
        "均以该方案为准，请用同一方案计算。",
        "通用规则：",
        "1. 请勿修改工作表名称和表头，也不要增加或删除列；表头为蓝色的列必填，灰色的列可不填；"
        "把鼠标移到表头（或「基本信息」的项目名称）上可以看到填写说明。",
        "2. 完成率、比例、合计等百分比和汇总数一律由系统计算，请勿填写，也不要加入合计行。",
        "3. 属于整个社工站、不分片区的指标（如社区基金培育、品牌创建工作），"
        f"「片区」填「{STATION_WIDE}」。",
        f"4. 到岗：当月在岗{days}。保洁、安保等人员不计入社工，不要列入。",
        "5. 是否类的列填「是」或「否」；「到岗」表的「持证」也可填持证等级（高级社会工作师、"
        "社会工作师、助理社会工作师或非持证）；日期填 YYYY-MM-DD，月份填 YYYY-MM。",
        "6. 协议未设指标量（/）的，「协议量」留空，系统不计算完成率。",
        "7. 每月在岗但未缴社保或未发工资的，请在「备注」中说明原因，否则系统会提示。",
    )


def _sheet_paragraphs(title: str, help_text: str, notes: list[tuple[str, str]]) -> list[str]:
    paragraphs = [f"【{title}】{help_text}"]
    paragraphs.extend(f"· {name}：{note}" for name, note in notes)
    return paragraphs


def _help_paragraphs(sheets: Sequence[SheetSpec], scheme: Scheme) -> list[str]:
    paragraphs = ["社工服务站评估工作簿 填写说明", *_intro(scheme)]
    info_notes = [(f.label, _field_note(f)) for f in INFO_FIELDS]
    info_help = "每行一项，在「内容」列填写；项目名称为粗体的必填。"
    paragraphs.extend(_sheet_paragraphs(INFO_SHEET, info_help, info_notes))
    for spec in sheets:
        notes = [(c.name, _column_note(c)) for c in spec.columns]
        paragraphs.extend(_sheet_paragraphs(spec.name, spec.help, notes))
    return paragraphs


def _write_help(ws: Any, sheets: Sequence[SheetSpec], scheme: Scheme) -> None:
    ws.title = HELP_SHEET
    ws.column_dimensions["A"].width = 110
    for row_index, text in enumerate(_help_paragraphs(sheets, scheme), start=1):
        cell = write_cell(ws, row_index, 1, text)
        cell.alignment = _WRAP
        if row_index == 1 or text.startswith(("【", "通用规则")):
            cell.font = Font(bold=True, size=14 if row_index == 1 else 11)
