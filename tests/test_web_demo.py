"""`pinggu demo`: loading twice changes nothing, and every demo user can do their part."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from pinggu.web.demo import PASSWORD, USERS, load_demo
from pinggu.web.models import DataVersion, Membership, Role, Round, ScoreEntry


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    assert load_demo()
    counts = (
        User.objects.count(),
        Round.objects.count(),
        DataVersion.objects.count(),
        ScoreEntry.objects.count(),
    )
    assert load_demo() == []
    assert counts == (
        User.objects.count(),
        Round.objects.count(),
        DataVersion.objects.count(),
        ScoreEntry.objects.count(),
    )


@pytest.mark.django_db
def test_every_role_has_a_user_who_can_log_in() -> None:
    load_demo()
    assert {m.role for m in Membership.objects.all()} == set(Role.values)
    for username, *_ in USERS:
        client = Client()
        response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 302, username


@pytest.mark.django_db
def test_rounds_are_in_different_states_and_the_issued_one_has_a_grade() -> None:
    load_demo()
    assert len({r.state for r in Round.objects.all()}) >= 4
    client = Client()
    client.login(username="coordinator", password=PASSWORD)
    issued = Round.objects.get(state="report_issued")
    assert "87.81 分 · 良好" in client.get(reverse("round", args=[issued.pk])).content.decode()


@pytest.mark.django_db
def test_the_recused_expert_does_not_see_the_station() -> None:
    load_demo()
    client = Client()
    client.login(username="expert3", password=PASSWORD)
    assert "南岸街社工服务站" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_city_dashboard_compares_a_stations_midterm_and_final() -> None:
    load_demo()
    client = Client()
    client.login(username="city", password=PASSWORD)
    page = client.get(reverse("dashboard")).content.decode()
    progress = page[page.index('id="progress"') :]
    assert "示例街社工服务站" in progress[: progress.index("</section>")]
