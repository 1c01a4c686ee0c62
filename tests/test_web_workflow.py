"""The round's workflow: steps by their owners, working-day deadlines from the calendar table,
a year without a calendar refused, the data locked once the report is issued, each step's
preconditions (pinggu/workflow.toml) checked with what is missing listed, issuing confirmed and
reversible, lateness shown, and objections and 复核 (docs/workflow.md)."""

from __future__ import annotations

from datetime import date
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from web_base import WebTestCase

from pinggu import ReportError, load_workflow
from pinggu.web import audit
from pinggu.web.models import AuditEntry, CalendarYear, Objection, Round, StepRecord
from pinggu.web.rounds import preconditions, workflow


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
        self.give_data(self.round_a)
        for step, on in (("self_assessment", date(2024, 5, 10)), ("fieldwork", date(2024, 5, 20))):
            self.done(step, on)
        self.done("preliminary_feedback", date(2024, 5, 24))
        self.login(self.coordinator)
        self.client.post(
            reverse("complete_step", args=[self.round_a.pk, "report_issued"]),
            {"completed_on": "2024-05-31", "confirm": "yes"},
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


class PreconditionTests(WebTestCase):
    """Nothing is issued or finalised with nothing in it: a refused step lists what is missing."""

    def facts_only(self) -> None:
        """The station's data without any party's scores or findings (a new revision, as an
        upload makes, so no result cached for an earlier test's round of this id is served)."""
        self.give_data(self.round_a, scores=False)
        audit.record(self.round_a, self.coordinator, "上传数据", new={"version": 1})

    def done(self, *steps: tuple[str, date]) -> None:
        for step, on in steps:
            StepRecord.objects.create(
                round=self.round_a, step=step, completed_on=on, by=self.coordinator
            )
        self.round_a.state = steps[-1][0]
        self.round_a.locked = workflow.issued(self.round_a.state)
        self.round_a.save()

    def up_to_feedback(self) -> None:
        self.done(
            ("self_assessment", date(2024, 5, 10)),
            ("fieldwork", date(2024, 5, 20)),
            ("preliminary_feedback", date(2024, 5, 24)),
        )

    def up_to_confirmation(self) -> None:
        self.up_to_feedback()
        self.done(("report_issued", date(2024, 5, 31)), ("district_confirmation", date(2024, 6, 3)))

    def step(self, step: str, on: str, **extra: str) -> object:
        url = reverse("complete_step", args=[self.round_a.pk, step])
        return self.client.post(url, {"completed_on": on, **extra})

    def issue(self, **extra: str) -> object:
        self.login(self.coordinator)
        return self.step("report_issued", "2024-05-31", **extra)

    def test_it_refuses_fieldwork_without_accepted_data(self) -> None:
        self.done(("self_assessment", date(2024, 5, 10)))
        self.login(self.coordinator)
        response = self.step("fieldwork", "2024-05-20")
        self.assertContains(response, "「实地评估」还不能完成", status_code=400)  # type: ignore[arg-type]
        self.assertContains(response, "尚未上传并通过校验的社工站评估数据", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(StepRecord.objects.filter(step="fieldwork").exists())
        self.facts_only()
        self.step("fieldwork", "2024-05-20")
        self.assertTrue(StepRecord.objects.filter(step="fieldwork").exists())

    def test_it_refuses_to_issue_without_scores_and_findings_listing_each(self) -> None:
        self.facts_only()
        self.up_to_feedback()
        response = self.issue(confirm="yes")
        for missing in (
            "「报告出具」还不能完成",
            "缺少评分：购买方",
            "「监督方」部分还没有评估意见",
        ):
            self.assertContains(response, missing, status_code=400)  # type: ignore[arg-type]
        self.assertContains(response, "评估报告将在以上各项齐全后生成并自检", status_code=400)  # type: ignore[arg-type]
        self.round_a.refresh_from_db()
        self.assertEqual((self.round_a.state, self.round_a.locked), ("preliminary_feedback", False))

    def test_it_refuses_to_issue_a_round_with_no_data(self) -> None:
        self.up_to_feedback()
        response = self.issue(confirm="yes")
        self.assertContains(response, "尚未上传并通过校验的社工站评估数据", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(StepRecord.objects.filter(step="report_issued").exists())

    def test_a_report_failing_its_audit_is_not_issued(self) -> None:
        self.give_data(self.round_a)
        self.up_to_feedback()
        failing = ReportError("第 3 页的合计与明细不符")
        with mock.patch("pinggu.web.engine.report_file", side_effect=failing):
            response = self.issue(confirm="yes")
        self.assertContains(
            response, "评估报告未通过自检：第 3 页的合计与明细不符", status_code=400
        )  # type: ignore[arg-type]
        self.assertFalse(StepRecord.objects.filter(step="report_issued").exists())

    def test_issuing_asks_for_confirmation_and_a_double_click_issues_once(self) -> None:
        self.give_data(self.round_a)
        self.up_to_feedback()
        self.login(self.coordinator)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, 'id="confirm" name="confirm" value="yes" required')
        response = self.issue()
        self.assertContains(response, "出具报告前请勾选确认", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(StepRecord.objects.filter(step="report_issued").exists())
        self.issue(confirm="yes")
        self.issue(confirm="yes")
        self.assertEqual(StepRecord.objects.filter(step="report_issued").count(), 1)
        self.assertEqual(AuditEntry.objects.filter(action="完成步骤：报告出具").count(), 1)

    def test_publication_cannot_end_before_its_minimum_period(self) -> None:
        # Confirmed Mon 2024-06-03; 06-10 is the Dragon Boat Festival: 7 working days end 06-13.
        self.give_data(self.round_a)
        self.up_to_confirmation()
        self.login(self.bureau)
        response = self.step("publication", "2024-06-12")
        self.assertContains(response, "最早可于 2024-06-13 完成", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(StepRecord.objects.filter(step="publication").exists())
        self.step("publication", "2024-06-13")
        self.assertTrue(StepRecord.objects.filter(step="publication").exists())

    def test_final_needs_publication_done_and_no_open_objection(self) -> None:
        self.give_data(self.round_a)
        self.up_to_confirmation()
        self.done(("publication", date(2024, 6, 13)))
        Objection.objects.create(
            round=self.round_a, step="publication", text="满意度样本有误", raised_by=self.station
        )
        self.login(self.bureau)
        response = self.step("final", "2024-06-14")
        self.assertContains(response, "异议尚未处理：满意度样本有误", status_code=400)  # type: ignore[arg-type]
        self.round_a.objections.update(resolution="已核实，维持原结果", resolved_by=self.bureau)
        self.step("final", "2024-06-14")
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.state, "final")

    def test_final_is_refused_without_publication(self) -> None:
        self.give_data(self.round_a)
        self.up_to_confirmation()
        situation = preconditions.Situation(
            self.round_a,
            load_workflow().step("final"),
            date(2024, 6, 14),
            {"district_confirmation": date(2024, 6, 3)},
            workflow.calendar(),
            (),
        )
        self.assertEqual(preconditions.CHECKS["publication_done"](situation), ["「公示」尚未完成"])

    def test_a_step_completed_late_keeps_its_working_days_late(self) -> None:
        # Feedback due Thu 2024-10-10; done Tue 10-15: 10-11, Sat 10-12 (worked), 10-14, 10-15.
        self.done(("fieldwork", date(2024, 9, 27)), ("preliminary_feedback", date(2024, 10, 15)))
        feedback = next(
            s for s in workflow.timeline(self.round_a) if s.id == "preliminary_feedback"
        )
        self.assertEqual(feedback.late_days, 4)
        self.login(self.station)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "逾期 4 个工作日")

    def test_the_coordinator_reopens_an_issued_round_with_a_reason(self) -> None:
        self.give_data(self.round_a)
        self.up_to_confirmation()
        report = reverse("report", args=[self.round_a.pk, "docx"])
        url = reverse("reopen_round", args=[self.round_a.pk])
        self.login(self.expert)
        self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, 404)
        self.login(self.coordinator)
        response = self.client.post(url, {"reason": " "})
        self.assertContains(response, "请填写重新打开的原因", status_code=400)
        self.client.post(url, {"reason": "服务监测数据录入有误"})
        self.round_a.refresh_from_db()
        self.assertEqual((self.round_a.state, self.round_a.locked), ("preliminary_feedback", False))
        self.assertFalse(StepRecord.objects.filter(step__in=["report_issued"]).exists())
        entry = AuditEntry.objects.get(action="重新打开评估")
        self.assertEqual(entry.reason, "服务监测数据录入有误")
        self.assertEqual(entry.old["steps"]["report_issued"], "2024-05-31")
        self.login(self.station)
        self.assertEqual(self.client.get(report).status_code, 404)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "各方评分与结果在报告出具后向社工站公开")


