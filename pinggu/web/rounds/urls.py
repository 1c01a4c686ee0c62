"""A round's addresses: the home page's list, planning, data, scores, findings, steps,
objections, the report and the audit log (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/new/", views.new_round, name="new_round"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/edit/", views.edit_round, name="edit_round"),
    path("rounds/<int:round_id>/delete/", views.delete_round, name="delete_round"),
    path("rounds/<int:round_id>/upload/", views.upload, name="upload"),
    path("rounds/<int:round_id>/scores/", views.scores, name="scores"),
    path("rounds/<int:round_id>/findings/", views.findings_page, name="findings"),
    path("rounds/<int:round_id>/steps/<str:step>/", views.complete_step, name="complete_step"),
    path("rounds/<int:round_id>/objections/", views.raise_objection, name="raise_objection"),
    path("rounds/<int:round_id>/review/", views.open_review, name="open_review"),
    path("rounds/<int:round_id>/reopen/", views.reopen_round, name="reopen_round"),
    path(
        "rounds/<int:round_id>/objections/<int:objection_id>/",
        views.resolve_objection,
        name="resolve_objection",
    ),
    path("rounds/<int:round_id>/report.<str:fmt>", views.report, name="report"),
    path("rounds/<int:round_id>/style/", views.report_style, name="report_style"),
    path("rounds/<int:round_id>/audit/", views.audit_log, name="audit"),
]
