"""The web upload reads what the engine reads (issue 12): a workbook is known by its content, not
by its name (an .xlsx saved as 工作簿.xls is read, as is a real .xls or .ods), and a roster's reading
notices (a client without a usable phone left out of the draw) are shown after the upload."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from survey_base import CLIENTS, roster_csv
from web_base import WebTestCase


class UploadsAsPeopleKeepThemTests(WebTestCase):
    def test_a_workbook_named_xls_is_read_by_its_content(self) -> None:
        with TemporaryDirectory() as tmp:
            data = self.workbook(Path(tmp)).read_bytes()
        self.login(self.station)
        upload = SimpleUploadedFile("工作簿.xls", data)
        response = self.client.post(reverse("upload", args=[self.round_a.pk]), {"workbook": upload})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.round_a.versions.count(), 1)

    def test_a_client_without_a_usable_phone_is_named_after_the_roster_upload(self) -> None:
        rows = [list(row) for row in CLIENTS]
        rows[2][7] = "1.39E+10"
        self.login(self.station)
        url = reverse("survey_roster", args=[self.round_a.pk])
        response = self.client.post(url, {"roster": roster_csv(rows)}, follow=True)
        page = response.content.decode()
        self.assertIn("已保存服务对象名册第 1 版", page)
        self.assertIn("科学计数法", page)
        self.assertIn('class="notice warn"', page)
