"""Synthetic on-site records of an invented evaluation (docs/onsite-rectification.md): the
station's self-scores, the concerns of an imagined mid-term and what became of them, the day's
agenda with the experts present, and interviews. Invented only, and the same for the same seed.

The imagined mid-term's report was issued on the first working day of the contract's seventh
month, each concern due the scheme's working days later: most are 已整改, one is 部分整改 and
repeated as a concern of this evaluation (a 服务质量 concern of its findings, which the report
then opens with 「与中期评估意见一致，」), and one is 未整改 with an extended deadline after the
fieldwork, so that no rectification veto changes the grade.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time
from decimal import Decimal

from .._calendar import WorkCalendar, from_chinesecalendar
from .._model import Evaluation, FindingKind, Kind
from .._numbers import ZERO
from .._onsite.model import (
    AgendaItem,
    Interview,
    Interviewee,
    OnSite,
    OnSiteActivity,
    RectificationItem,
    RectificationStatus,
    SelfScore,
)
from .._onsite.rectification import rectification_due
from .._scheme import Scheme

HALF = Decimal("0.5")
# Stations mostly score themselves a little above the experts: offsets in points, drawn.
SELF_OFFSETS = (Decimal(0), HALF, Decimal(1), Decimal(1), Decimal("1.5"), -HALF)

# (section, concern, response, status, note) of the imagined mid-term, in its report's order;
# the 部分整改 and 未整改 items are added apart (see the module docstring).
DONE_ITEMS = (
    (
        "项目管理",
        "督导记录中缺少每次的督导目标，建议社工站规范督导记录，写明每次督导的目标、内容及跟进情况。",
        "修订督导记录模板，增设「督导目标」栏，自修订之月起每次督导均填写目标及跟进。",
        "抽查考核期后段的督导记录，均已写明督导目标及跟进情况。",
    ),
    (
        "服务监测",
        "服务对象意见收集箱的意见未汇总，无跟进意见和整改举措等相关材料。",
        "每月开箱汇总服务对象意见，建立意见跟进台账，逐条回应。",
        "已建立意见跟进台账，近三个月的意见均有回应记录。",
    ),
    (
        "项目管理",
        "继续教育培训材料汇总不及时，部分培训签到及课件未归档。",
        "指定专人每月汇总继续教育材料，按人建立培训档案。",
        "培训档案按人整理完整。",
    ),
)
PENDING = (
    "项目管理",
    "社工站活动室的无障碍设施不完善，建议协调购买方改善场地条件，方便长者及残障服务对象使用。",
    "已向街道提交场地改造申请，改造方案已报送，待街道安排施工。",
    "涉及场地改造，经购买方同意延长整改期限，尚在期限内。",
)

AGENDA = (
    (OnSiteActivity.BRIEFING, time(9, 0), time(9, 40), "社工站项目负责人介绍运营及服务情况、各项指标完成情况"),
    (OnSiteActivity.SITE_VISIT, time(9, 40), time(10, 20), "查看社工站及各片区社工点的场地与设施"),
    (OnSiteActivity.DOCUMENTS, time(10, 20), time(12, 0), "查阅行政、人事管理制度及个案、小组、社区活动档案"),
    (OnSiteActivity.INTERVIEW, time(14, 0), time(15, 30), "分别访谈社工、服务对象和合作方"),
    (OnSiteActivity.FEEDBACK, time(16, 0), time(16, 40), "评估专家现场总结反馈，听取购买方的意见"),
)  # fmt: skip

# (对象类型, 对象, 人数, 时间, 内容); the last client interview supports the repeated concern.
INTERVIEWS = (
    (Interviewee.STAFF, "站长", 1, time(14, 0), "介绍人员配备、督导安排及整改落实情况。"),
    (Interviewee.STAFF, "片区社工", 3, time(14, 20), "介绍片区服务计划、个案跟进和探访安排。"),
    (Interviewee.CLIENT, "长者服务对象", 2, time(14, 45), "反映社工定期探访，对服务较为满意。"),
    (Interviewee.PARTNER, "社区居委会工作人员", 2, time(15, 5), "介绍与社工站在困难群众排查上的合作。"),
    (Interviewee.CLIENT, "困难家庭服务对象", 3, time(15, 15), "希望片区开展更多有特色的社区活动。"),
)  # fmt: skip


def synthetic_onsite(
    evaluation: Evaluation, scheme: Scheme, seed: int, base: OnSite | None = None
) -> OnSite:
    """`base` (the file lists and checks, if any) with invented self-scores, rectification
    items, agenda, experts present and interviews for `evaluation`."""
    rng = random.Random(f"onsite-{seed}")
    third = scheme.third_party
    experts = tuple(
        dict.fromkeys(s.judge for s in evaluation.scores if third and s.party == third.name)
    )
    return replace(
        base or OnSite(),
        self_scores=_self_scores(evaluation, scheme, rng),
        rectification=_rectification(evaluation, scheme),
        agenda=tuple(AgendaItem(*row) for row in AGENDA),
        interviews=_interviews(evaluation),
        experts_present=experts,
    )


def _self_scores(
    evaluation: Evaluation, scheme: Scheme, rng: random.Random
) -> tuple[SelfScore, ...]:
    """Each third-party dimension (per 片区 where scored so) at the experts' mean plus a drawn
    offset, in half points, within 0 and the dimension's full marks."""
    third = scheme.third_party
    if third is None:
        return ()
    out = []
    for dim in third.dimensions:
        zones: tuple[str | None, ...] = (
            tuple(z.name for z in evaluation.zones) if dim.per_zone else (None,)
        )
        for zone in zones:
            given = [
                s.score
                for s in evaluation.scores
                if s.party == third.name and s.dimension == dim.name and s.zone == zone
            ]
            if not given:
                continue
            mean = sum(given, ZERO) / len(given)
            value = (mean + rng.choice(SELF_OFFSETS)) / HALF
            own = min(max(value.to_integral_value() * HALF, ZERO), dim.scale)
            out.append(SelfScore(dim.name, zone, own))
    return tuple(out)


