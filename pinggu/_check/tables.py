"""The rules on tables: indicator tables (协议量 / 完成量 / 百分比) and score tables.

An indicator table (附件1) has a header row of 协议量 / 完成量 / 百分比 triples, one row per 片区
and a 合计 row; a score table (评分表) has 标准分 / 评分 / 折算分 columns, 服务质量 rows per 片区
whose 折算分 is printed once for the group, and a 总分 row. Both are recognised by their header
words, whatever the file; a table that is neither is not checked (docs/check-rules.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .document import NUMBER, Cell, Document, Place, Table, number
from .ledger import Ledger
from .rules import decimals, exact, holds, percent, shown

__all__ = ["RULES", "check_tables"]

RULES = (
    "table_percent",
    "table_total",
    "table_total_percent",
    "score_part",
    "score_converted",
    "score_subtotal",
    "score_total",
    "score_grade",
)

_VALUE = re.compile(rf"^{NUMBER}$")
_PCT = re.compile(rf"^({NUMBER})\s*%$")
_TOTAL_ROW = ("合计", "总计")
_SCORE_TOTAL = re.compile(rf"总(?:得)?分[：:]?\s*({NUMBER})")
_SUBTOTAL = re.compile(rf"得分[：:]?\s*({NUMBER})")
_GRADE = re.compile(r"等级[：:\s“\"]*(优秀|良好|合格|不合格)")


def check_tables(doc: Document, ledger: Ledger) -> None:
    for table in doc.tables:
        for h, row in enumerate(table.rows):
            texts = [c.text for c in row]
            if "协议量" in texts and "完成量" in texts and "百分比" in texts:
                _indicator_table(table, h, ledger)
                break
            if "标准分" in texts and "折算分" in texts:
                _score_table(table, h, ledger)
                break


def _value(cell: Cell) -> Decimal | None:
    text = cell.text.replace(",", "")
    if not _VALUE.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def _context(row: tuple[Cell, ...]) -> str:
    """A row as a reader would quote it: its distinct cells in order."""
    out: list[str] = []
    for c in row:
        if c.text and (not out or out[-1] != c.text):
            out.append(c.text)
    return " ".join(out)


@dataclass(frozen=True)
class _Triple:
    column: int  # of 协议量; 完成量 and 百分比 follow
    name: str


def _triples(table: Table, h: int) -> list[_Triple]:
    header = [c.text for c in table.rows[h]]
    above = [c.text for c in table.rows[h - 1]] if h > 0 else []
    found = []
    for c in range(len(header) - 2):
        if header[c : c + 3] == ["协议量", "完成量", "百分比"]:
            name = above[c] if c < len(above) and above[c] else ""
            found.append(_Triple(c, name))
    return found


def _indicator_table(table: Table, h: int, ledger: Ledger) -> None:
    triples = _triples(table, h)
    zones: list[tuple[Cell, ...]] = []
    for row in table.rows[h + 1 :]:
        first = row[0].text if row else ""
        if any(word in first for word in _TOTAL_ROW):
            for t in triples:
                _total(t, zones, row, ledger)
            zones = []
            continue
        zones.append(row)
        for t in triples:
            _row_percent(t, row, ledger, "table_percent")


def _cells(t: _Triple, row: tuple[Cell, ...]) -> tuple[Cell, Cell, Cell] | None:
    if t.column + 2 >= len(row):
        return None
    return row[t.column], row[t.column + 1], row[t.column + 2]


def _label(t: _Triple, row: tuple[Cell, ...]) -> str:
    return f"{row[0].text} {t.name}".strip() if t.name else row[0].text


def _row_percent(t: _Triple, row: tuple[Cell, ...], ledger: Ledger, rule: str) -> bool | None:
    """Whether the row's 百分比 is its 完成量 ÷ 协议量; None when there is nothing to check."""
    cells = _cells(t, row)
    if cells is None:
        return None
    agreed, done, pct = _value(cells[0]), _value(cells[1]), _PCT.match(cells[2].text)
    if pct is None:
        return None
    ledger.claim(cells[2].place)
    if agreed is None or done is None or agreed == 0:
        ledger.leave(cells[2].text, cells[2].place, _context(row), "该行没有可用的协议量")
        return None
    value = percent(done, agreed)
    ok = holds(value, number(pct.group(1)), decimals(pct.group(1)))
    if rule == "table_percent" or ok:
        why = f"{_label(t, row)}：完成量 {done} ÷ 协议量 {agreed} = {exact(value)}%"
        ledger.record(
            rule, ok, cells[2].place, cells[2].text, f"{shown(value)}%", _context(row), why
        )
    return ok


