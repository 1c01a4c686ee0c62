"""The demo's follow-up part: a year of synthetic contact records (服务记录, with a few grade
changes) for every demo station, over its current round's 考核期 up to today, made by the
workers in post each month of the round's data, stored as the station's first batch — so
跟进提醒, the round page's card and the dashboard's 困难群众跟进 table have something to show.
Loading it twice changes nothing. Everyone is invented.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.contrib.auth.models import User

from pinggu import synthetic_contacts

from .. import engine
from ..followup import records, stored
from ..models import Membership, Role, Station, latest_roster


def load_followup_demo(
    stations: dict[str, Station], users: dict[str, User], today: date, created: list[str]
) -> None:
    for street, station in stations.items():
        round_ = stored.current_round(station)
        roster = latest_roster(station)
        data = engine.data_of(round_) if round_ is not None else None
        if round_ is None or roster is None or data is None or stored.latest_batch(station):
            continue
        months = sorted({a.month for a in data.attendance})
        posts = {
            m: [a.worker_id for a in data.attendance if a.month == m and a.value] for m in months
        }
        end = min(round_.period_end, today)
        contacts = synthetic_contacts(
            stored.contact_clients(roster), posts, round_.period_start, end, seed=street
        )
        if not contacts.records:
            continue
        staff = Membership.objects.filter(role=Role.STATION, station=station).first()
        uploader = staff.user if staff else users["coordinator"]
        digest = hashlib.sha256(f"demo-records-{street}".encode()).hexdigest()
        batch = records.store_batch(
            station, round_, roster, contacts, uploader, "服务记录（演示）.xlsx", digest
        )
        created.append(f"服务记录：{station.name}（{batch.batch.records} 条）")
