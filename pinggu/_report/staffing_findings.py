"""Draft findings on the team (项目管理): attendance, retention, experience, training, money, pay.

Each states the fact with its figures, the cause where the 到岗 sheet shows one (who left or
joined, when and how, from its 备注), the requirement, and a suggestion that follows from them.
Staffing is judged the way the scheme says (netted over the period by default), so a month short
but made up over the period is context in a strength, never a concern of its own.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .._engine import Result
from .._model import AttendanceRow, FindingKind
from .._numbers import HUNDRED, ZERO
from .attendance import StaffingNums, staffing_nums
from .marks import Num, Text, joined, number, percent

_Draft = tuple[FindingKind, str, Text]

# How a leaver left, as the 到岗 sheet's 备注 says it (a word in the note), the kind the basic
# facts count it as, and the suggestion that follows.
LEAVING_KINDS = (
    ("试用期", "试用期离职", "加强对新入职社工试用期的督导和支持"),
    ("解除", "提前解除劳动合同", "了解社工提前解除劳动合同的原因，完善薪酬激励和职业发展支持"),
    ("调出", "调出", "人员调出前做好岗位补充和工作交接"),
)
JOINING_KINDS = (("调入", "调入"),)  # how a joiner came, likewise
LEAVING_WORDS = ("离职", "辞职", "解除", "调出", "试用期")


def staffing_drafts(result: Result) -> list[_Draft]:
    codes = {w.code for w in result.warnings}
    n = staffing_nums(result)
    retention_low = "retention_low" in codes
    # The cause (who left and joined) is told once: in the retention concern when there is
    # one, else in the attendance concern.
    out = [_attendance_draft(result, n, with_cause=not retention_low)]
    out.append(_retention_draft(result, n, retention_low))
    if n.experienced_share is not None:
        ok = "experienced_low" not in codes
        minimum = percent("方案·从业2年以上占比下限", result.scheme.staffing.experienced_share_min)
        figures = Text.of(
            "从业2年以上社工到岗",
            n.experienced,
            "人次，占实到",
            n.actual,
            "人次的",
            n.experienced_share,
        )
        if ok:
            out.append(
                (
                    FindingKind.STRENGTH,
                    "experienced",
                    Text.of(figures, "，达到不低于", minimum, "的要求，团队从业经验较为充足。"),
                )
            )
        else:
            out.append(
                (
                    FindingKind.CONCERN,
                    "experienced",
                    Text.of(
                        figures,
                        "，未达到不低于",
                        minimum,
                        "的要求。建议社工站在招聘和岗位安排中注重从业经验，"
                        "由资深社工带教新入职社工。",
                    ),
                )
            )
    return out + _money_drafts(result) + _pay_drafts(result)


def _balance(key: str, shortfall: Num, surplus: Decimal) -> Text:
    """「缺3人次」, 「超配7人次」 or 「与应到持平」."""
    if shortfall.value > ZERO:
        return Text.of("缺", shortfall, "人次")
    if surplus > ZERO:
        return Text.of("超配", number(key, surplus), "人次")
    return Text.of("与应到持平")


def _attendance_figures(result: Result, n: StaffingNums) -> Text:
    """应到 and 实到, all and certified, judged as the scheme says (netted or month by month)."""
    s = result.staffing
    netted = result.scheme.staffing.shortfall != "per_month"
    how = "按考核期累计计算" if netted else "按月逐月计算"
    short_all, short_cert = n.shortfall.value > ZERO, n.certified_shortfall.value > ZERO
    miss = "，未达到协议约定的人员配备要求"
    return Text.of(
        "社工总人数应到",
        n.required,
        "人次，实到",
        n.actual,
        "人次，",
        how,
        _balance("到岗·超配", n.shortfall, s.surplus.value),
        miss if short_all else None,
        "；持证社工应到",
        n.certified_required,
        "人次，实到",
        n.certified_actual,
        "人次，",
        _balance("到岗·持证超配", n.certified_shortfall, s.certified_surplus.value),
        miss.replace("人员", "持证社工") if short_cert else None,
    )


def _short_months(result: Result) -> Text:
    """The months short of 应到, each with its 实到 and 应到."""
    return joined(
        [
            Text.of(
                f"{m.month.year}年{m.month.month}月（实到",
                number(f"到岗·{m.month}·实到", m.actual),
                "人次，应到",
                number(f"到岗·{m.month}·应到", m.required),
                "人次）",
            )
            for m in result.staffing.months
            if m.short
        ]
    )


def _attendance_draft(result: Result, n: StaffingNums, with_cause: bool) -> _Draft:
    s = result.staffing
    short_all, short_cert = n.shortfall.value > ZERO, n.certified_shortfall.value > ZERO
    figures = _attendance_figures(result, n)
    short = [m for m in s.months if m.short]
    cert_short = [f"{m.month.year}年{m.month.month}月" for m in s.months if m.certified_short]
    months = _short_months(result)
    if not short_all and not short_cert:
        context = None
        if short or cert_short:
            which = Text.of(months, "社工") if short else Text.of("、".join(cert_short), "持证社工")
            context = Text.of(
                "其中",
                which,
                "当月到岗少于应到，缺口已在考核期内的其他月份补足。",
            )
        return (
            FindingKind.STRENGTH,
            "attendance",
            Text.of(figures, "，人员配备达到协议要求。", context),
        )
    detail = []
    if short:
        detail.append(Text.of("到岗不足的月份为", months))
    if cert_short:
        detail.append(Text.of("持证社工到岗不足的月份为", "、".join(cert_short)))
    return (
        FindingKind.CONCERN,
        "attendance",
        Text.of(
            figures,
            "。",
            Text.of(joined(detail, "；"), "。") if detail else None,
            changes(result) if with_cause else None,
            "建议社工站及时补充空缺岗位，保障各片区的服务力量。",
        ),
    )


def _retention_draft(result: Result, n: StaffingNums, low: bool) -> _Draft:
    minimum = percent("方案·稳岗率下限", result.scheme.staffing.retention_min)
    figures = Text.of(
        "考核期内每月均在岗的社工",
        n.continuous,
        "人，协议社工",
        n.contracted,
        "人，稳岗率为",
        n.retention,
    )
    if not low:
        return (
            FindingKind.STRENGTH,
            "retention",
            Text.of(figures, "，达到不低于", minimum, "的要求，服务团队相对稳定。"),
        )
    advice = [a for word, _, a in LEAVING_KINDS if word in _leaving_notes(result)]
    advice.append("做好人才储备")
    return (
        FindingKind.CONCERN,
        "retention",
        Text.of(
            figures,
            "，未达到不低于",
            minimum,
            "的要求。",
            changes(result),
            f"建议社工站{'，'.join(advice)}，稳定服务团队。",
        ),
    )


def worker_rows(result: Result) -> dict[str, list[AttendanceRow]]:
    rules = result.scheme.staffing
    rows: dict[str, list[AttendanceRow]] = defaultdict(list)
    for r in sorted(result.evaluation.attendance, key=lambda r: r.month):
        if not rules.excludes(r.position):
            rows[r.name].append(r)
    return rows


def _how(rows: list[AttendanceRow], leaving: bool) -> str:
    """「2023年9月，9月30日提前解除劳动合同」: the month and the 备注 that says how."""
    in_post = [r for r in rows if r.value > ZERO]
    if not in_post:
        return ""
    row = in_post[-1] if leaving else in_post[0]
    month = f"{row.month.year}年{row.month.month}月"
    notes = [r.note.strip() for r in rows if r.note.strip()]
    words = LEAVING_WORDS if leaving else ("入职", "调入")
    said = next((note for note in notes if any(w in note for w in words)), "")
    if said.startswith("已") or said.startswith("未"):
        said = ""
    if not said:
        return f"{month}{'离职' if leaving else '入职'}"
    if said.startswith(f"{row.month.month}月"):  # 「9月30日离职」: the year is the month's
        return f"{row.month.year}年{said}"
    return f"{month}，{said}"


def change_kinds(result: Result) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Joiners and leavers by the kind their 备注 names, in a fixed order; unnamed ones left out."""
    rows, t = worker_rows(result), result.staffing.turnover

    def count(names: tuple[str, ...], kinds: tuple[tuple[str, str], ...]) -> list[tuple[str, int]]:
        found = []
        for name in names:
            notes = "".join(r.note for r in rows[name])
            found.append(next((kind for word, kind in kinds if word in notes), None))
        return [(kind, found.count(kind)) for _, kind in kinds if kind in found]

    leaving = tuple((word, kind) for word, kind, _ in LEAVING_KINDS)
    return count(t.joiners, JOINING_KINDS), count(t.leavers, leaving)


