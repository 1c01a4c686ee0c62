"""The page 报告核对, for the roles with the check_report action (roles.py): upload a report, see
the result, download it as .xlsx; each user sees only their own checks. Anyone else gets a 404.
A check belongs to no round, so its record is the ReportCheck row (records.py), not the rounds'
audit log."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from pinggu import UnreadableReport

from .. import access, roles, uploads
from ..models import ReportCheck
from . import exports, records

PAST_SHOWN = 50  # the uploader's latest checks listed on the page


def _checker(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not roles.can(access.roles(user), "check_report"):
        raise Http404("报告核对仅供区民政局和市民政局使用")
    return user


def _own(request: HttpRequest, check_id: int) -> ReportCheck:
    """The user's own check (another user's is a 404, as if it did not exist)."""
    return get_object_or_404(ReportCheck, pk=check_id, user=_checker(request))


@login_required
def checks(request: HttpRequest) -> HttpResponse:
    user = _checker(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("report")
        if upload is None:
            error = "请选择要核对的报告文件（.docx、.pdf 或 .txt）"
        else:
            try:
                result = uploads.read_report_file(upload)
            except UnreadableReport as exc:
                error = f"未能核对，也未保存：{exc}"
            else:
                return redirect("report_check", records.store(user, upload, result).pk)
    context = {"error": error, "past": ReportCheck.objects.filter(user=user)[:PAST_SHOWN]}
    return render(request, "web/checks/checks.html", context, status=400 if error else 200)


@login_required
def check(request: HttpRequest, check_id: int) -> HttpResponse:
    record = _own(request, check_id)
    context = {
        "record": record,
        "problems": [records.shown(p) for p in record.result.get("problems", [])],
        "unchecked": record.result.get("unchecked", []),
    }
    return render(request, "web/checks/check.html", context)


@login_required
def export(request: HttpRequest, check_id: int) -> FileResponse:
    record = _own(request, check_id)
    data = exports.workbook_bytes(record)
    return FileResponse(BytesIO(data), as_attachment=True, filename=exports.filename(record))
