"""Two saves of the street office's 绩效目标 at the same moment (two tabs, or a double click):
never an HTTP 500, never a mixture. Different contents: one wins, the other is told what changed
(409); the same content: saved once, both succeed. Real threads, as in
tests/test_web_parallel_saves.py (also on PostgreSQL with -p tests.pg_cluster)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client, TransactionTestCase
from django.urls import reverse
from performance_forms import TARGETS
from test_web_parallel_saves import posting, race
from web_base import Personas

from pinggu.web import audit
from pinggu.web.models import AuditEntry, PerformanceTargetEntry

ROUNDS = 3


class ParallelPerformanceSaveTests(Personas, TransactionTestCase):
    serialized_rollback = True  # keeps the calendar the migrations seeded for later tests

    def setUp(self) -> None:
        self.make_personas()
        self.give_data(self.round_a, scores=False)
        self.url = reverse("performance_edit", args=[self.round_a.pk, "targets"])

    def browser(self, user: User) -> Client:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client

    def actuals(self) -> list[str]:
        rows = PerformanceTargetEntry.objects.filter(round=self.round_a).order_by("order")
        return [str(t.actual) if t.actual is not None else "" for t in rows]

    def test_two_different_saves_one_wins_the_other_is_told(self) -> None:
        tabs = [self.browser(self.purchaser), self.browser(self.coordinator)]
        for attempt in range(ROUNDS):
            version = str(audit.version(self.round_a))
            typed = [f"{40 + attempt}", f"{50 + attempt}"]
            statuses = race(
                *(
                    posting(
                        tabs[i], self.url, {**TARGETS, "t-1-actual": typed[i], "version": version}
                    )
                    for i in (0, 1)
                )
            )
            self.assertEqual(sorted(statuses), [302, 409], statuses)
            winner = statuses.index(302)
            self.assertEqual(self.actuals()[0], f"{typed[winner]}.0000")
            self.assertEqual(len(self.actuals()), 2)  # the winner's rows, whole

    def test_a_double_click_saves_once(self) -> None:
        tab = self.browser(self.purchaser)
        version = str(audit.version(self.round_a))
        statuses = race(*(posting(tab, self.url, {**TARGETS, "version": version}) for _ in (0, 1)))
        self.assertEqual(statuses, [302, 302])
        self.assertEqual(len(self.actuals()), 2)
        saves = AuditEntry.objects.filter(round=self.round_a, action="填写绩效评价（绩效目标）")
        self.assertEqual(saves.count(), 1)
