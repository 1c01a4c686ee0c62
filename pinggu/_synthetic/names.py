"""Invented names: people, communities, zones, the station and the agencies around it.

No synthetic workbook may name a real person, station or agency, so every name is built here
from syllable lists. Streets come from a fixed shuffle so that consecutive seeds (a benchmark's
176 stations) never share one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "StationNames",
    "address",
    "community",
    "person",
    "station_names",
    "unique",
    "zone_names",
]

_SURNAMES = "陈李黄张梁林刘吴王何罗郑周谢冯邓曾叶苏许杨朱徐钟彭潘卢蔡郭胡麦赖江温莫"
_GIVEN = "婷敏丽芳静华伟杰俊欣怡嘉颖思晓雅倩慧文彤琳莹洁燕霞锋健斌强宇浩明志家子诗泳晴佩绮颂"
_PLACE = "松岚桂澄榕泰禾曦湄溪岭景和安盛康宁兴裕源鹏翠昌逸韵沁汀澜茗蔚晖凯隆丰瑞祥荟樾骏泓"
_DISTRICTS = (
    "越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区",
    "番禺区", "花都区", "南沙区", "从化区", "增城区",
)  # fmt: skip
_NUMERALS = "一二三四五六七八九十"
_DIRECTIONS = "东西南北中"

# Invented street names, one per seed: a fixed shuffle of every ordered pair of distinct place
# syllables.
_STREETS = [a + b for a in _PLACE for b in _PLACE if a != b]
random.Random(176).shuffle(_STREETS)

Maker = Callable[[random.Random], str]


def unique(rng: random.Random, make: Maker, taken: set[str]) -> str:
    """A name from `make` not yet in `taken`, which it joins."""
    for _ in range(10_000):
        name = make(rng)
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("synthetic name lists exhausted")


def person(rng: random.Random) -> str:
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(_SURNAMES) + given


def _place(rng: random.Random) -> str:
    return "".join(rng.sample(_PLACE, 2))


def community(rng: random.Random) -> str:
    return _place(rng) + ("村" if rng.random() < 0.1 else "社区")


def address(rng: random.Random, district: str) -> str:
    """A street address in `district`, such as 白云区澄岚路榕溪东街3巷12号."""
    road = _place(rng) + rng.choice(("路", "大道", "大街"))
    lane = (
        f"{_place(rng)}{rng.choice(_DIRECTIONS)}街{rng.randint(1, 9)}巷"
        if rng.random() < 0.5
        else ""
    )
    return f"{district}{road}{lane}{rng.randint(1, 188)}号"


@dataclass(frozen=True)
class StationNames:
    """The names in 基本信息, spelt as the `StationInfo` fields they fill."""

    station: str
    district: str
    street: str
    operator: str
    purchaser: str
    supervisor: str
    evaluator: str


def station_names(rng: random.Random, seed: int, street: str | None) -> StationNames:
    """The station and its agencies; `street` (示例 → 示例街社工服务站) or one per seed."""
    district = rng.choice(_DISTRICTS)
    town = street is None and rng.random() < 0.15
    base = street if street is not None else _STREETS[seed % len(_STREETS)]
    unit = "镇" if town else "街"
    operator = _place(rng) + rng.choice(("社会工作服务中心", "社工服务社", "社区发展中心"))
    return StationNames(
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


def zone_names(rng: random.Random, groups: list[list[str]]) -> list[str]:
    """One name per group of communities: by direction, after its communities, or numbered."""
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
