"""Interview and site-visit notes: recorded by the experts, once per form, linked to a finding,
version-checked, kept from the station and the purchaser until the report is issued."""

from __future__ import annotations

from django.urls import reverse
from web_base import WebTestCase

from pinggu import Interviewee
from pinggu.web import engine
from pinggu.web.models import FindingEntry, InterviewEntry

SAID = "督导记录多写过程，较少写每次的督导目标"


class InterviewsTest(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("onsite_interview", args=[self.round_a.pk])
        self.page = reverse("onsite_day", args=[self.round_a.pk])

    def note(self, **fields: str) -> dict[str, str]:
        return {
            "version": self.version(),
            "token": "form-1",
            "kind": "社工",
            "who": "一线社工",
            "people": "3",
            "at": "11:40",
            "summary": SAID,
            **fields,
        }

    def test_it_records_a_note_linked_to_a_finding_and_gives_it_to_the_engine(self) -> None:
        self.give_data(self.round_a)
        finding = FindingEntry.objects.filter(round=self.round_a).first()
        assert finding is not None
        self.login(self.expert)
        response = self.client.post(self.url, self.note(finding=str(finding.pk)))
        self.assertEqual(response.status_code, 302)
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.onsite is not None
        (interview,) = evaluation.onsite.interviews
        self.assertEqual(
            (interview.kind, interview.who, interview.people, interview.finding),
            (Interviewee.STAFF, "一线社工", 3, finding.text),
        )

    def test_a_double_click_records_the_note_once(self) -> None:
        self.login(self.expert)
        posted = self.note()
        self.client.post(self.url, posted)
        response = self.client.post(self.url, posted, follow=True)
        self.assertContains(response, "这条访谈已记录过")
        self.assertEqual(InterviewEntry.objects.count(), 1)

    def test_it_refuses_a_phone_number_a_missing_role_and_a_bad_count(self) -> None:
        self.login(self.expert)
        response = self.client.post(
            self.url, self.note(who="", people="0", summary="电话 13812345678")
        )
        for message in ("请填写对象", "人数应为 1 到 999 的整数", "不要写电话号码"):
            self.assertContains(response, message, status_code=400)
        self.assertContains(response, "电话 13812345678", status_code=400)  # kept to correct
        self.assertFalse(InterviewEntry.objects.exists())

    def test_an_edit_from_a_stale_tab_is_refused_and_a_current_one_applies(self) -> None:
        self.login(self.expert)
        self.client.post(self.url, self.note())
        entry = InterviewEntry.objects.get()
        opened = self.version()
        self.client.post(self.url, {**self.note(summary="第一次修改"), "entry": entry.pk})
        stale = {**self.note(summary="旧标签页的修改"), "entry": entry.pk, "version": opened}
        response = self.client.post(self.url, stale)
        self.assertContains(response, "自您打开此表单后", status_code=409)
        entry.refresh_from_db()
        self.assertEqual(entry.summary, "第一次修改")
        deleted = {"version": self.version(), "entry": entry.pk, "action": "delete"}
        self.assertEqual(self.client.post(self.url, deleted).status_code, 302)
        self.assertContains(self.client.post(self.url, deleted), "已被删除", status_code=409)

    def test_the_station_and_the_purchaser_see_the_notes_only_once_the_report_is_issued(
        self,
    ) -> None:
        self.login(self.expert)
        self.client.post(self.url, self.note())
        for user in (self.station, self.purchaser):
            self.login(user)
            response = self.client.get(self.page)
            self.assertNotContains(response, SAID)
            self.assertContains(response, "访谈记录在报告出具后向社工站和购买方公开")
            self.assertEqual(self.client.post(self.url, self.note(token="x")).status_code, 404)
        for user in (self.bureau, self.centre, self.city, self.coordinator):
            self.login(user)
            self.assertContains(self.client.get(self.page), SAID)
        self.round_a.state, self.round_a.locked = "report_issued", True
        self.round_a.save()
        for user in (self.station, self.purchaser):
            self.login(user)
            self.assertContains(self.client.get(self.page), SAID)

    def test_nobody_adds_a_note_once_the_report_is_issued(self) -> None:
        self.round_a.state, self.round_a.locked = "report_issued", True
        self.round_a.save()
        self.login(self.expert)
        response = self.client.post(self.url, self.note())
        self.assertContains(response, "报告已出具，实地评估记录已锁定", status_code=400)
        self.assertFalse(InterviewEntry.objects.exists())

    def test_the_edit_link_opens_the_note_in_the_form(self) -> None:
        self.login(self.expert)
        self.client.post(self.url, self.note())
        entry = InterviewEntry.objects.get()
        response = self.client.get(f"{self.page}?edit={entry.pk}")
        self.assertContains(response, "修改访谈记录")
        self.assertContains(response, f'name="entry" value="{entry.pk}"', html=False)
        self.assertContains(response, 'value="一线社工"', html=False)
        self.assertEqual(self.client.get(f"{self.page}?edit=999999").status_code, 404)

    def test_a_forged_number_is_refused_not_a_crash(self) -> None:
        """「²」 is a digit to str.isdigit but no number to int(): a hand-edited form or address
        gets a refusal, never a server error."""
        self.login(self.expert)
        response = self.client.post(self.url, self.note(finding="²"))
        self.assertContains(response, "所选的意见已不存在", status_code=400)
        self.assertFalse(InterviewEntry.objects.exists())
        self.assertEqual(self.client.get(self.page, {"edit": "²"}).status_code, 404)
        agenda = reverse("onsite_agenda", args=[self.round_a.pk])
        response = self.client.post(agenda, {"version": self.version(), "rows": "²"})
        self.assertEqual(response.status_code, 302)  # no rows posted: nothing to keep
