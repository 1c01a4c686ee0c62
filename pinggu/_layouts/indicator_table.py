"""The indicator table (附件1) that stations and agencies keep, read as the tidy 指标 sheet.

The field writes indicators one row per 片区 and a 合计 row, with a column group per indicator
(协议量 / 完成量 / 百分比 under a merged indicator heading) and station-wide items as small
blocks (指标要求 / 完成情况 / 完成百分比 under the item's name). Those tables are where the
seed reports' wrong totals come from (a 合计 percentage that adds the 片区 percentages), so the
table is read as it is, its 合计 row and percentages are not taken as data but recomputed and
compared, and every difference is a warning naming its cell. docs/layouts.md describes what is
recognised.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .._model import STATION_WIDE
from .._scheme import Scheme
from .._sheets.cells import shown
from .._sheets.tables import Rows
from .._workbook.sheets import INDICATORS
from .shape import (
    Converted,
    Shown,
    Stated,
    amount,
    cell,
    find_label,
    is_dash,
    number,
    pct,
    percentage,
    text,
)
from .stated import WORKERS

LAYOUT = "指标完成表"
ZONE, TOTALS = "片区", frozenset({"合计", "总计"})
_HEADER_SEARCH = 15
_ACTUAL = frozenset({"完成量", "完成情况", "完成数", "实际完成"})
_PERCENT = frozenset({"百分比", "完成百分比", "完成率"})
_REQUIREMENT = "指标要求"
_NO_TARGET = frozenset({"/", "无", "-"})


def is_indicator_table(rows: Rows) -> bool:
    """Whether a sheet is laid out as the table: a 片区 heading and, in a row under it, 协议…
    / 完成量 column headings (the tidy 指标 sheet has them in one row, with 指标 and 计量)."""
    zone = find_label(rows, {ZONE}, 0, _HEADER_SEARCH)
    if zone is None:
        return False
    labels = find_label(rows, set(_ACTUAL), zone[0] + 1, zone[0] + 3)
    return labels is not None and find_label(rows, {"指标", "计量"}, zone[0], zone[0]) is None


@dataclass(frozen=True)
class _Group:
    """One measure of one indicator: its columns and what it is called."""

    indicator: str
    measure: str
    target: int
    actual: int
    percent: int | None

    @property
    def label(self) -> str:
        return f"{self.indicator}·{self.measure}"


def read_indicator_table(name: str, rows: Rows, scheme: Scheme) -> Converted:
    """The table in sheet `name` as tidy 指标 rows, with its problems and its totals compared."""
    out = Converted(name, INDICATORS.name, LAYOUT)
    out.rows.append([c.name for c in INDICATORS.columns])
    zone_at = find_label(rows, {ZONE}, 0, _HEADER_SEARCH)
    assert zone_at is not None
    top, zone_column = zone_at
    labels = next(r for r in range(top + 1, top + 4) if find_label(rows, set(_ACTUAL), r, r))
    groups = _groups(rows, top, labels, scheme, out)
    workers = next(
        (c for r in range(top, labels + 1) for c, v in enumerate(rows[r]) if "社工人数" in text(v)),
        None,
    )
    columns = [zone_column, *(c for g in groups for c in (g.target, g.actual, g.percent))]
    edge = max(c for c in [*columns, workers] if c is not None)  # station blocks may be beyond
    end = _zone_rows(rows, labels + 1, zone_column, groups, workers, edge, out)
    _station_blocks(rows, end, edge, scheme, out)
    return out


# ---------------------------------------------------------------------------------------------
# The header: indicator headings over 协议… / 完成量 / 百分比


def _groups(rows: Rows, top: int, labels: int, scheme: Scheme, out: Converted) -> list[_Group]:
    found: list[_Group] = []
    row = rows[labels]
    targets = [c for c, v in enumerate(row) if text(v).startswith("协议")]
    for i, start in enumerate(targets):
        end = min(targets[i + 1] if i + 1 < len(targets) else len(row), start + 3)
        inside = {text(cell(rows, labels, c)): c for c in range(start + 1, end)}
        actual = next((inside[t] for t in _ACTUAL if t in inside), None)
        percent = next((inside[t] for t in _PERCENT if t in inside), None)
        heading = _heading(rows, top, labels, start)
        if actual is None or heading is None:
            what = "完成量" if actual is None else "指标名称"
            out.problem(f"「{text(row[start])}」这一组缺少{what}", labels + 1, start)
            continue
        typed, column, middle = heading
        indicator, in_heading = _split(typed, scheme)
        measure = middle or in_heading or _measure(indicator, text(row[start]), scheme)
        if measure is None:
            out.problem(
                f"无法确定「{indicator}」的计量：请在列名中写明（如「协议节数」），"
                f"或在指标名称后加括号（如「{indicator}（人次）」）",
                top + 1,
                column,
            )
            continue
        found.append(_Group(indicator, measure, start, actual, percent))
    return found


def _heading(rows: Rows, top: int, labels: int, column: int) -> tuple[str, int, str] | None:
    """(indicator, its column, measure or "") over a target column: the indicator heading is
    merged to the right (its text in its first column); a measure heading, if any, sits in a row
    between it and the column labels, within the indicator's columns."""
    start = next((c for c in range(column, -1, -1) if text(cell(rows, top, c))), None)
    if start is None or text(cell(rows, top, start)) == ZONE:
        return None
    measure = ""
    for r in range(top + 1, labels):
        c = next((c for c in range(column, start - 1, -1) if text(cell(rows, r, c))), None)
        if c is not None:
            measure = text(cell(rows, r, c))
    return _raw(cell(rows, top, start)), start, measure


