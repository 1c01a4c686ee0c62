"""Each endpoint's JSON is the engine's: a round's result is the very document that
`pinggu evaluate --json` prints for the round's input, and the round list's grade and total are
that document's."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from tempfile import TemporaryDirectory

from api_base import ApiTestCase

from pinggu import load_scheme, write_workbook
from pinggu.cli import main as cli
from pinggu.web import audit, engine


class ApiResultTests(ApiTestCase):
    def test_a_rounds_result_is_what_pinggu_evaluate_json_prints_for_its_input(self) -> None:
        token = self.token_for(self.coordinator)
        answer = self.api(f"/api/rounds/{self.round_a.pk}/result", token)
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer["Content-Type"], "application/json; charset=utf-8")
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None
        with TemporaryDirectory() as tmp:
            workbook = Path(tmp) / "round.xlsx"
            write_workbook(workbook, evaluation, load_scheme(self.round_a.scheme))
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                self.assertEqual(cli(["evaluate", str(workbook), "--json"]), 0)
        self.assertEqual(answer.json(), json.loads(printed.getvalue()))
        self.assertIn("甲街社工服务站", answer.content.decode(), "Chinese as itself")

    def test_the_list_and_one_round_carry_the_results_grade_and_total(self) -> None:
        token = self.token_for(self.city)
        for round_ in (self.round_a, self.round_b, self.round_a_issued):
            document = engine.result_document(round_)
            assert document is not None
            one = self.api(f"/api/rounds/{round_.pk}", token).json()
            self.assertEqual(
                (one["grade"], one["total_score"]),
                (document["grade"], document["total_score"]),
            )
            self.assertEqual(
                one,
                {
                    "id": round_.pk,
                    "station": round_.station.name,
                    "district": round_.station.district.name,
                    "kind": round_.kind,
                    "kind_name": round_.get_kind_display(),
                    "period_start": round_.period_start.isoformat(),
                    "period_end": round_.period_end.isoformat(),
                    "fieldwork_date": round_.fieldwork_date.isoformat(),
                    "state": round_.state,
                    "state_name": {"fieldwork": "实地评估", "report_issued": "报告出具"}[
                        round_.state
                    ],
                    "result_visible": True,
                    "grade": document["grade"],
                    "total_score": document["total_score"],
                },
            )

    def test_a_new_score_shows_in_the_api_at_once(self) -> None:
        token = self.token_for(self.coordinator)
        before = self.api(f"/api/rounds/{self.round_a.pk}/result", token).json()
        self.round_a.scores.update(score=0)
        audit.record(self.round_a, self.coordinator, "测试：分数清零")
        after = self.api(f"/api/rounds/{self.round_a.pk}/result", token).json()
        self.assertNotEqual(before["total_score"], after["total_score"])
