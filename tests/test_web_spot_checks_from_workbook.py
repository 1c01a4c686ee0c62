"""A station that hands in its file lists inside the evaluation workbook (个案/小组/社区活动
sheets) can be drawn from in the workspace without uploading them again: new lists become the
round's next version with the data, the same lists store nothing, a draw stays with its own
version, and nothing of the draw reaches the station before the report is issued."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import reverse
from web_base import WebTestCase, evaluation_for

from pinggu import CheckMark, FileEntry, FileType, OnSite, Verdict, load_scheme, write_workbook
from pinggu.web import engine
from pinggu.web.models import AuditEntry, FileList
from pinggu.web.spotcheck import draw as spot

ZONES = ("第一片区", "第二片区", "第三片区")


def cases(n: int) -> list[FileEntry]:
    return [
        FileEntry(FileType.CASE, f"GA-{i:03d}", ZONES[i % 3], "SG01", opened=date(2023, 8, 1))
        for i in range(1, n + 1)
    ]


class WorkbookListsTests(WebTestCase):
    def setUp(self) -> None:
        self.tmp = TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def post(self, files: list[FileEntry], user: object = None, **onsite: object) -> HttpResponse:
        """The station's workbook (甲) with these file lists, uploaded by `user` (the station)."""
        evaluation = evaluation_for("甲")
        sheet = OnSite(files=tuple(files), **onsite) if files or onsite else None  # type: ignore[arg-type]
        path = Path(self.tmp.name) / "甲站评估工作簿.xlsx"
        write_workbook(path, replace(evaluation, onsite=sheet), load_scheme())
        self.login(user or self.station)  # type: ignore[arg-type]
        with path.open("rb") as f:
            response = self.client.post(reverse("upload", args=[self.round_a.pk]), {"workbook": f})
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        return response  # type: ignore[return-value]

    def said(self, response: HttpResponse) -> str:
        return " ".join(str(m) for m in get_messages(response.wsgi_request))

    def versions(self) -> list[int]:
        return list(FileList.objects.filter(round=self.round_a).values_list("number", flat=True))

    def test_a_workbook_with_lists_stores_them_as_the_rounds_first_version(self) -> None:
        said = self.said(self.post(cases(12)))
        self.assertEqual(self.versions(), [1])
        stored = FileList.objects.get()
        self.assertEqual((stored.files_count, stored.filename), (12, "甲站评估工作簿.xlsx"))
        self.assertIn("档案清单第 1 版（个案 12 份）", said)
        entry = AuditEntry.objects.get(action="上传档案清单")
        self.assertEqual(entry.new["via"], "评估工作簿")
        self.assertEqual(entry.new["filename"], "甲站评估工作簿.xlsx")
        self.assertEqual(entry.user, self.station)
        # The coordinator can draw from it without uploading the lists again.
        made = spot.make_draw(self.round_a, self.coordinator, "种子")
        self.assertEqual(made.file_list, stored)

    def test_the_same_lists_again_in_any_row_order_store_nothing(self) -> None:
        self.post(cases(12))
        shuffled = cases(12)
        random.Random(3).shuffle(shuffled)
        said = self.said(self.post(shuffled))
        self.assertEqual(self.versions(), [1])
        self.assertEqual(self.round_a.versions.count(), 2)  # the data itself is a new version
        self.assertIn("档案清单与第 1 版相同，未另存", said)
        self.assertEqual(AuditEntry.objects.filter(action="上传档案清单").count(), 1)

    def test_changed_lists_are_version_2_and_the_draw_stays_with_version_1(self) -> None:
        self.post(cases(12))
        made = spot.make_draw(self.round_a, self.coordinator, "种子")
        station_said = self.said(self.post(cases(13)))
        self.assertEqual(self.versions(), [2, 1])
        self.assertIn("档案清单第 2 版（个案 13 份）", station_said)
        # The station learns nothing of the draw before the report is issued (docs/roles.md).
        self.assertNotIn("抽样", station_said)
        page = self.client.get(reverse("spotcheck", args=[self.round_a.pk])).content.decode()
        self.assertNotIn("抽样用的是", page)
        self.assertNotIn("GA-0", page)
        coordinator_said = self.said(self.post(cases(14), user=self.coordinator))
        self.assertIn("抽样用的是第 1 版档案清单，现已上传第 3 版", coordinator_said)
        made.refresh_from_db()
        self.assertEqual(made.file_list.number, 1)
        page = self.client.get(reverse("spotcheck", args=[self.round_a.pk])).content.decode()
        self.assertIn("抽样用的是第 1 版档案清单，之后上传了第 3 版（14 份）", page)
        self.assertIn("如需按新清单抽查，请重新抽样", page)

    def test_a_workbook_without_lists_stores_no_lists(self) -> None:
        said = self.said(self.post([]))
        self.assertEqual(self.round_a.versions.count(), 1)
        self.assertEqual(self.versions(), [])
        self.assertNotIn("档案清单", said)

    def test_the_workbooks_checks_count_with_its_lists_until_a_draw_here(self) -> None:
        files = cases(3)
        mark = CheckMark(FileType.CASE, "GA-001", "知情同意书签名", Verdict.UNMET, "缺签名")
        self.post(files, draw_seed="工作簿种子", checks=(mark,))
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        self.assertEqual((onsite.draw_seed, onsite.checks), ("工作簿种子", (mark,)))
        self.assertEqual(len(onsite.files), 3)
        self.login(self.coordinator)
        page = self.client.get(reverse("spotcheck", args=[self.round_a.pk])).content.decode()
        self.assertIn("计算和报告使用工作簿中的 1 条检查结果", page)
        spot.make_draw(self.round_a, self.coordinator, "网页种子")
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        self.assertEqual((onsite.draw_seed, onsite.checks), ("网页种子", ()))
        page = self.client.get(reverse("spotcheck", args=[self.round_a.pk])).content.decode()
        self.assertNotIn("工作簿中的 1 条检查结果", page)

    def test_after_the_report_is_issued_the_workbooks_lists_are_not_stored(self) -> None:
        self.post(cases(12))
        self.round_a.locked = True
        self.round_a.save()
        evaluation = replace(evaluation_for("甲"), onsite=OnSite(files=tuple(cases(13))))
        path = Path(self.tmp.name) / "更正.xlsx"
        write_workbook(path, evaluation, load_scheme())
        self.login(self.coordinator)
        with path.open("rb") as f:
            response = self.client.post(
                reverse("upload", args=[self.round_a.pk]), {"workbook": f, "reason": "更正"}
            )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.round_a.versions.count(), 2)
        self.assertEqual(self.versions(), [1])
        self.assertIn("工作簿中的档案清单未另存为新一版", self.said(response))  # type: ignore[arg-type]
