"""Until the fieldwork the coordinator changes a round's period, dates, experts and notes, and
deletes a round nobody has put anything into, after confirming; both are logged."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import AuditEntry, Conflict, Round, StepRecord


class EditRoundTests(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("edit_round", args=[self.round_a.pk])

    def form(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "period_start": "2023-07-01",
            "period_end": "2024-04-30",
            "fieldwork_date": "2024-05-28",
            "experts": [self.expert.pk, self.unassigned_expert.pk],
            "notes": "实地评估改在下午",
        }
        data.update(changes)
        return data

    def test_the_coordinator_sees_and_changes_the_plan_and_it_is_logged(self) -> None:
        self.login(self.coordinator)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "评估专家：expert")
        self.assertContains(page, self.url)
        response = self.client.post(self.url, self.form(), follow=True)
        self.assertContains(response, "已保存评估安排")
        self.assertContains(response, "备注：实地评估改在下午")
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.fieldwork_date, date(2024, 5, 28))
        self.assertEqual(set(self.round_a.experts.all()), {self.expert, self.unassigned_expert})
        entry = AuditEntry.objects.get(round=self.round_a, action="修改评估")
        self.assertEqual(entry.old["experts"], ["expert"])
        self.assertEqual(entry.new["experts"], ["expert", "expert_unassigned"])
        self.assertNotIn("period", entry.new)  # only what changed
        self.login(self.unassigned_expert)
        self.assertEqual(self.client.get(reverse("round", args=[self.round_a.pk])).status_code, 200)

    def test_a_recused_expert_or_a_backwards_period_is_refused_and_nothing_saved(self) -> None:
        Conflict.objects.create(
            expert=self.unassigned_expert, station=self.a, reason="曾在该站任职"
        )
        self.login(self.coordinator)
        response = self.client.post(self.url, self.form())
        self.assertContains(response, "已声明回避（曾在该站任职）", status_code=400)
        response = self.client.post(self.url, self.form(period_start="2024-05-01", experts=[]))
        self.assertContains(response, "考核期开始不能晚于结束", status_code=400)
        self.round_a.refresh_from_db()
        self.assertEqual(
            (self.round_a.notes, list(self.round_a.experts.all())), ("", [self.expert])
        )
        self.assertFalse(AuditEntry.objects.filter(action="修改评估").exists())

    def test_after_the_fieldwork_the_plan_cannot_change(self) -> None:
        StepRecord.objects.create(
            round=self.round_a,
            step="fieldwork",
            completed_on=date(2024, 5, 20),
            by=self.coordinator,
        )
        self.login(self.coordinator)
        self.assertNotContains(self.client.get(reverse("round", args=[self.round_a.pk])), self.url)
        response = self.client.post(self.url, self.form())
        self.assertContains(response, "实地评估已完成", status_code=400)
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.notes, "")

    def test_nobody_but_the_rounds_coordinator_may_change_it(self) -> None:
        for user in (self.expert, self.station, self.bureau, self.city, self.other_coordinator):
            self.login(user)
            self.assertEqual(self.client.post(self.url, self.form()).status_code, 404, user)
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.notes, "")


class DeleteRoundTests(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("delete_round", args=[self.round_a.pk])

    def test_deleting_asks_first_and_the_log_keeps_the_round(self) -> None:
        self.login(self.coordinator)
        self.client.post(
            reverse("edit_round", args=[self.round_a.pk]),
            {
                "period_start": "2023-07-01",
                "period_end": "2024-04-30",
                "fieldwork_date": "2024-05-28",
                "notes": "待定",
            },
        )
        self.assertContains(self.client.get(self.url), "确定删除吗")
        self.client.post(self.url)  # not confirmed
        self.assertTrue(Round.objects.filter(pk=self.round_a.pk).exists())
        response = self.client.post(self.url, {"confirm": "yes"}, follow=True)
        self.assertContains(response, "已删除评估")
        self.assertFalse(Round.objects.filter(pk=self.round_a.pk).exists())
        deletion = AuditEntry.objects.get(action="删除评估")
        self.assertEqual(
            (deletion.user, deletion.round, deletion.old["station_name"], deletion.old["round"]),
            (self.coordinator, None, self.a.name, self.round_a.pk),
        )
        self.assertTrue(AuditEntry.objects.filter(action="修改评估", round=None).exists())

    def test_a_round_with_data_or_scores_cannot_be_deleted(self) -> None:
        self.give_data(self.round_a, scores=False)
        self.login(self.coordinator)
        self.assertContains(self.client.get(self.url), "评估已有数据，不能删除", status_code=409)
        response = self.client.post(self.url, {"confirm": "yes"})
        self.assertEqual(response.status_code, 400)
        self.assertTrue(Round.objects.filter(pk=self.round_a.pk).exists())
        self.round_a.versions.all().delete()
        self.give_data(self.round_a)  # data and every party's scores
        self.round_a.versions.all().delete()  # scores alone
        self.assertContains(self.client.get(self.url), "评估已有评分", status_code=409)

    def test_nobody_but_the_rounds_coordinator_may_delete_it(self) -> None:
        for user in (self.expert, self.station, self.bureau, self.other_coordinator):
            self.login(user)
            self.assertEqual(self.client.post(self.url, {"confirm": "yes"}).status_code, 404)
        self.assertTrue(Round.objects.filter(pk=self.round_a.pk).exists())
