"""The workspace's addresses: each feature's own urls.py, included here (names and paths
are global, as templates and tests use them)."""

from django.urls import include, path

from . import errors

urlpatterns = [
    path("", include("pinggu.web.accounts.urls")),
    path("", include("pinggu.web.rounds.urls")),
    path("", include("pinggu.web.survey.urls")),
    path("", include("pinggu.web.spotcheck.urls")),
    path("", include("pinggu.web.dashboard.urls")),
    path("", include("pinggu.web.checks.urls")),
    path("", include("pinggu.web.followup.urls")),
    path("", include("pinggu.web.rectification.urls")),
    path("", include("pinggu.web.performance.urls")),
    path("", include("pinggu.web.api.urls")),
    path("", include("pinggu.web.selfassess.urls")),
    path("", include("pinggu.web.onsiteday.urls")),
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
