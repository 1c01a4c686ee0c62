"""The checklist desk: one form per file, every item marked, saves conflict-checked (a stale tab
is refused in Chinese and overwrites nothing), the marks reaching the engine and the findings'
drafts, which link to the files behind them."""

from __future__ import annotations

from dataclasses import replace

from spotcheck_base import SpotCheckTestCase

from pinggu import CheckMark, FileType, OnSite, Verdict, evaluation_from_dict, evaluation_to_dict
from pinggu.web import engine
from pinggu.web.models import AuditEntry


class MarkTests(SpotCheckTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.upload()
        self.draw()
        self.login(self.expert)

    def case(self, index: int = 0):  # type: ignore[no-untyped-def]
        return [f for f in self.files() if f.type == "个案"][index]

    def test_it_saves_a_files_marks_and_opens_the_next_file(self) -> None:
        file = self.case()
        items = self.items(file)
        verdicts = ["不符合"] + ["符合"] * (len(items) - 2) + ["不适用"]
        form = self.mark_form(file, verdicts, {0: "缺少服务对象签名"})
        response = self.client.post(self.url("spotcheck_desk", file.pk), form)
        following = next(f for f in self.files() if f.position > file.position)
        self.assertRedirects(response, self.url("spotcheck_desk", following.pk))
        file.refresh_from_db()
        self.assertEqual(file.status, "checked")
        self.assertEqual(
            file.marks[0], {"item": items[0], "verdict": "不符合", "note": "缺少服务对象签名"}
        )
        entry = AuditEntry.objects.get(action="档案检查")
        self.assertEqual(entry.user, self.expert)

    def test_the_desk_shows_the_files_checklist_and_the_keys(self) -> None:
        file = self.case()
        page = self.client.get(self.url("spotcheck_desk", file.pk)).content.decode()
        for item in self.items(file):
            self.assertIn(item, page)
        self.assertIn("快捷键", page)
        self.assertIn(file.file_id, page)

    def test_it_refuses_a_form_with_an_item_left_open_and_says_which(self) -> None:
        file = self.case()
        items = self.items(file)
        verdicts = ["符合"] * (len(items) - 1) + [""]
        response = self.client.post(
            self.url("spotcheck_desk", file.pk), self.mark_form(file, verdicts)
        )
        self.assertContains(
            response, f"「{items[-1]}」：请选择符合、不符合、不适用之一", status_code=400
        )
        file.refresh_from_db()
        self.assertEqual((file.status, file.marks), ("pending", []))

    def test_a_stale_tab_is_refused_and_overwrites_nothing(self) -> None:
        file = self.case()
        items = self.items(file)
        stale = self.mark_form(file, ["符合"] * len(items))  # the tab opened now
        self.login(self.coordinator)  # meanwhile someone else saves the file
        fresh = self.mark_form(file, ["不符合"] * len(items), {0: "缺签名"})
        self.assertEqual(
            self.client.post(self.url("spotcheck_desk", file.pk), fresh).status_code, 302
        )
        self.login(self.expert)
        response = self.client.post(self.url("spotcheck_desk", file.pk), stale)
        self.assertEqual(response.status_code, 409)
        page = response.content.decode()
        self.assertIn("自您打开此表单后，以下内容已被修改，您的保存未执行", page)
        self.assertIn("档案检查", page)
        file.refresh_from_db()
        self.assertEqual({m["verdict"] for m in file.marks}, {"不符合"})  # the other save stands
        again = dict(stale, version=self.version())  # saved again after reading: applied
        self.assertEqual(
            self.client.post(self.url("spotcheck_desk", file.pk), again).status_code, 302
        )

    def test_a_double_enter_saves_the_file_once_and_is_no_conflict(self) -> None:
        file = self.case()
        form = self.mark_form(file, ["符合"] * len(self.items(file)))
        following = next(f for f in self.files() if f.position > file.position)
        for _ in range(2):
            response = self.client.post(self.url("spotcheck_desk", file.pk), form)
            self.assertRedirects(response, self.url("spotcheck_desk", following.pk))
        self.assertEqual(AuditEntry.objects.filter(action="档案检查").count(), 1)

    def test_a_form_without_a_version_is_refused(self) -> None:
        file = self.case()
        form = self.mark_form(file, ["符合"] * len(self.items(file)))
        del form["version"]
        response = self.client.post(self.url("spotcheck_desk", file.pk), form)
        self.assertEqual(response.status_code, 409)

    def test_the_marks_reach_the_engine_and_the_round_page_rolls_them_up(self) -> None:
        file = self.case()
        items = self.items(file)
        form = self.mark_form(file, ["不符合"] + ["符合"] * (len(items) - 1))
        self.client.post(self.url("spotcheck_desk", file.pk), form)
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        self.assertEqual(onsite.draw_seed, "测试种子")
        self.assertIn(
            CheckMark(FileType.CASE, file.file_id, items[0], Verdict.UNMET, ""), onsite.checks
        )
        page = self.client.get(self.url("round")).content.decode()
        self.assertRegex(page, r"抽查个案档案 \d+ 份")

    def test_the_drafts_link_to_the_files_behind_them(self) -> None:
        file = self.case()
        items = self.items(file)
        form = self.mark_form(file, ["不符合"] + ["符合"] * (len(items) - 1))
        self.client.post(self.url("spotcheck_desk", file.pk), form)
        page = self.client.get(self.url("findings")).content.decode()
        self.assertIn("依据的档案", page)
        self.assertIn(f"#file-{file.pk}", page)


class FallbackTests(SpotCheckTestCase):
    def test_without_lists_of_its_own_the_round_uses_the_workbooks(self) -> None:
        version = self.round_a.latest_data()
        assert version is not None
        sheet = OnSite(draw_seed="工作簿种子")
        version.data = evaluation_to_dict(replace(evaluation_from_dict(version.data), onsite=sheet))
        version.save()
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        assert onsite is not None
        self.assertEqual(onsite.draw_seed, "工作簿种子")
        self.upload()  # lists of its own: the workbook's are no longer used
        onsite = engine.evaluation_of(self.round_a).onsite  # type: ignore[union-attr]
        self.assertEqual((onsite.draw_seed if onsite else ""), "")
        self.assertTrue(onsite and onsite.files)
