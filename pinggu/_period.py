"""The evaluation period as months, each weighted 1 or 0.5.

Reports count months, not days: 应到 = contracted headcount × months. A first or last month
that the period only partly covers counts 1 when it has at least the scheme's threshold of days
in the period (15 by default) and 0.5 otherwise, the same rule as a worker's in-post value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._model import Month, months_between

ONE, HALF = Decimal(1), Decimal("0.5")


@dataclass(frozen=True)
class PeriodMonth:
    month: Month
    weight: Decimal  # 1 or 0.5
    days: int  # days of this month inside the period


def period_months(start: date, end: date, half_month_days: int) -> list[PeriodMonth]:
    result = []
    for month in months_between(start, end):
        first = max(start, month.first_day())
        last = min(end, month.last_day())
        days = (last - first).days + 1
        full = first == month.first_day() and last == month.last_day()
        weight = ONE if full or days >= half_month_days else HALF
        result.append(PeriodMonth(month, weight, days))
    return result


def total_months(months: list[PeriodMonth]) -> Decimal:
    return sum((m.weight for m in months), Decimal(0))
