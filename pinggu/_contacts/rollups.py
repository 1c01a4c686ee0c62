"""Roll-ups of the client rows: per 片区, grade and period, and each 片区's figures for the period.

Always from counts of client rows (judged, met), never by averaging percentages, so a station's
figures are exactly the sums of its 片区's (docs/contacts.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from .._figures import Figure
from .._model import TOTAL
from .._numbers import percent, shown
from .model import (
    ClientPeriod,
    ComplianceRow,
    ContactData,
    ContactRecord,
    ContactSchedule,
    Method,
    ZoneFollowUp,
)

__all__ = ["compliance_rows", "zone_follow_ups"]


def compliance_rows(
    rows: Sequence[ClientPeriod], zones: Sequence[str]
) -> tuple[ComplianceRow, ...]:
    """Client rows counted per 片区, grade and period, in `zones` order, then grade, then time."""
    judged: Counter[tuple[str, int, str]] = Counter()
    met: Counter[tuple[str, int, str]] = Counter()
    starts: dict[str, tuple[date, date]] = {}
    for r in rows:
        k = (r.zone, r.grade, r.period)
        judged[k] += 1
        met[k] += r.met
        starts[r.period] = (r.start, r.end)
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
    rows: Sequence[ClientPeriod],
    start: date,
    end: date,
    zones: Sequence[str],
) -> tuple[ZoneFollowUp, ...]:
    """Each 片区 of `zones` (those with clients or rows), then the station (TOTAL)."""
    on_roster = [
        c
        for c in data.clients
        if (c.filed is None or c.filed <= end) and (c.closed is None or c.closed >= start)
    ]
    zone_of = {c.number: c.zone for c in data.clients}
    in_period = [r for r in data.records if start <= r.on <= end]
    days = (end - start).days + 1
    out = []
    for zone in [*zones, TOTAL]:

        def mine(z: str, zone: str = zone) -> bool:
            return zone == TOTAL or z == zone

        clients = [c for c in on_roster if mine(c.zone)]
        records = [r for r in in_period if mine(zone_of.get(r.client, ""))]
        zone_rows = [r for r in rows if mine(r.zone)]
        if zone != TOTAL and not clients and not zone_rows:
            continue
        judged, met = len(zone_rows), sum(r.met for r in zone_rows)
        counted = sum(r.method in schedule.counted for r in records)
        out.append(
            ZoneFollowUp(
                zone=zone,
                clients=len(clients),
                households=len({c.household for c in clients}),
                phone_calls=_count(records, Method.PHONE),
                visits=_count(records, Method.VISIT),
                judged=judged,
                met=met,
                met_share=Figure(
                    percent(Decimal(met), Decimal(judged)),
                    "达标的对象期数 ÷ 评判的对象期数 × 100%",
                    {"达标的对象期数": Decimal(met), "评判的对象期数": Decimal(judged)},
                    "%",
                )
                if judged
                else None,
                contacts_per_client_year=_per_client_year(counted, len(clients), days),
            )
        )
    return tuple(out)


def _count(records: Sequence[ContactRecord], method: Method) -> Figure:
    n = sum(r.method is method for r in records)
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
