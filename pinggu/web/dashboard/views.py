"""The dashboard's page and its Excel export, for the roles with the view_dashboard action."""

from __future__ import annotations

from io import BytesIO
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from .exports import ALL, filename, workbook_bytes
from .tables import build, page_body

SHANGHAI = ZoneInfo("Asia/Shanghai")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    body = mark_safe(page_body(request.user))  # rendered from our own template, escaped there
    return render(request, "web/dashboard.html", {"body": body})


@login_required
def export(request: HttpRequest, table: str) -> FileResponse:
    board = build(request.user)
    chosen = None if table == ALL else board.table(table)
    data = workbook_bytes(board.tables if chosen is None else [chosen])
    name = filename(chosen, timezone.localdate(timezone=SHANGHAI))
    return FileResponse(BytesIO(data), as_attachment=True, filename=name)
