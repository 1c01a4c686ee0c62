"""The station's client roster (服务对象名册): uploaded alone (.xlsx or .csv) or as a sheet of the
evaluation workbook, validated by the engine, stored as a new numbered version of the station
(with each client's 建档日期 and 结案日期, and the clients without a usable phone, who are never
drawn but are followed up: docs/contacts.md).

All or nothing: a roster with any problem is refused with every problem located (sheet, row,
column) and nothing is stored. The counts shown to everyone are aggregates; names and phone
numbers stay in `RosterClient` rows.
"""

from __future__ import annotations

from dataclasses import asdict

from django.contrib.auth.models import User
from django.db import transaction

from pinggu import ROSTER_SHEET, Client, Roster, named_sheets, parse_roster

from .. import audit, uploads
from ..models import ClientRoster, RosterClient, Round, Station, latest_roster

CATEGORY_SEPARATOR = "、"


def roster_in_sheets(sheets: dict[str, uploads.Rows]) -> Roster | None:
    """The 服务对象名册 sheet of an evaluation workbook, validated; None when it has none or
    it is left empty."""
    found = named_sheets(sheets, [ROSTER_SHEET]).get(ROSTER_SHEET)  # two of one: refused
    if found is None:
        return None
    rows = found.rows
    filled = [i for i, row in enumerate(rows) if not all(uploads.blank(c) for c in row)]
    if len(filled) <= 1:  # the blank template's sheet: a header (or nothing), no clients
        return None
    return parse_roster(rows, sheet=found.name)


@transaction.atomic
def store_roster(
    round_: Round, roster: Roster, user: User, filename: str, *, via: str = ""
) -> ClientRoster:
    """The roster as the station's next version, logged on the round it was uploaded through."""
    station = Station.objects.select_for_update().get(pk=round_.station_id)
    previous = latest_roster(station)
    counts = roster.counts()
    stored = ClientRoster.objects.create(
        station=station,
        number=previous.number + 1 if previous else 1,
        fingerprint=roster.fingerprint(),
        filename=filename,
        uploaded_by=user,
        clients_count=counts.clients,
        households_count=counts.households,
        counts=asdict(counts),
    )
    RosterClient.objects.bulk_create(
        RosterClient(
            roster=stored,
            number=c.number,
            name=c.name,
            household=c.household,
            zone=c.zone,
            community=c.community,
            categories=CATEGORY_SEPARATOR.join(c.categories),
            level=c.level,
            phone=c.phone,
            note=c.note,
            filed=c.filed,
            closed=c.closed,
            drawable=drawable,
        )
        for clients, drawable in ((roster.clients, True), (roster.unreachable, False))
        for c in clients
    )
    audit.record(
        round_,
        user,
        "上传服务对象名册",
        old={"version": previous.number, "fingerprint": previous.fingerprint} if previous else None,
        new={
            "version": stored.number,
            "filename": filename,
            "fingerprint": stored.fingerprint,
            "clients": stored.clients_count,
            **({"via": via} if via else {}),
        },
    )
    return stored


def engine_roster(stored: ClientRoster) -> Roster:
    """The stored version as the engine's Roster (for drawing and re-checking a draw, and for
    checking contact records): the clients without a usable phone are its `unreachable`."""
    clients = [_client(c) for c in stored.clients.order_by("number")]
    return Roster(
        tuple(c for c, row in clients if row.drawable),
        unreachable=tuple(c for c, row in clients if not row.drawable),
    )


def _client(row: RosterClient) -> tuple[Client, RosterClient]:
    categories = tuple(row.categories.split(CATEGORY_SEPARATOR)) if row.categories else ()
    client = Client(
        number=row.number,
        name=row.name,
        household=row.household,
        zone=row.zone,
        community=row.community,
        categories=categories,
        level=row.level,
        phone=row.phone,
        note=row.note,
        filed=row.filed,
        closed=row.closed,
    )
    return client, row


def counts_tables(stored: ClientRoster) -> dict[str, list[tuple[str, ...]]]:
    """The stored counts as rows for the page: by 片区, 社区, category and level (no names)."""
    counts = stored.counts
    return {
        "by_zone": [(zone, str(n)) for zone, n in counts["by_zone"]],
        "by_community": [
            (zone, community, str(n)) for zone, community, n in counts["by_community"]
        ],
        "by_category": [(category, str(n)) for category, n in counts["by_category"]],
        "by_level": [(f"{level} 级", str(n)) for level, n in counts["by_level"]],
    }
