"""The survey's pages: the roster, the draw, the desk, the import, the exports, the access log.

Each view loads and authorises its round in one helper call: the roster page is open to every
party of the round (aggregates only; the station and the coordinator upload), the draw, the desk,
the import and the exports to the survey roles, the access log to the coordinator and the
district bureau (the actions of roles.py). Everyone else gets a 404.
"""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pinggu import WorkbookError, mask_name, mask_phone

from .. import access, uploads
from ..models import Round, SurveyCall, SurveyDraw, latest_roster
from . import draw as survey
from . import exports, imports, privacy, rosters

Status = SurveyCall.Status


# --- the roster ---------------------------------------------------------------------------

NOTICES_SHOWN = 10  # a roster's reading notices listed after its upload (the rest counted)


@login_required
def roster_page(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id)
    may_upload = access.allowed(request.user, round_, "upload_roster")
    back = reverse("survey_roster", args=[round_.pk])
    if request.method == "POST":
        if not may_upload:
            raise Http404("只有社工站和评估机构项目统筹可以上传服务对象名册")
        file = request.FILES.get("roster")
        if file is None:
            return uploads.refused_page(
                request, round_, "名册未保存", "", ["请选择服务对象名册文件"], back
            )
        try:
            roster = uploads.read_roster(file)
        except WorkbookError as exc:
            problems = [str(p) for p in exc.problems]
            return uploads.refused_page(
                request, round_, "名册未保存", file.name or "", problems, back
            )
        stored = rosters.store_roster(round_, roster, access.signed_in(request), file.name or "")
        messages.success(
            request, f"已保存服务对象名册第 {stored.number} 版（{stored.clients_count} 人）"
        )
        for notice in roster.notices[:NOTICES_SHOWN]:
            messages.warning(request, notice)
        if len(roster.notices) > NOTICES_SHOWN:
            messages.warning(
                request, f"另有 {len(roster.notices) - NOTICES_SHOWN} 条读取提示未列出"
            )
        return redirect(back)
    latest = latest_roster(round_.station)
    context = {
        "round": round_,
        "latest": latest,
        "tables": rosters.counts_tables(latest) if latest else None,
        "zone_warning": survey.zone_mismatch(round_, latest) if latest else "",
        "versions": round_.station.rosters.select_related("uploaded_by")[:10],
        "may_upload": may_upload,
        "survey_role": access.allowed(request.user, round_, "view_personal_data"),
    }
    return render(request, "web/survey/roster.html", context)


# --- the draw -----------------------------------------------------------------------------


@login_required
def draw_page(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="survey_draw")
    errors: list[str] = []
    if request.method == "POST":
        try:
            n = int(request.POST.get("n", ""))
        except ValueError:
            errors = ["抽样人数应为整数"]
        else:
            try:
                survey.make_draw(round_, access.signed_in(request), n, request.POST.get("seed", ""))
            except survey.SurveyRefused as exc:
                errors = [str(exc)]
        if not errors:
            messages.success(request, "已抽样：名单、种子和名册指纹已保存")
            return redirect("survey_draw", round_id=round_.pk)
    return _draw_page(request, round_, errors)


def _draw_page(request: HttpRequest, round_: Round, errors: list[str]) -> HttpResponse:
    stored = survey.draw_of(round_)
    latest = latest_roster(round_.station)
    settings = survey.survey_settings(round_)
    roster = stored.roster if stored else latest  # the draw's own roster once there is one
    context: dict[str, object] = {
        "round": round_,
        "stored": stored,
        "latest": latest,
        "errors": errors,
        "n": request.POST.get("n") or (stored.n if stored else settings.sample_size),
        "seed": request.POST.get("seed") or survey.new_seed(),
        "may_draw": not round_.locked and (stored is None or not survey.calls_recorded(stored)),
        "may_see_log": access.allowed(request.user, round_, "view_access_log"),
        "zone_warning": survey.zone_mismatch(round_, roster) if roster else "",
    }
    if stored is not None:
        overall, zones = survey.progress(stored)
        by_zone = {p.zone: p for p in zones}
        draw = survey.engine_draw(stored)
        order = survey.zone_order(round_, [z.zone for z in draw.zones])
        context |= {
            "allocation": [(draw.zone(z), by_zone.get(z)) for z in order],
            "rows": _list_rows(stored),
            "overall": overall,
            "progress": zones,
        }
    return render(request, "web/survey/draw.html", context, status=400 if errors else 200)


