"""Issuing a round's report lists its kept concerns as rectification items, once, with a due date
in working days; issuing again after a reopen follows the findings' edits."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from unittest import mock

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web import audit
from pinggu.web.models import (
    AuditEntry,
    CalendarYear,
    FindingEntry,
    RectificationItem,
    StepRecord,
)
from pinggu.web.rounds import findings, workflow

# The report itself is written and audited in the report's own tests: here only its issue.
REPORT = mock.patch("pinggu.web.engine.report_file", return_value=Path("报告.docx"))


class IssueTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        for step, on in (
            ("self_assessment", date(2024, 5, 10)),
            ("fieldwork", date(2024, 5, 20)),
            ("preliminary_feedback", date(2024, 5, 24)),
        ):
            StepRecord.objects.create(
                round=self.round_a, step=step, completed_on=on, by=self.coordinator
            )
        self.round_a.state = "preliminary_feedback"
        self.round_a.save()
        self.login(self.coordinator)

    def issue(self, on: str = "2024-05-31") -> object:
        url = reverse("complete_step", args=[self.round_a.pk, "report_issued"])
        with REPORT:
            return self.client.post(url, {"completed_on": on, "confirm": "yes"})

    def concerns(self) -> list[FindingEntry]:
        found = self.round_a.findings.filter(kind="concern").exclude(section="结语")
        return list(found)

    def test_issuing_the_report_lists_each_kept_concern_as_an_item_of_the_station(self) -> None:
        concerns = self.concerns()
        self.assertGreater(len(concerns), 5)
        self.assertTrue(self.round_a.findings.filter(kind="concern", section="结语").exists())
        self.issue()
        items = list(RectificationItem.objects.filter(round=self.round_a))
        self.assertEqual(len(items), len(concerns))  # 结语's suggestions are not items
        self.assertEqual(sorted(i.number for i in items), list(range(1, len(items) + 1)))
        by_finding = {i.finding_id: i for i in items}
        for finding in concerns:
            item = by_finding[finding.pk]
            self.assertEqual(
                (item.section, item.zone, item.concern, item.station_id),
                (finding.section, finding.zone, finding.text, self.a.pk),
            )
            self.assertEqual(item.issued_on, date(2024, 5, 31))
        # 服务质量 comes after 项目管理 in the report, so in the numbering too
        sections = [i.section for i in sorted(items, key=lambda i: i.number)]
        self.assertLess(sections.index("项目管理"), sections.index("服务质量"))
        self.assertTrue(AuditEntry.objects.filter(action__startswith="列出整改意见").exists())

    def test_the_due_date_counts_working_days_across_national_day(self) -> None:
        # Issued Fri 2024-09-27. Sun 09-29 and Mon 09-30 are working days 1 and 2; 10-01..10-07
        # off; 10-08..10-11 are 3..6; Sat 10-12 is worked (7); 10-14..10-18 are 8..12,
        # 10-21..10-25 13..17, 10-28, 10-29, 10-30 18..20.
        self.issue("2024-09-27")
        dues = set(RectificationItem.objects.values_list("due", flat=True))
        self.assertEqual(dues, {date(2024, 10, 30)})

    def test_a_year_without_a_calendar_refuses_the_issue_and_lists_nothing(self) -> None:
        CalendarYear.objects.filter(year=2025).delete()
        response = self.issue("2024-12-27")
        self.assertContains(response, "整改期限无法计算", status_code=400)  # type: ignore[arg-type]
        self.assertContains(response, "2025", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(RectificationItem.objects.exists())
        self.assertFalse(StepRecord.objects.filter(step="report_issued").exists())

    def test_a_double_click_lists_the_items_once(self) -> None:
        self.issue()
        self.issue()
        self.assertEqual(RectificationItem.objects.count(), len(self.concerns()))

    def test_issuing_again_after_a_reopen_follows_the_edits_and_keeps_the_answers(self) -> None:
        self.issue()
        first = {i.finding_id: i for i in RectificationItem.objects.all()}
        edited, deleted = self.concerns()[:2]
        answered = first[edited.pk]
        answered.response = "已补充完善。"
        answered.save()
        self.assertEqual(workflow.reopen(self.round_a, self.coordinator, "更正意见"), [])
        edited.text = "人事资料仍不完整，建议补充。"
        edited.save()
        problem = findings.remove(
            self.round_a, deleted.pk, [deleted.section], self.expert, audit.version(self.round_a)
        )
        self.assertEqual(problem, "")
        new = findings.Draft("服务监测", "", "concern", "新增的一条意见。", rule="")
        self.assertEqual(findings.add(self.round_a, self.expert, new, "", since=None), "")
        self.round_a.refresh_from_db()
        self.issue("2024-06-07")
        items = RectificationItem.objects.filter(round=self.round_a)
        self.assertEqual(items.count(), len(first) + 1)  # nothing twice; the deleted one kept
        again = items.get(pk=answered.pk)
        self.assertEqual(
            (again.concern, again.response, again.issued_on, again.withdrawn),
            ("人事资料仍不完整，建议补充。", "已补充完善。", date(2024, 6, 7), False),
        )
        gone = items.get(pk=first[deleted.pk].pk)
        self.assertTrue(gone.withdrawn)
        added = items.get(concern="新增的一条意见。")
        self.assertEqual(added.number, len(first) + 1)


class NoDeadlineTests(WebTestCase):
    def test_a_scheme_without_a_rectification_deadline_lists_items_without_a_due_date(self) -> None:
        from dataclasses import replace

        from pinggu import load_scheme
        from pinggu.web.rectification.issue import raise_items

        without = replace(load_scheme(self.round_a.scheme), rectification=None)
        FindingEntry.objects.create(
            round=self.round_a,
            section="服务监测",
            kind="concern",
            text="档案不全。",
            author=self.expert,
        )
        with mock.patch("pinggu.web.rectification.issue.load_scheme", return_value=without):
            raise_items(self.round_a, date(2024, 5, 31), self.coordinator, workflow.calendar())
        item = RectificationItem.objects.get()
        self.assertEqual((item.concern, item.due), ("档案不全。", None))
