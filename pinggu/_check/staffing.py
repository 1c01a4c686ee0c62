"""The staffing rules (docs/check-rules.md): the 到岗 table and 应到 against the headcount.

A report's 附件2 (社工到岗情况统计表) prints one row per social worker with a figure per month —
1 on post, 0.5 for half a month, 0 or 「——」 off post — their 合计, and per-month 小计 / 实到 /
应到 rows. A hand-written table often counts a half month as a whole one in a subtotal. Every
aggregate is checked against the person-month cells directly (not against other aggregates), so
that one wrong figure is reported once, where it is printed. In the text, 应到 is the contracted
headcount × the months of the period, where the report prints all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .document import NUMBER, Cell, Document, Table, number
from .ledger import Ledger
from .rules import exact

__all__ = ["RULES", "check_staffing"]

RULES = ("staff_roster", "staff_expected")

_MONTH = re.compile(r"^\d{1,2}月$")
_SERIAL = re.compile(r"^\d+$")
_VALUE = re.compile(rf"^{NUMBER}$")
_OFF = ("", "——", "—", "-", "/")  # not on post that month (before joining, after leaving)
_HALF = Decimal("0.5")

_CONTRACTED = re.compile(rf"协议(?:社工)?(?:人数)?\s*({NUMBER})\s*[人名]")
_MONTHS = re.compile(rf"(?:共|考核|为期)\s*({NUMBER})\s*个月")
_EXPECTED = re.compile(rf"(?:总人数应到|合计[：:]\s*应到)\s*({NUMBER})\s*人次")


def check_staffing(doc: Document, ledger: Ledger) -> None:
    text = "\n".join(p.text for p in doc.paragraphs)
    contracted = _first(_CONTRACTED, text)
    for table in doc.tables:
        _roster(table, ledger, contracted)
    _expected(doc, ledger, contracted, _first(_MONTHS, text))


def _first(pattern: re.Pattern[str], text: str) -> Decimal | None:
    m = pattern.search(text)
    return number(m.group(1)) if m else None


def _month_value(cell: Cell) -> Decimal | None:
    """A month cell's person-months; None when it is something else (a note, a date)."""
    text = cell.text.strip()
    if text in _OFF:
        return Decimal(0)
    return number(text) if _VALUE.match(text) else None


@dataclass(frozen=True)
class _Layout:
    months: tuple[int, ...]  # columns of the months
    names: tuple[str, ...]  # their headers (7月 …)
    total: int  # column of 合计


def _layout(table: Table) -> tuple[int, _Layout] | None:
    """The header of a 到岗 table: a row with 姓名 and 合计, the months in it or the next row."""
    for h, row in enumerate(table.rows[:3]):
        texts = [c.text.strip() for c in row]
        if "姓名" not in texts or "合计" not in texts:
            continue
        for m in (h, h + 1):
            if m >= len(table.rows):
                break
            cells = table.rows[m]
            months = tuple(i for i, c in enumerate(cells) if _MONTH.match(c.text.strip()))
            if len(months) >= 2:
                names = tuple(cells[i].text.strip() for i in months)
                return m, _Layout(months, names, texts.index("合计"))
    return None


def _roster(table: Table, ledger: Ledger, contracted: Decimal | None) -> None:
    found = _layout(table)
    if found is None:
        return
    start, layout = found
    everyone: list[tuple[Cell, ...]] = []
    section: list[tuple[Cell, ...]] = []
    for row in table.rows[start + 1 :]:
        if max(layout.total, *layout.months) >= len(row):
            continue
        first = row[0].text.strip()
        if _SERIAL.match(first):
            everyone.append(row)
            section.append(row)
            _sum_row(ledger, row, layout, first + " " + row[1].text.strip())
        elif "小计" in first:
            _aggregate(ledger, row, layout, section, first)
            section = []
        elif "实到" in first:
            _aggregate(ledger, row, layout, everyone, first)
        elif "应到" in first:
            _sum_row(ledger, row, layout, first)
            if first in ("每月应到", "应到") and contracted is not None:
                _each_month(ledger, row, layout, contracted, first)
        else:
            section = []  # a section heading (一、持证社工)


