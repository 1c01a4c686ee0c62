"""The station's file lists in the workspace: uploaded through the one guarded reader, every
problem located, nothing half-saved, each accepted upload a new version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from spotcheck_base import ROWS, SpotCheckTestCase, lists_csv

from pinggu import (
    CheckMark,
    FileEntry,
    FileType,
    OnSite,
    Verdict,
    evaluation_from_dict,
    evaluation_to_dict,
)
from pinggu.web.models import AuditEntry, FileList
from pinggu.web.rounds import planning


class ListUploadTests(SpotCheckTestCase):
    def test_it_stores_the_stations_lists_as_numbered_versions(self) -> None:
        first = self.upload()
        self.assertEqual((first.number, first.files_count), (1, len(ROWS)))
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertIn("第 1 版", page)
        self.assertIn("个案", page)
        second = self.upload(ROWS[:-1], as_user=self.coordinator)
        self.assertEqual((second.number, second.files_count), (2, len(ROWS) - 1))
        self.assertEqual(FileList.objects.filter(round=self.round_a).count(), 2)  # v1 kept
        self.assertTrue(AuditEntry.objects.filter(action="上传档案清单").exists())

    def test_it_says_what_was_saved(self) -> None:
        self.login(self.station)
        response = self.client.post(
            self.url("spotcheck_upload"), {"lists": lists_csv()}, follow=True
        )
        self.assertContains(
            response, "已保存第 1 版档案清单：个案 28 份，小组 6 份，社区活动 10 份"
        )

    def test_it_refuses_lists_with_every_problem_located_and_saves_nothing(self) -> None:
        rows = [list(r) for r in ROWS]
        rows[0][4] = "去年八月"  # 开案日期 that is no date
        rows[1][2] = "第九片区"  # a 片区 the round does not have
        rows[3][1] = rows[2][1]  # 编号 twice within 个案
        self.login(self.station)
        response = self.client.post(self.url("spotcheck_upload"), {"lists": lists_csv(rows)})
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn("未保存任何数据", page)
        self.assertIn("第 2 行", page)  # the first data row, located
        self.assertIn("开案日期", page)
        self.assertIn("第九片区", page)
        self.assertIn(rows[2][1], page)
        self.assertFalse(FileList.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action="上传档案清单").exists())

    def test_it_refuses_a_file_that_is_no_list(self) -> None:
        self.login(self.station)
        upload = SimpleUploadedFile("清单.docx", b"PK\x03\x04 not a list")
        response = self.client.post(self.url("spotcheck_upload"), {"lists": upload})
        self.assertContains(response, "只接受 Excel 工作簿", status_code=400)
        self.assertFalse(FileList.objects.exists())

    def test_it_refuses_an_upload_without_a_file(self) -> None:
        self.login(self.station)
        response = self.client.post(self.url("spotcheck_upload"), {})
        self.assertContains(response, "请选择档案清单文件", status_code=400)

    def test_only_the_station_and_the_coordinator_upload_lists(self) -> None:
        for user in (self.expert, self.purchaser, self.bureau, self.city, self.other_station):
            self.login(user)
            response = self.client.post(self.url("spotcheck_upload"), {"lists": lists_csv()})
            self.assertEqual(response.status_code, 404, user.username)
        self.assertFalse(FileList.objects.exists())

    def test_it_refuses_lists_once_the_report_is_issued(self) -> None:
        self.round_a.locked = True
        self.round_a.save()
        self.login(self.coordinator)
        response = self.client.post(self.url("spotcheck_upload"), {"lists": lists_csv()})
        self.assertContains(response, "报告出具后档案抽查已锁定", status_code=400)
        self.assertFalse(FileList.objects.exists())

    def test_a_round_with_the_stations_lists_is_not_deleted(self) -> None:
        self.round_a.state = "plan"
        self.round_a.save()
        self.round_a.versions.all().delete()
        self.round_a.scores.all().delete()
        self.round_a.findings.all().delete()
        self.assertEqual(planning.delete_refusal(self.round_a), "")
        self.upload()
        self.assertEqual(planning.delete_refusal(self.round_a), "评估已有档案清单，不能删除")

    def test_the_round_page_offers_the_upload_to_the_station_and_the_coordinator(self) -> None:
        action = f'action="{self.url("spotcheck_upload")}"'
        for user, offered in ((self.station, True), (self.coordinator, True), (self.expert, False)):
            self.login(user)
            page = self.client.get(self.url("round")).content.decode()
            self.assertEqual(action in page, offered, user.username)
            self.assertIn("档案抽查", page)

    def test_before_lists_of_its_own_the_page_says_the_workbooks_are_counted(self) -> None:
        version = self.round_a.latest_data()
        assert version is not None
        entry = FileEntry(FileType.CASE, "GA-1", "第一片区", "SG01", opened=date(2023, 8, 1))
        mark = CheckMark(FileType.CASE, "GA-1", "知情同意书签名", Verdict.MET)
        evaluation = replace(
            evaluation_from_dict(version.data), onsite=OnSite(files=(entry,), checks=(mark,))
        )
        version.data = evaluation_to_dict(evaluation)
        version.save()
        self.login(self.coordinator)
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertIn(
            "评估工作簿中有档案清单（1 份）和 1 条检查结果，计算和报告使用工作簿中的", page
        )
        self.upload()
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertNotIn("评估工作簿中有档案清单", page)

    def test_the_page_says_where_the_lists_counts_differ_from_the_indicators(self) -> None:
        self.upload()
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertIn("个案档案清单中开案日期在考核期内的有", page)
        self.assertIn("的完成量合计为", page)
