"""Station A's mid-term before round A (a final): its report issued with three concerns, listed as
rectification items, which round A follows. Helpers post the rectification forms."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web import audit
from pinggu.web.models import FindingEntry, RectificationItem, Round
from pinggu.web.rectification.issue import raise_items
from pinggu.web.rounds import workflow

CONCERNS = (
    ("项目管理", "", "个别社工的劳动合同、社保缴纳等人事资料不够完整，建议及时补充完善。"),
    ("服务质量", "第一片区", "部分电访记录内容较为简单，建议提升电访质量。"),
    ("服务监测", "", "志愿者档案整理不够完整，建议补充签到签退记录。"),
)
# A Wednesday; 20 working days later (Spring Festival 02-10..02-17 off, Sundays 02-04 and 02-18
# worked) is 2024-03-04, long past today.
ISSUED = date(2024, 1, 31)


# A real one-page PDF is not needed: the type is read from the first bytes, as a browser sends them.
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class RectificationTestCase(WebTestCase):
    midterm: Round

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        final = cls.round_a
        cls.midterm = Round.objects.create(
            station=cls.a,
            evaluator=cls.agency,
            kind="midterm",
            period_start=final.period_start,
            period_end=final.period_start + timedelta(days=150),
            fieldwork_date=final.period_start + timedelta(days=170),
            state="final",
            locked=True,
        )
        cls.midterm.experts.add(cls.expert)
        for n, (section, zone, text) in enumerate(CONCERNS):
            FindingEntry.objects.create(
                round=cls.midterm,
                section=section,
                zone=zone,
                kind="concern",
                text=text,
                author=cls.expert,
                order=n,
            )
        FindingEntry.objects.create(
            round=cls.midterm,
            section="项目管理",
            kind="strength",
            text="团队稳定。",
            author=cls.expert,
        )
        raise_items(cls.midterm, ISSUED, cls.coordinator, workflow.calendar())

    def item(self, number: int) -> RectificationItem:
        return RectificationItem.objects.get(round=self.midterm, number=number)

    def post(self, name: str, round_: Round, item: RectificationItem, **data: Any) -> Any:
        data.setdefault("version", str(audit.version(round_)))
        return self.client.post(reverse(name, args=[round_.pk, item.pk]), data)

    def issue_round_a(self) -> None:
        """Round A's report issued (as the workflow leaves it), without writing a report."""
        self.round_a.state, self.round_a.locked = "report_issued", True
        self.round_a.save()
        audit.record(
            self.round_a, self.coordinator, "完成步骤：报告出具", new={"step": "report_issued"}
        )
