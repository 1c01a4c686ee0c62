"""The demo's 示例 final round has a self-assessment and an on-site day, loaded once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pinggu.web import engine
from pinggu.web.demo import PASSWORD, load_demo
from pinggu.web.models import AgendaEntry, InterviewEntry, Round, SelfDocument, SelfScoreEntry


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (SelfScoreEntry, SelfDocument, AgendaEntry, InterviewEntry)
    )


@pytest.mark.django_db
def test_the_demo_final_round_has_self_scores_documents_an_agenda_and_interviews() -> None:
    load_demo()
    final = Round.objects.get(station__name="示例街社工服务站", kind="final")
    before = counts()
    assert before == (6, 2, 6, 3)
    assert sorted(SelfDocument.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    assert load_demo() == [] and counts() == before
    evaluation = engine.evaluation_of(final)
    assert evaluation is not None and evaluation.onsite is not None
    assert len(evaluation.onsite.self_scores) == 6
    assert evaluation.onsite.experts_present == ("王芳（评估专家）", "陈刚（评估专家）")
    linked = [i.finding for i in evaluation.onsite.interviews if i.finding]
    assert len(linked) == 2 and all(f in {x.text for x in evaluation.findings} for f in linked)
    client = Client()
    client.login(username="station_shili", password=PASSWORD)
    page = client.get(reverse("round", args=[final.pk])).content.decode()
    assert "自评与专家评分的差距" in page  # the report is issued: the station sees it
