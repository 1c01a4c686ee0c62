"""The station's self-scores (自评): entered before the visit within each dimension's maximum,
version-checked, shown to the experts beside their score form, fed to the engine, and the gap
to the experts' scores shown on the round page."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from decimal import Decimal

from django.urls import reverse
from web_base import WebTestCase, evaluation_for

from pinggu import (
    AgendaItem,
    OnSite,
    OnSiteActivity,
    SelfScore,
    evaluation_to_dict,
)
from pinggu.web import engine
from pinggu.web.models import DataVersion, SelfScoreEntry


class SelfScoresTest(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.round_a.state = "self_assessment"  # before the visit
        self.round_a.save()
        self.url = reverse("self_assessment", args=[self.round_a.pk])

    def post(self, **values: str) -> object:
        return self.client.post(self.url, {"version": self.version(), **values})

    def zone(self) -> str:
        data = engine.data_of(self.round_a)
        assert data is not None
        return data.zones[0].name

    def test_it_stores_the_station_s_self_scores_and_gives_them_to_the_engine(self) -> None:
        self.login(self.station)
        zone = self.zone()
        response = self.post(**{"服务监测|": "8.5", f"服务质量|{zone}": "１８"})
        self.assertEqual(response.status_code, 302)
        stored = {(s.dimension, s.zone): s.score for s in SelfScoreEntry.objects.all()}
        self.assertEqual(
            stored, {("服务监测", ""): Decimal("8.5"), ("服务质量", zone): Decimal("18")}
        )
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.onsite is not None
        self.assertEqual(
            {(s.dimension, s.zone, s.score) for s in evaluation.onsite.self_scores},
            {("服务监测", None, Decimal("8.5")), ("服务质量", zone, Decimal("18"))},
        )

    def test_it_refuses_a_self_score_above_the_dimension_s_maximum_and_stores_nothing(
        self,
    ) -> None:
        self.login(self.station)
        response = self.post(**{"服务监测|": "10.5", "服务成效|": "12"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "服务监测：应为 0 到 10 之间", status_code=400)
        self.assertFalse(SelfScoreEntry.objects.exists())

    def test_it_refuses_a_stale_tab_and_says_what_changed(self) -> None:
        self.login(self.station)
        opened = self.version()
        self.client.post(self.url, {"version": opened, "服务监测|": "8"})
        response = self.client.post(self.url, {"version": opened, "服务监测|": "9"})
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "自您打开此表单后", status_code=409)
        self.assertContains(response, "服务监测：（空） → 8", status_code=409)
        self.assertEqual(SelfScoreEntry.objects.get().score, Decimal("8"))

    def test_the_station_may_not_change_it_after_the_visit_but_the_coordinator_may(
        self,
    ) -> None:
        self.round_a.state = "fieldwork"
        self.round_a.save()
        self.login(self.station)
        response = self.post(**{"服务监测|": "8"})
        self.assertContains(response, "实地评估已完成，自评不能再修改", status_code=400)
        self.assertFalse(SelfScoreEntry.objects.exists())
        self.login(self.coordinator)
        self.assertEqual(self.post(**{"服务监测|": "8"}).status_code, 302)
        self.round_a.locked = True
        self.round_a.save()
        response = self.post(**{"服务监测|": "7"})
        self.assertContains(response, "报告已出具，自评已锁定", status_code=400)
        self.assertEqual(SelfScoreEntry.objects.get().score, Decimal("8"))

    def test_only_the_station_and_the_coordinator_fill_it_in_and_outsiders_see_nothing(
        self,
    ) -> None:
        for user in (self.expert, self.purchaser, self.bureau):
            self.login(user)
            response = self.post(**{"服务监测|": "8"})
            self.assertEqual(response.status_code, 400, user.username)
            self.assertNotContains(response, "保存自评得分", status_code=400)
        self.assertFalse(SelfScoreEntry.objects.exists())
        for user in (self.other_station, self.other_coordinator, self.unassigned_expert):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)

    def test_the_experts_see_the_self_scores_beside_their_score_form(self) -> None:
        self.login(self.station)
        self.post(**{"服务成效|": "13.5"})
        self.login(self.expert)
        response = self.client.get(reverse("scores", args=[self.round_a.pk]))
        self.assertContains(response, "社工站自评")
        self.assertContains(response, '<td class="selfscore">13.5</td>', html=False)
        self.assertContains(response, "社工站的自评材料")
        self.login(self.purchaser)  # another party's form shows no self-scores
        response = self.client.get(reverse("scores", args=[self.round_a.pk]))
        self.assertNotContains(response, "社工站自评")

    def test_the_round_page_shows_the_gap_between_self_and_expert_scores(self) -> None:
        result = engine.result_of(self.round_a)
        assert result is not None
        third = next(p for p in result.scores.parties if p.party_id == "third_party")
        monitoring = next(d for d in third.dimensions if d.dimension == "服务监测")
        assert monitoring.score is not None
        expert = monitoring.score.value
        self.login(self.station)
        self.post(**{"服务监测|": "10"})
        self.login(self.expert)
        response = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(response, "自评与专家评分的差距")
        gap = Decimal(10) - expert
        self.assertGreater(gap, 0)
        row = (
            f'<td>服务监测</td><td class="num">10.00</td><td class="num">{expert:.2f}</td>'
            f'<td class="num">+{gap:.2f}</td>'
        )
        self.assertContains(response, row, html=False)


class WorkbookSelfScoresTest(WebTestCase):
    """A workbook with a 自评 sheet (and 实地评估安排): shown until the workspace has its own."""

    def setUp(self) -> None:
        evaluation = replace(
            evaluation_for("甲"),
            onsite=OnSite(
                self_scores=(SelfScore("服务监测", None, Decimal("7.5")),),
                agenda=(AgendaItem(OnSiteActivity.BRIEFING, time(9), time(9, 30), "会议室甲"),),
                experts_present=("专家甲",),
            ),
        )
        DataVersion.objects.create(
            round=self.round_a,
            number=1,
            data=evaluation_to_dict(evaluation),
            filename="带自评.xlsx",
            uploaded_by=self.coordinator,
        )
        self.round_a.state = "self_assessment"
        self.round_a.save()

    def test_the_workbook_s_self_scores_are_shown_until_the_station_saves_its_own(self) -> None:
        url = reverse("self_assessment", args=[self.round_a.pk])
        self.login(self.station)
        response = self.client.get(url)
        self.assertContains(response, "以下自评得分取自上传的评估工作簿")
        self.assertContains(response, 'name="服务监测|" value="7.5"', html=False)
        self.login(self.expert)
        scores_page = self.client.get(reverse("scores", args=[self.round_a.pk]))
        self.assertContains(scores_page, '<td class="selfscore">7.5</td>', html=False)
        onsite = self.client.get(reverse("onsite_day", args=[self.round_a.pk]))
        self.assertContains(onsite, "取自上传的评估工作簿（「实地评估安排」表）")
        self.assertContains(onsite, 'value="会议室甲"', html=False)
        self.assertContains(onsite, 'value="专家甲" checked', html=False)  # never dropped unseen
        self.login(self.station)
        self.client.post(url, {"version": self.version(), "服务监测|": "8"})
        self.assertNotContains(self.client.get(url), "取自上传的评估工作簿")
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.onsite is not None
        self.assertEqual(
            evaluation.onsite.self_scores, (SelfScore("服务监测", None, Decimal("8")),)
        )
        self.assertEqual(evaluation.onsite.experts_present, ("专家甲",))  # still the workbook's
