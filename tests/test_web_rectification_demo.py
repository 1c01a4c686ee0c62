"""The demo's 示例 station: its mid-term's concerns answered and marked at its final — some
已整改, one 未整改, those the final raises again 部分整改 and linked — and loading twice
changes nothing."""

from __future__ import annotations

import pytest

from pinggu import RectificationStatus
from pinggu.web import engine
from pinggu.web.demo import load_demo
from pinggu.web.models import RectificationItem, Round


@pytest.mark.django_db
def test_the_demo_final_follows_its_midterms_concerns_and_loading_twice_changes_nothing() -> None:
    load_demo()
    station = Round.objects.get(state="report_issued").station
    midterm = station.rounds.get(kind="midterm")
    final = station.rounds.get(kind="final")
    before = list(RectificationItem.objects.order_by("pk").values_list("pk", "status", "response"))
    assert load_demo() == []
    after = list(RectificationItem.objects.order_by("pk").values_list("pk", "status", "response"))
    assert before == after
    items = list(midterm.rectification_items.all())
    assert items and all(i.response for i in items)
    assert final.rectification_items.exists()  # the final's own concerns, for next year
    evaluation = engine.evaluation_of(final)
    assert evaluation is not None and evaluation.onsite is not None
    followed = evaluation.onsite.rectification
    statuses = [i.status for i in followed]
    assert statuses.count(RectificationStatus.NOT_DONE) == 1
    assert statuses.count(RectificationStatus.DONE) > len(followed) // 2
    repeated = [i for i in followed if i.repeated_as]
    assert repeated and all(i.status == RectificationStatus.PARTIAL for i in repeated)
    final_concerns = set(final.findings.filter(kind="concern").values_list("text", flat=True))
    assert {i.repeated_as for i in repeated} <= final_concerns
