"""Who may open a station's follow-up: 跟进提醒 for the station, its purchaser (the street), its
district's bureau, the supervision centre and the coordinators and experts of its rounds; the
upload for the station and the coordinator; the dashboard's drill-down for the dashboard's roles
of its district or the city. Everyone else gets a 404, as for a station that does not exist."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse
from followup_base import FollowUpTestCase


class AccessTests(FollowUpTestCase):
    def status(self, user: User, name: str, post: bool = False) -> int:
        self.login(user)
        url = reverse(name, args=[self.a.pk])
        return (self.client.post(url) if post else self.client.get(url)).status_code

    def personas(self) -> dict[str, User]:
        return {
            "coordinator": self.coordinator,
            "expert": self.expert,
            "unassigned_expert": self.unassigned_expert,
            "station": self.station,
            "other_station": self.other_station,
            "purchaser": self.purchaser,
            "centre": self.centre,
            "bureau": self.bureau,
            "other_bureau": self.other_bureau,
            "city": self.city,
            "other_coordinator": self.other_coordinator,
        }

    def test_each_role_sees_the_reminders_of_its_own_stations_only(self) -> None:
        allowed = {"coordinator", "expert", "station", "purchaser", "centre", "bureau"}
        for name, user in self.personas().items():
            for page in ("followup", "followup_export"):
                with self.subTest(name, page=page):
                    self.assertEqual(self.status(user, page), 200 if name in allowed else 404)

    def test_only_the_station_and_the_coordinator_may_upload_records(self) -> None:
        for name, user in self.personas().items():
            with self.subTest(name):
                # allowed: the form is refused for want of a file (400), never stored
                expected = 400 if name in {"station", "coordinator"} else 404
                self.assertEqual(self.status(user, "followup_upload", post=True), expected)

    def test_the_drill_down_is_the_dashboards_own_in_its_scope(self) -> None:
        allowed = {"coordinator", "centre", "bureau", "city"}
        for name, user in self.personas().items():
            with self.subTest(name):
                self.assertEqual(
                    self.status(user, "dashboard_followup"), 200 if name in allowed else 404
                )

    def test_a_station_that_does_not_exist_is_a_404_even_for_the_city(self) -> None:
        self.login(self.city)
        self.assertEqual(
            self.client.get(reverse("dashboard_followup", args=[999])).status_code, 404
        )

    def test_the_round_page_links_to_the_reminders_and_shows_compliance_to_the_evaluators(
        self,
    ) -> None:
        url = reverse("round", args=[self.round_a.pk])
        self.login(self.station)
        page = self.client.get(url).content.decode()
        self.assertIn(reverse("followup", args=[self.a.pk]), page)
        self.assertIn("跟进提醒与上传服务记录", page)
        self.assertNotIn("本站尚未上传服务记录", page)  # the compliance is the evaluators'
        self.login(self.expert)
        page = self.client.get(url).content.decode()
        self.assertIn("本站尚未上传服务记录", page)

    def test_the_station_finds_its_reminders_on_the_home_page(self) -> None:
        self.login(self.station)
        page = self.client.get(reverse("home")).content.decode()
        self.assertIn(reverse("followup", args=[self.a.pk]), page)
