"""The self-assessment's documents: PDF, Word and images recognised by their content (a program
named .pdf is refused), size bounded, stored once, served only as a download, and seen by
everyone with a part in the round but nobody else."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.demo.onsite import _pdf, _png
from pinggu.web.models import AuditEntry, SelfDocument


def docx() -> bytes:
    """A minimal Word document's package: the parts a .docx always has."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


class DocumentsTest(WebTestCase):
    def setUp(self) -> None:
        self.round_a.state = "self_assessment"
        self.round_a.save()
        self.url = reverse("self_document_upload", args=[self.round_a.pk])

    def upload(self, name: str, content: bytes, **fields: str) -> object:
        data = {"kind": "evidence", "tag": "indicator:电访", "title": "", **fields}
        return self.client.post(self.url, {**data, "document": SimpleUploadedFile(name, content)})

    def test_it_stores_a_pdf_tagged_to_an_indicator_and_serves_it_only_as_a_download(
        self,
    ) -> None:
        self.login(self.station)
        response = self.upload("电访记录.pdf", _pdf(), title="电访登记表")
        self.assertEqual(response.status_code, 302)
        document = SelfDocument.objects.get()
        self.assertEqual(
            (document.tag_kind, document.tag, document.content_type, document.title),
            ("indicator", "电访", "application/pdf", "电访登记表"),
        )
        self.assertTrue(AuditEntry.objects.filter(action="上传自评材料").exists())
        self.login(self.expert)
        got = self.client.get(reverse("self_document", args=[self.round_a.pk, document.pk]))
        self.assertEqual(got.status_code, 200)
        self.assertEqual(got["Content-Type"], "application/pdf")
        self.assertTrue(got["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(got["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", got["Content-Security-Policy"])
        self.assertEqual(got.content, _pdf())

    def test_it_accepts_word_documents_and_images_by_their_content(self) -> None:
        self.login(self.station)
        for name, content in (("自评报告.docx", docx()), ("宣传栏.png", _png())):
            self.assertEqual(self.upload(name, content).status_code, 302, name)
        self.assertEqual(
            sorted(SelfDocument.objects.values_list("content_type", flat=True)),
            [
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "image/png",
            ],
        )

    def test_it_refuses_a_program_disguised_as_a_pdf_and_stores_nothing(self) -> None:
        self.login(self.station)
        program = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
        response = self.upload("自评报告.pdf", program)
        self.assertContains(
            response,
            "「自评报告.pdf」的内容不是 PDF、Word 文档或图片（按文件内容识别，不看扩展名），未保存",
            status_code=400,
        )
        self.assertFalse(SelfDocument.objects.exists())

    def test_it_refuses_a_file_whose_content_and_name_disagree(self) -> None:
        self.login(self.station)
        response = self.upload("照片.pdf", _png())
        self.assertContains(
            response, "「照片.pdf」的内容是PNG 图片，与扩展名 .pdf 不符", status_code=400
        )
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w") as z:
            z.writestr("payload.exe", b"MZ")
        response = self.upload("自评报告.docx", zipped.getvalue())
        self.assertContains(response, "的内容不是 PDF、Word 文档或图片", status_code=400)
        response = self.upload("自评报告.html", b"<script>alert(1)</script>")
        self.assertContains(response, "只接受 PDF、Word 文档和图片", status_code=400)
        self.assertFalse(SelfDocument.objects.exists())

    @override_settings(DOCUMENT_MAX_BYTES=1024)
    def test_it_refuses_a_document_over_the_size_limit(self) -> None:
        self.login(self.station)
        response = self.upload("扫描件.pdf", _pdf() + b"%" * 2000)
        self.assertContains(response, "超过允许的", status_code=400)
        self.assertFalse(SelfDocument.objects.exists())

    def test_the_same_file_twice_is_stored_once(self) -> None:
        self.login(self.station)
        self.upload("自评报告.pdf", _pdf(), kind="report", tag="")
        response = self.upload("自评报告（副本）.pdf", _pdf(), kind="report", tag="")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(SelfDocument.objects.count(), 1)

    def test_it_refuses_a_tag_that_is_neither_a_section_nor_an_indicator(self) -> None:
        self.login(self.station)
        response = self.upload("自评报告.pdf", _pdf(), tag="indicator:不存在的指标")
        self.assertContains(response, "请从列表中选择材料对应的部分或指标", status_code=400)
        self.assertFalse(SelfDocument.objects.exists())

    def test_the_parties_may_download_it_and_nobody_else_may(self) -> None:
        self.login(self.station)
        self.upload("自评报告.pdf", _pdf(), kind="report", tag="section:服务质量")
        url = reverse("self_document", args=[self.round_a.pk, SelfDocument.objects.get().pk])
        for user in (self.purchaser, self.bureau, self.centre, self.city, self.coordinator):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 200, user.username)
        for user in (self.other_station, self.other_bureau, self.unassigned_expert):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, user.username)

    def test_only_the_station_and_the_coordinator_upload_or_delete(self) -> None:
        self.login(self.expert)
        self.assertEqual(self.upload("自评报告.pdf", _pdf()).status_code, 404)
        self.login(self.station)
        self.upload("自评报告.pdf", _pdf())
        document = SelfDocument.objects.get()
        delete = reverse("self_document_delete", args=[self.round_a.pk, document.pk])
        self.login(self.purchaser)
        self.assertEqual(self.client.post(delete).status_code, 404)
        self.login(self.station)
        self.assertEqual(self.client.post(delete).status_code, 302)
        self.assertFalse(SelfDocument.objects.exists())
        again = self.client.post(delete)  # a second tab
        self.assertContains(again, "这份材料已被删除", status_code=400)

    def test_it_tells_a_word_97_file_from_another_ole2_file(self) -> None:
        """A .doc is an OLE2 compound file with a WordDocument stream; an .xls the same kind
        of container without it."""
        ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
        word = ole2 + "WordDocument".encode("utf-16-le") + b"\x00" * 100
        excel = ole2 + "Workbook".encode("utf-16-le") + b"\x00" * 100
        self.login(self.station)
        self.assertEqual(self.upload("旧版自评报告.doc", word).status_code, 302)
        response = self.upload("表格.doc", excel)
        self.assertContains(response, "的内容不是 PDF、Word 文档或图片", status_code=400)
        self.assertEqual(
            list(SelfDocument.objects.values_list("content_type", flat=True)),
            ["application/msword"],
        )
