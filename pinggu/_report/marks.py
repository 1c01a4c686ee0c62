"""Printed numbers that know what they are, so the report can audit itself.

Every number the report prints is a `Num`: the text as printed, the value, a key that names the
figure (the same key wherever the figure is printed) and, for a percentage or a total, the keys
of the printed numbers it must agree with. Sentences are `Text`: literal strings and Nums. The
layout prints them; the audit reads the printed document back and checks each Num.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .._figures import Figure
from .._numbers import plain, shown

Relation = Literal["ratio", "sum", "mean"]


@dataclass(frozen=True)
class Num:
    key: str  # what the figure is, e.g. "指标·合计·电访（人次）·百分比"; unique per figure
    value: Decimal
    text: str  # exactly as printed
    kind: Literal["number", "percent", "date"] = "number"
    relation: Relation | None = None
    of: tuple[str, ...] = ()  # ratio: (numerator, denominator); sum/mean: the parts
    formula: str = ""  # how the engine computed it, for the audit's check list

    def __str__(self) -> str:
        return self.text


Part = str | Num


@dataclass(frozen=True)
class Text:
    """A sentence or paragraph: literal strings and printed numbers, in order."""

    parts: tuple[Part, ...]

    @classmethod
    def of(cls, *parts: Part | Text | None) -> Text:
        """Join parts; nested Texts are flattened and None is skipped."""
        flat: list[Part] = []
        for part in parts:
            if part is None:
                continue
            flat.extend(part.parts if isinstance(part, Text) else (part,))
        return cls(tuple(flat))

    def nums(self) -> list[Num]:
        return [p for p in self.parts if isinstance(p, Num)]

    def __str__(self) -> str:
        return "".join(str(p) for p in self.parts)


def joined(items: list[Text], sep: str = "、", last: str | None = None) -> Text:
    """'a、b和c': items joined by `sep`, the last pair by `last` when given."""
    parts: list[Part | Text] = []
    for i, item in enumerate(items):
        if i:
            parts.append(last if last is not None and i == len(items) - 1 else sep)
        parts.append(item)
    return Text.of(*parts)


def number(key: str, value: Decimal, formula: str = "") -> Num:
    """A count or amount as a person writes it: 220, 169.5."""
    return Num(key, value, plain(value), formula=formula)


def points(key: str, value: Decimal, formula: str = "") -> Num:
    """A score, always two decimals so a score column lines up: 15.60."""
    return Num(key, value, f"{shown(value):.2f}", formula=formula)


def percent(key: str, value: Decimal, of: tuple[str, str] | None = None, formula: str = "") -> Num:
    """A percentage with two decimals and its sign: 123.39%."""
    return Num(
        key,
        value,
        f"{shown(value):.2f}%",
        kind="percent",
        relation="ratio" if of else None,
        of=of or (),
        formula=formula,
    )


def satisfaction(key: str, value: Decimal, formula: str = "") -> Num:
    """A satisfaction with one decimal, as the seeds print it: 89.4%."""
    return Num(key, value, f"{shown(value, 1):.1f}%", kind="percent", formula=formula)


def share(key: str, value: Decimal) -> Num:
    """A weight as schemes state it: 55%, or 33.33% where it is not whole."""
    text = f"{plain(value)}%" if value == value.to_integral_value() else f"{shown(value):.2f}%"
    return Num(key, value, text, kind="percent")


def total(
    key: str, value: Decimal, parts: tuple[str, ...], as_points: bool, formula: str = ""
) -> Num:
    base = points(key, value, formula) if as_points else number(key, value, formula)
    return Num(base.key, base.value, base.text, relation="sum", of=parts, formula=formula)


def mean(key: str, value: Decimal, parts: tuple[str, ...], formula: str = "") -> Num:
    base = points(key, value, formula)
    return Num(base.key, base.value, base.text, relation="mean", of=parts, formula=formula)


def day(key: str, value: date) -> Num:
    """A date as reports write it: 2024年6月7日. Its value is the ordinal, for comparison."""
    text = f"{value.year}年{value.month}月{value.day}日"
    return Num(key, Decimal(value.toordinal()), text, kind="date")


def from_figure(key: str, figure: Figure) -> Num:
    """A figure from the engine, printed by its unit: a percentage or a plain number."""
    if figure.unit == "%":
        return percent(key, figure.value, formula=figure.explain())
    return number(key, figure.value, formula=figure.explain())


def month_of(key: str, value: date) -> Num:
    """A month as reports write it: 2012年6月."""
    return Num(
        key, Decimal(value.year * 12 + value.month), f"{value.year}年{value.month}月", kind="date"
    )


CN_DIGITS = "零一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二: the numbering of headings and lists."""
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{CN_DIGITS[tens] if tens > 1 else ''}十{CN_DIGITS[ones] if ones else ''}"