def _leaving_notes(result: Result) -> str:
    rows = worker_rows(result)
    return "".join(r.note for name in result.staffing.turnover.leavers for r in rows[name])


def changes(result: Result) -> Text | None:
    """Who left and who joined, when and how: the cause of a shortfall or a low retention."""
    t = result.staffing.turnover
    if not t.leavers and not t.joiners:
        return None
    rows = worker_rows(result)
    parts = []
    if t.leavers:
        who = "、".join(f"{name}（{_how(rows[name], True)}）" for name in t.leavers)
        parts.append(Text.of("离职", number("人员·离职", Decimal(len(t.leavers))), f"名：{who}"))
    if t.joiners:
        who = "、".join(f"{name}（{_how(rows[name], False)}）" for name in t.joiners)
        parts.append(Text.of("新入职", number("人员·入职", Decimal(len(t.joiners))), f"名：{who}"))
    return Text.of("考核期内", joined(parts, "；"), "。")


def _money_drafts(result: Result) -> list[_Draft]:
    s, info = result.staffing, result.evaluation.info
    out = []
    if (
        s.training_ratio is not None
        and info.training_hours_required
        and info.training_hours_done is not None
    ):
        req = number("基本信息·继续教育要求时数", info.training_hours_required)
        done = number("基本信息·继续教育完成时数", info.training_hours_done)
        ratio = percent("到岗·继续教育完成比例", s.training_ratio.value, (done.key, req.key))
        ok = s.training_ratio.value >= HUNDRED
        out.append(
            (
                FindingKind.STRENGTH if ok else FindingKind.CONCERN,
                "training",
                Text.of(
                    "继续教育方面，评估要求时数为",
                    req,
                    "小时，社工站实际完成",
                    done,
                    "小时，完成比例为",
                    ratio,
                    "，达到要求时数。"
                    if ok
                    else "，未达到要求时数。建议社工站落实年度培训计划，督促每位社工完成继续教育时数。",
                ),
            )
        )
    if (
        s.personnel_cost_ratio is not None
        and info.annual_spending
        and info.personnel_spending is not None
    ):
        spent = number("基本信息·人员费用支出", info.personnel_spending)
        whole = number("基本信息·年度支出总额", info.annual_spending)
        ratio = percent(
            "到岗·人员费用支出比例", s.personnel_cost_ratio.value, (spent.key, whole.key)
        )
        vetoed = any(v.rule_id == "personnel_cost" for v in result.vetoes)
        out.append(
            (
                FindingKind.CONCERN if vetoed else FindingKind.STRENGTH,
                "personnel_cost",
                Text.of(
                    "人员费用支出",
                    spent,
                    "元，占年度支出总额",
                    whole,
                    "元的",
                    ratio,
                    "，低于规定比例。建议社工站按规定比例安排人员经费，保障社工待遇。"
                    if vetoed
                    else "，符合人员费用支出比例的要求。",
                ),
            )
        )
    return out


