"""Who may fill and who may see the performance evaluation (roles.py: edit_performance,
view_performance): the street office (购买方) and the agency's coordinator fill it; the station,
the district bureau, the supervision centre and the city see the 自评表; experts, another
district's bureau and another station see nothing (404, as for a round they cannot see)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse
from web_base import WebTestCase

from pinggu.web import engine


class PerformanceAccessTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)

    def status(self, user: User, name: str, *args: object) -> int:
        self.login(user)
        return self.client.get(reverse(name, args=[self.round_a.pk, *args])).status_code

    def test_the_purchaser_and_the_coordinator_fill_it(self) -> None:
        for user in (self.purchaser, self.coordinator):
            for part in ("budget", "targets", "narrative"):
                self.assertEqual(self.status(user, "performance_edit", part), 200, user)

    def test_the_station_and_the_overseers_see_it_but_cannot_fill_it(self) -> None:
        for user in (self.station, self.bureau, self.centre, self.city):
            self.assertEqual(self.status(user, "performance"), 200, user)
            self.assertEqual(self.status(user, "performance_edit", "budget"), 404, user)
            response = self.client.post(
                reverse("performance_edit", args=[self.round_a.pk, "budget"]),
                {"initial": "1", "annual": "1", "spent": "1"},
            )
            self.assertEqual(response.status_code, 404, user)

    def test_the_station_sees_the_self_evaluation_once_the_report_is_issued(self) -> None:
        # bound rows show the evaluation's own figures (grade, 稳岗率), unissued until then
        self.login(self.purchaser)
        url = reverse("performance_edit", args=[self.round_a.pk, "targets"])
        bound = {
            "t-1-level1": "效益指标",
            "t-1-level2": "可持续影响",
            "t-1-level3": "年度评估等级",
            "t-1-direction": "定性",
            "t-1-target": "达到评估要求",
            "t-1-points": "30",
            "t-1-binding": "评估等级",
        }
        self.assertEqual(
            self.client.post(url, {**bound, "version": self.version()}).status_code, 302
        )
        grade = engine.digest_of(self.round_a)
        assert grade is not None and grade.grade
        self.assertContains(
            self.client.get(reverse("performance", args=[self.round_a.pk])), grade.grade
        )
        self.login(self.station)
        page = self.client.get(reverse("performance", args=[self.round_a.pk]))
        self.assertContains(page, "评估报告出具后可查看自评表")
        self.assertNotContains(page, grade.grade)
        self.assertEqual(self.status(self.station, "performance_report", "docx"), 404)
        self.round_a.state = "report_issued"
        self.round_a.save()
        self.assertContains(
            self.client.get(reverse("performance", args=[self.round_a.pk])), grade.grade
        )

    def test_nobody_else_sees_it(self) -> None:
        outsiders = (
            self.expert,
            self.unassigned_expert,
            self.other_station,
            self.other_bureau,
            self.other_coordinator,
        )
        for user in outsiders:
            self.assertEqual(self.status(user, "performance"), 404, user)
            self.assertEqual(self.status(user, "performance_report", "docx"), 404, user)
            self.assertEqual(self.status(user, "performance_edit", "targets"), 404, user)

    def test_the_round_page_links_to_it_for_those_who_may_see_it(self) -> None:
        link = reverse("performance", args=[self.round_a.pk])
        for user in (self.purchaser, self.station, self.bureau):
            self.login(user)
            self.assertContains(self.client.get(reverse("round", args=[self.round_a.pk])), link)
        self.login(self.expert)
        self.assertNotContains(self.client.get(reverse("round", args=[self.round_a.pk])), link)

    def test_an_unknown_part_or_format_is_not_found(self) -> None:
        self.assertEqual(self.status(self.purchaser, "performance_edit", "scores"), 404)
        self.assertEqual(self.status(self.purchaser, "performance_report", "xlsx"), 404)
