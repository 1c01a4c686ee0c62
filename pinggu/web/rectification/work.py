"""The station's answer to an item (整改措施 and evidence) and the experts' mark at the next round,
each a short transaction that writes one audit entry in each round the item is part of: the round
that raised it and the round that follows it (whose engine input it is, so its result and report
are computed again).

Every form carries the version of the round page it was opened on and is refused when the item
changed since (subject `rectification:<id>`, docs/concurrency.md). The station answers until the
next round's report is issued; the experts mark until then too (the next round is locked after).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import audit, audit_text
from ..models import FindingEntry, RectificationEvidence, RectificationItem, Round
from ..rounds import findings, workflow
from ..uploads import Document
from .items import following_round

RESPONSE_LIMIT = 2000
NOTE_LIMIT = 500
EVIDENCE_PER_ITEM = 10


def subject(item: RectificationItem) -> str:
    return f"rectification:{item.pk}"


def _record(
    item: RectificationItem, user: User, action: str, old: object = None, new: object = None
) -> None:
    label = f"{action}（{item.round}意见 {item.number}）"
    for round_ in (item.round, following_round(item.round)):
        if round_ is not None:
            audit.record(round_, user, label, old=old, new=new, subject=subject(item))


def _stale(
    page: Round,
    item: RectificationItem,
    since: int | None,
    same: Callable[[RectificationItem], bool] | None = None,
) -> str:
    """Why a form opened at version `since` may not save over the item ("" when it may); `same`:
    whether the item as now stored already holds what is posted (a double click's second post),
    which is no conflict (docs/concurrency.md)."""
    audit.lock(page)
    if same is not None:
        item.refresh_from_db()
        if same(item):
            return ""
    return audit.stale(page, since, [subject(item)], audit_text.field_name)


def response_refusal(item: RectificationItem) -> str:
    """Why the station can no longer answer this item ("" while it can)."""
    if item.withdrawn:
        return "这条意见在重新出具的报告中已撤回，无需整改"
    following = following_round(item.round)
    if following is not None and workflow.issued(following.state):
        return f"{following}的报告已出具，整改措施和佐证材料不能再修改"
    return ""


def mark_refusal(item: RectificationItem, page: Round) -> str:
    """Why the experts cannot mark this item on this round's page ("" while they can)."""
    if item.withdrawn or following_round(item.round) != page:
        return "这条意见不由本轮评估跟进"
    if page.locked:
        return "本轮报告出具后整改情况已锁定"
    return ""


@transaction.atomic
def respond(item: RectificationItem, page: Round, user: User, text: str, since: int | None) -> str:
    """Save the station's 整改措施; returns why not ("" when saved)."""
    text = text.strip()
    if len(text) > RESPONSE_LIMIT:
        return f"整改措施不能超过 {RESPONSE_LIMIT} 字（现为 {len(text)} 字）"
    problem = response_refusal(item) or _stale(page, item, since, lambda i: i.response == text)
    if problem:
        return problem
    if text == item.response:
        return ""
    old = item.response
    item.response, item.responded_by, item.responded_at = text, user, timezone.now()
    item.save(update_fields=["response", "responded_by", "responded_at"])
    _record(item, user, "填写整改措施", old={"text": old}, new={"text": text})
    return ""


@transaction.atomic
def add_evidence(
    item: RectificationItem, page: Round, user: User, document: Document, since: int | None
) -> str:
    """Store a checked document as the item's evidence; returns why not ("" when stored)."""
    problem = response_refusal(item) or _stale(page, item, since)
    if problem:
        return problem
    if item.evidence.filter(sha256=document.sha256).exists():
        return f"「{document.name}」已上传过（内容相同），未重复保存"
    if item.evidence.count() >= EVIDENCE_PER_ITEM:
        return f"每条意见最多上传 {EVIDENCE_PER_ITEM} 个佐证材料，请先删除不需要的"
    try:
        with transaction.atomic():
            RectificationEvidence.objects.create(
                item=item,
                name=document.name,
                kind=document.type.key,
                size=len(document.content),
                sha256=document.sha256,
                content=document.content,
                uploaded_by=user,
            )
    except IntegrityError:  # the same file from another tab at the same moment
        return f"「{document.name}」已上传过（内容相同），未重复保存"
    _record(item, user, "上传佐证材料", new={"filename": document.name})
    return ""


@transaction.atomic
def remove_evidence(
    item: RectificationItem, page: Round, user: User, evidence_id: int, since: int | None
) -> str:
    problem = response_refusal(item) or _stale(page, item, since)
    if problem:
        return problem
    evidence = item.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        return "没有这个佐证材料（可能已被删除）"
    _record(item, user, "删除佐证材料", old={"filename": evidence.name})
    evidence.delete()
    return ""


@transaction.atomic
def mark(
    item: RectificationItem, page: Round, user: User, status: str, note: str, since: int | None
) -> str:
    """The experts' 整改情况 (or "" to clear it) and note; returns why not ("" when saved)."""
    note = note.strip()
    if status and status not in RectificationItem.Status.values:
        return "请选择整改情况：已整改、部分整改或未整改"
    if len(note) > NOTE_LIMIT:
        return f"说明不能超过 {NOTE_LIMIT} 字（现为 {len(note)} 字）"
    if not status and note:
        return "请先选择整改情况，再填写说明"
    carried = (RectificationItem.Status.PARTIAL, RectificationItem.Status.NOT_DONE)
    if item.repeated_as_id and status not in carried:
        return (
            "这条意见已列为本轮需要关注的意见，只能评为部分整改或未整改"
            "（如要改评，请先在意见页删除那条意见）"
        )
    problem = mark_refusal(item, page) or _stale(
        page, item, since, lambda i: (i.status, i.note) == (status, note)
    )
    if problem:
        return problem
    if (status, note) == (item.status, item.note):
        return ""
    old = {"rectification_status": item.status, "rectification_note": item.note}
    item.status, item.note, item.marked_by, item.marked_at = status, note, user, timezone.now()
    item.save(update_fields=["status", "note", "marked_by", "marked_at"])
    new = {"rectification_status": status, "rectification_note": note}
    _record(item, user, "评定整改情况", old=old, new=new)
    return ""


@transaction.atomic
def carry(
    item: RectificationItem,
    page: Round,
    user: User,
    text: str,
    sections: list[str],
    since: int | None,
) -> str:
    """Make the item one of this round's concerns (a FindingEntry in its section and 片区) and
    link it as `repeated_as`, so the report opens it with 「与中期评估意见一致，」; `sections`:
    the sections this user writes (a party's own section stays the party's)."""
    text = text.strip() or item.concern
    if len(text) > RESPONSE_LIMIT:
        return f"意见不能超过 {RESPONSE_LIMIT} 字（现为 {len(text)} 字）"
    problem = mark_refusal(item, page) or _stale(page, item, since)
    if problem:
        return problem
    if item.section not in sections:
        return f"「{item.section}」部分的意见由该方填写，您不能列入"
    if item.status not in (RectificationItem.Status.PARTIAL, RectificationItem.Status.NOT_DONE):
        return "请先评定为「部分整改」或「未整改」，再列为本轮需要关注的意见"
    if item.repeated_as_id:
        return "这条意见已列为本轮需要关注的意见"
    problem = findings.zone_problem(page, item.section, item.zone)
    if problem:
        return f"不能列入本轮意见：{problem}"
    concern = findings.Draft(item.section, item.zone, FindingEntry.Kind.CONCERN, text, "")
    item.repeated_as = findings.store(page, user, concern)
    item.save(update_fields=["repeated_as"])
    _record(item, user, "列为本轮需要关注的意见", new={"text": text})
    return ""
