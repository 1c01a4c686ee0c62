"""A station's stored contact records read back as the engine's `ContactData`, over its latest
roster, and which round they belong to: what the follow-up pages read and what a round's
evaluation takes its 服务记录 from (`web/engine.py`), so the pages and the report count the same
records. Kept apart from the upload (`records`), which needs the engine module.
"""

from __future__ import annotations

from dataclasses import dataclass

from pinggu import ContactClient, ContactData, ContactRecord, GradeChange, Method

from ..models import (
    ClientRoster,
    ContactBatch,
    ContactEntry,
    GradeChangeEntry,
    Round,
    Station,
    latest_roster,
)

METHODS = {str(m): m for m in Method}


def current_round(station: Station) -> Round | None:
    """The station's current round: the one whose 考核期 ends last (a final before a mid-term
    ending the same day). Its period and 到岗 check the records; its scheme judges them."""
    return Round.objects.filter(station=station).order_by("-period_end", "kind").first()


@dataclass(frozen=True)
class StationContacts:
    """The station's stored records as the engine's ContactData, over its latest roster."""

    data: ContactData
    roster: ClientRoster
    left_out: int  # stored records of clients no longer on the latest roster (not counted)


def latest_batch(station: Station) -> ContactBatch | None:
    return ContactBatch.objects.filter(station=station).order_by("-number").first()


def contact_clients(roster: ClientRoster) -> tuple[ContactClient, ...]:
    """A stored roster's clients as the follow-up rules see them, in the roster's order (those
    without a usable phone included)."""
    return tuple(
        ContactClient(
            number=c.number,
            household=c.household,
            zone=c.zone,
            community=c.community,
            grade=c.level,
            filed=c.filed,
            closed=c.closed,
        )
        for c in roster.clients.order_by("pk")
    )


def station_contacts(station: Station, *, details: bool = True) -> StationContacts | None:
    """The stored records and grade changes with the latest roster's clients (in the roster's
    order); None before any roster or any batch. Without `details` the records carry only
    what the overdue list reads (client, date, 方式, 社工): a third of the reading."""
    roster = latest_roster(station)
    if roster is None or latest_batch(station) is None:
        return None
    clients = contact_clients(roster)
    known = {c.number for c in clients}
    fields: tuple[str, ...] = ("client", "on", "method", "worker")
    if details:
        fields += ("at", "minutes", "greeting", "note", "row")
    stored = ContactEntry.objects.filter(station=station).order_by("on", "pk").values_list(*fields)
    records = []
    left_out = 0
    for client, on, method, worker, *more in stored.iterator(5000):
        if client not in known:
            left_out += 1
            continue
        records.append(ContactRecord(client, on, METHODS[method], worker, *more))
    changes = tuple(
        GradeChange(client, on, grade)
        for client, on, grade in GradeChangeEntry.objects.filter(station=station)
        .order_by("on", "pk")
        .values_list("client", "on", "grade")
        if client in known
    )
    return StationContacts(ContactData(clients, changes, tuple(records)), roster, left_out)
