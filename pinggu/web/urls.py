from django.urls import path

from . import auth, errors, survey_urls, views
from .dashboards import dashboard
from .exports import export

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth.LockoutLoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("rounds/new/", views.new_round, name="new_round"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/upload/", views.upload, name="upload"),
    path("rounds/<int:round_id>/scores/", views.scores, name="scores"),
    path("rounds/<int:round_id>/findings/", views.findings_page, name="findings"),
    path("rounds/<int:round_id>/steps/<str:step>/", views.complete_step, name="complete_step"),
    path("rounds/<int:round_id>/objections/", views.raise_objection, name="raise_objection"),
    path(
        "rounds/<int:round_id>/objections/<int:objection_id>/",
        views.resolve_objection,
        name="resolve_objection",
    ),
    path("rounds/<int:round_id>/report.<str:fmt>", views.report, name="report"),
    path("rounds/<int:round_id>/audit/", views.audit_log, name="audit"),
    path("dashboard/", dashboard, name="dashboard"),
    path("dashboard/export/<slug:table>.xlsx", export, name="dashboard_export"),
    *survey_urls.urlpatterns,
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
