"""Signing in (throttled per user name and per client address, throttle.py) and out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from . import throttle


class LockoutAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        # Cleaned by UsernameField: exactly the name authenticate() will look up.
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()
        keys = throttle.keys_for(username, self.request)
        refused = throttle.take(keys)
        if refused is not None:
            who = "此账号" if refused.startswith("user:") else "您所在的网络地址"
            raise forms.ValidationError(
                f"登录失败次数过多，{who}已暂时锁定，请 {settings.LOGIN_LOCKOUT_MINUTES} 分钟后再试。",
                code="locked",
            )
        cleaned = super().clean()  # a wrong password raises: its attempt stays counted
        throttle.give_back([key for key, _ in keys])
        return cleaned


class LockoutLoginView(LoginView):
    form_class = LockoutAuthenticationForm
    template_name = "web/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")
