"""The survey desk: the caller works down the list with the keyboard only.

One client at a time — the next one not yet called (those tried least first), or one chosen from
the list (`?call=`), optionally within one 片区 (`?zone=`) — held for the caller for ten
minutes, so that two callers sharing the work are never given the same client. The page shows
the client's family name only (张*) and the full phone number; showing the number is an
unmasked view and is logged. The keys are documented on the page and handled by
a small script in templates/web/survey/desk.html; without the script the form still works with
Tab, the arrow keys and Space.
"""

from __future__ import annotations

import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pinggu import mask_name

from .. import access, audit
from ..models import RosterClient, Round, SurveyCall, SurveyDraw
from . import draw as survey
from . import privacy

Status = SurveyCall.Status
PHONE_VIEW = "调查台：电话"


def spaced(phone: str) -> str:
    """13900001234 → 139 0000 1234: a mobile number in the groups people read it out in."""
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone


def parse_outcome(post: QueryDict, stored: SurveyDraw) -> survey.Outcome | str:
    """The posted form as an Outcome, or what is missing."""
    result = post.get("outcome", "")
    if result not in ("reached", "not_reached"):
        return "请选择联系结果：按 r 表示已联系上，按 n 表示未联系上"
    if result == "not_reached":
        return survey.Outcome(False, reason=post.get("reason", ""))
    answers: list[int | None] = []
    for i in range(len(stored.items)):
        # Full-width digits (１) are what a Chinese input method types: read as the digit.
        raw = unicodedata.normalize("NFKC", post.get(f"item{i}", "")).strip()
        if raw and not (raw.isascii() and raw.isdigit() and len(raw) < 4):
            return f"第 {i + 1} 题的评分应为 1 到 {stored.scale} 的整数"
        answers.append(int(raw) if raw else None)
    return survey.Outcome(True, tuple(answers), post.get("comment", "").strip())


@login_required
def desk(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="survey_desk")
    stored = survey.draw_of(round_)
    if stored is None:
        return render(request, "web/survey/desk.html", {"round": round_, "stored": None})
    zone = request.GET.get("zone", "")
    here = reverse("survey_desk", args=[round_.pk]) + (f"?zone={zone}" if zone else "")
    error, status = "", 400
    if request.method == "POST":
        call = get_object_or_404(SurveyCall, pk=request.POST.get("call") or 0, draw=stored)
        outcome = parse_outcome(request.POST, stored)
        if isinstance(outcome, str):
            error = outcome
        else:
            since = audit.parse_version(request.POST.get("version"))
            try:
                replacement = survey.save_from_desk(call, access.signed_in(request), outcome, since)
            except survey.SurveyRefused as exc:
                error = str(exc)
                status = 409 if isinstance(exc, survey.SurveyConflict) else 400
            else:
                messages.success(request, _saved(call, outcome, replacement))
                return redirect(here)
    else:
        chosen = request.GET.get("call")
        if chosen:
            call = get_object_or_404(SurveyCall, pk=chosen, draw=stored)
            try:
                survey.claim(call, access.signed_in(request))
            except survey.SurveyRefused as exc:
                messages.error(request, str(exc))
                return redirect(here)
        else:
            pending = survey.claim_next(stored, access.signed_in(request), zone or None)
            if pending is None:
                return _finished(request, round_, stored, zone)
            call = pending
    return _page(request, round_, stored, call, zone, error, status)


def _saved(call: SurveyCall, outcome: survey.Outcome, replacement: SurveyCall | None) -> str:
    if outcome.reached:
        return f"已保存：{call.client} 已联系上"
    text = f"已保存：{call.client} 未联系上（{outcome.reason}）"
    if replacement is not None:
        return f"{text}，已由同片区的备用服务对象 {replacement.client} 替补"
    call.refresh_from_db()
    if call.status == Status.NOT_REACHED:
        return f"{text}；本片区已无备用服务对象，记为未联系上"
    return f"{text}，第 {len(call.tries)} 次；稍后再拨"


def _page(
    request: HttpRequest,
    round_: Round,
    stored: SurveyDraw,
    call: SurveyCall,
    zone: str,
    error: str,
    status: int = 400,
) -> HttpResponse:
    person = RosterClient.objects.filter(roster=stored.roster, number=call.client).first()
    privacy.log_view(round_, access.signed_in(request), PHONE_VIEW, client=call.client)
    overall, zones = survey.progress(stored)
    posted = request.POST if error else None
    answers = (
        [posted.get(f"item{i}", "") for i in range(len(stored.items))]
        if posted
        else [str(a) if a is not None else "" for a in (call.answers or [None] * len(stored.items))]
    )
    outcome = posted.get("outcome", "") if posted else ("reached" if call.answers else "")
    context = {
        "round": round_,
        "stored": stored,
        "call": call,
        "name": mask_name(person.name) if person else "",
        "phone": spaced(person.phone) if person else "",
        "community": person.community if person else "",
        "items": list(zip(stored.items, answers, strict=True)),
        "scale": range(1, stored.scale + 1),
        "reasons": survey.REASONS,
        "reason": posted.get("reason", "") if posted else "",
        "comment": posted.get("comment", "") if posted else call.comment,
        "outcome": outcome,
        "error": error,
        "zone": zone,
        "overall": overall,
        "progress": zones,
        "final_reasons": "、".join(r for r in survey.REASONS if r in survey.FINAL_REASONS),
        "closed": call.status in (Status.REPLACED, Status.NOT_REACHED),
        # After a conflict the page is shown against the call as it now is (the message says
        # what changed); after a typing error it keeps the version it was opened with.
        "version": posted.get("version", "") if posted and status != 409 else audit.version(round_),
    }
    return render(request, "web/survey/desk.html", context, status=status if error else 200)


def _finished(request: HttpRequest, round_: Round, stored: SurveyDraw, zone: str) -> HttpResponse:
    overall, zones = survey.progress(stored)
    context = {
        "round": round_,
        "stored": stored,
        "call": None,
        "zone": zone,
        "overall": overall,
        "progress": zones,
        "held": survey.held_by_others(stored, access.signed_in(request), zone or None),
    }
    return render(request, "web/survey/desk.html", context)
