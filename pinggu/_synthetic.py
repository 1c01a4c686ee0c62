"""Synthetic stations: realistic, entirely invented evaluations for examples, tests and benchmarks.

Modelled on the seeds' sizes and figures (3 片区 with about 10 社区, 20 contracted workers of
whom 14 certified, about 25 people over a 10-month period, 240 万元): joiners and leavers with
half months, a vacancy month, a worker certified mid-period and one whose two years' experience
complete mid-period, an uninsured month with a note and one without, every catalogue indicator,
five experts' scores and findings in the seeds' tone. No real person, station or agency: names
are drawn from syllable lists. The same seed always gives the same `Evaluation`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ._model import (
    STATION_WIDE,
    AttendanceRow,
    Evaluation,
    Finding,
    FindingKind,
    IndicatorRow,
    Kind,
    Month,
    ScoreRow,
    StationInfo,
    VetoDeclaration,
    Zone,
)
from ._scheme import Party, Scheme, load_scheme

__all__ = ["synthetic_evaluation"]

ONE, HALF, ZERO = Decimal(1), Decimal("0.5"), Decimal(0)
CONTRACT_MONTHS = 12
TRAINING_HOURS_PER_WORKER_MONTH = 6
FUNDING_WAN = Decimal(240)

_SURNAMES = "陈李黄张梁林刘吴王何罗郑周谢冯邓曾叶苏许杨朱徐钟彭潘卢蔡郭胡麦赖江温莫"
_GIVEN = "婷敏丽芳静华伟杰俊欣怡嘉颖思晓雅倩慧文彤琳莹洁燕霞锋健斌强宇浩明志家子诗泳晴佩绮颂"
_PLACE = "松岚桂澄榕泰禾曦湄溪岭景和安盛康宁兴裕源鹏翠昌逸韵沁汀澜茗蔚晖凯隆丰瑞祥荟樾骏泓"
_DISTRICTS = (
    "越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区",
    "番禺区", "花都区", "南沙区", "从化区", "增城区",
)  # fmt: skip
_NUMERALS = "一二三四五六七八九十"
_DIRECTIONS = "东西南北中"
_EXPERT_LETTERS = "ABCDEFGHIJ"
_JUDGES = {
    "purchaser": "街道代表",
    "supervision_centre": "督导中心代表",
    "supervisor": "区民政局代表",
}
# how a third-party dimension usually sits against the station's level (seed 002: 服务监测 9.42/10,
# 服务成效 11.65/15, 运营管理 9.14/10, 服务质量 about 15.4/20)
_DIMENSION_BIAS = {"服务监测": 0.08, "运营管理": 0.06, "服务成效": -0.05, "服务质量": -0.04}
# centre of a one-score party's score, as a share of its scale (seed 002: 20/20, 12/15, 8.8/10)
_PARTY_LEVEL = {
    "purchaser": (0.88, 1.0),
    "supervision_centre": (0.76, 0.92),
    "supervisor": (0.8, 0.95),
}

Maker = Callable[[random.Random], str]
# Invented street names, one per seed: consecutive seeds (a benchmark's 176 stations) never share
# one. A fixed shuffle of every ordered pair of distinct place syllables.
_STREETS = [a + b for a in _PLACE for b in _PLACE if a != b]
random.Random(176).shuffle(_STREETS)


# ---------------------------------------------------------------- small helpers


def _unique(rng: random.Random, make: Maker, taken: set[str]) -> str:
    for _ in range(10_000):
        name = make(rng)
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("synthetic name lists exhausted")


def _person(rng: random.Random) -> str:
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(_SURNAMES) + given


def _place(rng: random.Random) -> str:
    return "".join(rng.sample(_PLACE, 2))


def _whole(x: float) -> Decimal:
    return Decimal(math.floor(x + 0.5))


def _step(x: float, step: str) -> Decimal:
    """x rounded half-up to a multiple of `step` ("0.1", "0.5", "1")."""
    unit = Decimal(step)
    return (_whole(x / float(unit)) * unit).normalize() + 0  # + 0 turns -0 / 1E+1 into plain form


def _nice(x: float) -> Decimal:
    """A contract-looking target: tens above 100, fives above 20, at least 1."""
    if x >= 100:
        return _whole(x / 10) * 10
    if x >= 20:
        return _whole(x / 5) * 5
    return max(ONE, _whole(x))


def _month_list(start: date, months: int) -> list[Month]:
    result = [Month.of(start)]
    while len(result) < months:
        result.append(result[-1].next())
    return result


# ---------------------------------------------------------------- station, zones


@dataclass(frozen=True)
class _Names:
    station: str
    district: str
    street: str
    operator: str
    purchaser: str
    supervisor: str
    evaluator: str


def _station_names(rng: random.Random, seed: int, street: str | None) -> _Names:
    district = rng.choice(_DISTRICTS)
    town = street is None and rng.random() < 0.15
    base = street if street is not None else _STREETS[seed % len(_STREETS)]
    unit = "镇" if town else "街"
    operator = _place(rng) + rng.choice(("社会工作服务中心", "社工服务社", "社区发展中心"))
    return _Names(
        station=f"{base}{unit}社工服务站",
        district=district,
        street=f"{base}镇" if town else f"{base}街道",
        operator=f"广州市{operator}",
        purchaser=f"广州市{district}{base}镇人民政府"
        if town
        else f"广州市{district}{base}街道办事处",
        supervisor=f"广州市{district}民政局",
        evaluator=f"广州市{_place(rng)}社会服务评估中心",
    )


def _zone_sizes(rng: random.Random, zones: int, communities: int) -> list[int]:
    sizes = [communities // zones] * zones
    for i in rng.sample(range(zones), communities % zones):
        sizes[i] += 1
    for _ in range(rng.randint(0, 1)):  # a little unevenness, never an empty zone
        a, b = rng.sample(range(zones), 2) if zones > 1 else (0, 0)
        if sizes[a] > 2:
            sizes[a], sizes[b] = sizes[a] - 1, sizes[b] + 1
    return sizes


def _zone_names(rng: random.Random, groups: list[list[str]]) -> list[str]:
    count = len(groups)
    styles = ["ordinal", "named"] + (["direction"] if count <= len(_DIRECTIONS) else [])
    style = rng.choice(styles)
    if style == "direction":
        return [f"{d}片区" for d in rng.sample(_DIRECTIONS, count)]
    if style == "named":
        names = [g[0][0] + (g[1][0] if len(g) > 1 else g[0][1]) + "片区" for g in groups]
        if len(set(names)) == count and all(name[0] != name[1] for name in names):
            return names
    return [f"第{_NUMERALS[i] if i < 10 else i + 1}片区" for i in range(count)]


def _zones(rng: random.Random, zones: int, communities: int) -> tuple[Zone, ...]:
    taken: set[str] = set()

    def community(r: random.Random) -> str:
        return _place(r) + ("村" if r.random() < 0.1 else "社区")

    names = [_unique(rng, community, taken) for _ in range(communities)]
    groups, at = [], 0
    for size in _zone_sizes(rng, zones, communities):
        groups.append(names[at : at + size])
        at += size
    return tuple(Zone(n, tuple(g)) for n, g in zip(_zone_names(rng, groups), groups, strict=True))


# ---------------------------------------------------------------- workers


@dataclass
class _Worker:
    name: str
    position: str = "社工"
    values: dict[int, Decimal] = field(default_factory=dict)  # month index -> 1 or 0.5
    notes: dict[int, str] = field(default_factory=dict)
    uninsured: dict[int, str] = field(default_factory=dict)  # month index -> note ("" = none)
    certified_from: int | None = None
    experienced_from: int | None = None

    @property
    def first(self) -> int:
        return min(self.values)


# Transition between a leaver and the joiner who takes the post (its loss in person-months):
# a: both half in the same month (0) · b: clean hand-over at a month end (0) · c: leaver half
# (0.5) · d: joiner half (0.5) · e: one vacant month between them (1).
_TRANSITIONS = ("a", "b", "c", "d", "e")
_TRANSITION_WEIGHTS = (3, 3, 2, 2, 1)


def _join(rng: random.Random, worker: _Worker, i: int, month: Month, half: bool) -> None:
    last = month.last_day().day
    day = rng.randint(last - 12, last - 2) if half else rng.choice((1, 1, rng.randint(2, 10)))
    worker.values[i] = HALF if half else ONE
    if day > 1:
        worker.notes[i] = f"{month.month}月{day}日入职"


def _leave(rng: random.Random, worker: _Worker, i: int, month: Month, half: bool) -> None:
    day = rng.randint(3, 13) if half else rng.randint(18, month.last_day().day)
    worker.values[i] = HALF if half else ONE
    worker.notes[i] = f"{month.month}月{day}日离职"


def _fill(worker: _Worker, first: int, last: int) -> None:
    for i in range(first, last + 1):
        worker.values.setdefault(i, ONE)


def _segments(rng: random.Random, length: int, months: int) -> list[int]:
    """Start month of each of `length` consecutive tenures in one post (≥ 2 months each if the
    period allows)."""
    least = 2 if months >= 2 * length else 1
    sizes = [least] * length
    for _ in range(months - least * length):
        sizes[rng.randrange(length)] += 1
    starts, at = [], 0
    for size in sizes:
        starts.append(at)
        at += size
    return starts


def _plan_chains(
    rng: random.Random, lengths: list[int], months: int
) -> list[tuple[list[int], list[str]]]:
    """For each post with turnover: tenure start months and the transition types between them."""
    plans: list[tuple[list[int], list[str]]] = []
    for length in lengths:
        starts = _segments(rng, length, months)
        kinds = rng.choices(_TRANSITIONS, _TRANSITION_WEIGHTS, k=len(starts) - 1)
        plans.append((starts, kinds))
    slots = [(p, j) for p, (s, _) in enumerate(plans) for j in range(len(s) - 1)]
    vacancy_ok = [(p, j) for p, j in slots if _room_after(plans[p][0], j + 1, months) >= 3]
    for p, j in slots:  # a vacancy needs room for the joiner to stay a while
        if plans[p][1][j] == "e" and (p, j) not in vacancy_ok:
            plans[p][1][j] = "b"
    if vacancy_ok and not any(k == "e" for _, ks in plans for k in ks):
        p, j = rng.choice(vacancy_ok)
        plans[p][1][j] = "e"
    halves = [(p, j) for p, j in slots if plans[p][1][j] != "e"]
    if halves and not any(k in "acd" for _, ks in plans for k in ks):
        p, j = rng.choice(halves)
        plans[p][1][j] = rng.choice("acd")
    return plans


def _room_after(starts: list[int], k: int, months: int) -> int:
    end = starts[k + 1] if k + 1 < len(starts) else months
    return end - starts[k]


def _build_chain(
    rng: random.Random, names: list[str], starts: list[int], kinds: list[str], months: list[Month]
) -> list[_Worker]:
    workers = [_Worker(name) for name in names]
    n = len(months)
    firsts, lasts = [starts[0]] + [0] * (len(starts) - 1), [0] * (len(starts) - 1) + [n - 1]
    for j, kind in enumerate(kinds):
        leaver, joiner, b = workers[j], workers[j + 1], starts[j + 1]
        leave_at, join_at = (b, b) if kind == "a" else (b - 1, b + 1 if kind == "e" else b)
        _leave(rng, leaver, leave_at, months[leave_at], kind in "ac")
        _join(rng, joiner, join_at, months[join_at], kind in "ad")
        lasts[j], firsts[j + 1] = leave_at, join_at
    for worker, first, last in zip(workers, firsts, lasts, strict=True):
        _fill(worker, first, last)
    return workers


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _turnover(rng: random.Random, total: int, contract: int, months: int) -> tuple[int, list[int]]:
    """How many people stay all period, and how many successive people hold each post that
    changes hands. Posts are about the contracted headcount (sometimes one more); 80–95% of the
    contracted headcount stay when the number of people allows it."""
    posts = min(total, contract + rng.choice((0, 0, 1)))
    extra = total - posts  # one per change of hands
    if extra == 0:
        return posts, []
    longest = max(2, months // 2)
    fewest = math.ceil(extra / (longest - 1))  # so that no post changes hands too often
    changing = min(extra, max(fewest, round(contract * rng.uniform(0.05, 0.2))))
    return posts - changing, _split(extra + changing, changing)


def _roster(
    rng: random.Random, months: list[Month], zones: int, total: int, contract: int
) -> tuple[list[_Worker], list[_Worker]]:
    """The people: those in post all period (stable) and those in posts that changed hands."""
    n, taken = len(months), set[str]()
    stable_count, chains = _turnover(rng, total, contract, n)
    stable = [_Worker(_unique(rng, _person, taken)) for _ in range(stable_count)]
    for worker in stable:
        _fill(worker, 0, n - 1)
    for worker, position in zip(stable, ["站长"] + ["片长"] * zones, strict=False):
        worker.position = position
    if len(stable) > 1:  # joined mid-way through the first month and stayed: still counts as stable
        _join(rng, stable[rng.randrange(1, len(stable))], 0, months[0], half=True)
    movers: list[_Worker] = []
    for starts, kinds in _plan_chains(rng, chains, n):
        names = [_unique(rng, _person, taken) for _ in starts]
        movers.extend(_build_chain(rng, names, starts, kinds, months))
    movers.sort(key=lambda w: w.first)
    return stable, movers


def _mid_period(n: int, rng: random.Random) -> int:
    return rng.randint(2, n - 2) if n >= 4 else n - 1


def _qualify(
    rng: random.Random, stable: list[_Worker], movers: list[_Worker], months: list[Month]
) -> None:
    """Certificates and two years' experience, with one of each arriving mid-period."""
    for workers, certified, experienced in ((stable, 0.8, 0.8), (movers, 0.6, 0.45)):
        for w in workers:
            w.certified_from = 0 if rng.random() < certified else None
            w.experienced_from = 0 if rng.random() < experienced else None
    pool = stable[1:] or stable
    late_cert = next((w for w in pool if w.certified_from is None), rng.choice(pool))
    j = _mid_period(len(months), rng)
    late_cert.certified_from = j
    got = months[j - 1]
    late_cert.notes.setdefault(
        j - 1, f"{got.month}月{rng.randint(5, 25)}日取得助理社会工作师证书，次月起按持证计"
    )
    others = [w for w in pool if w is not late_cert] or pool
    late_exp = next((w for w in others if w.experienced_from is None), rng.choice(others))
    k = _mid_period(len(months), rng)
    late_exp.experienced_from = k
    late_exp.notes.setdefault(k, "本月起从业满两年")