def _sum_row(ledger: Ledger, row: tuple[Cell, ...], layout: _Layout, label: str) -> None:
    """A row's 合计 against its months."""
    values = [_month_value(row[c]) for c in layout.months]
    total_cell = row[layout.total]
    if any(v is None for v in values) or not _VALUE.match(total_cell.text.strip()):
        return
    parts = [v for v in values if v is not None]
    total = sum(parts, Decimal(0))
    why = f"{label}：各月 " + " + ".join(map(str, parts)) + f" = {exact(total)}"
    _record(ledger, total_cell, total, why + _halves(number(total_cell.text), total, parts), label)


def _aggregate(
    ledger: Ledger,
    row: tuple[Cell, ...],
    layout: _Layout,
    people: list[tuple[Cell, ...]],
    label: str,
) -> None:
    """A 小计 / 实到 row: each month and the 合计 against the people's month cells."""
    if not people:
        return
    grand: list[Decimal] = []
    for c in layout.months:
        values = [_month_value(p[c]) for p in people]
        if any(v is None for v in values):
            return
        parts = [v for v in values if v is not None]
        grand += parts
        cell = row[c]
        if not _VALUE.match(cell.text.strip()):
            continue
        total = sum(parts, Decimal(0))
        month = layout.names[layout.months.index(c)]
        why = f"{label} {month}：各人 " + " + ".join(map(str, parts)) + f" = {exact(total)}"
        why += _halves(number(cell.text), total, parts)
        _record(ledger, cell, total, why, f"{label} {month}")
    cell = row[layout.total]
    if _VALUE.match(cell.text.strip()):
        total = sum(grand, Decimal(0))
        why = f"{label}：{len(people)} 人各月到岗人次之和 = {exact(total)}"
        _record(ledger, cell, total, why + _halves(number(cell.text), total, grand), label)


def _halves(printed: Decimal, total: Decimal, parts: list[Decimal]) -> str:
    """Names the common error: each of k half months (0.5) counted as a whole month."""
    k = (printed - total) / _HALF
    halves = sum(1 for p in parts if p % 1 == _HALF)
    if k > 0 and k == int(k) and k <= halves:
        return f"；印出的数把 {int(k)} 个半月（0.5）当作整月（1）计算"
    return ""


def _record(ledger: Ledger, cell: Cell, total: Decimal, why: str, context: str) -> None:
    printed = number(cell.text)
    ok = printed == total
    ledger.record("staff_roster", ok, cell.place, cell.text.strip(), exact(total), context, why)


def _each_month(
    ledger: Ledger, row: tuple[Cell, ...], layout: _Layout, contracted: Decimal, label: str
) -> None:
    for c in layout.months:
        cell = row[c]
        if _VALUE.match(cell.text.strip()):
            why = f"{label}：每月应到 = 协议社工人数 {contracted}"
            ok = number(cell.text) == contracted
            text = cell.text.strip()
            ledger.record(
                "staff_expected", ok, cell.place, text, exact(contracted), f"{label} {text}", why
            )


def _expected(
    doc: Document, ledger: Ledger, contracted: Decimal | None, months: Decimal | None
) -> None:
    """「社工总人数应到200人次」 = 协议社工人数 × 考核月数, where the report prints both."""
    if contracted is None or months is None:
        return
    value = contracted * months
    for p in doc.paragraphs:
        for m in _EXPECTED.finditer(p.text):
            printed = number(m.group(1))
            why = f"协议社工人数 {contracted} × 考核期 {exact(months)} 个月 = {exact(value)} 人次"
            ledger.record(
                "staff_expected",
                printed == value,
                p.place_at(m.start(1)),
                m.group(1),
                exact(value),
                m.group(),
                why,
            )
