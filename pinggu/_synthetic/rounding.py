"""Invented figures rounded the way people write them: whole numbers, halves, contract targets.

Every other module turns a random float into a figure for the workbook; this one keeps that
rounding in one place so a score, an indicator and a spending total round alike.
"""

from __future__ import annotations

import math
from decimal import Decimal

ONE, HALF, ZERO = Decimal(1), Decimal("0.5"), Decimal(0)


def whole(x: float) -> Decimal:
    """x rounded half-up to a whole number."""
    return Decimal(math.floor(x + 0.5))


def step(x: float, unit: str) -> Decimal:
    """x rounded half-up to a multiple of `unit` ("0.01", "0.1", "0.5", "1")."""
    size = Decimal(unit)
    return (whole(x / float(size)) * size).normalize() + 0  # + 0 turns -0 / 1E+1 into plain form


def nice(x: float) -> Decimal:
    """A contract-looking target: tens above 100, fives above 20, at least 1."""
    if x >= 100:
        return whole(x / 10) * 10
    if x >= 20:
        return whole(x / 5) * 5
    return max(ONE, whole(x))
