"""The demo's self-assessment and on-site day: the 示例 final round gets the station's
self-scores (a little above the experts', as stations tend to score themselves), two documents
(a one-page PDF 自评报告 and a PNG photo of a notice board, both made here in code), the day's
agenda, the experts present and three interview notes, one supporting a finding of the round.
Loading it twice changes nothing. Everything is invented.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections import defaultdict
from datetime import time
from decimal import Decimal

from django.contrib.auth.models import User

from pinggu import Interviewee, OnSiteActivity, load_scheme

from .. import audit
from ..models import (
    AgendaEntry,
    InterviewEntry,
    OnSiteAttendance,
    Round,
    ScoreEntry,
    SelfDocument,
    SelfScoreEntry,
    Station,
)

# Added to the experts' mean per dimension, in turn: the station's own view of itself.
OFFSETS = (Decimal("1.5"), Decimal("0.5"), Decimal("2"), Decimal("1"), Decimal("0"))
AGENDA = (
    (OnSiteActivity.BRIEFING, time(9, 0), time(9, 40), "站点会议室：站长汇报年度服务与自评情况"),
    (OnSiteActivity.SITE_VISIT, time(9, 40), time(10, 10), "服务站场地、功能室和宣传栏"),
    (OnSiteActivity.DOCUMENTS, time(10, 10), time(11, 40), "抽查个案、小组、社区活动文书"),
    (OnSiteActivity.INTERVIEW, time(11, 40), time(12, 20), "社工、服务对象、合作方分别访谈"),
    (OnSiteActivity.SURVEY, time(14, 0), time(15, 30), "电话抽访服务对象"),
    (OnSiteActivity.FEEDBACK, time(15, 30), time(16, 0), "向站点和街道反馈初步意见"),
)
# (对象类型, 对象, 人数, 时间, 内容, words of the round's concern the note supports, "" none)
INTERVIEWS = (
    (
        Interviewee.STAFF,
        "站长及一线社工",
        4,
        time(11, 40),
        "社工介绍了个案、小组的开展情况；翻阅计划书时，个案和小组的目标多为笼统表述，"
        "较少写出可衡量的目标，成效评估以满意度为主。",
        "目标设计不够具体",
    ),
    (
        Interviewee.CLIENT,
        "独居长者",
        2,
        time(12, 0),
        "两位长者表示社工每月上门探访，节日有慰问；其中一位表示电话问候有时一周几次，略感打扰。",
        "电访过于频繁",
    ),
    (
        Interviewee.PARTNER,
        "社区居委会工作人员",
        1,
        time(12, 10),
        "居委会与服务站联合开展社区活动，信息沟通顺畅。",
        "",
    ),
)


def load_onsite_demo(
    stations: dict[str, Station], users: dict[str, User], created: list[str]
) -> None:
    round_ = Round.objects.filter(station=stations["示例"], kind="final").first()
    if round_ is None or not round_.scores.exists():
        return
    station_user, expert = users["station_shili"], users["expert1"]
    made = []
    if not round_.self_scores.exists():
        made.append(f"自评得分 {_self_scores(round_, station_user)} 项")
    if not round_.self_documents.exists():
        _documents(round_, station_user)
        made.append("自评材料 2 份")
    if not round_.agenda.exists():
        _agenda(round_, [users["expert1"], users["expert2"]])
        made.append(f"实地评估安排 {len(AGENDA)} 个环节")
    if not round_.interviews.exists():
        _interviews(round_, expert)
        made.append(f"访谈记录 {len(INTERVIEWS)} 条")
    if made:
        # An entry like any other change, so the round's stored result is recomputed.
        audit.record(
            round_,
            users["coordinator"],
            "导入自评和实地评估记录",
            new={"text": "、".join(made)},
        )
        created.append(f"自评和实地评估：{round_}（{'、'.join(made)}）")


def _self_scores(round_: Round, by: User) -> int:
    scheme = load_scheme(round_.scheme)
    party = scheme.third_party
    assert party is not None, "the demo's scheme has a third party"
    scales = {d.name: d.scale for d in party.dimensions}
    given: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for s in ScoreEntry.objects.filter(round=round_, party=party.name):
        given[(s.dimension, s.zone)].append(s.score)
    for n, ((dimension, zone), scores) in enumerate(sorted(given.items())):
        mean = sum(scores, Decimal(0)) / len(scores)
        halves = ((mean + OFFSETS[n % len(OFFSETS)]) * 2).quantize(Decimal(1)) / 2  # x.0 or x.5
        own = min(scales[dimension], halves)
        SelfScoreEntry.objects.create(
            round=round_, dimension=dimension, zone=zone, score=own, entered_by=by
        )
    return len(given)


def _documents(round_: Round, by: User) -> None:
    files = (
        (
            SelfDocument.Kind.REPORT,
            "",
            "",
            "2023年度自评报告",
            "示例街社工站自评报告.pdf",
            "application/pdf",
            _pdf(),
        ),
        (
            SelfDocument.Kind.EVIDENCE,
            SelfDocument.Tag.INDICATOR,
            "社区活动（大型）",
            "社区活动宣传栏照片",
            "社区活动宣传栏.png",
            "image/png",
            _png(),
        ),
    )
    for kind, tag_kind, tag, title, filename, content_type, content in files:
        SelfDocument.objects.create(
            round=round_,
            kind=kind,
            tag_kind=tag_kind,
            tag=tag,
            title=title,
            filename=filename,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_by=by,
        )


def _agenda(round_: Round, experts: list[User]) -> None:
    for order, (activity, start, end, note) in enumerate(AGENDA):
        AgendaEntry.objects.create(
            round=round_, order=order, activity=activity.value, start=start, end=end, note=note
        )
    names = [u.get_full_name() or u.username for u in experts]
    OnSiteAttendance.objects.get_or_create(round=round_, defaults={"experts_present": names})


def _interviews(round_: Round, by: User) -> None:
    for n, (kind, who, people, at, summary, words) in enumerate(INTERVIEWS):
        concerns = round_.findings.filter(kind="concern", text__contains=words)
        finding = concerns.order_by("id").first() if words else None
        InterviewEntry.objects.create(
            round=round_,
            kind=kind.value,
            who=who,
            people=people,
            at=at,
            summary=summary,
            finding=finding,
            author=by,
            token=f"demo-{n}",
        )


def _pdf() -> bytes:
    """A one-page PDF that says what it is (ASCII: a demo needs no embedded Chinese font)."""
    text = b"BT /F1 18 Tf 72 720 Td (Self-assessment report - demo document) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _png(width: int = 48, height: int = 32) -> bytes:
    """A small picture: a notice board (a frame around three coloured notices)."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            frame = x < 2 or y < 2 or x >= width - 2 or y >= height - 2
            notice = 6 <= y < 26 and (6 <= x < 18 or 20 <= x < 30 or 32 <= x < 44)
            colour = (120, 80, 40) if frame else (250, 220, 90) if notice else (200, 225, 200)
            row += bytes(colour)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
