"""The app's addresses plus two that fail on purpose, for the error-page tests (ROOT_URLCONF)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from pinggu.web import urls


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("故意出错：测试用的异常")


urlpatterns = [path("test/forbidden/", forbidden), path("test/boom/", boom), *urls.urlpatterns]
handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500
