"""Findings in the workspace: parties write their own sections; drafts are kept or dropped."""

from __future__ import annotations

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import AuditEntry, FindingEntry


class FindingsTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        FindingEntry.objects.all().delete()  # start with no findings
        self.url = reverse("findings", args=[self.round_a.pk])

    def test_an_expert_sees_the_rules_drafts_with_their_figures_and_keeps_one_edited(self) -> None:
        self.login(self.expert)
        page = self.client.get(self.url)
        self.assertContains(page, "考核期内每月均在岗的社工17人，协议社工20人，稳岗率为85.00%")
        self.assertNotContains(page, "<option>购买方</option>")  # the purchaser's own section
        edited = "考核期内每月均在岗的社工17人，稳岗率为85.00%，团队稳定。"
        self.client.post(
            self.url, {"section": "项目管理", "zone": "", "kind": "strength", "text": edited}
        )
        entry = FindingEntry.objects.get()
        self.assertEqual(
            (entry.text, entry.author, entry.section), (edited, self.expert, "项目管理")
        )
        self.assertTrue(
            AuditEntry.objects.filter(action="添加意见（项目管理）", user=self.expert).exists()
        )

    def test_the_purchaser_writes_only_its_own_section(self) -> None:
        self.login(self.purchaser)
        self.assertContains(self.client.get(self.url), "您负责的部分：购买方")
        response = self.client.post(
            self.url, {"section": "项目管理", "kind": "concern", "text": "越权"}
        )
        self.assertContains(response, "请选择您负责的意见部分", status_code=400)
        self.client.post(
            self.url, {"section": "购买方", "kind": "concern", "text": "建议扩大服务范围。"}
        )
        self.assertEqual(FindingEntry.objects.get().section, "购买方")

    def test_only_kept_findings_reach_the_report(self) -> None:
        self.client.force_login(self.expert)
        self.client.post(
            self.url, {"section": "服务成效", "kind": "strength", "text": "社工站党建工作扎实。"}
        )
        self.login(self.coordinator)
        from pinggu.web import engine

        path = engine.report_file(self.round_a, ".docx")
        from docx import Document

        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        self.assertIn("社工站党建工作扎实。", text)
        self.assertNotIn("稳岗率为85.00%，达到不低于80.00%的要求", text)  # a draft nobody kept

    def test_an_entry_can_be_removed_and_the_station_cannot_write(self) -> None:
        self.login(self.expert)
        self.client.post(self.url, {"section": "服务监测", "kind": "concern", "text": "待删除"})
        entry = FindingEntry.objects.get()
        self.client.post(self.url, {"action": "delete", "entry": entry.pk})
        self.assertFalse(FindingEntry.objects.exists())
        for user in (self.station, self.city, self.other_station):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)

    def test_a_draft_is_labelled_in_chinese_and_no_rule_id_reaches_the_page(self) -> None:
        self.login(self.expert)
        page = self.client.get(self.url).content.decode()
        self.assertIn("草稿·稳岗率", page)
        from pinggu._report.findings import DRAFT_RULES

        for rule in DRAFT_RULES:
            self.assertNotRegex(page, rf"[（(>\s·]{rule}[）)<\s]")
