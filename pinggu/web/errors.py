"""The pages a user sees when something goes wrong: 403, 404, 500, a refused form (CSRF), a
form carrying a NUL character (400) and stored data the engine's current rules refuse (409).

In Chinese, in the site's layout, each with a way back (首页, 返回上一页) and never a hint at
the settings. The 500 page is rendered from a plain context (no context processors, so no
database query: the error may be the database itself); it still gets the response's CSP nonce
so that the layout's style sheet applies. The traceback goes to the server log (settings
LOGGING), not to the user.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template import loader

from pinggu import InvalidData

TEMPLATE = "web/error.html"


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {"status": status, "title": title, "message": message}
    return render(request, TEMPLATE, context, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, "没有权限", "您的账号没有权限打开这个页面或执行这个操作。")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Pages of other stations, districts and agencies are 404 too (docs: access control), so
    # the message does not say whether the page exists.
    return _page(
        request, 404, "页面不存在", "您要打开的页面不存在，或者您的账号不能查看它。请检查网址。"
    )


def server_error(request: HttpRequest) -> HttpResponse:
    context = {
        "status": 500,
        "title": "服务器出错",
        "message": "处理您的请求时服务器出错，已记录在服务器日志中。请稍后再试；"
        "如果一再出现，请联系系统管理员，并告知出错的时间和操作。",
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
    return HttpResponse(loader.get_template(TEMPLATE).render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        "表单已过期",
        "这张表单没有保存：页面打开的时间太长，或者登录已过期。"
        "请返回上一页，刷新页面（必要时重新登录）后再提交一次。",
    )


class DataRefusedMiddleware:
    """A round's data stored under older rules that the engine now refuses (InvalidData, e.g. a
    全站 row beside 片区 rows) gets a page saying what and how to fix it, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, InvalidData):
            return None
        return _page(request, 409, "数据不能按现行规则计算", refused_data_message(str(exception)))


def refused_data_message(problem: str) -> str:
    return f"此评估已保存的数据不能按现行评估规则计算：{problem}。请社工站或项目统筹更正后重新上传数据。"


NUL = "\x00"


class NulRefusedMiddleware:
    """A posted form with a NUL character in any field is refused whole (400) before a view
    reads it: PostgreSQL cannot store one in a text column, so the save would be a server
    error (the forms read request.POST, not Django forms, whose fields refuse it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "POST" and any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.POST.lists()
        ):
            return _page(
                request,
                400,
                "内容未保存",
                "提交的文字中有一个不可见的控制字符（NUL，多见于从其他程序复制来的文字），"
                "未保存任何内容。请返回上一页，删去或重新输入这段文字后再提交。",
            )
        return self.get_response(request)
