"""Station A's contact records for the follow-up's web tests: the survey's ten-client roster
(survey_base) and records built by hand (the engine's own types), stored as batches through
the same code an upload goes through after the engine has checked the file."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User
from survey_base import SurveyTestCase

from pinggu import ContactData, ContactRecord, GradeChange, Method
from pinggu.web.followup import records
from pinggu.web.models import ContactBatch


def record(
    client: str, on: date, method: Method = Method.PHONE, worker: str = "SG01"
) -> ContactRecord:
    return ContactRecord(client=client, on=on, method=method, worker=worker, minutes=15)


def daily(clients: list[str], first: date, last: date) -> list[ContactRecord]:
    """One 电访 a day with each client, from `first` to `last`."""
    days = (last - first).days + 1
    return [record(c, first + timedelta(n)) for n in range(days) for c in clients]


class FollowUpTestCase(SurveyTestCase):
    """Round A (考核期 2023-07-01 – 2024-04-30) with data, the roster of ten clients (A01–A06,
    B01–B04) stored by the station."""

    def store(
        self,
        found: list[ContactRecord],
        changes: tuple[GradeChange, ...] = (),
        digest: str = "",
        user: User | None = None,
    ) -> records.Stored:
        data = ContactData(clients=(), changes=changes, records=tuple(found))
        roster = records.latest_roster(self.a)
        assert roster is not None
        return records.store_batch(
            self.a,
            self.round_a,
            roster,
            data,
            user or self.station,
            "服务记录.xlsx",
            digest or f"digest-{ContactBatch.objects.count()}",
        )
