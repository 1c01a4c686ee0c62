"""The team in (一) 社工站基本情况: staff at the end of the period by qualification and by 片区,
the changes over the period by kind, and the project lead, as the seeds state them.

Every part the workbook leaves out (the optional 片区 column of 到岗, the lead's items in 基本信息)
drops its sentence rather than printing an empty or invented one.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .._engine import Result
from .._model import STATION_WIDE, AttendanceRow, Qualification
from .._numbers import ZERO
from .marks import Text, day, joined, number
from .staffing_findings import change_kinds, worker_rows

# Positions whose holder is the project lead when 基本信息 names none.
LEAD_POSITIONS = ("站长", "项目主任", "项目负责人")


def staff_paragraph(result: Result) -> Text:
    """「截至…，社工站配备社工22名，其中持证社工17名（…），非持证社工5名；…」 and the lead."""
    return Text.of(_staff_sentence(result), _zone_sentence(result), _lead_sentence(result))


def _staff_sentence(result: Result) -> Text:
    info, t = result.evaluation.info, result.staffing.turnover
    total = t.end_certified + t.end_uncertified
    levels = [
        Text.of(
            q.short if q is not None else "持证（未注明等级）",
            "资格",
            number(f"人员·期末·{q.short if q else '未注明'}", Decimal(n)),
            "名",
        )
        for q, n in t.end_by_qualification
        if q is None or q.certified
    ]
    known = any(q is not None for q, _ in t.end_by_qualification if q is None or q.certified)
    detail = Text.of("（", joined(levels, "，"), "）") if known else None
    return Text.of(
        "截至",
        day("基本信息·考核期结束", info.period_end),
        "，社工站配备社工",
        number("人员·期末社工", Decimal(total)),
        "名，其中持证社工",
        number("人员·期末持证", Decimal(t.end_certified)),
        "名",
        detail,
        "，非持证社工",
        number("人员·期末非持证", Decimal(t.end_uncertified)),
        "名；",
        _changes(result),
    )


def _changes(result: Result) -> Text:
    """「考核期内新入职3名（其中调入1名）、离职4名（提前解除劳动合同1名、试用期离职1名、其他2名）。」"""
    t = result.staffing.turnover
    joined_by, left_by = change_kinds(result)
    return Text.of(
        "考核期内新入职",
        number("人员·入职", Decimal(len(t.joiners))),
        "名",
        _kinds("人员·入职", joined_by, len(t.joiners), "其中"),
        "、离职",
        number("人员·离职", Decimal(len(t.leavers))),
        "名",
        _kinds("人员·离职", left_by, len(t.leavers), ""),
        "。",
    )


def _kinds(key: str, counts: list[tuple[str, int]], total: int, lead: str) -> Text | None:
    """The counts by kind in brackets, the rest as 其他 so they add up; None when no kind is said."""
    if not counts:
        return None
    parts = [Text.of(kind, number(f"{key}·{kind}", Decimal(n)), "名") for kind, n in counts]
    rest = total - sum(n for _, n in counts)
    if rest and not lead:
        parts.append(Text.of("其他", number(f"{key}·其他", Decimal(rest)), "名"))
    return Text.of("（", lead, joined(parts), "）")


def _end_rows(result: Result) -> list[AttendanceRow]:
    """The last in-post row of each worker in post in the period's last month."""
    last = max((r.month for r in result.evaluation.attendance), default=None)
    ends = [rows[-1] for rows in worker_rows(result).values()]
    return [r for r in ends if r.month == last and r.value > ZERO]


def _zone_sentence(result: Result) -> Text | None:
    """「期末各片区配备社工：第一片区6名、第二片区7名，全站岗位2名。」 when 到岗 has a 片区 column."""
    rows = _end_rows(result)
    if not any(r.zone for r in rows):
        return None
    count = Counter(r.zone for r in rows)
    parts = [
        Text.of(z.name, number(f"人员·期末·片区·{z.name}", Decimal(count[z.name])), "名")
        for z in result.evaluation.zones
        if count[z.name]
    ]
    extra = [
        Text.of(label, number(f"人员·期末·片区·{label}", Decimal(count[zone])), "名")
        for zone, label in ((STATION_WIDE, "全站岗位"), ("", "未注明片区"))
        if count[zone]
    ]
    return Text.of(
        "期末各片区配备社工：", joined(parts), "，" if extra else None, joined(extra), "。"
    )


def _lead_sentence(result: Result) -> Text | None:
    """「社工站项目负责人张三持有中级社工师资格，在行业内从业12年。」, from what is known."""
    info = result.evaluation.info
    name = info.lead or _lead_from_positions(result)
    level = info.lead_qualification
    certified: bool | None = None if level is None else level.certified
    if level is None and name:
        mine = [r for r in result.evaluation.attendance if r.name == name and r.value > ZERO]
        if mine:
            last = max(mine, key=lambda r: r.month)
            level, certified = last.qualification, last.certified
    said = []
    if level is not None and level is not Qualification.NONE:
        said.append(Text.of(f"持有{level.short}资格"))
    elif certified is not None:
        said.append(
            Text.of("持有社会工作者职业资格证书" if certified else "未持有社会工作者职业资格证书")
        )
    if info.lead_years is not None:
        years = number("基本信息·负责人从业年限", Decimal(info.lead_years))
        said.append(Text.of("在行业内从业", years, "年"))
    if not said:
        return None
    return Text.of(f"社工站项目负责人{name or ''}", joined(said, "，"), "。")


def _lead_from_positions(result: Result) -> str | None:
    """The one worker whose 岗位 is 站长 (or 项目主任) in the period, if there is exactly one."""
    names = {r.name for r in result.evaluation.attendance if r.position in LEAD_POSITIONS}
    return names.pop() if len(names) == 1 else None
