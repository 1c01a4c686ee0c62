"""Security headers on every response, set in one place so that no page can forget them.

- `Cache-Control: no-store`: every page of the workspace may show personal data (the survey
  desk shows a client's full phone number, unmasked exports carry names and phones, round pages
  and dashboards show workers and scores), and the few pages without it (login, error pages)
  carry a CSRF token. One rule without exceptions cannot be forgotten by a new page: no response
  is kept in a browser's or a proxy's cache, nor shown again from it after logging out.
- `Content-Security-Policy`: scripts and style sheets only from this site or inline with this
  response's nonce (`csp_nonce` in every template, from `nonce`); no plugins, no framing, forms
  post only here. An injected `<script>` or `onclick=` therefore never runs. No template uses a
  `style=` attribute (widths of progress bars are SVG attributes), so none is allowed.
  (In debug mode Django's own error pages therefore show unstyled: their styles carry no nonce.)
- `X-Content-Type-Options` and `Referrer-Policy` are sent by Django's SecurityMiddleware
  (settings SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


def policy(nonce: str) -> str:
    """The Content-Security-Policy of a response whose inline scripts and styles carry `nonce`."""
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
        )
    )


class SecurityHeadersMiddleware:
    """A fresh nonce on the request (before the view), the headers on the response (after it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        add_never_cache_headers(response)  # Cache-Control: ... no-store ..., private
        response.setdefault("Content-Security-Policy", policy(nonce))
        return response


def nonce(request: HttpRequest) -> dict[str, str]:
    """Context processor: `{{ csp_nonce }}` for the nonce attribute of `<script>` and `<style>`."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