def _calendar(evaluation: Evaluation) -> WorkCalendar:
    start, end = evaluation.info.contract_start.year, evaluation.info.evaluation_date.year
    return from_chinesecalendar(range(start, end + 2))


def _rectification(evaluation: Evaluation, scheme: Scheme) -> tuple[RectificationItem, ...]:
    info = evaluation.info
    calendar = _calendar(evaluation)
    month = info.contract_start.month + 6
    first = date(info.contract_start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    issued = first if calendar.is_workday(first) else calendar.add_workdays(first, 1)
    rules = scheme.rectification
    due = rectification_due(issued, rules, calendar) if rules is not None else None
    raised = f"{info.contract_start.year}年度{Kind.MIDTERM.label}"

    mid = Kind.MIDTERM.value
    items = [
        RectificationItem(
            n, section, None, concern, raised, mid, due, response, RectificationStatus.DONE, note
        )
        for n, (section, concern, response, note) in enumerate(DONE_ITEMS, start=1)
    ]
    repeated = _repeated_concern(evaluation)
    if repeated is not None:
        zone, text = repeated
        items.append(
            RectificationItem(
                len(items) + 1, "服务质量", zone, text, raised, mid, due,
                "片区社工梳理了服务对象需求，初步形成片区特色服务方案。",
                RectificationStatus.PARTIAL,
                "特色服务方案已形成，服务经验尚未提炼，本轮评估再次提出。",
                repeated_as=text,
            )
        )  # fmt: skip
    section, concern, response, note = PENDING
    extended = calendar.add_workdays(info.evaluation_date, 20)
    items.append(
        RectificationItem(
            len(items) + 1, section, None, concern, raised, mid, extended, response,
            RectificationStatus.NOT_DONE, note,
        )
    )  # fmt: skip
    return tuple(items)


def _repeated_concern(evaluation: Evaluation) -> tuple[str, str] | None:
    """(片区, text) of this evaluation's first 服务质量 concern: raised at mid-term already."""
    return next(
        (
            (f.zone, f.text)
            for f in evaluation.findings
            if f.section == "服务质量" and f.kind is FindingKind.CONCERN and f.zone is not None
        ),
        None,
    )


def _interviews(evaluation: Evaluation) -> tuple[Interview, ...]:
    repeated = _repeated_concern(evaluation)
    out = []
    for i, (kind, who, people, at, summary) in enumerate(INTERVIEWS):
        last = i == len(INTERVIEWS) - 1
        finding = repeated[1] if last and repeated is not None else ""
        out.append(Interview(kind, who, people, at, summary, finding))
    return tuple(out)
