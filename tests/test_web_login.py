"""Login, logout and the lockout after repeated failures."""

from __future__ import annotations

import pytest
from django.urls import reverse
from web_base import PASSWORD, WebTestCase


class LoginTests(WebTestCase):
    def test_a_user_logs_in_and_out(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "station_a", "password": PASSWORD}
        )
        self.assertRedirects(response, reverse("home"))
        self.assertContains(self.client.get(reverse("home")), "我的评估")
        self.assertRedirects(self.client.post(reverse("logout")), reverse("login"))
        self.assertEqual(self.client.get(reverse("home")).status_code, 302)

    def test_a_wrong_password_says_so_in_chinese(self) -> None:
        response = self.client.post(reverse("login"), {"username": "station_a", "password": "错的"})
        self.assertContains(response, "请输入一个正确的")

    def test_five_failures_lock_the_account_even_for_the_right_password(self) -> None:
        for _ in range(5):
            self.client.post(reverse("login"), {"username": "station_a", "password": "错的"})
        response = self.client.post(
            reverse("login"), {"username": "station_a", "password": PASSWORD}
        )
        self.assertContains(response, "登录失败次数过多，此账号已暂时锁定")
        self.assertEqual(self.client.get(reverse("home")).status_code, 302)

    def test_logout_needs_a_post(self) -> None:
        self.login(self.station)
        self.assertEqual(self.client.get(reverse("logout")).status_code, 405)


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "web", "--check", "--dry-run", verbosity=0)
