"""The optional sheets of the on-site records (docs/onsite-rectification.md): the station's
自评, the previous round's concerns followed at this round (整改跟进), the on-site day's agenda
with the experts present (实地评估安排) and the interview notes (访谈记录).

Layout as data, like `sheets`, and the rows of a filled workbook (`onsite_rows`):
`onsite_records` reads them, the writer lays them out. A workbook may leave any of them out; a
sheet with its header alone records nothing.
"""

from __future__ import annotations

from dataclasses import replace

from .._onsite.model import Interviewee, OnSite, OnSiteActivity, RectificationStatus
from .._scheme import Scheme
from .._sheets.cells import key
from .._sheets.columns import Column, SheetSpec, ValueKind

SELF_SCORES = SheetSpec(
    "自评",
    (
        Column(
            "评估内容",
            ValueKind.TEXT,
            help="第三方评估机构的评估内容（如服务监测），与「评分」表一致",
            width=14,
        ),
        Column(
            "片区",
            ValueKind.TEXT,
            required=False,
            help="仅按片区评分的评估内容（服务质量）可按片区填写；留空即整项自评",
            width=12,
        ),
        Column("自评得分", ValueKind.NUMBER, help="社工站自评的得分，满分与专家评分相同", width=10),
    ),
    "社工站在实地评估前报送的自评得分：每项评估内容（及片区）一行。报告「评估反馈」写出自评与专家评分的差距。",
    required=False,
    may_be_empty=True,
)

STATUS_CHOICES = tuple(s.value for s in RectificationStatus)
RECTIFICATION = SheetSpec(
    "整改跟进",
    (
        Column("序号", ValueKind.INTEGER, help="上一轮报告中意见的顺序号，不重复", width=6),
        Column("部分", ValueKind.TEXT, help="上一轮意见所在的部分，与「意见」表相同", width=12),
        Column("片区", ValueKind.TEXT, required=False, help="仅服务质量部分填写", width=12),
        Column("意见", ValueKind.TEXT, help="上一轮报告中需要关注的意见原文", width=60),
        Column(
            "提出于",
            ValueKind.TEXT,
            help="提出意见的评估，写明年度和中期或末期，如「2024年度中期评估」",
            width=18,
        ),
        Column(
            "整改期限",
            ValueKind.DATE,
            required=False,
            help="报告出具后按评估方案的工作日数推算；方案未设期限时可留空",
            width=12,
        ),
        Column("整改措施", ValueKind.TEXT, required=False, help="社工站的整改措施及佐证", width=40),
        Column(
            "整改情况",
            ValueKind.CHOICE,
            required=False,
            choices=STATUS_CHOICES,
            help="本轮专家的认定；留空表示尚未认定",
            width=10,
        ),
        Column("说明", ValueKind.TEXT, required=False, help="专家对整改情况的说明", width=40),
        Column(
            "本轮意见",
            ValueKind.TEXT,
            required=False,
            help="本轮仍提出同一问题时，填「意见」表中那条需要关注的意见原文；报告在其开头写明与上一轮意见一致",
            width=40,
        ),
    ),
    "上一轮评估报告中需要关注的意见及其整改情况：每条一行。报告列出「上一轮评估意见整改情况」表。",
    required=False,
    may_be_empty=True,
)

ACTIVITY_CHOICES = tuple(a.value for a in OnSiteActivity)
AGENDA = SheetSpec(
    "实地评估安排",
    (
        Column(
            "环节",
            ValueKind.CHOICE,
            required=False,
            choices=ACTIVITY_CHOICES,
            help="除只填出席专家的一行外都要填写",
            width=12,
        ),
        Column("开始", ValueKind.TIME, required=False, help="如 9:30", width=8),
        Column("结束", ValueKind.TIME, required=False, help="如 10:00；不早于开始", width=8),
        Column("说明", ValueKind.TEXT, required=False, help="地点或做了什么", width=40),
        Column(
            "出席专家",
            ValueKind.TEXT,
            required=False,
            help="出席实地评估的评估专家，多位用「、」分隔；填在任一行即可（通常填在第一行）",
            width=24,
        ),
    ),
    "实地评估当天的安排：每个环节一行，按时间顺序。报告的评估方法段落据此写出。",
    required=False,
    may_be_empty=True,
)

INTERVIEWEE_CHOICES = tuple(i.value for i in Interviewee)
INTERVIEWS = SheetSpec(
    "访谈记录",
    (
        Column("对象类型", ValueKind.CHOICE, choices=INTERVIEWEE_CHOICES, width=10),
        Column(
            "对象",
            ValueKind.TEXT,
            help="写身份，不写服务对象姓名，如「站长」「长者服务对象」",
            width=16,
        ),
        Column("人数", ValueKind.INTEGER, help="这次一起访谈的人数，至少 1 人", width=6),
        Column("时间", ValueKind.TIME, required=False, help="如 10:30", width=8),
        Column(
            "内容",
            ValueKind.TEXT,
            required=False,
            help="访谈要点；可能涉及个人，不写入报告内嵌的数据",
            width=60,
        ),
        Column(
            "相关意见",
            ValueKind.TEXT,
            required=False,
            help="这次访谈所支持的意见，填「意见」表中的原文",
            width=40,
        ),
    ),
    "实地评估中的访谈和实地查看记录：每次一行。报告写出访谈各类对象的次数和人数。",
    required=False,
    may_be_empty=True,
)

ONSITE_SHEETS: tuple[SheetSpec, ...] = (SELF_SCORES, RECTIFICATION, AGENDA, INTERVIEWS)
ONSITE_SHEET_KEYS = frozenset(key(spec.name) for spec in ONSITE_SHEETS)
EXPERT_SEPARATORS = "、，,;；/ "


def onsite_sheets(scheme: Scheme) -> tuple[SheetSpec, ...]:
    """The sheets with the drop-downs `scheme` decides: the third party's dimensions and the
    findings' sections."""
    third = scheme.third_party
    choices = {
        (SELF_SCORES.name, "评估内容"): tuple(d.name for d in third.dimensions) if third else (),
        (RECTIFICATION.name, "部分"): tuple(s.name for s in scheme.sections),
    }
    return tuple(
        replace(
            spec,
            columns=tuple(
                replace(c, choices=choices.get((spec.name, c.name), c.choices))
                for c in spec.columns
            ),
        )
        for spec in ONSITE_SHEETS
    )


def onsite_rows(spec: SheetSpec, onsite: OnSite | None) -> list[tuple[object, ...]]:
    """The rows of one of the sheets for `onsite` (model values; the writer makes them cells)."""
    if onsite is None:
        return []
    if spec.name == SELF_SCORES.name:
        return [(s.dimension, s.zone, s.score) for s in onsite.self_scores]
    if spec.name == RECTIFICATION.name:
        return [
            (
                i.number, i.section, i.zone, i.concern, i.raised_in, i.due, i.response or None,
                i.status, i.note or None, i.repeated_as or None,
            )
            for i in onsite.rectification
        ]  # fmt: skip
    if spec.name == AGENDA.name:
        experts = "、".join(onsite.experts_present) or None
        rows: list[tuple[object, ...]] = [
            (a.activity, a.start, a.end, a.note or None, experts if n == 0 else None)
            for n, a in enumerate(onsite.agenda)
        ]
        if experts and not rows:
            rows.append((None, None, None, None, experts))
        return rows
    return [
        (i.kind, i.who, i.people, i.at, i.summary or None, i.finding or None)
        for i in onsite.interviews
    ]
