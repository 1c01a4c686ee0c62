"""The demo's rectification part: the 示例 station's mid-term (报告已出具, 定稿) has its concerns
listed as items when its report was issued, each answered by the station; its final (报告已出具)
marked them — most 已整改, those the final raises again 部分整改 and linked as the final's
concern (「与中期评估意见一致，」), one 未整改 — and its own concerns are items in turn.
Loading it twice changes nothing. Everything is invented.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from .. import audit
from ..models import FindingEntry, RectificationItem, Round, Station
from ..rectification.issue import raise_items
from ..rectification.items import following_round
from ..rounds.workflow import LOCKING_STEP, calendar

# The station's 整改措施 by section (its own words, as stations write them).
RESPONSES = {
    "项目管理": "已召开全站整改会议，对照意见逐项自查，补充完善相关制度和资料，由项目负责人每月复核一次。",
    "服务质量": "片区负责人已组织社工逐份检查相关档案和服务记录，按意见修改完善，并在督导中加强指导和抽查。",
    "服务监测": "已指定专人负责整理归档，按月补充相关记录和材料，并在每月站务会上通报完成情况。",
    "服务成效": "已制定整改计划，明确责任社工和完成时限，相关制度和服务记录正在逐步完善。",
    "购买方": "已与街道相关科室沟通，按街道要求调整服务安排，并每季度向街道报告进展。",
    "督导中心": "已与督导中心督导沟通，制定专业成长和服务联动计划，每月检视执行情况。",
    "监督方": "已按区民政局要求开展自查自纠，完善相关管理制度，落实专人负责并按时报备。",
}
DONE_NOTE = "查阅整改台账和相关文书，已按意见落实整改。"
PARTIAL_NOTE = "已有改进，但仍未完全落实，本轮继续关注。"
NOT_DONE_NOTE = "未见整改措施落实的痕迹，相关材料仍未补充。"


def load_rectification_demo(
    stations: dict[str, Station], users: dict[str, User], created: list[str]
) -> None:
    station = stations["示例"]
    midterm = station.rounds.filter(kind=Round.Kind.MIDTERM).first()
    final = following_round(midterm) if midterm is not None else None
    if midterm is None or final is None or midterm.rectification_items.exists():
        return
    coordinator, expert = users["coordinator"], users["expert1"]
    _raise(midterm, coordinator)
    for item in midterm.rectification_items.all():
        item.response = RESPONSES.get(item.section, RESPONSES["服务成效"])
        item.responded_by = users["station_shili"]
        item.responded_at = _at(item.issued_on + timedelta(days=10))
        item.save()
    marks = _mark(midterm, final, expert)
    summary = "；".join(f"{status} {n} 条" for status, n in marks.items())
    for round_ in (midterm, final):
        audit.record(
            round_,
            expert,
            f"评定整改情况（{midterm}，演示数据）",
            new={"rectification_status": summary},
        )
    _raise(final, coordinator)
    created.append(f"整改跟进：{midterm} 的意见 {sum(marks.values())} 条，在{final}中评定")


def _raise(round_: Round, by: User) -> None:
    """The round's items as its report was issued (on the demo's issue date)."""
    issued = round_.steps.filter(step=LOCKING_STEP).first()
    if issued is not None and not round_.rectification_items.exists():
        raise_items(round_, issued.completed_on, by, calendar())


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _mark(midterm: Round, final: Round, expert: User) -> dict[str, int]:
    """A concern the final raises again is 部分整改 and linked to it; the first of the others in
    服务成效 is 未整改; the rest 已整改."""
    again = {
        (f.section, f.zone, f.text): f
        for f in final.findings.filter(kind=FindingEntry.Kind.CONCERN)
    }
    counts = {s: 0 for s in RectificationItem.Status.values}
    not_done_left = True
    for item in midterm.rectification_items.order_by("number"):
        repeated = again.pop((item.section, item.zone, item.concern), None)
        if repeated is not None:
            item.status, item.note, item.repeated_as = "部分整改", PARTIAL_NOTE, repeated
        elif not_done_left and item.section == "服务成效":
            item.status, item.note, not_done_left = "未整改", NOT_DONE_NOTE, False
        else:
            item.status, item.note = "已整改", DONE_NOTE
        item.marked_by, item.marked_at = expert, _at(final.fieldwork_date)
        item.save()
        counts[item.status] += 1
    return counts