def _certified_months(workers: list[_Worker]) -> Decimal:
    return sum(
        (
            v
            for w in workers
            if w.certified_from is not None
            for i, v in w.values.items()
            if i >= w.certified_from
        ),
        ZERO,
    )


def _ensure_certified(workers: list[_Worker], required: Decimal) -> None:
    """Certify more people (stable ones first) until certified person-months reach `required`."""
    pool = [w for w in workers if w.certified_from is None]
    while _certified_months(workers) < required and pool:
        pool.pop(0).certified_from = 0


def _insurance(rng: random.Random, stable: list[_Worker], movers: list[_Worker]) -> None:
    """One in-post month without insurance and no note (a warning), one with an explaining note."""

    def open_months(workers: list[_Worker]) -> list[tuple[_Worker, int]]:
        return [
            (w, i)
            for w in workers
            for i, v in sorted(w.values.items())
            if v == ONE and i > 0 and i not in w.notes
        ]

    silent = open_months(stable)
    if not silent:
        return
    worker, i = rng.choice(silent)
    worker.uninsured[i] = ""
    joiners = [(w, i) for w, i in open_months(movers) if w.first > 0 and i == w.first + 1]
    others = [(w, i) for w, i in silent if i not in w.uninsured]
    if joiners:
        worker, i = rng.choice(joiners)
        worker.uninsured[i] = "社保关系转入中，已于次月补缴"
    elif others:
        worker, i = rng.choice(others)
        worker.uninsured[i] = "当月社保漏缴，已于次月补缴"


