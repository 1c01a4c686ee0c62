"""The survey's addresses, under a round (included by pinggu/web/urls.py)."""

from django.urls import path

from . import desk as survey_desk
from . import views as survey_views

urlpatterns = [
    path("rounds/<int:round_id>/roster/", survey_views.roster_page, name="survey_roster"),
    path("rounds/<int:round_id>/survey/", survey_views.draw_page, name="survey_draw"),
    path("rounds/<int:round_id>/survey/check/", survey_views.recheck, name="survey_check"),
    path("rounds/<int:round_id>/survey/desk/", survey_desk.desk, name="survey_desk"),
    path("rounds/<int:round_id>/survey/import/", survey_views.import_page, name="survey_import"),
    path(
        "rounds/<int:round_id>/survey/export/<slug:kind>.xlsx",
        survey_views.export,
        name="survey_export",
    ),
    path("rounds/<int:round_id>/survey/access/", survey_views.access_log, name="survey_access"),
]
