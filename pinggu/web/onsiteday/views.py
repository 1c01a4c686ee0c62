"""The on-site day page: the agenda and the experts present for everyone with a part in the
round; the interview notes for those roles.py lets see them (the station and the purchaser
only once the report is issued); the forms for the experts and the coordinator until the
report is issued. Each view loads and authorises its round in one helper call."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pinggu import Interviewee

from .. import access, audit, roles
from ..models import InterviewEntry, Round
from ..rounds.workflow import issued
from . import day, interviews

RECORD = "record_onsite_day"
LOCKED = "报告已出具，实地评估记录已锁定"


def may_see_interviews(held: set[str], round_: Round) -> bool:
    """The interview notes: before the report is issued only for `view_interviews`."""
    return roles.can(held, "view_interviews") or (
        issued(round_.state) and roles.can(held, "view_issued_interviews")
    )


@dataclass
class Shown:
    """What the page shows besides the stored records: a form as posted, and its problems."""

    agenda_rows: list[day.Row] | None = None
    chosen: list[str] | None = None
    agenda_errors: list[str] = field(default_factory=list)
    agenda_version: str = ""
    note_errors: list[str] = field(default_factory=list)
    note: dict[str, str] | None = None  # the note form as posted
    note_version: str = ""


@login_required
def page(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id)
    return _render(request, round_, Shown())


def _render(request: HttpRequest, round_: Round, shown: Shown, status: int = 200) -> HttpResponse:
    held = access.round_roles(request.user, round_)
    may_record = roles.can(held, RECORD) and not round_.locked
    may_see = may_see_interviews(held, round_)
    editing = _editing(request, round_) if may_record and may_see else None
    version = str(audit.version(round_))
    note = shown.note
    if note is None and editing is not None:
        note = {
            "kind": editing.kind,
            "who": editing.who,
            "people": str(editing.people),
            "at": editing.at.strftime("%H:%M") if editing.at else "",
            "summary": editing.summary,
            "finding": str(editing.finding_id or ""),
            "entry": str(editing.pk),
        }
    context = {
        "round": round_,
        "agenda": day.agenda(round_),
        "agenda_from_workbook": not round_.agenda.exists() and bool(day.sheet(round_).agenda),
        "sheet_interviews": day.sheet(round_).interviews
        if may_see and not round_.interviews.exists()
        else (),
        "present": day.present(round_),
        "may_record": may_record,
        "may_see_interviews": may_see,
        "interviews": round_.interviews.select_related("finding", "author") if may_see else [],
        "rows": shown.agenda_rows if shown.agenda_rows is not None else day.rows(round_),
        "activities": day.ACTIVITIES,
        "experts": day.experts_of(round_),
        "chosen": shown.chosen if shown.chosen is not None else day.present(round_),
        "agenda_errors": shown.agenda_errors,
        "agenda_version": shown.agenda_version or version,
        "note_errors": shown.note_errors,
        "note": note or {},
        "note_version": shown.note_version or version,
        "kinds": [k.value for k in Interviewee],
        "findings": interviews.findings_of(round_) if may_record else [],
        "token": (shown.note or {}).get("token") or interviews.new_token(),
        "report_issued": issued(round_.state),
    }
    return render(request, "web/onsiteday/page.html", context, status=status)


def _editing(request: HttpRequest, round_: Round) -> InterviewEntry | None:
    raw = request.GET.get("edit", "")
    if not raw:
        return None
    entry = InterviewEntry.objects.filter(
        round=round_, pk=raw if raw.isascii() and raw.isdigit() else 0
    ).first()
    if entry is None:
        raise Http404("没有这条访谈记录")
    return entry


@login_required
@require_POST
def save_agenda(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action=RECORD)
    rows = day.posted_rows(request.POST)
    chosen = request.POST.getlist("experts")
    if round_.locked:
        problems, conflict = [LOCKED], False
    else:
        since = audit.parse_version(request.POST.get("version"))
        problems, conflict = day.save(round_, access.signed_in(request), rows, chosen, since)
    if not problems:
        messages.success(request, "已保存实地评估安排和出席专家")
        return redirect("onsite_day", round_id=round_.pk)
    kept = "" if conflict else request.POST.get("version", "")
    blanks = [day.Row("", "", "", "")] * day.BLANK_ROWS
    shown = Shown(agenda_rows=rows or blanks, chosen=chosen, agenda_errors=problems)
    shown.agenda_version = kept
    return _render(request, round_, shown, status=409 if conflict else 400)


@login_required
@require_POST
def interview(request: HttpRequest, round_id: int) -> HttpResponse:
    """Add, change (`entry`) or delete (`action=delete`) an interview note."""
    round_ = access.load_round(request.user, round_id, action=RECORD)
    if not may_see_interviews(access.round_roles(request.user, round_), round_):
        raise Http404("您无权查看访谈记录")
    post, user = request.POST, access.signed_in(request)
    since = audit.parse_version(post.get("version"))
    raw_entry = post.get("entry", "")
    entry_id = int(raw_entry) if raw_entry.isascii() and raw_entry.isdigit() else None
    if raw_entry and entry_id is None:
        raise Http404("没有这条访谈记录")
    if round_.locked:
        return _refused(request, round_, [LOCKED], conflict=False)
    if post.get("action") == "delete" and entry_id is not None:
        problem = interviews.remove(round_, user, entry_id, since)
        if problem:
            return _refused(request, round_, [problem], conflict=True, keep=False)
        messages.success(request, "已删除一条访谈记录")
        return redirect("onsite_day", round_id=round_.pk)
    note = interviews.parse(round_, post)
    if isinstance(note, list):
        return _refused(request, round_, note, conflict=False)
    if entry_id is not None:
        problem = interviews.edit(round_, user, entry_id, note, since)
        if problem:
            return _refused(request, round_, [problem], conflict=True)
        messages.success(request, "已保存访谈记录")
    elif interviews.add(round_, user, note, post.get("token", "")):
        messages.success(request, "已记录一条访谈")
    else:
        messages.info(request, "这条访谈已记录过（重复提交只保存一次）")
    return redirect("onsite_day", round_id=round_.pk)


def _refused(
    request: HttpRequest, round_: Round, problems: list[str], *, conflict: bool, keep: bool = True
) -> HttpResponse:
    """The page again with the note form as posted (unless `keep` is False) and its problems.
    After a conflict the form carries the current version, so saving again applies it."""
    note = request.POST.dict() if keep else None
    shown = Shown(note=note, note_errors=problems)
    shown.note_version = "" if conflict else request.POST.get("version", "")
    return _render(request, round_, shown, status=409 if conflict else 400)
