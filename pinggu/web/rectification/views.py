"""The rectification page of a round: the items its report raised (the station answers them)
and the previous round's items (the experts mark them, or carry one into this round's
concerns). Each view loads and authorises in one call (`_load`), then hands over to work.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pinggu import FileRefused

from .. import access, audit, roles
from ..models import RectificationItem, Round
from ..rounds import findings
from ..uploads import DOCUMENT_BY_KEY, document_response, read_document
from . import work
from .items import followed_in, following_round, previous_round, raised_in, round_title


def _load(
    request: HttpRequest, round_id: int, item_id: int, action: str
) -> tuple[Round, RectificationItem]:
    """The round whose page this is (if the user may take `action` in it) and one of the
    items the page shows: raised by this round or followed in it; else 404."""
    page = access.load_round(request.user, round_id, action=action)
    previous = previous_round(page)
    shown = Q(round=page) | Q(round=previous, withdrawn=False) if previous else Q(round=page)
    item = RectificationItem.objects.filter(shown, pk=item_id).select_related("round").first()
    if item is None:
        raise Http404("没有这条整改意见")
    return page, item


@login_required
def page(request: HttpRequest, round_id: int) -> HttpResponse:
    return _page(request, access.load_round(request.user, round_id))


def _page(
    request: HttpRequest,
    round_: Round,
    errors: list[str] | None = None,
    status: int = 200,
    posted: dict[str, str] | None = None,
) -> HttpResponse:
    user = access.signed_in(request)
    held = access.round_roles(user, round_)
    following = following_round(round_)
    previous = previous_round(round_)
    closed = following is not None and following.locked
    context = {
        "round": round_,
        "errors": errors or [],
        "posted": posted or {},
        "version": audit.version(round_),
        "today": timezone.localdate(),
        "own": list(raised_in(round_).prefetch_related("evidence")),
        "following": following,
        # the experts' marks of this round's items are part of the next round's result
        "show_own_marks": following is not None and access.may_see_result(user, following),
        "may_respond": roles.can(held, "respond_rectification") and not closed,
        "previous": previous,
        "previous_title": round_title(previous) if previous else "",
        "followed": list(followed_in(round_).prefetch_related("evidence")),
        "show_marks": access.may_see_result(user, round_),
        "may_mark": roles.can(held, "mark_rectification") and not round_.locked,
        "carry_sections": findings.sections_for(round_, held),
        "may_download": roles.can(held, "view_rectification_evidence"),
        "statuses": RectificationItem.Status.values,
        "limits": {"response": work.RESPONSE_LIMIT, "note": work.NOTE_LIMIT},
        "document_max_mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "web/rectification/page.html", context, status=status)


def _done(
    request: HttpRequest,
    page: Round,
    item: RectificationItem,
    problem: str,
    success: str,
    posted: dict[str, str] | None = None,
) -> HttpResponse:
    if problem:
        conflict = problem.startswith(("自您打开此表单后", "此表单已过期"))
        shown = {"item": str(item.pk), **(posted or {})}
        return _page(request, page, [problem], status=409 if conflict else 400, posted=shown)
    messages.success(request, success)
    return redirect(reverse("rectification", args=[page.pk]) + f"#item-{item.pk}")


@login_required
@require_POST
def respond(request: HttpRequest, round_id: int, item_id: int) -> HttpResponse:
    page, item = _load(request, round_id, item_id, "respond_rectification")
    if item.round_id != page.pk:
        raise Http404("整改措施在提出这条意见的评估中填写")
    text = request.POST.get("response", "")
    since = audit.parse_version(request.POST.get("version"))
    problem = work.respond(item, page, access.signed_in(request), text, since)
    success = f"已保存意见 {item.number} 的整改措施"
    return _done(request, page, item, problem, success, {"response": text})


@login_required
@require_POST
def upload_evidence(request: HttpRequest, round_id: int, item_id: int) -> HttpResponse:
    page, item = _load(request, round_id, item_id, "respond_rectification")
    if item.round_id != page.pk:
        raise Http404("佐证材料在提出这条意见的评估中上传")
    upload = request.FILES.get("document")
    since = audit.parse_version(request.POST.get("version"))
    if upload is None:
        problem, name = "请选择要上传的佐证材料（PDF、Word 或图片）", ""
    else:
        try:
            document = read_document(upload)
        except FileRefused as exc:
            problem, name = str(exc), ""
        else:
            problem = work.add_evidence(item, page, access.signed_in(request), document, since)
            name = document.name
    return _done(request, page, item, problem, f"已上传佐证材料「{name}」")


@login_required
@require_POST
def delete_evidence(
    request: HttpRequest, round_id: int, item_id: int, evidence_id: int
) -> HttpResponse:
    page, item = _load(request, round_id, item_id, "respond_rectification")
    if item.round_id != page.pk:
        raise Http404("佐证材料在提出这条意见的评估中删除")
    since = audit.parse_version(request.POST.get("version"))
    problem = work.remove_evidence(item, page, access.signed_in(request), evidence_id, since)
    return _done(request, page, item, problem, f"已删除意见 {item.number} 的一个佐证材料")


@login_required
def evidence(request: HttpRequest, round_id: int, item_id: int, evidence_id: int) -> HttpResponse:
    """A document as uploaded, always as a download (never shown inline)."""
    _page_round, item = _load(request, round_id, item_id, "view_rectification_evidence")
    found = item.evidence.filter(pk=evidence_id).first()
    if found is None:
        raise Http404("没有这个佐证材料")
    content_type = DOCUMENT_BY_KEY[found.kind].content_type
    return document_response(bytes(found.content), found.name, content_type)


@login_required
@require_POST
def mark(request: HttpRequest, round_id: int, item_id: int) -> HttpResponse:
    page, item = _load(request, round_id, item_id, "mark_rectification")
    status, note = request.POST.get("status", ""), request.POST.get("note", "")
    since = audit.parse_version(request.POST.get("version"))
    problem = work.mark(item, page, access.signed_in(request), status, note, since)
    success = f"已保存意见 {item.number} 的整改情况"
    return _done(request, page, item, problem, success, {"status": status, "note": note})


@login_required
@require_POST
def carry(request: HttpRequest, round_id: int, item_id: int) -> HttpResponse:
    page, item = _load(request, round_id, item_id, "mark_rectification")
    user = access.signed_in(request)
    sections = findings.sections_for(page, access.round_roles(user, page))
    text = request.POST.get("text", "")
    since = audit.parse_version(request.POST.get("version"))
    problem = work.carry(item, page, user, text, sections, since)
    success = f"已将意见 {item.number} 列为本轮「{item.section}」需要关注的意见"
    return _done(request, page, item, problem, success, {"text": text})
