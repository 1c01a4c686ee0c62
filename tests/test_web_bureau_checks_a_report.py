"""The page 报告核对: the district bureau and the city upload any agency's report (.txt, .docx,
.pdf), see each problem marked in its context, download the result as .xlsx with no formula in
it, and find their past checks listed; nobody else reaches the page, a file that is not a report
claims nothing, and a file that cannot be read is refused in Chinese with nothing stored."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from web_base import WebTestCase

from pinggu import UnreadableReport
from pinggu._report.pdf import convert_to_pdf
from pinggu.web import uploads
from pinggu.web.models import ReportCheck

# 5970 ÷ 1500 = 398.00%, printed 398.01%: the error planted in the report.
PLANTED = "社工站共完成家访1278人次，电访5970人次；完成协议指标量的85.20%、398.01%；"
PROSE = "2024年3月5日会议纪要。出席 12 人，缺席 3 人。今年预算增长 7.5%，较去年多 30 万元。"


def text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def word_file(name: str, text: str) -> SimpleUploadedFile:
    doc = Document()
    doc.add_paragraph("一、服务成效")
    doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return SimpleUploadedFile(name, out.getvalue())


class BureauChecksAReport(WebTestCase):
    def upload(self, upload: SimpleUploadedFile, status: int = 302) -> str:
        response = self.client.post(reverse("report_checks"), {"report": upload})
        self.assertEqual(response.status_code, status, response.content.decode()[:2000])
        if status != 302:
            return response.content.decode()
        page = self.client.get(response["Location"])
        self.assertEqual(page.status_code, 200)
        return page.content.decode()

    def test_the_bureau_sees_the_planted_error_in_a_text_report_marked_in_context(self) -> None:
        self.login(self.bureau)
        page = self.upload(text_file("甲街报告.txt", PLANTED + "\n"))
        self.assertIn("核对了 <strong>2</strong> 个数字与关系", page)
        self.assertIn('发现 <strong class="bad">1</strong> 处问题', page)
        self.assertIn("完成协议指标量的85.20%、<mark>398.01%</mark>；", page)
        self.assertIn("398.00%（协议量 1500 人次）", page)  # what it should be
        self.assertIn("句中完成率与完成量", page)  # the rule, as people call it
        self.assertIn("第 1 行", page)  # where

    def test_the_city_sees_the_planted_error_in_a_word_report(self) -> None:
        self.login(self.city)
        page = self.upload(word_file("乙街报告.docx", PLANTED))
        self.assertIn("<mark>398.01%</mark>", page)
        self.assertIn("第 2 段", page)  # a Word report is located by paragraph

    def test_the_bureau_sees_the_planted_error_in_a_pdf_report(self) -> None:
        with TemporaryDirectory() as tmp:
            docx = Path(tmp) / "丙街报告.docx"
            docx.write_bytes(word_file(docx.name, PLANTED).read())
            (pdf,) = convert_to_pdf([docx], Path(tmp) / "pdf")
            upload = SimpleUploadedFile(pdf.name, pdf.read_bytes())
        self.login(self.bureau)
        page = self.upload(upload)
        self.assertIn("<mark>398.01%</mark>", page)
        self.assertIn("第 1 页", page)  # a PDF is located by page

    def test_the_header_links_the_page_for_the_bureau_and_the_city_only(self) -> None:
        link = f'href="{reverse("report_checks")}"'
        for user, shown in ((self.bureau, True), (self.city, True), (self.station, False)):
            self.login(user)
            home = self.client.get(reverse("home")).content.decode()
            self.assertEqual(link in home, shown, user.username)

    def test_a_station_an_expert_and_a_coordinator_get_a_404(self) -> None:
        self.login(self.bureau)
        self.upload(text_file("报告.txt", PLANTED))
        kept = ReportCheck.objects.get()
        for user in (self.station, self.expert, self.coordinator, self.centre):
            self.login(user)
            for url in (
                reverse("report_checks"),
                reverse("report_check", args=[kept.pk]),
                reverse("report_check_export", args=[kept.pk]),
            ):
                self.assertEqual(self.client.get(url).status_code, 404, (user.username, url))
            response = self.client.post(
                reverse("report_checks"), {"report": text_file("x.txt", PLANTED)}
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(ReportCheck.objects.count(), 1)

    def test_another_bureau_cannot_open_a_check_it_did_not_make(self) -> None:
        self.login(self.bureau)
        self.upload(text_file("报告.txt", PLANTED))
        kept = ReportCheck.objects.get()
        self.login(self.other_bureau)
        self.assertEqual(self.client.get(reverse("report_check", args=[kept.pk])).status_code, 404)
        self.assertNotIn("报告.txt", self.client.get(reverse("report_checks")).content.decode())

    def test_a_file_that_is_not_a_report_claims_nothing(self) -> None:
        self.login(self.bureau)
        page = self.upload(text_file("会议纪要.txt", PROSE))
        self.assertIn("核对了 <strong>0</strong> 个数字与关系", page)
        self.assertIn("这份文件看来不是评估报告", page)
        self.assertNotIn("<mark>", page)
        self.assertIn("未核对的数字（1 个，不算错误）", page)  # collapsed, listed
        self.assertEqual(ReportCheck.objects.get().problems, 0)

    def test_an_unreadable_file_is_refused_in_chinese_and_nothing_is_stored(self) -> None:
        self.login(self.bureau)
        cases = (
            (
                SimpleUploadedFile("报告.docx", b"this is not a zip file"),
                "不是可以读取的 Word 文件",
            ),
            (SimpleUploadedFile("报告.pdf", b"%PDF-1.4 broken"), "不是可以读取的 PDF 文件"),
            (SimpleUploadedFile("报告.xlsx", b"PK\x03\x04"), "只能核对 .docx、.pdf 或 .txt 文件"),
            (SimpleUploadedFile("报告.txt", "评估".encode("utf-16")), "不是 UTF-8 或 GB18030"),
        )
        for upload, reason in cases:
            page = self.upload(upload, status=400)
            self.assertIn("未能核对，也未保存", page)
            self.assertIn(reason, page)
        self.assertEqual(ReportCheck.objects.count(), 0)

    @override_settings(UPLOAD_MAX_BYTES=1024)
    def test_a_report_over_the_size_limit_is_refused(self) -> None:
        self.login(self.bureau)
        big = text_file("报告.txt", PLANTED * 40)
        response = self.client.post(reverse("report_checks"), {"report": big})
        self.assertEqual(response.status_code, 413)
        self.assertEqual(ReportCheck.objects.count(), 0)

    @override_settings(UPLOAD_MAX_BYTES=1024)
    def test_the_reader_itself_refuses_a_report_over_the_limit_or_empty(self) -> None:
        with self.assertRaisesRegex(UnreadableReport, "报告.txt：文件有 .* MB，超过允许的"):
            uploads.read_report_file(text_file("报告.txt", PLANTED * 40))
        with self.assertRaisesRegex(UnreadableReport, "报告.txt：文件是空的"):
            uploads.read_report_file(text_file("报告.txt", ""))

    def test_the_check_is_kept_with_who_what_and_the_result(self) -> None:
        self.login(self.bureau)
        content = (PLANTED + "\n").encode("utf-8")
        self.upload(SimpleUploadedFile("甲街报告.txt", content))
        kept = ReportCheck.objects.get()
        self.assertEqual(
            (kept.user, kept.filename, kept.size), (self.bureau, "甲街报告.txt", len(content))
        )
        self.assertEqual(kept.sha256, hashlib.sha256(content).hexdigest())
        self.assertEqual((kept.checked, kept.problems), (2, 1))
        self.assertEqual(kept.result["problems"][0]["printed"], "398.01%")
        page = self.client.get(reverse("report_checks")).content.decode()
        self.assertIn("甲街报告.txt", page)  # the uploader's list of past checks
        self.assertIn(reverse("report_check", args=[kept.pk]), page)

    def test_the_excel_export_holds_the_problem_and_no_formula(self) -> None:
        self.login(self.bureau)
        self.upload(text_file("=HYPERLINK(1).txt", PLANTED + "\n=SUM(1,2)今年增长 7.5%\n"))
        kept = ReportCheck.objects.get()
        response = self.client.get(reverse("report_check_export", args=[kept.pk]))
        self.assertEqual(response.status_code, 200)
        book = load_workbook(BytesIO(b"".join(response.streaming_content)))
        self.assertEqual(book.sheetnames, ["核对结果", "问题", "未核对"])
        values = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
        self.assertEqual([c.coordinate for c in values if c.data_type == "f"], [])
        texts = {str(c.value) for c in values}
        self.assertIn("=HYPERLINK(1).txt", texts)
        self.assertIn("398.01%", texts)
        self.assertIn("句中完成率与完成量", texts)
