"""The demo's survey: a roster for every demo station and a survey under way for 南岸 that a
demo expert can carry on at the desk; loading twice changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pinggu.web.demo import PASSWORD, load_demo
from pinggu.web.models import ClientRoster, Station, SurveyCall, SurveyDraw


@pytest.mark.django_db
def test_rosters_and_a_survey_under_way_loaded_once() -> None:
    load_demo()
    counts = (ClientRoster.objects.count(), SurveyDraw.objects.count(), SurveyCall.objects.count())
    assert counts[0] == Station.objects.count() == 4
    load_demo()
    assert counts == (
        ClientRoster.objects.count(),
        SurveyDraw.objects.count(),
        SurveyCall.objects.count(),
    )
    stored = SurveyDraw.objects.get()
    assert stored.round.station.name == "南岸街社工服务站"
    statuses = set(stored.calls.values_list("status", flat=True))
    assert statuses == {"pending", "reached", "replaced"}
    assert stored.calls.filter(replaces__isnull=True).count() == 100


@pytest.mark.django_db
def test_a_demo_expert_opens_the_desk_and_the_round_shows_the_satisfaction() -> None:
    load_demo()
    stored = SurveyDraw.objects.get()
    client = Client()
    client.login(username="expert1", password=PASSWORD)
    desk = client.get(reverse("survey_desk", args=[stored.round.pk])).content.decode()
    assert "满意度调查台" in desk and "139 0000" in desk
    page = client.get(reverse("round", args=[stored.round.pk])).content.decode()
    assert "服务对象满意度" in page
