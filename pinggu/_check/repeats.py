"""The same quantity printed twice with different values (rule `same_figure`, docs/check-rules.md).

A report prints an indicator's 完成量 in its progress paragraph and again in the 合计 row of 附件1,
the total score in the text and in the score table, 应到 / 实到 in the text and in 附件2. When the
agency corrects one and not the other, each is plausible alone. Only figures that are surely the
same quantity are paired: an indicator named exactly as the table's header names it, with its
unit, in a paragraph about the whole station (no 片区 in it); a 片区's 「名称完成N，协议量M」 beside
that 片区's row; the total score; 稳岗率; 应到 / 实到 and their 持证 counterparts. The table's
figure is the reference when there is one; a figure already reported wrong by another rule is
left out (its error is reported where it is printed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import NUMBER, Cell, Document, Paragraph, Place, Table, number
from .ledger import Ledger
from .rules import decimals, holds

__all__ = ["RULES", "check_repeats"]

RULES = ("same_figure",)

N = NUMBER
_UNITS = ("人次", "小时", "户", "人", "个", "名", "支", "次", "节", "场", "份", "项", "位")
_HEADER = re.compile(r"^(?P<name>.+?)（(?P<unit>[^（）]+)）$")
_ZONE = re.compile(r"第[一二三四五六七八九十\d]+片区")
_ZONE_PAIR = re.compile(
    rf"(?P<name>[^：:；;，,。、]+?（[^（）]+）)完成\s*({N})\s*[，,]\s*协议量?\s*({N})"
)
_TOTAL_ROW = ("合计", "总计")
_PART = re.compile(r"其中|本月|当月|上月|季度|\d+\s*月(?!\s*\d+\s*日)|[一二三四五六七八九十]+月")
_SCORE_TEXT = re.compile(
    rf"(?<!评估)总(?:得)?分为\s*({N})\s*分|等级为[：:\s“\"]*[优良合不][^（]{{0,4}}（({N})\s*分）"
)
_SCORE_ROW = re.compile(rf"总(?:得)?分[：:]?\s*({N})")
# 「稳岗率为85.00%」「稳岗率：17人 ÷ 协议社工人数20人 = 85.00%」, not 「稳岗率不低于80%」 (a requirement)
_RETENTION = re.compile(rf"稳岗率(?:(?:为|达到了?|达|是)?\s*|[：:][^。；;%]*?=\s*)({N})\s*%")
# 「总人数应到200人次，实到197人次」「持证社工应到140人次，实到147人次」: whose counts, from the clause
_ATTENDANCE = re.compile(
    rf"应到岗?\s*(?P<due>{N})\s*人次[，,]\s*(?:持证)?实到\s*(?P<came>{N})\s*人次"
)
_ROSTER_ROWS = {
    "每月实到": "实到",
    "每月应到": "应到",
    "每月持证应到": "持证应到",
    "持证社工小计": "持证实到",
}


@dataclass(frozen=True)
class _Figure:
    text: str  # as printed
    place: Place
    context: str
    in_table: bool
    unit: str = ""  # "%" after a share, so that it is quoted as printed


def check_repeats(doc: Document, ledger: Ledger) -> None:
    figures: dict[tuple[str, ...], list[_Figure]] = {}
    names = _tables(doc, figures)
    for p in doc.paragraphs:
        _paragraph(p, names, figures)
    wrong = {problem.location for problem in ledger.problems}
    for key, found in figures.items():
        _compare(key, [f for f in found if f.place.describe() not in wrong], ledger)


def _add(figures: dict[tuple[str, ...], list[_Figure]], key: tuple[str, ...], f: _Figure) -> None:
    figures.setdefault(key, []).append(f)


def _tables(doc: Document, figures: dict[tuple[str, ...], list[_Figure]]) -> set[tuple[str, str]]:
    """The figures of the indicator, score and 到岗 tables; the (name, unit) of each indicator."""
    names: set[tuple[str, str]] = set()
    for table in doc.tables:
        for h, row in enumerate(table.rows):
            texts = [c.text.strip() for c in row]
            if "协议量" in texts and "完成量" in texts:
                names |= _indicator_table(table, h, figures)
                break
        for row in table.rows:
            first = row[0].text.strip() if row else ""
            if m := _SCORE_ROW.search(first):
                _add(figures, ("总分",), _Figure(m.group(1), row[0].place, first, True))
            if first in _ROSTER_ROWS and len(row) > 1:
                _roster_total(table, row, _ROSTER_ROWS[first], figures)
    return names


def _indicator_table(
    table: Table, h: int, figures: dict[tuple[str, ...], list[_Figure]]
) -> set[tuple[str, str]]:
    header = [c.text.strip() for c in table.rows[h]]
    above = [c.text.strip() for c in table.rows[h - 1]] if h > 0 else []
    names: set[tuple[str, str]] = set()
    columns: list[tuple[int, str, str]] = []  # (column of 协议量, name, unit)
    for c in range(len(header) - 1):
        m = _HEADER.match(above[c]) if c < len(above) else None
        if header[c : c + 2] == ["协议量", "完成量"] and m:
            columns.append((c, m.group("name"), m.group("unit")))
    station = "指标" in header and "计量" in header  # one indicator a row, its unit beside it
    for row in table.rows[h + 1 :]:
        first = row[0].text.strip() if row else ""
        if station and len(row) > header.index("计量"):
            unit = row[header.index("计量")].text.strip()
            at = header.index("协议量")
            columns_here = [(at, first, unit)]
            zone = "合计"
        else:
            columns_here = columns
            zone = "合计" if any(w in first for w in _TOTAL_ROW) else first
        for c, name, unit in columns_here:
            if c + 1 >= len(row):
                continue
            names.add((name, unit))
            for k, measure in ((0, "协议量"), (1, "完成量")):
                cell = row[c + k]
                if re.fullmatch(N, cell.text.strip()):
                    context = f"{first} {name}（{unit}）{measure}"
                    _add(
                        figures,
                        (name, unit, zone, measure),
                        _Figure(cell.text.strip(), cell.place, context, True),
                    )
    return names


def _roster_total(
    table: Table, row: tuple[Cell, ...], key: str, figures: dict[tuple[str, ...], list[_Figure]]
) -> None:
    for header in table.rows[:3]:
        texts = [c.text.strip() for c in header]
        if "姓名" in texts and "合计" in texts and texts.index("合计") < len(row):
            cell = row[texts.index("合计")]
            if re.fullmatch(N, cell.text.strip()):
                context = f"{row[0].text.strip()} 合计"
                _add(figures, (key,), _Figure(cell.text.strip(), cell.place, context, True))
            return


def _paragraph(
    p: Paragraph, names: set[tuple[str, str]], figures: dict[tuple[str, ...], list[_Figure]]
) -> None:
    def add(key: tuple[str, ...], m: re.Match[str], group: int | str, unit: str = "") -> None:
        start = m.start(group)
        context = p.text[max(0, m.start() - 10) : m.end()].strip()
        _add(figures, key, _Figure(m.group(group), p.place_at(start), context, False, unit))

    if _ZONE.search(p.text) is None:  # a paragraph about the whole station
        for name, unit in names:
            if unit not in _UNITS:
                continue
            after = "(?!次)" if unit == "人" else ""  # 「185人次」 is not 185 人
            for m in re.finditer(rf"{re.escape(name)}\s*({N})\s*{re.escape(unit)}{after}", p.text):
                if not _part_of_total(p.text, m.start()):
                    add((name, unit, "合计", "完成量"), m, 1)
    for m in _ZONE_PAIR.finditer(p.text):
        h = _HEADER.match(m.group("name").strip())
        before = _ZONE.findall(p.text[: m.start()])
        if h is None or (h.group("name"), h.group("unit")) not in names:
            continue
        where = before[-1] if before else ("合计" if "全站" in p.text[: m.start()] else None)
        if where is None:
            continue
        key = (h.group("name"), h.group("unit"), where)
        add((*key, "完成量"), m, 2)
        add((*key, "协议量"), m, 3)
    for m in _SCORE_TEXT.finditer(p.text):
        add(("总分",), m, 1 if m.group(1) else 2)
    for m in _RETENTION.finditer(p.text):
        add(("稳岗率",), m, 1, "%")
    for m in _ATTENDANCE.finditer(p.text):
        clause = re.split(r"[，,；;。：:]", p.text[: m.start()])[-1]
        if "非持证" in clause:
            continue
        prefix = "持证" if "持证" in clause else ""
        add((prefix + "应到",), m, "due")
        add((prefix + "实到",), m, "came")


def _part_of_total(text: str, at: int) -> bool:
    """Whether the sentence before `at` says the figure is a part: a month's, a quarter's, 其中 …"""
    start = max(text.rfind(end, 0, at) for end in "。；;")
    return bool(_PART.search(text[start + 1 : at]))


def _same(a: str, b: str) -> bool:
    """Two printings of one value: equal, or the less precise is the other rounded."""
    x, y = (a, b) if decimals(a) >= decimals(b) else (b, a)
    return holds(number(x), number(y), decimals(y))


def _compare(key: tuple[str, ...], found: list[_Figure], ledger: Ledger) -> None:
    if len(found) < 2:
        return
    reference = next((f for f in found if f.in_table), found[0])
    what = "".join(key[:1]) + (f"（{key[1]}）{key[2]}{key[3]}" if len(key) == 4 else "")
    for f in found:
        if f is reference:
            continue
        where = reference.place.describe()
        printed, expected = f.text + f.unit, reference.text + reference.unit
        why = f"{what}在{where}印为 {expected}，在此处印为 {printed}，同一数字前后不一"
        ok = _same(f.text, reference.text)
        ledger.record("same_figure", ok, f.place, printed, expected, f.context, why)
