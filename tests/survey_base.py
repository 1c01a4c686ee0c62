"""A small client roster and helpers for the survey's web tests.

Ten invented clients (phones 139 0000 00xx, obviously fake): six in 第一片区 and four in
第二片区, so a sample of 5 is allocated 3 and 2 exactly (6/10 × 5 and 4/10 × 5).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_base import WebTestCase

from pinggu import parse_roster
from pinggu.web.models import ClientRoster, Round, SurveyCall, SurveyDraw, latest_roster
from pinggu.web.survey import draw as survey
from pinggu.web.survey import rosters

HEADER = ["编号", "姓名", "户编号", "片区", "社区", "类别", "分级", "电话", "备注"]
CLIENTS = [
    ["A01", "张三", "H01", "第一片区", "东街社区", "低保、独居老人", 2, "13900000001", ""],
    ["A02", "李四", "H01", "第一片区", "东街社区", "低保", 1, "13900000002", ""],
    ["A03", "王五", "H02", "第一片区", "西街社区", "残疾人", 3, "13900000003", ""],
    ["A04", "赵六", "H03", "第一片区", "西街社区", "特困、孤寡老人", 4, "13900000004", ""],
    ["A05", "陈七", "H04", "第一片区", "西街社区", "空巢老人", 2, "13900000005", ""],
    ["A06", "刘八", "H05", "第一片区", "东街社区", "困境儿童", 2, "13900000006", ""],
    ["B01", "欧阳娜娜", "H06", "第二片区", "南园社区", "独居老人", 3, "13900000007", ""],
    ["B02", "黄九", "H07", "第二片区", "南园社区", "低保", 1, "13900000008", ""],
    ["B03", "周十", "H08", "第二片区", "北园社区", "低保、残疾人", 2, "13900000009", ""],
    ["B04", "吴一", "H08", "第二片区", "北园社区", "失能老人", 4, "13900000010", ""],
]
NAMES = [c[1] for c in CLIENTS]
PHONES = [c[7] for c in CLIENTS]
ITEMS = ("问题解决", "能力提升", "支持网络", "服务态度", "总体满意")


def roster_csv(rows: list[list[Any]] | None = None, name: str = "名册.csv") -> SimpleUploadedFile:
    lines = [HEADER, *(rows if rows is not None else CLIENTS)]
    text = "\n".join(",".join(str(v) for v in line) for line in lines)
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"))


class SurveyTestCase(WebTestCase):
    """Round A with data and scores, the roster stored (version 1) by the station."""

    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.roster = rosters.store_roster(
            self.round_a, parse_roster([HEADER, *CLIENTS]), self.station, "名册.csv"
        )

    def draw(self, n: int = 5, seed: str = "测试种子", round_: Round | None = None) -> SurveyDraw:
        return survey.make_draw(round_ or self.round_a, self.coordinator, n, seed)

    def url(self, name: str, *args: object, round_: Round | None = None) -> str:
        return reverse(name, args=[(round_ or self.round_a).pk, *args])

    def call_of(self, client: str) -> SurveyCall:
        return SurveyCall.objects.get(draw__round=self.round_a, client=client)

    def reach(self, call: SurveyCall, answers: list[int | None], user: User | None = None) -> None:
        survey.record(call, user or self.expert, survey.Outcome(True, tuple(answers)))

    def miss(self, call: SurveyCall, reason: str = "无人接听", user: User | None = None) -> None:
        survey.record(call, user or self.expert, survey.Outcome(False, reason=reason))

    def latest_roster(self) -> ClientRoster | None:
        return latest_roster(self.a)
