"""The report's tables as plain grids: the score table, 附件1 and 附件2.

A table is rows of cells; a cell holds a string or a `Num` and may span columns or rows (the
positions it covers hold None). Nothing here knows about Word: `word.py` lays these out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .._engine import Result
from .._indicators import IndicatorResult
from .._model import STATION_WIDE, TOTAL, AttendanceRow, Month
from .._numbers import ZERO, plain
from .._scoring import DimensionScore
from .marks import Num, Text, mean, number, percent, points, total

# 附件1 lays out this many indicator–measure column groups (3 columns each) per table, so a
# table fits a landscape A4 page.
MEASURES_PER_TABLE = 4


@dataclass(frozen=True)
class Cell:
    value: str | Num
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Table:
    title: str  # printed above the table; empty for none
    rows: tuple[tuple[Cell | None, ...], ...]  # None: covered by a merged cell
    header_rows: int
    widths: tuple[float, ...]  # column widths in cm
    notes: tuple[Text, ...] = ()


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan, rowspan, header=True)


# --- 评分表 ---------------------------------------------------------------------------------


def score_table(result: Result) -> Table:
    """评估内容 / 标准分 / 评分 / 折算分, with one row per 片区 under per-zone dimensions."""
    rows: list[tuple[Cell | None, ...]] = [(_h("评估内容"), _h("标准分"), _h("评分"), _h("折算分"))]
    weighted_keys: list[str] = []
    for party in result.scores.parties:
        for dim in party.dimensions:
            name = dim.dimension
            key = f"评分·{party.party}·{name}"
            weighted_keys.append(f"{key}·折算分")
            if dim.per_zone:
                rows.extend(_zone_rows(dim, key))
                continue
            assert dim.score is not None and dim.weighted_score is not None
            if dim.scale != dim.max_points:  # scored on another scale, then converted
                name = f"{name}（评分满分{plain(dim.scale)}）"
            rows.append(
                (
                    Cell(name),
                    Cell(number(f"{key}·标准分", dim.max_points)),
                    Cell(points(f"{key}·评分", dim.score.value, dim.score.explain())),
                    Cell(points(f"{key}·折算分", dim.weighted_score.value)),
                )
            )
    assert result.scores.total is not None
    grand = total(
        "评分·总分",
        result.scores.total.value,
        tuple(weighted_keys),
        as_points=True,
        formula=result.scores.total.explain(),
    )
    rows.append(
        (
            Cell("总分", bold=True),
            Cell(number("方案·总分", result.scheme.total_points), bold=True),
            Cell(""),
            Cell(grand, bold=True),
        )
    )
    return Table("", tuple(rows), 1, (6.4, 2.8, 2.8, 2.8))


def _zone_rows(dim: DimensionScore, key: str) -> list[tuple[Cell | None, ...]]:
    assert dim.weighted_score is not None
    zone_keys = tuple(f"{key}·{z.zone}·评分" for z in dim.zones)
    weighted = mean(
        f"{key}·折算分", dim.weighted_score.value, zone_keys, dim.weighted_score.explain()
    )
    rows: list[tuple[Cell | None, ...]] = []
    for i, zone in enumerate(dim.zones):
        assert zone.score is not None
        score = points(zone_keys[i], zone.score.value, zone.score.explain())
        first = Cell(weighted, rowspan=len(dim.zones)) if i == 0 else None
        rows.append(
            (
                Cell(f"{dim.dimension}（{zone.zone}）"),
                Cell(number(f"{key}·标准分", dim.max_points)),
                Cell(score),
                first,
            )
        )
    return rows


# --- 附件1 指标完成情况 ----------------------------------------------------------------------


def indicator_key(r: IndicatorResult, column: str) -> str:
    return f"指标·{r.zone}·{r.indicator}（{r.measure}）·{column}"


def indicator_nums(r: IndicatorResult) -> tuple[Num | str, Num, Num | str]:
    """协议量, 完成量 and 百分比 of one result row; "/" where the contract sets no target."""
    target = number(indicator_key(r, "协议量"), r.target) if r.target is not None else "/"
    actual = number(indicator_key(r, "完成量"), r.actual)
    pct: Num | str = "/"
    if r.completion is not None:
        of = (indicator_key(r, "完成量"), indicator_key(r, "协议量"))
        pct = percent(indicator_key(r, "百分比"), r.completion.value, of, r.completion.explain())
    return target, actual, pct


def _totalled(r: IndicatorResult, zone_keys: tuple[str, ...], column: str, value: Decimal) -> Num:
    keys = tuple(f"指标·{z}·{r.indicator}（{r.measure}）·{column}" for z in zone_keys)
    return total(indicator_key(r, column), value, keys, as_points=False)


def indicator_tables(result: Result) -> tuple[Table, ...]:
    """附件1: per-片区 indicators in tables of up to four measures, then the station-wide ones."""
    zones = [z.name for z in result.evaluation.zones]
    per_zone: dict[tuple[str, str], list[IndicatorResult]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    wide: list[IndicatorResult] = []
    for r in result.indicators:
        if r.zone == STATION_WIDE:
            wide.append(r)
            continue
        if (r.indicator, r.measure) not in per_zone:
            order.append((r.indicator, r.measure))
        per_zone[(r.indicator, r.measure)].append(r)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in order:
        groups[per_zone[key][0].group].append(key)
    tables = []
    for group, keys in groups.items():
        for start in range(0, len(keys), MEASURES_PER_TABLE):
            chunk = [per_zone[k] for k in keys[start : start + MEASURES_PER_TABLE]]
            part = f"{group}（续）" if start else group
            tables.append(_zone_table(part, zones, chunk))
    if wide:
        tables.append(_wide_table(wide))
    return tuple(tables)


def _zone_table(group: str, zones: list[str], columns: list[list[IndicatorResult]]) -> Table:
    head1: list[Cell | None] = [_h("片区", rowspan=2)]
    head2: list[Cell | None] = [None]
    for rows in columns:
        head1 += [_h(f"{rows[0].indicator}（{rows[0].measure}）", colspan=3), None, None]
        head2 += [_h("协议量"), _h("完成量"), _h("百分比")]
    body: list[tuple[Cell | None, ...]] = []
    for zone in [*zones, TOTAL]:
        line: list[Cell | None] = [Cell(zone, header=zone == TOTAL, bold=zone == TOTAL)]
        for rows in columns:
            r = next((x for x in rows if x.zone == zone), None)
            if r is None:
                line += [Cell("/"), Cell("/"), Cell("/")]
                continue
            target, actual, pct = indicator_nums(r)
            if zone == TOTAL:
                present = tuple(x.zone for x in rows if x.zone != TOTAL)
                actual = _totalled(r, present, "完成量", r.actual)
                if r.target is not None:
                    with_target = tuple(
                        x.zone for x in rows if x.zone != TOTAL and x.target is not None
                    )
                    target = _totalled(r, with_target, "协议量", r.target)
            line += [Cell(target), Cell(actual), Cell(pct, bold=zone == TOTAL)]
        body.append(tuple(line))
    widths = (2.6, *([1.9] * (3 * len(columns))))
    return Table(group, (tuple(head1), tuple(head2), *body), 2, widths)


def _wide_table(rows: list[IndicatorResult]) -> Table:
    head = (_h("指标"), _h("计量"), _h("协议量"), _h("完成量"), _h("百分比"))
    body = []
    for r in rows:
        target, actual, pct = indicator_nums(r)
        body.append((Cell(r.indicator), Cell(r.measure), Cell(target), Cell(actual), Cell(pct)))
    return Table("全站性指标", (head, *body), 1, (7.0, 2.5, 3.0, 3.0, 3.0))


# --- 附件2 社工到岗情况 ----------------------------------------------------------------------


def attendance_table(result: Result) -> Table:
    """Worker × month: certified and uncertified blocks with subtotals, then the monthly lines.

    A worker certified part-way through appears in both blocks, each with the months of that
    status, so each block's subtotal is exactly the engine's 持证实到 (or its complement).
    """
    excluded = set(result.scheme.staffing.excluded_positions)
    rows = [r for r in result.evaluation.attendance if r.position not in excluded]
    months = [m.month for m in result.staffing.months]
    head: tuple[Cell | None, ...] = (
        _h("序号"),
        _h("姓名"),
        _h("岗位"),
        _h("资格"),
        *(_h(f"{m.year}年{m.month}月") for m in months),
        _h("合计"),
    )
    width = len(head)
    body: list[tuple[Cell | None, ...]] = []
    for number_, certified, label in (("一", True, "持证社工"), ("二", False, "非持证社工")):
        block = [r for r in rows if r.certified is certified]
        body.append(
            (Cell(f"{number_}、{label}", colspan=width, bold=True), *([None] * (width - 1)))
        )
        body += _worker_rows(block, months, label)
    body += _monthly_lines(result, months)
    n = len(months)
    fixed = (1.1, 1.9, 1.8, 2.0)
    month_width = min(1.6, (25.2 - sum(fixed) - 1.5) / max(n, 1))
    widths = (*fixed, *([month_width] * n), 1.5)
    return Table("", (head, *body), 1, widths, _attendance_notes(result))


def _worker_rows(
    block: list[AttendanceRow], months: list[Month], label: str
) -> list[tuple[Cell | None, ...]]:
    by_worker: dict[str, dict[Month, AttendanceRow]] = defaultdict(dict)
    for row in block:
        by_worker[row.worker_id][row.month] = row
    out: list[tuple[Cell | None, ...]] = []
    cell_keys: dict[Month, list[str]] = defaultdict(list)
    for i, (worker, cells) in enumerate(by_worker.items(), start=1):
        first, last = next(iter(cells.values())), cells[max(cells)]
        who = f"到岗·{label}·{first.name}（{worker}）"
        level = (
            last.qualification.short
            if last.qualification
            else ("持证" if last.certified else "非持证")
        )
        month_nums = [number(f"{who}·{m}", cells[m].value) if m in cells else None for m in months]
        for m, n in zip(months, month_nums, strict=True):
            if n is not None:
                cell_keys[m].append(n.key)
        present = [n for n in month_nums if n is not None]
        row_total = total(
            f"{who}·合计",
            sum((n.value for n in present), ZERO),
            tuple(n.key for n in present),
            False,
        )
        out.append(
            (
                Cell(str(i)),
                Cell(first.name),
                Cell(first.position),
                Cell(level),
                *(Cell(n) if n is not None else Cell("") for n in month_nums),
                Cell(row_total),
            )
        )
    sub = f"到岗·{label}小计"
    subs = []
    for m in months:
        value = sum((ms[m].value for ms in by_worker.values() if m in ms), ZERO)
        subs.append(total(f"{sub}·{m}", value, tuple(cell_keys[m]), False))
    grand = total(
        f"{sub}·合计", sum((s.value for s in subs), ZERO), tuple(s.key for s in subs), False
    )
    out.append(
        (
            Cell(f"{label}小计", colspan=4, bold=True),
            None,
            None,
            None,
            *(Cell(s, bold=True) for s in subs),
            Cell(grand, bold=True),
        )
    )
    return out


def _monthly_lines(result: Result, months: list[Month]) -> list[tuple[Cell | None, ...]]:
    s = result.staffing
    lines: list[tuple[Cell | None, ...]] = []
    specs = (
        (
            "实到",
            [m.actual for m in s.months],
            s.actual.value,
            ("到岗·持证社工小计", "到岗·非持证社工小计"),
        ),
        ("应到", [m.required for m in s.months], s.required.value, ()),
        ("持证应到", [m.certified_required for m in s.months], s.certified_required.value, ()),
    )
    for label, values, overall, sources in specs:
        nums = []
        for m, v in zip(months, values, strict=True):
            parts = tuple(f"{src}·{m}" for src in sources)
            nums.append(
                total(f"到岗·{m}·{label}", v, parts, False)
                if parts
                else number(f"到岗·{m}·{label}", v)
            )
        grand = total(f"到岗·{label}", overall, tuple(n.key for n in nums), False)
        lines.append(
            (
                Cell(f"每月{label}", colspan=4, bold=True),
                None,
                None,
                None,
                *(Cell(n) for n in nums),
                Cell(grand, bold=True),
            )
        )
    return lines


@dataclass(frozen=True)
class StaffingNums:
    """The staffing totals as printed, shared by 附件2's lines and the draft findings."""

    required: Num
    actual: Num
    shortfall: Num
    certified_required: Num
    certified_actual: Num
    certified_shortfall: Num
    contracted: Num
    continuous: Num
    retention: Num  # continuous ÷ contracted
    experienced: Num
    experienced_share: Num | None  # experienced ÷ actual


