"""API tokens: a user makes them on 「API 令牌」 (shown once, stored only as a SHA-256), uses
them as `Authorization: Bearer …`, and revokes them; an unknown, revoked or malformed token,
an inactive user's token, or a browser session without a token gets a Chinese 401. The API
only reads."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from unittest import mock

from api_base import ApiTestCase
from django.apps import apps
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from pinggu.web.api import tokens
from pinggu.web.models import ApiToken

PAGE = "/account/api-tokens/"


class ApiTokenTests(ApiTestCase):
    def create_on_page(self, user: User, name: str = "市平台") -> str:
        self.login(user)
        response = self.client.post(PAGE, {"action": "create", "name": name})
        self.assertEqual(response.status_code, 200)
        found = re.search(r'value="(pg_[0-9a-f]{8}_[A-Za-z0-9_-]+)"', response.content.decode())
        assert found, response.content.decode()
        return found[1]

    def assert_refused(self, response: HttpResponse) -> None:
        self.assertEqual(response.status_code, 401)
        self.assertIn("令牌无效", response.json()["detail"])
        self.assertTrue(response["WWW-Authenticate"].startswith("Bearer"))

    def test_the_header_links_every_signed_in_user_to_the_token_page(self) -> None:
        self.login(self.station)
        self.assertContains(self.client.get(reverse("home")), f'href="{PAGE}"')
        self.assertEqual(reverse("api_tokens"), PAGE)

    def test_a_token_made_on_the_page_reads_the_api_and_is_shown_only_once(self) -> None:
        token = self.create_on_page(self.bureau)
        answer = self.api("/api/rounds", token)
        self.assertEqual(answer.status_code, 200)
        self.assertEqual({r["station"] for r in answer.json()}, {self.a.name})
        again = self.client.get(PAGE).content.decode()
        self.assertNotIn(token, again)
        self.assertIn("市平台", again)
        self.assertIn(f"pg_{token[3:11]}_…", again, "the page names it by its public id")

    def test_the_database_never_holds_the_secret_only_its_sha256(self) -> None:
        token = self.create_on_page(self.coordinator)
        secret = token[12:]
        row = ApiToken.objects.get()
        self.assertEqual(row.digest, hashlib.sha256(token.encode()).hexdigest())
        self.assertEqual(row.key_id, token[3:11])
        for model in [*apps.get_app_config("web").get_models(), User]:
            for values in model.objects.values():
                self.assertNotIn(secret, str(values), model.__name__)

    def test_it_compares_the_digest_in_constant_time(self) -> None:
        token = self.token_for(self.city)
        with mock.patch("hmac.compare_digest", return_value=False) as compare:
            self.assert_refused(self.api("/api/rounds", token))
        compare.assert_called_once()

    def test_a_revoked_token_is_refused_and_only_its_owner_may_revoke_it(self) -> None:
        token = self.create_on_page(self.coordinator)
        row = ApiToken.objects.get()
        self.login(self.city)
        refused = self.client.post(PAGE, {"action": "revoke", "token": row.pk})
        self.assertContains(refused, "没有这个令牌，或它已被撤销", status_code=400)
        self.assertEqual(self.api("/api/rounds", token).status_code, 200)
        self.login(self.coordinator)
        done = self.client.post(PAGE, {"action": "revoke", "token": row.pk})
        self.assertContains(done, "已撤销令牌「市平台」")
        self.assertContains(done, "已撤销（")
        self.assert_refused(self.api("/api/rounds", token))
        self.assert_refused(self.api(f"/api/rounds/{self.round_a.pk}/result", token))

    def test_unknown_malformed_and_missing_tokens_are_refused_in_chinese(self) -> None:
        token = self.token_for(self.city)
        wrong_secret = token[:12] + ("A" if token[12] != "A" else "B") + token[13:]
        for bad in (wrong_secret, "pg_00000000_" + "x" * 43, "pg_xyz", "", token + "x"):
            self.assert_refused(self.api("/api/rounds", bad))
        self.assert_refused(self.client.get("/api/rounds"))
        self.assert_refused(self.client.get("/api/rounds", HTTP_AUTHORIZATION=f"Token {token}"))

    def test_a_browser_session_alone_does_not_open_the_api(self) -> None:
        self.login(self.coordinator)
        self.assert_refused(self.client.get("/api/rounds"))

    def test_an_inactive_users_tokens_stop_working(self) -> None:
        token = self.token_for(self.bureau)
        self.assertEqual(self.api("/api/rounds", token).status_code, 200)
        User.objects.filter(pk=self.bureau.pk).update(is_active=False)
        self.assert_refused(self.api("/api/rounds", token))

    def test_the_last_use_is_recorded_to_the_minute(self) -> None:
        token = self.token_for(self.city)
        row = ApiToken.objects.get()
        self.assertIsNone(row.last_used_at)
        self.api("/api/rounds", token)
        row.refresh_from_db()
        assert row.last_used_at is not None
        first = row.last_used_at
        self.api("/api/rounds", token)
        row.refresh_from_db()
        self.assertEqual(row.last_used_at, first, "no write per request within the minute")
        ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
        self.api("/api/rounds", token)
        row.refresh_from_db()
        assert row.last_used_at is not None
        self.assertGreater(row.last_used_at, timezone.now() - timedelta(seconds=30))

    def test_a_token_needs_a_name_of_reasonable_length(self) -> None:
        self.login(self.city)
        self.assertContains(
            self.client.post(PAGE, {"action": "create", "name": "  "}),
            "请填写令牌名称",
            status_code=400,
        )
        long = "名" * (tokens.NAME_MAX + 1)
        self.assertContains(
            self.client.post(PAGE, {"action": "create", "name": long}),
            f"令牌名称最多 {tokens.NAME_MAX} 个字",
            status_code=400,
        )
        self.assertFalse(ApiToken.objects.exists())

    def test_the_api_only_reads(self) -> None:
        token = self.token_for(self.coordinator)
        for method in ("post", "put", "patch", "delete"):
            for path in (
                "/api/rounds",
                f"/api/rounds/{self.round_a.pk}",
                f"/api/rounds/{self.round_a.pk}/result",
            ):
                answer = self.api(path, token, method)
                self.assertEqual(answer.status_code, 405, (method, path))
                self.assertEqual(answer.json()["detail"], "只读接口：只接受 GET 请求，不能修改数据")
                self.assertEqual(answer["Allow"], "GET")

    def test_the_token_page_needs_a_signed_in_user(self) -> None:
        response = self.client.get(PAGE)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])
