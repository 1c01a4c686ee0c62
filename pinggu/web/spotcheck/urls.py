"""The spot checks' addresses, under a round (included by pinggu/web/urls.py)."""

from django.urls import path

from . import desk, views

urlpatterns = [
    path("rounds/<int:round_id>/files/", views.page, name="spotcheck"),
    path("rounds/<int:round_id>/files/upload/", views.upload, name="spotcheck_upload"),
    path("rounds/<int:round_id>/files/draw/", views.make_draw, name="spotcheck_draw"),
    path("rounds/<int:round_id>/files/check/", views.recheck, name="spotcheck_recheck"),
    path("rounds/<int:round_id>/files/desk/", desk.start, name="spotcheck_start"),
    path("rounds/<int:round_id>/files/desk/<int:file_id>/", desk.desk, name="spotcheck_desk"),
    path(
        "rounds/<int:round_id>/files/desk/<int:file_id>/missing/",
        desk.missing,
        name="spotcheck_missing",
    ),
]