def _raw(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


_PARENS = re.compile(r"^(.+)\(([^()]+)\)$")


def _split(heading: str, scheme: Scheme) -> tuple[str, str]:
    """「电访（人次）」 -> (电访, 人次); a catalogue name with brackets (社区活动（大型）) stays whole."""
    if scheme.catalogue_entry(heading) is not None:
        return heading, ""
    m = _PARENS.match(heading)
    return (m.group(1).strip(), m.group(2).strip()) if m else (heading, "")


def _measure(indicator: str, label: str, scheme: Scheme) -> str | None:
    """The measure a target label names (协议节数 -> 节数, 协议个数 -> 个 for 咨询个案), or the
    catalogue's only measure of the indicator under a plain 协议量."""
    entry = scheme.catalogue_entry(indicator)
    measures = entry.measures if entry is not None else ()
    named = label.removeprefix("协议").removeprefix(_REQUIREMENT)
    if named not in ("", "量"):
        for candidate in (named, named.removesuffix("数"), named.removesuffix("量")):
            if candidate in measures:
                return candidate
        return named
    return measures[0] if len(measures) == 1 else None


# ---------------------------------------------------------------------------------------------
# One row per 片区, and the 合计 row compared


@dataclass
class _Sums:
    target: Decimal = Decimal(0)
    actual: Decimal = Decimal(0)
    targeted_actual: Decimal = Decimal(0)  # completions of the 片区 that have a target
    percents: list[Decimal] | None = None


def _zone_rows(
    rows: Rows,
    first: int,
    zone_column: int,
    groups: list[_Group],
    workers: int | None,
    edge: int,
    out: Converted,
) -> int:
    """Reads the 片区 rows from `first` to the station-wide blocks under them (the row before
    the first 指标要求 within the table's columns up to `edge`, an empty row between them
    ignored; blocks beside the table are beyond it); returns the index where they start."""
    sums = {g.target: _Sums(percents=[]) for g in groups}
    people = Decimal(0)
    below = (r for r in range(first, len(rows)) if _requirement_at(rows[r][: edge + 1]))
    end = next(below, len(rows) + 1) - 1
    totalled = False  # rows under the 合计 row are notes, not 片区
    for index in range(first, end):
        if not any(text(v) for v in rows[index][: edge + 1]):
            continue
        zone = text(cell(rows, index, zone_column))
        if zone in TOTALS:
            _compare_total(rows, index, groups, sums, out)
            _compare_people(rows, index, workers, people, out)
            totalled = True
        elif zone and not totalled:
            for g in groups:
                _zone_cell(rows, index, zone_column, g, sums[g.target], out)
            if workers is not None:
                zone_name = shown(cell(rows, index, zone_column))
                people += _workers(rows, index, workers, zone_name, out)
        else:
            shown_text = " ".join(shown(v) for v in rows[index] if text(v))[:60]
            out.not_read(f"第 {index + 1} 行「{shown_text}」不是某个片区的指标，未作为数据读取")
    return max(end, first)


def _workers(rows: Rows, index: int, column: int, zone: str, out: Converted) -> Decimal:
    """A 片区's 投入社工人数: not data (workers come from 到岗), kept to be compared with the
    workers 到岗 places in the 片区 once the evaluation is read (`stated.layout_notes`)."""
    given = number(cell(rows, index, column))
    if given is None:
        return Decimal(0)
    out.stated.append(Stated(WORKERS, index + 1, column, Shown(given, Decimal(0)), zone))
    return given


def _zone_cell(
    rows: Rows, index: int, zone_column: int, g: _Group, sums: _Sums, out: Converted
) -> None:
    zone_value = cell(rows, index, zone_column)
    target, actual = cell(rows, index, g.target), cell(rows, index, g.actual)
    _tidy_row(out, index, zone_value, g, target, actual, zone_column)
    t, a = _target(target), number(actual)
    if a is not None:
        sums.actual += a
    if t is None or t == 0:
        _percent_without_target(rows, index, g, f"{text(zone_value)}·{g.label}", out)
    if t is None or a is None or t == 0:
        return
    sums.target += t
    sums.targeted_actual += a
    expected = a / t * 100
    assert sums.percents is not None
    sums.percents.append(expected)
    _compare_percent(rows, index, g, expected, f"{text(zone_value)}·{g.label}", out)


def _tidy_row(
    out: Converted,
    index: int,
    zone: object,
    g: _Group,
    target: object,
    actual: object,
    zone_column: int,
) -> None:
    if _no_target(actual) and _no_target(target):
        return  # the indicator is not assessed in this 片区
    values = {
        "片区": zone,
        "指标": g.indicator,
        "计量": g.measure,
        "协议量": "" if _no_target(target) else target,
        "完成量": actual,
    }
    row = index + 1
    origin = {
        "片区": (row, zone_column),
        "指标": (row, g.target),
        "计量": (row, g.target),
        "协议量": (row, g.target),
        "完成量": (row, g.actual),
    }
    out.add_row(values, origin)


def _no_target(value: object) -> bool:
    return text(value) == "" or is_dash(value) or text(value) in _NO_TARGET


def _target(value: object) -> Decimal | None:
    return None if _no_target(value) else number(value)


def _compare_percent(
    rows: Rows, index: int, g: _Group, expected: Decimal, label: str, out: Converted
) -> None:
    if g.percent is None:
        return
    shown = percentage(cell(rows, index, g.percent))
    if shown is not None and not shown.matches(expected):
        message = f"{label}：表中为 {pct(shown.percent)}，按完成量 ÷ 协议量 应为 {pct(expected)}"
        out.mismatch(index + 1, g.percent, message)


def _percent_without_target(rows: Rows, index: int, g: _Group, label: str, out: Converted) -> None:
    """A percentage printed where there is no target (「/」, empty or 0): it cannot be a
    completion rate, so it is said rather than passed over."""
    shown = percentage(cell(rows, index, g.percent)) if g.percent is not None else None
    if shown is not None and g.percent is not None:
        message = (
            f"{label}：表中为 {pct(shown.percent)}，但没有协议量（或协议量为 0），不应有百分比"
        )
        out.mismatch(index + 1, g.percent, message)


def _compare_total(
    rows: Rows, index: int, groups: list[_Group], sums: dict[int, _Sums], out: Converted
) -> None:
    for g in groups:
        s = sums[g.target]
        label = f"合计·{g.label}"
        for column, what, expected in (
            (g.target, "协议量", s.target),
            (g.actual, "完成量", s.actual),
        ):
            given = _target(cell(rows, index, column))
            if given is not None and given != expected:
                message = (
                    f"{label}·{what}：表中为 {amount(given)}，按各片区相加应为 {amount(expected)}"
                )
                out.mismatch(index + 1, column, message)
        if s.target == 0:
            _percent_without_target(rows, index, g, label, out)
        if g.percent is None or s.target == 0:
            continue
        shown = percentage(cell(rows, index, g.percent))
        expected = s.targeted_actual / s.target * 100
        if shown is None or shown.matches(expected):
            continue
        out.mismatch(
            index + 1,
            g.percent,
            f"{label}：表中为 {pct(shown.percent)}，按完成量 ÷ 协议量 应为 {pct(expected)}"
            + _diagnosis(shown.percent, s.percents or []),
        )


def _diagnosis(shown: Decimal, percents: list[Decimal]) -> str:
    """Why a 合计 percentage is wrong, when it is one of the usual mistakes."""
    if len(percents) < 2:
        return ""
    tolerance = Decimal("0.01") * len(percents)
    if abs(sum(percents, Decimal(0)) - shown) <= tolerance:
        return "（疑为各片区百分比相加）"
    if abs(sum(percents, Decimal(0)) / len(percents) - shown) <= Decimal("0.01"):
        return "（疑为各片区百分比的平均）"
    return ""


def _compare_people(
    rows: Rows, index: int, workers: int | None, people: Decimal, out: Converted
) -> None:
    given = number(cell(rows, index, workers)) if workers is not None else None
    if workers is not None and given is not None and given != people:
        message = f"合计·投入社工人数：表中为 {amount(given)}，按各片区相加应为 {amount(people)}"
        out.mismatch(index + 1, workers, message)


# ---------------------------------------------------------------------------------------------
# Station-wide items: 指标要求 / 完成情况 / 完成百分比 under the item's name


def _requirement_at(cells: Sequence[object]) -> bool:
    return any(text(v) == _REQUIREMENT for v in cells)


def _station_blocks(rows: Rows, first: int, edge: int, scheme: Scheme, out: Converted) -> None:
    """The station-wide blocks under the table (from row `first`) and beside it (beyond the
    table's last column `edge`); other rows under the table are not read, and said so."""
    read: set[int] = set()
    for r in range(len(rows)):
        for c, value in enumerate(rows[r]):
            if text(value) == _REQUIREMENT and (r >= first or c > edge):
                _station_block(rows, r, c, scheme, out)
                read |= {r - 1, r, r + 1}
    for r in range(first, len(rows)):
        if r not in read and any(text(v) for v in rows[r]):
            shown_text = " ".join(shown(v) for v in rows[r] if text(v))[:60]
            out.not_read(f"第 {r + 1} 行「{shown_text}」不在全站指标的小表中，未作为数据读取")


def _station_block(rows: Rows, r: int, c: int, scheme: Scheme, out: Converted) -> None:
    heading = cell(rows, r - 1, c)
    if not text(heading):
        out.problem(f"「{_REQUIREMENT}」上方应为指标名称", r, c)
        return
    inside = {text(cell(rows, r, x)): x for x in range(c + 1, c + 3)}
    actual = next((inside[t] for t in _ACTUAL if t in inside), None)
    percent = next((inside[t] for t in _PERCENT if t in inside), None)
    indicator, measure = _split(_raw(heading), scheme)
    measure = measure or _measure(indicator, _REQUIREMENT, scheme) or ""
    if actual is None or not measure:
        what = "「完成情况」" if actual is None else "计量（如「社区调研（个）」）"
        out.problem(f"全站指标「{indicator}」缺少{what}", r, c)
        return
    g = _Group(indicator, measure, c, actual, percent)
    target, done = cell(rows, r + 1, c), cell(rows, r + 1, actual)
    _tidy_row(out, r + 1, STATION_WIDE, g, target, done, c)
    t, a = _target(target), number(done)
    if t is None or t == 0:
        _percent_without_target(rows, r + 1, g, f"全站·{g.label}", out)
    elif a is not None:
        _compare_percent(rows, r + 1, g, a / t * 100, f"全站·{g.label}", out)
