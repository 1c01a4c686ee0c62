"""Warnings: what an evaluator should look at that is not a veto.

Each warning has a stable code (for the web app and tests) and a Chinese message with its
figures. The codes are documented in docs/warnings.md, kept in step by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ._indicators import IndicatorResult
from ._model import AttendanceRow, Kind
from ._numbers import plain
from ._scheme import Scheme
from ._scoring import Scores
from ._staffing import MonthStaffing, StaffingResult
from ._vetoes import VetoCheck

CODES: dict[str, str] = {
    "month_short": "有月份社工实到少于应到",
    "certified_month_short": "有月份持证社工实到少于应到",
    "below_target": "末期评估：指标完成率低于 100%",
    "below_progress": "中期评估：指标完成率明显低于时间进度",
    "unknown_indicator": "指标名称不在指标目录中（也不是目录中的别名），归入「其他」",
    "partial_target": "部分片区无协议量，合计的协议量只含有协议量的片区",
    "insurance_missing": "全月在岗但未缴社保且无备注",
    "salary_missing": "全月在岗但未发工资且无备注",
    "retention_low": "稳岗率低于要求",
    "experienced_low": "从业2年以上社工人次占比低于要求",
    "training_low": "继续教育时数未达要求",
    "excluded_position": "有保洁、安保等非社工岗位人员，未计入社工",
    "veto_unchecked": "计算型否决情形缺少数据，未能判断",
    "scores_missing": "评分未齐，总分和等级暂不能确定",
    "read_notice": "读取工作簿时的说明：合并单元格逐行读取、忽略的列、跳过的标题行",
}


@dataclass(frozen=True)
class ResultWarning:
    code: str
    message: str


def _w(code: str, message: str) -> ResultWarning:
    assert code in CODES, code
    return ResultWarning(code, message)


def staffing_warnings(staffing: StaffingResult, scheme: Scheme) -> list[ResultWarning]:
    out = []
    checks: tuple[tuple[str, str, Callable[[MonthStaffing], tuple[Decimal, Decimal]]], ...] = (
        ("month_short", "社工", lambda m: (m.required, m.actual)),
        ("certified_month_short", "持证社工", lambda m: (m.certified_required, m.certified_actual)),
    )
    for code, who, pick in checks:
        short = [(m.month, *pick(m)) for m in staffing.months]
        listed = [
            f"{month}（应到 {plain(req)}，实到 {plain(act)}）"
            for month, req, act in short
            if act < req
        ]
        if listed:
            out.append(_w(code, f"{who}到岗不足的月份：{'；'.join(listed)}"))
    rules = scheme.staffing
    if staffing.retention_rate.value < rules.retention_min:
        out.append(
            _w(
                "retention_low",
                _below("稳岗率", staffing.retention_rate.value, rules.retention_min),
            )
        )
    share = staffing.experienced_share
    if share is not None and share.value < rules.experienced_share_min:
        out.append(
            _w(
                "experienced_low",
                _below("从业2年以上社工人次占比", share.value, rules.experienced_share_min),
            )
        )
    if staffing.training_ratio is not None and staffing.training_ratio.value < 100:
        out.append(
            _w(
                "training_low",
                f"继续教育完成比例为 {staffing.training_ratio.value}%，未达到要求时数",
            )
        )
    if staffing.excluded:
        names = "、".join(staffing.excluded)
        out.append(
            _w(
                "excluded_position",
                f"以下人员岗位不属社工，未计入到岗人次：{names}；如占用社工名额，请认定相应否决情形",
            )
        )
    return out


def _below(what: str, value: Decimal, minimum: Decimal) -> str:
    return f"{what}为 {value:.2f}%，未达到不低于 {minimum:.2f}% 的要求"


def pay_warnings(rows: tuple[AttendanceRow, ...], scheme: Scheme) -> list[ResultWarning]:
    """Full months in post without social insurance or salary, and no note explaining why."""
    out = []
    counted = [r for r in rows if r.position not in scheme.staffing.excluded_positions]
    checks: tuple[tuple[str, str, Callable[[AttendanceRow], bool]], ...] = (
        ("insurance_missing", "未缴社保", lambda r: not r.insured),
        ("salary_missing", "未发工资", lambda r: not r.paid),
    )
    for code, what, missing in checks:
        hits = [
            f"{r.name} {r.month}"
            for r in counted
            if r.value == 1 and missing(r) and not r.note.strip()
        ]
        if hits:
            out.append(_w(code, f"全月在岗但{what}且无备注：{'、'.join(hits)}"))
    return out


def indicator_warnings(
    indicators: tuple[IndicatorResult, ...], kind: Kind, expected: Decimal | None, scheme: Scheme
) -> list[ResultWarning]:
    out = []
    for r in indicators:
        if r.completion is None:
            continue
        label = f"{r.indicator}（{r.measure}）{r.zone}完成 {plain(r.actual)}，协议量 {plain(r.target) if r.target is not None else '/'}，完成率 {r.completion.value}%"
        if kind is Kind.FINAL and r.completion.value < 100:
            out.append(_w("below_target", f"{label}，未完成协议指标"))
        if kind is Kind.MIDTERM and expected is not None:
            floor = expected - scheme.progress_tolerance_points
            if r.completion.value < floor:
                out.append(
                    _w(
                        "below_progress",
                        f"{label}，低于时间进度 {expected}%（容差 {plain(scheme.progress_tolerance_points)} 个百分点）",
                    )
                )
    return out


def unknown_indicator_warnings(names: tuple[str, ...]) -> list[ResultWarning]:
    """Indicators the catalogue does not know: grouped under 其他, so the evaluator should
    check that none is a catalogue indicator under another name (社区活动 vs 社区活动（大型））."""
    return [
        _w(
            "unknown_indicator",
            f"指标「{name}」不在指标目录中，归入「其他」；如是目录中的指标，请改用目录中的名称",
        )
        for name in names
    ]


def read_warnings(notices: tuple[str, ...]) -> list[ResultWarning]:
    """How the workbook was read, where it was read otherwise than typed (merged cells, columns
    ignored): figures may differ from what its user expects, so each is said."""
    return [_w("read_notice", notice) for notice in notices]


def other_warnings(
    scores: Scores, unchecked: tuple[VetoCheck, ...], partial_targets: list[str]
) -> list[ResultWarning]:
    out = [_w("veto_unchecked", f"否决情形「{u.rule}」：{u.reason}") for u in unchecked]
    out += [
        _w("partial_target", f"{name}：部分片区无协议量，合计的协议量只含有协议量的片区")
        for name in partial_targets
    ]
    if scores.missing:
        out.append(_w("scores_missing", f"以下评分尚未录入：{'、'.join(scores.missing)}"))
    return out
