"""The roster: who worked at the station each month, certified, experienced, insured and paid.

This is what the staffing rules are tested against, so it has every case the seeds show: posts
that change hands (a half month on either side, a clean hand-over, a vacant month), someone
joining half-way through the first month and staying, a certificate and two years' experience
arriving mid-period, and a month without insurance with and without a note. Certified
person-months always reach the contract, and turnover never reaches a staffing veto.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from .._model import STATION_WIDE, AttendanceRow, Month, Qualification
from .names import person, unique
from .rounding import HALF, ONE, ZERO

__all__ = [
    "Worker",
    "attendance",
    "certificate_levels",
    "ensure_certified",
    "insurance",
    "qualify",
    "roster",
]


@dataclass
class Worker:
    """One person as the roster is built: month index -> in-post value, notes, qualifications."""

    name: str
    position: str = "社工"
    values: dict[int, Decimal] = field(default_factory=dict)  # month index -> 1 or 0.5
    notes: dict[int, str] = field(default_factory=dict)
    uninsured: dict[int, str] = field(default_factory=dict)  # month index -> note ("" = none)
    certified_from: int | None = None
    experienced_from: int | None = None
    level: Qualification = Qualification.NONE  # the certificate held from `certified_from` on

    @property
    def first(self) -> int:
        return min(self.values)


# Transition between a leaver and the joiner who takes the post (its loss in person-months):
# a: both half in the same month (0) · b: clean hand-over at a month end (0) · c: leaver half
# (0.5) · d: joiner half (0.5) · e: one vacant month between them (1).
_TRANSITIONS = ("a", "b", "c", "d", "e")
_TRANSITION_WEIGHTS = (3, 3, 2, 2, 1)


def _join(rng: random.Random, worker: Worker, i: int, month: Month, half: bool) -> None:
    last = month.last_day().day
    day = rng.randint(last - 12, last - 2) if half else rng.choice((1, 1, rng.randint(2, 10)))
    worker.values[i] = HALF if half else ONE
    if day > 1:  # one joiner in four comes from another of the operator's stations
        worker.notes[i] = f"{month.month}月{day}日{'调入' if day % 4 == 0 else '入职'}"


def _leave(rng: random.Random, worker: Worker, i: int, month: Month, half: bool) -> None:
    day = rng.randint(3, 13) if half else rng.randint(18, month.last_day().day)
    worker.values[i] = HALF if half else ONE
    # How they left, from the day already drawn (a new draw would shift every later figure).
    probation = bool(worker.values) and worker.first > 0 and i - worker.first < 2
    how = "试用期离职" if probation else ("离职", "提前解除劳动合同", "调出")[day % 3]
    worker.notes[i] = f"{month.month}月{day}日{how}"


def _fill(worker: Worker, first: int, last: int) -> None:
    for i in range(first, last + 1):
        worker.values.setdefault(i, ONE)


def _segments(rng: random.Random, length: int, months: int) -> list[int]:
    """Start month of each of `length` consecutive tenures in one post (≥ 2 months each if the
    period allows)."""
    least = 2 if months >= 2 * length else 1
    sizes = [least] * length
    for _ in range(months - least * length):
        sizes[rng.randrange(length)] += 1
    return list(accumulate(sizes, initial=0))[:-1]


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
) -> list[Worker]:
    workers = [Worker(name) for name in names]
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


def roster(
    rng: random.Random, months: list[Month], zones: int, total: int, contract: int
) -> tuple[list[Worker], list[Worker]]:
    """The people: those in post all period (stable) and those in posts that changed hands."""
    n, taken = len(months), set[str]()
    stable_count, chains = _turnover(rng, total, contract, n)
    stable = [Worker(unique(rng, person, taken)) for _ in range(stable_count)]
    for worker in stable:
        _fill(worker, 0, n - 1)
    for worker, position in zip(stable, ["站长"] + ["片长"] * zones, strict=False):
        worker.position = position
    if len(stable) > 1:  # joined mid-way through the first month and stayed: still counts as stable
        _join(rng, stable[rng.randrange(1, len(stable))], 0, months[0], half=True)
    movers: list[Worker] = []
    for starts, kinds in _plan_chains(rng, chains, n):
        names = [unique(rng, person, taken) for _ in starts]
        movers.extend(_build_chain(rng, names, starts, kinds, months))
    movers.sort(key=lambda w: w.first)
    return stable, movers


def _mid_period(rng: random.Random, n: int) -> int:
    return rng.randint(2, n - 2) if n >= 4 else n - 1


def qualify(
    rng: random.Random, stable: list[Worker], movers: list[Worker], months: list[Month]
) -> None:
    """Certificates and two years' experience, with one of each arriving mid-period."""
    for workers, certified, experienced in ((stable, 0.8, 0.8), (movers, 0.6, 0.45)):
        for w in workers:
            w.certified_from = 0 if rng.random() < certified else None
            w.experienced_from = 0 if rng.random() < experienced else None
    pool = stable[1:] or stable
    late_cert = next((w for w in pool if w.certified_from is None), rng.choice(pool))
    j = _mid_period(rng, len(months))
    late_cert.certified_from = j
    got = months[j - 1]
    late_cert.notes.setdefault(
        j - 1, f"{got.month}月{rng.randint(5, 25)}日取得助理社会工作师证书，次月起按持证计"
    )
    others = [w for w in pool if w is not late_cert] or pool
    late_exp = next((w for w in others if w.experienced_from is None), rng.choice(others))
    k = _mid_period(rng, len(months))
    late_exp.experienced_from = k
    late_exp.notes.setdefault(k, "本月起从业满两年")


