"""The station itself: its 片区 and 社区, its contract and period, the figures in 基本信息.

Modelled on the seeds: a contract of a year and 240 万元, continuing education of 6 hours per
contracted worker per month, personnel spending at 82–89% of the total, the evaluation on a
weekday of the month after the period.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate, pairwise

from .._model import Kind, Month, StationInfo, Zone
from .names import StationNames, community, unique, zone_names
from .rounding import step

__all__ = ["CONTRACT_MONTHS", "month_list", "station_info", "station_zones"]

CONTRACT_MONTHS = 12
TRAINING_HOURS_PER_WORKER_MONTH = 6
FUNDING_WAN = Decimal(240)


def month_list(start: date, months: int) -> list[Month]:
    """`months` consecutive months from the one `start` falls in."""
    result = [Month.of(start)]
    while len(result) < months:
        result.append(result[-1].next())
    return result


def _zone_sizes(rng: random.Random, zones: int, communities: int) -> list[int]:
    sizes = [communities // zones] * zones
    for i in rng.sample(range(zones), communities % zones):
        sizes[i] += 1
    for _ in range(rng.randint(0, 1)):  # a little unevenness, never an empty zone
        a, b = rng.sample(range(zones), 2) if zones > 1 else (0, 0)
        if sizes[a] > 2:
            sizes[a], sizes[b] = sizes[a] - 1, sizes[b] + 1
    return sizes


def station_zones(rng: random.Random, count: int, communities: int) -> tuple[Zone, ...]:
    """`count` 片区 sharing `communities` distinct 社区, none empty."""
    taken: set[str] = set()
    names = [unique(rng, community, taken) for _ in range(communities)]
    bounds = list(accumulate(_zone_sizes(rng, count, communities), initial=0))
    groups = [names[a:b] for a, b in pairwise(bounds)]
    return tuple(Zone(n, tuple(g)) for n, g in zip(zone_names(rng, groups), groups, strict=True))


def _evaluation_day(rng: random.Random, period_end: date) -> date:
    month = Month.of(period_end).next()
    day = date(month.year, month.month, rng.randint(6, 24))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def station_info(
    rng: random.Random,
    names: StationNames,
    kind: Kind,
    start: date,
    months: list[Month],
    contract: tuple[int, int],
) -> StationInfo:
    """基本信息 for a period of `months` from `start`, the contract running a year from it."""
    period_end = months[-1].last_day()
    renewal = month_list(start, CONTRACT_MONTHS + 1)[-1]
    required = Decimal(TRAINING_HOURS_PER_WORKER_MONTH * contract[0] * len(months))
    spending = step(
        float(FUNDING_WAN) * 10_000 * len(months) / CONTRACT_MONTHS * rng.uniform(0.93, 1.0),
        "0.01",
    )
    return StationInfo(
        **asdict(names),
        kind=kind,
        evaluation_date=_evaluation_day(rng, period_end),
        period_start=start,
        period_end=period_end,
        period_months=None,
        contract_start=start,
        contract_end=date(renewal.year, renewal.month, start.day) - timedelta(days=1),
        contract_funding_wan=FUNDING_WAN,
        contract_workers=contract[0],
        contract_certified_workers=contract[1],
        training_hours_required=required,
        training_hours_done=step(float(required) * rng.uniform(1.02, 1.4), "0.5"),
        annual_spending=spending,
        personnel_spending=step(float(spending) * rng.uniform(0.82, 0.89), "0.01"),
    )
