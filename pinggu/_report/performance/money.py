"""Amounts as the performance report prints them: in 万元, exactly (docs/performance.md).

Seed 001 writes 「项目年初预算数240万元」. The sheets hold 元 (to the 分), so a 万元 figure is
元 ÷ 10000 with every digit it needs and none rounded away: 1924648.66 元 is 192.464866万元.
A rounded 192.46万元 would print a different figure from the one the budget holds.
"""

from __future__ import annotations

from decimal import Decimal

from ..._numbers import plain
from ..marks import Num

TEN_THOUSAND = Decimal(10000)


def wan(key: str, yuan: Decimal, formula: str = "") -> Num:
    """An amount in 元 printed in 万元, exact: 2400000 → 240, 1924648.66 → 192.464866."""
    value = yuan / TEN_THOUSAND
    return Num(key, value, plain(value), formula=formula or f"{plain(yuan)} 元 ÷ 10000")


def wan_total(key: str, yuan: Decimal, parts: tuple[str, ...]) -> Num:
    """A sum of printed 万元 amounts, checked against its parts by the audit."""
    base = wan(key, yuan)
    return Num(base.key, base.value, base.text, relation="sum", of=parts, formula=base.formula)


def rate_percent(key: str, value: Decimal, of: tuple[str, str], formula: str) -> Num:
    """A rate as seed 001 prints it: 「完成预算的100%」, else two decimals: 「96.15%」."""
    whole = value == value.to_integral_value()
    text = f"{plain(value)}%" if whole else f"{value:.2f}%"
    return Num(key, value, text, kind="percent", relation="ratio", of=of, formula=formula)
