"""The satisfaction survey's draw (抽样): a fair sample anyone can re-run by hand.

The rule (docs/survey.md「抽样」): draw at least n clients (everyone when the roster has fewer), spread over the
片区 in proportion to their roster size, with a reserve list for clients who cannot be reached.
The draw must not depend on the roster's row order nor on the Python version, so it uses no
random generator at all:

1. Allocation (`allocate`): zone i of size s_i out of N clients gets floor(n·s_i/N) places; the
   places left over go one each to the zones with the largest remainder (n·s_i mod N), ties to
   the larger zone, then to the zone name first in code point order. Exact integer arithmetic.
2. Order (`rank`): every client's rank is the SHA-256 (hex) of the UTF-8 JSON array
   [seed, 编号] without spaces, e.g. ["2024","C001"]; JSON keeps ("1","23") and ("12","3")
   apart. Within its zone, clients are called in ascending rank (ties, which SHA-256 makes
   practically impossible, by 编号).
3. The first quota clients of each zone are the sample, in that order; the rest of the zone, in
   the same order, is its reserve. A client not reached is replaced by the zone's first reserve
   client not used yet (`next_reserve`).

A `Draw` records the seed, n, the roster's fingerprint and the lists, as plain JSON
(`to_dict`/`from_dict`); `verify_draw` re-runs it against a roster. docs/survey.md explains the
same steps in Chinese for people checking a draw by hand.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import InvalidData
from ._roster import Roster, canonical_json

__all__ = [
    "METHOD",
    "Draw",
    "DrawCheck",
    "ZoneDraw",
    "allocate",
    "draw_sample",
    "next_reserve",
    "rank",
    "verify_draw",
]

METHOD = "pinggu-draw-1"  # names this algorithm in stored draws; a new algorithm gets a new name
DEFAULT_N = 100


@dataclass(frozen=True)
class ZoneDraw:
    """One 片区's share of the draw: its sample and its reserve, both in calling order."""

    zone: str
    size: int  # clients of the zone in the roster
    quota: int  # places allocated by largest remainder
    chosen: tuple[str, ...]  # 编号, in calling (rank) order
    reserve: tuple[str, ...]  # the rest of the zone, same order


@dataclass(frozen=True)
class Draw:
    """A draw from a roster: enough, with the seed and the roster's fingerprint, to re-run it."""

    seed: str
    n: int  # requested; the sample is min(n, roster size)
    roster_fingerprint: str
    zones: tuple[ZoneDraw, ...]  # in code point order of the zone names

    @property
    def chosen(self) -> tuple[str, ...]:
        """Every zone's sample, zone after zone."""
        return tuple(number for zone in self.zones for number in zone.chosen)

    @property
    def roster_size(self) -> int:
        return sum(zone.size for zone in self.zones)

    def zone(self, name: str) -> ZoneDraw:
        found = next((z for z in self.zones if z.zone == name), None)
        if found is None:
            raise InvalidData(f"抽样中没有片区「{name}」")
        return found

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: what is stored so that anyone can re-run and compare the draw."""
        return {
            "method": METHOD,
            "seed": self.seed,
            "n": self.n,
            "roster_fingerprint": self.roster_fingerprint,
            "zones": [
                {
                    "zone": z.zone,
                    "size": z.size,
                    "quota": z.quota,
                    "chosen": list(z.chosen),
                    "reserve": list(z.reserve),
                }
                for z in self.zones
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Draw:
        """The draw `to_dict` wrote; raises ValueError (Chinese) when it is not one."""
        try:
            if data["method"] != METHOD:
                raise InvalidData(f"抽样方法「{data['method']}」不是 {METHOD}，无法核对")
            zones = tuple(
                ZoneDraw(
                    zone=record_text(z["zone"]),
                    size=record_count(z["size"]),
                    quota=record_count(z["quota"]),
                    chosen=tuple(record_text(n) for n in z["chosen"]),
                    reserve=tuple(record_text(n) for n in z["reserve"]),
                )
                for z in data["zones"]
            )
            draw = cls(
                record_text(data["seed"]),
                record_count(data["n"]),
                record_text(data["roster_fingerprint"]),
                zones,
            )
        except (KeyError, TypeError) as exc:
            raise InvalidData(f"抽样记录不完整或格式不对：{exc!r}") from None
        for z in draw.zones:
            if len(z.chosen) != z.quota or len(z.chosen) + len(z.reserve) != z.size:
                raise InvalidData(f"抽样记录中片区「{z.zone}」的名单与人数不符")
        return draw


def record_text(value: object) -> str:
    """A saved draw record's text field (the file draw's records are read the same way)."""
    if not isinstance(value, str):
        raise TypeError(f"应为文字：{value!r}")
    return value


def record_count(value: object) -> int:
    """A saved draw record's count field."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"应为不小于 0 的整数：{value!r}")
    return value


def allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Places per zone, min(n, total) in all, by largest remainder (tie-break in the module doc)."""
    if n < 1:
        raise InvalidData("抽样人数 n 应至少为 1")
    if any(size < 0 for size in sizes.values()):
        raise InvalidData("片区人数不能为负")
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    quotas = {zone: n * size // total for zone, size in sizes.items()}
    left = n - sum(quotas.values())
    order = sorted(sizes, key=lambda zone: (-(n * sizes[zone] % total), -sizes[zone], zone))
    for zone in order[:left]:
        quotas[zone] += 1
    return quotas


def rank(seed: str, number: str) -> str:
    """SHA-256 (hex) of the UTF-8 JSON ["seed","编号"]: a client's place in its zone's order."""
    return hashlib.sha256(canonical_json([seed, number])).hexdigest()


def draw_sample(roster: Roster, *, n: int = DEFAULT_N, seed: str) -> Draw:
    """Draw min(n, roster size) clients, spread over the zones in proportion, with reserves."""
    if not seed.strip():
        raise InvalidData("抽样种子不能为空")
    sizes = Counter(client.zone for client in roster.clients)
    quotas = allocate(sizes, n)
    zones = []
    for zone in sorted(sizes):
        numbers = [c.number for c in roster.clients if c.zone == zone]
        ordered = tuple(sorted(numbers, key=lambda number: (rank(seed, number), number)))
        quota = quotas[zone]
        zones.append(ZoneDraw(zone, len(ordered), quota, ordered[:quota], ordered[quota:]))
    return Draw(seed, n, roster.fingerprint(), tuple(zones))


def next_reserve(draw: Draw, zone: str, used: Collection[str]) -> str | None:
    """The zone's first reserve client not in `used` (those already called as replacements),
    or None when the zone's reserve is exhausted. A replacement always keeps the 片区."""
    return next((number for number in draw.zone(zone).reserve if number not in used), None)


@dataclass(frozen=True)
class DrawCheck:
    """The outcome of re-running a stored draw: `ok`, and what was found, in Chinese."""

    ok: bool
    message: str


def verify_draw(roster: Roster, stored: Draw) -> DrawCheck:
    """Re-run `stored` on `roster` and compare; the roster's fingerprint is checked first."""
    fingerprint = roster.fingerprint()
    if fingerprint != stored.roster_fingerprint:
        return DrawCheck(
            False,
            f"名册已改变：这份名册的指纹是 {fingerprint[:16]}…，抽样时名册的指纹是 "
            f"{stored.roster_fingerprint[:16]}…。请用抽样时的名册核对。",
        )
    again = draw_sample(roster, n=stored.n, seed=stored.seed)
    if again != stored:
        differing = [z.zone for z, w in zip(again.zones, stored.zones, strict=False) if z != w]
        where = f"（片区{'、'.join(f'「{z}」' for z in differing)}）" if differing else ""
        return DrawCheck(False, f"按种子「{stored.seed}」重新抽样，名单与记录不一致{where}。")
    return DrawCheck(
        True,
        f"名册指纹一致；按种子「{stored.seed}」、n = {stored.n} 重新抽样，"
        f"得到与记录相同的 {len(stored.chosen)} 人名单和备用名单。",
    )
