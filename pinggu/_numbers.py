"""Exact decimal arithmetic and the one rounding rule every shown figure follows.

Figures are Decimal from input to output so that 0.5 person-months and scores such as 14.55
never pick up binary-float noise; rounding is half-up (四舍五入) as printed reports expect,
never Python's banker's rounding.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def shown(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up to `places` decimals: the value a report prints."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator / denominator × 100, rounded for display. The denominator must be positive."""
    return shown(numerator * HUNDRED / denominator)


def plain(value: Decimal) -> str:
    """A figure as a person writes it: 220, 169.5, 15.38 (no trailing zeros, no exponent)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def as_json_number(value: Decimal) -> int | float:
    """Integers stay integers in JSON; anything else becomes the float with the same digits."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def with_unit(value: Decimal, unit: str) -> str:
    """'85.00%' but '12 人次': percentages keep two decimals; a word unit takes a space."""
    if not unit:
        return plain(value)
    return f"{shown(value)}%" if unit == "%" else f"{plain(value)} {unit}"
