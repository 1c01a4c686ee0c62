"""The on-site day's agenda and the experts present: recorded by the experts and the coordinator,
checked row by row, version-checked, seen by every party (the station too), fed to the engine."""

from __future__ import annotations

from datetime import time

from django.urls import reverse
from web_base import WebTestCase

from pinggu import OnSiteActivity
from pinggu.web import engine
from pinggu.web.models import AgendaEntry, OnSiteAttendance


def rows(*items: tuple[str, str, str, str]) -> dict[str, str]:
    posted = {"rows": str(len(items))}
    for i, (activity, start, end, note) in enumerate(items):
        posted |= {f"activity{i}": activity, f"start{i}": start, f"end{i}": end, f"note{i}": note}
    return posted


class AgendaTest(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("onsite_agenda", args=[self.round_a.pk])
        self.page = reverse("onsite_day", args=[self.round_a.pk])

    def post(self, posted: dict[str, str], experts: list[str] | None = None) -> object:
        data: dict[str, object] = {"version": self.version(), **posted}
        if experts is not None:
            data["experts"] = experts
        return self.client.post(self.url, data)

    def test_it_keeps_the_agenda_and_the_experts_present_and_gives_them_to_the_engine(
        self,
    ) -> None:
        self.give_data(self.round_a)
        self.login(self.expert)
        posted = rows(
            ("听取汇报", "9:00", "09:40", "会议室"),
            ("", "", "", ""),  # a blank row is skipped
            ("访谈", "１０：３０", "", "社工"),
        )
        self.assertEqual(self.post(posted, experts=["expert"]).status_code, 302)
        self.assertEqual(
            [(e.activity, e.start, e.end, e.note) for e in AgendaEntry.objects.all()],
            [("听取汇报", time(9), time(9, 40), "会议室"), ("访谈", time(10, 30), None, "社工")],
        )
        self.assertEqual(OnSiteAttendance.objects.get().experts_present, ["expert"])
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.onsite is not None
        self.assertEqual(
            [a.activity for a in evaluation.onsite.agenda],
            [OnSiteActivity.BRIEFING, OnSiteActivity.INTERVIEW],
        )
        self.assertEqual(evaluation.onsite.experts_present, ("expert",))

    def test_it_refuses_a_time_that_does_not_exist_or_an_end_before_the_start(self) -> None:
        self.login(self.coordinator)
        response = self.post(rows(("听取汇报", "9:75", "", ""), ("反馈", "16:00", "15:30", "")))
        self.assertContains(response, "第 1 行开始时间：「9:75」不是时间", status_code=400)
        self.assertContains(
            response, "第 2 行：结束时间 15:30 应晚于开始时间 16:00", status_code=400
        )
        self.assertContains(response, 'value="9:75"', status_code=400)  # what was typed stays
        self.assertFalse(AgendaEntry.objects.exists())

    def test_it_refuses_a_row_without_its_activity_and_an_expert_not_assigned(self) -> None:
        self.login(self.coordinator)
        response = self.post(rows(("", "9:00", "", "")), experts=["expert_unassigned"])
        self.assertContains(response, "第 1 行：请选择环节", status_code=400)
        self.assertContains(
            response, "出席专家只能从本评估指派的专家（或已记录的出席专家）中选择", status_code=400
        )
        self.assertFalse(OnSiteAttendance.objects.exists())

    def test_it_refuses_a_stale_tab(self) -> None:
        self.login(self.expert)
        opened = self.version()
        first = rows(("听取汇报", "9:00", "", ""))
        self.client.post(self.url, {"version": opened, **first})
        second = rows(("实地查看", "9:00", "", ""))
        response = self.client.post(self.url, {"version": opened, **second})
        self.assertContains(response, "自您打开此表单后", status_code=409)
        self.assertEqual([e.activity for e in AgendaEntry.objects.all()], ["听取汇报"])

    def test_a_double_click_saves_once_without_a_conflict(self) -> None:
        self.login(self.expert)
        posted = {"version": self.version(), **rows(("听取汇报", "9:00", "", ""))}
        for _ in range(2):
            self.assertEqual(self.client.post(self.url, posted).status_code, 302)
        self.assertEqual(AgendaEntry.objects.count(), 1)

    def test_the_station_sees_the_agenda_but_may_not_change_it(self) -> None:
        self.login(self.expert)
        self.post(rows(("听取汇报", "9:00", "9:40", "会议室")))
        self.login(self.station)
        response = self.client.get(self.page)
        self.assertContains(response, "会议室")
        self.assertNotContains(response, "保存安排")
        self.assertEqual(self.post(rows(("反馈", "", "", ""))).status_code, 404)
        self.assertEqual(AgendaEntry.objects.count(), 1)
        self.login(self.other_station)
        self.assertEqual(self.client.get(self.page).status_code, 404)

    def test_nobody_changes_it_once_the_report_is_issued(self) -> None:
        self.round_a.locked = True
        self.round_a.save()
        self.login(self.coordinator)
        response = self.post(rows(("听取汇报", "9:00", "", "")))
        self.assertContains(response, "报告已出具，实地评估记录已锁定", status_code=400)
        self.assertFalse(AgendaEntry.objects.exists())
