"""The dashboard's 整改跟进 table: per station its items, the open ones, those past their due
date, and the share rectified of those the experts marked — on the page and in the export."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook
from rectification_base import RectificationTestCase

from pinggu.web.dashboard import tables as dashboards
from pinggu.web.models import RectificationItem


class DashboardTests(RectificationTestCase):
    def row(self) -> list[object]:
        board = dashboards.build(self.bureau)
        table = board.table("rectification")
        self.assertEqual(len(table.rows), 1)
        return [c.value for c in table.rows[0].cells]

    def mark(self, number: int, status: str) -> None:
        self.login(self.expert)
        self.post("rectification_mark", self.round_a, self.item(number), status=status)

    def test_open_overdue_and_share_rectified_by_station(self) -> None:
        # three items due 2024-03-04, long past: all open and overdue, none marked yet
        self.assertEqual(self.row(), ["海珠区", self.a.name, 3, 3, 3, 0, 0, 0, 0, None])
        self.mark(1, "已整改")
        self.mark(2, "未整改")
        # 已整改 closes item 1; 1 of 2 marked is 50.00%
        self.assertEqual(self.row(), ["海珠区", self.a.name, 3, 2, 2, 2, 1, 0, 1, Decimal("50.00")])
        self.issue_round_a()  # the final's report closes what is left of the mid-term's
        self.assertEqual(self.row(), ["海珠区", self.a.name, 3, 0, 0, 2, 1, 0, 1, Decimal("50.00")])

    def test_an_item_not_yet_due_is_open_but_not_overdue(self) -> None:
        RectificationItem.objects.filter(round=self.midterm, number=3).update(due="2999-01-01")
        self.assertEqual(self.row()[3:5], [3, 2])

    def test_the_page_shows_the_table_and_a_tile_and_the_export_holds_the_same(self) -> None:
        self.mark(1, "已整改")
        self.login(self.bureau)
        page = self.client.get(reverse("dashboard")).content.decode()
        self.assertIn('id="h-rectification"', page)
        self.assertIn("逾期整改<strong>2</strong>", page)
        self.assertIn(reverse("rectification", args=[self.midterm.pk]), page)
        export = self.client.get(reverse("dashboard_export", args=["rectification"]))
        book = load_workbook(BytesIO(b"".join(export.streaming_content)))  # type: ignore[attr-defined]
        sheet = book["整改跟进"]
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        found = next(r for r in rows if r and r[1] == self.a.name)
        self.assertEqual(found[2:9], [3, 2, 2, 1, 1, 0, 0])
        self.assertEqual(found[9], 1)  # 100.00% as the fraction 1

    def test_another_districts_bureau_sees_no_row(self) -> None:
        board = dashboards.build(self.other_bureau)
        self.assertEqual(board.table("rectification").rows, ())
