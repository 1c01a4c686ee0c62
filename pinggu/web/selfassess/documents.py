"""The self-assessment's documents: the 自评报告 and supporting documents (佐证材料), each tagged
to a section of the report or an indicator of the scheme (or to the whole).

A document is read by the one guarded reader (uploads.read_document: type by content, size
bounded), stored in the database and served only as a download under its recognised type
(views.py). The same file uploaded twice for a round (a double click, a second tab) is stored
once; deleting a document another tab already deleted says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from pinggu import FileRefused, load_scheme

from .. import audit, uploads
from ..models import Round, SelfDocument

TITLE_LIMIT = 200


@dataclass(frozen=True)
class Tag:
    value: str  # "<kind>:<name>" as the form posts it; "" the whole self-assessment
    label: str
    group: str  # the choice list's group


def tags(round_: Round) -> list[Tag]:
    """What a document may be tagged to: the whole, a section the experts write (the report's
    sections but the other parties' own and 结语), or an indicator of the scheme."""
    scheme = load_scheme(round_.scheme)
    party_names = {p.name for p in scheme.parties}
    out = [Tag("", "整份自评（不对应具体部分或指标）", "")]
    out += [
        Tag(f"section:{s.name}", s.name, "评估报告的部分")
        for s in scheme.sections
        if s.name not in party_names and s.name != "结语"
    ]
    out += [
        Tag(f"indicator:{c.name}", f"{c.group}：{c.name}", "服务指标") for c in scheme.catalogue
    ]
    return out


class Refused(Exception):
    """A document not stored, and why (in Chinese)."""


def accept(
    round_: Round, upload: UploadedFile, user: User, kind: str, tag: str, title: str
) -> tuple[SelfDocument, bool]:
    """Store an uploaded document; (the document, whether it was new). Raises Refused."""
    if kind not in SelfDocument.Kind.values:
        raise Refused("请选择材料类别（自评报告或佐证材料）")
    known = {t.value for t in tags(round_)}
    if tag not in known:
        raise Refused("请从列表中选择材料对应的部分或指标")
    title = title.strip()
    if len(title) > TITLE_LIMIT:
        raise Refused(f"说明不能超过 {TITLE_LIMIT} 字（现为 {len(title)} 字）")
    try:
        document = uploads.read_document(upload)
    except FileRefused as exc:
        raise Refused(exc.message) from exc
    tag_kind, _, tag_name = tag.partition(":")
    try:
        return _store(round_, user, document, kind, tag_kind, tag_name, title)
    except IntegrityError:  # the same file stored at the same moment by another request
        same = SelfDocument.objects.get(round=round_, sha256=document.sha256)
        return same, False


@transaction.atomic
def _store(
    round_: Round,
    user: User,
    document: uploads.Document,
    kind: str,
    tag_kind: str,
    tag_name: str,
    title: str,
) -> tuple[SelfDocument, bool]:
    audit.lock(round_)
    same = SelfDocument.objects.filter(round=round_, sha256=document.sha256).first()
    if same is not None:
        return same, False
    stored = SelfDocument.objects.create(
        round=round_,
        kind=kind,
        tag_kind=tag_kind,
        tag=tag_name,
        title=title,
        filename=document.name,
        content_type=document.type.content_type,
        size=len(document.content),
        sha256=document.sha256,
        content=document.content,
        uploaded_by=user,
    )
    audit.record(
        round_,
        user,
        "上传自评材料",
        new={
            "filename": document.name,
            "document_kind": stored.get_kind_display(),
            "tag": label(stored),
        },
        subject=subject(stored.pk),
    )
    return stored, True


def label(document: SelfDocument) -> str:
    """What a document is tagged to, as a reader reads it."""
    if not document.tag:
        return "整份自评"
    return f"{document.get_tag_kind_display()}：{document.tag}"


def subject(document_id: int) -> str:
    return f"self-document:{document_id}"


@transaction.atomic
def remove(round_: Round, document_id: int, user: User) -> str:
    """Delete a document; a problem ("" none) when it is already gone."""
    audit.lock(round_)
    document = SelfDocument.objects.filter(round=round_, pk=document_id).first()
    if document is None:
        return "这份材料已被删除（可能在另一个标签页中）"
    old = {"filename": document.filename, "document_kind": document.get_kind_display()}
    document.delete()
    audit.record(round_, user, "删除自评材料", old=old, subject=subject(document_id))
    return ""


def listed(round_: Round) -> list[SelfDocument]:
    """The round's documents without their bytes (a page lists, it never loads them)."""
    return list(
        SelfDocument.objects.filter(round=round_).defer("content").select_related("uploaded_by")
    )
