"""The API's OpenAPI page (`/api/docs`) with no CDN and under the site's strict CSP.

django-ninja's own page loads Swagger UI from a CDN unless `ninja` is an installed app with
static files served; this site serves no static files (its styles are inline with the CSP
nonce). So the page here is our own template, the JSON of its settings carries the nonce, and
the three Swagger UI files that django-ninja ships are served by `asset` straight from the
installed package: the docs work offline and need no collectstatic nor web-server rule.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSETS = Path(ninja.__file__).parent / "static" / "ninja"
# Only these files, by exact name: nothing else of the package (nor of the disk) is served.
SERVED = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js")


class OfflineSwagger(DocsBase):
    """Swagger UI from this site's own files, its settings in a nonce-carrying JSON block."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            "validatorUrl": None,  # the default would send the schema to validator.swagger.io
        }
        # As Django's json_script escapes: the JSON cannot close its <script> element.
        text = json.dumps(settings).translate({ord("<"): "\\u003C", ord(">"): "\\u003E"})
        text = text.replace("&", "\\u0026")
        context = {
            "api": api,
            "settings_json": text,
            "assets": [reverse("api_asset", args=[n]) for n in SERVED],
        }
        return render(request, "web/api/docs.html", context)


def asset(request: HttpRequest, name: str) -> FileResponse:
    """One of Swagger UI's files, from the installed django-ninja package."""
    if name not in SERVED:
        raise Http404("没有这个文件")
    path = ASSETS / name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(path.open("rb"), content_type=f"{content_type}; charset=utf-8")