def _attendance(workers: list[_Worker], months: list[Month]) -> tuple[AttendanceRow, ...]:
    width = max(2, len(str(len(workers))))
    rows = []
    for number, w in enumerate(workers, start=1):
        for i, month in enumerate(months):
            value = w.values.get(i, ZERO)
            note = w.notes.get(i) or w.uninsured.get(i) or ""
            if value == ZERO:
                note = "未入职" if i < w.first else "已离职"
            rows.append(
                AttendanceRow(
                    worker_id=f"SG{number:0{width}d}",
                    name=w.name,
                    position=w.position,
                    month=month,
                    value=value,
                    certified=w.certified_from is not None and i >= w.certified_from,
                    experienced=w.experienced_from is not None and i >= w.experienced_from,
                    insured=value > 0 and i not in w.uninsured,
                    paid=value > 0,
                    note=note,
                )
            )
    return tuple(rows)


# ---------------------------------------------------------------- indicators

# (indicator, measure) -> (scope, rate, low, high). Scope "zone": target = rate × the zone's
# communities; "each": rate for each zone; "station": one 全站 row with target rate; "fund":
# one 全站 row, one per community; "open": 全站, no target ("/"), actual about rate. low–high
# is the completion ratio at the final evaluation.
_PLANS: dict[tuple[str, str], tuple[str, float, float, float]] = {
    ("困难群众和特殊群体建档", "户"): ("zone", 15, 1.0, 1.05),
    ("困难群众和特殊群体建档", "人"): ("zone", 17, 1.0, 1.06),
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
    ("困难群众和特殊群体建档", "人"): ("户", 1.12, "ge"),
    ("专业个案", "节数"): ("接案数", 6, ""),
    ("专业个案", "结案数"): ("接案数", 0.8, "le"),
    ("专业小组", "节数"): ("个数", 6, ""),
    ("专业小组", "人次"): ("节数", 6, ""),
    ("社区活动（大型）", "人次"): ("次数", 70, ""),
    ("中小型活动", "人次"): ("次数", 30, ""),
}
_TRAINING_INDICATOR = ("培训时数", "小时")  # target and actual are the continuing-education hours
_FIXED = {"社区调研", "困难群众和特殊群体建档"}  # done in full early: no mid-term progress factor


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
        actual = _step(value, "0.5") if self.key[1] == "小时" else _whole(value)
        if self.high < 1 and target > 1:  # behind target even after rounding a small target
            actual = min(actual, target - 1)
        return IndicatorRow(zone, *self.key, None if self.scope == "open" else target, actual)

    def derived(self, rng: random.Random, base: IndicatorRow) -> IndicatorRow:
        _, factor, bound = _DERIVED[self.key]
        target = max(ONE, _whole(float(base.target or ONE) * factor))
        row = self.row(rng, base.zone, target)
        actual = row.actual
        if (bound == "ge" and actual < base.actual) or (bound == "le" and actual > base.actual):
            actual = base.actual
        return IndicatorRow(base.zone, *self.key, target, actual)


