"""A file named at length (a Windows name may have 255 characters, and a Chinese character takes
three bytes where Linux allows a name of 255) is read and stored like any other: never a crash
on the temporary copy the readers take, never a name longer than the column that keeps it
(PostgreSQL refuses one)."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from spotcheck_base import SpotCheckTestCase, lists_csv
from web_base import WebTestCase

from pinggu.web.demo.onsite import _pdf
from pinggu.web.models import DataVersion, FileList, SelfDocument

LONG = "二零二三年度社工服务站档案清单（个案、小组及社区活动）最终核对版本" * 4  # 136 characters


def _limit(model: type, field: str) -> int:
    limit = model._meta.get_field(field).max_length  # type: ignore[attr-defined]
    assert isinstance(limit, int)
    return limit


class LongNameTest(SpotCheckTestCase):
    def test_it_reads_and_stores_file_lists_with_a_long_chinese_name(self) -> None:
        self.login(self.station)
        response = self.client.post(
            self.url("spotcheck_upload"), {"lists": lists_csv(name=LONG + ".csv")}
        )
        self.assertEqual(response.status_code, 302)
        stored = FileList.objects.get()
        self.assertTrue(stored.filename.startswith(LONG[:50]))
        self.assertTrue(stored.filename.endswith(".csv"))

    def test_a_stored_name_never_outgrows_its_column(self) -> None:
        self.round_a.state = "self_assessment"
        self.round_a.save()
        self.login(self.station)
        name = "自评报告" * 60 + ".pdf"  # 244 characters: Django keeps up to 255
        response = self.client.post(
            reverse("self_document_upload", args=[self.round_a.pk]),
            {
                "kind": "evidence",
                "tag": "indicator:电访",
                "title": "",
                "document": SimpleUploadedFile(name, _pdf()),
            },
        )
        self.assertEqual(response.status_code, 302)
        stored = SelfDocument.objects.get().filename
        self.assertLessEqual(len(stored), _limit(SelfDocument, "filename"))
        self.assertTrue(stored.startswith("自评报告自评报告"))
        self.assertTrue(stored.endswith(".pdf"))


class LongWorkbookNameTest(WebTestCase):
    def test_a_workbook_with_a_long_name_is_stored_under_a_name_that_fits(self) -> None:
        with TemporaryDirectory() as tmp:
            path = self.workbook(Path(tmp))
            self.login(self.station)
            with path.open("rb") as f:
                upload = SimpleUploadedFile("评估数据" * 60 + ".xlsx", f.read())
            response = self.client.post(
                reverse("upload", args=[self.round_a.pk]), {"workbook": upload}
            )
        self.assertEqual(response.status_code, 302)
        stored = DataVersion.objects.get(round=self.round_a).filename
        self.assertLessEqual(len(stored), _limit(DataVersion, "filename"))
        self.assertTrue(stored.endswith(".xlsx"))
