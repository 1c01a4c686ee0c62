"""Signing in and out (included by pinggu/web/urls.py)."""

from django.urls import path

from . import auth

urlpatterns = [
    path("login/", auth.LockoutLoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
]
