"""The rules on percentages printed in sentences (docs/check-rules.md).

Evaluators write progress as 「完成电访2221个，入户探访1197个，分别完成协议指标量的123.39%、
99.75%」 — the agreed quantities are in the annex, not in the sentence — and staffing as 「持证社工
17 人，持证比例达 85%」. A percentage is checked only when the sentence (or, for the station's
headcount, the report's 基本情况) prints what it is computed from; the rest are left to the ledger
as unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from math import floor

from .document import NUMBER, PERCENT, Document, Paragraph, number
from .ledger import Ledger
from .rules import decimals, exact, holds, percent, shown

__all__ = ["RULES", "check_sentences"]

RULES = ("sentence_percent_list", "sentence_percent_pair", "staff_share")

N = NUMBER
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")
_MARKER = re.compile(r"完成(?:协议)?(?:指标量?|协议量)的")
_LIST_GAP = re.compile(r"[\s、，,和及与]*")
_BARE = re.compile(rf"{N}(?!\s*%)")

# Numerator and denominator printed beside the percentage: (pattern, the group of the part,
# of the whole, of the percentage). Documented one by one in docs/check-rules.md.
_PAIRS = (
    (
        re.compile(
            rf"完成\s*({N})[^，,。；]*?[，,]\s*协议量?\s*({N})[^，,。；]*?[，,]\s*完成率\s*({N})\s*%"
        ),
        1,
        2,
        3,
    ),
    (
        re.compile(
            rf"要求(?:时数)?为?\s*({N})[^。；]*?完成(?:时数)?\s*({N})[^，,。；]*[，,]\s*"
            rf"完成(?:比例|率)(?:为|达)?\s*({N})\s*%"
        ),
        2,
        1,
        3,
    ),
    (
        re.compile(
            rf"({N})\s*(?:人次|人|元|小时)[，,]\s*占[^。；%，,]*?({N})\s*(?:人次|人|元|小时)的\s*({N})\s*%"
        ),
        1,
        2,
        3,
    ),
    (
        re.compile(
            rf"({N})\s*(?:人次|人|名|小时)?\s*÷[^=。；]*?({N})\s*(?:人次|人|名|小时)?\s*=\s*({N})\s*%"
        ),
        1,
        2,
        3,
    ),
    (
        re.compile(
            rf"({N})\s*人[，,]\s*协议社工(?:人数)?\s*({N})\s*人[，,]\s*稳岗率(?:为|达)?\s*({N})\s*%"
        ),
        1,
        2,
        3,
    ),
    (
        re.compile(
            rf"协议人数\s*({N})\s*人[^。；]*?持续在岗\s*({N})\s*人[，,]\s*稳岗率(?:为|达)?\s*({N})\s*%"
        ),
        2,
        1,
        3,
    ),
)

# Staffing shares and the counts they are shares of (rule staff_share).
_HEADCOUNT = (re.compile(rf"社工总人数\s*({N})\s*人(?!次)"), re.compile(rf"配备社工\s*({N})\s*名"))
_CERTIFIED = re.compile(rf"其中持证社工\s*({N})\s*[名人]")
_CONTRACTED = re.compile(rf"协议(?:社工)?人数\s*({N})\s*人")
_ACTUAL = re.compile(rf"总人数应到\s*{N}\s*人次[，,]\s*实到\s*({N})\s*人次")
_CERT_ACTUAL = re.compile(rf"持证社工应到岗?\s*{N}\s*人次[，,]\s*实到\s*({N})\s*人次")
_SHARES = (
    ("持证", re.compile(rf"持证社工\s*(?P<count>{N})\s*人[，,]\s*占比[^%\d]*(?P<pct>{N})\s*%")),
    ("持证", re.compile(rf"持证(?:社工)?比例(?:达到|达|为|是)?\s*(?P<pct>{N})\s*%")),
    (
        "从业2年以上",
        re.compile(
            rf"从业\s*(?:2|两|二)\s*年以上社工\s*(?P<count>{N})\s*人[，,]\s*占社工总数\s*(?P<pct>{N})\s*%"
        ),
    ),
    (  # no denominator named: the scheme's, 从业2年以上人次 ÷ 实到人次, where they are printed
        "从业2年以上占比",
        re.compile(
            rf"从业\s*(?:2|两|二)\s*年以上社工\s*(?P<count>{N})\s*人[，,]\s*占比(?:为|达)?\s*(?P<pct>{N})\s*%"
        ),
    ),
)
_EXPERIENCED = re.compile(rf"从业\s*(?:2|两|二)\s*年以上[^。；]*?到岗\s*({N})\s*人次")


@dataclass(frozen=True)
class _Sentence:
    paragraph: Paragraph
    start: int
    text: str


def _sentences(doc: Document) -> Iterator[_Sentence]:
    for p in doc.paragraphs:
        for m in _SENTENCE.finditer(p.text):
            yield _Sentence(p, m.start(), m.group())


# Staffing denominators a share is often divided by instead of the one it prints (名称, pattern).
_DENOMINATORS = (
    ("应到", re.compile(rf"(?:总人数应到|合计[：:]\s*应到)\s*({N})\s*人次")),
    ("协议社工人数", _CONTRACTED),
    ("社工总人数", _HEADCOUNT[0]),
)


def check_sentences(doc: Document, ledger: Ledger) -> None:
    _percent_lists(doc, ledger)
    whole = "\n".join(p.text for p in doc.paragraphs)
    others = [(name, v) for name, pattern in _DENOMINATORS if (v := _first(pattern, whole))]
    for s in _sentences(doc):
        _percent_pairs(s, ledger, others)
    _staff_shares(doc, ledger)


def _quantities(text: str, units: tuple[str, ...]) -> list[tuple[Decimal, str]]:
    unit = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    found = re.finditer(rf"({N})\s*({unit})(?!月)", text)  # 「3个月」 is a period, not a count
    return [(number(m.group(1)), m.group(2)) for m in found]


def _percent_lists(doc: Document, ledger: Ledger) -> None:
    """「…N1 个，N2 人次，分别完成协议指标量的 Z1%、Z2%」: the agreed quantity is not printed, but
    a count's agreed quantity is a whole number, so Zi must be Ni ÷ some whole number."""
    units = (*ledger.rules.count_units, "小时")
    pending: list[tuple[Decimal, str]] = []
    for s in _sentences(doc):
        marker = _MARKER.search(s.text)
        if marker is None:
            pending = _quantities(s.text, units)
            continue
        done = _quantities(s.text[: marker.start()], units) or pending
        pending = []
        figures, pos = [], _LIST_GAP.match(s.text, marker.end()).end()  # type: ignore[union-attr]
        while m := PERCENT.match(s.text, pos):
            figures.append(m)
            pos = _LIST_GAP.match(s.text, m.end()).end()  # type: ignore[union-attr]
        where = s.paragraph.place_at(s.start + marker.start())
        context = s.text.strip()
        if not figures:
            continue
        if len(figures) != len(done) or _BARE.match(s.text, pos):
            for m in figures:
                ledger.claim(s.paragraph.place, s.start + m.start())
                ledger.leave(m.group(), where, context, "完成量与百分比的个数不同，无法一一配对")
            continue
        for (quantity, unit), m in zip(done, figures, strict=True):
            ledger.claim(s.paragraph.place, s.start + m.start())
            _whole_denominator(ledger, s, m, quantity, unit, context)


