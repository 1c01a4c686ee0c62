"""Each role sees only its own stations and its own part; everyone else gets a 404."""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import Conflict


class RoundPageTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.url = reverse("round", args=[self.round_a.pk])

    def test_every_party_of_the_round_sees_it(self) -> None:
        for user in (
            self.coordinator,
            self.expert,
            self.purchaser,
            self.centre,
            self.bureau,
            self.city,
        ):
            self.login(user)
            response = self.client.get(self.url)
            self.assertEqual(response.status_code, 200, user.username)
            self.assertContains(response, "87.81 分 · 良好")

    def test_the_station_sees_its_result_once_the_report_is_issued(self) -> None:
        self.login(self.station)
        self.assertContains(self.client.get(self.url), "各方评分与结果在报告出具后向社工站公开")
        self.assertNotContains(self.client.get(self.url), "87.81")
        self.round_a.state = "report_issued"
        self.round_a.save()
        self.assertContains(self.client.get(self.url), "87.81 分 · 良好")

    def test_another_station_another_district_or_agency_gets_404(self) -> None:
        for user in (
            self.other_station,
            self.other_bureau,
            self.other_coordinator,
            self.unassigned_expert,
        ):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)

    def test_a_recused_expert_sees_nothing_of_the_station(self) -> None:
        Conflict.objects.create(expert=self.expert, station=self.a, reason="曾任该站督导")
        self.login(self.expert)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertNotContains(self.client.get(reverse("home")), self.a.name)

    def test_a_conflict_with_the_operator_also_recuses(self) -> None:
        Conflict.objects.create(
            expert=self.expert, operator=self.a.operator, reason="在承办机构兼职"
        )
        self.login(self.expert)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_anonymous_users_are_sent_to_login(self) -> None:
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_home_lists_only_visible_rounds(self) -> None:
        self.login(self.station)
        page = self.client.get(reverse("home"))
        self.assertContains(page, self.a.name)
        self.assertNotContains(page, self.b.name)
        self.login(self.city)
        page = self.client.get(reverse("home"))
        self.assertContains(page, self.a.name)
        self.assertContains(page, self.b.name)


class AuditLogTests(WebTestCase):
    def test_coordinator_and_district_see_the_log_and_no_one_else(self) -> None:
        url = reverse("audit", args=[self.round_a.pk])
        for user in (self.coordinator, self.bureau):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 200, user.username)
        for user in (
            self.station,
            self.expert,
            self.purchaser,
            self.other_bureau,
            self.other_coordinator,
        ):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, user.username)


class ReportDownloadTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.url = reverse("report", args=[self.round_a.pk, "docx"])

    def test_coordinator_downloads_the_audited_report(self) -> None:
        self.login(self.coordinator)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(quote("甲街社工服务站末期评估报告.docx"), response["Content-Disposition"])
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        self.assertTrue(body.startswith(b"PK"))

    def test_station_gets_the_report_only_once_issued(self) -> None:
        self.login(self.station)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.round_a.state = "report_issued"
        self.round_a.save()
        response = self.client.get(self.url)
        response.close()  # the report file, opened for streaming
        self.assertEqual(response.status_code, 200)

    def test_experts_and_other_stations_get_404(self) -> None:
        for user in (self.expert, self.other_station, self.other_bureau):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)
