"""The key–value sheet 基本信息: one row per `StationInfo` field, and the checks across fields.

Unlike the other sheets, 基本信息 is read by row label (项目) rather than by column, every field
has its own kind, and its values must agree with each other (dates in order, the operator in
place before the period ends, 考核月数 as the scheme computes it, spending parts within totals). The other sheets are checked against the
period it gives, so it is parsed first, and only a fully valid sheet yields a `StationInfo`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TypeVar

from .._model import Kind, Qualification, StationInfo
from .._numbers import plain
from .._period import period_months, total_months
from .._sheets.cells import Bad, cell_value, is_empty, key, shown
from .._sheets.columns import Column
from .._sheets.tables import Found, Table, table
from .context import Context
from .sheets import INFO_COLUMNS, INFO_FIELDS, InfoField

T = TypeVar("T")
_LABELS = {f.attribute: f.label for f in INFO_FIELDS}


def station_info(found: Found | None, ctx: Context) -> StationInfo | None:
    """The key–value sheet as a `StationInfo`, or None when it has any problem."""
    if found is None:
        return None
    before = len(ctx.problems)
    data = table(found, INFO_COLUMNS, ctx)
    if data is None:
        return None
    values, where = _info_values(found.name, data, ctx)
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
    seed = values.get("draw_seed")
    ctx.draw_seed = seed.strip() if isinstance(seed, str) else ""
    _check_info_dates(found.name, values, where, ctx)
    _check_operator_since(found.name, values, where, ctx)
    _check_info_figures(found.name, values, where, ctx)
    return None if len(ctx.problems) > before else _station(values)


def _info_values(sheet: str, data: Table, ctx: Context) -> tuple[dict[str, object], dict[str, int]]:
    """Converted values by StationInfo attribute, and the row each field is on."""
    fields = {key(f.label): f for f in INFO_FIELDS}
    values: dict[str, object] = {}
    where: dict[str, int] = {}
    for number, raw in data:
        if is_empty(raw["项目"]):
            ctx.add(
                sheet,
                f"「项目」为空，但「内容」填有「{shown(raw['内容'])}」；请填写项目名称",
                number,
                "项目",
            )
            continue
        label = shown(raw["项目"])
        info_field = fields.get(key(label))
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
    ctx: Context,
) -> None:
    column = Column(info_field.label, info_field.kind, info_field.required, info_field.choices)
    try:
        value = cell_value(cell, column, info_field.choices)
        if info_field.attribute == "kind" and isinstance(value, str):
            kind = Kind.from_label(value)
            if kind is None:
                raise Bad(f"无法识别的评估类型「{value}」")
            value = kind
        if info_field.attribute == "lead_qualification" and isinstance(value, bool):
            if value:
                raise Bad("请填写持证等级（高级、中级、助理或非持证），不能只填「是」")
            value = Qualification.NONE
    except Bad as bad:
        ctx.add(sheet, f"「{info_field.label}」{bad.message}", number, "内容")
        return
    if value is not None:
        values[info_field.attribute] = value


def _check_info_dates(
    sheet: str, values: Mapping[str, object], where: Mapping[str, int], ctx: Context
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


def _check_operator_since(
    sheet: str, values: Mapping[str, object], where: Mapping[str, int], ctx: Context
) -> None:
    """The operator ran the station in the period evaluated, so it cannot have started after it."""
    since, end = _optional(values, "operator_since", date), _typed(values, "period_end", date)
    if since is not None and since > end:
        message = (
            f"承办起始日期 {since} 晚于考核期结束 {end}；"
            "承办方应在考核期结束前已开始运营本社工站，请检查日期"
        )
        ctx.add(sheet, message, where["operator_since"], "内容")


def _check_info_figures(
    sheet: str, values: Mapping[str, object], where: Mapping[str, int], ctx: Context
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
    _check_spending(sheet, values, where, ctx)


def _check_spending(
    sheet: str, values: Mapping[str, object], where: Mapping[str, int], ctx: Context
) -> None:
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

    def whole(attribute: str) -> int:
        return _typed(values, attribute, int)

    def remark(attribute: str) -> str:
        return _optional(values, attribute, str) or ""

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
        contract_workers=whole("contract_workers"),
        contract_certified_workers=whole("contract_certified_workers"),
        training_hours_required=figure("training_hours_required"),
        training_hours_done=figure("training_hours_done"),
        annual_spending=figure("annual_spending"),
        personnel_spending=figure("personnel_spending"),
        address=_optional(values, "address", str),
        operator_since=_optional(values, "operator_since", date),
        evaluation_staff=_optional(values, "evaluation_staff", int),
        lead=_optional(values, "lead", str),
        lead_qualification=_optional(values, "lead_qualification", Qualification),
        lead_years=_optional(values, "lead_years", int),
        onsite_objection=remark("onsite_objection"),
        draft_objection=remark("draft_objection"),
    )
