"""Results imported from a 满意度调查 sheet (the list export carries one to fill in): all or
nothing, every problem located by row and column."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from survey_base import ITEMS, SurveyTestCase

from pinggu.web.models import AuditEntry, SurveyCall
from pinggu.web.survey import draw as survey

Status = SurveyCall.Status
HEADER = ["编号", "片区", "联系结果", "未联系上原因", *ITEMS, "意见"]


def sheet(rows: list[list[Any]], header: list[str] = HEADER) -> SimpleUploadedFile:
    book = Workbook()
    ws = book.active
    ws.title = "满意度调查"
    for row in [header, *rows]:
        ws.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("电话调查结果.xlsx", out.getvalue())


class ImportTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.stored = self.draw(n=5, seed="导入")
        self.calls = list(SurveyCall.objects.filter(draw=self.stored))
        self.login(self.expert)

    def post(self, upload: SimpleUploadedFile) -> Any:
        return self.client.post(self.url("survey_import"), {"responses": upload}, follow=True)

    def test_the_lists_own_sheet_filled_in_imports(self) -> None:
        export = self.client.get(self.url("survey_export", "list"))
        book = load_workbook(BytesIO(b"".join(export.streaming_content)))  # type: ignore[attr-defined]
        ws = book["满意度调查"]
        self.assertEqual([c.value for c in ws[1]], HEADER)
        first, second = self.calls[0], self.calls[1]
        ws["C2"], ws["E2"], ws["F2"], ws["G2"], ws["H2"], ws["I2"] = "已联系上", 5, 4, 4, 5, 5
        ws["J2"] = "很满意"
        ws["C3"], ws["D3"] = "未联系上", "空号"
        out = BytesIO()
        book.save(out)
        response = self.post(SimpleUploadedFile("名单.xlsx", out.getvalue()))
        self.assertContains(response, "已导入 2 位服务对象的调查结果")
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual(
            (first.status, first.answers, first.comment),
            (Status.REACHED, [5, 4, 4, 5, 5], "很满意"),
        )
        self.assertEqual(second.status, Status.REPLACED)  # an imported 未联系上 is final
        self.assertEqual(second.replaced_by.zone, second.zone)
        self.assertEqual(
            SurveyCall.objects.filter(draw=self.stored, status=Status.PENDING).count(), 4
        )
        entry = AuditEntry.objects.get(round=self.round_a, action="导入满意度调查")
        self.assertEqual(entry.new["reached"], [first.client])
        self.assertEqual(entry.new["not_reached"], [second.client])
        self.assertTrue(AuditEntry.objects.filter(round=self.round_a, action="替补").exists())

    def test_a_reserve_client_may_follow_the_client_they_replace(self) -> None:
        first = self.calls[0]
        reserve = survey.engine_draw(self.stored).zone(first.zone).reserve[0]
        rows = [
            [first.client, first.zone, "未联系上", "无人接听", *[None] * 5, ""],
            [reserve, first.zone, "已联系上", None, 4, 4, 4, 4, 4, ""],
        ]
        self.assertContains(self.post(sheet(rows)), "已导入 2 位")
        self.assertEqual(SurveyCall.objects.get(draw=self.stored, client=reserve).answers, [4] * 5)

    def test_every_problem_is_located_and_nothing_is_saved(self) -> None:
        first, second = self.calls[0], self.calls[1]
        other_zone = "第二片区" if first.zone == "第一片区" else "第一片区"
        reserve = survey.engine_draw(self.stored).zone(first.zone).reserve[0]
        rows = [
            [second.client, second.zone, "已联系上", None, 5, 5, 5, 5, 5, ""],  # fine
            ["Z99", first.zone, "已联系上", None, 5, 5, 5, 5, 5, ""],  # row 3: not on the list
            [first.client, other_zone, "已联系上", None, 5, 5, 5, 5, 5, ""],  # row 4: wrong zone
            [reserve, first.zone, "已联系上", None, 4, 4, 4, 4, 4, ""],  # row 5: not yet replacing
        ]
        response = self.post(sheet(rows))
        self.assertContains(response, "有 3 处问题", status_code=400)
        self.assertContains(
            response,
            "工作表「满意度调查」 第 3 行 「编号」列：编号「Z99」不在抽样名单上",
            status_code=400,
        )
        self.assertContains(
            response,
            f"第 4 行 「编号」列：编号「{first.client}」属于「{first.zone}」",
            status_code=400,
        )
        self.assertContains(
            response, f"第 5 行 「编号」列：编号「{reserve}」不在抽样名单上", status_code=400
        )
        self.assertFalse(
            SurveyCall.objects.filter(draw=self.stored).exclude(status=Status.PENDING).exists()
        )
        self.assertFalse(
            AuditEntry.objects.filter(
                round=self.round_a, action__in=["导入满意度调查", "满意度调查"]
            ).exists()
        )

    def test_the_sheets_own_problems_are_located_too(self) -> None:
        first = self.calls[0]
        rows = [
            [first.client, first.zone, "已联系上", None, 7, 5, 5, 5, 5, ""],
            [first.client, first.zone, "联系上了", None, 5, 5, 5, 5, 5, ""],
        ]
        response = self.post(sheet(rows))
        self.assertContains(
            response, "第 2 行 「问题解决」列：评分应为 1 至 5 的整数", status_code=400
        )
        self.assertContains(response, "第 3 行 「联系结果」列", status_code=400)
        self.assertEqual(SurveyCall.objects.get(pk=first.pk).status, Status.PENDING)

    def test_a_file_without_the_sheet_is_refused(self) -> None:
        book = Workbook()
        book.active.title = "Sheet1"
        out = BytesIO()
        book.save(out)
        response = self.post(SimpleUploadedFile("别的.xlsx", out.getvalue()))
        self.assertContains(
            response, "工作表「满意度调查」：「别的.xlsx」中找不到此工作表", status_code=400
        )

    def test_two_survey_sheets_are_refused_naming_both_and_nothing_is_saved(self) -> None:
        book = Workbook()
        book.active.title = "满意度调查"
        book.create_sheet("满意度 调查")  # which calls were made would be a guess
        out = BytesIO()
        book.save(out)
        response = self.post(SimpleUploadedFile("电话调查结果.xlsx", out.getvalue()))
        self.assertContains(
            response,
            "工作表「满意度 调查」：与工作表「满意度调查」都对应「满意度调查」表",
            status_code=400,
        )
        self.assertFalse(SurveyCall.objects.exclude(status=Status.PENDING).exists())
