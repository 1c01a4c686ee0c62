"""The report checks' addresses (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("checks/", views.checks, name="report_checks"),
    path("checks/<int:check_id>/", views.check, name="report_check"),
    path("checks/<int:check_id>/export.xlsx", views.export, name="report_check_export"),
]
