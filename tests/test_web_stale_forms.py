"""No save silently overwrites another: scores, findings and the survey desk carry the version
they were opened at; a save against a newer version is refused with what changed (who, which
field, from what to what), never applied on top, and the form keeps what the user typed. The
desk holds each client for the caller it gave them to. Typed numbers are checked, never a 500."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from docx import Document
from survey_base import SurveyTestCase
from web_base import WebTestCase

from pinggu.web import engine
from pinggu.web.models import FindingEntry, ScoreEntry, SurveyCall
from pinggu.web.rounds import findings


def _scores(user: User) -> dict[str, str]:
    return {f"{s.dimension}|{s.zone}": str(s.score) for s in ScoreEntry.objects.filter(judge=user)}


class StaleScoreFormTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a, scores=False)
        self.url = reverse("scores", args=[self.round_a.pk])
        self.login(self.expert)

    def opened(self) -> str:
        """The version in the score form as the browser receives it."""
        html = self.client.get(self.url).content.decode()
        found = re.search(r'name="version" value="(\d+)"', html)
        assert found is not None
        return found.group(1)

    def test_a_save_against_a_newer_version_is_refused_with_what_changed(self) -> None:
        first_tab, second_tab = self.opened(), self.opened()
        self.assertRedirects(
            self.client.post(self.url, {"服务监测|": "9.5", "version": first_tab}),
            reverse("round", args=[self.round_a.pk]),
        )
        response = self.client.post(
            self.url, {"服务监测|": "8", "服务成效|": "12", "version": second_tab}
        )
        self.assertContains(response, "自您打开此表单后", status_code=409)
        self.assertContains(response, "expert 于", status_code=409)
        self.assertContains(response, "服务监测：（空） → 9.5", status_code=409)
        html = response.content.decode()
        self.assertIn('value="8"', html)  # what the user typed is still in the form
        self.assertIn('value="12"', html)
        self.assertEqual(_scores(self.expert), {"服务监测|": "9.50"})  # not applied on top

    def test_after_a_refusal_the_form_is_current_and_saving_again_applies_it(self) -> None:
        stale = self.opened()
        self.client.post(self.url, {"服务监测|": "9.5", "version": self.opened()})
        refused = self.client.post(self.url, {"服务监测|": "8", "version": stale})
        current = re.search(r'name="version" value="(\d+)"', refused.content.decode())
        assert current is not None
        self.client.post(self.url, {"服务监测|": "8", "version": current.group(1)})
        self.assertEqual(_scores(self.expert), {"服务监测|": "8.00"})

    def test_a_blank_field_in_a_stale_form_does_not_delete_a_score(self) -> None:
        stale = self.opened()
        self.client.post(
            self.url, {"服务监测|": "9.5", "服务成效|": "12", "version": self.opened()}
        )
        # The stale form has 服务监测 blank (it was blank when it was opened).
        response = self.client.post(self.url, {"服务成效|": "13", "version": stale})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(_scores(self.expert), {"服务监测|": "9.50", "服务成效|": "12.00"})
        # In a current form blank means "not entered": the user cleared it on purpose.
        self.client.post(self.url, {"服务成效|": "13", "version": self.opened()})
        self.assertEqual(_scores(self.expert), {"服务成效|": "13.00"})

    def test_a_form_without_a_version_cannot_overwrite_stored_scores(self) -> None:
        self.client.post(self.url, {"服务监测|": "9.5", "version": self.opened()})
        response = self.client.post(self.url, {"服务监测|": "1"})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(_scores(self.expert), {"服务监测|": "9.50"})

    def test_a_validation_error_keeps_the_version_the_form_was_opened_at(self) -> None:
        stale = self.opened()
        self.client.post(self.url, {"服务监测|": "9.5", "version": self.opened()})
        retyped = self.client.post(self.url, {"服务监测|": "abc", "version": stale})
        self.assertEqual(retyped.status_code, 400)
        self.assertIn(f'name="version" value="{stale}"', retyped.content.decode())

    def test_odd_numbers_get_a_located_error_never_a_500(self) -> None:
        version = self.opened()
        for typed in (
            "NaN",
            "nan",
            "sNaN",
            "inf",
            "-Infinity",
            "1e999",
            "1e1",
            "-1",
            "-0.5",
            "10.01",
            "11",
            "9.999",
            "1_0",
            "1,5",
            "٣",
            "9" * 400,
        ):
            response = self.client.post(self.url, {"服务监测|": typed, "version": version})
            self.assertEqual(response.status_code, 400, typed)
            self.assertContains(response, "服务监测：", status_code=400)
            self.assertIn('aria-invalid="true"', response.content.decode(), typed)
        self.assertFalse(ScoreEntry.objects.exists())

    def test_a_full_width_number_is_read_as_the_number_it_shows(self) -> None:
        response = self.client.post(self.url, {"服务监测|": "９．５", "version": self.opened()})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(_scores(self.expert), {"服务监测|": "9.50"})


class FindingPlaceTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        FindingEntry.objects.all().delete()
        self.url = reverse("findings", args=[self.round_a.pk])
        self.login(self.expert)

    def post(self, **fields: str) -> HttpResponse:
        response: HttpResponse = self.client.post(self.url, {"version": self.version(), **fields})
        return response

    def report_text(self) -> str:
        path = engine.report_file(self.round_a, ".docx")
        return "\n".join(p.text for p in Document(str(path)).paragraphs)

    def test_a_zone_only_where_the_section_has_zones(self) -> None:
        for fields, message in (
            ({"section": "服务质量", "zone": ""}, "服务质量的意见按片区填写：请选择片区"),
            ({"section": "服务质量", "zone": "第九片区"}, "服务质量的意见按片区填写"),
            ({"section": "项目管理", "zone": "第一片区"}, "项目管理的意见不分片区"),
        ):
            response = self.post(kind="concern", text="会被漏掉的意见。", **fields)
            self.assertContains(response, message, status_code=400)
            self.assertContains(response, "会被漏掉的意见。", status_code=400)  # kept
        self.assertFalse(FindingEntry.objects.exists())
        self.post(section="服务质量", zone="第二片区", kind="concern", text="片区意见在报告中。")
        self.post(section="项目管理", zone="", kind="concern", text="全站意见在报告中。")
        text = self.report_text()
        self.assertIn("片区意见在报告中。", text)
        self.assertIn("全站意见在报告中。", text)

    def test_an_accepted_draft_is_in_the_report(self) -> None:
        quality = [d for d in findings.drafts(self.round_a, ["服务质量"]) if d.zone]
        draft = quality[0]
        response = self.post(
            section=draft.section, zone=draft.zone, kind=draft.kind, text=draft.text,
            draft=draft.text,
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        self.assertIn(draft.text, self.report_text())

    def test_an_edited_draft_replaces_it(self) -> None:
        draft = findings.drafts(self.round_a, ["项目管理"])[0]
        edited = draft.text + "（已与社工站核实）"
        fields = {"section": draft.section, "zone": draft.zone, "kind": draft.kind}
        second_tab = self.version()
        self.assertEqual(self.post(**fields, text=edited, draft=draft.text).status_code, 302)
        page = self.client.get(self.url)
        self.assertNotContains(page, f">{draft.text}</textarea>")  # no longer offered
        # The same draft kept again from a tab opened before is refused, saying who kept it.
        again = self.client.post(
            self.url, {**fields, "text": draft.text, "draft": draft.text, "version": second_tab}
        )
        self.assertContains(again, "expert 于", status_code=400)
        self.assertContains(again, f"采用意见草稿（{draft.section}）", status_code=400)
        replayed = self.post(**fields, text=draft.text, draft=draft.text)
        self.assertContains(replayed, "这条草稿已被采用", status_code=400)
        self.assertEqual(list(FindingEntry.objects.values_list("text", flat=True)), [edited])
        text = self.report_text()
        self.assertIn(edited, text)
        self.assertNotIn(draft.text + "\n", text + "\n")

    def test_deleting_a_finding_deleted_meanwhile_says_who_deleted_it(self) -> None:
        self.post(section="服务监测", kind="concern", text="待删除")
        entry = FindingEntry.objects.get()
        self.post(action="delete", entry=str(entry.pk))
        again = self.post(action="delete", entry=str(entry.pk))
        self.assertContains(again, "expert 于", status_code=400)
        self.assertContains(again, "删除意见（服务监测）（内容：待删除 → （空））", status_code=400)


class DeskClaimTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.stored = self.draw(n=5, seed="调查台")
        self.round_a.experts.add(self.unassigned_expert)
        self.other = self.unassigned_expert

    def shown(self, user: User, query: str = "") -> str:
        """The client number the desk gives `user`."""
        self.login(user)
        html = self.client.get(self.url("survey_desk") + query).content.decode()
        found = re.search(r"编号 (\w+)", html)
        assert found is not None, html
        return found.group(1)

    def test_two_experts_opening_the_desk_one_after_the_other_get_two_clients(self) -> None:
        first, second = self.shown(self.expert), self.shown(self.other)
        self.assertNotEqual(first, second)
        self.assertEqual(self.shown(self.expert), first)  # reopening keeps one's own client
        held = SurveyCall.objects.get(draw=self.stored, client=first)
        self.assertEqual(held.claimed_by, self.expert)
        self.assertGreater(held.claimed_until, timezone.now() + timedelta(minutes=9))

    def test_with_a_zone_too(self) -> None:
        query = "?zone=第一片区"
        first, second = self.shown(self.expert, query), self.shown(self.other, query)
        self.assertNotEqual(first, second)
        zones = set(SurveyCall.objects.filter(client__in=[first, second]).values_list("zone"))
        self.assertEqual(zones, {("第一片区",)})

    def test_a_claim_expires(self) -> None:
        first = self.shown(self.expert)
        self.assertNotEqual(self.shown(self.coordinator), first)
        SurveyCall.objects.filter(client=first).update(
            claimed_until=timezone.now() - timedelta(seconds=1)
        )
        self.assertEqual(self.shown(self.other), first)

    def test_saving_releases_the_claim(self) -> None:
        first = self.shown(self.expert)
        call = self.call_of(first)
        self.client.post(
            self.url("survey_desk"),
            {"call": call.pk, "version": self.version(), "outcome": "not_reached", "reason": "无人接听"},
        )  # fmt: skip
        call.refresh_from_db()
        self.assertEqual((call.claimed_by, call.claimed_until), (None, None))

    def test_a_client_held_by_another_caller_cannot_be_taken_from_the_list(self) -> None:
        first = self.shown(self.expert)
        self.login(self.other)
        page = self.client.get(
            self.url("survey_desk") + f"?call={self.call_of(first).pk}", follow=True
        )
        self.assertContains(page, f"服务对象 {first} 正由 expert 拨打")
        self.assertNotContains(page, f"编号 {first}")

    def test_a_stale_desk_save_is_refused_with_what_changed_and_keeps_the_answers(self) -> None:
        first = self.shown(self.expert)
        call = self.call_of(first)
        opened = self.version()
        # The expert's claim runs out; the other caller takes the client and records them.
        SurveyCall.objects.filter(pk=call.pk).update(claimed_until=timezone.now())
        self.assertEqual(self.shown(self.other), first)
        self.reach(call, [5, 5, 5, 5, 5], user=self.other)
        self.login(self.expert)
        answers = {f"item{i}": "3" for i in range(5)}
        response = self.client.post(
            self.url("survey_desk"),
            {"call": call.pk, "version": opened, "outcome": "reached", "comment": "我的记录", **answers},
        )  # fmt: skip
        self.assertContains(response, "自您打开此表单后", status_code=409)
        self.assertContains(response, "expert_unassigned 于", status_code=409)
        self.assertContains(response, "结果：（空） → 已联系上", status_code=409)
        self.assertContains(response, 'value="我的记录"', status_code=409)
        call.refresh_from_db()
        self.assertEqual(call.answers, [5, 5, 5, 5, 5])

    def test_odd_answers_are_a_form_error_and_full_width_digits_count(self) -> None:
        self.shown(self.expert)
        call = SurveyCall.objects.get(claimed_by=self.expert)
        for typed in ("٣", "1e1", "-1", "NaN", "99999999999999999999"):
            answers = {f"item{i}": typed for i in range(5)}
            response = self.client.post(
                self.url("survey_desk"),
                {"call": call.pk, "version": self.version(), "outcome": "reached", **answers},
            )
            self.assertEqual(response.status_code, 400, typed)
        answers = {f"item{i}": "５" for i in range(5)}
        self.client.post(
            self.url("survey_desk"),
            {"call": call.pk, "version": self.version(), "outcome": "reached", **answers},
        )
        call.refresh_from_db()
        self.assertEqual(call.answers, [5, 5, 5, 5, 5])


class MisplacedFindingTests(WebTestCase):
    def test_a_finding_whose_zone_left_the_data_is_flagged_on_the_page(self) -> None:
        self.give_data(self.round_a)
        FindingEntry.objects.all().delete()
        FindingEntry.objects.create(
            round=self.round_a, section="服务质量", zone="旧片区", kind="concern",
            text="旧片区的意见。", author=self.expert,
        )  # fmt: skip
        self.login(self.expert)
        page = self.client.get(reverse("findings", args=[self.round_a.pk]))
        self.assertContains(page, "片区已不在当前数据中，不会出现在报告中")
