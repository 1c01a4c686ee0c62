"""Two saves at the same moment: never an HTTP 500, never a lost write. The loser is told what
changed since it opened the form, or succeeds cleanly after the winner.

Real threads with their own database connections (a TransactionTestCase: nothing is hidden in
a test transaction), on SQLite (a file, WAL, BEGIN IMMEDIATE, busy timeout) and on PostgreSQL:

    PINGGU_TEST_DB=postgres python -m pytest -p tests.pg_cluster tests/test_web_parallel_saves.py
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse
from spotcheck_base import lists_csv
from survey_base import CLIENTS, HEADER
from web_base import Personas

from pinggu import parse_roster
from pinggu.web import audit
from pinggu.web.models import CheckedFile, ScoreEntry, SurveyCall
from pinggu.web.spotcheck import draw as spot
from pinggu.web.survey import draw as survey
from pinggu.web.survey import rosters

ROUNDS = 4  # each test races this many times


def race(*posts: Callable[[], int]) -> list[int]:
    """Run the posts in threads released together; their HTTP statuses (500 on an exception)."""
    start = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)

    def run(i: int) -> None:
        try:
            start.wait()
            statuses[i] = posts[i]()
        except Exception:
            statuses[i] = 500
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(posts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return statuses


def posting(client: Client, url: str, data: dict[str, object]) -> Callable[[], int]:
    return lambda: client.post(url, data).status_code


class ParallelSaveTests(Personas, TransactionTestCase):
    serialized_rollback = True  # keeps the calendar the migrations seeded for later tests

    def setUp(self) -> None:
        self.make_personas()
        self.give_data(self.round_a, scores=False)
        self.round_a.experts.add(self.unassigned_expert)

    def browser(self, user: User) -> Client:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client

    def test_two_parallel_score_saves_one_wins_the_other_is_told(self) -> None:
        url = reverse("scores", args=[self.round_a.pk])
        tabs = [self.browser(self.expert), self.browser(self.expert)]
        for attempt in range(ROUNDS):
            version = str(audit.version(self.round_a))
            typed = [f"{attempt}.25", f"{attempt}.75"]
            statuses = race(
                *(
                    posting(tabs[i], url, {"服务监测|": typed[i], "version": version})
                    for i in (0, 1)
                )
            )
            self.assertEqual(sorted(statuses), [302, 409], statuses)
            stored = ScoreEntry.objects.get(judge=self.expert, dimension="服务监测").score
            self.assertEqual(str(stored), typed[statuses.index(302)])  # the winner's, whole

    def test_two_experts_saving_the_same_call_at_once(self) -> None:
        rosters.store_roster(
            self.round_a, parse_roster([HEADER, *CLIENTS]), self.station, "名册.csv"
        )
        stored = survey.make_draw(self.round_a, self.coordinator, 5, "并发")
        url = reverse("survey_desk", args=[self.round_a.pk])
        callers = [self.browser(self.expert), self.browser(self.unassigned_expert)]
        for call in list(SurveyCall.objects.filter(draw=stored))[:ROUNDS]:
            version = str(audit.version(self.round_a))
            answers = [{f"item{k}": str(i + 3) for k in range(5)} for i in (0, 1)]
            statuses = race(
                *(
                    posting(
                        callers[i],
                        url,
                        {"call": call.pk, "version": version, "outcome": "reached", **answers[i]},
                    )
                    for i in (0, 1)
                )
            )
            self.assertEqual(sorted(statuses), [302, 409], statuses)
            call.refresh_from_db()
            winner = statuses.index(302)
            self.assertEqual(call.answers, [winner + 3] * 5)
            self.assertEqual(call.caller, [self.expert, self.unassigned_expert][winner])

    def test_two_experts_saving_the_same_files_checklist_at_once(self) -> None:
        self.client.force_login(self.station)
        self.client.post(
            reverse("spotcheck_upload", args=[self.round_a.pk]), {"lists": lists_csv()}
        )
        made = spot.make_draw(self.round_a, self.coordinator, "并发")
        experts = [self.browser(self.expert), self.browser(self.unassigned_expert)]
        verdicts = ("符合", "不符合")
        for file in list(CheckedFile.objects.filter(draw=made))[:ROUNDS]:
            url = reverse("spotcheck_desk", args=[self.round_a.pk, file.pk])
            items = spot.checklist(made, file.type)
            version = str(audit.version(self.round_a))
            forms = [
                {"version": version, **{f"verdict{k}": verdicts[i] for k in range(len(items))}}
                for i in (0, 1)
            ]
            statuses = race(*(posting(experts[i], url, forms[i]) for i in (0, 1)))
            self.assertEqual(sorted(statuses), [302, 409], statuses)
            file.refresh_from_db()
            winner = statuses.index(302)
            self.assertEqual({m["verdict"] for m in file.marks}, {verdicts[winner]})  # whole
            self.assertEqual(file.checked_by, [self.expert, self.unassigned_expert][winner])
