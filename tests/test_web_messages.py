"""After every save, upload and step the user reads what happened; after an upload, what the
workbook contained."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.test.client import Client
from django.urls import reverse
from web_base import WebTestCase, evaluation_for

from pinggu.web.models import FindingEntry


def notices(response: object) -> list[str]:
    """The messages the followed page shows."""
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


class MessageTests(WebTestCase):
    def post(self, client: Client, url: str, data: dict[str, object]) -> list[str]:
        response = client.post(url, data, follow=True)
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        shown = notices(response)
        for text in shown:
            self.assertIn(text, page)
        return shown

    def test_an_upload_says_what_the_workbook_contained(self) -> None:
        self.login(self.station)
        ev = evaluation_for("甲")
        with TemporaryDirectory() as tmp, self.workbook(Path(tmp)).open("rb") as f:
            shown = self.post(
                self.client, reverse("upload", args=[self.round_a.pk]), {"workbook": f}
            )
        months = len({(r.month.year, r.month.month) for r in ev.attendance})
        workers = len({r.worker_id for r in ev.attendance})
        indicators = len({r.indicator for r in ev.indicators})
        self.assertEqual(
            shown,
            [
                f"已保存第 1 版数据：考核期 10 个月，社工 {workers} 人，"
                f"指标 {indicators} 项，{len(ev.zones)} 个片区"
            ],
        )
        self.assertEqual(
            (str(ev.info.period_start), str(ev.info.period_end), months, len(ev.zones)),
            ("2023-07-01", "2024-04-30", 10, 3),
        )
        self.assertEqual((workers, indicators), (25, 24))

    def test_every_save_and_step_says_it_was_done(self) -> None:
        self.give_data(self.round_a, scores=False)
        self.login(self.expert)
        shown = self.post(
            self.client, reverse("scores", args=[self.round_a.pk]), {"服务监测|": "9.5"}
        )
        self.assertEqual(shown, ["已保存评分"])
        findings = reverse("findings", args=[self.round_a.pk])
        form = {"section": "项目管理", "zone": "", "kind": "strength", "text": "团队稳定。"}
        self.assertEqual(self.post(self.client, findings, form), ["已保存「项目管理」的意见"])
        entry = FindingEntry.objects.get()
        self.assertEqual(
            self.post(self.client, findings, {"action": "delete", "entry": entry.pk}),
            ["已删除「项目管理」的一条意见"],
        )
        self.login(self.station)
        step = reverse("complete_step", args=[self.round_a.pk, "self_assessment"])
        self.assertEqual(
            self.post(self.client, step, {"completed_on": "2024-05-10"}),
            ["已完成步骤「自评」（2024-05-10）"],
        )
        objections = reverse("raise_objection", args=[self.round_a.pk])
        self.assertEqual(
            self.post(self.client, objections, {"text": "电访数漏计"}), ["已提出异议，等待处理"]
        )
        self.login(self.coordinator)
        resolve = reverse(
            "resolve_objection", args=[self.round_a.pk, self.round_a.objections.get().pk]
        )
        self.assertEqual(
            self.post(self.client, resolve, {"resolution": "已核实"}), ["已记录异议的处理结果"]
        )
        new_round = {
            "station": self.b.pk,
            "kind": "midterm",
            "period_start": "2024-08-06",
            "period_end": "2025-01-31",
            "fieldwork_date": "2025-02-21",
        }
        shown = self.post(self.client, reverse("new_round"), new_round)
        self.assertEqual(len(shown), 1)
        self.assertRegex(shown[0], r"^已创建评估：.+中期评估（实地评估 2025-02-21）$")
