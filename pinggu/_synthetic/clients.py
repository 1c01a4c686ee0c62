"""Synthetic client rosters (服务对象名册) for tests, the demo and benchmarks.

Modelled on the stations described in docs/survey.md (250–1,500 clients over 3–5 片区): households of one to three people (一户
一档), zones of uneven size, one to three categories per person weighted towards the elderly
categories the seeds mention most, levels 1–4. Every name comes from `names`; every phone is
obviously fake (139 then 0000…, numbered), so no real person can be reached by mistake. The same
arguments always give the same roster.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .._categories import load_categories
from .._model import Zone
from .._roster import Client, Roster
from .._sample import allocate
from .names import community, person, unique, zone_names

__all__ = ["synthetic_roster"]

# Weight of each catalogue category, in catalogue order (low income and lone elderly are common;
# vagrancy and single mothers in hardship rare).
_CATEGORY_WEIGHTS = (20, 6, 10, 4, 14, 1, 3, 5, 1, 2, 6, 12, 16, 4, 8, 3, 2)
_LEVEL_WEIGHTS = ((1, 15), (2, 40), (3, 30), (4, 15))
_HOUSEHOLD_SIZES = ((1, 70), (2, 22), (3, 8))
_NOTES = (
    "长期卧床",
    "听力较弱，请大声说话",
    "白天外出务工，晚上联系",
    "由女儿代接电话",
    "粤语沟通",
)
MAX_PHONES = 10**8


def synthetic_roster(seed: int, zones: int | Sequence[Zone] = 3, size: int = 400) -> Roster:
    """`size` invented clients over `zones` (a number of invented zones, or an evaluation's
    zones and communities), numbered FW00001…; phones 139 0000 0001… are fake."""
    if size < 1 or size >= MAX_PHONES:
        raise ValueError(f"size must be 1..{MAX_PHONES - 1}")
    rng = random.Random(f"roster-{seed}")
    places = _zones(rng, zones) if isinstance(zones, int) else list(zones)
    if not places or any(not zone.communities for zone in places):
        raise ValueError("every zone needs a community")
    # uneven zones, exactly `size` clients in all (weights scaled so that none is capped)
    weights = {zone.name: rng.randint(6, 14) * size for zone in places}
    quotas = allocate(weights, size)
    clients: list[Client] = []
    for zone in places:
        clients += _zone_clients(rng, zone, quotas[zone.name], len(clients))
    return Roster(tuple(clients))


def _zones(rng: random.Random, count: int) -> list[Zone]:
    if count < 1:
        raise ValueError("zones must be at least 1")
    taken: set[str] = set()
    groups = [
        [unique(rng, community, taken) for _ in range(rng.randint(2, 4))] for _ in range(count)
    ]
    return [
        Zone(name, tuple(group))
        for name, group in zip(zone_names(rng, groups), groups, strict=True)
    ]


def _zone_clients(rng: random.Random, zone: Zone, count: int, before: int) -> list[Client]:
    """`count` clients of `zone` in households; numbers and phones continue from `before`."""
    clients: list[Client] = []
    names = load_categories().names
    while len(clients) < count:
        household = f"H{before + len(clients) + 1:05d}"
        place = rng.choice(zone.communities)
        members = min(count - len(clients), _pick(rng, _HOUSEHOLD_SIZES))
        taken: set[str] = set()  # no two members share a name: that would read as one person
        home_phone = _phone(before + len(clients))  # the first member's, shared by some others
        for member in range(members):
            index = before + len(clients)
            kinds = rng.choices(names, weights=_CATEGORY_WEIGHTS, k=rng.choice((1, 1, 1, 2, 2, 3)))
            shares = member > 0 and rng.random() < 0.5
            clients.append(
                Client(
                    number=f"FW{index + 1:05d}",
                    name=unique(rng, person, taken),
                    household=household,
                    zone=zone.name,
                    community=place,
                    categories=tuple(n for n in names if n in kinds),
                    level=_pick(rng, _LEVEL_WEIGHTS),
                    phone=home_phone if shares else _phone(index),
                    note=rng.choice(_NOTES) if rng.random() < 0.08 else "",
                )
            )
    return clients


def _pick(rng: random.Random, weighted: Sequence[tuple[int, int]]) -> int:
    values, weights = zip(*weighted, strict=True)
    return int(rng.choices(values, weights=weights)[0])


def _phone(index: int) -> str:
    """139 0000 0001, 139 0000 0002, …: the 139 0000 block is obviously fake."""
    return f"139{index + 1:08d}"