def _total(
    t: _Triple, zones: list[tuple[Cell, ...]], row: tuple[Cell, ...], ledger: Ledger
) -> None:
    cells = _cells(t, row)
    if cells is None or not zones:
        return
    for k, what in ((0, "协议量"), (1, "完成量")):
        printed = _value(cells[k])
        parts = [_value(z[t.column + k]) for z in zones if t.column + k < len(z)]
        if printed is None or not parts or any(p is None for p in parts):
            continue
        total = sum((p for p in parts if p is not None), Decimal(0))
        why = f"{t.name or '该项'}各片区{what} " + " + ".join(str(p) for p in parts) + f" = {total}"
        ledger.record(
            "table_total",
            total == printed,
            cells[k].place,
            cells[k].text,
            str(total),
            _context(row),
            why,
        )
    if _row_percent(t, row, ledger, "table_total_percent") is False:
        _named_total_percent(t, zones, row, cells, ledger)


def _named_total_percent(
    t: _Triple,
    zones: list[tuple[Cell, ...]],
    row: tuple[Cell, ...],
    cells: tuple[Cell, Cell, Cell],
    ledger: Ledger,
) -> None:
    """A wrong 合计 percentage, saying so when it is the sum or mean of the 片区 percentages."""
    agreed, done = _value(cells[0]), _value(cells[1])
    assert agreed is not None and done is not None  # _row_percent checked them
    value = percent(done, agreed)
    printed_text = _PCT.match(cells[2].text).group(1)  # type: ignore[union-attr]
    printed, places = number(printed_text), decimals(printed_text)
    zone_pcts = []
    for z in zones:
        m = _PCT.match(z[t.column + 2].text) if t.column + 2 < len(z) else None
        if m:
            zone_pcts.append(number(m.group(1)))
    why = f"{_label(t, row)}：合计完成量 {done} ÷ 合计协议量 {agreed} = {exact(value)}%"
    if zone_pcts:
        total = sum(zone_pcts, Decimal(0))
        if holds(total, printed, places):
            why += (
                "；印出的是各片区百分比之和（"
                + " + ".join(map(str, zone_pcts))
                + "），不是合计的完成率"
            )
        elif holds(total / len(zone_pcts), printed, places):
            why += "；印出的是各片区百分比的平均，不是合计完成量 ÷ 合计协议量"
    ledger.record(
        "table_total_percent",
        False,
        cells[2].place,
        cells[2].text,
        f"{shown(value)}%",
        _context(row),
        why,
    )


@dataclass
class _Group:
    """Rows scored together: one row, or the 片区 rows of one part (「服务质量（第一片区）」…),
    whose 折算分 is printed once (merged in Word, blank or in the middle row elsewhere)."""

    base: str
    rows: list[tuple[str, Decimal, Cell]]  # name, 评分, its cell
    converted: list[Cell]  # the non-empty 折算分 cells of the rows


def _base(name: str) -> str:
    return name.split("（")[0] if "（" in name else name


def _score_table(table: Table, h: int, ledger: Ledger) -> None:
    header = [c.text for c in table.rows[h]]
    if "评分" not in header:
        return
    col_max, col_raw, col_conv = (
        header.index("标准分"),
        header.index("评分"),
        header.index("折算分"),
    )
    groups: list[_Group] = []
    since_subtotal: list[_Group] = []
    for row in table.rows[h + 1 :]:
        text = _context(row)
        total = _SCORE_TOTAL.search(text) or (
            re.search(rf"({NUMBER})", text) if row[0].text in ("总分", "总得分", "合计") else None
        )
        if total:
            _score_total(groups, row, total, text, ledger)
            continue
        if sub := _SUBTOTAL.search(text):
            _sum_check("score_subtotal", since_subtotal, row, sub, text, ledger)
            since_subtotal = []
            continue
        if max(col_max, col_raw, col_conv) >= len(row):
            continue
        name, top, raw, conv = (
            row[0].text,
            _value(row[col_max]),
            _value(row[col_raw]),
            row[col_conv],
        )
        if raw is None:
            continue
        if top is not None:
            why = f"{name}：评分 {raw}，标准分 {top}"
            ledger.record(
                "score_part", raw <= top, row[col_raw].place, str(raw), f"不超过 {top}", text, why
            )
        if not groups or "（" not in name or groups[-1].base != _base(name):
            groups.append(_Group(_base(name), [], []))
            since_subtotal.append(groups[-1])
        groups[-1].rows.append((name, raw, row[col_raw]))
        if conv.text:
            groups[-1].converted.append(conv)
    for group in groups:
        _converted(group, ledger)


