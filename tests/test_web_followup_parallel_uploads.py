"""The same file of records sent twice at the same moment (a double click, two tabs) is stored
once: both requests succeed, one stores the batch and the other is told 「此文件已上传」. Real
threads with their own connections, on SQLite and on PostgreSQL (as test_web_parallel_saves.py).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TransactionTestCase
from django.urls import reverse
from survey_base import CLIENTS, HEADER
from test_web_parallel_saves import race
from web_base import Personas

from pinggu import parse_roster
from pinggu.web.models import ContactBatch, ContactEntry
from pinggu.web.survey import rosters

ATTEMPTS = 3


class ParallelUploadTests(Personas, TransactionTestCase):
    serialized_rollback = True  # keeps the calendar the migrations seeded for later tests

    def setUp(self) -> None:
        self.make_personas()
        self.give_data(self.round_a, scores=False)
        rosters.store_roster(
            self.round_a, parse_roster([HEADER, *CLIENTS]), self.station, "名册.csv"
        )

    def test_the_same_file_sent_twice_at_once_is_stored_once(self) -> None:
        url = reverse("followup_upload", args=[self.a.pk])
        tabs = [Client(raise_request_exception=False) for _ in range(2)]
        for tab in tabs:
            tab.force_login(self.station)
        for attempt in range(ATTEMPTS):
            day = f"2024-03-{10 + attempt}"
            text = f"服务对象编号,日期,方式,社工\nA01,{day},电访,SG01\nA02,{day},电访,SG01\n"

            def post(tab: Client, body: bytes = text.encode()) -> int:
                return tab.post(url, {"records": SimpleUploadedFile("记录.csv", body)}).status_code

            statuses = race(*(lambda tab=tab: post(tab) for tab in tabs))
            self.assertEqual(statuses, [302, 302], attempt)
            self.assertEqual(ContactBatch.objects.count(), attempt + 1)
            self.assertEqual(ContactEntry.objects.count(), 2 * (attempt + 1))