def _plan(key: tuple[str, str], behind: bool, info: StationInfo) -> _Plan:
    scope, rate, low, high = _PLANS.get(key, _DEFAULT_PLAN)
    low, high = (0.86, 0.98) if behind else (low, high)
    return _Plan(key, scope, rate, low, high, 1.0 if key[0] in _FIXED else _progress(info))


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
        rows.append(plan.row(rng, zone.name, _nice(plan.rate * size * jitter)))
    return rows


def _indicators(
    rng: random.Random, scheme: Scheme, zones: tuple[Zone, ...], info: StationInfo
) -> tuple[IndicatorRow, ...]:
    """Every catalogue indicator and measure, per 片区 or one 全站 row; two behind target."""
    keys = [(c.name, m) for c in scheme.catalogue for m in c.measures]
    candidates = [k for k in keys if _may_fall_behind(k)]
    behind = set(rng.sample(candidates, min(2, len(candidates))))
    communities = sum(len(z.communities) for z in zones)
    done: dict[tuple[str, str, str], IndicatorRow] = {}
    for key in keys:
        plan = _plan(key, key in behind, info)
        if key == _TRAINING_INDICATOR:
            hours = info.training_hours_done or ZERO
            rows = [IndicatorRow(STATION_WIDE, *key, info.training_hours_required, hours)]
        elif plan.scope in ("zone", "each"):
            rows = _zone_rows(rng, plan, zones, done)
        else:
            rate = communities if plan.scope == "fund" else plan.rate
            rows = [plan.row(rng, STATION_WIDE, _nice(rate))]
        done.update({(r.zone, r.indicator, r.measure): r for r in rows})
    return tuple(done.values())


