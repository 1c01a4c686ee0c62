"""Each party enters its own scores in a form; the result is computed from them live."""

from __future__ import annotations

import re

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import AuditEntry, ScoreEntry


class ScoreFormTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a, scores=False)
        self.url = reverse("scores", args=[self.round_a.pk])

    def test_an_expert_scores_every_dimension_and_each_zone(self) -> None:
        self.login(self.expert)
        page = self.client.get(self.url)
        self.assertContains(page, "第三方评估机构评分")
        for label in (
            "服务监测",
            "服务成效",
            "运营管理",
            "服务质量（第一片区）",
            "服务质量（第三片区）",
        ):
            self.assertContains(page, label)
        posted = {
            "服务监测|": "9.5",
            "服务成效|": "12.2",
            "运营管理|": "8.76",
            "服务质量|第一片区": "15.34",
        }
        self.assertRedirects(
            self.client.post(self.url, posted), reverse("round", args=[self.round_a.pk])
        )
        stored = {
            (s.dimension, s.zone): str(s.score)
            for s in ScoreEntry.objects.filter(judge=self.expert)
        }
        self.assertEqual(stored[("服务质量", "第一片区")], "15.34")
        self.assertEqual(
            AuditEntry.objects.get(action="录入评分（第三方评估机构）").user, self.expert
        )

    def test_a_score_above_the_scale_is_refused_and_nothing_saved(self) -> None:
        self.login(self.expert)
        response = self.client.post(self.url, {"服务监测|": "10.5", "服务成效|": "abc"})
        self.assertContains(response, "服务监测：应为 0 到 10 之间", status_code=400)
        self.assertContains(response, "服务成效：「abc」不是数字", status_code=400)
        self.assertEqual(ScoreEntry.objects.count(), 0)

    def test_the_wrong_fields_are_marked_and_keep_what_was_typed(self) -> None:
        self.login(self.expert)
        posted = {"服务监测|": "10.5", "服务成效|": "12", "运营管理|": "abc"}
        html = self.client.post(self.url, posted).content.decode()
        marked = re.findall(r'<input[^>]*name="([^"]+)"[^>]*aria-invalid="true"', html)
        self.assertEqual(marked, ["服务监测|", "运营管理|"])
        self.assertIn('value="12"', html)  # the valid entry is not lost

    def test_the_purchaser_enters_one_score_and_sees_it_in_the_result(self) -> None:
        self.login(self.purchaser)
        page = self.client.get(self.url)
        self.assertContains(page, "购买方评分")
        self.assertNotContains(page, "服务监测")
        self.client.post(self.url, {"购买方|": "19.5"})
        round_page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(round_page, '<td class="num">19.50</td>')

    def test_the_result_shown_follows_each_change_of_score(self) -> None:
        # The result is cached per round revision; a new score must never show the old one.
        self.login(self.purchaser)
        round_url = reverse("round", args=[self.round_a.pk])
        for typed, shown in (("19.5", "19.50"), ("17", "17.00"), ("18.25", "18.25")):
            self.client.post(self.url, {"购买方|": typed, "version": self.version()})
            self.assertContains(self.client.get(round_url), f'<td class="num">{shown}</td>')

    def test_when_every_party_has_scored_the_total_and_grade_appear(self) -> None:
        self.round_a.scores.all().delete()
        self.give_data_scores_only()
        self.login(self.coordinator)
        self.assertContains(
            self.client.get(reverse("round", args=[self.round_a.pk])), "87.81 分 · 良好"
        )

    def give_data_scores_only(self) -> None:
        from django.contrib.auth.models import User
        from web_base import evaluation_for

        from pinggu.web.rounds.scoring import seed_from_evaluation

        evaluation = evaluation_for("甲")
        users = {
            j: User.objects.get_or_create(username=f"评委-{j}")[0]
            for j in {r.judge for r in evaluation.scores}
        }
        seed_from_evaluation(self.round_a, evaluation, users, self.coordinator)

    def test_station_coordinator_and_outsiders_have_no_score_form(self) -> None:
        for user in (
            self.station,
            self.coordinator,
            self.city,
            self.other_station,
            self.unassigned_expert,
        ):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)

    def test_scores_are_locked_once_the_report_is_issued(self) -> None:
        self.round_a.locked = True
        self.round_a.save()
        self.login(self.expert)
        self.assertContains(
            self.client.post(self.url, {"服务监测|": "9"}), "报告出具后评分已锁定", status_code=400
        )
        self.assertEqual(ScoreEntry.objects.count(), 0)
