"""The spot-check page of a round (档案抽查): the station's file lists, the draw and its
re-check, the list of drawn files with their progress, and the roll-up.

Each view loads and authorises its round in one helper call. Every party of the round sees the
lists' counts; the station and the coordinator upload them; the draw, the checklists and the
marks are shown only to those `access.may_see_spot_checks` lets see them (never the station
before the report is issued); the coordinator and the experts draw and check.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pinggu import WorkbookError

from .. import access, engine, uploads
from ..models import FileList, Round, SpotCheckDraw
from . import draw as spot
from . import lists, stored

VERSIONS_SHOWN = 10
COUNT_WARNING = "file_count_differs"  # the engine's warning code (docs/warnings.md)


@login_required
def page(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id)
    return _page(request, round_, [])


def _page(
    request: HttpRequest, round_: Round, errors: list[str], status: int = 200
) -> HttpResponse:
    latest = stored.latest_list(round_)
    zones = spot.round_zones(round_)
    sampling = stored.sampling_of(round_)
    data = engine.data_of(round_)
    sheet = data.onsite if data is not None else None
    own = stored.stored_of(round_)
    context: dict[str, object] = {
        "round": round_,
        "errors": errors,
        "latest": latest,
        # Before any lists of its own the round counts the workbook's (stored.files_and_checks),
        # and its checks while its lists are the ones in use and nothing is drawn here.
        "sheet": sheet if latest is None else None,
        "sheet_checks": len(sheet.checks)
        if sheet is not None and own is not None and stored.sheet_checks_count(own, sheet)
        else 0,
        "counts": lists.counts(stored.entries_of(latest), zones) if latest else None,
        "versions": round_.file_lists.select_related("uploaded_by")[:VERSIONS_SHOWN],
        "may_upload": access.allowed(request.user, round_, "upload_file_lists")
        and not round_.locked,
        "may_see": access.may_see_spot_checks(request.user, round_),
        "sampling": sampling,
        "example": sampling is not None and sampling.example,
        "count_warnings": count_warnings(round_),
    }
    if context["may_see"]:
        context |= _draw_context(request, round_)
    return render(request, "web/spotcheck/page.html", context, status=status)


def count_warnings(round_: Round) -> list[str]:
    """The engine's file_count_differs warnings: the lists' counts against the indicator
    completions they stand for (the station's own figures, shown to everyone on the page)."""
    document = engine.result_document(round_)
    warnings = document["warnings"] if document else []
    return [w["message"] for w in warnings if w["code"] == COUNT_WARNING]


def _draw_context(request: HttpRequest, round_: Round) -> dict[str, object]:
    draw = stored.draw_of(round_)
    may_draw = access.allowed(request.user, round_, "spot_check_draw")
    context: dict[str, object] = {
        "draw": draw,
        "may_draw": may_draw and not round_.locked and (draw is None or not spot.started(draw)),
        "may_recheck": may_draw and draw is not None,
        "may_mark": access.allowed(request.user, round_, "spot_check_mark") and not round_.locked,
        "seed": request.POST.get("seed") or spot.new_seed(),
    }
    if draw is None:
        return context
    return context | {
        "plan": plan_rows(round_, draw),
        "files": list(draw.files.select_related("replaces", "checked_by")),
        "entries": _entries_by_key(draw.file_list),
        "reserve": spot.engine_draw(draw).reserve,
        "newer": spot.newer_list(draw),
        "progress": spot.progress(draw),
        "result": stored.result_of(round_),
    }


def _entries_by_key(file_list: FileList) -> dict[str, dict[str, object]]:
    """Each listed file's row by 「类型|编号」, for the page's columns (社工, 名称 or 服务对象)."""
    return {f"{e['type']}|{e['id']}": e for e in file_list.entries}


def plan_rows(round_: Round, draw: SpotCheckDraw) -> list[dict[str, object]]:
    """The plan by type and 片区 (the round's 片区 order), with each row's reserve count."""
    data = spot.engine_draw(draw)
    order = spot.zone_order(round_, list(dict.fromkeys(p.zone for p in data.plan)))
    reserve: dict[tuple[str, str], int] = {}
    for r in data.reserve:
        reserve[(r.type.value, r.zone)] = reserve.get((r.type.value, r.zone), 0) + 1
    rows = sorted(data.plan, key=lambda p: (lists.TYPES.index(p.type), order.index(p.zone)))
    return [
        {
            "type": p.type.value,
            "zone": p.zone,
            "files": p.files,
            "drawn": p.drawn,
            "reserve": reserve.get((p.type.value, p.zone), 0),
        }
        for p in rows
    ]


# --- the lists --------------------------------------------------------------------------------


@login_required
@require_POST
def upload(request: HttpRequest, round_id: int) -> HttpResponse:
    """The station's file lists, all or nothing, every problem located."""
    round_ = access.load_round(request.user, round_id, action="upload_file_lists")
    file = request.FILES.get("lists")
    back = reverse("spotcheck", args=[round_.pk])
    title = "档案清单未保存"
    if file is None:
        return uploads.refused_page(request, round_, title, "", ["请选择档案清单文件"], back)
    name = uploads.name_of(file)
    try:
        entries = uploads.read_file_lists(file, spot.round_zones(round_) or None)
        saved = lists.store_lists(round_, entries, access.signed_in(request), name)
    except WorkbookError as exc:
        return uploads.refused_page(
            request, round_, title, name, [str(p) for p in exc.problems], back
        )
    except lists.SpotCheckRefused as exc:
        return uploads.refused_page(request, round_, title, name, [str(exc)], back)
    messages.success(
        request, f"已保存第 {saved.number} 版档案清单：{lists.summary(saved) or '没有档案'}"
    )
    if warning := lists.newer_warning(request.user, round_, saved):
        messages.warning(request, warning)
    return redirect(back)


# --- the draw ---------------------------------------------------------------------------------


@login_required
@require_POST
def make_draw(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="spot_check_draw")
    try:
        made = spot.make_draw(round_, access.signed_in(request), request.POST.get("seed", ""))
    except lists.SpotCheckRefused as exc:
        return _page(request, round_, [str(exc)], status=400)
    count = made.files.count()
    messages.success(
        request,
        f"已抽样：按第 {made.file_list.number} 版档案清单和种子 {made.seed} 抽取 {count} 份档案",
    )
    return redirect("spotcheck", round_id=round_.pk)


@login_required
@require_POST
def recheck(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="spot_check_draw")
    draw = stored.draw_of(round_)
    if draw is None:
        raise Http404("尚未抽样")
    check = spot.recheck(draw)
    (messages.success if check.ok else messages.error)(
        request, f"复核{'一致' if check.ok else '不一致'}：{check.message}"
    )
    return redirect("spotcheck", round_id=round_.pk)
