"""The follow-up's addresses (included by pinggu/web/urls.py): by station, since the records
belong to the station, not to a round."""

from django.urls import path

from . import views

urlpatterns = [
    path("stations/<int:station_id>/followup/", views.followup_page, name="followup"),
    path("stations/<int:station_id>/followup/upload/", views.upload, name="followup_upload"),
    path("stations/<int:station_id>/followup/export.xlsx", views.export, name="followup_export"),
    path("dashboard/followup/<int:station_id>/", views.drill_down, name="dashboard_followup"),
]