def _progress(info: StationInfo) -> float:
    """Expected progress: 1 at the final evaluation, elapsed / contract months at mid-term."""
    if info.kind is Kind.FINAL:
        return 1.0
    start, end = info.period_start, info.period_end
    return ((end.year - start.year) * 12 + end.month - start.month + 1) / CONTRACT_MONTHS


# ---------------------------------------------------------------- scores, vetoes


def _judges(party: Party, experts: int) -> list[str]:
    if party.id == "third_party" or len(party.dimensions) > 1:
        return [f"专家{_EXPERT_LETTERS[i]}" for i in range(experts)]
    return [_JUDGES.get(party.id, f"{party.name}代表")]


def _centre(rng: random.Random, party: Party, dimension: str, level: float) -> float:
    """Where a dimension's scores sit, as a share of its scale."""
    if party.id in _PARTY_LEVEL:
        return rng.uniform(*_PARTY_LEVEL[party.id])
    return min(0.97, level + _DIMENSION_BIAS.get(dimension, 0.0) + rng.uniform(-0.04, 0.04))


def _scores(
    rng: random.Random, scheme: Scheme, zones: tuple[Zone, ...], experts: int
) -> tuple[ScoreRow, ...]:
    """Each expert scores each third-party dimension (服务质量 per 片区); others score once."""
    level = rng.uniform(0.8, 0.9)  # how good this station is, as a share of the maximum
    rows: list[ScoreRow] = []
    for party in scheme.parties:
        judges = _judges(party, experts)
        step = "0.1" if len(judges) > 1 else "0.5"
        for dim in party.dimensions:
            scale = float(dim.scale)
            for zone in [z.name for z in zones] if dim.per_zone else [None]:
                centre = _centre(rng, party, dim.name, level)
                for judge in judges:
                    spread = rng.uniform(-0.04, 0.04) if len(judges) > 1 else 0.0
                    share = min(1.0, max(0.5, centre + spread))
                    unit = step if scale <= 20 else "1"
                    rows.append(
                        ScoreRow(party.name, dim.name, zone, judge, _step(share * scale, unit))
                    )
    return tuple(rows)


def _vetoes(scheme: Scheme) -> tuple[VetoDeclaration, ...]:
    return tuple(VetoDeclaration(v.title, False, "") for v in scheme.vetoes if not v.computed)


# ---------------------------------------------------------------- findings

