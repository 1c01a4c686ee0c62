"""A station uploads its workbook with 到岗 kept as the monthly staffing grid beside the template's
other sheets: the web reads it through the engine as `pinggu evaluate` does, and stores the same
staffing as the tidy workbook would have given."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from django.urls import reverse
from layout_books import GRID_SHEET, as_read_from_a_grid, with_grid
from web_base import WebTestCase, evaluation_for

from pinggu import evaluation_from_dict


class FieldLayoutUploadTests(WebTestCase):
    def test_a_workbook_whose_staffing_is_a_grid_is_accepted_with_the_same_staffing(self) -> None:
        with TemporaryDirectory() as tmp:
            tidy = self.workbook(Path(tmp))
            path = with_grid(tidy, Path(tmp) / "现场格式.xlsx", evaluation_for("甲"))
            self.login(self.station)
            with path.open("rb") as f:
                response = self.client.post(
                    reverse("upload", args=[self.round_a.pk]), {"workbook": f}
                )
        self.assertRedirects(response, reverse("round", args=[self.round_a.pk]))  # type: ignore[arg-type]
        stored = evaluation_from_dict(self.round_a.versions.get().data)
        self.assertEqual(
            as_read_from_a_grid(stored.attendance),
            as_read_from_a_grid(evaluation_for("甲").attendance),
        )

    def test_a_bad_cell_in_the_grid_is_listed_at_that_cell_and_nothing_saved(self) -> None:
        from openpyxl import load_workbook

        with TemporaryDirectory() as tmp:
            path = with_grid(
                self.workbook(Path(tmp)), Path(tmp) / "现场.xlsx", evaluation_for("甲")
            )
            book = load_workbook(path)
            book[GRID_SHEET]["G4"] = "满勤"  # the first worker's first month
            book.save(path)
            self.login(self.station)
            with path.open("rb") as f:
                response = self.client.post(
                    reverse("upload", args=[self.round_a.pk]), {"workbook": f}
                )
        self.assertContains(response, "工作表「附件2」 第 4 行 「G」列", status_code=400)  # type: ignore[arg-type]
        self.assertEqual(self.round_a.versions.count(), 0)
