"""Login with a lockout: too many failed attempts for one user name lock it for a while."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..models import LoginFailure


def _recent_failures(username: str) -> int:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return LoginFailure.objects.filter(username=username, at__gte=since).count()


class LockoutAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip()
        if username and _recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT:
            raise forms.ValidationError(
                f"登录失败次数过多，此账号已暂时锁定，请 {settings.LOGIN_LOCKOUT_MINUTES} 分钟后再试。",
                code="locked",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                LoginFailure.objects.create(username=username)
            raise


class LockoutLoginView(LoginView):
    form_class = LockoutAuthenticationForm
    template_name = "web/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")
