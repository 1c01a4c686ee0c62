"""The read API's endpoints (`/api/…`): GET only, a Bearer token only (no session, so no
CSRF), and every answer decided by the same helpers as the pages: `access.visible_rounds` and
`access.load_round` (a round the user may not see is a 404, as on the pages) and
`access.may_see_result` (the round page's rule for its result)."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from .. import access, engine
from ..models import Round
from ..rounds.workflow import step_names
from . import tokens
from .docs import OfflineSwagger


class ReadableJSON(JSONRenderer):
    """Chinese as itself, as `pinggu evaluate --json` prints it, not as \\u escapes."""

    json_dumps_params = MappingProxyType({"ensure_ascii": False})


class BearerToken(HttpBearer):
    """`Authorization: Bearer pg_…`: the token's user, or None (→ 401)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return tokens.user_for(token)


api = NinjaAPI(
    title="pinggu 社工站评估 只读接口",
    version="1",
    description=(
        "只读接口：令牌所属用户可查看的评估及其结果，与网页的权限规则完全相同。"
        "令牌在网页「API 令牌」中创建，请求时放在请求头 `Authorization: Bearer <令牌>`。"
    ),
    auth=BearerToken(),
    renderer=ReadableJSON(),
    docs=OfflineSwagger(),
    urls_namespace="api",
)


class Problem(Schema):
    detail: str


class RoundOut(Schema):
    id: int
    station: str
    district: str
    kind: str  # midterm | final
    kind_name: str  # 中期评估 | 末期评估
    period_start: date
    period_end: date
    fieldwork_date: date
    state: str  # the last completed step (pinggu/workflow.toml)
    state_name: str
    result_visible: bool  # whether this user may see the result now (the round page's rule)
    grade: str | None  # null if the result is not visible, or there is none yet
    total_score: float | None


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": "令牌无效、已撤销或其用户已停用：请在请求头提供有效令牌（Authorization: Bearer <令牌>）"
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="pinggu"'
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Our own 404s say in Chinese why; an unknown address gets a generic Chinese message.
    message = str(exc) if exc.args else "没有这个地址"
    return api.create_response(request, {"detail": message}, status=404)


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]  # set by BearerToken
    assert isinstance(user, User)
    return user


def _round_out(user: User, round_: Round) -> RoundOut:
    visible = access.may_see_result(user, round_)
    document = engine.result_document(round_) if visible else None
    return RoundOut(
        id=round_.pk,
        station=round_.station.name,
        district=round_.station.district.name,
        kind=round_.kind,
        kind_name=round_.get_kind_display(),
        period_start=round_.period_start,
        period_end=round_.period_end,
        fieldwork_date=round_.fieldwork_date,
        state=round_.state,
        state_name=step_names().get(round_.state, round_.state),
        result_visible=visible,
        grade=document["grade"] if document else None,
        total_score=document["total_score"] if document else None,
    )


@api.get(
    "/rounds", response=list[RoundOut], summary="可查看的评估", tags=["评估"], url_name="rounds"
)
def rounds(request: HttpRequest) -> list[RoundOut]:
    """令牌所属用户可查看的全部评估（与网页首页相同），结果可见时附等级与总分。"""
    user = _user(request)
    return [_round_out(user, r) for r in engine.with_revision(access.visible_rounds(user))]


@api.get(
    "/rounds/{round_id}",
    response={200: RoundOut, 404: Problem},
    summary="一个评估",
    tags=["评估"],
    url_name="round",
)
def round_detail(request: HttpRequest, round_id: int) -> RoundOut:
    """一个评估；无权查看的评估与不存在的评估一样返回 404（与网页相同）。"""
    user = _user(request)
    return _round_out(user, access.load_round(user, round_id))


@api.get(
    "/rounds/{round_id}/result",
    response={200: dict[str, Any], 404: Problem},
    summary="评估结果",
    tags=["评估"],
    url_name="round_result",
)
def round_result(request: HttpRequest, round_id: int) -> dict[str, Any]:
    """评估结果：与 `pinggu evaluate --json` 输出的 JSON 文档相同。
    结果对该用户不可见（例如报告出具前的社工站）或尚未上传数据时返回 404。"""
    user = _user(request)
    round_ = access.load_round(user, round_id)
    if not access.may_see_result(user, round_):
        raise Http404("报告出具前您无权查看此评估的结果")
    document = engine.result_document(round_)
    if document is None:
        raise Http404("此评估尚未上传数据，还没有结果")
    return document


def _read_only(request: HttpRequest) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "只读接口：只接受 GET 请求，不能修改数据"}, status=405
    )
    response["Allow"] = "GET"
    return response


def _read_only_round(request: HttpRequest, round_id: int) -> HttpResponse:
    return _read_only(request)


# Any other method on the API's paths: a Chinese 405 (django-ninja's own says it in English).
_WRITES = ["POST", "PUT", "PATCH", "DELETE"]
api.api_operation(_WRITES, "/rounds", auth=None, include_in_schema=False)(_read_only)
for _path in ("/rounds/{round_id}", "/rounds/{round_id}/result"):
    api.api_operation(_WRITES, _path, auth=None, include_in_schema=False)(_read_only_round)
