"""The round's experts and coordinator choose the report's house style (联合会 or 协会) until
the report is issued; the downloaded report is written in it and the choice is logged
(issue 11: "the web can't choose a style")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web import engine
from pinggu.web.models import AuditEntry


def _body(path: Path) -> str:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as docx:
        return docx.read("word/document.xml").decode()


class ReportStyleChoiceTests(WebTestCase):
    def choose(self, style: str) -> int:
        url = reverse("report_style", args=[self.round_a.pk])
        return self.client.post(url, {"style": style}).status_code

    def test_an_expert_chooses_the_xiehui_style_and_the_report_is_written_in_it(self) -> None:
        self.give_data(self.round_a)
        default = _body(engine.report_file(self.round_a, ".docx"))
        self.assertNotIn("二、评估依据、评估原则及评估办法", default)
        self.login(self.expert)
        page = self.client.get(reverse("round", args=[self.round_a.pk])).content.decode()
        self.assertIn("联合会（缺省）", page)
        self.assertEqual(self.choose("xiehui"), 302)
        self.round_a.refresh_from_db()
        chosen = _body(engine.report_file(self.round_a, ".docx"))
        self.assertIn("二、评估依据、评估原则及评估办法", chosen)
        entry = AuditEntry.objects.get(round=self.round_a, action="选择报告样式")
        self.assertEqual((entry.old, entry.new), ({"style": "联合会（缺省）"}, {"style": "协会"}))
        page = self.client.get(reverse("round", args=[self.round_a.pk])).content.decode()
        self.assertIn("报告样式已改为协会", page)

    def test_only_the_evaluators_choose_and_only_before_the_report_is_issued(self) -> None:
        for persona in (self.station, self.purchaser, self.bureau):
            self.login(persona)
            self.assertEqual(self.choose("xiehui"), 404, persona.username)
        self.login(self.coordinator)
        self.assertEqual(self.choose("不存在的样式"), 400)
        self.round_a.locked = True
        self.round_a.save()
        self.assertEqual(self.choose("xiehui"), 400)
        self.round_a.refresh_from_db()
        self.assertEqual(self.round_a.report_style, "")
        self.assertFalse(AuditEntry.objects.filter(action="选择报告样式").exists())
