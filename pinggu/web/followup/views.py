"""The follow-up pages: 跟进提醒 (the station's overdue list, its upload of records, its export)
and the dashboard's drill-down of one station's follow-up by 片区 × 分级.

Each view loads and authorises the station in one helper call (`access.load_station`, by the
actions of roles.py): 跟进提醒 for the station, its purchaser, its district, the supervision
centre and the coordinators and experts of its rounds; the upload for the station and the
coordinator; the drill-down for the dashboard's roles. Anyone else gets a 404.
"""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pinggu import WorkbookError

from .. import access, roles
from ..models import ContactBatch, Station
from . import records, reminders, stored, summary

BATCHES_SHOWN = 12
NOTICES_SHOWN = 10  # an upload's reading notices listed after it (the rest counted)


@login_required
def followup_page(request: HttpRequest, station_id: int) -> HttpResponse:
    station, held = access.load_station(request.user, station_id, action="view_followup")
    filters = reminders.Filters.of(request.GET)
    today = timezone.localdate()
    found = reminders.reminders(station, filters.day(today), filters)
    round_ = stored.current_round(station)
    context = {
        "site": station,  # not "station": a role's name (tests/test_web_roles.py)
        "round": round_,
        "found": found,
        "filters": filters,
        "query": filters.query(),
        "grades": reminders.GRADES,
        "batches": ContactBatch.objects.filter(station=station).select_related("uploaded_by")[
            :BATCHES_SHOWN
        ],
        "may_upload": roles.can(held, "upload_contacts"),
        "today": today,
    }
    return render(request, "web/followup/page.html", context)


@login_required
@require_POST
def upload(request: HttpRequest, station_id: int) -> HttpResponse:
    station, _held = access.load_station(request.user, station_id, action="upload_contacts")
    back = reverse("followup", args=[station.pk])
    file = request.FILES.get("records")
    if file is None:
        return _refused(request, station, "", ["请选择服务记录文件"], back)
    try:
        accepted = records.accept_upload(
            station, file, access.signed_in(request), timezone.localdate()
        )
    except WorkbookError as exc:
        problems = [str(p) for p in exc.problems]
        return _refused(request, station, file.name or "", problems, back)
    (messages.info if accepted.again else messages.success)(request, accepted.message())
    for notice in accepted.notices[:NOTICES_SHOWN]:
        messages.warning(request, notice)
    if len(accepted.notices) > NOTICES_SHOWN:
        messages.warning(request, f"另有 {len(accepted.notices) - NOTICES_SHOWN} 条读取提示未列出")
    return redirect(back)


def _refused(
    request: HttpRequest, station: Station, filename: str, errors: list[str], back: str
) -> HttpResponse:
    context = {"site": station, "filename": filename, "errors": errors, "back": back}
    return render(request, "web/followup/errors.html", context, status=400)


@login_required
def export(request: HttpRequest, station_id: int) -> FileResponse:
    station, _held = access.load_station(request.user, station_id, action="view_followup")
    filters = reminders.Filters.of(request.GET)
    today = filters.day(timezone.localdate())
    found = reminders.reminders(station, today, filters)
    if found is None:
        found = reminders.Reminders(today, (), 0, (), (), (), False)
    title = f"{station.name}跟进提醒"
    data = reminders.workbook_bytes(found, title)
    return FileResponse(BytesIO(data), as_attachment=True, filename=f"{title}-{today}.xlsx")


@login_required
def drill_down(request: HttpRequest, station_id: int) -> HttpResponse:
    """One station's follow-up over its current round's 考核期, by 片区 and by 片区 × 分级."""
    station, _held = access.load_station(request.user, station_id, action="view_dashboard")
    round_ = stored.current_round(station)
    found = summary.summary(station, round_)
    context = {"site": station, "round": round_, "summary": found, "grades": summary.GRADES}
    return render(request, "web/followup/drill_down.html", context)
