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


def contract_months(start: date, end: date, half_month_days: int) -> Decimal:
    """Length of a contract in months by anniversary: 2024-08-06 to 2025-08-05 is 12.

    Whole months are counted from the start day; a remainder counts 1 at the threshold of
    days and 0.5 below it, as in `period_months`.
    """
    after_end = end.toordinal() + 1
    whole, cursor = 0, start
    while True:
        nxt = _add_months(start, whole + 1)
        if nxt.toordinal() > after_end:
            break
        whole, cursor = whole + 1, nxt
    rest = after_end - cursor.toordinal()
    if rest == 0:
        return Decimal(whole)
    return Decimal(whole) + (ONE if rest >= half_month_days else HALF)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    month = Month(day.year + index // 12, index % 12 + 1)
    return date(month.year, month.month, min(day.day, month.last_day().day))