def _converted(group: _Group, ledger: Ledger) -> None:
    """A 折算分 printed once for several 片区 rows is the mean of their 评分."""
    printed = _group_value(group)
    if printed is None or len(group.rows) < 2:
        return
    cell = group.converted[0]
    mean = sum((r[1] for r in group.rows), Decimal(0)) / len(group.rows)
    why = "(" + " + ".join(str(r[1]) for r in group.rows) + f") ÷ {len(group.rows)} = {exact(mean)}"
    ok = holds(mean, printed, decimals(cell.text))
    names = "、".join(r[0] for r in group.rows)
    ledger.record("score_converted", ok, cell.place, cell.text, shown(mean), names, why)


def _group_value(group: _Group) -> Decimal | None:
    """The group's 折算分; None when it is missing or printed differently in different rows."""
    values = {_value(c) for c in group.converted}
    if len(values) == 1:
        return values.pop()
    return group.rows[0][1] if not values and len(group.rows) == 1 else None


def _sum_check(
    rule: str,
    groups: list[_Group],
    row: tuple[Cell, ...],
    m: re.Match[str],
    text: str,
    ledger: Ledger,
) -> Decimal | None:
    values = [_group_value(g) for g in groups]
    if not values or any(v is None for v in values):
        return None
    total = sum((v for v in values if v is not None), Decimal(0))
    printed = number(m.group(1))
    place = next((c.place for c in row if m.group(1) in c.text), row[0].place)
    why = " + ".join(str(v) for v in values) + f" = {total}"
    if total != printed:
        why += f"，差 {abs(total - printed)}"
    ledger.record(
        rule, holds(total, printed, decimals(m.group(1))), place, m.group(1), str(total), text, why
    )
    return total


def _score_total(
    groups: list[_Group], row: tuple[Cell, ...], m: re.Match[str], text: str, ledger: Ledger
) -> None:
    total = _sum_check("score_total", groups, row, m, text, ledger)
    grade = _GRADE.search(text)
    if grade is not None:
        _grade(ledger, grade.group(1), number(m.group(1)), total, row[0].place, text)


def _grade(
    ledger: Ledger, printed: str, score: Decimal, computed: Decimal | None, where: Place, text: str
) -> None:
    """The grade against the scheme's bands, for the printed total and the computed one; a
    不合格 above 60 may be a veto (否决情形) and is not checked."""
    rules = ledger.rules
    if printed == "不合格" and rules.grade_of(score) != "不合格":
        ledger.leave(printed, where, text, "可能是否决情形，不按分数核对")
        return
    for value in {score, computed} - {None}:
        assert value is not None
        expected = rules.grade_of(value)
        why = f"{value} 分按等级划分为{expected}"
        ledger.record("score_grade", expected == printed, where, printed, expected, text, why)


def check_grade_sentences(doc: Document, ledger: Ledger) -> None:
    """「等级为“良好”（87.39分）」「总分为87.81分，等级为：良好」: a grade beside its score."""
    pattern = re.compile(
        rf"(?:总分为\s*({NUMBER})\s*分[^。；]*?等级为|等级为)[：:\s“\"]*(优秀|良好|合格|不合格)[”\"]?(?:（({NUMBER})\s*分）)?"
    )
    for p in doc.paragraphs:
        for m in pattern.finditer(p.text):
            score = m.group(1) or m.group(3)
            if score is not None:
                _grade(ledger, m.group(2), number(score), None, p.place_at(m.start()), m.group())
