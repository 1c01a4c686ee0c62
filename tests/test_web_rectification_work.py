"""The station answers its mid-term's concerns (整改措施, evidence) until the final's report is
issued; the experts mark them at the final and may carry one into the final's concerns; each
role sees and does only its part."""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from rectification_base import PDF, RectificationTestCase

from pinggu import RectificationStatus
from pinggu.web import audit, engine
from pinggu.web.models import AuditEntry, FindingEntry, RectificationEvidence


class StationAnswersTests(RectificationTestCase):
    def upload(self, name: str, content: bytes) -> object:
        self.login(self.station)
        document = SimpleUploadedFile(name, content)
        return self.post("rectification_upload", self.midterm, self.item(1), document=document)

    def test_the_station_writes_its_response_and_the_next_round_reads_it(self) -> None:
        self.login(self.station)
        page = self.client.get(reverse("rectification", args=[self.midterm.pk]))
        self.assertContains(page, "个别社工的劳动合同")
        self.assertContains(page, "2024年3月4日")  # 整改期限
        response = self.post(
            "rectification_respond", self.midterm, self.item(1), response="已补齐劳动合同。"
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.item(1).response, "已补齐劳动合同。")
        # logged in both rounds: the final's input changed with it
        for round_ in (self.midterm, self.round_a):
            self.assertTrue(
                AuditEntry.objects.filter(round=round_, action__startswith="填写整改措施").exists()
            )
        self.give_data(self.round_a)
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        first = onsite.rectification[0]
        self.assertEqual((first.number, first.response), (1, "已补齐劳动合同。"))
        self.assertEqual(first.raised_kind, "midterm")

    def test_evidence_is_stored_when_its_content_is_a_pdf_word_or_image(self) -> None:
        response = self.upload("整改台账.pdf", PDF)
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        stored = RectificationEvidence.objects.get()
        self.assertEqual(
            (stored.name, stored.kind, bytes(stored.content)), ("整改台账.pdf", "pdf", PDF)
        )
        again = self.upload("副本.pdf", PDF)
        self.assertContains(again, "已上传过（内容相同）", status_code=400)  # type: ignore[arg-type]
        self.login(self.bureau)
        url = reverse("rectification_evidence", args=[self.midterm.pk, self.item(1).pk, stored.pk])
        download = self.client.get(url)
        self.assertEqual(download["Content-Type"], "application/pdf")
        self.assertIn("attachment", download["Content-Disposition"])
        # served like a self-assessment document: never run as a page in the browser
        self.assertIn("sandbox", download["Content-Security-Policy"])
        self.login(self.city)  # reads the page, not the documents
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_refuses_a_file_that_is_not_a_document_whatever_its_name(self) -> None:
        for name, content in (
            ("整改台账.pdf", b"MZ\x90\x00 an executable"),
            ("照片.jpg", b"<html><script>alert(1)</script>"),
            ("整改.docx", b"PK\x03\x04 not really a zip"),
        ):
            response = self.upload(name, content)
            self.assertContains(response, f"「{name}」的内容不是 PDF、Word", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(RectificationEvidence.objects.exists())

    def test_word_and_images_are_told_by_their_content(self) -> None:
        docx = BytesIO()
        with zipfile.ZipFile(docx, "w") as book:
            book.writestr("[Content_Types].xml", "<Types/>")
            book.writestr("word/document.xml", "<w:document/>")
        for name, content, kind in (
            ("措施.docx", docx.getvalue(), "docx"),
            (
                "旧版.doc",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
                "doc",
            ),
            ("现场.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "png"),
            ("台账.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64, "jpeg"),
        ):
            response = self.upload(name, content)
            self.assertEqual(response.status_code, 302, name)  # type: ignore[attr-defined]
            self.assertEqual(RectificationEvidence.objects.get(name=name).kind, kind)

    @override_settings(DOCUMENT_MAX_BYTES=1024)
    def test_it_refuses_a_document_over_the_size_limit(self) -> None:
        response = self.upload("大文件.pdf", PDF + b"0" * 2048)
        self.assertContains(response, "超过允许的", status_code=400)  # type: ignore[arg-type]
        self.assertFalse(RectificationEvidence.objects.exists())

    def test_a_stale_tab_does_not_overwrite_a_newer_response(self) -> None:
        self.login(self.station)
        opened = str(audit.version(self.midterm))
        item = self.item(2)
        self.post("rectification_respond", self.midterm, item, response="甲", version=opened)
        stale = self.post(
            "rectification_respond", self.midterm, item, response="乙", version=opened
        )
        self.assertContains(stale, "自您打开此表单后", status_code=409)
        self.assertContains(stale, "乙", status_code=409)  # what was typed stays in the form
        self.assertEqual(self.item(2).response, "甲")

    def test_a_double_click_saves_the_response_once_and_is_no_conflict(self) -> None:
        self.login(self.station)
        opened = str(audit.version(self.midterm))
        item = self.item(2)
        for _ in range(2):
            response = self.post(
                "rectification_respond", self.midterm, item, response="甲", version=opened
            )
            self.assertEqual(response.status_code, 302)
        self.assertEqual(self.item(2).response, "甲")
        entries = AuditEntry.objects.filter(round=self.midterm, action__startswith="填写整改措施")
        self.assertEqual(entries.count(), 1)

    def test_answers_close_when_the_next_rounds_report_is_issued(self) -> None:
        self.issue_round_a()
        self.login(self.station)
        response = self.post("rectification_respond", self.midterm, self.item(1), response="迟到")
        self.assertContains(response, "报告已出具，整改措施和佐证材料不能再修改", status_code=400)
        self.assertEqual(self.item(1).response, "")


class ExpertsMarkTests(RectificationTestCase):
    def mark(self, number: int, status: str, note: str = "") -> object:
        self.login(self.expert)
        item = self.item(number)
        return self.post("rectification_mark", self.round_a, item, status=status, note=note)

    def test_experts_mark_each_item_at_the_next_round_and_the_engine_reads_the_marks(self) -> None:
        self.assertEqual(self.mark(1, "已整改", "已查阅补齐的合同").status_code, 302)  # type: ignore[attr-defined]
        self.mark(2, "未整改", "电访记录仍然简单")
        self.give_data(self.round_a)
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        marks = [(i.status, i.note) for i in onsite.rectification]
        self.assertEqual(
            marks,
            [
                (RectificationStatus.DONE, "已查阅补齐的合同"),
                (RectificationStatus.NOT_DONE, "电访记录仍然简单"),
                (None, ""),
            ],
        )
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "上一轮评估（")
        self.assertContains(page, "电访记录仍然简单")
        # the engine's summary: 1 of 3 rectified is 33.33%; items 2 and 3 past due 2024-03-04
        self.assertContains(
            page, "已整改 1 条、部分整改 0 条、未整改 1 条、尚未评定 1 条；整改率 33.33%"
        )
        self.assertContains(page, "已过整改期限而未整改到位的 2 条")

    def test_a_double_click_on_a_mark_saves_it_once_and_is_no_conflict(self) -> None:
        self.login(self.expert)
        opened = str(audit.version(self.round_a))
        item = self.item(1)
        for _ in range(2):
            response = self.post(
                "rectification_mark",
                self.round_a,
                item,
                status="已整改",
                note="已查阅",
                version=opened,
            )
            self.assertEqual(response.status_code, 302)
        self.assertEqual((self.item(1).status, self.item(1).note), ("已整改", "已查阅"))

    def test_a_mark_must_be_one_of_the_three_and_a_note_needs_a_mark(self) -> None:
        self.assertContains(self.mark(1, "整改中"), "请选择整改情况", status_code=400)  # type: ignore[arg-type]
        self.assertContains(self.mark(1, "", "说明"), "请先选择整改情况", status_code=400)  # type: ignore[arg-type]
        self.assertEqual(self.item(1).status, "")

    def test_the_station_sees_the_marks_only_once_the_next_report_is_issued(self) -> None:
        self.mark(1, "部分整改", "合同已补齐但社保记录仍缺")
        self.login(self.station)
        url = reverse("rectification", args=[self.round_a.pk])
        self.assertNotContains(self.client.get(url), "合同已补齐但社保记录仍缺")
        own = reverse("rectification", args=[self.midterm.pk])
        self.assertNotContains(self.client.get(own), "合同已补齐但社保记录仍缺")
        self.issue_round_a()
        self.assertContains(self.client.get(url), "合同已补齐但社保记录仍缺")
        self.assertContains(self.client.get(own), "合同已补齐但社保记录仍缺")

    def test_an_expert_carries_a_partly_rectified_item_into_this_rounds_concerns(self) -> None:
        self.login(self.expert)
        item = self.item(3)
        refused = self.post("rectification_carry", self.round_a, item, text="")
        self.assertContains(refused, "请先评定为「部分整改」或「未整改」", status_code=400)
        self.mark(3, "部分整改", "已开始整理")
        text = "志愿者档案仍不完整，建议补充签到签退记录。"
        self.assertEqual(
            self.post("rectification_carry", self.round_a, item, text=text).status_code, 302
        )
        entry = FindingEntry.objects.get(round=self.round_a, text=text)
        self.assertEqual((entry.section, entry.kind), ("服务监测", "concern"))
        self.assertEqual(self.item(3).repeated_as, entry)
        twice = self.post("rectification_carry", self.round_a, item, text=text)
        self.assertContains(twice, "已列为本轮需要关注的意见", status_code=400)
        for status in ("已整改", ""):
            refused = self.mark(3, status)
            self.assertContains(refused, "只能评为部分整改或未整改", status_code=400)  # type: ignore[arg-type]
        self.assertEqual(self.item(3).status, "部分整改")
        self.give_data(self.round_a, scores=False)
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        self.assertEqual(onsite.rectification[2].repeated_as, text)

    def test_marks_lock_with_the_next_rounds_report(self) -> None:
        self.issue_round_a()
        self.assertContains(self.mark(1, "已整改"), "整改情况已锁定", status_code=400)  # type: ignore[arg-type]


class RoleTests(RectificationTestCase):
    def test_each_role_does_only_its_part(self) -> None:
        forms = {
            "rectification_respond": (self.midterm, {"response": "x"}),
            "rectification_mark": (self.round_a, {"status": "已整改"}),
        }
        allowed = {
            self.station: {"rectification_respond"},
            self.expert: {"rectification_mark"},
            self.coordinator: {"rectification_mark"},
        }
        for user in (
            self.station,
            self.expert,
            self.coordinator,
            self.purchaser,
            self.bureau,
            self.centre,
            self.city,
        ):
            self.login(user)
            for name, (round_, data) in forms.items():
                status = self.post(name, round_, self.item(1), **data).status_code
                expected = 302 if name in allowed.get(user, set()) else 404
                self.assertEqual(status, expected, (user.username, name))

    def test_nobody_outside_the_station_sees_its_items(self) -> None:
        for user in (
            self.other_station,
            self.other_bureau,
            self.unassigned_expert,
            self.other_coordinator,
        ):
            self.login(user)
            page = self.client.get(reverse("rectification", args=[self.midterm.pk]))
            self.assertEqual(page.status_code, 404, user.username)

    def test_an_item_is_reached_only_through_a_round_that_raised_or_follows_it(self) -> None:
        self.login(self.station)
        other = self.round_b
        url = reverse("rectification_respond", args=[other.pk, self.item(1).pk])
        self.assertEqual(self.client.post(url, {"response": "x"}).status_code, 404)
        # through the final (which follows it) the station cannot answer: it answers on the mid-term
        response = self.post("rectification_respond", self.round_a, self.item(1), response="x")
        self.assertEqual(response.status_code, 404)
