"""The audit log reads in Chinese: every kind of action the workspace records, written through
the real code paths, shows its fields and values without a Python dict, a JSON text or a
program's key."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from spotcheck_base import lists_csv
from survey_base import SurveyTestCase

from pinggu import (
    Budget,
    FileEntry,
    FileType,
    OnSite,
    load_scheme,
    parse_workbook,
    read_book,
    write_workbook,
)
from pinggu.web import audit, audit_text
from pinggu.web.accounts.password import record_reset
from pinggu.web.demo.onsite import _pdf, load_onsite_demo
from pinggu.web.models import AuditEntry, FindingEntry, Round, SurveyCall
from pinggu.web.onsiteday import day, interviews
from pinggu.web.performance import saving as performance_saving
from pinggu.web.rectification import work
from pinggu.web.rectification.issue import raise_items
from pinggu.web.rounds import data, findings, planning, scoring, workflow
from pinggu.web.selfassess import documents as self_documents
from pinggu.web.selfassess import scores as self_scores
from pinggu.web.spotcheck import draw as spot
from pinggu.web.spotcheck import marks as spotmarks
from pinggu.web.uploads import PDF, Document

# What the page must never show: a dict or list repr, JSON, quotes, or an English key.
RAW = re.compile(r"[{}\[\]'\"]|\b[a-z]+(_[a-z]+)*\b")


class AuditTextTests(SurveyTestCase):
    def write_every_kind(self) -> None:
        """Every kind of entry, by the code that writes it (the survey's, on round A)."""
        r = self.round_a
        self.assertIsNotNone(r)
        with TemporaryDirectory() as tmp:
            sheets = read_book(self.workbook(Path(tmp)))
        ev = parse_workbook(sheets, load_scheme())
        data.accept(r, ev, self.station, "甲.xlsx", "")
        # The same workbook with its file lists: they become the round's lists (上传档案清单)
        case = FileEntry(FileType.CASE, "GA-001", "第一片区", "SG01", opened=date(2023, 8, 1))
        with TemporaryDirectory() as tmp:
            path = Path(tmp) / "乙.xlsx"
            write_workbook(path, replace(ev, onsite=OnSite(files=(case,))), load_scheme())
            upload = SimpleUploadedFile("乙.xlsx", path.read_bytes())
        self.assertIsNotNone(data.accept_upload(r, upload, self.station, "").file_list)
        scoring.save_scores(r, self.expert, "third_party", {"服务监测|": "9.5"}, None)
        since = audit.version(r)
        scoring.save_scores(r, self.expert, "third_party", {"服务质量|第一片区": "15"}, since)
        new = findings.Draft("项目管理", "", "strength", "团队稳定。", rule="")
        self.assertEqual(findings.add(r, self.expert, new, "", since=None), "")
        entry = r.findings.get(text="团队稳定。")
        findings.remove(r, entry.pk, ["项目管理"], self.expert, audit.version(r))
        workflow.complete(r, "self_assessment", self.station, date(2024, 5, 10), "已自评")
        budget = Budget(Decimal(2400000), Decimal(2400000), Decimal(2280000))
        self.assertEqual(performance_saving.save(r, self.purchaser, "budget", budget, None), "")
        self.login(self.station)
        self.client.post(reverse("raise_objection", args=[r.pk]), {"text": "电访漏计"})
        self.login(self.coordinator)
        objection = r.objections.get()
        self.client.post(
            reverse("resolve_objection", args=[r.pk, objection.pk]), {"resolution": "已更正"}
        )
        planning.edit_round(
            r,
            self.coordinator,
            r.period_start,
            r.period_end,
            date(2024, 5, 28),
            [self.expert],
            "改期",
        )
        self.draw(n=5, seed="一")
        self.draw(n=5, seed="二")  # 重新抽样
        calls = list(SurveyCall.objects.filter(draw__round=r).order_by("position"))
        self.reach(calls[0], [5, 4, None, 5, 5])
        for _ in range(3):
            self.miss(calls[1])  # until a reserve takes the place: 替补
        self.login(self.expert)
        export = self.client.get(reverse("survey_export", args=[r.pk, "list"]))
        book = load_workbook(BytesIO(b"".join(export.streaming_content)))  # type: ignore[attr-defined]
        ws = book["满意度调查"]
        ws["C4"], ws["E4"], ws["F4"], ws["G4"], ws["H4"], ws["I4"] = "已联系上", 5, 4, 4, 5, 5
        out = BytesIO()
        book.save(out)
        self.client.post(
            reverse("survey_import", args=[r.pk]),
            {"responses": SimpleUploadedFile("结果.xlsx", out.getvalue())},
        )
        self.login(self.station)
        self.client.post(reverse("spotcheck_upload", args=[r.pk]), {"lists": lists_csv()})
        spot.make_draw(r, self.coordinator, "一")
        made = spot.make_draw(r, self.coordinator, "二")  # 重新档案抽样
        first, second = list(made.files.all())[:2]
        verdicts = ["不符合"] + ["符合"] * (len(spot.checklist(made, first.type)) - 1)
        checked = [
            spotmarks.Mark(item, verdict, "缺少签名" if verdict == "不符合" else "")
            for item, verdict in zip(spot.checklist(made, first.type), verdicts, strict=True)
        ]
        spotmarks.save_marks(first, self.expert, checked, audit.version(r))
        spot.replace_missing(second, self.expert, "档案已借出", audit.version(r))
        record_reset(self.expert, self.coordinator, "项目统筹重置")
        planning.set_report_style(r, self.coordinator, "xiehui")
        self.write_self_assessment_and_onsite_day()
        self.login(self.station)
        records = "服务对象编号,日期,方式,社工\nA01,2024-03-05,电访,SG01\n".encode()
        self.client.post(
            reverse("followup_upload", args=[self.a.pk]),
            {"records": SimpleUploadedFile("服务记录.csv", records)},
        )
        other = planning.create_round(
            self.coordinator,
            self.agency,
            self.b,
            "midterm",
            date(2024, 8, 6),
            date(2025, 1, 31),
            date(2025, 2, 21),
            [self.expert],
            date(2024, 8, 1),
        )
        planning.delete_round(other, self.coordinator)
        self.write_rectification()

    def write_rectification(self) -> None:
        """A mid-term of station A before round A, issued with one concern, answered by the
        station and marked, then carried into round A's concerns."""
        r = self.round_a
        midterm = Round.objects.create(
            station=self.a,
            evaluator=self.agency,
            kind="midterm",
            period_start=r.period_start,
            period_end=r.period_start + timedelta(days=150),
            fieldwork_date=r.period_start + timedelta(days=170),
            state="final",
            locked=True,
        )
        FindingEntry.objects.create(
            round=midterm, section="服务监测", kind="concern", text="档案不全。", author=self.expert
        )
        raise_items(midterm, date(2024, 1, 31), self.coordinator, workflow.calendar())
        item = midterm.rectification_items.get()
        self.assertEqual(work.respond(item, midterm, self.station, "已补齐。", None), "")
        pdf = Document("整改台账.pdf", PDF, b"%PDF-1.4", "0" * 64)
        since = audit.version(midterm)
        self.assertEqual(work.add_evidence(item, midterm, self.station, pdf, since), "")
        evidence = item.evidence.get().pk
        since = audit.version(midterm)
        self.assertEqual(work.remove_evidence(item, midterm, self.station, evidence, since), "")
        since = audit.version(r)
        self.assertEqual(work.mark(item, r, self.expert, "部分整改", "仍缺签到表", since), "")
        since = audit.version(r)
        self.assertEqual(work.carry(item, r, self.expert, "档案仍不全。", ["服务监测"], since), "")

    def write_self_assessment_and_onsite_day(self) -> None:
        r = self.round_a
        self_scores.save(r, self.station, {"服务监测|": "8"}, audit.version(r))
        upload = SimpleUploadedFile("自评报告.pdf", _pdf())
        document, _ = self_documents.accept(r, upload, self.station, "report", "", "")
        self_documents.remove(r, document.pk, self.station)
        agenda = [day.Row("听取汇报", "9:00", "9:30", "会议室")]
        day.save(r, self.expert, agenda, [self.expert.get_full_name()], audit.version(r))
        note = interviews.Note("社工", "站长", 1, None, "介绍了服务", None)
        interviews.add(r, self.expert, note, "form-1")
        entry = r.interviews.get()
        changed = interviews.Note("社工", "站长和社工", 2, None, "介绍了服务", None)
        interviews.edit(r, self.expert, entry.pk, changed, audit.version(r))
        interviews.remove(r, self.expert, entry.pk, audit.version(r))
        users = {"station_shili": self.station, "expert1": self.expert, "expert2": self.expert}
        load_onsite_demo({"示例": self.a}, {**users, "coordinator": self.coordinator}, [])

    def test_every_kind_of_entry_reads_in_chinese_on_the_audit_page(self) -> None:
        self.write_every_kind()
        kinds = {audit_text.kind_of(a) for a in AuditEntry.objects.values_list("action", flat=True)}
        self.assertEqual(kinds, set(audit_text.FORMATTERS))  # every kind written and formatted
        self.login(self.coordinator)
        page = self.client.get(reverse("audit", args=[self.round_a.pk])).content.decode()
        rows = re.findall(r"<tr><td>(.*?)</tr>", page, re.S)
        self.assertGreater(len(rows), 15)
        # What users typed or are called may be in English: file names and user names.
        names = sorted(User.objects.values_list("username", flat=True), key=len, reverse=True)

        def typed_removed(text: str) -> str:
            for name in [".xlsx", ".csv", ".pdf", ".png", *names]:
                text = text.replace(name, "")
            return text

        for row in rows:
            cells = re.findall(r'<td(?: class="text")?>(.*?)</td>', row, re.S)
            for cell in cells[2:5]:  # action, old, new
                self.assertNotRegex(typed_removed(cell), RAW, row)
        self.assertIn("服务质量（第一片区） 15", page)
        self.assertIn("步骤：自评；完成日期：2024-05-10", page)
        self.assertIn("检查结果：知情同意书签名 不符合（缺少签名）、需求评估 符合", page)
        self.assertIn("服务监测 8", page)
        from_workbook = [row for row in rows if "上传档案清单" in row and "来源：评估工作簿" in row]
        self.assertEqual(len(from_workbook), 1)  # the lists the workbook carried
        self.assertIn("文件：乙.xlsx", from_workbook[0])
        # (PostgreSQL stores the fields in its own order: each is checked alone)
        self.assertIn("材料类别：自评报告", page)
        self.assertIn("对应：整份自评", page)
        for said in ("安排：听取汇报 09:00—09:30 会议室", "出席专家：expert", "对象类型：社工"):
            self.assertIn(said, page)
        self.assertIn("对象：站长和社工；人数：2", page)
        for entry in AuditEntry.objects.filter(round=None):  # deleted round, password reset
            for value in (entry.old, entry.new):
                text = audit_text.describe(entry.action, value)
                self.assertNotRegex(typed_removed(text), RAW, entry.action)
