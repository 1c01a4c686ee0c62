"""Roll-ups of the client rows: per 片区, grade and period, and each 片区's figures for the period.

Always from counts of client rows (judged, met), never by averaging percentages, so a station's
figures are exactly the sums of its 片区's (docs/contacts.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from operator import attrgetter

from .._figures import Figure
from .._model import TOTAL
from .._numbers import percent, shown
from .model import (
    ClientPeriod,
    ComplianceRow,
    ContactData,
    ContactSchedule,
    Method,
    ZoneFollowUp,
)

__all__ = ["compliance_rows", "zone_follow_ups"]


def compliance_rows(
    rows: Sequence[ClientPeriod], zones: Sequence[str]
) -> tuple[ComplianceRow, ...]:
    """Client rows counted per 片区, grade and period, in `zones` order, then grade, then time."""
    judged = Counter((r.zone, r.grade, r.period) for r in rows)
    met = Counter((r.zone, r.grade, r.period) for r in rows if r.met)
    starts = {r.period: (r.start, r.end) for r in rows}
    place = {z: i for i, z in enumerate(zones)}
    keys = sorted(
        judged,
        key=lambda k: (
            place.get(k[0], len(place)),
            k[0],
            k[1],
            starts[k[2]][1],  # by end, so a month comes before the quarter it closes
            -starts[k[2]][0].toordinal(),
        ),
    )
    return tuple(ComplianceRow(z, g, p, judged[z, g, p], met[z, g, p]) for z, g, p in keys)


def zone_follow_ups(
    data: ContactData,
    schedule: ContactSchedule,
    compliance: Sequence[ComplianceRow],
    start: date,
    end: date,
    zones: Sequence[str],
) -> tuple[ZoneFollowUp, ...]:
    """Each 片区 of `zones` (those with clients or rows), then the station (TOTAL); the client
    rows judged and met are counted from `compliance` (the rows counted per 片区, grade, period)."""
    # One pass over each input, counting under the client's 片区 and under TOTAL.
    persons: defaultdict[str, set[str]] = defaultdict(set)
    households: defaultdict[str, set[str]] = defaultdict(set)
    for c in data.clients:
        if (c.filed is None or c.filed <= end) and (c.closed is None or c.closed >= start):
            for z in (c.zone, TOTAL):
                persons[z].add(c.number)
                households[z].add(c.household)
    # Counted per client and 方式 first (a station's year is some 60,000 records: map and
    # attrgetter keep the loop in C), then per 片区.
    records = [r for r in data.records if start <= r.on <= end]
    per_client = Counter(zip(map(_CLIENT, records), map(_METHOD, records), strict=True))
    zone_of = {c.number: c.zone for c in data.clients}
    by_method: Counter[tuple[str, Method]] = Counter()
    for (client, method), n in per_client.items():
        by_method[zone_of.get(client, ""), method] += n
        by_method[TOTAL, method] += n
    judged: Counter[str] = Counter()
    met: Counter[str] = Counter()
    for row in compliance:
        for z in (row.zone, TOTAL):
            judged[z] += row.clients
            met[z] += row.met
    days = (end - start).days + 1
    out = []
    for zone in [*zones, TOTAL]:
        if zone != TOTAL and not persons[zone] and not judged[zone]:
            continue
        counted = sum(by_method[zone, m] for m in schedule.counted)
        out.append(
            ZoneFollowUp(
                zone=zone,
                clients=len(persons[zone]),
                households=len(households[zone]),
                phone_calls=_count(by_method[zone, Method.PHONE], Method.PHONE),
                visits=_count(by_method[zone, Method.VISIT], Method.VISIT),
                judged=judged[zone],
                met=met[zone],
                met_share=_share(met[zone], judged[zone]),
                contacts_per_client_year=_per_client_year(counted, len(persons[zone]), days),
            )
        )
    return tuple(out)


_CLIENT, _METHOD = attrgetter("client"), attrgetter("method")


def _share(met: int, judged: int) -> Figure | None:
    if not judged:
        return None
    return Figure(
        percent(Decimal(met), Decimal(judged)),
        "达标的对象期数 ÷ 评判的对象期数 × 100%",
        {"达标的对象期数": Decimal(met), "评判的对象期数": Decimal(judged)},
        "%",
    )


def _count(n: int, method: Method) -> Figure:
    return Figure(
        Decimal(n),
        f"考核期内方式为{method.value}的服务记录条数",
        {"记录条数": Decimal(n)},
        "人次",
    )


def _per_client_year(contacts: int, clients: int, days: int) -> Figure | None:
    """counted contacts ÷ clients ÷ (days ÷ 365), one decimal half-up: the seeds' 「平均每人每年约1次」."""
    if not clients:
        return None
    value = shown(Decimal(contacts) * 365 / (Decimal(clients) * days), 1)
    return Figure(
        value,
        "计入的联系次数 ÷ 在册对象人数 ÷（考核期天数 ÷ 365）",
        {
            "计入的联系次数": Decimal(contacts),
            "在册对象人数": Decimal(clients),
            "考核期天数": Decimal(days),
        },
        "次",
    )
