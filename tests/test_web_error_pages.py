"""When something goes wrong the user gets a Chinese page in the site's layout with a way back,
never Django's English page or a hint at DEBUG; a 500 leaves its traceback in the server log."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from web_base import WebTestCase

from pinggu.web import errors


@contextmanager
def server_log() -> Iterator[io.StringIO]:
    """What the configured console handler (settings LOGGING) writes, instead of stderr."""
    handlers = [h for h in logging.getLogger("django").handlers if h.get_name() == "console"]
    assert handlers, "no console handler on the django logger"
    handler = handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(old)


class ErrorPageTests(WebTestCase):
    def assert_error_page(self, response: object, status: int, title: str) -> str:
        self.assertEqual(response.status_code, status)  # type: ignore[attr-defined]
        html = response.content.decode()  # type: ignore[attr-defined]
        self.assertIn(f"<h1>{title}</h1>", html)
        self.assertIn(f'href="{reverse("home")}">返回首页</a>', html)
        self.assertIn("返回上一页", html)
        self.assertIn("pinggu 社工站评估", html)  # the site's header (base.html)
        for hint in ("DEBUG", "Django", "Traceback"):
            self.assertNotIn(hint, html)
        return html

    def test_an_unknown_or_hidden_page_is_a_chinese_404_with_a_way_back(self) -> None:
        self.login(self.station)
        for url in ("/no-such-page/", reverse("round", args=[self.round_b.pk])):
            self.assert_error_page(self.client.get(url), 404, "页面不存在")

    @override_settings(ROOT_URLCONF="error_urls")
    def test_a_forbidden_action_is_a_chinese_403(self) -> None:
        self.login(self.station)
        self.assert_error_page(self.client.get("/test/forbidden/"), 403, "没有权限")

    @override_settings(ROOT_URLCONF="error_urls")
    def test_a_crash_is_a_chinese_500_and_its_traceback_is_in_the_server_log(self) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(self.coordinator)
        with server_log() as log:
            response = client.get("/test/boom/")
        html = self.assert_error_page(response, 500, "服务器出错")
        self.assertNotIn("故意出错", html)
        logged = log.getvalue()
        self.assertIn("Traceback (most recent call last)", logged)
        self.assertIn("RuntimeError: 故意出错：测试用的异常", logged)
        self.assertIn("/test/boom/", logged)

    def test_the_500_page_renders_without_the_database_and_keeps_its_style(self) -> None:
        request = RequestFactory().get("/")
        request.csp_nonce = "abc123"  # type: ignore[attr-defined]
        with self.assertNumQueries(0):
            response = errors.server_error(request)
        html = response.content.decode()
        self.assertEqual(response.status_code, 500)
        self.assertIn('<style nonce="abc123">', html)
        self.assertIn("服务器出错", html)

    def test_a_stale_form_is_explained_in_chinese(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.station)
        url = reverse("raise_objection", args=[self.round_a.pk])
        with server_log() as log:
            response = client.post(url, {"text": "异议"})
        html = self.assert_error_page(response, 403, "表单已过期")
        self.assertIn("刷新页面", html)
        self.assertIn("登录已过期", html)
        self.assertFalse(self.round_a.objections.exists())
        self.assertIn("Forbidden (CSRF", log.getvalue())  # refused requests are logged too