def _pay_drafts(result: Result) -> list[_Draft]:
    """Full months in post without insurance or salary and no note (as pay_warnings finds them)."""
    codes = {w.code for w in result.warnings}
    rules = result.scheme.staffing
    counted = [r for r in result.evaluation.attendance if not rules.excludes(r.position)]
    out = []
    for code, what, duty, missing in (
        ("insurance_missing", "未缴纳社会保险", "为在岗社工按月缴纳社会保险", "insured"),
        ("salary_missing", "未发放工资", "按月足额发放在岗社工的工资", "paid"),
    ):
        if code not in codes:
            continue
        hits = [
            f"{r.name}（{r.month.year}年{r.month.month}月）"
            for r in counted
            if r.value == 1 and not getattr(r, missing) and not r.note.strip()
        ]
        out.append(
            (
                FindingKind.CONCERN,
                code,
                Text.of(
                    f"到岗表显示{'、'.join(hits)}全月在岗，但当月{what}，也未注明原因。"
                    f"社工站应{duty}，建议社工站核实原因并补充说明。"
                ),
            )
        )
    if "excluded_position" in codes:
        names = "、".join(result.staffing.excluded)
        out.append(
            (
                FindingKind.CONCERN,
                "excluded_position",
                Text.of(
                    f"到岗表中的{names}不属社工岗位，未计入社工到岗人次。"
                    "建议社工站核实上述人员是否占用社工名额，并如实说明。"
                ),
            )
        )
    return out
