"""Signing in and out, and passwords (included by pinggu/web/urls.py)."""

from django.urls import path

from . import auth, password

urlpatterns = [
    path("login/", auth.LockoutLoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", password.change_password, name="password_change"),
    path("agency/users/", password.agency_users, name="agency_users"),
    path("agency/users/<int:user_id>/password/", password.reset_password, name="reset_password"),
]
