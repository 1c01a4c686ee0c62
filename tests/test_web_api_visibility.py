"""The read API sees exactly what the pages see: for every persona of the test data and every
round, the API answers a round with 200 or 404 exactly as the round page does, lists exactly
the rounds the home page lists, and shows the result exactly when the round page shows it
(access.py and roles.py decide both)."""

from __future__ import annotations

from api_base import ApiTestCase
from django.urls import reverse


class ApiVisibilityTests(ApiTestCase):
    def test_every_persona_sees_every_round_and_its_result_through_the_api_as_on_the_pages(
        self,
    ) -> None:
        personas, rounds = self.personas(), self.rounds()
        self.assertGreaterEqual(len(personas), 11)
        self.assertEqual(len(rounds), 4)
        seen: dict[tuple[str, int], tuple[int, bool]] = {}
        mismatches = []
        for name, user in personas.items():
            token = self.token_for(user)
            self.client.force_login(user)
            listed = {r["id"]: r for r in self.api("/api/rounds", token).json()}
            home = {r.pk for r in self.client.get(reverse("home")).context["rounds"]}
            if set(listed) != home:
                mismatches.append(f"{name}: API lists {sorted(listed)}, home page {sorted(home)}")
            for round_ in rounds:
                page = self.client.get(reverse("round", args=[round_.pk]))
                page_result = page.status_code == 200 and bool(
                    page.context["show_result"] and page.context["result"] is not None
                )
                one = self.api(f"/api/rounds/{round_.pk}", token)
                result = self.api(f"/api/rounds/{round_.pk}/result", token)
                api_result = result.status_code == 200
                if (one.status_code, api_result) != (page.status_code, page_result):
                    mismatches.append(
                        f"{name} × round {round_.pk}: page {page.status_code}/result "
                        f"{page_result}, API {one.status_code}/result {api_result}"
                    )
                if one.status_code == 200:
                    self.assertEqual(one.json(), listed[round_.pk])
                    self.assertEqual(
                        one.json()["result_visible"], bool(page.context["show_result"])
                    )
                seen[name, round_.pk] = (page.status_code, page_result)
            self.client.logout()
        self.assertEqual(mismatches, [])
        # The matrix is not trivial: the rules the pages apply are the ones asserted here.
        a, issued, b = self.round_a.pk, self.round_a_issued.pk, self.round_b.pk
        self.assertEqual(seen["station", a], (200, False), "no result before the report")
        self.assertEqual(seen["station", issued], (200, True), "the issued report's result")
        self.assertEqual(seen["other_station", a], (404, False))
        self.assertEqual(seen["unassigned_expert", a], (404, False))
        self.assertEqual(seen["expert", a], (200, True))
        self.assertEqual(seen["other_bureau", a], (404, False))
        self.assertEqual(seen["city", b], (200, True))
        self.assertEqual(seen["coordinator", self.round_a_planned.pk], (200, False), "no data")

    def test_the_round_list_carries_grade_and_total_only_where_the_result_is_visible(
        self,
    ) -> None:
        listed = {r["id"]: r for r in self.api("/api/rounds", self.token_for(self.station)).json()}
        hidden, shown = listed[self.round_a.pk], listed[self.round_a_issued.pk]
        self.assertEqual(
            (hidden["result_visible"], hidden["grade"], hidden["total_score"]), (False, None, None)
        )
        self.assertTrue(shown["result_visible"])
        self.assertIsNotNone(shown["grade"])
        self.assertIsInstance(shown["total_score"], float)

    def test_a_round_the_user_may_not_see_is_a_chinese_404_like_a_missing_one(self) -> None:
        token = self.token_for(self.other_station)
        hidden = self.api(f"/api/rounds/{self.round_a.pk}", token)
        missing = self.api("/api/rounds/999999", token)
        self.assertEqual((hidden.status_code, missing.status_code), (404, 404))
        self.assertEqual(hidden.json(), missing.json())
        self.assertEqual(hidden.json()["detail"], "没有这个评估，或您无权查看")
        result = self.api(f"/api/rounds/{self.round_a.pk}/result", token)
        self.assertEqual(result.json(), missing.json())

    def test_a_station_is_told_in_chinese_why_its_result_is_not_there_yet(self) -> None:
        answer = self.api(f"/api/rounds/{self.round_a.pk}/result", self.token_for(self.station))
        self.assertEqual(answer.status_code, 404)
        self.assertEqual(answer.json()["detail"], "报告出具前您无权查看此评估的结果")
        planned = self.api(
            f"/api/rounds/{self.round_a_planned.pk}/result", self.token_for(self.coordinator)
        )
        self.assertEqual(planned.status_code, 404)
        self.assertEqual(planned.json()["detail"], "此评估尚未上传数据，还没有结果")