def _list_rows(stored: SurveyDraw) -> list[dict[str, object]]:
    """The list as the page shows it: names and phones masked."""
    calls = list(stored.calls.select_related("replaces", "replaced_by"))
    people = {
        c.number: c for c in stored.roster.clients.filter(number__in=[c.client for c in calls])
    }
    rows = []
    for call in calls:
        person = people.get(call.client)
        rows.append(
            {
                "call": call,
                "name": mask_name(person.name) if person else "",
                "phone": mask_phone(person.phone) if person else "",
                "community": person.community if person else "",
                "replacement": exports.replacement_note(call),
            }
        )
    return rows


@login_required
@require_POST
def recheck(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="survey_draw")
    stored = survey.draw_of(round_)
    if stored is None:
        raise Http404("尚未抽样")
    check = survey.recheck(stored)
    version = f"第 {stored.roster.number} 版名册："
    (messages.success if check.ok else messages.error)(
        request, f"复核{'一致' if check.ok else '不一致'}。{version}{check.message}"
    )
    return redirect("survey_draw", round_id=round_.pk)


# --- import, exports, access log ------------------------------------------------------------


@login_required
@require_POST
def import_page(request: HttpRequest, round_id: int) -> HttpResponse:
    """Results from a 满意度调查 sheet, all or nothing."""
    round_ = access.load_round(request.user, round_id, action="survey_draw")
    stored = survey.draw_of(round_)
    back = reverse("survey_draw", args=[round_.pk])
    file = request.FILES.get("responses")
    title = "调查结果未导入"
    if stored is None or file is None:
        problem = "尚未抽样，不能导入调查结果" if stored is None else "请选择要导入的工作簿"
        return uploads.refused_page(
            request, round_, title, file.name or "" if file else "", [problem], back
        )
    if round_.locked:
        return uploads.refused_page(request, round_, title, file.name or "", [survey.LOCKED], back)
    try:
        count = imports.import_responses(round_, stored, access.signed_in(request), file)
    except WorkbookError as exc:
        problems = [str(p) for p in exc.problems]
        return uploads.refused_page(request, round_, title, file.name or "", problems, back)
    messages.success(request, f"已导入 {count} 位服务对象的调查结果")
    return redirect(back)


EXPORTS = {
    "list": ("抽样名单", exports.sample_list),
    "responses": ("满意度调查结果", exports.responses),
}


@login_required
def export(request: HttpRequest, round_id: int, kind: str) -> FileResponse:
    """The list or the responses as .xlsx: masked (GET), or unmasked on an explicit, confirmed
    request (POST), which is logged."""
    round_ = access.load_round(request.user, round_id, action="view_personal_data")
    stored = survey.draw_of(round_)
    if stored is None or kind not in EXPORTS:
        raise Http404("没有这份名单")
    title, build = EXPORTS[kind]
    unmasked = request.method == "POST" and request.POST.get("confirm") == "yes"
    if request.method == "POST" and not unmasked:
        raise Http404("未确认导出未遮盖的个人信息")
    if unmasked and not access.allowed(request.user, round_, "export_unmasked"):
        raise Http404("您无权导出未遮盖的个人信息")
    if unmasked:
        privacy.log_view(
            round_, access.signed_in(request), f"导出{title}（未遮盖）", count=stored.calls.count()
        )
    data = build(stored, unmasked)
    name = f"{round_.station.name}-{title}{'-未遮盖' if unmasked else ''}.xlsx"
    return FileResponse(BytesIO(data), as_attachment=True, filename=name)


@login_required
def access_log(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="view_access_log")
    entries = round_.access_log.select_related("user")[:1000]
    return render(request, "web/survey/access.html", {"round": round_, "entries": entries})
