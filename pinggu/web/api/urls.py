"""The read API under /api/ (endpoints.py, its OpenAPI page at /api/docs) and the page where a
user manages their tokens (included by pinggu/web/urls.py)."""

from django.urls import path

from . import docs, views
from .endpoints import api

urlpatterns = [
    path("account/api-tokens/", views.token_page, name="api_tokens"),
    path("api/docs/assets/<str:name>", docs.asset, name="api_asset"),
    path("api/", api.urls),
]
