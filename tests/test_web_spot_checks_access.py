"""Who may do what with the spot checks (roles.py): the station uploads its lists but never sees
the draw, the checklists or the marks before the round's report is issued — not on the
spot-check page, the round page, the desk, the read API or the report — and sees them after."""

from __future__ import annotations

import json

from spotcheck_base import SpotCheckTestCase

from pinggu.web.api import tokens
from pinggu.web.models import CheckedFile

NOTE = "缺少服务对象签名-唯一标记"


class AccessTests(SpotCheckTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.upload()
        self.draw("保密种子")
        self.login(self.expert)
        self.file = next(f for f in self.files() if f.type == "个案")
        items = self.items(self.file)
        form = self.mark_form(self.file, ["不符合"] + ["符合"] * (len(items) - 1), {0: NOTE})
        self.assertEqual(
            self.client.post(self.url("spotcheck_desk", self.file.pk), form).status_code, 302
        )
        self.item = items[0]

    def secrets_in(self, text: str) -> list[str]:
        """What of the draw, the checklist and the marks shows in `text`."""
        drawn = [f.file_id for f in CheckedFile.objects.all()]
        found = [s for s in ("保密种子", NOTE, self.item, "抽样方案", "抽查个案档案") if s in text]
        return found + [d for d in drawn if f"<td>{d}</td>" in text]

    def station_sees(self) -> str:
        """Every page and document the station can open about the round, as one text."""
        self.login(self.station)
        texts = []
        for name in ("round", "spotcheck"):
            response = self.client.get(self.url(name))
            self.assertEqual(response.status_code, 200)
            texts.append(response.content.decode())
        token = tokens.create(self.station, "测试")[1]
        for path in (f"/api/rounds/{self.round_a.pk}", f"/api/rounds/{self.round_a.pk}/result"):
            response = self.client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
            texts.append(json.dumps(response.json(), ensure_ascii=False))
        return "\n".join(texts)

    def test_the_station_sees_nothing_of_the_checks_before_the_report_is_issued(self) -> None:
        self.assertEqual(self.secrets_in(self.station_sees()), [])
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertIn("抽查名单、检查表和检查结果在报告出具后向社工站公开", page)
        for name, args, method in (
            ("spotcheck_start", (), "get"),
            ("spotcheck_desk", (self.file.pk,), "get"),
            ("spotcheck_desk", (self.file.pk,), "post"),
            ("spotcheck_missing", (self.file.pk,), "post"),
            ("spotcheck_draw", (), "post"),
            ("spotcheck_recheck", (), "post"),
            ("report", ("docx",), "get"),
        ):
            response = getattr(self.client, method)(self.url(name, *args))
            self.assertEqual(response.status_code, 404, name)

    def test_the_test_above_would_see_a_leak(self) -> None:
        """The checker finds the secrets where they are shown (the expert's page)."""
        self.login(self.expert)
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertIn("保密种子", self.secrets_in(page))
        self.assertIn(NOTE, self.secrets_in(page))

    def test_the_station_sees_the_checks_once_the_report_is_issued(self) -> None:
        self.round_a.state, self.round_a.locked = "report_issued", True
        self.round_a.save()
        seen = self.secrets_in(self.station_sees())
        self.assertIn("保密种子", seen)
        self.assertIn(NOTE, seen)
        self.assertIn(self.file.file_id, seen)
        # but may not change anything
        self.assertEqual(self.client.get(self.url("spotcheck_desk", self.file.pk)).status_code, 404)

    def test_the_parties_see_the_checks_but_only_the_agency_draws_and_marks(self) -> None:
        for user in (self.purchaser, self.bureau, self.centre, self.city):
            self.login(user)
            page = self.client.get(self.url("spotcheck")).content.decode()
            self.assertIn(NOTE, page, user.username)
            self.assertNotIn("填写检查表", page, user.username)
            for name, args in (("spotcheck_desk", (self.file.pk,)), ("spotcheck_start", ())):
                self.assertEqual(self.client.get(self.url(name, *args)).status_code, 404)
            self.assertEqual(self.client.post(self.url("spotcheck_draw")).status_code, 404)
        self.login(self.coordinator)
        self.assertEqual(self.client.get(self.url("spotcheck_desk", self.file.pk)).status_code, 200)

    def test_outsiders_get_a_404_everywhere(self) -> None:
        for user in (
            self.other_station,
            self.other_bureau,
            self.other_coordinator,
            self.unassigned_expert,
        ):
            self.login(user)
            for name, args in (("spotcheck", ()), ("spotcheck_desk", (self.file.pk,))):
                response = self.client.get(self.url(name, *args))
                self.assertEqual(response.status_code, 404, (user.username, name))

    def test_nobody_marks_once_the_report_is_issued(self) -> None:
        self.round_a.state, self.round_a.locked = "report_issued", True
        self.round_a.save()
        self.login(self.expert)
        items = self.items(self.file)
        form = self.mark_form(self.file, ["符合"] * len(items))
        response = self.client.post(self.url("spotcheck_desk", self.file.pk), form)
        self.assertContains(response, "报告出具后档案抽查已锁定", status_code=400)
        self.file.refresh_from_db()
        self.assertEqual(self.file.marks[0]["note"], NOTE)
