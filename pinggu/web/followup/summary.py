"""A station's follow-up over a round's 考核期, as the round page and the dashboard show it:
computed by the engine (`follow_up`, docs/contacts.md) on demand, once per state of its inputs
(not at upload: the upload stays quick, the first page that needs it pays), and stored
(`StoredFollowUp`), so a dashboard of many stations reads one row per station instead of
running the rules again on every request.

The inputs are the station's latest batch of records, its latest roster, the period, the
round's scheme and the engine's build: the key hashes all of them, so an upload, a new roster
or a deploy that changes a rule computes anew. What is stored is what the pages show: the
figures per 片区 and for the station (as the engine shows them), and the judged and met
client-periods per 片区 × grade summed over the period (counts, never averaged percentages).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from pinggu import TOTAL, ContactSchedule, FollowUpResult, follow_up, load_scheme, plain

from .. import engine
from ..models import Round, Station, StoredFollowUp, latest_roster
from . import stored

EXAMPLE_NOTE = "分级跟进频次为评估方案中的示例，请以区民政局规定为准。"


@dataclass(frozen=True)
class ZoneRow:
    """One 片区 (or the station, zone == TOTAL) over the period, as the engine shows it."""

    zone: str
    clients: int
    households: int
    phone_calls: str
    visits: str
    judged: int
    met: int
    met_share: str | None  # "85.00" (percent), None when nothing was judged
    per_year: str | None  # counted contacts per client per year, one decimal


@dataclass(frozen=True)
class GridRow:
    """Client-periods of one 片区 and grade over the whole period: judged and met."""

    zone: str
    grade: int
    judged: int
    met: int

    @property
    def share(self) -> Decimal | None:
        """met ÷ judged × 100%, half up to two decimals (as the engine rounds its shares)."""
        if not self.judged:
            return None
        return (Decimal(self.met * 100) / self.judged).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Summary:
    start: date
    end: date
    example: bool  # the schedule is the scheme's example (said wherever it is shown)
    zones: tuple[ZoneRow, ...]  # each 片区 in the roster's order, then the station (TOTAL)
    grid: tuple[GridRow, ...]  # by 片区 (roster order) and grade
    records: int  # records counted (of clients on the latest roster)
    left_out: int  # stored records of clients no longer on the roster

    @property
    def station(self) -> ZoneRow | None:
        return next((z for z in self.zones if z.zone == TOTAL), None)

    @property
    def by_zone(self) -> tuple[ZoneRow, ...]:
        return tuple(z for z in self.zones if z.zone != TOTAL)

    @property
    def note(self) -> str:
        return EXAMPLE_NOTE if self.example else ""

    def matrix(self) -> list[tuple[str, list[GridRow | None], GridRow]]:
        """The grid as the drill-down lays it out: a row per 片区 (then the station, TOTAL)
        with a cell per grade 1–4 (None: no client of that grade) and the row's total, every
        total summed from counts."""
        zones = list(dict.fromkeys(g.zone for g in self.grid))
        rows = []
        for zone in [*zones, TOTAL]:
            found = self.grid if zone == TOTAL else [g for g in self.grid if g.zone == zone]
            cells = [_sum(zone, grade, [g for g in found if g.grade == grade]) for grade in GRADES]
            rows.append((zone, cells, _sum(zone, 0, found) or GridRow(zone, 0, 0, 0)))
        return rows

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "example": self.example,
            "zones": [asdict(z) for z in self.zones],
            "grid": [asdict(g) for g in self.grid],
            "records": self.records,
            "left_out": self.left_out,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Summary:
        return cls(
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            example=data["example"],
            zones=tuple(ZoneRow(**z) for z in data["zones"]),
            grid=tuple(GridRow(**g) for g in data["grid"]),
            records=data["records"],
            left_out=data["left_out"],
        )


GRADES = (1, 2, 3, 4)


def _sum(zone: str, grade: int, rows: Sequence[GridRow]) -> GridRow | None:
    if not rows:
        return None
    return GridRow(zone, grade, sum(r.judged for r in rows), sum(r.met for r in rows))


def schedule_of(round_: Round | None) -> ContactSchedule | None:
    """The round's scheme's follow-up schedule (the default scheme's for a station without a
    round); None when the scheme has none."""
    scheme = load_scheme(round_.scheme) if round_ is not None else load_scheme()
    return scheme.contacts


def _key(station: Station, round_: Round) -> str | None:
    """What the summary depends on, hashed; None before any roster or records."""
    batch, roster = stored.latest_batch(station), latest_roster(station)
    if batch is None or roster is None:
        return None
    parts = (station.pk, batch.number, roster.number, round_.period_start, round_.period_end)
    text = "|".join(str(p) for p in (*parts, round_.scheme, engine.build()))
    return hashlib.sha256(text.encode()).hexdigest()


def summary(station: Station, round_: Round | None = None) -> Summary | None:
    """The station's follow-up over the round's 考核期 (the current round's by default), as
    stored or computed and stored now; None without a round, a roster, records or a schedule."""
    round_ = round_ or stored.current_round(station)
    if round_ is None:
        return None
    key = _key(station, round_)
    if key is None:
        return None
    kept = StoredFollowUp.objects.filter(key=key).values_list("summary", flat=True).first()
    if kept is not None:
        return Summary.from_json(kept)
    computed = compute(station, round_)
    if computed is None:
        return None
    week_ago = timezone.now() - timedelta(days=7)  # states no page has asked for lately
    StoredFollowUp.objects.filter(station=station, computed_at__lt=week_ago).delete()
    StoredFollowUp.objects.bulk_create(
        [StoredFollowUp(key=key, station=station, summary=computed.to_json())],
        ignore_conflicts=True,  # another process stored the same state first
    )
    return computed


def compute(station: Station, round_: Round) -> Summary | None:
    """Run the rules on the stored records over the round's period (not stored)."""
    schedule = schedule_of(round_)
    contacts = stored.station_contacts(station)
    if schedule is None or contacts is None:
        return None
    result = follow_up(contacts.data, schedule, round_.period_start, round_.period_end)
    return from_result(result, len(contacts.data.records), contacts.left_out)


def from_result(result: FollowUpResult, records_count: int, left_out: int) -> Summary:
    """The pages' summary of the engine's result."""
    zones = tuple(
        ZoneRow(
            zone=z.zone,
            clients=z.clients,
            households=z.households,
            phone_calls=plain(z.phone_calls.value),
            visits=plain(z.visits.value),
            judged=z.judged,
            met=z.met,
            met_share=None if z.met_share is None else f"{z.met_share.value:.2f}",
            per_year=None
            if z.contacts_per_client_year is None
            else f"{z.contacts_per_client_year.value:.1f}",
        )
        for z in result.zones
    )
    order = {z.zone: n for n, z in enumerate(result.zones)}
    counts: dict[tuple[str, int], list[int]] = {}
    for row in result.compliance:
        judged_met = counts.setdefault((row.zone, row.grade), [0, 0])
        judged_met[0] += row.clients
        judged_met[1] += row.met
    grid = tuple(
        GridRow(zone, grade, judged, met)
        for (zone, grade), (judged, met) in sorted(
            counts.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0][1])
        )
    )
    return Summary(
        start=result.period_start,
        end=result.period_end,
        example=result.schedule.example,
        zones=zones,
        grid=grid,
        records=records_count,
        left_out=left_out,
    )
