"""What each chart of the report shows, apart from how it is drawn (charts.py): the report's
content and its audit build these without importing matplotlib."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CompletionChart:
    """Completion % per indicator; `expected` is the mid-term time progress % (None at term end)."""

    title: str
    labels: tuple[str, ...]
    percents: tuple[Decimal, ...]
    expected: Decimal | None = None


@dataclass(frozen=True)
class StaffingChart:
    """Social workers in post per month against the agreement, in total and certified."""

    title: str
    months: tuple[str, ...]
    required: tuple[Decimal, ...]
    actual: tuple[Decimal, ...]
    certified_required: tuple[Decimal, ...]
    certified_actual: tuple[Decimal, ...]
