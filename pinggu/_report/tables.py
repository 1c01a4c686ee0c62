"""The report's tables as plain grids: the score table, 附件1 and 附件2; and the score table's
figures as the 协会 style's 评估结果 lines (one per party, then the total and the grade).

A table is rows of cells; a cell holds a string or a `Num` and may span columns or rows (the
positions it covers hold None). Nothing here knows about Word: `word.py` lays these out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .._engine import Result
from .._indicators import IndicatorResult
from .._model import STATION_WIDE, TOTAL
from .._numbers import plain
from .._scoring import DimensionScore
from .marks import Num, Text, cn_number, mean, number, percent, points, total

# 附件1 lays out this many indicator–measure column groups (3 columns each) per table, so a
# table fits a landscape A4 page.
MEASURES_PER_TABLE = 4


@dataclass(frozen=True)
class Cell:
    value: str | Num | Text
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    bold: bool = False
    align: str | None = None  # "left" for running text in a cell; None: the style's (centred)


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
    """评估内容 / 标准分 / 评分 / 折算分, as seed 002 lays it out, with its slips mended.

    A dimension scored per 片区 has one row per 片区 under ONE 标准分 (merged), so the 标准分
    column adds up to the scheme's total; a party of several dimensions (the third party) is
    closed by its subtotal, and the table ends with the parties' total and the grade.
    """
    rows: list[tuple[Cell | None, ...]] = [(_h("评估内容"), _h("标准分"), _h("评分"), _h("折算分"))]
    party_keys: list[str] = []
    for party in result.scores.parties:
        weighted_keys: list[str] = []
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
        if len(party.dimensions) == 1:
            party_keys += weighted_keys
            continue
        assert party.score is not None
        key = f"评分·{party.party}·得分"
        subtotal = total(key, party.score.value, tuple(weighted_keys), True, party.score.explain())
        party_keys.append(key)
        # 「第三方评估 得分：45.81分」: the seeds name the party without 机构 here.
        label = party.party.removesuffix("机构")
        rows.append(_full_row(Text.of(f"{label} 得分：", subtotal, "分"), bold=True))
    assert result.scores.total is not None and result.grade is not None
    grand = total(
        "评分·总分",
        result.scores.total.value,
        tuple(party_keys),
        as_points=True,
        formula=result.scores.total.explain(),
    )
    parties = cn_number(len(result.scores.parties))
    line = Text.of(f"以上{parties}项总得分：", grand, f"分　　等级：{result.grade.name}")
    rows.append(_full_row(line, bold=True))
    return Table("", tuple(rows), 1, (6.4, 2.8, 2.8, 2.8))


# The order the 协会 style's 评估结果 line names the parties in (its sections' order, 三、…六、);
# a party of a scheme not named here follows them.
PARTY_LINE_ORDER = ("监督方", "购买方", "督导中心")


def party_score_lines(result: Result) -> tuple[Text, Text]:
    """「监督方评分：8.80分；购买方评分：20.00分；督导中心评分：12.00分；第三方专业评估评分：
    46.59分。」 and 「以上四方评估总得分：87.39分，评估等级：良好。」, with the score table's keys."""
    order = {name: i for i, name in enumerate(PARTY_LINE_ORDER)}
    parties = sorted(result.scores.parties, key=lambda p: order.get(p.party, len(order)))
    pieces: list[str | Num | Text] = []
    keys: dict[str, str] = {}
    for party in parties:
        if len(party.dimensions) == 1:
            dim = party.dimensions[0]
            assert dim.weighted_score is not None
            num = points(f"评分·{party.party}·{dim.dimension}·折算分", dim.weighted_score.value)
        else:
            assert party.score is not None
            num = points(f"评分·{party.party}·得分", party.score.value)
        keys[party.party] = num.key
        # The third party is 「第三方专业评估」 in this line, as in its section's heading.
        name = party.party
        if name.endswith("评估机构"):
            name = name.removesuffix("评估机构") + "专业评估"
        pieces += ["；" if pieces else "", f"{name}评分：", num, "分"]
    assert result.scores.total is not None and result.grade is not None
    grand = total(
        "评分·总分",
        result.scores.total.value,
        tuple(keys[p.party] for p in result.scores.parties),  # as the score table adds them
        as_points=True,
        formula=result.scores.total.explain(),
    )
    count = cn_number(len(parties))
    return Text.of(*pieces, "。"), Text.of(
        f"以上{count}方评估总得分：", grand, f"分，评估等级：{result.grade.name}。"
    )


def _full_row(text: Text, bold: bool = False) -> tuple[Cell | None, ...]:
    return (Cell(text, colspan=4, bold=bold), None, None, None)


