"""The street office downloads its performance report (.docx and .pdf, seed 001's structure
with the 自评表 as its 附件), written and audited once for each distinct input, then served
from disk; a change to what it entered writes a new one."""

from __future__ import annotations

import io
import zipfile
from unittest import mock

from django.http import FileResponse
from django.urls import reverse
from performance_forms import BUDGET, TARGETS
from web_base import WebTestCase

from pinggu.web.performance import selfeval


def _text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode()


class PerformanceReportTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.login(self.purchaser)
        for part, data in (("budget", BUDGET), ("targets", TARGETS)):
            self.save(part, data)

    def save(self, part: str, data: dict[str, str]) -> None:
        url = reverse("performance_edit", args=[self.round_a.pk, part])
        self.assertEqual(
            self.client.post(url, {**data, "version": self.version()}).status_code, 302
        )

    def download(self, fmt: str) -> tuple[str, bytes]:
        """The file's name and content."""
        response = self.client.get(reverse("performance_report", args=[self.round_a.pk, fmt]))
        self.assertEqual(response.status_code, 200)
        assert isinstance(response, FileResponse)
        data = b"".join(response.streaming_content)  # type: ignore[arg-type]  # read whole: closed
        return response.filename or "", data

    def test_the_report_is_written_once_per_input_and_rewritten_after_a_change(self) -> None:
        writer = mock.Mock(wraps=selfeval.write_performance_report)
        with mock.patch.object(selfeval, "write_performance_report", writer):
            name, docx = self.download("docx")
            self.assertIn("绩效评价报告", name)
            text = _text(docx)
            self.assertIn("项目年初预算数240万元，全年预算数为240万元；全年执行数为228万元", text)
            self.assertIn("完成预算的95", text)
            self.assertIn("项目支出绩效自评表", text)
            name, pdf = self.download("pdf")
            self.assertTrue(name.endswith(".pdf") and pdf.startswith(b"%PDF"))
            self.assertEqual(writer.call_count, 1)  # the .pdf was written with the .docx
            self.download("docx")
            self.assertEqual(writer.call_count, 1)
            self.save("budget", {**BUDGET, "spent": "2400000"})
            self.assertIn("全年执行数为240万元，完成预算的100", _text(self.download("docx")[1]))
            self.assertEqual(writer.call_count, 2)

    def test_the_station_downloads_it_and_without_targets_it_says_why_not(self) -> None:
        self.round_a.state = "report_issued"  # the station sees results once the report is issued
        self.round_a.save()
        self.login(self.station)
        self.assertTrue(self.download("docx")[1].startswith(b"PK"))
        self.login(self.purchaser)
        self.save("budget", dict.fromkeys(BUDGET, ""))
        self.save("targets", {k: "" for k in TARGETS})
        response = self.client.get(reverse("performance_report", args=[self.round_a.pk, "docx"]))
        self.assertContains(response, "尚未填写预算和绩效目标", status_code=409)
