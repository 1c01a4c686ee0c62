"""跟进提醒 lists the station's overdue clients with names masked as the survey masks them,
filtered by 片区, 社区, 分级 and 社工 from the page's GET parameters; the filters are kept by the
export link, and the export holds the filtered rows."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.urls import reverse
from followup_base import FollowUpTestCase, record
from openpyxl import load_workbook
from survey_base import NAMES

from pinggu import Method

ALL_CLIENTS = ["A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02", "B03", "B04"]


class ReminderTests(FollowUpTestCase):
    def setUp(self) -> None:
        super().setUp()
        # one contact with each client in 2024: by today every client is due again
        self.store(
            [
                record(
                    c, date(2024, 3, 1 + n), Method.PHONE, worker="SG02" if c[0] == "B" else "SG01"
                )
                for n, c in enumerate(ALL_CLIENTS)
            ]
        )
        self.login(self.station)

    def page(self, **query: str) -> str:
        response = self.client.get(reverse("followup", args=[self.a.pk]), query)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_every_overdue_client_is_listed_with_the_name_masked(self) -> None:
        page = self.page()
        for number in ALL_CLIENTS:
            self.assertIn(f"<td>{number}</td>", page)
        self.assertIn("<td>欧***</td>", page)
        for name in NAMES:
            self.assertNotIn(name, page)  # no full name anywhere, not even in a filter

    def test_it_filters_by_zone_grade_and_worker(self) -> None:
        page = self.page(zone="第二片区")
        self.assertIn("<td>B01</td>", page)
        self.assertNotIn("<td>A01</td>", page)
        page = self.page(grade="1")
        self.assertIn("<td>A02</td>", page)
        self.assertIn("<td>B02</td>", page)
        self.assertNotIn("<td>A01</td>", page)
        page = self.page(worker="SG02")
        self.assertIn("<td>B03</td>", page)
        self.assertNotIn("<td>A03</td>", page)
        page = self.page(community="西街社区")
        self.assertIn("<td>A03</td>", page)
        self.assertNotIn("<td>A01</td>", page)

    def test_the_export_keeps_the_filters_and_holds_the_filtered_rows(self) -> None:
        page = self.page(zone="第二片区", grade="1")
        export = reverse("followup_export", args=[self.a.pk])
        self.assertIn(f"{export}?zone=%E7%AC%AC%E4%BA%8C%E7%89%87%E5%8C%BA&amp;grade=1", page)
        response = self.client.get(export, {"zone": "第二片区", "grade": "1"})
        book = load_workbook(BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
        rows = [[c.value for c in row] for row in book["跟进提醒"].iter_rows(min_row=3)]
        self.assertEqual([(r[0], r[1]) for r in rows], [("B02", "黄*")])

    def test_the_example_schedule_is_said_to_be_one(self) -> None:
        self.assertIn("分级跟进频次为评估方案中的示例，请以区民政局规定为准", self.page())
