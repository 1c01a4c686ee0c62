"""Every .xlsx the web app writes stores what a user typed as text, never as a formula: a
station named =HYPERLINK(...), an agency "+1+1", a client "@SUM(A1)" in community "-2+3", a
caller "=1+2" and a comment beginning with a tab. Each export (every dashboard table and all of
them; the survey's sample list and responses, masked and unmasked) is opened with openpyxl:
no cell is a formula, and every text that begins like one carries Excel's quote prefix (shown
as typed, never run). The program writes no formula of its own (PROGRAM_FORMULAS is empty)."""

from __future__ import annotations

import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook
from survey_base import CLIENTS, HEADER, SurveyTestCase

from pinggu import parse_roster
from pinggu.web import audit
from pinggu.web.models import Round, SurveyCall
from pinggu.web.survey import rosters

HYPERLINK = '=HYPERLINK("http://x","y")'
STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRAM_FORMULAS: set[tuple[str, str]] = set()  # (sheet, cell) of formulas the program writes
DASHBOARD = ("overview", "grades", "indicators", "staffing", "progress", "all")


class ExportsTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.a.name = HYPERLINK
        self.a.save()
        self.agency.name = "+1+1"
        self.agency.save()
        self.expert.first_name = "=1+2"
        self.expert.save()
        clients = [list(c) for c in CLIENTS]
        clients[0][1], clients[0][4] = "@SUM(A1)", "-2+3"  # A01's name and community
        rosters.store_roster(
            self.round_a, parse_roster([HEADER, *clients]), self.station, "名册.csv"
        )
        final = self.round_a  # a mid-term round before it, for the progress table
        midterm = Round.objects.create(
            station=self.a,
            evaluator=self.agency,
            kind="midterm",
            period_start=final.period_start,
            period_end=final.period_start + timedelta(days=150),
            fieldwork_date=final.fieldwork_date - timedelta(days=180),
            state="report_issued",
        )
        # The web caches a round's result by its latest audit entry; a round this test changed
        # without one would leave a result under the empty revision for a later test's round
        # of the same id.
        for round_ in (midterm, self.round_b):
            audit.record(round_, self.coordinator, "测试")
        stored = self.draw(n=10)  # every client is on the list
        for call in stored.calls.all()[:3]:
            self.reach(call, [5, 4, 5, 4, 5])
        SurveyCall.objects.filter(draw=stored, comment="").exclude(called_at=None).update(
            comment="\tx"
        )

    def cells(self, data: bytes) -> list[Any]:
        book = load_workbook(BytesIO(data))
        return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]

    def assert_data_only(self, what: str, data: bytes) -> list[Any]:
        cells = self.cells(data)
        for cell in cells:
            place = (cell.parent.title, cell.coordinate)
            if place in PROGRAM_FORMULAS:
                continue
            self.assertNotEqual(cell.data_type, "f", f"{what} {place}: {cell.value!r}")
            if isinstance(cell.value, str) and cell.value.startswith(STARTS):
                self.assertTrue(cell.quotePrefix, f"{what} {place}: {cell.value!r}")
        return cells

    def test_every_dashboard_export_stores_names_as_text(self) -> None:
        self.login(self.city)
        for slug in DASHBOARD:
            response = self.client.get(reverse("dashboard_export", args=[slug]))
            self.assertEqual(response.status_code, 200, slug)
            data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
            values = {c.value for c in self.assert_data_only(slug, data)}
            if slug != "grades":  # counts by grade: the one table that names no station
                self.assertIn(HYPERLINK, values, slug)  # the hostile name is there, as text
        values = {c.value for c in self.cells(data)}
        self.assertIn("+1+1", values)  # the agency, in the overview of all.xlsx

    def test_every_survey_export_stores_what_was_typed_as_text(self) -> None:
        self.login(self.coordinator)
        seen: set[object] = set()
        for kind in ("list", "responses"):
            url = reverse("survey_export", args=[self.round_a.pk, kind])
            for unmasked, response in (
                (False, self.client.get(url)),
                (True, self.client.post(url, {"confirm": "yes"})),
            ):
                what = f"{kind} unmasked={unmasked}"
                self.assertEqual(response.status_code, 200, what)
                data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
                seen |= {c.value for c in self.assert_data_only(what, data)}
        for planted in ("@SUM(A1)", "@*******", "-2+3", "=1+2", "\tx"):
            self.assertIn(planted, seen)


WEB = Path(__file__).parent.parent / "pinggu" / "web"
# a cell written otherwise than through the engine's write_cell/append_row, or text-as-data
# done a second time
DIRECT_WRITE = re.compile(
    r"\bws\.append\(|\.cell\([^()]*,[^()]*,|\.value\s*=(?!=)|quotePrefix|data_type"
)


def test_the_web_writes_cells_only_through_the_engines_safe_writer() -> None:
    writers = [p for p in WEB.rglob("*.py") if "openpyxl" in p.read_text(encoding="utf-8")]
    assert writers, "no module writes a workbook?"
    for path in writers:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if DIRECT_WRITE.search(line):
                raise AssertionError(f"{path.relative_to(WEB)}:{number}: {line.strip()}")
