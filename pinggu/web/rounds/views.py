"""Short views: each loads and authorises its round in one helper call, then renders."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pinggu import ReportError, WorkbookError

from .. import access, audit, audit_text, engine, roles
from .. import errors as errors_page
from ..models import FindingEntry, Objection, Round, Station
from ..performance import views as performance_views
from ..selfassess import beside
from ..spotcheck import lists as spotcheck_lists
from ..spotcheck import stored as spotcheck_stored
from . import data, findings, planning, scoring, workflow


@login_required
def home(request: HttpRequest) -> HttpResponse:
    visible = access.visible_rounds(request.user)
    memberships = access.memberships(request.user)
    context = {
        "rounds": visible,
        "roles": memberships,
        "may_create_round": roles.can({m.role for m in memberships}, "create_round"),
        # the station's own 跟进提醒, for those who hold the station itself
        "followup_stations": [m.station for m in memberships if m.station is not None],
        "step_names": workflow.step_names(),
    }
    return render(request, "web/home.html", context)


@login_required
def new_round(request: HttpRequest) -> HttpResponse:
    """The coordinator plans a round for any station and assigns the agency's experts."""
    user = access.signed_in(request)
    agency = planning.agency_of(user)
    if agency is None or not roles.can(access.roles(user), "create_round"):
        raise Http404("只有评估机构的项目统筹可以创建评估")
    experts = planning.experts_of(agency)
    context: dict[str, object] = {
        "stations": Station.objects.all(),
        "experts": experts,
        "kinds": Round.Kind.choices,
    }
    if request.method == "POST":
        station = Station.objects.filter(pk=request.POST.get("station") or 0).first()
        kind = request.POST.get("kind", "")
        start, end, fieldwork = (
            _date(request.POST.get(k)) for k in ("period_start", "period_end", "fieldwork_date")
        )
        chosen = [e for e in experts if str(e.pk) in request.POST.getlist("experts")]
        typed = (request.POST.get("planned") or "").strip()
        planned = _date(typed) if typed else None
        problems = planning.plan_problems(station, kind, start, end, fieldwork, chosen, planned)
        if typed and planned is None:
            problems.append(f"计划日期「{typed}」不是日期（格式 2024-06-07）")
        planned = planned or timezone.localdate()
        if not problems and station and start and end and fieldwork:
            try:
                round_ = planning.create_round(
                    user, agency, station, kind, start, end, fieldwork, chosen, planned
                )
            except IntegrityError:  # the same round planned at the same moment elsewhere
                problems = [f"{station.name}已有同一考核期的{Round.Kind(kind).label}"]
            else:
                messages.success(request, f"已创建评估：{round_}（实地评估 {fieldwork}）")
                return redirect("round", round_id=round_.pk)
        context.update(errors=problems, posted=request.POST)
        return render(request, "web/new_round.html", context, status=400)
    return render(request, "web/new_round.html", context)


@login_required
def edit_round(request: HttpRequest, round_id: int) -> HttpResponse:
    """Until the fieldwork, the coordinator changes the round's period, dates, experts and notes."""
    round_ = access.load_round(request.user, round_id, action="edit_round")
    user = access.signed_in(request)
    experts = planning.experts_of(round_.evaluator)
    errors = [refusal] if (refusal := planning.edit_refusal(round_)) else []
    if request.method == "POST" and not errors:
        start, end, fieldwork = (
            _date(request.POST.get(k)) for k in ("period_start", "period_end", "fieldwork_date")
        )
        chosen = [e for e in experts if str(e.pk) in request.POST.getlist("experts")]
        errors = planning.plan_problems(
            round_.station, round_.kind, start, end, fieldwork, chosen, None, editing=round_
        )
        if not errors and start and end and fieldwork:
            notes = request.POST.get("notes", "")
            changed = planning.edit_round(round_, user, start, end, fieldwork, chosen, notes)
            messages.success(request, "已保存评估安排" if changed else "评估安排没有改动")
            return redirect("round", round_id=round_.pk)
    context = {
        "round": round_,
        "experts": experts,
        "assigned": {e.pk for e in round_.experts.all()},
        "errors": errors,
        "posted": request.POST if request.method == "POST" else None,
        "may_delete": not planning.delete_refusal(round_),
    }
    return render(request, "web/edit_round.html", context, status=400 if errors else 200)


@login_required
def delete_round(request: HttpRequest, round_id: int) -> HttpResponse:
    """A confirmation page (GET), then the deletion (POST with confirm=yes)."""
    round_ = access.load_round(request.user, round_id, action="delete_round")
    refusal = planning.delete_refusal(round_)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    if confirmed and not refusal:
        try:
            planning.delete_round(round_, access.signed_in(request))
        except planning.PlanRefused as exc:  # something was put in meanwhile
            refusal = str(exc)
        else:
            messages.success(request, f"已删除评估：{round_}")
            return redirect("home")
    context = {"round": round_, "refusal": refusal}
    status = 400 if request.method == "POST" else 409 if refusal else 200
    return render(request, "web/delete_round.html", context, status=status)


