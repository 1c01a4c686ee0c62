"""Indicators (附件1): every catalogue indicator and measure with a contract-like target.

Targets scale with a 片区's communities the way the seeds' contracts do, and linked measures
stay consistent (a case's sessions are 6 × its cases, closed cases never exceed opened ones).
Completion is well over target where the seeds show it (电访, 活动人次), two measures fall
behind, and at mid-term the figures are that far through the contract.

A station with follow-up records (`follow_up_rows`) types the completions those records and its
roster give: 建档 户 and 人 are the roster's households and persons, 电访 and 入户探访 人次 the
records' counts, except in one 片区 that also counted its WeChat greetings as 电访 (seed 002's
finding), so the check of docs/contacts.md has one difference to show.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .._contacts.model import ContactData, Method
from .._model import STATION_WIDE, IndicatorRow, Kind, StationInfo, Zone
from .._scheme import Scheme
from .rounding import ONE, ZERO, nice, step, whole
from .station import CONTRACT_MONTHS

__all__ = ["REGISTRATION", "follow_up_rows", "indicators"]

REGISTRATION = "困难群众和特殊群体建档"  # its 户 and 人 per 片区 are quoted in findings

# (indicator, measure) -> (scope, rate, low, high). Scope "zone": target = rate × the zone's
# communities; "each": rate for each zone; "station": one 全站 row with target rate; "fund":
# one 全站 row, one per community; "open": 全站, no target ("/"), actual about rate. low–high
# is the completion ratio at the final evaluation.
_PLANS: dict[tuple[str, str], tuple[str, float, float, float]] = {
    (REGISTRATION, "户"): ("zone", 15, 1.0, 1.05),
    (REGISTRATION, "人"): ("zone", 17, 1.0, 1.06),
    ("电访", "人次"): ("zone", 180, 1.0, 3.2),
    ("入户探访", "人次"): ("zone", 70, 0.97, 1.3),
    ("咨询个案", "个"): ("zone", 15, 1.0, 1.2),
    ("专业个案", "接案数"): ("zone", 9, 0.97, 1.1),
    ("专业个案", "节数"): ("zone", 54, 0.98, 1.1),
    ("专业个案", "结案数"): ("zone", 7, 0.97, 1.1),
    ("专业小组", "个数"): ("zone", 3, 1.0, 1.1),
    ("专业小组", "节数"): ("zone", 18, 1.0, 1.1),
    ("专业小组", "人次"): ("zone", 108, 1.3, 2.5),
    ("社区活动（大型）", "次数"): ("zone", 1, 1.0, 1.3),
    ("社区活动（大型）", "人次"): ("zone", 70, 3.0, 4.6),
    ("中小型活动", "次数"): ("zone", 2, 1.0, 1.3),
    ("中小型活动", "人次"): ("zone", 60, 2.5, 4.2),
    ("新增志愿者", "名"): ("zone", 7, 1.0, 2.6),
    ("新增志愿者骨干", "名"): ("zone", 3, 1.0, 1.2),
    ("新增/维系志愿队伍", "支"): ("each", 1, 1.0, 2.0),
    ("志愿者培训", "次"): ("each", 4, 1.0, 1.5),
    ("社区调研", "个"): ("zone", 1, 1.0, 1.0),
    ("协助街道解决的社区公共问题", "个"): ("zone", 1, 1.0, 1.5),
    ("社区联络", "次"): ("zone", 24, 1.0, 1.4),
    ("社区社会组织培育", "个"): ("station", 2, 1.0, 1.5),
    ("社区基金培育", "个"): ("fund", 1, 0.9, 1.0),
    ("党支部共建", "个"): ("station", 1, 1.0, 2.0),
    ("咨询偶到服务", "人次"): ("open", 600, 0.5, 1.5),
    ("培训时数", "小时"): ("station", 0, 1.0, 1.0),  # the continuing-education hours, see below
    ("会议时数", "小时"): ("station", 48, 1.0, 1.3),
    ("品牌创建工作", "个"): ("station", 1, 1.0, 1.0),
    ("服务保障工作", "次"): ("station", 6, 1.0, 2.0),
    ("评估工作", "次"): ("station", 2, 1.0, 1.0),
}
_DEFAULT_PLAN = ("zone", 5, 0.95, 1.3)
# (indicator, measure) -> (base measure, factor, bound): the target is the base measure's target
# × factor, as contracts write them (6 节 per case, 6 人次 per group session, 70 per large event);
# bound keeps the actual ≥ ("ge") or ≤ ("le") the base measure's actual. Their rate in _PLANS
# is only a fallback for a catalogue without the base measure.
_DERIVED: dict[tuple[str, str], tuple[str, float, str]] = {
    (REGISTRATION, "人"): ("户", 1.12, "ge"),
    ("专业个案", "节数"): ("接案数", 6, ""),
    ("专业个案", "结案数"): ("接案数", 0.8, "le"),
    ("专业小组", "节数"): ("个数", 6, ""),
    ("专业小组", "人次"): ("节数", 6, ""),
    ("社区活动（大型）", "人次"): ("次数", 70, ""),
    ("中小型活动", "人次"): ("次数", 30, ""),
}
_TRAINING_INDICATOR = ("培训时数", "小时")  # target and actual are the continuing-education hours
_FIXED = {"社区调研", REGISTRATION}  # done in full early: no mid-term progress factor


@dataclass(frozen=True)
class _Plan:
    key: tuple[str, str]
    scope: str
    rate: float
    low: float
    high: float
    progress: float

    def row(self, rng: random.Random, zone: str, target: Decimal) -> IndicatorRow:
        value = float(target) * rng.uniform(self.low, self.high) * self.progress
        actual = step(value, "0.5") if self.key[1] == "小时" else whole(value)
        if self.high < 1 and target > 1:  # behind target even after rounding a small target
            actual = min(actual, target - 1)
        return IndicatorRow(zone, *self.key, None if self.scope == "open" else target, actual)

    def derived(self, rng: random.Random, base: IndicatorRow) -> IndicatorRow:
        _, factor, bound = _DERIVED[self.key]
        target = max(ONE, whole(float(base.target or ONE) * factor))
        row = self.row(rng, base.zone, target)
        actual = row.actual
        if (bound == "ge" and actual < base.actual) or (bound == "le" and actual > base.actual):
            actual = base.actual
        return IndicatorRow(base.zone, *self.key, target, actual)


def _plan(key: tuple[str, str], behind: bool, progress: float) -> _Plan:
    scope, rate, low, high = _PLANS.get(key, _DEFAULT_PLAN)
    low, high = (0.86, 0.98) if behind else (low, high)
    return _Plan(key, scope, rate, low, high, 1.0 if key[0] in _FIXED else progress)


def _may_fall_behind(key: tuple[str, str]) -> bool:
    scope, rate, _, high = _PLANS.get(key, _DEFAULT_PLAN)
    return (
        scope == "zone" and rate >= 3 and high <= 1.3 and key[0] not in _FIXED and key[1] != "人次"
    )


def _zone_rows(
    rng: random.Random,
    plan: _Plan,
    zones: tuple[Zone, ...],
    done: dict[tuple[str, str, str], IndicatorRow],
) -> list[IndicatorRow]:
    rows = []
    for zone in zones:
        base = (
            done.get((zone.name, plan.key[0], _DERIVED[plan.key][0]))
            if plan.key in _DERIVED
            else None
        )
        if base is not None:
            rows.append(plan.derived(rng, base))
            continue
        size = len(zone.communities) if plan.scope == "zone" else 1
        jitter = rng.uniform(0.85, 1.15) if plan.scope == "zone" and plan.rate > 1 else 1.0
        rows.append(plan.row(rng, zone.name, nice(plan.rate * size * jitter)))
    return rows


def indicators(
    rng: random.Random, scheme: Scheme, zones: tuple[Zone, ...], info: StationInfo, months: int
) -> tuple[IndicatorRow, ...]:
    """Every catalogue indicator and measure, per 片区 or one 全站 row; two behind target.

    `months` is the period's length: at mid-term the station is that far through its contract.
    """
    keys = [(c.name, m) for c in scheme.catalogue for m in c.measures]
    candidates = [k for k in keys if _may_fall_behind(k)]
    behind = set(rng.sample(candidates, min(2, len(candidates))))
    communities = sum(len(z.communities) for z in zones)
    progress = _progress(info.kind, months)
    done: dict[tuple[str, str, str], IndicatorRow] = {}
    for key in keys:
        plan = _plan(key, key in behind, progress)
        if key == _TRAINING_INDICATOR:
            hours = info.training_hours_done or ZERO
            rows = [IndicatorRow(STATION_WIDE, *key, info.training_hours_required, hours)]
        elif plan.scope in ("zone", "each"):
            rows = _zone_rows(rng, plan, zones, done)
        else:
            rate = communities if plan.scope == "fund" else plan.rate
            rows = [plan.row(rng, STATION_WIDE, nice(rate))]
        done.update({(r.zone, r.indicator, r.measure): r for r in rows})
    return tuple(done.values())


def _progress(kind: Kind, months: int) -> float:
    """Expected progress: 1 at the final evaluation, elapsed / contract months at mid-term."""
    return 1.0 if kind is Kind.FINAL else months / CONTRACT_MONTHS


def follow_up_rows(
    rng: random.Random,
    rows: tuple[IndicatorRow, ...],
    data: ContactData,
    period: tuple[date, date],
    info: StationInfo,
    months: int,
    greeting_zone: str,
) -> tuple[IndicatorRow, ...]:
    """`rows` with each 片区's 建档 (户, 人), 电访 and 入户探访 (人次) completions counted from
    `data` as docs/contacts.md counts them (clients on the roster in `period`; records dated in
    it), 电访 in `greeting_zone` plus its WeChat greetings. Targets: 建档 a multiple of 5 up to 11
    below the completion (filed in full early), the others so that about 100–120% is done
    (at mid-term of the part of the contract elapsed)."""
    start, end = period
    counts: Counter[tuple[str, str, str]] = Counter()
    households: set[tuple[str, str]] = set()
    for c in data.clients:
        if (c.filed is None or c.filed <= end) and (c.closed is None or c.closed >= start):
            counts[c.zone, REGISTRATION, "人"] += 1
            households.add((c.zone, c.household))
    counts.update((zone, REGISTRATION, "户") for zone, _ in households)
    zone_of = {c.number: c.zone for c in data.clients}
    for r in data.records:
        zone = zone_of[r.client]
        if not start <= r.on <= end:
            continue
        if r.method is Method.PHONE or (
            zone == greeting_zone and r.method is Method.MESSAGE and r.greeting
        ):
            counts[zone, "电访", "人次"] += 1
        elif r.method is Method.VISIT:
            counts[zone, "入户探访", "人次"] += 1
    progress = _progress(info.kind, months)
    out = []
    for row in rows:
        key = (row.zone, row.indicator, row.measure)
        if row.indicator == REGISTRATION and row.measure in ("户", "人"):
            actual = counts[key]
            fives = max(1, (actual - rng.randrange(8)) // 5 * 5)  # up to 11 below, in fives
            row = replace(row, target=Decimal(fives), actual=Decimal(actual))
        elif (row.indicator, row.measure) in (("电访", "人次"), ("入户探访", "人次")):
            actual = counts[key]
            target = max(ONE, nice(actual / (progress * rng.uniform(1.02, 1.2))))
            row = replace(row, target=target, actual=Decimal(actual))
        out.append(row)
    return tuple(out)
