"""The one-row-per-record sheets: 片区, 指标, 到岗, 评分, 否决 and 意见, each into model rows.

`tables` has already checked the header and each cell's kind; what is left is what makes a row
wrong in this evaluation: a 片区 that 片区 does not list, a month outside the period, an
evaluation content, veto or section the scheme does not know, a score above its scale, and
rows that say the same thing twice. A row with any problem is reported and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .._keys import name_key, worker_key
from .._model import (
    STATION_WIDE,
    TOTAL,
    AttendanceRow,
    Finding,
    FindingKind,
    IndicatorRow,
    Kind,
    Month,
    Qualification,
    ScoreRow,
    VetoDeclaration,
    Zone,
    months_between,
)
from .._numbers import plain
from .._scheme import METRICS, Dimension, Party, Section, VetoRule
from .._sheets.cells import either, find, key, listed, quoted
from .._sheets.tables import Found, Row, data_rows, earlier_row
from .context import Context
from .sheets import ATTENDANCE, FINDINGS, INDICATORS, SCORES, VETOES, ZONES

# ---------------------------------------------------------------------------------------------
# 片区 and zone references


def zones(found: Found | None, ctx: Context) -> tuple[Zone, ...]:
    rows = data_rows(found, ZONES, ctx)
    if rows is None:
        return ()
    names: dict[str, str] = {}  # key -> zone name as first written
    members: dict[str, list[str]] = {}
    listed_at: dict[str, tuple[int, str]] = {}  # community key -> (row, zone)
    reserved = {name_key(STATION_WIDE), name_key(TOTAL)}
    for row in rows:
        zone, community = row.get("片区", str), row.get("社区", str)
        if zone is not None and name_key(zone) in reserved:
            message = (
                f"「{zone}」是保留名称（全站性指标填「{STATION_WIDE}」，合计由系统计算），"
                "不能作为片区名"
            )
            ctx.flag(row, "片区", message)
            zone = None
        if zone is not None:
            zone = names.setdefault(name_key(zone), zone)
            members.setdefault(zone, [])
        if community is None:
            continue
        if name_key(community) in listed_at:
            first, owner = listed_at[name_key(community)]
            message = (
                f"社区「{community}」已在第 {first} 行列出（属「{owner}」），每个社区只能列一次"
            )
            ctx.flag(row, "社区", message)
        elif zone is not None:
            listed_at[name_key(community)] = (row.number, zone)
            members[zone].append(community)
    ctx.zones = names
    return tuple(Zone(name, tuple(communities)) for name, communities in members.items())


def _known_zones(ctx: Context) -> str:
    return listed(list((ctx.zones or {}).values()))


def _zone(ctx: Context, row: Row, station_wide: bool = False) -> str | None:
    """The 片区 cell resolved to a zone of the 片区 sheet (or 全站 where allowed); None if wrong."""
    text = row.get("片区", str)
    if text is None:
        return None
    if station_wide and name_key(text) == name_key(STATION_WIDE):
        return STATION_WIDE
    if ctx.zones is None:
        return text  # 片区 sheet unreadable: reported there, nothing to check against
    name = ctx.zones.get(name_key(text))
    if name is None:
        known = _known_zones(ctx) or "（「片区」表中没有片区）"
        extra = f"，或「{STATION_WIDE}」" if station_wide else ""
        ctx.flag(row, "片区", f"未知的片区「{text}」；应为「片区」表中的片区：{known}{extra}")
    return name


def zone_for(ctx: Context, row: Row, per_zone: bool, what: str) -> tuple[bool, str | None]:
    """(ok, zone) for a 片区 cell that is required exactly when `what` is assessed per zone."""
    text = row.get("片区", str)
    if not per_zone:
        if text is not None:
            ctx.flag(row, "片区", f"「{what}」不分片区，片区应留空，实为「{text}」")
        return text is None, None
    if text is None:
        known = _known_zones(ctx)
        hint = f"（{known}）" if known else ""
        ctx.flag(row, "片区", f"「{what}」按片区评估，必须填写片区{hint}")
        return False, None
    zone = _zone(ctx, row)
    return zone is not None, zone


# ---------------------------------------------------------------------------------------------
# 指标, 到岗


def indicators(found: Found | None, ctx: Context) -> tuple[IndicatorRow, ...]:
    """The rows under one name per indicator and per measure (docs/keys.md): the catalogue's,
    else the first spelling seen, so 「人 次」 and 「人次」 are checked, grouped and totalled as one."""
    result = []
    seen: dict[tuple[str, str, str], int] = {}
    scopes = _Scopes()
    spellings: dict[str, str] = {}  # name_key -> display name, indicators and measures alike
    for row in data_rows(found, INDICATORS, ctx) or []:
        zone = _zone(ctx, row, station_wide=True)
        indicator, measure = row.get("指标", str), row.get("计量", str)
        actual = row.get("完成量", Decimal)
        if zone is None or indicator is None or measure is None:
            continue
        entry = ctx.scheme.catalogue_entry(indicator)
        indicator = spellings.setdefault(name_key(indicator), entry.name if entry else indicator)
        known = {name_key(m): m for m in entry.measures} if entry else {}
        measure_key = f"{name_key(indicator)}\x00{name_key(measure)}"
        measure = spellings.setdefault(measure_key, known.get(name_key(measure), measure))
        earlier = earlier_row(seen, (name_key(zone), name_key(indicator), name_key(measure)), row)
        if earlier is not None:
            ctx.flag(row, "指标", f"与第 {earlier} 行重复：同一片区的同一指标和计量只能填一行")
            continue
        target = row.get("协议量", Decimal)
        zero = (
            target is not None and target == 0 and not ctx.scheme.indicator_checks.allow_zero_target
        )
        if zero:
            message = (
                "协议量不能为 0：协议未设此指标请留空（表示「/」），否则填写协议量；"
                "如方案允许协议量为 0，请在方案中设置 indicator_checks.allow_zero_target"
            )
            ctx.flag(row, "协议量", message)
        scopes.add(ctx, row, zone, indicator, measure)
        if not row.failed and actual is not None and not zero:
            result.append(IndicatorRow(zone, indicator, measure, target, actual))
    scopes.check(ctx, found)
    _final_needs_targets(ctx, found, result)
    return tuple(result)


@dataclass
class _Scopes:
    """Where each indicator was filled: 全站 or 片区 rows, never both (one would silently hide
    the other). Names are compared as the catalogue resolves them (an alias is its indicator)."""

    rows: dict[tuple[str, str], dict[bool, list[int]]] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, ctx: Context, row: Row, zone: str, indicator: str, measure: str) -> None:
        entry = ctx.scheme.catalogue_entry(indicator)
        name = entry.name if entry is not None else indicator
        item = (name_key(name), name_key(measure))
        self.names.setdefault(item, f"{name}（{measure}）")
        self.rows.setdefault(item, {}).setdefault(zone == STATION_WIDE, []).append(row.number)

    def check(self, ctx: Context, found: Found | None) -> None:
        for item, by_scope in self.rows.items():
            if len(by_scope) < 2 or found is None:
                continue
            wide = "、".join(f"第 {n} 行" for n in by_scope[True])
            zoned = "、".join(f"第 {n} 行" for n in by_scope[False])
            message = (
                f"指标「{self.names[item]}」既填了「{STATION_WIDE}」行（{wide}），又填了片区行"
                f"（{zoned}）：一项指标要么全站性（只填一行「{STATION_WIDE}」），要么按片区填写"
                "（每个片区一行，合计由系统计算），请删去其中一种"
            )
            ctx.add(found.name, message, by_scope[True][0], "片区")


def _final_needs_targets(ctx: Context, found: Found | None, rows: list[IndicatorRow]) -> None:
    """A final evaluation judges completion against the contract: without a single 协议量 there
    is nothing to judge, which is a blank column far more often than a contract without targets."""
    if found is None or ctx.info is None or ctx.info.kind is not Kind.FINAL or not rows:
        return
    if all(r.target is None for r in rows):
        message = (
            f"末期评估的「{found.name}」表没有任何协议量：末期评估按协议量计算完成率，"
            "请按服务协议填写协议量（协议未设的指标留空）"
        )
        ctx.add(found.name, message, None, "协议量")


@dataclass
class _Workers:
    """What earlier rows of 到岗 said, for checks across rows."""

    period: list[Month] | None
    names: dict[str, tuple[int, str]] = field(default_factory=dict)  # id key -> (row, name)
    months: dict[tuple[str, Month], int] = field(default_factory=dict)  # (id key, month) -> row
    ids: dict[str, str] = field(default_factory=dict)  # id key -> the ID as first written
    people: dict[str, str] = field(default_factory=dict)  # name key -> the name as first written


def attendance(found: Found | None, ctx: Context) -> tuple[AttendanceRow, ...]:
    """The rows with one spelling per 人员编号 and per 姓名 (docs/keys.md): `sg05` and `ＳＧ05` are
    one worker, so a month typed twice is refused and 稳岗率 counts each person once."""
    info = ctx.info
    period = months_between(info.period_start, info.period_end) if info else None
    seen = _Workers(period)
    result = []
    for row in data_rows(found, ATTENDANCE, ctx) or []:
        worker, name, month = row.get("人员编号", str), row.get("姓名", str), row.get("月份", Month)
        if worker is None or not _check_worker(ctx, row, seen, worker, name, month):
            continue
        value = row.get("到岗", Decimal)
        position = row.get("岗位", str)
        flags = [row.get(c, bool) for c in ("从业满两年", "社保", "工资")]
        if row.failed or name is None or month is None or value is None or position is None:
            continue
        experienced, insured, paid = (flag is True for flag in flags)
        level = row.get("持证", Qualification)
        certified = level.certified if level is not None else row.get("持证", bool) is True
        note = row.get("备注", str) or ""
        zone = _zone(ctx, row, station_wide=True) or ""  # optional column
        result.append(
            AttendanceRow(
                seen.ids.setdefault(worker_key(worker), worker),
                seen.people.setdefault(name_key(name), name),
                position,
                month,
                value,
                certified,
                experienced,
                insured,
                paid,
                note,
                qualification=level,
                zone=zone,
            )
        )
    return tuple(result)


def _check_worker(
    ctx: Context, row: Row, seen: _Workers, worker: str, name: str | None, month: Month | None
) -> bool:
    ok = True
    first = seen.names.setdefault(worker_key(worker), (row.number, name)) if name else None
    if first is not None and name is not None and name_key(first[1]) != name_key(name):
        message = (
            f"人员编号「{worker}」在第 {first[0]} 行的姓名为「{first[1]}」，"
            f"此处为「{name}」；同一编号应为同一人"
        )
        ctx.flag(row, "姓名", message)
        ok = False
    if month is None:
        return False
    earlier = earlier_row(seen.months, (worker_key(worker), month), row)
    if earlier is not None:
        message = f"人员编号「{worker}」的 {month} 已在第 {earlier} 行填写；每人每月只能一行"
        ctx.flag(row, "月份", message)
        return False
    if seen.period is not None and month not in seen.period and ctx.info is not None:
        span = f"{ctx.info.period_start} 至 {ctx.info.period_end}"
        months = f"{seen.period[0]} 至 {seen.period[-1]}"
        ctx.flag(row, "月份", f"月份 {month} 不在考核期内；考核期为 {span}（{months}）")
        ok = False
    return ok


# ---------------------------------------------------------------------------------------------
# 评分, 否决, 意见


def scores(found: Found | None, ctx: Context) -> tuple[ScoreRow, ...]:
    parties = [p.name for p in ctx.scheme.parties]
    result = []
    seen: dict[tuple[str, str, str | None, str], int] = {}
    for row in data_rows(found, SCORES, ctx, {"评估方": parties}) or []:
        party = ctx.scheme.party(row.get("评估方", str) or "")
        dimension = _dimension(ctx, row, party) if party else None
        if party is None or dimension is None:
            continue
        ok, zone = zone_for(ctx, row, dimension.per_zone, dimension.name)
        judge, score = row.get("评委", str), row.get("得分", Decimal)
        if score is not None and score > dimension.scale:
            top = plain(dimension.scale)
            shown = plain(score)
            message = f"得分应在 0 到 {top} 之间（「{dimension.name}」满分 {top} 分），实为 {shown}"
            ctx.flag(row, "得分", message)
            ok = False
        if not ok or judge is None:
            continue
        earlier = earlier_row(seen, (party.name, dimension.name, zone, key(judge)), row)
        if earlier is not None:
            message = f"与第 {earlier} 行重复：同一评委对同一评估内容（及片区）只能有一个得分"
            ctx.flag(row, "评委", message)
            continue
        if not row.failed and score is not None:
            result.append(ScoreRow(party.name, dimension.name, zone, judge, score))
    return tuple(result)


def _dimension(ctx: Context, row: Row, party: Party) -> Dimension | None:
    text = row.get("评估内容", str)
    if text is None:
        return None
    dimension = find(text, party.dimensions, lambda d: (d.name,))
    if dimension is None:
        if len(party.dimensions) == 1:
            expected = f"「{party.name}」只有一项总评分，评估内容应填「{party.dimensions[0].name}」"
        else:
            names = either(quoted([d.name for d in party.dimensions]))
            expected = f"「{party.name}」的评估内容应为{names}"
        ctx.flag(row, "评估内容", f"未知的评估内容「{text}」；{expected}")
    return dimension


def vetoes(found: Found | None, ctx: Context) -> tuple[VetoDeclaration, ...]:
    result = []
    seen: dict[str, int] = {}
    for row in data_rows(found, VETOES, ctx) or []:
        rule = _veto_rule(ctx, row)
        if rule is not None and rule.computed:
            continue  # reported: the system computes it
        applies, note = row.get("是否", bool), row.get("说明", str) or ""
        if applies and not note:
            ctx.flag(row, "说明", "选「是」时必须填写说明（认定为不合格的依据）")
            continue
        if rule is None:
            continue
        earlier = earlier_row(seen, rule.id, row)
        if earlier is not None:
            ctx.flag(row, "情形", f"「{rule.title}」与第 {earlier} 行重复，每种情形只能填一行")
            continue
        if not row.failed and applies is not None:
            result.append(VetoDeclaration(rule.title, applies, note))
    return tuple(result)


def _veto_rule(ctx: Context, row: Row) -> VetoRule | None:
    text = row.get("情形", str)
    if text is None:
        return None
    rule = find(text, ctx.scheme.vetoes, lambda v: (v.title,))
    if rule is None:
        declared = listed([v.title for v in ctx.scheme.vetoes if not v.computed])
        ctx.flag(row, "情形", f"未知的否决情形「{text}」；应为以下之一：{declared}")
        return None
    if rule.computed:
        basis = METRICS.get(rule.metric or "", "录入的数据")
        ctx.flag(row, "情形", f"「{rule.title}」由系统根据{basis}自动计算，不应填写；请删除此行")
    return rule


def findings(found: Found | None, ctx: Context) -> tuple[Finding, ...]:
    kinds = {kind.label: kind for kind in FindingKind}
    result = []
    for row in data_rows(found, FINDINGS, ctx) or []:
        section = section_of(ctx, row)
        if section is None:
            continue
        ok, zone = zone_for(ctx, row, section.per_zone, section.name)
        kind, text = kinds.get(row.get("类型", str) or ""), row.get("内容", str)
        if ok and not row.failed and kind is not None and text is not None:
            result.append(Finding(section.name, zone, kind, text))
    return tuple(result)


def section_of(ctx: Context, row: Row) -> Section | None:
    text = row.get("部分", str)
    if text is None:
        return None
    section = find(text, ctx.scheme.sections, lambda s: (s.name, *s.aliases))
    if section is None:
        known = "、".join(
            f"「{s.name}」" + (f"（或{either(quoted(s.aliases))}）" if s.aliases else "")
            for s in ctx.scheme.sections
        )
        ctx.flag(row, "部分", f"未知的部分「{text}」；应为以下之一：{known}")
    return section