@login_required
@require_POST
def report_style(request: HttpRequest, round_id: int) -> HttpResponse:
    """Experts and the coordinator choose the report's house style until it is issued."""
    round_ = access.load_round(request.user, round_id, action="choose_report_style")
    try:
        changed = planning.set_report_style(
            round_, access.signed_in(request), request.POST.get("style", "")
        )
    except planning.PlanRefused as exc:
        return _round_page(request, round_, [str(exc)], status=400)
    round_.refresh_from_db()
    title = planning.style_title(round_)
    messages.success(request, f"报告样式已改为{title}" if changed else f"报告样式仍为{title}")
    return redirect("round", round_id=round_.pk)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    return _round_page(request, access.load_round(request.user, round_id))


def _round_page(
    request: HttpRequest, round_: Round, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    held = access.round_roles(request.user, round_)
    step = workflow.next_step(round_)
    show_result = access.may_see_result(request.user, round_)
    action = workflow.step_action(step) if step else None
    context = {
        "show_result": show_result,
        "step_names": workflow.step_names(),
        "errors": errors or [],
        "timeline": workflow.timeline(round_),
        "next_step": step if action and roles.can(held, action) else None,
        "objections": round_.objections.select_related("raised_by", "resolved_by"),
        "may_resolve": roles.can(held, "resolve_objection"),
        "may_object": roles.can(held, "raise_objection") and round_.state != "final",
        "objection_limit": OBJECTION_LIMIT,
        "may_open_review": roles.can(held, "open_review") and workflow.may_open_review(round_),
        "may_complete_review": round_.reviewing
        and roles.can(held, "complete_step:" + workflow.REVIEW_STEP),
        "may_reopen": roles.can(held, "reopen_round") and workflow.issued(round_.state),
        "confirm_issue": step == workflow.LOCKING_STEP,
        "round": round_,
        "held": held,
        "result": engine.digest_of(round_),
        "data_problem": errors_page.refused_data_message(problem)
        if (problem := engine.data_problem(round_))
        else "",
        "versions": round_.versions.select_related("uploaded_by")[:10],
        "may_upload": roles.can(held, _upload_action(round_)),
        "may_score": roles.may_score(held) and not round_.locked,
        "may_write": bool(findings.sections_for(round_, held)) and not round_.locked,
        "may_report": _may_report(held, round_.state),
        "experts": round_.experts.all(),
        "may_edit": roles.can(held, "edit_round") and not planning.edit_refusal(round_),
        "style_title": planning.style_title(round_),
        "style_choices": planning.style_choices(),
        "may_choose_style": roles.can(held, "choose_report_style") and not round_.locked,
        "performance_link": performance_views.link_for(round_, held),
    }
    return render(request, "web/round.html", context, status=status)


@login_required
@require_POST
def upload(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="upload_data")
    if not access.allowed(request.user, round_, _upload_action(round_)):
        raise Http404("报告出具后只有评估机构可以修改数据")
    file = request.FILES.get("workbook")
    errors: list[str] = []
    if file is None:
        errors = ["请选择要上传的评估工作簿（.xlsx）"]
    else:
        try:
            # The workbook's 服务对象名册 sheet, if any, is stored with the data, or neither is.
            accepted = data.accept_upload(
                round_, file, access.signed_in(request), request.POST.get("reason", "")
            )
        except WorkbookError as exc:
            errors = [str(p) for p in exc.problems]
        else:
            messages.success(request, accepted.message)
            if warning := spotcheck_lists.newer_warning(request.user, round_, accepted.file_list):
                messages.warning(request, warning)
    if errors:
        context = {"round": round_, "errors": errors, "filename": file.name if file else ""}
        return render(request, "web/upload_errors.html", context, status=400)
    return redirect("round", round_id=round_.pk)


@login_required
def scores(request: HttpRequest, round_id: int) -> HttpResponse:
    """A party's judge enters their own scores (experts per dimension and per 片区)."""
    round_ = access.load_round(request.user, round_id, action=tuple(roles.prefixed("score:")))
    user = access.signed_in(request)
    party_id = roles.party_of(access.round_roles(user, round_))
    assert party_id is not None  # load_round let in only a role that scores
    errors: dict[str, str] = {}
    if request.method == "POST":
        if round_.locked:
            errors = {"": "报告出具后评分已锁定"}
        else:
            since = audit.parse_version(request.POST.get("version"))
            errors = scoring.save_scores(round_, user, party_id, request.POST.dict(), since)
        if not errors:
            messages.success(request, "已保存评分")
            return redirect("round", round_id=round_.pk)
    posted = request.POST.dict() if errors else None
    rows = scoring.score_rows(round_, user, party_id, posted, errors)
    context = {
        "round": round_,
        "rows": rows,
        "beside": beside.add_self_scores(round_, party_id, access.round_roles(user, round_), rows),
        "errors": list(errors.values()),
        "party": scoring.party_name(round_, party_id),
        # After a conflict the form is shown against the scores as they now are (the message
        # says what changed): saving again applies it. After a typing error it keeps the
        # version it was opened with, so a change made meanwhile is still caught.
        "version": request.POST.get("version", "")
        if errors and scoring.CONFLICT not in errors
        else audit.version(round_),
    }
    status = 409 if scoring.CONFLICT in errors else 400 if errors else 200
    return render(request, "web/scores.html", context, status=status)


@login_required
def findings_page(request: HttpRequest, round_id: int) -> HttpResponse:
    """Write findings for one's own sections; keep, edit or drop the rules' drafts."""
    round_ = access.load_round(request.user, round_id, action=findings.WRITE_ACTIONS)
    user = access.signed_in(request)
    sections = findings.sections_for(round_, access.round_roles(user, round_))
    errors: list[str] = []
    if request.method == "POST":
        errors = _change_findings(request, round_, user, sections)
        if not errors:
            return redirect("findings", round_id=round_.pk)
    entries = list(round_.findings.filter(section__in=sections).select_related("author"))
    context = {
        "round": round_,
        "sections": sections,
        "entries": entries,
        # Placed where the report prints nothing (the data's 片区 changed since): said, not hidden.
        "misplaced": {e.pk for e in entries if findings.zone_problem(round_, e.section, e.zone)},
        "drafts": findings.drafts(round_, sections),
        "draft_files": spotcheck_stored.draft_files(round_),
        "zones": [z for z in (engine.data_of(round_) or _NoZones()).zones],
        "errors": errors,
        "version": audit.version(round_),
        "posted": request.POST if errors and not request.POST.get("draft") else None,
    }
    return render(request, "web/findings.html", context, status=400 if errors else 200)


class _NoZones:
    zones: tuple[()] = ()


def _change_findings(
    request: HttpRequest, round_: Round, user: User, sections: list[str]
) -> list[str]:
    if round_.locked:
        return ["报告出具后意见已锁定"]
    post = request.POST
    since = audit.parse_version(post.get("version"))
    if post.get("action") == "delete":
        entry = post.get("entry", "")
        if not entry.isascii() or not entry.isdigit():
            raise Http404("没有这条意见")
        gone = round_.findings.filter(pk=int(entry), section__in=sections).first()
        problem = findings.remove(round_, int(entry), sections, user, since)
        if problem:
            return [problem]
        messages.success(
            request, f"已删除「{gone.section}」的一条意见" if gone else "已删除一条意见"
        )
        return []
    section, kind, text, zone = (
        post.get("section", ""),
        post.get("kind", ""),
        post.get("text", "").strip(),
        post.get("zone", ""),
    )
    if section not in sections:
        return ["请选择您负责的意见部分"]
    if kind not in FindingEntry.Kind.values or not text:
        return ["请选择类型（值得肯定/需要关注）并填写内容"]
    problem = findings.zone_problem(round_, section, zone) or findings.add(
        round_,
        user,
        findings.Draft(section, zone, kind, text, rule=""),
        post.get("reason", ""),
        since=since,
        draft=post.get("draft", ""),
    )
    if problem:
        return [problem]
    messages.success(request, f"已保存「{section}」的意见")
    return []


@login_required
@require_POST
def complete_step(request: HttpRequest, round_id: int, step: str) -> HttpResponse:
    """Mark the round's next step (or 复核, when opened) done by the role that owns it, on a
    date, if its preconditions hold; 报告出具 must be confirmed."""
    action = workflow.step_action(step)
    if action is None:
        raise Http404("没有这个步骤")
    round_ = access.load_round(request.user, round_id, action=action)
    if round_.steps.filter(step=step).exists():
        return redirect("round", round_id=round_.pk)  # a double click: done once
    if step != workflow.next_step(round_) and step != workflow.REVIEW_STEP:
        raise Http404("此步骤现在不能完成")
    try:
        on = date.fromisoformat(
            request.POST.get("completed_on") or timezone.localdate().isoformat()
        )
    except ValueError:
        return _round_page(request, round_, ["完成日期格式应为 2024-06-07"], status=400)
    problem = workflow.date_problem(round_, on)
    if problem:
        return _round_page(request, round_, [problem], status=400)
    if step == workflow.LOCKING_STEP and request.POST.get("confirm") != "yes":
        return _round_page(request, round_, [CONFIRM_ISSUE], status=400)
    try:
        missing = workflow.complete(
            round_, step, access.signed_in(request), on, request.POST.get("note", "")
        )
    except IntegrityError:  # the same step completed by a concurrent request: done once
        return redirect("round", round_id=round_.pk)
    if missing:
        name = workflow.step_names()[step]
        return _round_page(request, round_, [f"「{name}」还不能完成：", *missing], status=400)
    messages.success(request, f"已完成步骤「{workflow.step_names().get(step, step)}」（{on}）")
    return redirect("round", round_id=round_.pk)


CONFIRM_ISSUE = "出具报告前请勾选确认：出具后数据、评分和意见即锁定，社工站可以查看评估报告"
OBJECTION_LIMIT = 2000


@login_required
@require_POST
def raise_objection(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="raise_objection")
    user = access.signed_in(request)
    text = request.POST.get("text", "").strip()
    if round_.state == "final":
        return _round_page(request, round_, ["评估已定稿，不能再提出异议"], status=400)
    if not text:
        return _round_page(request, round_, ["请填写异议内容"], status=400)
    if len(text) > OBJECTION_LIMIT:
        message = f"异议内容不能超过 {OBJECTION_LIMIT} 字（现为 {len(text)} 字）"
        return _round_page(request, round_, [message], status=400)
    Objection.objects.create(round=round_, step=round_.state, text=text, raised_by=user)
    audit.record(round_, user, "提出异议", new={"text": text})
    messages.success(request, "已提出异议，等待处理")
    return redirect("round", round_id=round_.pk)


@login_required
@require_POST
def open_review(request: HttpRequest, round_id: int) -> HttpResponse:
    """The district bureau opens 复核 on an objection raised during 公示."""
    round_ = access.load_round(request.user, round_id, action="open_review")
    problems = workflow.open_review(round_, access.signed_in(request))
    if problems:
        return _round_page(request, round_, problems, status=400)
    messages.success(request, "已开始复核：数据、评分和意见可以更正，完成复核时请填写复核结果")
    return redirect("round", round_id=round_.pk)


@login_required
@require_POST
def reopen_round(request: HttpRequest, round_id: int) -> HttpResponse:
    """The coordinator takes back an issued report, with a reason."""
    round_ = access.load_round(request.user, round_id, action="reopen_round")
    problems = workflow.reopen(round_, access.signed_in(request), request.POST.get("reason", ""))
    if problems:
        return _round_page(request, round_, problems, status=400)
    messages.success(request, "已重新打开评估：锁定已解除，社工站在再次出具前看不到报告")
    return redirect("round", round_id=round_.pk)


@login_required
@require_POST
def resolve_objection(request: HttpRequest, round_id: int, objection_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="resolve_objection")
    user = access.signed_in(request)
    objection = get_object_or_404(Objection, pk=objection_id, round=round_)
    resolution = request.POST.get("resolution", "").strip()
    if not resolution:
        return _round_page(request, round_, ["请填写处理结果"], status=400)
    objection.resolution, objection.resolved_by = resolution, user
    objection.save()
    audit.record(
        round_,
        user,
        "处理异议",
        old={"text": objection.text},
        new={"resolution": resolution},
    )
    messages.success(request, "已记录异议的处理结果")
    return redirect("round", round_id=round_.pk)


@login_required
def report(request: HttpRequest, round_id: int, fmt: str) -> HttpResponseBase:
    round_ = access.load_round(request.user, round_id)
    if not _may_report(access.round_roles(request.user, round_), round_.state):
        raise Http404("您无权下载此报告")
    if round_.latest_data() is None:
        raise Http404("尚未上传数据")
    try:
        path = engine.report_file(round_, ".pdf" if fmt == "pdf" else ".docx")
    except ReportError as exc:
        return render(
            request, "web/report_error.html", {"round": round_, "message": str(exc)}, status=409
        )
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@login_required
def audit_log(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="view_audit_log")
    entries = [
        (e, audit_text.describe(e.action, e.old), audit_text.describe(e.action, e.new))
        for e in round_.audit.select_related("user")
    ]
    return render(request, "web/audit.html", {"round": round_, "entries": entries})


def _may_report(held: set[str], state: str) -> bool:
    """Everyone with a part in the round but experts; the station once the report is issued."""
    return roles.can(held, "download_report") or (
        workflow.issued(state) and roles.can(held, "download_issued_report")
    )


def _upload_action(round_: Round) -> str:
    """Once the report is issued only the coordinator may replace the data, with a reason."""
    return "replace_issued_data" if round_.locked else "upload_data"
