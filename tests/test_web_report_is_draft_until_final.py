"""The workspace's report says it is the draft (初稿) until the round is final (定稿), and a
final's report is written with the same station's mid-term, so a concern that repeats it says
「与中期评估意见一致」 (issue 11)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date
from typing import Any
from unittest import mock

from web_base import WebTestCase, evaluation_for

from pinggu import Kind, evaluation_to_dict, synthetic_evaluation
from pinggu.web import engine
from pinggu.web.models import DataVersion, Round


def _text(path: Any) -> str:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as docx:
        return docx.read("word/document.xml").decode()


class DraftUntilFinalTests(WebTestCase):
    def test_the_report_is_the_draft_until_the_round_is_final(self) -> None:
        self.give_data(self.round_a)
        self.round_a.state = "report_issued"
        self.round_a.save()
        draft = engine.report_file(self.round_a, ".docx")
        self.assertIn("（初稿）", _text(draft))
        self.round_a.state = "final"
        self.round_a.save()
        final = engine.report_file(self.round_a, ".docx")
        self.assertNotEqual(draft, final)
        self.assertNotIn("（初稿）", _text(final))

    def test_a_final_is_written_with_the_same_stations_midterm(self) -> None:
        self.give_data(self.round_a)
        info = evaluation_for("甲").info
        mid = synthetic_evaluation(2038, street="甲", kind=Kind.MIDTERM, start=info.period_start)
        mid = replace(mid, info=replace(mid.info, district="海珠区"))
        midterm = Round.objects.create(
            station=self.a,
            evaluator=self.agency,
            kind="midterm",
            period_start=mid.info.period_start,
            period_end=mid.info.period_end,
            fieldwork_date=mid.info.evaluation_date,
            state="final",
        )
        DataVersion.objects.create(
            round=midterm,
            number=1,
            data=evaluation_to_dict(mid),
            filename="中期.xlsx",
            uploaded_by=self.coordinator,
        )
        written: dict[str, Any] = {}

        def capture(result: Any, outdir: Any, **kwargs: Any) -> Any:
            written.update(kwargs)
            raise RuntimeError("captured")

        with mock.patch.object(engine, "write_report", capture), self.assertRaises(RuntimeError):
            engine.report_file(self.round_a, ".docx")
        passed = written["midterm"]
        self.assertIsNotNone(passed)
        self.assertIs(passed.evaluation.info.kind, Kind.MIDTERM)
        self.assertEqual(passed.evaluation.info.period_start, date(2023, 7, 1))
        self.assertFalse(written["final"])
        # A mid-term is only looked for by a final.
        self.assertIsNone(engine._midterm_round(midterm))
