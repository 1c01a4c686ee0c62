"""The dashboard and its exports (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/<slug:table>.xlsx", views.export, name="dashboard_export"),
]
