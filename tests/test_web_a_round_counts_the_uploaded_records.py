"""A round's evaluation (and so its report) takes its 服务记录 from the station's uploaded
records once there are any, so the report and the follow-up pages count the same records; a
note says where they came from. Before any upload the workbook's own sheet (if any) is used."""

from __future__ import annotations

from datetime import date

from followup_base import FollowUpTestCase, daily

from pinggu.web import engine


class RoundRecordsTests(FollowUpTestCase):
    def test_before_any_upload_the_round_has_only_what_its_workbook_holds(self) -> None:
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None
        self.assertIsNone(evaluation.contacts)
        self.assertFalse(any("服务记录取自" in n.message for n in evaluation.notes))

    def test_after_an_upload_the_round_counts_the_stored_records_and_says_so(self) -> None:
        self.store(daily(["A01", "B01"], date(2023, 8, 1), date(2023, 8, 10)))
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None and evaluation.contacts is not None
        self.assertEqual(len(evaluation.contacts.records), 20)
        self.assertEqual(len(evaluation.contacts.clients), 10)  # the latest roster's
        notes = [n.message for n in evaluation.notes if "服务记录取自" in n.message]
        self.assertEqual(len(notes), 1)
        self.assertIn("共 20 条，最新为第 1 批", notes[0])
        result = engine.result_of(self.round_a)
        assert result is not None and result.contacts is not None
        august = [p for p in result.contacts.clients if p.period == "2023-08"]
        self.assertEqual(
            {p.client: p.contacts for p in august if p.client in ("A01", "B01")},
            {"A01": 10, "B01": 10},
        )
