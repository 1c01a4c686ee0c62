"""The coordinator creates a round and assigns experts; a recused expert cannot be assigned."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from web_base import WebTestCase

from pinggu.web.models import Conflict, Round


class NewRoundTests(WebTestCase):
    def form(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "station": self.b.pk,
            "kind": "midterm",
            "period_start": "2024-08-06",
            "period_end": "2025-01-31",
            "fieldwork_date": "2025-02-21",
            "experts": [self.expert.pk],
        }
        data.update(changes)
        return data

    def test_the_coordinator_creates_a_round_with_experts(self) -> None:
        self.login(self.coordinator)
        response = self.client.post(reverse("new_round"), self.form())
        round_ = Round.objects.get(station=self.b, kind="midterm")
        self.assertRedirects(response, reverse("round", args=[round_.pk]))
        self.assertEqual(list(round_.experts.all()), [self.expert])
        self.assertEqual(round_.evaluator, self.agency)
        self.assertTrue(round_.audit.filter(action="创建评估").exists())
        self.login(self.expert)
        self.assertEqual(self.client.get(reverse("round", args=[round_.pk])).status_code, 200)

    def test_a_recused_expert_cannot_be_assigned(self) -> None:
        Conflict.objects.create(
            expert=self.expert, operator=self.b.operator, reason="在承办机构兼职"
        )
        self.login(self.coordinator)
        response = self.client.post(reverse("new_round"), self.form())
        self.assertContains(
            response, "已声明回避（在承办机构兼职），不能评估乙街社工服务站", status_code=400
        )
        self.assertFalse(Round.objects.filter(station=self.b, kind="midterm").exists())

    def test_bad_dates_are_refused(self) -> None:
        self.login(self.coordinator)
        response = self.client.post(
            reverse("new_round"), self.form(period_start="2025-03-01", fieldwork_date="明天")
        )
        self.assertContains(response, "请填写考核期开始、结束和实地评估日期", status_code=400)

    def test_the_plan_step_is_completed_on_the_plan_date_given(self) -> None:
        self.login(self.coordinator)
        self.client.post(reverse("new_round"), self.form(planned="2025-01-10"))
        round_ = Round.objects.get(station=self.b, kind="midterm")
        self.assertEqual(round_.steps.get(step="plan").completed_on, date(2025, 1, 10))
        self.assertContains(self.client.get(reverse("round", args=[round_.pk])), "2025年1月10日")

    def test_an_empty_plan_date_is_today(self) -> None:
        self.login(self.coordinator)
        self.client.post(reverse("new_round"), self.form())
        plan = Round.objects.get(station=self.b, kind="midterm").steps.get(step="plan")
        self.assertEqual(plan.completed_on, timezone.localdate())

    def test_a_plan_date_after_fieldwork_or_in_the_future_is_refused(self) -> None:
        self.login(self.coordinator)
        for planned, message in (
            ("2025-03-01", "计划日期 2025-03-01 晚于实地评估日期 2025-02-21"),
            ("2999-01-01", "计划日期 2999-01-01 晚于今天"),
            ("下周", "计划日期「下周」不是日期"),
        ):
            response = self.client.post(reverse("new_round"), self.form(planned=planned))
            self.assertContains(response, message, status_code=400)
        self.assertFalse(Round.objects.filter(station=self.b, kind="midterm").exists())

    def test_a_second_round_of_a_kind_over_an_overlapping_period_is_refused(self) -> None:
        self.login(self.coordinator)
        self.client.post(reverse("new_round"), self.form())
        response = self.client.post(
            reverse("new_round"), self.form(period_start="2024-09-01", period_end="2025-02-28")
        )
        self.assertContains(
            response,
            "乙街社工服务站已有考核期 2024-08-06—2025-01-31 的中期评估，与所填考核期重叠",
            status_code=400,
        )
        self.assertEqual(Round.objects.filter(station=self.b, kind="midterm").count(), 1)
        # Another kind over the same period is a round of its own.
        response = self.client.post(reverse("new_round"), self.form(kind="final"))
        self.assertEqual(response.status_code, 302)

    def test_the_database_refuses_a_second_round_of_a_kind_for_one_period(self) -> None:
        from django.db import IntegrityError, transaction

        final = self.round_a
        with self.assertRaises(IntegrityError), transaction.atomic():
            Round.objects.create(
                station=final.station,
                evaluator=final.evaluator,
                kind=final.kind,
                period_start=final.period_start,
                period_end=final.period_end + timedelta(days=1),
                fieldwork_date=final.fieldwork_date,
            )

    def test_only_coordinators_may_create(self) -> None:
        for user in (self.expert, self.station, self.bureau, self.city):
            self.login(user)
            self.assertEqual(self.client.get(reverse("new_round")).status_code, 404, user.username)