def _certified_months(workers: list[Worker]) -> Decimal:
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


def ensure_certified(workers: list[Worker], required: Decimal) -> None:
    """Certify more people (stable ones first) until certified person-months reach `required`."""
    pool = [w for w in workers if w.certified_from is None]
    while _certified_months(workers) < required and pool:
        pool.pop(0).certified_from = 0


def insurance(rng: random.Random, stable: list[Worker], movers: list[Worker]) -> None:
    """One in-post month without insurance and no note (a warning), one with an explaining note."""

    def open_months(workers: list[Worker]) -> list[tuple[Worker, int]]:
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


# Certificates held from the start of the period: mostly 助理 and 中级, as in the seeds' 附件2.
_LEVELS = (Qualification.SENIOR, Qualification.INTERMEDIATE, Qualification.ASSISTANT)
_LEVEL_WEIGHTS = (1, 9, 12)


def certificate_levels(rng: random.Random, workers: list[Worker]) -> None:
    """The certificate of everyone certified; one obtained mid-period is 助理 (the note says so).

    Drawn from its own generator, after the roster is complete, so the roster stays as it was.
    """
    for w in workers:
        if w.certified_from == 0:
            w.level = rng.choices(_LEVELS, _LEVEL_WEIGHTS)[0]
        elif w.certified_from is not None:
            w.level = Qualification.ASSISTANT


def attendance(
    workers: list[Worker], months: list[Month], zones: tuple[str, ...]
) -> tuple[AttendanceRow, ...]:
    """Every worker's row for every month; the 站长 serves the whole station, the others a 片区 in
    turn (片长 first, one per 片区)."""
    width = max(2, len(str(len(workers))))
    rows = []
    for number, w in enumerate(workers, start=1):
        for i, month in enumerate(months):
            value = w.values.get(i, ZERO)
            note = w.notes.get(i) or w.uninsured.get(i) or ""
            if value == ZERO:
                note = "未入职" if i < w.first else "已离职"
            certified = w.certified_from is not None and i >= w.certified_from
            rows.append(
                AttendanceRow(
                    worker_id=f"SG{number:0{width}d}",
                    name=w.name,
                    position=w.position,
                    month=month,
                    value=value,
                    certified=certified,
                    experienced=w.experienced_from is not None and i >= w.experienced_from,
                    insured=value > 0 and i not in w.uninsured,
                    paid=value > 0,
                    note=note,
                    qualification=w.level if certified else Qualification.NONE,
                    zone=STATION_WIDE if w.position == "站长" else zones[(number - 2) % len(zones)],
                )
            )
    return tuple(rows)
