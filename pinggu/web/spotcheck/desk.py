"""The checklist desk: the experts check the drawn files one by one, with the keyboard only.

One form per file: every checklist item of its type gets 符合 / 不符合 / 不适用 (keys 1, 2, 3;
`a` marks every item still open 符合) and an optional note; Enter saves and opens the next
file not yet checked; `[` and `]` move to the previous and next file on the list. A file that
cannot be found is recorded with the reason and replaced by a reserve file (draw.py). Saves
are conflict-checked (marks.py, docs/concurrency.md). The keys are handled by a small script
in templates/web/spotcheck/desk.html; without it the form works with Tab, arrows and Space.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import access, audit
from ..models import CheckedFile, Round, SpotCheckDraw
from . import draw as spot
from . import lists, stored
from . import marks as checking

Status = CheckedFile.Status


def _load(request: HttpRequest, round_id: int) -> tuple[Round, SpotCheckDraw]:
    round_ = access.load_round(request.user, round_id, action="spot_check_mark")
    draw = stored.draw_of(round_)
    if draw is None:
        raise Http404("尚未抽样")
    return round_, draw


def next_pending(draw: SpotCheckDraw, after: int = 0) -> CheckedFile | None:
    """The next file not yet checked after list position `after`, else the first one."""
    pending = draw.files.filter(status=Status.PENDING)
    return pending.filter(position__gt=after).first() or pending.first()


@login_required
def start(request: HttpRequest, round_id: int) -> HttpResponse:
    """The first file not yet checked, or the spot-check page when every file is done."""
    round_, draw = _load(request, round_id)
    file = next_pending(draw)
    if file is None:
        messages.success(request, "抽查名单上的档案都已检查完毕")
        return redirect("spotcheck", round_id=round_.pk)
    return redirect("spotcheck_desk", round_id=round_.pk, file_id=file.pk)


@login_required
def desk(request: HttpRequest, round_id: int, file_id: int) -> HttpResponse:
    round_, draw = _load(request, round_id)
    file = get_object_or_404(CheckedFile, pk=file_id, draw=draw)
    items = spot.checklist(draw, file.type)
    if request.method != "POST":
        return _page(request, round_, draw, file, checking.stored_marks(file, items))
    posted = checking.posted_marks(request.POST, items)
    wrong = checking.problems(posted)
    if wrong:
        return _page(request, round_, draw, file, posted, wrong=wrong)
    since = audit.parse_version(request.POST.get("version"))
    try:
        checking.save_marks(file, access.signed_in(request), posted, since)
    except lists.SpotCheckRefused as exc:
        conflict = isinstance(exc, spot.SpotCheckConflict)
        return _page(request, round_, draw, file, posted, error=str(exc), conflict=conflict)
    unmet = sum(1 for m in posted if m.verdict == "不符合")
    messages.success(
        request,
        f"已保存{file.type}档案 {file.file_id} 的检查结果"
        + (f"（{unmet} 项不符合）" if unmet else "（全部符合或不适用）"),
    )
    following = next_pending(draw, file.position)
    if following is None:
        messages.success(request, "抽查名单上的档案都已检查完毕")
        return redirect("spotcheck", round_id=round_.pk)
    return redirect("spotcheck_desk", round_id=round_.pk, file_id=following.pk)


def _page(
    request: HttpRequest,
    round_: Round,
    draw: SpotCheckDraw,
    file: CheckedFile,
    shown: list[checking.Mark],
    *,
    wrong: dict[int, str] | None = None,
    error: str = "",
    conflict: bool = False,
) -> HttpResponse:
    files = list(draw.files.all())
    here = next(i for i, f in enumerate(files) if f.pk == file.pk)
    entry: dict[str, object] = next(
        (e for e in draw.file_list.entries if e["type"] == file.type and e["id"] == file.file_id),
        {},
    )
    wrong = wrong or {}
    posted = request.method == "POST"
    context = {
        "round": round_,
        "draw": draw,
        "file": file,
        "entry": entry,
        "marks": [(i, m, wrong.get(i, "")) for i, m in enumerate(shown)],
        "verdicts": checking.VERDICTS,
        "errors": [error] if error else list(wrong.values()),
        "previous": files[here - 1] if here > 0 else None,
        "next": files[here + 1] if here + 1 < len(files) else None,
        "place": here + 1,
        "count": len(files),
        "progress": spot.progress(draw),
        "reserve_left": spot.next_reserve(draw, file) is not None,
        "locked": round_.locked,
        # After a conflict the form is shown against the file as it now is (the message says
        # what changed): saving again applies it. After a typing error it keeps the version it
        # was opened with, so a change made meanwhile is still caught.
        "version": request.POST.get("version", "")
        if posted and not conflict
        else audit.version(round_),
        "missing_reason": request.POST.get("reason", "") if posted else "",
    }
    status = 409 if conflict else 400 if (error or wrong) else 200
    return render(request, "web/spotcheck/desk.html", context, status=status)


@login_required
@require_POST
def missing(request: HttpRequest, round_id: int, file_id: int) -> HttpResponse:
    """The file cannot be found: recorded with the reason, replaced by the next reserve file."""
    round_, draw = _load(request, round_id)
    file = get_object_or_404(CheckedFile, pk=file_id, draw=draw)
    since = audit.parse_version(request.POST.get("version"))
    try:
        replacement = spot.replace_missing(
            file, access.signed_in(request), request.POST.get("reason", ""), since
        )
    except lists.SpotCheckRefused as exc:
        items = spot.checklist(draw, file.type)
        conflict = isinstance(exc, spot.SpotCheckConflict)
        shown = checking.stored_marks(file, items)
        return _page(request, round_, draw, file, shown, error=str(exc), conflict=conflict)
    if replacement is None:
        messages.warning(
            request,
            f"已记录{file.type}档案 {file.file_id} 找不到；{file.zone}已没有备用的{file.type}档案",
        )
    else:
        messages.success(
            request,
            f"已记录{file.type}档案 {file.file_id} 找不到，由备用档案 {replacement.file_id} 替补",
        )
    following = replacement or next_pending(draw, file.position)
    if following is None:
        return redirect("spotcheck", round_id=round_.pk)
    return redirect("spotcheck_desk", round_id=round_.pk, file_id=following.pk)
