"""The self-assessment page (自评): the station's self-scores and its documents; each view loads
and authorises its round in one helper call (access.load_round, by the actions of roles.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import access, audit, roles, uploads
from ..models import Round, SelfDocument
from . import documents, scores

VIEW = "view_self_assessment"


@login_required
def page(request: HttpRequest, round_id: int) -> HttpResponse:
    """Everyone with a part in the round sees it; the station (and the coordinator) fill it in."""
    round_ = access.load_round(request.user, round_id, action=VIEW)
    held = access.round_roles(request.user, round_)
    errors: dict[str, str] = {}
    if request.method == "POST":
        refusal = scores.edit_refusal(round_, held)
        if refusal:
            errors = {"": refusal}
        else:
            since = audit.parse_version(request.POST.get("version"))
            errors = scores.save(round_, access.signed_in(request), request.POST.dict(), since)
        if not errors:
            messages.success(request, "已保存自评得分")
            return redirect("self_assessment", round_id=round_.pk)
    return _page(request, round_, held, errors)


def _page(
    request: HttpRequest,
    round_: Round,
    held: set[str],
    errors: dict[str, str],
    upload_error: str = "",
    status: int | None = None,
) -> HttpResponse:
    posted = request.POST.dict() if errors else None
    refusal = scores.edit_refusal(round_, held)
    context = {
        "round": round_,
        "rows": scores.rows(round_, posted, errors),
        "missing_zones": scores.missing_zones(round_),
        "from_workbook": scores.from_workbook(round_),
        "errors": list(errors.values()),
        "upload_error": upload_error,
        "may_edit": not refusal,
        "refusal": refusal if roles.can(held, "self_assess") else "",
        "documents": documents.listed(round_),
        "tags": documents.tags(round_),
        "kinds": SelfDocument.Kind.choices,
        "accept": ",".join(uploads.DOCUMENT_SUFFIXES),
        "document_max_mb": uploads.document_limit_mb(),
        # As the scores form (rounds/views.py): a conflict shows the form against the scores
        # as they now are; a typing error keeps the version it was opened with.
        "version": request.POST.get("version", "")
        if errors and scores.CONFLICT not in errors
        else audit.version(round_),
    }
    if status is None:
        status = 409 if scores.CONFLICT in errors else 400 if errors or upload_error else 200
    return render(request, "web/selfassess/page.html", context, status=status)


@login_required
@require_POST
def upload(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="self_assess")
    held = access.round_roles(request.user, round_)
    refusal = scores.edit_refusal(round_, held)
    file = request.FILES.get("document")
    if refusal or file is None:
        return _page(request, round_, held, {}, refusal or "请选择要上传的文件")
    post = request.POST
    try:
        document, new = documents.accept(
            round_,
            file,
            access.signed_in(request),
            post.get("kind", ""),
            post.get("tag", ""),
            post.get("title", ""),
        )
    except documents.Refused as exc:
        return _page(request, round_, held, {}, str(exc))
    if new:
        messages.success(request, f"已上传「{document.filename}」（{documents.label(document)}）")
    else:
        messages.info(request, f"「{document.filename}」已上传过（同一文件只保存一份）")
    return redirect("self_assessment", round_id=round_.pk)


@login_required
@require_POST
def delete(request: HttpRequest, round_id: int, document_id: int) -> HttpResponse:
    round_ = access.load_round(request.user, round_id, action="self_assess")
    held = access.round_roles(request.user, round_)
    problem = scores.edit_refusal(round_, held) or documents.remove(
        round_, document_id, access.signed_in(request)
    )
    if problem:
        return _page(request, round_, held, {}, problem)
    messages.success(request, "已删除一份自评材料")
    return redirect("self_assessment", round_id=round_.pk)


@login_required
def download(request: HttpRequest, round_id: int, document_id: int) -> HttpResponse:
    """Always a download, never a page (uploads.document_response)."""
    round_ = access.load_round(request.user, round_id, action=VIEW)
    document = SelfDocument.objects.filter(round=round_, pk=document_id).first()
    if document is None:
        raise Http404("没有这份材料")
    return uploads.document_response(
        bytes(document.content), document.filename, document.content_type
    )
