"""三、评价结论与绩效分析: the 自评表's result in words, and where points were lost and why.

The conclusion names each part's score, the total and the grade (the same keys as the 自评表,
so the audit holds them to the table); the analysis speaks only of what fell short — a budget
not wholly spent or overspent, each indicator below its 分值 with the 偏差原因 the station gave
— and says in one sentence when nothing did.
"""

from __future__ import annotations

from ..._performance.model import TargetDirection
from ..._performance.scoring import MISSING, PerformanceResult, TargetScore
from ..marks import Text, joined, number, points, total
from .form import actual_text, row_key, target_text
from .money import rate_percent


def conclusion(scored: PerformanceResult) -> Text:
    """「根据项目支出绩效自评表（见附件），本项目预算执行率得分10.00分（分值10分），…，自评总分为
    98.20分，评价等级为“优”。」"""
    parts = [
        Text.of(
            scored.scheme.budget_name,
            "得分",
            points(
                "自评表·预算执行率·得分", scored.budget_points.value, scored.budget_points.explain()
            ),
            "分（分值",
            number("自评表·预算执行率·分值", scored.scheme.budget_points),
            "分）",
        )
    ]
    keys = ["自评表·预算执行率·得分"]
    for level in scored.levels:
        name = level.level.value
        keys.append(f"自评表·{name}·得分")
        parts.append(
            Text.of(
                name,
                "得分",
                points(keys[-1], level.points.value, level.points.explain()),
                "分（分值",
                number(f"自评表·{name}·分值", level.allotted),
                "分）",
            )
        )
    return Text.of(
        "根据项目支出绩效自评表（见附件），本项目",
        joined(parts, "，"),
        "，自评总分为",
        total("自评表·总分", scored.total.value, tuple(keys), True, scored.total.explain()),
        f"分，评价等级为“{scored.grade.name}”。",
    )


def analysis_paragraphs(scored: PerformanceResult) -> list[Text]:
    out = [_budget(scored)]
    short = [(i, r) for i, r in enumerate(scored.rows, start=1) if r.points.value < r.target.points]
    if not short:
        out.append(Text.of("各项绩效指标均达到指标值，均得满分。"))
        return out
    out += [_shortfall(i, r) for i, r in short]
    out.append(Text.of("其余绩效指标均达到指标值，得满分。"))
    return out


def _budget(scored: PerformanceResult) -> Text:
    rate = scored.execution_rate
    assert rate is not None  # content.py refuses a report without a budget
    cap = scored.scheme.budget_cap
    spent = ("资金·全年执行数", "资金·全年预算数")
    if rate.value > cap:
        return Text.of(
            "全年执行数超过全年预算数，预算执行率为",
            rate_percent("资金·预算执行率", rate.value, spent, rate.explain()),
            "，按",
            number("方案·预算执行率·上限", cap),
            "%计分。",
        )
    if scored.budget_points.value >= scored.scheme.budget_points:
        return Text.of("项目预算全部执行，预算执行率得满分。")
    return Text.of(
        "全年执行数未达到全年预算数，预算执行率为",
        rate_percent("资金·预算执行率", rate.value, spent, rate.explain()),
        "，得分",
        points(
            "自评表·预算执行率·得分", scored.budget_points.value, scored.budget_points.explain()
        ),
        "分。",
    )


def _shortfall(index: int, row: TargetScore) -> Text:
    """「产出指标“专业个案结案数”指标值为≥90个，实际完成77个，得分8.56分（分值10分）；偏差原因：…。」"""
    t = row.target
    head = Text.of(t.level1.value, f"“{t.level3}”")
    scored = Text.of(
        "得分",
        points(row_key(index, "得分"), row.points.value, row.points.explain()),
        "分（分值",
        number(row_key(index, "分值"), t.points),
        "分）",
    )
    if t.direction is TargetDirection.QUALITATIVE:
        if row.actual_text == MISSING and t.score is None:
            what = Text.of("为定性指标，尚未评分，")
        else:
            what = Text.of(
                "为定性指标，指标值为",
                target_text(index, t),
                "，完成情况为",
                actual_text(index, row, marked=False),
                "，",
            )
        note = f"，评分说明：{t.note}" if t.note else ""
        reason = f"；偏差原因：{t.reason.rstrip('。；;')}" if t.reason else ""
        return Text.of(head, what, scored, note, reason, "。")
    if row.actual is None:
        return Text.of(head, "未填写实际完成值，", scored, _reason(t.reason), "。")
    return Text.of(
        head,
        "指标值为",
        target_text(index, t),
        "，实际完成",
        actual_text(index, row, marked=False),
        "，",
        scored,
        _reason(t.reason),
        "。",
    )


def _reason(reason: str) -> str:
    return f"；偏差原因：{reason.rstrip('。；;')}" if reason else "；未说明偏差原因"
