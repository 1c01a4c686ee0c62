"""Small invented file lists and helpers for the spot checks' web tests.

Round A's data has three 片区 (第一、第二、第三片区). The lists: 20 个案 in 第一片区 and 8 in
第二片区, 6 小组 and 10 社区活动 across the 片区 — enough that the draw takes a share of some
types and all of others, and leaves a reserve.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import CheckedFile, FileList, Round, SpotCheckDraw
from pinggu.web.spotcheck import draw as spot
from pinggu.web.spotcheck import lists, stored

HEADER = [
    "类型",
    "编号",
    "片区",
    "社工",
    "开案日期",
    "结案日期",
    "服务对象编号",
    "名称",
    "节数",
    "日期",
    "人次",
]


def _rows() -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i in range(1, 29):
        zone = "第一片区" if i <= 20 else "第二片区"
        rows.append(
            [
                "个案",
                f"GA-{i:03d}",
                zone,
                f"SG{i % 5 + 1:02d}",
                "2023-08-01",
                "",
                f"A{i:03d}",
                "",
                "",
                "",
                "",
            ]
        )
    for i in range(1, 7):
        zone = ("第一片区", "第二片区", "第三片区")[i % 3]
        rows.append(
            ["小组", f"XZ-{i:02d}", zone, "SG01", "", "", "", f"小组{i}", 6, "2023-09-01", ""]
        )
    for i in range(1, 11):
        zone = ("第一片区", "第二片区", "第三片区")[i % 3]
        rows.append(
            ["社区活动", f"HD-{i:02d}", zone, "SG02", "", "", "", f"活动{i}", "", "2023-10-01", 40]
        )
    return rows


ROWS = _rows()


def lists_csv(
    rows: list[list[Any]] | None = None, name: str = "档案清单.csv"
) -> SimpleUploadedFile:
    lines = [HEADER, *(rows if rows is not None else ROWS)]
    text = "\n".join(",".join(str(v) for v in line) for line in lines)
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"))


def shuffled(seed: int = 7) -> list[list[Any]]:
    rows = list(ROWS)
    random.Random(seed).shuffle(rows)
    return rows


class SpotCheckTestCase(WebTestCase):
    """Round A with data and scores; helpers to upload lists, draw and mark."""

    def setUp(self) -> None:
        self.give_data(self.round_a)

    def url(self, name: str, *args: object, round_: Round | None = None) -> str:
        return reverse(name, args=[(round_ or self.round_a).pk, *args])

    def upload(self, rows: list[list[Any]] | None = None, as_user: Any = None) -> FileList:
        self.login(as_user or self.station)
        response = self.client.post(self.url("spotcheck_upload"), {"lists": lists_csv(rows)})
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        latest = lists.latest_list(self.round_a)
        assert latest is not None
        return latest

    def draw(self, seed: str = "测试种子") -> SpotCheckDraw:
        return spot.make_draw(self.round_a, self.coordinator, seed)

    def files(self) -> list[CheckedFile]:
        made = stored.draw_of(self.round_a)
        assert made is not None
        return list(made.files.all())

    def mark_form(
        self, file: CheckedFile, verdicts: list[str], notes: dict[int, str] | None = None
    ) -> dict[str, str]:
        """The desk's form for `file`: one verdict per checklist item, notes by item index."""
        form = {"version": self.version()}
        for i, verdict in enumerate(verdicts):
            form[f"verdict{i}"] = verdict
            form[f"note{i}"] = (notes or {}).get(i, "")
        return form

    def items(self, file: CheckedFile) -> list[str]:
        return spot.checklist(file.draw, file.type)