_Bank = tuple[tuple[str, ...], tuple[str, ...]]  # (值得肯定, 需要关注)
_BANKS: dict[str, _Bank] = {
    "项目管理": (
        (
            "社工站人员配备符合要求，项目负责人持有社会工作者职业水平中级证书，熟悉辖区情况，服务团队相对稳定。",
            "社工站建立了个案、小组、社区活动等专业服务的规范流程和指引，抽查的服务文书能够反映相应流程的落实。",
            "社工站重视继续教育，结合社工成长需求制定年度培训计划，通过督导、培训、共学等形式提升团队专业能力。",
            "社工站重视项目宣传工作，通过社区宣传栏、微信公众号、社区微信群等多种渠道推广社工站服务。",
            "社工站重视中期评估意见，针对项目管理方面的问题逐项制定整改措施，整改效果较为明显。",
            "社工站行政、人事管理制度较为健全，档案资料分类归档，查阅便利。",
        ),
        (
            "建议社工站依据《广州市社工服务站管理办法》的要求设定人员岗位，按岗位职责落实日常工作，保留好相关工作痕迹。",
            "部分服务文书的督导意见未见社工回复痕迹，建议社工站完善文书审阅与反馈流程，确保意见得到落实。",
            "社工站设置了意见箱，但收集到的服务对象意见较少，建议通过探访、电访、活动等多种途径收集意见，定期汇总并及时反馈。",
            "建议社工站将社工专业伦理价值规范和服务对象权益保障纳入绩效考核，并以测试、案例讨论等形式开展考核。",
            "个别社工的劳动合同、社保缴纳等人事资料不够完整，建议社工站及时核对并补充完善。",
            "建议社工站加强对人员流动的预判和人才储备，减少岗位空缺对服务连续性的影响。",
        ),
    ),
    "服务质量": (
        (
            "社工对{communities}的困难群众和特殊群体实现建档全覆盖，共建档{households}户{people}人，并能按照分级标准开展探访、电访跟进。",
            "社工运用问卷、访谈、社区观察等多种方式开展需求调研，绘制了服务对象分布图、社区资源图和社区问题地图，对社区情况掌握较为全面。",
            "探访工作执行有力，记录详尽，社工能在探访中及时发现问题并联动资源予以解决，跟踪回访机制执行较好。",
            "社工具备“五社联动”意识，注重与辖区学校、社区社会组织和驻地单位联动，为困难群体提供政策宣传、物资帮扶和资源链接等服务。",
            "社工聚焦“一老一小”需求开展片区特色服务，服务思路清晰，项目推进有序，获得服务对象和社区居委的肯定。",
            "针对个别特殊困难家庭和突发事件，社工能及时以个案形式介入，协调多方资源，凸显专业性。",
            "社工积极培育社区志愿者队伍，联动志愿者开展入户探访和社区活动，志愿服务参与度较高。",
            "片区各社工点服务指标完成情况良好，个案、小组和社区活动能够围绕片区重点问题开展。",
        ),
        (
            "服务设计的区分度和逻辑性有待加强，建议各社工点在充分分析社区资源及服务对象特点的基础上做好差异化服务设计。",
            "部分档案中服务对象需求分析不够充分、分级评估填写不够准确，建议社工定期开展需求评估并及时更新档案。",
            "“双工联动”的工作痕迹记录较为模糊，建议与事务性岗位社工加强资讯互通，完善政策宣传和探访记录的归档。",
            "片区特色亮点打造有待加强，建议聚焦社区共性问题，提炼服务经验，形成片区特色服务。",
            "个案、小组的目标设计不够具体，建议按照SMART原则设定目标，并完善成效评估方式。",
            "部分电访记录内容较为简单，建议提升电访质量，避免将节日问候等简单联系计入电访。",
            "建议加强典型案例和服务成果的总结提炼，以凸显片区服务成效。",
            "片区服务计划较为简略，调研方法稍显粗略，建议细化服务策略，聚焦社区治理议题。",
        ),
    ),
    "服务监测": (
        (
            "经对服务对象名册随机抽取服务对象开展满意度调查，服务对象普遍对社工的服务态度和服务内容表示满意。",
            "新登记志愿者均已在“i志愿”或广州公益时间平台完成注册，志愿者骨干有个人信息表和成长记录。",
            "社工站协助社区设立社区慈善基金，并联动社区居委、驻地单位开展社区慈善活动，社区慈善氛围良好。",
            "新培育的社区社会组织均已在街道完成登记备案，组织架构和活动记录较为完整。",
            "社工站定期对服务对象开展回访，能够根据回访意见调整服务安排。",
        ),
        (
            "建议社工站进一步完善志愿者档案整理，补充平台活动截图、签到签退记录及骨干培育计划等材料。",
            "有部分服务对象表示电访过于频繁，建议社工以适当方式接触服务对象，维系良好关系。",
            "社区慈善基金的协议、管委会会议记录等文书痕迹不够完整，建议补充归档。",
            "志愿者骨干的培育目标与实际培育过程未能一一对应，建议理顺骨干培育的逻辑并完善评定材料。",
            "建议社工站规范“五社联动”相关文书材料的整理，对社区社会组织和志愿服务队伍独立建档。",
        ),
    ),
    "服务成效": (
        (
            "社工站党员社工积极参与社区党组织活动，联动党员志愿者认领微心愿，关怀辖区困难群众。",
            "社工站对辖区困难群众和特殊群体实行全覆盖建档，依据分级要求开展持续性服务，兜底保障网络较为严密。",
            "社工站积极探索“双岗双工”联动机制，与事务性岗位社工共同落实政策宣传、入户探访等兜底民生服务。",
            "社工站注重服务成果的总结提炼，编撰典型案例集，并在区级以上媒体发布多篇宣传报道。",
            "社工站整合社区资源开展特色服务，形成了较为鲜明的服务亮点，社会影响力逐步提升。",
        ),
        (
            "建议社工站在上级党组织指导下积极推动社工站党支部建设，规范开展党员社工的教育和管理。",
            "片区共性需求与特色亮点打造的关联度不高，建议强化服务重心下沉，以社区需求评估为基础设计服务。",
            "社会慈善资源链接欠缺制度和指引，资源来源记录不够清晰，建议完善相关制度并明确资源来源。",
            "“红棉守护”热线欠缺服务机制指引，建议建立健全热线服务机制并做好服务记录。",
            "建议加强实务研究和经验总结，争取产出高质量的研究成果和公开发表文章。",
        ),
    ),
    "购买方": (
        (
            "社工站能够主动推进各项工作，积极配合街道各部门开展工作。",
            "社工站及时完善兜底群众档案，积极跟进群众需求。",
            "社工站对街道突发公共事件提供有力支持，能第一时间介入了解情况。",
            "社工站结合社区特色开展活动，居民参与度较高。",
            "社工站能有效运用机构资源，培育社区力量参与公益慈善活动。",
        ),
        (
            "建议加大“双岗联动”力度，联动直聘社工主动开展社区摸查和入户调查工作。",
            "建议深入了解社区公共需求，指导各社区用好社区慈善基金。",
            "部分服务档案欠缺完善，兜底群众需求分析不够深入。",
            "建议社工站积极扩展服务范围，让更多居民了解社工站。",
            "建议社工站加强与社区居委的日常沟通，及时通报服务进展。",
        ),
    ),
    "督导中心": (
        (
            "项目团队通过督导、培训、共学等形式为新手社工和片长提供分级分类的专业支持，团队学习氛围较好。",
            "社工站建立了较完善的安全管理机制，按要求落实安全检查和应急演练，社工安全意识较强。",
            "社工站重视服务宣传，主动利用各级媒体和行业平台报道服务，注重宣传典型案例。",
            "社工站制定了“双工联动”方案，明确了联动内容、形式和频率，服务协作较为紧密。",
            "社工站完善了项目备案机制，定期向购买方汇报项目进度，双向沟通机制较为顺畅。",
        ),
        (
            "建议进一步完善社工专业成长体系规划，建立执行监测机制，定期总结反思。",
            "“双工联动”的深度和广度仍有待提升，建议深化与直聘社工的服务联动。",
            "建议加强内部管理，及时公示整合链接的社会资源及服务对象受益情况。",
            "建议加强对社工参与行业培训的监测，保障全员参训并做好签到记录。",
            "建议发挥资深社工的专业优势，加强实务研究和经验总结。",
        ),
    ),
    "监督方": (
        (
            "社工站项目配备社工较稳定，与街道、社区沟通良好，能掌握社区概况并顺利推动相关服务。",
            "社工站已实现困难群众和特殊群体建档全覆盖，服务对象满意度较高。",
            "社工站能按要求报送各类数据和材料，配合区民政局开展各项督查工作。",
            "社工站能够按照督查意见及时开展自查自纠并落实整改。",
        ),
        (
            "社工站要注意及时在社工智慧管理平台更新各项基础信息和服务记录。",
            "社工站需进一步加强片区服务成果及疑难案例产出，根据新服务模式要求提高服务质量。",
            "社工站要加强辖区内困难群众和特殊群体的跟进服务，优化服务跟进频次有关制度。",
            "社工站要进一步规范人员管理，确保人员变动及时报备。",
        ),
    ),
}
_REGISTRATION = "困难群众和特殊群体建档"


