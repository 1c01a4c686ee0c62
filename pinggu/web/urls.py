from django.urls import path

from . import auth, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth.LockoutLoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/upload/", views.upload, name="upload"),
    path("rounds/<int:round_id>/scores/", views.scores, name="scores"),
    path("rounds/<int:round_id>/report.<str:fmt>", views.report, name="report"),
    path("rounds/<int:round_id>/audit/", views.audit_log, name="audit"),
]
