"""The performance evaluation's pages: the 自评表 with the report's download, and one form per
part (预算, 绩效目标, 绩效叙述). Each view loads and authorises its round in one helper call
(`_round`), then reads, saves or renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pinggu import ReportError, load_scheme

from .. import access, audit, roles
from ..models import Round
from . import forms, pages, saving, selfeval, stored

EDIT, VIEW = "edit_performance", "view_performance"


def _round(request: HttpRequest, round_id: int, action: str) -> Round:
    """The round if the user may take `action` on its performance data, else 404; a mid-term
    round holds none (the final round of the contract year does)."""
    round_ = access.load_round(request.user, round_id, action=action)
    if not stored.holds_performance(round_):
        raise Http404("绩效评价随本合同年度的末期评估填写")
    return round_


def link_for(round_: Round, held: set[str]) -> str:
    """The round page's link to the performance evaluation, for those who may open it."""
    if not stored.holds_performance(round_) or not roles.can(held, VIEW):
        return ""
    return reverse("performance", kwargs={"round_id": round_.pk})


@login_required
def overview(request: HttpRequest, round_id: int) -> HttpResponse:
    """The completed 自评表 and the parts as entered, with links to edit and download."""
    round_ = _round(request, round_id, VIEW)
    held = access.round_roles(request.user, round_)
    shown = access.may_see_result(request.user, round_)
    context = {
        "round": round_,
        "table": selfeval.table_of(round_) if shown else selfeval.SelfEvaluation(selfeval.HIDDEN),
        "may_edit": roles.can(held, EDIT),
        "parts": pages.parts_summary(round_),
    }
    return render(request, "web/performance/overview.html", context)


@login_required
def edit(request: HttpRequest, round_id: int, part: str) -> HttpResponse:
    """One part's form: shown with what is stored; saved whole, or refused with each problem
    at its field and nothing stored (a conflict: 409, with what changed)."""
    if part not in stored.PARTS:
        raise Http404("没有这一部分")
    round_ = _round(request, round_id, EDIT)
    user = access.signed_in(request)
    problems: dict[str, str] = {}
    conflict = ""
    if request.method == "POST":
        posted = request.POST.dict()
        value, problems = _read(round_, part, posted)
        if not problems:
            since = audit.parse_version(request.POST.get("version"))
            conflict = saving.save(round_, user, part, value, since)
            if not conflict:
                messages.success(request, f"已保存「{stored.PARTS[part]}」")
                return redirect("performance", round_id=round_.pk)
    posted_back = request.POST.dict() if problems or conflict else None
    context = pages.form_context(round_, part, posted_back, problems)
    context.update(
        problems=problems,
        errors=[conflict] if conflict else list(problems.values()),
        # After a conflict the form carries the version it now stands at (saving again applies
        # it); after a typing error the one it was opened with, so a change meanwhile is caught.
        version=request.POST.get("version", "") if problems else audit.version(round_),
    )
    status = 409 if conflict else 400 if problems else 200
    return render(request, f"web/performance/{part}.html", context, status=status)


def _read(round_: Round, part: str, posted: dict[str, str]) -> tuple[stored.Part, dict[str, str]]:
    if part == "budget":
        return forms.read_budget(posted)
    if part == "targets":
        return forms.read_targets(posted, load_scheme(round_.scheme))
    return forms.read_narrative(posted)


@login_required
def report(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse | FileResponse:
    """The performance report (.docx or .pdf), written once per distinct input."""
    if fmt not in ("docx", "pdf"):
        raise Http404("没有这种格式")
    round_ = _round(request, round_id, VIEW)
    if not access.may_see_result(request.user, round_):
        raise Http404(selfeval.HIDDEN)
    try:
        path = selfeval.report_file(round_, f".{fmt}")
    except (ReportError, selfeval.NotReady) as exc:
        context = {"round": round_, "message": str(exc)}
        return render(request, "web/report_error.html", context, status=409)
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