def staffing_nums(result: Result) -> StaffingNums:
    s, info = result.staffing, result.evaluation.info
    actual = number("到岗·实到", s.actual.value)
    contracted = number("到岗·协议社工人数", Decimal(info.contract_workers))
    continuous = number("到岗·持续在岗人数", s.continuously_employed.value)
    experienced = number("到岗·从业2年以上人次", s.experienced_person_months.value)
    share = None
    if s.experienced_share is not None:
        of = (experienced.key, actual.key)
        share = percent("到岗·从业2年以上占比", s.experienced_share.value, of)
    return StaffingNums(
        required=number("到岗·应到", s.required.value),
        actual=actual,
        shortfall=number("到岗·缺少", s.shortfall.value),
        certified_required=number("到岗·持证应到", s.certified_required.value),
        certified_actual=number("到岗·持证社工小计·合计", s.certified_actual.value),
        certified_shortfall=number("到岗·持证缺少", s.certified_shortfall.value),
        contracted=contracted,
        continuous=continuous,
        retention=percent("到岗·稳岗率", s.retention_rate.value, (continuous.key, contracted.key)),
        experienced=experienced,
        experienced_share=share,
    )


def _attendance_notes(result: Result) -> tuple[Text, ...]:
    """The lines under 附件2: totals, 稳岗率 and the 从业2年以上 share, each with its parts."""
    n = staffing_nums(result)
    notes = [
        Text.of(
            "合计：应到",
            n.required,
            "人次，实到",
            n.actual,
            "人次，缺少",
            n.shortfall,
            "人次；持证应到",
            n.certified_required,
            "人次，持证实到",
            n.certified_actual,
            "人次，持证缺少",
            n.certified_shortfall,
            "人次。",
        ),
        Text.of(
            "稳岗率：考核期内每月均在岗的社工",
            n.continuous,
            "人 ÷ 协议社工人数",
            n.contracted,
            "人 = ",
            n.retention,
            "。",
        ),
    ]
    if n.experienced_share is not None:
        notes.append(
            Text.of(
                "从业2年以上：从业满两年的社工到岗",
                n.experienced,
                "人次 ÷ 实到",
                n.actual,
                "人次 = ",
                n.experienced_share,
                "。",
            )
        )
    excluded = result.staffing.excluded
    if excluded:
        notes.append(Text.of(f"以下人员岗位不属社工，未列入本表：{'、'.join(excluded)}。"))
    return tuple(notes)
