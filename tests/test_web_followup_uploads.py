"""The station uploads its records (.csv or a workbook's 服务记录 sheet): checked by the engine
against the latest roster, the current round's 考核期 and 到岗 and today; all or nothing, with
every problem located in Chinese as the other uploads show them; the same file twice is
stored once; a file covering stored dates replaces them and the page says how many."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from followup_base import FollowUpTestCase
from survey_base import CLIENTS
from survey_base import HEADER as ROSTER_HEADER
from workbook_rows import xlsx_book

from pinggu import parse_roster
from pinggu.web.models import ContactBatch, ContactEntry, Round
from pinggu.web.survey import rosters

HEADER = ["服务对象编号", "日期", "方式", "社工", "时长（分钟）", "节日慰问", "备注"]
ROWS = [
    ["A01", "2024-03-05", "电访", "SG01", "12", "否", ""],
    ["A02", "2024-03-06", "入户探访", "SG01", "40", "否", ""],
    ["B01", "2024-03-07", "电访", "SG02", "8", "否", ""],
    ["B02", "2024-03-31", "微信或短信", "SG02", "", "是", "春节问候"],
]


def records_csv(
    rows: list[list[str]] | None = None, name: str = "服务记录.csv"
) -> SimpleUploadedFile:
    lines = [HEADER, *(ROWS if rows is None else rows)]
    text = "\n".join(",".join(line) for line in lines)
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"))


class UploadTests(FollowUpTestCase):
    def upload(self, file: SimpleUploadedFile, follow: bool = True) -> tuple[int, str]:
        self.login(self.station)
        response = self.client.post(
            reverse("followup_upload", args=[self.a.pk]), {"records": file}, follow=follow
        )
        return response.status_code, response.content.decode()

    def test_it_accepts_a_csv_of_records_and_says_what_it_stored(self) -> None:
        status, page = self.upload(records_csv())
        self.assertEqual(status, 200)
        self.assertIn("已保存第 1 批服务记录：4 条（2024-03-05 至 2024-03-31）", page)
        self.assertEqual(ContactEntry.objects.filter(station=self.a).count(), 4)

    def test_it_refuses_a_file_with_a_problem_locating_each_and_stores_nothing(self) -> None:
        bad = [
            ["Z99", "2024-03-05", "电访", "SG01", "12", "否", ""],  # not on the roster
            ["A01", "2025-03-05", "电访", "SG01", "12", "否", ""],  # after the period
            ["A02", "2024-03-06", "飞鸽传书", "SG01", "12", "否", ""],  # no such 方式
        ]
        status, page = self.upload(records_csv(ROWS + bad), follow=False)
        self.assertEqual(status, 400)
        self.assertIn("未保存任何记录", page)
        for row in ("第 6 行", "第 7 行", "第 8 行"):
            self.assertIn(row, page)
        self.assertIn("Z99", page)
        self.assertFalse(ContactBatch.objects.exists())
        self.assertFalse(ContactEntry.objects.exists())

    def test_it_refuses_two_records_sheets_naming_both_and_stores_nothing(self) -> None:
        book = xlsx_book({"服务记录": [HEADER, *ROWS], "服务　记录": [HEADER, *ROWS[:1]]})
        data = BytesIO()
        book.save(data)
        file = SimpleUploadedFile("服务记录.xlsx", data.getvalue())
        status, page = self.upload(file, follow=False)
        self.assertEqual(status, 400)
        self.assertIn("与工作表「服务记录」都对应「服务记录」表", page)
        self.assertFalse(ContactEntry.objects.exists())

    def test_the_same_file_twice_from_two_tabs_is_stored_once(self) -> None:
        self.upload(records_csv())
        status, page = self.upload(records_csv())
        self.assertEqual(status, 200)
        self.assertIn("此文件已上传（第 1 批", page)
        self.assertEqual(ContactBatch.objects.count(), 1)
        self.assertEqual(ContactEntry.objects.count(), 4)

    def test_an_upload_over_stored_dates_says_it_replaced_them(self) -> None:
        self.upload(records_csv())
        corrected = [["A03", "2024-03-01", "电访", "SG01", "9", "否", ""], ROWS[1], ROWS[2]]
        _status, page = self.upload(records_csv(corrected, name="更正.csv"))
        self.assertIn("替换了 2024-03-01 至 2024-03-07 的 3 条记录", page)
        self.assertEqual(ContactEntry.objects.count(), 4)  # B02's 3月31日 stays

    def test_it_refuses_records_before_the_station_has_a_roster(self) -> None:
        self.a.rosters.all().delete()
        status, page = self.upload(records_csv(), follow=False)
        self.assertEqual(status, 400)
        self.assertIn("尚未上传服务对象名册", page)

    def test_it_refuses_records_of_a_station_without_a_round(self) -> None:
        Round.objects.filter(station=self.a).delete()
        self.login(self.station)
        response = self.client.post(
            reverse("followup_upload", args=[self.a.pk]), {"records": records_csv()}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("本站尚无评估", response.content.decode())

    def test_it_refuses_a_file_that_is_neither_a_workbook_nor_a_csv(self) -> None:
        status, page = self.upload(SimpleUploadedFile("记录.pdf", b"%PDF-1.4"), follow=False)
        self.assertEqual(status, 400)
        self.assertIn("只接受 Excel 工作簿", page)
        self.assertFalse(ContactEntry.objects.exists())


class RosterTests(FollowUpTestCase):
    def test_a_record_typed_twice_is_stored_once_and_the_page_says_so(self) -> None:
        self.login(self.station)
        response = self.client.post(
            reverse("followup_upload", args=[self.a.pk]),
            {"records": records_csv([*ROWS, ROWS[0]])},
            follow=True,
        )
        page = response.content.decode()
        self.assertIn("已保存第 1 批服务记录：4 条", page)
        self.assertIn("第 6 行", page)  # the notice names the repeated row
        self.assertEqual(ContactEntry.objects.count(), 4)

    def test_a_client_without_a_usable_phone_is_followed_up_but_never_drawn(self) -> None:
        rows = [*CLIENTS, ["C01", "郑十一", "H09", "第二片区", "北园社区", "低保", 1, "", ""]]
        roster = parse_roster([[*ROSTER_HEADER, "建档日期"], *([*r, "2024-01-10"] for r in rows)])
        stored = rosters.store_roster(self.round_a, roster, self.station, "名册.csv")
        engine = rosters.engine_roster(stored)
        self.assertNotIn("C01", [c.number for c in engine.clients])  # never drawn
        self.assertEqual([c.number for c in engine.unreachable], ["C01"])
        self.assertEqual(engine.unreachable[0].filed, date(2024, 1, 10))
        self.login(self.station)
        record_row = ["C01", "2024-03-05", "电访", "SG01", "12", "否", ""]
        response = self.client.post(
            reverse("followup_upload", args=[self.a.pk]), {"records": records_csv([record_row])}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ContactEntry.objects.get().client, "C01")