def _zone_rows(dim: DimensionScore, key: str) -> list[tuple[Cell | None, ...]]:
    assert dim.weighted_score is not None
    zone_keys = tuple(f"{key}·{z.zone}·评分" for z in dim.zones)
    weighted = mean(
        f"{key}·折算分", dim.weighted_score.value, zone_keys, dim.weighted_score.explain()
    )
    standard = number(f"{key}·标准分", dim.max_points)
    rows: list[tuple[Cell | None, ...]] = []
    for i, zone in enumerate(dim.zones):
        assert zone.score is not None
        score = points(zone_keys[i], zone.score.value, zone.score.explain())
        first = i == 0
        span = len(dim.zones)
        rows.append(
            (
                Cell(f"{dim.dimension}（{zone.zone}）"),
                Cell(standard, rowspan=span) if first else None,
                Cell(score),
                Cell(weighted, rowspan=span) if first else None,
            )
        )
    return rows


# --- 附件1 指标完成情况 ----------------------------------------------------------------------


def indicator_key(r: IndicatorResult, column: str) -> str:
    return f"指标·{r.zone}·{r.indicator}（{r.measure}）·{column}"


# The part of a partial 合计's 完成量 its 百分比 divides, and the part it leaves beside.
COMPARED = "有协议量的片区完成量"
UNCOMPARED = "无协议量的片区完成量"


def indicator_nums(r: IndicatorResult) -> tuple[Num | str, Num, Num | str]:
    """协议量, 完成量 and 百分比 of one result row; "/" where the contract sets no target.

    A partial 合计's 百分比 is of its `compared_nums` numerator, which must be printed too."""
    target = number(indicator_key(r, "协议量"), r.target) if r.target is not None else "/"
    actual = number(indicator_key(r, "完成量"), r.actual)
    pct: Num | str = "/"
    if r.completion is not None:
        numerator = COMPARED if r.partial else "完成量"
        of = (indicator_key(r, numerator), indicator_key(r, "协议量"))
        pct = percent(indicator_key(r, "百分比"), r.completion.value, of, r.completion.explain())
    return target, actual, pct


def compared_nums(r: IndicatorResult) -> tuple[Num, Num]:
    """A partial 合计's completions of the 片区 with a target (what its 百分比 divides) and of
    those without, each the sum of its 片区's printed 完成量."""
    compared = _totalled(r, r.targeted_zones, "完成量", r.compared_actual, COMPARED)
    rest = _totalled(r, r.untargeted_zones, "完成量", r.untargeted_actual, UNCOMPARED)
    return compared, rest


def _partial_note(r: IndicatorResult) -> Text:
    """注：入户探访（人次）合计的百分比只比较有协议量的片区：完成量465 ÷ 协议量430；…"""
    target, _, pct = indicator_nums(r)
    compared, rest = compared_nums(r)
    return Text.of(
        f"注：{r.indicator}（{r.measure}）合计的百分比只比较有协议量的片区：完成量",
        compared,
        " ÷ 协议量",
        target,
        " = ",
        pct,
        f"；无协议量的{'、'.join(r.untargeted_zones)}完成量",
        rest,
        "，未计入百分比。",
    )


def _totalled(
    r: IndicatorResult, zone_keys: tuple[str, ...], column: str, value: Decimal, name: str = ""
) -> Num:
    """The 合计 of `column` over some 片区, printed under `name` (the column by default)."""
    keys = tuple(f"指标·{z}·{r.indicator}（{r.measure}）·{column}" for z in zone_keys)
    return total(indicator_key(r, name or column), value, keys, as_points=False)


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
    notes: list[Text] = []
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
                    target = _totalled(r, r.targeted_zones, "协议量", r.target)
                if r.partial and r.completion is not None:
                    notes.append(_partial_note(r))
            line += [Cell(target), Cell(actual), Cell(pct, bold=zone == TOTAL)]
        body.append(tuple(line))
    widths = (2.6, *([1.9] * (3 * len(columns))))
    return Table(group, (tuple(head1), tuple(head2), *body), 2, widths, tuple(notes))


def _wide_table(rows: list[IndicatorResult]) -> Table:
    head = (_h("指标"), _h("计量"), _h("协议量"), _h("完成量"), _h("百分比"))
    body = []
    for r in rows:
        target, actual, pct = indicator_nums(r)
        body.append((Cell(r.indicator), Cell(r.measure), Cell(target), Cell(actual), Cell(pct)))
    return Table("全站性指标", (head, *body), 1, (7.0, 2.5, 3.0, 3.0, 3.0))
