"""The API's OpenAPI page (/api/docs) works offline under the site's Content-Security-Policy:
Swagger UI's files come from this site (served from the installed django-ninja, nothing
else), every script carries the response's nonce, and the schema lists the three read-only
endpoints behind a Bearer token. (tests/test_e2e_api.py renders it in a browser.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ninja
from django.test import TestCase

from pinggu.web.api.docs import SERVED

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"


class ApiDocsTests(TestCase):
    def test_the_docs_page_loads_only_this_sites_files_with_the_nonce(self) -> None:
        page = self.client.get("/api/docs")
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", page["Content-Security-Policy"])
        assert nonce, page["Content-Security-Policy"]
        scripts = re.findall(r"<script\b[^>]*>", html)
        self.assertEqual(len(scripts), 3)
        for tag in scripts:
            self.assertIn(f'nonce="{nonce[1]}"', tag)
        addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
        self.assertTrue(addresses)
        for address in addresses:
            self.assertTrue(address.startswith(("/api/docs/assets/", "data:")), address)
        self.assertNotIn("cdn", html.lower())
        settings = re.search(r'id="swagger-settings"[^>]*>(.*?)</script>', html, re.S)
        assert settings
        self.assertEqual(
            json.loads(settings[1]),
            {
                "url": "/api/openapi.json",
                "layout": "BaseLayout",
                "deepLinking": True,
                "validatorUrl": None,
            },
        )

    def test_it_serves_swagger_uis_files_and_nothing_else_of_the_package(self) -> None:
        types = {".js": "text/javascript", ".css": "text/css"}
        for name in SERVED:
            response = self.client.get(f"/api/docs/assets/{name}")
            self.assertEqual(response.status_code, 200)
            body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
            response.close()
            self.assertEqual(body, (NINJA_STATIC / name).read_bytes())
            self.assertTrue(response["Content-Type"].startswith(types[Path(name).suffix]))
        for name in ("redoc.standalone.js", "favicon.png", "..%2F__init__.py", "swagger.html"):
            self.assertEqual(self.client.get(f"/api/docs/assets/{name}").status_code, 404, name)

    def test_the_schema_lists_three_get_endpoints_behind_a_bearer_token(self) -> None:
        schema = self.client.get("/api/openapi.json").json()
        self.assertEqual(
            {path: set(ops) for path, ops in schema["paths"].items()},
            {
                "/api/rounds": {"get"},
                "/api/rounds/{round_id}": {"get"},
                "/api/rounds/{round_id}/result": {"get"},
            },
        )
        schemes = schema["components"]["securitySchemes"]
        self.assertEqual([(s["type"], s["scheme"]) for s in schemes.values()], [("http", "bearer")])
        for ops in schema["paths"].values():
            self.assertTrue(ops["get"]["security"])