def _zone_facts(zone: Zone, indicators: tuple[IndicatorRow, ...]) -> dict[str, str]:
    facts = {"zone": zone.name, "communities": "、".join(zone.communities)}
    for row in indicators:
        if row.zone == zone.name and row.indicator == _REGISTRATION:
            facts[{"户": "households", "人": "people"}.get(row.measure, row.measure)] = str(
                row.actual
            )
    return facts


def _pick(rng: random.Random, bank: tuple[str, ...], facts: dict[str, str]) -> list[str]:
    usable = []
    for template in bank:
        try:
            usable.append(template.format(**facts))
        except KeyError:
            continue  # a template that needs a figure this station does not have
    return rng.sample(usable, min(len(usable), rng.randint(2, 3)))


def _findings(
    rng: random.Random,
    scheme: Scheme,
    zones: tuple[Zone, ...],
    indicators: tuple[IndicatorRow, ...],
) -> tuple[Finding, ...]:
    """2–3 值得肯定 and 2–3 需要关注 for every section (服务质量: for every 片区)."""
    rows: list[Finding] = []
    for section in scheme.sections:
        strengths, concerns = _BANKS.get(section.name, _BANKS["项目管理"])
        for zone in zones if section.per_zone else (None,):
            facts = _zone_facts(zone, indicators) if zone is not None else {}
            for kind, bank in ((FindingKind.STRENGTH, strengths), (FindingKind.CONCERN, concerns)):
                for text in _pick(rng, bank, facts):
                    rows.append(Finding(section.name, zone.name if zone else None, kind, text))
    return tuple(rows)


