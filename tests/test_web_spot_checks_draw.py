"""The draw of files to check: stored with its seed and list version, reproducible whatever the
lists' row order, re-checked on the page, a newer list version flagged, reserve files taking
the place of files that cannot be found."""

from __future__ import annotations

from spotcheck_base import SpotCheckTestCase, shuffled

from pinggu.web.models import AuditEntry, CheckedFile
from pinggu.web.spotcheck import draw as spot


class DrawTests(SpotCheckTestCase):
    def drawn_ids(self) -> list[tuple[str, str, str]]:
        return [(f.type, f.zone, f.file_id) for f in self.files()]

    def test_the_coordinator_draws_with_a_typed_seed_and_the_page_shows_the_plan(self) -> None:
        lists = self.upload()
        self.login(self.coordinator)
        response = self.client.post(self.url("spotcheck_draw"), {"seed": "现场-2024"}, follow=True)
        self.assertContains(response, "已抽样：按第 1 版档案清单和种子 现场-2024 抽取")
        made = spot.draw_of(self.round_a)
        assert made is not None
        self.assertEqual((made.seed, made.file_list_id), ("现场-2024", lists.pk))
        page = response.content.decode()
        self.assertIn("抽样方案", page)
        for file in self.files():
            self.assertIn(file.file_id, page)
        plan = spot.engine_draw(made).plan
        self.assertEqual(sum(p.drawn for p in plan), len(self.files()))
        self.assertTrue(AuditEntry.objects.filter(action="档案抽样").exists())

    def test_the_page_proposes_a_seed(self) -> None:
        self.upload()
        self.login(self.expert)
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertRegex(page, r'name="seed" value="\d{10}"')

    def test_the_same_seed_draws_the_same_files_whatever_the_row_order(self) -> None:
        self.upload()
        self.draw("同一种子")
        first = self.drawn_ids()
        self.upload(shuffled(), as_user=self.coordinator)  # the same files, rows shuffled
        self.draw("同一种子")  # again, from version 2
        self.assertEqual(sorted(self.drawn_ids()), sorted(first))
        self.draw("另一个种子")
        self.assertNotEqual(sorted(self.drawn_ids()), sorted(first))

    def test_the_recheck_says_whether_the_stored_draw_matches(self) -> None:
        self.upload()
        made = self.draw()
        self.login(self.expert)
        response = self.client.post(self.url("spotcheck_recheck"), follow=True)
        self.assertContains(response, "复核一致")
        data = dict(made.data)
        first = data["drawn"][0]  # swapped with a reserve file of its type and 片区
        swap = next(
            r for r in data["reserve"] if (r["type"], r["zone"]) == (first["type"], first["zone"])
        )
        data["drawn"] = [swap, *data["drawn"][1:]]
        data["reserve"] = [first if r == swap else r for r in data["reserve"]]
        made.data = data
        made.save()
        response = self.client.post(self.url("spotcheck_recheck"), follow=True)
        self.assertContains(response, "复核不一致")

    def test_a_list_version_uploaded_after_the_draw_is_flagged(self) -> None:
        self.upload()
        self.draw()
        self.upload(shuffled()[:-2], as_user=self.station)
        self.login(self.coordinator)
        page = self.client.get(self.url("spotcheck")).content.decode()
        self.assertIn("抽样用的是第 1 版档案清单，之后上传了第 2 版", page)

    def test_it_refuses_to_draw_again_once_checking_began(self) -> None:
        self.upload()
        self.draw()
        file = self.files()[0]
        self.login(self.expert)
        verdicts = ["符合"] * len(self.items(file))
        self.client.post(self.url("spotcheck_desk", file.pk), self.mark_form(file, verdicts))
        response = self.client.post(self.url("spotcheck_draw"), {"seed": "再来一次"})
        self.assertContains(response, "已有档案检查记录，不能重新抽样", status_code=400)
        made = spot.draw_of(self.round_a)
        assert made is not None
        self.assertEqual(made.seed, "测试种子")

    def test_it_refuses_to_draw_without_lists(self) -> None:
        self.login(self.coordinator)
        response = self.client.post(self.url("spotcheck_draw"), {"seed": "1"})
        self.assertContains(response, "尚未上传档案清单，无法抽样", status_code=400)

    def test_a_file_that_cannot_be_found_is_replaced_by_the_next_reserve_of_its_kind(self) -> None:
        self.upload()
        made = self.draw()
        file = next(f for f in self.files() if f.type == "个案" and f.zone == "第一片区")
        reserve = next(
            r.id
            for r in spot.engine_draw(made).reserve
            if r.type.value == "个案" and r.zone == "第一片区"
        )
        self.login(self.expert)
        form = {"reason": "社工站称档案已借出", "version": self.version()}
        response = self.client.post(self.url("spotcheck_missing", file.pk), form, follow=True)
        self.assertContains(response, f"由备用档案 {reserve} 替补")
        file.refresh_from_db()
        self.assertEqual((file.status, file.missing_reason), ("missing", "社工站称档案已借出"))
        replacement = CheckedFile.objects.get(replaces=file)
        self.assertEqual((replacement.file_id, replacement.zone), (reserve, "第一片区"))
        self.assertTrue(AuditEntry.objects.filter(action="档案找不到").exists())

    def test_a_missing_file_needs_a_reason(self) -> None:
        self.upload()
        self.draw()
        file = self.files()[0]
        self.login(self.expert)
        form = {"reason": "  ", "version": self.version()}
        response = self.client.post(self.url("spotcheck_missing", file.pk), form)
        self.assertContains(response, "请填写找不到这份档案的原因", status_code=400)
        file.refresh_from_db()
        self.assertEqual(file.status, "pending")
