"""The on-site day's addresses (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("rounds/<int:round_id>/onsite/", views.page, name="onsite_day"),
    path("rounds/<int:round_id>/onsite/agenda/", views.save_agenda, name="onsite_agenda"),
    path("rounds/<int:round_id>/onsite/interviews/", views.interview, name="onsite_interview"),
]
