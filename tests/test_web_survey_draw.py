"""The draw page: the survey roles draw from the station's roster with a shown (or typed) seed;
the draw is stored with the roster version and can be re-checked; a re-draw is refused once
calls were recorded."""

from __future__ import annotations

import re

from survey_base import CLIENTS, HEADER, SurveyTestCase

from pinggu import Draw, draw_sample, parse_roster
from pinggu.web.models import AuditEntry, SurveyCall, SurveyDraw


class DrawPageTests(SurveyTestCase):
    def test_the_form_offers_the_schemes_sample_size_and_a_fresh_seed(self) -> None:
        self.login(self.coordinator)
        page = self.client.get(self.url("survey_draw")).content.decode()
        self.assertIn('name="n" min="1" value="100"', page)  # guangzhou-2023: sample_size 100
        seed = re.search(r'name="seed" value="(\d+)"', page)
        assert seed is not None
        self.assertEqual(len(seed[1]), 10)
        again = self.client.get(self.url("survey_draw")).content.decode()
        self.assertNotIn(f'value="{seed[1]}"', again)  # generated anew each time

    def test_an_expert_draws_with_a_typed_seed_and_sees_the_allocation(self) -> None:
        self.login(self.expert)
        response = self.client.post(
            self.url("survey_draw"), {"n": "5", "seed": "2024-05-15 公开抽取"}, follow=True
        )
        self.assertContains(response, "已抽样")
        self.assertContains(response, "2024-05-15 公开抽取")
        stored = SurveyDraw.objects.get(round=self.round_a)
        self.assertEqual((stored.n, stored.roster, stored.drawn_by), (5, self.roster, self.expert))
        draw = Draw.from_dict(stored.data)
        # 6 and 4 clients, n = 5: quotas 3 and 2 exactly.
        self.assertEqual([(z.zone, z.size, z.quota) for z in draw.zones], [
            ("第一片区", 6, 3), ("第二片区", 4, 2)
        ])  # fmt: skip
        expected = draw_sample(parse_roster([HEADER, *CLIENTS]), n=5, seed="2024-05-15 公开抽取")
        self.assertEqual(draw, expected)
        calls = list(SurveyCall.objects.filter(draw=stored).values_list("position", "client"))
        self.assertEqual(calls, list(enumerate(expected.chosen, start=1)))
        page = response.content.decode()
        self.assertIn('<td class="num">6</td><td class="num">3</td><td class="num">3</td>', page)
        entry = AuditEntry.objects.filter(round=self.round_a, action="抽样").get()
        self.assertEqual(entry.new["seed"], "2024-05-15 公开抽取")
        self.assertEqual(entry.new["roster_fingerprint"], self.roster.fingerprint)

    def test_fewer_clients_than_n_are_all_drawn(self) -> None:
        self.login(self.coordinator)
        response = self.client.post(self.url("survey_draw"), {"n": "100", "seed": "1"}, follow=True)
        self.assertContains(response, "10 人（要求 100 人，名册不足，全部抽取）")
        self.assertEqual(SurveyCall.objects.count(), 10)

    def test_the_list_shows_masked_names_and_phones(self) -> None:
        self.draw(n=10)
        self.login(self.expert)
        page = self.client.get(self.url("survey_draw")).content.decode()
        self.assertIn("<td>张*</td><td>139****0001</td>", page)
        self.assertIn("<td>欧***</td><td>139****0007</td>", page)
        self.assertNotIn("张三", page)
        self.assertNotIn("13900000001", page)

    def test_a_redraw_is_allowed_before_calls_and_refused_after(self) -> None:
        self.draw(seed="第一次")
        self.login(self.coordinator)
        self.client.post(self.url("survey_draw"), {"n": "5", "seed": "第二次"})
        stored = SurveyDraw.objects.get(round=self.round_a)
        self.assertEqual(stored.seed, "第二次")
        redraw = AuditEntry.objects.get(round=self.round_a, action="重新抽样")
        self.assertEqual((redraw.old["seed"], redraw.new["seed"]), ("第一次", "第二次"))
        self.miss(SurveyCall.objects.filter(draw=stored).first())  # type: ignore[arg-type]
        response = self.client.post(self.url("survey_draw"), {"n": "5", "seed": "第三次"})
        self.assertContains(response, "已有拨打记录，不能重新抽样", status_code=400)
        self.assertEqual(SurveyDraw.objects.get(round=self.round_a).seed, "第二次")
        self.assertNotContains(self.client.get(self.url("survey_draw")), "重新抽样</button>")

    def test_no_roster_no_draw(self) -> None:
        self.login(self.other_coordinator)
        url = self.url("survey_draw", round_=self.round_b)
        self.assertContains(self.client.get(url), "尚未上传服务对象名册")
        response = self.client.post(url, {"n": "5", "seed": "1"})
        self.assertContains(response, "尚未上传服务对象名册，无法抽样", status_code=400)

    def test_anyone_entitled_rechecks_the_draw(self) -> None:
        self.draw(seed="复核用")
        self.login(self.expert)
        response = self.client.post(self.url("survey_check"), follow=True)
        self.assertContains(response, "复核一致")
        self.assertContains(response, "得到与记录相同的 5 人名单")

    def test_a_tampered_draw_fails_the_recheck(self) -> None:
        stored = self.draw(seed="复核用")
        data = stored.data
        zone = data["zones"][0]
        zone["chosen"], zone["reserve"] = zone["reserve"][:3], zone["chosen"] + zone["reserve"][3:]
        SurveyDraw.objects.filter(pk=stored.pk).update(data=data)
        self.login(self.coordinator)
        response = self.client.post(self.url("survey_check"), follow=True)
        self.assertContains(response, "复核不一致")

    def test_the_draw_is_refused_once_the_report_is_issued(self) -> None:
        self.round_a.locked = True
        self.round_a.save()
        self.login(self.coordinator)
        response = self.client.post(self.url("survey_draw"), {"n": "5", "seed": "1"})
        self.assertContains(response, "报告出具后满意度调查已锁定", status_code=400)
        self.assertFalse(SurveyDraw.objects.exists())
