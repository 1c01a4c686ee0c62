"""A round's result is stored in the database with its revision when its inputs change, and the
round page and the dashboard serve it from there: after a restart no page runs the engine, and
a stale result is never shown."""

from __future__ import annotations

import json
from dataclasses import replace
from unittest import mock

from django.db import OperationalError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from web_base import WebTestCase

from pinggu import Kind, evaluate, load_scheme, result_to_dict, synthetic_evaluation
from pinggu._synthetic import synthetic_survey
from pinggu.web import engine
from pinggu.web.dashboard import tables
from pinggu.web.digest import Digest, prune
from pinggu.web.models import AuditEntry, StoredPage, StoredResult
from pinggu.web.rounds import workflow


def _engine_refuses(*args: object, **kwargs: object) -> None:
    raise AssertionError("the engine was run")


class StoredResultTests(WebTestCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.round_url = reverse("round", args=[self.round_a.pk])
        self.scores_url = reverse("scores", args=[self.round_a.pk])

    def stored(self) -> StoredResult:
        return StoredResult.objects.get(round=self.round_a)

    def test_saving_a_score_stores_the_result_as_evaluate_json_gives_it(self) -> None:
        self.login(self.purchaser)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.scores_url, {"购买方|": "19.5"})
        stored = self.stored()  # no page was read: stored by the save itself
        latest = AuditEntry.objects.filter(round=self.round_a).latest("id")
        self.assertEqual(latest.action, "录入评分（购买方）")
        self.assertEqual(stored.revision, latest.pk)
        evaluation = engine.evaluation_of(self.round_a)
        assert evaluation is not None
        expected = result_to_dict(evaluate(evaluation, load_scheme(self.round_a.scheme)))
        # `pinggu evaluate --json` prints json.dumps(result_to_dict(result)).
        self.assertEqual(json.loads(stored.document), json.loads(json.dumps(expected)))
        purchaser = next(
            p for p in json.loads(stored.document)["parties"] if p["party"] == "购买方"
        )
        self.assertEqual(purchaser["score"], 19.5)

    def test_a_fresh_process_serves_the_round_page_and_dashboard_without_the_engine(self) -> None:
        for round_ in (self.round_a, self.round_b):  # round B has no data: stored as such
            engine.refresh(round_.pk)
        # A new process: nothing in memory.
        engine.build.cache_clear()
        tables.state_names.cache_clear()
        workflow._CALENDARS._items.clear()
        with (
            mock.patch.object(engine, "evaluate", _engine_refuses),
            mock.patch.object(engine, "evaluation_from_dict", _engine_refuses),
        ):
            self.login(self.coordinator)
            self.assertContains(self.client.get(self.round_url), "87.81 分 · 良好")
            self.login(self.city)
            dashboard = self.client.get(reverse("dashboard"))
        self.assertContains(dashboard, self.round_a.station.name)
        self.assertContains(dashboard, "87.81")
        self.assertContains(dashboard, "尚无数据")  # round B

    def test_the_dashboard_content_is_stored_once_and_served_to_any_process(self) -> None:
        self.login(self.city)
        first = self.client.get(reverse("dashboard"))
        self.assertEqual(StoredPage.objects.count(), 1)
        with mock.patch.object(tables, "render_to_string", _engine_refuses):
            again = self.client.get(reverse("dashboard"))
        self.assertEqual(again.content.count(b"87.81"), first.content.count(b"87.81"))
        self.assertGreater(again.content.count(b"87.81"), 0)

    def test_a_stale_stored_result_is_never_served_after_an_input_changes(self) -> None:
        engine.refresh(self.round_a.pk)
        self.login(self.city)
        self.assertContains(self.client.get(reverse("dashboard")), "87.81")  # stored now
        self.login(self.purchaser)
        # The save's own refresh is dropped (as if the process died right after committing).
        with self.captureOnCommitCallbacks(execute=False):
            self.client.post(self.scores_url, {"购买方|": "11"})
        self.assertLess(self.stored().revision, AuditEntry.objects.latest("id").pk)
        # The purchaser's score is now the mean of the seeded 19.5 and this 11.
        self.assertContains(self.client.get(self.round_url), '<td class="num">15.25</td>')
        self.login(self.city)
        self.assertNotContains(self.client.get(reverse("dashboard")), "87.81")
        self.assertEqual(self.stored().revision, AuditEntry.objects.latest("id").pk)

    def test_a_changed_rule_or_engine_recomputes_the_stored_result(self) -> None:
        engine.refresh(self.round_a.pk)
        with mock.patch.object(engine, "build", return_value="another-build"):
            with mock.patch.object(engine, "evaluate", wraps=evaluate) as ran:
                engine.refresh(self.round_a.pk)
            self.assertEqual(ran.call_count, 1)
        self.assertEqual(self.stored().build, "another-build")

    def test_two_computations_of_one_revision_store_it_once(self) -> None:
        revision = AuditEntry.objects.filter(round=self.round_a).latest("id").pk
        first = engine._compute(self.round_a, revision)
        second = engine._compute(self.round_a, revision)
        second.document = "the second process's copy"
        engine._store(first)
        engine._store(second)
        self.assertEqual(StoredResult.objects.count(), 1)
        self.assertEqual(self.stored().document, first.document)

    def test_a_slow_computation_of_an_old_revision_never_overwrites_a_newer_one(self) -> None:
        old_revision = AuditEntry.objects.filter(round=self.round_a).latest("id").pk
        slow = engine._compute(self.round_a, old_revision)  # started before the change ...
        self.login(self.purchaser)
        self.client.post(self.scores_url, {"购买方|": "11"})
        engine.refresh(self.round_a.pk)
        newer = self.stored()
        engine._store(slow)  # ... and finished after it
        self.assertEqual(self.stored().revision, newer.revision)
        self.assertEqual(self.stored().document, newer.document)
        self.assertGreater(newer.revision, old_revision)

    def test_a_result_that_cannot_be_stored_is_still_shown_and_stored_next_time(self) -> None:
        self.login(self.coordinator)
        busy = OperationalError("database is locked")
        with (
            mock.patch.object(engine, "_store", side_effect=busy),
            self.assertLogs("pinggu.web.engine", "WARNING"),
        ):
            self.assertContains(self.client.get(self.round_url), "87.81 分 · 良好")
        self.assertFalse(StoredResult.objects.exists())
        self.assertContains(self.client.get(self.round_url), "87.81 分 · 良好")
        self.assertTrue(StoredResult.objects.exists())

    def test_a_report_is_written_once_per_input_and_again_after_a_change(self) -> None:
        first = engine.report_file(self.round_a, ".docx")
        with mock.patch.object(engine, "write_report", _engine_refuses):
            self.assertEqual(engine.report_file(self.round_a, ".docx"), first)
        self.login(self.purchaser)
        self.client.post(self.scores_url, {"购买方|": "11"})
        second = engine.report_file(self.round_a, ".docx")
        self.assertNotEqual(second.parent, first.parent)
        # filed under the input's fingerprint and the report's state (初稿 until 定稿)
        self.assertEqual(second.parent.name, self.stored().fingerprint + "-draft")


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), kind=st.sampled_from(Kind), survey=st.booleans())
def test_the_stored_digest_reads_as_the_engine_computed(
    seed: int, kind: Kind, survey: bool
) -> None:
    evaluation = synthetic_evaluation(seed, kind=kind)
    if survey:
        evaluation = replace(evaluation, survey=synthetic_survey(evaluation, seed, n=40))
    scheme = load_scheme()
    result = evaluate(evaluation, scheme)
    document = json.loads(json.dumps(result_to_dict(result), ensure_ascii=False))
    extra = (evaluation.info.contract_workers, scheme.survey.min_interval_answers)
    stored = json.loads(json.dumps(prune(document, *extra)))
    digest = Digest.read(stored)
    assert digest == Digest.read(prune(document, *extra))
    assert digest.total_score == (result.total_score.value if result.total_score else None)
    assert digest.grade == (result.grade.name if result.grade else None)
    assert [v.rule for v in digest.vetoes] == [v.rule for v in result.vetoes]
    assert digest.staffing.retention_rate == result.staffing.retention_rate.value
    assert digest.staffing.shortfall == result.staffing.shortfall.value
    assert digest.satisfaction == result.satisfaction
    assert digest.contract_workers == evaluation.info.contract_workers
    dimensions = [(p.party, d.dimension) for p in result.scores.parties for d in p.dimensions]
    assert [(d.party, d.dimension) for d in digest.dimensions] == dimensions
