"""The round's workflow: steps by their owners, working-day deadlines from the calendar table,
a year without a calendar refused, and the data locked once the report is issued."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import AuditEntry, CalendarYear, StepRecord
from pinggu.web.rounds import workflow


class WorkflowTests(WebTestCase):
    def done(self, step: str, on: date) -> None:
        StepRecord.objects.create(
            round=self.round_a, step=step, completed_on=on, by=self.coordinator
        )

    def view(self, step: str, today: date) -> workflow.StepView:
        return next(s for s in workflow.timeline(self.round_a, today) if s.id == step)

    def test_deadlines_skip_the_spring_festival_and_count_adjusted_weekends(self) -> None:
        # Fieldwork ends Fri 2025-01-24. Off 01-28..02-04; Sun 01-26 and Sat 02-08 are worked.
        self.done("fieldwork", date(2025, 1, 24))
        self.assertEqual(self.view("preliminary_feedback", date(2025, 1, 24)).due, date(2025, 2, 7))
        self.assertEqual(self.view("report_issued", date(2025, 1, 24)).due, date(2025, 2, 13))

    def test_deadlines_skip_national_day(self) -> None:
        # Fieldwork ends Fri 2024-09-27; Sun 09-29 worked, 10-01..10-07 off, Sat 10-12 worked.
        self.done("fieldwork", date(2024, 9, 27))
        self.assertEqual(
            self.view("preliminary_feedback", date(2024, 9, 27)).due, date(2024, 10, 10)
        )
        self.assertEqual(self.view("report_issued", date(2024, 9, 27)).due, date(2024, 10, 16))

    def test_an_unfinished_step_past_its_deadline_is_overdue(self) -> None:
        self.done("fieldwork", date(2024, 9, 27))
        self.assertFalse(self.view("preliminary_feedback", date(2024, 10, 10)).overdue)
        self.assertTrue(self.view("preliminary_feedback", date(2024, 10, 11)).overdue)

    def test_a_year_without_a_calendar_is_refused_not_guessed(self) -> None:
        CalendarYear.objects.filter(year=2025).delete()
        self.done("fieldwork", date(2024, 12, 27))
        report = self.view("report_issued", date(2024, 12, 27))
        self.assertIsNone(report.due)
        self.assertIn("2025", report.problem)
        self.assertIn("请管理员添加", report.problem)

    def test_the_owner_completes_the_next_step_and_others_cannot(self) -> None:
        url = reverse("complete_step", args=[self.round_a.pk, "self_assessment"])
        self.login(self.purchaser)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.login(self.station)
        self.client.post(url, {"completed_on": "2024-05-10", "note": "已提交自评报告"})
        self.assertEqual(
            StepRecord.objects.get(step="self_assessment").completed_on, date(2024, 5, 10)
        )
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.state, "self_assessment")
        self.assertTrue(
            AuditEntry.objects.filter(action="完成步骤：自评", user=self.station).exists()
        )
        skip = reverse("complete_step", args=[self.round_a.pk, "report_issued"])
        self.login(self.coordinator)
        self.assertEqual(self.client.post(skip).status_code, 404)  # fieldwork first

    def test_issuing_the_report_locks_data_and_scores(self) -> None:
        for step, on in (("self_assessment", date(2024, 5, 10)), ("fieldwork", date(2024, 5, 20))):
            self.done(step, on)
        self.done("preliminary_feedback", date(2024, 5, 24))
        self.login(self.coordinator)
        self.client.post(
            reverse("complete_step", args=[self.round_a.pk, "report_issued"]),
            {"completed_on": "2024-05-31"},
        )
        self.round_a.refresh_from_db()
        self.assertTrue(self.round_a.locked)
        self.login(self.expert)
        response = self.client.post(reverse("scores", args=[self.round_a.pk]), {"服务监测|": "9"})
        self.assertContains(response, "报告出具后评分已锁定", status_code=400)

    def test_objections_are_recorded_and_resolved_with_who(self) -> None:
        self.login(self.station)
        self.client.post(
            reverse("raise_objection", args=[self.round_a.pk]), {"text": "电访数漏计第三片区"}
        )
        objection = self.round_a.objections.get()
        self.login(self.station)
        url = reverse("resolve_objection", args=[self.round_a.pk, objection.pk])
        self.assertEqual(self.client.post(url, {"resolution": "x"}).status_code, 404)
        self.login(self.coordinator)
        self.client.post(url, {"resolution": "已核实并更正，重新上传数据"})
        objection.refresh_from_db()
        self.assertEqual(
            (objection.resolution, objection.resolved_by),
            ("已核实并更正，重新上传数据", self.coordinator),
        )
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "电访数漏计第三片区")
        self.assertContains(page, "已核实并更正")


class CalendarCommandTests(WebTestCase):
    def test_an_admin_adds_a_year_and_its_deadlines_then_compute(self) -> None:
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command(
            "calendar_year", "2027", "--holidays", "2027-01-01", "--workdays", "", stdout=out
        )
        self.assertIn("已添加 2027 年工作日历", out.getvalue())
        StepRecord.objects.create(
            round=self.round_a,
            step="fieldwork",
            completed_on=date(2026, 12, 24),
            by=self.coordinator,
        )
        report = next(
            s
            for s in workflow.timeline(self.round_a, date(2026, 12, 24))
            if s.id == "report_issued"
        )
        # 12-25, 28..31 (5 working days in 2026), then 2027: 01-01 off, 01-04..01-08.
        self.assertEqual(report.due, date(2027, 1, 8))

    def test_bad_dates_are_refused_and_nothing_stored(self) -> None:
        from django.core.management import CommandError, call_command

        with self.assertRaisesMessage(CommandError, "星期"):
            call_command(
                "calendar_year", "2027", "--holidays", "2027-01-01", "--workdays", "2027-01-05"
            )
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        with self.assertRaisesMessage(CommandError, "已存在"):
            call_command("calendar_year", "2026", "--holidays", "2026-01-01")


class CompletionDateTests(WebTestCase):
    def test_a_date_in_the_future_or_before_the_last_step_is_refused(self) -> None:
        from django.utils import timezone

        StepRecord.objects.create(
            round=self.round_a,
            step="self_assessment",
            completed_on=date(2024, 5, 10),
            by=self.station,
        )
        self.login(self.coordinator)
        url = reverse("complete_step", args=[self.round_a.pk, "fieldwork"])
        tomorrow = timezone.localdate().toordinal() + 1
        response = self.client.post(url, {"completed_on": date.fromordinal(tomorrow).isoformat()})
        self.assertContains(response, "晚于今天", status_code=400)
        response = self.client.post(url, {"completed_on": "2024-05-01"})
        self.assertContains(response, "早于上一步骤「自评」的完成日期 2024-05-10", status_code=400)
        self.assertFalse(StepRecord.objects.filter(step="fieldwork").exists())
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "完成「实地评估」")