def _whole_denominator(
    ledger: Ledger, s: _Sentence, m: re.Match[str], quantity: Decimal, unit: str, context: str
) -> None:
    where = s.paragraph.place_at(s.start + m.start())
    printed = number(m.group(1))
    if unit not in ledger.rules.count_units or printed == 0 or quantity == 0:
        ledger.leave(m.group(), where, context, "协议量未印出，且该单位的协议量不必是整数")
        return
    places = decimals(m.group(1))
    near = quantity * 100 / printed
    candidates = [Decimal(k) for k in range(max(1, floor(near) - 2), floor(near) + 4)]
    ok = any(holds(percent(quantity, k), printed, places) for k in candidates)
    low, high = max(1, floor(near)), floor(near) + 1
    expected = "或".join(
        f"{shown(percent(quantity, Decimal(k)))}%（协议量 {k} {unit}）" for k in sorted({low, high})
    )
    why = f"{quantity} {unit} ÷ {m.group()} = {shown(near)} {unit}，而协议量是整数：" + "，".join(
        f"{quantity} ÷ {k} = {shown(percent(quantity, Decimal(k)))}%" for k in (low, high)
    )
    ledger.record("sentence_percent_list", ok, where, m.group(), expected, context, why)


def _percent_pairs(s: _Sentence, ledger: Ledger, others: list[tuple[str, Decimal]]) -> None:
    """Each printed numerator ÷ denominator; a wrong one that is the numerator ÷ another staffing
    figure the report prints (应到 instead of 实到, 协议人数 instead of 人次) says so."""
    for pattern, part_group, whole_group, pct_group in _PAIRS:
        for m in pattern.finditer(s.text):
            part, whole = number(m.group(part_group)), number(m.group(whole_group))
            offset = s.start + m.start(pct_group)
            if (s.paragraph.place, offset) in ledger.claimed or whole == 0:
                continue
            ledger.claim(s.paragraph.place, offset)
            printed = m.group(pct_group) + "%"
            value = percent(part, whole)
            ok = holds(value, number(m.group(pct_group)), decimals(m.group(pct_group)))
            why = f"{part} ÷ {whole} = {exact(value)}%"
            if not ok:
                why += _wrong_denominator(part, whole, m.group(pct_group), others)
            where = s.paragraph.place_at(offset)
            ledger.record(
                "sentence_percent_pair", ok, where, printed, f"{shown(value)}%", m.group(), why
            )


