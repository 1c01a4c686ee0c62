"""Login, logout and the lockout after repeated failures (per user name, as Django normalises
it, and per client address), counted atomically."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import forms as forms_module
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from web_base import PASSWORD, WebTestCase

from pinggu.web.models import LoginThrottle


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


class LockoutKeyTests(WebTestCase):
    def wrong(self, username: str, **extra: str) -> None:
        self.client.post(reverse("login"), {"username": username, "password": "错的"}, **extra)

    def assert_locked_out(self, username: str = "coordinator", **extra: str) -> None:
        response = self.client.post(
            reverse("login"), {"username": username, "password": PASSWORD}, **extra
        )
        self.assertContains(response, "登录失败次数过多")
        self.assertEqual(self.client.get(reverse("home")).status_code, 302)

    def test_full_width_and_padded_spellings_count_against_the_same_account(self) -> None:
        for spelling in (
            "ｃｏｏｒｄｉｎａｔｏｒ",
            " coordinator",
            "coordinator ",
            "ｃoordinator",
            "coordinator",
        ):
            self.wrong(spelling)
        self.assert_locked_out()

    def test_the_right_password_does_not_count_as_a_failure(self) -> None:
        for _ in range(4):
            self.wrong("coordinator")
        for _ in range(3):
            self.client.post(reverse("login"), {"username": "coordinator", "password": PASSWORD})
            self.client.post(reverse("logout"))
        response = self.client.post(
            reverse("login"), {"username": "coordinator", "password": PASSWORD}
        )
        self.assertRedirects(response, reverse("home"))

    @override_settings(LOGIN_ADDRESS_LIMIT=8)
    def test_one_address_guessing_many_names_is_locked_out(self) -> None:
        for i in range(8):
            self.wrong(f"guess{i}", REMOTE_ADDR="10.0.0.9")
        self.assert_locked_out("station_a", REMOTE_ADDR="10.0.0.9")
        response = self.client.post(
            reverse("login"),
            {"username": "station_a", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.10",
        )
        self.assertRedirects(response, reverse("home"))

    @override_settings(LOGIN_ADDRESS_LIMIT=8)
    def test_names_tried_from_a_locked_out_address_leave_no_rows_and_old_rows_go(self) -> None:
        LoginThrottle.objects.create(
            key="user:long-ago", window_start=timezone.now() - timedelta(days=2), attempts=5
        )
        for i in range(20):
            self.wrong(f"guess{i}", REMOTE_ADDR="10.0.0.9")
        keys = set(LoginThrottle.objects.values_list("key", flat=True))
        self.assertEqual(keys, {"addr:10.0.0.9", *(f"user:guess{i}" for i in range(8))})

    @override_settings(LOGIN_ADDRESS_LIMIT=8)
    def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy(self) -> None:
        for i in range(8):
            self.wrong(f"guess{i}", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}")
        self.assert_locked_out("station_a", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.1.1.1")

    @override_settings(LOGIN_ADDRESS_LIMIT=8, TRUSTED_PROXY=True)
    def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(self) -> None:
        proxy = {"REMOTE_ADDR": "127.0.0.1"}
        for i in range(8):
            self.wrong(f"guess{i}", HTTP_X_FORWARDED_FOR="forged, 10.0.0.9", **proxy)
        self.assert_locked_out("station_a", HTTP_X_FORWARDED_FOR="10.0.0.9", **proxy)
        response = self.client.post(
            reverse("login"),
            {"username": "station_a", "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="10.0.0.10",
            **proxy,
        )
        self.assertRedirects(response, reverse("home"))


class ParallelGuessTests(TransactionTestCase):
    """Ten wrong passwords sent at once: only the limit's worth are ever checked."""

    # Restores what the migrations wrote (calendar, content types) after the flush, as
    # tests/test_web_parallel_saves.py does: a flush without it re-creates the content types,
    # and the next serialized test's restore then collides with them.
    serialized_rollback = True

    def test_ten_parallel_guesses_check_at_most_five_passwords(self) -> None:
        User.objects.create_user("coordinator", password=PASSWORD)
        checked: list[str] = []
        real = forms_module.authenticate

        def slow_authenticate(*args: Any, **kwargs: Any) -> Any:
            checked.append(kwargs["username"])
            time.sleep(0.3)  # every guess is in flight before any has failed
            return real(*args, **kwargs)

        def guess() -> int:
            try:
                response = Client().post(
                    reverse("login"), {"username": "coordinator", "password": "错的"}
                )
                return response.status_code
            finally:
                connection.close()

        with (
            mock.patch.object(forms_module, "authenticate", slow_authenticate),
            ThreadPoolExecutor(10) as pool,
        ):
            statuses = list(pool.map(lambda _: guess(), range(10)))
        self.assertEqual(statuses, [200] * 10)
        self.assertEqual(len(checked), 5)
        response = Client().post(
            reverse("login"), {"username": "coordinator", "password": PASSWORD}
        )
        self.assertContains(response, "登录失败次数过多")
