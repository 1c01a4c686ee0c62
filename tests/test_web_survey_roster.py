"""The station's client roster: uploaded alone or inside the evaluation workbook, all or nothing,
versioned per station, shown to everyone of the round only as counts (no names)."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from survey_base import CLIENTS, HEADER, NAMES, PHONES, SurveyTestCase, roster_csv
from web_base import WebTestCase

from pinggu import parse_roster
from pinggu.web.models import AuditEntry, ClientRoster, DataVersion, RosterClient


class RosterUploadTests(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("survey_roster", args=[self.round_a.pk])

    def test_the_station_uploads_a_csv_and_sees_counts_without_names(self) -> None:
        self.login(self.station)
        response = self.client.post(self.url, {"roster": roster_csv()}, follow=True)
        self.assertContains(response, "已保存服务对象名册第 1 版（10 人）")
        stored = ClientRoster.objects.get(station=self.a)
        self.assertEqual((stored.clients_count, stored.households_count), (10, 8))
        self.assertEqual(stored.fingerprint, parse_roster([HEADER, *CLIENTS]).fingerprint())
        page = response.content.decode()
        self.assertIn('<td>第一片区</td><td class="num">6</td>', page)
        self.assertIn('<td>第二片区</td><td class="num">4</td>', page)
        # 低保 counted per person: A01, A02, B02, B03.
        self.assertIn('<td>低保</td><td class="num">4</td>', page)
        self.assertIn('<td>2 级</td><td class="num">4</td>', page)
        for name, phone in zip(NAMES, PHONES, strict=True):
            self.assertNotIn(name, page)
            self.assertNotIn(phone, page)

    def test_a_roster_whose_zones_differ_from_the_data_is_flagged(self) -> None:
        self.give_data(self.round_a)  # 第一片区, 第二片区, 第三片区
        self.login(self.station)
        misspelt = [[*CLIENTS[0][:3], "一片区", *CLIENTS[0][4:]], *CLIENTS[1:]]
        page = self.client.post(self.url, {"roster": roster_csv(misspelt)}, follow=True)
        self.assertContains(
            page,
            "名册中的片区「一片区」不在评估数据的片区（「第一片区」、「第二片区」、「第三片区」）中",
        )
        self.assertContains(page, "评估数据的片区「第三片区」在名册中没有服务对象")
        every_zone = [*CLIENTS[:-1], [*CLIENTS[-1][:3], "第三片区", *CLIENTS[-1][4:]]]
        page = self.client.post(self.url, {"roster": roster_csv(every_zone)}, follow=True)
        self.assertContains(page, "已保存服务对象名册第 2 版")
        self.assertNotContains(page, 'class="warn"')

    def test_every_party_of_the_round_sees_the_counts_only_station_and_coordinator_upload(
        self,
    ) -> None:
        self.login(self.station)
        self.client.post(self.url, {"roster": roster_csv()})
        for user in (self.purchaser, self.bureau, self.centre, self.city, self.expert):
            self.login(user)
            page = self.client.get(self.url)
            self.assertContains(page, "10 人，8 户")
            self.assertNotContains(page, "上传并校验")
            response = self.client.post(self.url, {"roster": roster_csv()})
            self.assertEqual(response.status_code, 404, user.username)
        self.login(self.coordinator)
        self.client.post(self.url, {"roster": roster_csv()})
        self.assertEqual(list(ClientRoster.objects.values_list("number", flat=True)), [2, 1])

    def test_another_station_or_district_gets_404(self) -> None:
        for user in (self.other_station, self.other_bureau, self.other_coordinator):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)
            response = self.client.post(self.url, {"roster": roster_csv()})
            self.assertEqual(response.status_code, 404, user.username)
        self.assertFalse(ClientRoster.objects.exists())

    def test_a_roster_with_problems_is_refused_located_and_nothing_saved(self) -> None:
        rows = [list(r) for r in CLIENTS]
        rows[3][6] = 7  # 分级 out of 1–4 on Excel row 5
        rows[5][0] = "A01"  # duplicate 编号 on row 7
        self.login(self.station)
        response = self.client.post(self.url, {"roster": roster_csv(rows, "坏名册.csv")})
        self.assertContains(response, "「坏名册.csv」有 2 处问题", status_code=400)
        self.assertContains(response, "第 5 行 「分级」列", status_code=400)
        self.assertContains(response, "第 7 行 「编号」列", status_code=400)
        self.assertContains(response, "第 2 行和第 7 行重复出现", status_code=400)
        self.assertFalse(ClientRoster.objects.exists())
        self.assertFalse(RosterClient.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(round=self.round_a).exists())

    def test_other_file_types_are_refused(self) -> None:
        self.login(self.station)
        fake = SimpleUploadedFile("名册.xlsx", b"not a zip")
        self.assertContains(
            self.client.post(self.url, {"roster": fake}), "不是有效的 Excel 工作簿", status_code=400
        )
        doc = SimpleUploadedFile("名册.docx", b"PK\x03\x04")
        self.assertContains(
            self.client.post(self.url, {"roster": doc}), "不是有效的 Excel 工作簿", status_code=400
        )

    def test_the_upload_is_audited_without_names_or_phones(self) -> None:
        self.login(self.station)
        self.client.post(self.url, {"roster": roster_csv()})
        entry = AuditEntry.objects.get(round=self.round_a)
        self.assertEqual(entry.action, "上传服务对象名册")
        self.assertEqual(entry.new["clients"], 10)
        for text in NAMES + PHONES:
            self.assertNotIn(text, str(entry.new))


class RosterInWorkbookTests(WebTestCase):
    """The 服务对象名册 sheet of the station's evaluation workbook comes in with the data."""

    def setUp(self) -> None:
        self.url = reverse("upload", args=[self.round_a.pk])
        self.tmp = TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def workbook_with_roster(self, rows: list[list[object]]) -> Path:
        path = self.workbook(Path(self.tmp.name))
        book = load_workbook(path)
        if "服务对象名册" in book.sheetnames:
            del book["服务对象名册"]
        ws = book.create_sheet("服务对象名册")
        for row in [HEADER, *rows]:
            ws.append(row)
        book.save(path)
        return path

    def post(self, path: Path) -> object:
        self.login(self.station)
        with path.open("rb") as f:
            return self.client.post(self.url, {"workbook": f})

    def test_data_and_roster_are_stored_together(self) -> None:
        self.post(self.workbook_with_roster(CLIENTS))
        self.assertEqual(DataVersion.objects.filter(round=self.round_a).count(), 1)
        stored = ClientRoster.objects.get(station=self.a)
        self.assertEqual(stored.clients_count, 10)
        actions = set(
            AuditEntry.objects.filter(round=self.round_a).values_list("action", flat=True)
        )
        self.assertEqual(actions, {"上传数据", "上传服务对象名册"})

    def test_an_empty_roster_sheet_is_no_roster(self) -> None:
        self.post(self.workbook_with_roster([]))  # as in the blank template: a header only
        self.assertEqual(DataVersion.objects.count(), 1)
        self.assertFalse(ClientRoster.objects.exists())

    def test_a_bad_roster_sheet_keeps_the_data_out_too(self) -> None:
        rows = [list(r) for r in CLIENTS]
        rows[0][6] = "高"  # 分级 (a client without a usable phone is only left out of the draw)
        response = self.post(self.workbook_with_roster(rows))
        self.assertContains(response, "工作表「服务对象名册」 第 2 行 「分级」列", status_code=400)
        self.assertFalse(DataVersion.objects.exists())
        self.assertFalse(ClientRoster.objects.exists())

    def test_a_second_roster_sheet_is_refused_once_naming_both_and_nothing_is_stored(self) -> None:
        path = self.workbook_with_roster(CLIENTS)
        book = load_workbook(path)
        ws = book.create_sheet("服务对象名册 ")  # the same sheet to the reader: which to store?
        for row in [HEADER, *CLIENTS[:3]]:
            ws.append(row)
        book.save(path)
        response = self.post(path)
        message = "与工作表「服务对象名册」都对应「服务对象名册」表"
        self.assertContains(response, message, count=1, status_code=400)
        self.assertFalse(DataVersion.objects.exists())
        self.assertFalse(ClientRoster.objects.exists())


class RosterVersionTests(SurveyTestCase):
    def test_a_new_upload_is_a_new_version_and_the_draw_keeps_its_own(self) -> None:
        stored = self.draw()
        self.login(self.station)
        rows = [
            *CLIENTS,
            ["B05", "郑二", "H09", "第二片区", "南园社区", "低保", 1, "13900000011", ""],
        ]
        self.client.post(
            reverse("survey_roster", args=[self.round_a.pk]), {"roster": roster_csv(rows)}
        )
        self.assertEqual(self.latest_roster().number, 2)  # type: ignore[union-attr]
        stored.refresh_from_db()
        self.assertEqual(stored.roster.number, 1)
        self.login(self.coordinator)
        page = self.client.get(self.url("survey_draw"))
        self.assertContains(page, "名册已更新为第 2 版，本次抽样仍按第 1 版")
