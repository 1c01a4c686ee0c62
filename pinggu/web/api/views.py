"""The page 「API 令牌」: a user creates, sees and revokes their own read-API tokens. A new
token is shown on the answer to its creation only (it is stored hashed: tokens.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import ApiToken
from . import tokens


@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context: dict[str, object] = {"name_max": tokens.NAME_MAX}
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            revoked = tokens.revoke(user, _int(request.POST.get("token")))
            if revoked is None:
                context["errors"], status = ["没有这个令牌，或它已被撤销"], 400
            else:
                context["done"] = f"已撤销令牌「{revoked.name}」，使用它的请求将被拒绝"
        else:
            name = request.POST.get("name", "").strip()
            problem = tokens.name_problem(name)
            if problem:
                context.update(errors=[problem], name=name)
                status = 400
            else:
                context["created"], context["token"] = tokens.create(user, name)
    context["tokens"] = ApiToken.objects.filter(user=user)
    return render(request, "web/api/tokens.html", context, status=status)


def _int(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        return 0