def _wrong_denominator(
    part: Decimal, whole: Decimal, printed: str, others: list[tuple[str, Decimal]]
) -> str:
    for name, other in others:
        value = percent(part, other)
        if other != whole and holds(value, number(printed), decimals(printed)):
            return f"；印出的 {printed}% 是 {part} ÷ {name} {other}，分母用错，应除以 {whole}"
    return ""


def _first(patterns: tuple[re.Pattern[str], ...] | re.Pattern[str], text: str) -> Decimal | None:
    for pattern in patterns if isinstance(patterns, tuple) else (patterns,):
        if m := pattern.search(text):
            return number(m.group(1))
    return None


def _staff_shares(doc: Document, ledger: Ledger) -> None:
    """A share of the social workers: by headcount (÷ 社工总人数) or by person-months
    (÷ 实到人次, the scheme's 持证占比); 85% = 17 ÷ 协议人数 20 is neither."""
    whole = "\n".join(p.text for p in doc.paragraphs)
    for p in doc.paragraphs:
        for what, pattern in _SHARES:
            for m in pattern.finditer(p.text):
                offset = m.start("pct")
                if (p.place, offset) in ledger.claimed:
                    continue
                ledger.claim(p.place, offset)
                counts = {k: v for k, v in m.groupdict().items() if v is not None}
                _staff_share(ledger, p, m, what, counts.get("count"), whole)


def _staff_share(
    ledger: Ledger, p: Paragraph, m: re.Match[str], what: str, count_text: str | None, whole: str
) -> None:
    where, printed_text = p.place_at(m.start("pct")), m.group("pct")
    printed, places = number(printed_text), decimals(printed_text)
    count = number(count_text) if count_text else None
    if count is None and what == "持证":
        count = _first(_CERTIFIED, p.text) or _first(_CERTIFIED, whole)
    headcount = _first(_HEADCOUNT, p.text) or _first(_HEADCOUNT, whole)
    readings: list[tuple[str, Decimal]] = []
    if what == "从业2年以上占比":
        experienced, actual = _first(_EXPERIENCED, whole), _first(_ACTUAL, whole)
        if experienced is not None and actual:
            readings.append((f"按人次 {experienced} ÷ {actual}", percent(experienced, actual)))
        elif count is not None and headcount:
            readings.append((f"按人数 {count} ÷ {headcount}", percent(count, headcount)))
    elif count is not None and headcount:
        readings.append((f"按人数 {count} ÷ {headcount}", percent(count, headcount)))
    if what == "持证":
        cert, actual = _first(_CERT_ACTUAL, whole), _first(_ACTUAL, whole)
        if cert is not None and actual:
            readings.append((f"按人次 {cert} ÷ {actual}", percent(cert, actual)))
    if not readings:
        ledger.leave(m.group("pct") + "%", where, m.group(), "报告没有印出人数或人次，无法核对")
        return
    ok = any(holds(value, printed, places) for _, value in readings)
    expected = "或".join(f"{shown(v)}%（{label.split(' ')[0]}）" for label, v in readings)
    why = "，".join(f"{label} = {shown(v)}%" for label, v in readings)
    contracted = _first(_CONTRACTED, p.text) or _first(_CONTRACTED, whole)
    if count is not None and contracted and holds(percent(count, contracted), printed, places):
        why += f"；印出的 {printed_text}% 是 {count} ÷ 协议人数 {contracted}，分母用错"
    context = m.group()
    ledger.record("staff_share", ok, where, printed_text + "%", expected, context, why)
