"""The survey's addresses, under a round (included by pinggu/web/urls.py)."""

from django.urls import path

from . import desk, views

urlpatterns = [
    path("rounds/<int:round_id>/roster/", views.roster_page, name="survey_roster"),
    path("rounds/<int:round_id>/survey/", views.draw_page, name="survey_draw"),
    path("rounds/<int:round_id>/survey/check/", views.recheck, name="survey_check"),
    path("rounds/<int:round_id>/survey/desk/", desk.desk, name="survey_desk"),
    path("rounds/<int:round_id>/survey/import/", views.import_page, name="survey_import"),
    path(
        "rounds/<int:round_id>/survey/export/<slug:kind>.xlsx",
        views.export,
        name="survey_export",
    ),
    path("rounds/<int:round_id>/survey/access/", views.access_log, name="survey_access"),
]
