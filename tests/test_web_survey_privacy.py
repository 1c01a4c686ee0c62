"""Privacy: only the survey roles of the round (its coordinator and assigned experts) see the
list, the desk and the exports; exports are masked unless explicitly asked for, which is logged;
the access log is for the coordinator and the district bureau; everyone else sees aggregates."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.models import User
from openpyxl import load_workbook
from survey_base import NAMES, PHONES, SurveyTestCase

from pinggu.web.models import AccessLog, SurveyCall

SURVEY_URLS = ("survey_draw", "survey_desk")


class SurveyRolesTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.stored = self.draw(n=5)
        for call in SurveyCall.objects.filter(draw=self.stored)[:3]:
            self.reach(call, [5, 4, 4, 5, 4])

    def outsiders(self) -> list[User]:
        """Everyone who may see round A but has no survey role in it, and strangers."""
        return [
            self.station,
            self.purchaser,
            self.bureau,
            self.centre,
            self.city,
            self.unassigned_expert,
            self.other_station,
            self.other_bureau,
            self.other_coordinator,
        ]

    def test_coordinator_and_assigned_expert_open_the_list_and_the_desk(self) -> None:
        for user in (self.coordinator, self.expert):
            self.login(user)
            for name in SURVEY_URLS:
                self.assertEqual(self.client.get(self.url(name)).status_code, 200, (user, name))
            export = self.client.get(self.url("survey_export", "list"))
            self.assertEqual(export.status_code, 200)

    def test_everyone_else_gets_404_on_list_desk_exports_and_writes(self) -> None:
        call = SurveyCall.objects.filter(draw=self.stored).first()
        assert call is not None
        for user in self.outsiders():
            self.login(user)
            for name in SURVEY_URLS:
                self.assertEqual(self.client.get(self.url(name)).status_code, 404, (user, name))
            for kind in ("list", "responses"):
                url = self.url("survey_export", kind)
                self.assertEqual(self.client.get(url).status_code, 404, (user, kind))
                response = self.client.post(url, {"confirm": "yes"})
                self.assertEqual(response.status_code, 404, (user, kind))
            desk = self.client.post(
                self.url("survey_desk"),
                {"call": call.pk, "outcome": "not_reached", "reason": "空号"},
            )
            self.assertEqual(desk.status_code, 404, user)
            for name in ("survey_check", "survey_import"):
                self.assertEqual(self.client.post(self.url(name)).status_code, 404, (user, name))
            draw = self.client.post(self.url("survey_draw"), {"n": "5", "seed": "x"})
            self.assertEqual(draw.status_code, 404, user)
        call.refresh_from_db()
        self.assertEqual(call.tries, [])
        self.assertFalse(
            AccessLog.objects.exclude(user__in=[self.coordinator, self.expert]).exists()
        )

    def test_the_round_page_offers_each_role_its_own_part(self) -> None:
        self.login(self.expert)
        page = self.client.get(self.url("round"))
        self.assertContains(page, "调查台")
        self.assertNotContains(page, "个人信息查看记录")
        self.login(self.coordinator)
        self.assertContains(self.client.get(self.url("round")), "个人信息查看记录")
        self.login(self.bureau)
        page = self.client.get(self.url("round"))
        self.assertNotContains(page, "调查台")
        self.assertContains(page, "个人信息查看记录")
        self.assertContains(page, "服务对象满意度")  # the result, in aggregate
        self.login(self.purchaser)
        page = self.client.get(self.url("round"))
        self.assertNotContains(page, "调查台")
        self.assertContains(page, "名册汇总")

    def test_the_station_sees_only_aggregates_and_only_once_the_report_is_issued(self) -> None:
        self.login(self.station)
        page = self.client.get(self.url("round"))
        self.assertNotContains(page, "服务对象满意度")
        self.assertContains(page, "已抽取 5 人")
        self.round_a.state = "report_issued"
        self.round_a.save()
        page = self.client.get(self.url("round")).content.decode()
        self.assertIn("服务对象满意度", page)
        for secret in NAMES + PHONES:
            self.assertNotIn(secret, page)
        for call in SurveyCall.objects.all():
            self.assertNotIn(call.client, page)


class ExportTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.stored = self.draw(n=5)
        first = SurveyCall.objects.get(draw=self.stored, position=1)
        self.reach(first, [5, 4, None, 5, 4])
        self.login(self.expert)

    def cells(self, response: object, sheet: str) -> list[list[object]]:
        data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        book = load_workbook(BytesIO(data))
        return [list(row) for row in book[sheet].iter_rows(values_only=True)]

    def test_exports_are_masked_by_default_and_not_logged(self) -> None:
        rows = self.cells(self.client.get(self.url("survey_export", "list")), "抽样名单")
        first = SurveyCall.objects.get(draw=self.stored, position=1)
        person = self.stored.roster.clients.get(number=first.client)
        self.assertEqual(rows[0][:4], ["顺序", "编号", "姓名", "电话"])
        self.assertEqual(
            rows[1][:4], [1, first.client, f"{person.name[0]}*", f"139****{person.phone[-4:]}"]
        )
        text = str(rows)
        for secret in NAMES + PHONES:
            self.assertNotIn(secret, text)
        answers = self.cells(self.client.get(self.url("survey_export", "responses")), "调查结果")
        self.assertEqual(answers[1][4:11], ["已联系上", None, 5, 4, None, 5, 4])
        self.assertNotIn(person.phone, str(answers))
        self.assertFalse(AccessLog.objects.filter(what__startswith="导出").exists())

    def test_an_unmasked_export_needs_a_confirmation_and_is_logged(self) -> None:
        url = self.url("survey_export", "list")
        self.assertEqual(self.client.post(url, {}).status_code, 404)
        response = self.client.post(url, {"confirm": "yes"})
        self.assertIn("未遮盖", response.filename)  # type: ignore[attr-defined]
        rows = self.cells(response, "抽样名单")
        chosen = {r[1] for r in rows[1:]}
        people = {c.number: c for c in self.stored.roster.clients.all()}
        self.assertEqual({r[2] for r in rows[1:]}, {people[c].name for c in chosen})
        self.assertEqual({r[3] for r in rows[1:]}, {people[c].phone for c in chosen})
        # The reserve list stays masked: a reserve's phone is needed only once they replace.
        reserve = self.cells(self.client.get(url), "备用名单")
        self.assertTrue(all("*" in str(r[3]) for r in reserve[1:]))
        log = AccessLog.objects.get(what__startswith="导出")
        self.assertEqual(
            (log.user, log.what, log.count, log.client),
            (self.expert, "导出抽样名单（未遮盖）", 5, ""),
        )

    def test_the_access_log_is_for_the_coordinator_and_the_district_bureau(self) -> None:
        self.client.get(self.url("survey_desk"))
        self.client.post(self.url("survey_export", "responses"), {"confirm": "yes"})
        for user in (self.coordinator, self.bureau):
            self.login(user)
            page = self.client.get(self.url("survey_access"))
            self.assertContains(page, "调查台：电话")
            self.assertContains(page, "导出满意度调查结果（未遮盖）")
            self.assertContains(page, "expert")
        for user in (
            self.expert,
            self.station,
            self.purchaser,
            self.centre,
            self.city,
            self.other_bureau,
        ):
            self.login(user)
            self.assertEqual(self.client.get(self.url("survey_access")).status_code, 404, user)
