"""The station uploads its workbook: errors are shown located and nothing is saved; accepted
data is versioned, logged, and after the report is issued only changes with a reason."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import AuditEntry, DataVersion


class UploadTests(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("upload", args=[self.round_a.pk])
        self.tmp = TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def post(self, path: Path, **extra: str) -> object:
        with path.open("rb") as f:
            return self.client.post(self.url, {"workbook": f, **extra})

    def test_the_station_uploads_and_the_result_shows(self) -> None:
        self.login(self.station)
        response = self.post(self.workbook(Path(self.tmp.name)))
        self.assertRedirects(response, reverse("round", args=[self.round_a.pk]))  # type: ignore[arg-type]
        self.assertEqual(self.round_a.versions.count(), 1)
        # The station sees its result only once the report is issued.
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "各方评分与结果在报告出具后向社工站公开")
        self.login(self.coordinator)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        # The station's facts are in; the parties have not scored yet (the workbook's own
        # 评分 sheet is not theirs to fill in the workspace).
        self.assertContains(page, "评分未齐")
        self.assertContains(page, '<td class="num">197</td>')
        entry = AuditEntry.objects.get(round=self.round_a)
        self.assertEqual(
            (entry.action, entry.user, entry.new["version"]), ("上传数据", self.station, 1)
        )

    def test_a_second_upload_is_a_new_version_and_the_first_stays(self) -> None:
        self.login(self.station)
        path = self.workbook(Path(self.tmp.name))
        self.post(path)
        self.post(path)
        self.assertEqual(list(self.round_a.versions.values_list("number", flat=True)), [2, 1])

    def test_a_workbook_with_errors_is_listed_and_nothing_saved(self) -> None:
        self.login(self.station)
        blank = Path(self.tmp.name) / "空白.xlsx"
        from pinggu import load_scheme, write_workbook

        write_workbook(blank, scheme=load_scheme())
        response = self.post(blank)
        self.assertEqual(response.status_code, 400)  # type: ignore[attr-defined]
        self.assertContains(response, "未保存任何数据", status_code=400)  # type: ignore[arg-type]
        self.assertContains(response, "工作表「基本信息」", status_code=400)  # type: ignore[arg-type]
        self.assertEqual(DataVersion.objects.count(), 0)
        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_another_stations_workbook_is_refused(self) -> None:
        self.login(self.station)
        response = self.post(self.workbook(Path(self.tmp.name), street="乙"))
        self.assertContains(response, "与本评估的「甲街社工服务站」不符", status_code=400)  # type: ignore[arg-type]
        self.assertEqual(DataVersion.objects.count(), 0)

    def test_a_workbook_of_another_period_or_fieldwork_date_is_refused_naming_both(self) -> None:
        from datetime import date

        from pinggu.web.models import Round

        Round.objects.filter(pk=self.round_a.pk).update(
            period_start=date(2023, 6, 1), fieldwork_date=date(2024, 5, 21)
        )
        self.login(self.station)
        response = self.post(self.workbook(Path(self.tmp.name)))
        for message in (
            "工作簿中的考核期为 2023-07-01—2024-04-30，与本评估的考核期 2023-06-01—2024-04-30 不符",
            "工作簿中的评估日期为 2024-05-20，与本评估的实地评估日期 2024-05-21 不符",
        ):
            self.assertContains(response, message, status_code=400)  # type: ignore[arg-type]
        self.assertEqual(DataVersion.objects.count(), 0)
        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_not_an_excel_file_is_refused(self) -> None:
        self.login(self.station)
        fake = SimpleUploadedFile("数据.xlsx", b"not a zip at all")
        response = self.client.post(self.url, {"workbook": fake})
        self.assertContains(response, "不是有效的 Excel 工作簿", status_code=400)
        wrong = SimpleUploadedFile("数据.csv", b"a,b")
        self.assertContains(
            self.client.post(self.url, {"workbook": wrong}), "只接受 Excel 工作簿", status_code=400
        )

    def test_after_the_report_is_issued_only_the_coordinator_changes_data_with_a_reason(
        self,
    ) -> None:
        self.round_a.locked = True
        self.round_a.save()
        path = self.workbook(Path(self.tmp.name))
        self.login(self.station)
        self.assertEqual(self.post(path).status_code, 404)  # type: ignore[attr-defined]
        self.login(self.coordinator)
        self.assertContains(self.post(path), "请填写修改原因", status_code=400)  # type: ignore[arg-type]
        self.post(path, reason="更正第二片区的电访数")
        version = self.round_a.versions.get()
        self.assertEqual(version.reason, "更正第二片区的电访数")
        self.assertEqual(AuditEntry.objects.get().reason, "更正第二片区的电访数")

    def test_only_station_and_coordinator_may_upload(self) -> None:
        path = self.workbook(Path(self.tmp.name))
        for user in (self.expert, self.purchaser, self.bureau, self.city, self.other_station):
            self.login(user)
            self.assertEqual(self.post(path).status_code, 404, user.username)  # type: ignore[attr-defined]
        self.assertEqual(DataVersion.objects.count(), 0)
