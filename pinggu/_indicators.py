"""Indicator completion (附件1): per 片区 and the station total, each from its own sums.

The seeds' worst error is a station total that adds three 片区 percentages (274.94%). Here a
total is always 完成量之和 ÷ 协议量之和, and a row without a target has no percentage at all.
A total compares like with like: when some 片区 have no target, the percentage divides the
completions of the 片区 that have one by their targets, and the others' completions are kept
beside it (`untargeted_actual`), never divided by targets they were not set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ._errors import InvalidData
from ._figures import Figure
from ._model import STATION_WIDE, TOTAL, IndicatorRow, Zone
from ._numbers import ZERO, percent
from ._scheme import Scheme

OTHER_GROUP = "其他"


@dataclass(frozen=True)
class IndicatorResult:
    zone: str  # a zone, TOTAL for the station total of a per-zone indicator, or STATION_WIDE
    indicator: str
    measure: str
    group: str
    target: Decimal | None
    actual: Decimal
    completion: Figure | None  # percent; None when there is no target
    # 合计 only: the 片区 with a target (whose completions `completion` divides), and those
    # without one and their completions, which it leaves out.
    targeted_zones: tuple[str, ...] = ()
    untargeted_zones: tuple[str, ...] = ()
    untargeted_actual: Decimal = ZERO

    @property
    def compared_actual(self) -> Decimal:
        """The completions `completion` divides: those of the 片区 that have a target."""
        return self.actual - self.untargeted_actual

    @property
    def partial(self) -> bool:
        """A 合计 over some 片区 with a target and some without."""
        return self.target is not None and bool(self.untargeted_zones)


def completion(
    actual: Decimal, target: Decimal | None, total: bool = False, partial: bool = False
) -> Figure | None:
    if target is None or target <= ZERO:
        return None
    if partial:
        formula = "有协议量的片区完成量之和 ÷ 其协议量之和 × 100%"
        inputs = {"有协议量的片区完成量之和": actual, "协议量之和": target}
    elif total:
        formula = "各片区完成量之和 ÷ 各片区协议量之和 × 100%"
        inputs = {"完成量之和": actual, "协议量之和": target}
    else:
        formula = "完成量 ÷ 协议量 × 100%"
        inputs = {"完成量": actual, "协议量": target}
    return Figure(percent(actual, target), formula, inputs, unit="%")


def catalogue_names(
    rows: tuple[IndicatorRow, ...], scheme: Scheme
) -> tuple[tuple[IndicatorRow, ...], tuple[str, ...]]:
    """The rows under the catalogue's names (an alias such as 社区活动 becomes 社区活动（大型））,
    and the names the catalogue does not know, in input order (they are grouped under 其他)."""
    named, unknown = [], []
    for row in rows:
        entry = scheme.catalogue_entry(row.indicator)
        if entry is None:
            if row.indicator not in unknown:
                unknown.append(row.indicator)
            named.append(row)
        else:
            named.append(replace(row, indicator=entry.name))
    return tuple(named), tuple(unknown)


def indicator_results(
    rows: tuple[IndicatorRow, ...], zones: tuple[Zone, ...], scheme: Scheme
) -> tuple[IndicatorResult, ...]:
    """Zone rows in zone order, then 合计, for each (indicator, measure) in input order."""
    keys: list[tuple[str, str]] = []
    by_key: dict[tuple[str, str], dict[str, IndicatorRow]] = {}
    for row in rows:
        key = (row.indicator, row.measure)
        if key not in by_key:
            keys.append(key)
            by_key[key] = {}
        by_key[key][row.zone] = row
    zone_order = [z.name for z in zones]
    results: list[IndicatorResult] = []
    for indicator, measure in keys:
        entry = scheme.catalogue_entry(indicator)
        group = entry.group if entry else OTHER_GROUP
        found = by_key[(indicator, measure)]
        if STATION_WIDE in found:
            if len(found) > 1:  # the importer refuses this; an Evaluation built otherwise too
                raise InvalidData(
                    f"指标「{indicator}（{measure}）」既有「{STATION_WIDE}」行又有片区行"
                    f"（{'、'.join(z for z in found if z != STATION_WIDE)}），只能二选一"
                )
            row = found[STATION_WIDE]
            results.append(_result(row.zone, row, group))
            continue
        zone_rows = [found[z] for z in zone_order if z in found]
        results.extend(_result(row.zone, row, group) for row in zone_rows)
        results.append(_total(indicator, measure, group, zone_rows))
    return tuple(results)


def _result(zone: str, row: IndicatorRow, group: str) -> IndicatorResult:
    return IndicatorResult(
        zone,
        row.indicator,
        row.measure,
        group,
        row.target,
        row.actual,
        completion(row.actual, row.target),
    )


def _total(indicator: str, measure: str, group: str, rows: list[IndicatorRow]) -> IndicatorResult:
    targeted = [r for r in rows if r.target is not None]
    untargeted = [r for r in rows if r.target is None]
    target = sum((r.target for r in targeted if r.target is not None), ZERO) if targeted else None
    compared = sum((r.actual for r in targeted), ZERO)
    rest = sum((r.actual for r in untargeted), ZERO)
    figure = completion(compared, target, total=True, partial=bool(targeted and untargeted))
    return IndicatorResult(
        TOTAL,
        indicator,
        measure,
        group,
        target,
        compared + rest,
        figure,
        tuple(r.zone for r in targeted),
        tuple(r.zone for r in untargeted),
        rest,
    )