# ---------------------------------------------------------------- the station


def _evaluation_day(rng: random.Random, period_end: date) -> date:
    month = Month.of(period_end).next()
    day = date(month.year, month.month, rng.randint(6, 24))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _info(
    rng: random.Random,
    names: _Names,
    kind: Kind,
    start: date,
    months: int,
    contract: tuple[int, int],
) -> StationInfo:
    period_end = _month_list(start, months)[-1].last_day()
    renewal = _month_list(start, CONTRACT_MONTHS + 1)[-1]
    required = Decimal(TRAINING_HOURS_PER_WORKER_MONTH * contract[0] * months)
    spending = _step(
        float(FUNDING_WAN) * 10_000 * months / CONTRACT_MONTHS * rng.uniform(0.93, 1.0), "0.01"
    )
    return StationInfo(
        station=names.station,
        district=names.district,
        street=names.street,
        operator=names.operator,
        purchaser=names.purchaser,
        supervisor=names.supervisor,
        evaluator=names.evaluator,
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
        training_hours_done=_step(float(required) * rng.uniform(1.02, 1.4), "0.5"),
        annual_spending=spending,
        personnel_spending=_step(float(spending) * rng.uniform(0.82, 0.89), "0.01"),
    )


def _check(
    zones: int, communities: int, workers: int, months: int, contract: tuple[int, int], experts: int
) -> None:
    problems = [
        (zones >= 1, "zones must be at least 1"),
        (communities >= zones, "every zone needs a community: communities >= zones"),
        (workers >= 1, "workers must be at least 1"),
        (3 <= months <= CONTRACT_MONTHS, f"months must be 3..{CONTRACT_MONTHS}"),
        (contract[0] >= 1, "contract_workers must be at least 1"),
        (0 <= contract[1] <= contract[0], "contract_certified_workers must be 0..contract_workers"),
        (1 <= experts <= len(_EXPERT_LETTERS), f"experts must be 1..{len(_EXPERT_LETTERS)}"),
    ]
    for ok, message in problems:
        if not ok:
            raise ValueError(message)


def synthetic_evaluation(
    seed: int,
    *,
    kind: Kind = Kind.FINAL,
    zones: int = 3,
    communities: int = 10,
    workers: int = 25,
    months: int = 10,
    contract_workers: int = 20,
    contract_certified_workers: int = 14,
    experts: int = 5,
    street: str | None = None,
    start: date = date(2023, 7, 1),
    scheme: Scheme | None = None,
) -> Evaluation:
    """An invented station's evaluation, the same for the same arguments.

    `workers` people work at the station over a period of `months` months from `start` (day
    1–28; the contract runs a year from it); `street` names the station (示例 → 示例街社工服务站),
    otherwise the name is invented, different for each of 2,256 consecutive seeds. Indicators,
    parties, dimensions, vetoes and finding sections follow `scheme` (default guangzhou-2023).
    Runs in about 10 ms.
    """
    contract = (contract_workers, contract_certified_workers)
    _check(zones, communities, workers, months, contract, experts)
    if start.day > 28:
        raise ValueError("start must be on day 1..28")
    rng = random.Random(seed)
    scheme = scheme if scheme is not None else load_scheme()
    names = _station_names(rng, seed, street)
    zone_list = _zones(rng, zones, communities)
    info = _info(rng, names, kind, start, months, contract)
    month_list = _month_list(start, months)
    stable, movers = _roster(rng, month_list, zones, workers, contract_workers)
    _qualify(rng, stable, movers, month_list)
    _ensure_certified(stable + movers, Decimal(contract_certified_workers * months))
    _insurance(rng, stable, movers)
    indicators = _indicators(rng, scheme, zone_list, info)
    return Evaluation(
        info=info,
        zones=zone_list,
        indicators=indicators,
        attendance=_attendance(stable + movers, month_list),
        scores=_scores(rng, scheme, zone_list, experts),
        vetoes=_vetoes(scheme),
        findings=_findings(rng, scheme, zone_list, indicators),
    )
