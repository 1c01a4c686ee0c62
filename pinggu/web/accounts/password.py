"""Passwords: every user changes their own; a coordinator resets those of their own agency's
people (its experts and other coordinators, who hold no role anywhere else); an administrator
resets anyone's with `pinggu manage reset_password` (management/commands/reset_password.py).
A reset is logged (who reset whose password, never the password)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.models import User
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import access, audit, roles
from ..models import Membership, Organization, Role


@login_required
def change_password(request: HttpRequest) -> HttpResponse:
    user = access.signed_in(request)
    form = PasswordChangeForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, user)  # this session stays signed in, others end
        messages.success(request, "密码已修改。")
        return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "web/password_change.html", {"form": form}, status=status)


def _agency(user: User) -> Organization:
    """The coordinator's agency, or 404 for anyone who may not reset passwords."""
    m = Membership.objects.filter(user=user, role=Role.COORDINATOR).first()
    if m is None or m.organization is None or not roles.can(access.roles(user), "reset_password"):
        raise Http404("只有评估机构的项目统筹可以重置本机构人员的密码")
    return m.organization


@login_required
def agency_users(request: HttpRequest) -> HttpResponse:
    user = access.signed_in(request)
    agency = _agency(user)
    context = {"agency": agency, "people": access.resettable_users(agency, user)}
    return render(request, "web/agency_users.html", context)


@login_required
def reset_password(request: HttpRequest, user_id: int) -> HttpResponse:
    by = access.signed_in(request)
    target = next((u for u in access.resettable_users(_agency(by), by) if u.pk == user_id), None)
    if target is None:
        raise Http404("您无权重置此用户的密码")
    form = SetPasswordForm(target, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            record_reset(target, by, "项目统筹重置")
        name = target.get_full_name() or target.username
        messages.success(request, f"已重置 {name} 的密码，请当面或电话告知本人，并请其登录后修改。")
        return redirect("agency_users")
    context = {"form": form, "target": target}
    return render(request, "web/password_reset.html", context, status=400 if form.errors else 200)


def record_reset(target: User, by: User | None, how: str) -> None:
    audit.record(None, by, "重置密码", new={"user": target.username}, reason=how)
