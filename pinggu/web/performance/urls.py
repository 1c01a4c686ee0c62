"""The performance evaluation's addresses (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("rounds/<int:round_id>/performance/", views.overview, name="performance"),
    path("rounds/<int:round_id>/performance/<str:part>/", views.edit, name="performance_edit"),
    path(
        "rounds/<int:round_id>/performance-report.<str:fmt>",
        views.report,
        name="performance_report",
    ),
]