class ObjectionTests(WebTestCase):
    """Who may object, when, how long, and what 复核 does (docs/workflow.md 异议与复核)."""

    def object(self, text: str = "电访数漏计第三片区") -> object:
        return self.client.post(reverse("raise_objection", args=[self.round_a.pk]), {"text": text})

    def publicise(self) -> None:
        """An issued round under 公示, with every party's scores and findings in."""
        self.give_data(self.round_a)
        for step, on in (
            ("report_issued", date(2024, 5, 31)),
            ("district_confirmation", date(2024, 6, 3)),
        ):
            StepRecord.objects.create(
                round=self.round_a, step=step, completed_on=on, by=self.coordinator
            )
        Round.objects.filter(pk=self.round_a.pk).update(state="district_confirmation", locked=True)
        self.round_a.refresh_from_db()

    def test_the_city_viewer_cannot_object_and_the_parties_can(self) -> None:
        self.login(self.city)
        self.assertEqual(self.object().status_code, 404)  # type: ignore[attr-defined]
        for user in (self.station, self.purchaser, self.centre, self.bureau, self.expert):
            self.login(user)
            self.object(f"{user.username} 的异议")
        self.assertEqual(self.round_a.objections.count(), 5)

    def test_an_objection_longer_than_the_limit_is_a_form_error(self) -> None:
        self.login(self.station)
        response = self.object("长" * 2001)
        self.assertContains(response, "不能超过 2000 字（现为 2001 字）", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(self.round_a.objections.exists())

    def test_a_final_round_takes_no_objection(self) -> None:
        Round.objects.filter(pk=self.round_a.pk).update(state="final")
        self.login(self.station)
        response = self.object()
        self.assertContains(response, "评估已定稿，不能再提出异议", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(self.round_a.objections.exists())
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertNotContains(page, "提出异议")

    def test_review_never_shows_an_unissued_report_to_the_station(self) -> None:
        self.give_data(self.round_a)
        self.login(self.station)
        self.object()
        self.login(self.bureau)
        response = self.client.post(
            reverse("complete_step", args=[self.round_a.pk, "review"]), {"note": "复核"}
        )
        self.assertContains(response, "复核尚未开始", status_code=400)  # type: ignore[arg-type]
        response = self.client.post(reverse("open_review", args=[self.round_a.pk]))
        self.assertContains(response, "只有公示期间提出", status_code=400)  # type: ignore[arg-type]
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.state, "fieldwork")
        self.login(self.station)
        self.assertEqual(
            self.client.get(reverse("report", args=[self.round_a.pk, "docx"])).status_code, 404
        )

    def test_review_reopens_scores_and_its_outcome_resolves_the_objection(self) -> None:
        self.publicise()
        self.login(self.station)
        self.object()
        self.login(self.bureau)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "开始复核")
        self.client.post(reverse("open_review", args=[self.round_a.pk]))
        self.round_a.refresh_from_db()
        self.assertEqual((self.round_a.reviewing, self.round_a.locked), (True, False))
        self.assertTrue(AuditEntry.objects.filter(action="开始复核", user=self.bureau).exists())
        self.login(self.expert)  # the correction: the lock has lifted
        response = self.client.post(reverse("scores", args=[self.round_a.pk]), {"服务监测|": "9"})
        self.assertNotEqual(response.status_code, 400)
        self.login(self.bureau)
        review = reverse("complete_step", args=[self.round_a.pk, "review"])
        response = self.client.post(review, {"completed_on": "2024-06-07"})
        self.assertContains(response, "请在「说明」中填写复核结果", status_code=400)
        self.client.post(review, {"completed_on": "2024-06-07", "note": "已更正电访数"})
        self.round_a.refresh_from_db()
        self.assertEqual((self.round_a.reviewing, self.round_a.locked), (False, True))
        objection = self.round_a.objections.get()
        self.assertEqual(
            (objection.resolution, objection.resolved_by), ("已更正电访数", self.bureau)
        )


class PreconditionTableTests(TestCase):
    def test_every_precondition_of_the_workflow_has_a_check_and_no_check_is_stray(self) -> None:
        ids = {p.id for p in load_workflow().preconditions}
        self.assertEqual(set(preconditions.CHECKS), ids)
