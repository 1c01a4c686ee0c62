"""Every response is kept out of caches (pages show personal data) and carries a
Content-Security-Policy whose per-response nonce is on every inline script and style, so an
injected script never runs; inline event handlers and style attributes are not used."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from survey_base import SurveyTestCase

from pinggu.web.models import SurveyCall

TEMPLATES = Path(__file__).resolve().parents[1] / "pinggu" / "web" / "templates"
NONCE = re.compile(r"script-src 'self' 'nonce-([A-Za-z0-9_-]{16,})'")


class SecurityHeaderTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.stored = self.draw(n=5)
        call = SurveyCall.objects.filter(draw=self.stored).first()
        assert call is not None
        self.reach(call, [5, 4, 4, 5, 4])

    def assert_no_store(self, response: HttpResponse) -> None:
        self.assertIn("no-store", response["Cache-Control"], response)

    def nonce_of(self, response: HttpResponse) -> str:
        csp = response["Content-Security-Policy"]
        found = NONCE.search(csp)
        assert found, csp
        for directive in (
            f"style-src 'self' 'nonce-{found[1]}'",
            "default-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
        ):
            self.assertIn(directive, csp)
        return found[1]

    def assert_csp_page(self, response: HttpResponse) -> None:
        nonce = self.nonce_of(response)
        html = response.content.decode()
        tags = re.findall(r"<(?:script|style)\b[^>]*>", html)
        self.assertTrue(tags, "every page has the layout's <style>")
        for tag in tags:
            self.assertIn(f'nonce="{nonce}"', tag)
        self.assertIsNone(re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html), "inline handler")
        self.assertIsNone(re.search(r"<[a-z][^>]*\sstyle\s*=", html), "style attribute")
        self.assertNotIn("javascript:", html)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assert_no_store(response)

    def test_the_desk_and_an_unmasked_export_are_never_cached(self) -> None:
        self.login(self.expert)
        desk = self.client.get(self.url("survey_desk"))
        self.assertIn("139 0000 00", desk.content.decode(), "the desk shows a full phone number")
        self.assert_no_store(desk)
        export = self.client.post(self.url("survey_export", "list"), {"confirm": "yes"})
        self.assertEqual(export.status_code, 200)
        self.assert_no_store(export)
        self.assertNotIn("public", export["Cache-Control"])

    def test_every_kind_of_page_carries_a_csp_whose_nonce_is_on_every_script_and_style(
        self,
    ) -> None:
        anonymous = Client()
        self.assert_csp_page(anonymous.get(reverse("login")))
        self.login(self.expert)
        for url in (
            reverse("home"),
            reverse("round", args=[self.round_a.pk]),
            reverse("scores", args=[self.round_a.pk]),
            reverse("findings", args=[self.round_a.pk]),
            self.url("survey_draw"),
            self.url("survey_desk"),
            self.url("survey_roster"),
            "/no-such-page/",
        ):
            with self.subTest(url=url):
                self.assert_csp_page(self.client.get(url))
        self.login(self.bureau)
        self.assert_csp_page(self.client.get(reverse("dashboard")))
        self.assert_csp_page(self.client.get(self.url("survey_access")))
        report = SimpleUploadedFile(
            "报告.txt", "完成家访1278人次，协议1500人次，完成率85.21%。".encode()
        )
        checked = self.client.post(reverse("report_checks"), {"report": report})
        self.assert_csp_page(self.client.get(checked["Location"]))
        self.assert_csp_page(self.client.get(reverse("report_checks")))

    def test_the_desk_script_carries_the_nonce_and_each_response_gets_a_new_one(self) -> None:
        self.login(self.coordinator)
        first, second = (self.client.get(self.url("survey_desk")) for _ in range(2))
        nonce = self.nonce_of(first)
        self.assertContains(first, f'<script nonce="{nonce}">')
        self.assertNotEqual(nonce, self.nonce_of(second))


def test_no_template_has_a_script_or_style_without_the_nonce_nor_inline_handlers() -> None:
    """Also the templates no page test opens; the dashboard's cached body has no request (so no
    nonce) and must leave its style sheet to dashboard.html."""
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 20
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            assert 'nonce="{{ csp_nonce }}"' in tag, (path.name, tag)
        assert not re.search(r"<[a-z][^>]*\s(?:on[a-z]+|style)\s*=", text), path.name
        assert "javascript:" not in text, path.name
    body = (TEMPLATES / "web" / "dashboard_body.html").read_text(encoding="utf-8")
    assert "<style" not in body and "<script" not in body
