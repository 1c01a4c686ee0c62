"""The district and the city see each station's 跟进达标率 on the dashboard and drill down by
片区 × 分级; experts see the period's compliance by 片区 on the round page. The figures are the
station's stored summary, computed once per state of its records, roster, period and rules:
a new batch is a new state, never a stale figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from followup_base import FollowUpTestCase, record
from openpyxl import load_workbook

from pinggu import (
    TOTAL,
    ComplianceRow,
    ContactSchedule,
    Figure,
    FollowUpResult,
    Method,
    ZoneFollowUp,
)
from pinggu.web.followup import summary
from pinggu.web.models import StoredFollowUp

SCHEDULE = ContactSchedule(
    example=True,
    grades=(),
    counted=(Method.PHONE, Method.VISIT),
    visits=(Method.VISIT,),
    holidays=(),
    min_minutes=3,
    max_per_worker_day=40,
    message_words=(),
)


def zone(name: str, judged: int, met: int, share: str | None, per_year: str) -> ZoneFollowUp:
    return ZoneFollowUp(
        zone=name,
        clients=6,
        households=5,
        phone_calls=Figure(Decimal(120), "电访记录条数"),
        visits=Figure(Decimal(14), "入户探访记录条数"),
        judged=judged,
        met=met,
        met_share=None if share is None else Figure(Decimal(share), "达标 ÷ 判定 × 100%"),
        contacts_per_client_year=Figure(Decimal(per_year), "联系次数 ÷ 人数 ÷ 年数"),
    )


RESULT = FollowUpResult(
    period_start=date(2023, 7, 1),
    period_end=date(2024, 4, 30),
    schedule=SCHEDULE,
    clients=(),
    compliance=(
        ComplianceRow("第二片区", 1, "2023-07", 1, 0),
        ComplianceRow("第一片区", 2, "2023-07", 4, 1),
        ComplianceRow("第一片区", 1, "2023-07", 2, 1),
        ComplianceRow("第一片区", 1, "2023-08", 2, 2),
    ),
    zones=(
        zone("第一片区", 8, 4, "50.00", "24.0"),
        zone("第二片区", 1, 0, "0.00", "1.2"),
        zone(TOTAL, 9, 4, "44.44", "17.1"),
    ),
    patterns=(),
)


class DashboardTests(FollowUpTestCase):
    def stored(self) -> summary.Summary:
        """Station A with one batch and its summary as the engine's result gives it."""
        self.store([record("A01", date(2024, 3, 5))])
        found = summary.from_result(RESULT, 1, 0)
        key = summary._key(self.a, self.round_a)
        assert key is not None
        StoredFollowUp.objects.create(key=key, station=self.a, summary=found.to_json())
        return found

    def test_the_drill_down_sums_counts_by_zone_and_grade_never_averaging_percentages(
        self,
    ) -> None:
        found = summary.from_result(RESULT, 1, 0)
        grid = [(g.zone, g.grade, g.judged, g.met, g.share) for g in found.grid]
        self.assertEqual(
            grid,
            [
                ("第一片区", 1, 4, 3, Decimal("75.00")),  # (1 + 2) ÷ (2 + 2), not (50% + 100%) ÷ 2
                ("第一片区", 2, 4, 1, Decimal("25.00")),
                ("第二片区", 1, 1, 0, Decimal("0.00")),
            ],
        )
        self.assertEqual(summary.Summary.from_json(found.to_json()), found)
        station = found.matrix()[-1]
        self.assertEqual(station[0], TOTAL)
        first_grade = station[1][0]
        assert first_grade is not None
        self.assertEqual((first_grade.judged, first_grade.met), (5, 3))  # both 片区' 1级 summed
        self.assertEqual((station[2].judged, station[2].met), (9, 4))
        self.assertIsNone(found.matrix()[1][1][1])  # 第二片区 has no 2级 client

    def test_the_district_sees_each_stations_rate_and_its_drill_down(self) -> None:
        self.stored()
        self.login(self.bureau)
        page = self.client.get(reverse("dashboard")).content.decode()
        self.assertIn("困难群众跟进", page)
        self.assertIn("44.44%", page)
        drill = reverse("dashboard_followup", args=[self.a.pk])
        self.assertIn(drill, page)
        detail = self.client.get(drill).content.decode()
        self.assertIn("75.00%", detail)
        self.assertIn("60.00%", detail)  # 1级 of the station: 3 of 5
        self.assertIn("分级跟进频次为评估方案中的示例，请以区民政局规定为准", detail)

    def test_the_dashboards_export_holds_the_followup_table(self) -> None:
        self.stored()
        self.login(self.bureau)
        response = self.client.get(reverse("dashboard_export", args=["followup"]))
        book = load_workbook(BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        header = next(r for r in rows if r and "跟进达标率" in r)
        row = next(r for r in rows if r and self.a.name in r)
        self.assertAlmostEqual(float(row[header.index("跟进达标率")]), 0.4444)

    def test_a_station_without_records_says_so_on_the_dashboard(self) -> None:
        self.login(self.bureau)
        page = self.client.get(reverse("dashboard")).content.decode()
        self.assertIn("尚未上传", page)

    def test_a_new_batch_is_a_new_state_of_the_summary_and_of_the_dashboard(self) -> None:
        self.stored()
        before = summary._key(self.a, self.round_a)
        self.login(self.bureau)
        self.assertIn("44.44%", self.client.get(reverse("dashboard")).content.decode())
        self.store([record("A02", date(2024, 3, 6))])
        self.assertNotEqual(summary._key(self.a, self.round_a), before)
        page = self.client.get(reverse("dashboard")).content.decode()
        self.assertIn("第 2 批", page)  # the page was rendered anew for the new batch

    def test_the_experts_see_the_periods_compliance_by_zone_on_the_round_page(self) -> None:
        self.stored()
        self.login(self.expert)
        page = self.client.get(reverse("round", args=[self.round_a.pk])).content.decode()
        self.assertIn("人均每年联系次数", page)
        self.assertIn("50.00%", page)
        self.assertIn("17.1", page)
        self.login(self.station)
        page = self.client.get(reverse("round", args=[self.round_a.pk])).content.decode()
        self.assertNotIn("人均每年联系次数", page)
