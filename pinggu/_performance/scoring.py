"""Scoring a performance evaluation by its scheme: the 项目支出绩效自评表's every figure.

`score_performance` reads the three sheets' data, the performance scheme and (for bound
indicators) the evaluation's result, and returns a frozen `PerformanceResult` whose every number
is a `Figure` that can explain itself. Shown figures are rounded half-up to the scheme's places
and every total is the sum of the parts as shown, so the 自评表 adds up as printed
(docs/performance.md, 「计分」).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .._errors import InvalidData
from .._figures import Figure
from .._numbers import ZERO, percent, plain, shown
from .._scheme import Grade
from .._warnings import ResultWarning
from .bindings import Bound, bound_value, parse_performance_binding, unavailable
from .model import Budget, PerformanceData, PerformanceLevel, PerformanceTarget, TargetDirection
from .scheme import PerformanceScheme

if TYPE_CHECKING:  # the engine fills Result.performance from this module
    from .._engine import Result

# Problem codes of a performance evaluation (docs/performance.md, 「提示」).
CODES: dict[str, str] = {
    "performance_budget_missing": "没有预算数据，预算执行率计 0 分",
    "performance_over_execution": "全年执行数超过全年预算数，预算执行率按上限计分",
    "performance_actual_missing": "定量指标没有实际完成值，计 0 分",
    "performance_score_missing": "定性指标尚未评分，计 0 分",
    "performance_bound_differs": "填写的实际完成值与系统计算的不同，以系统计算的为准",
    "performance_bound_unavailable": "绑定的数字无法由系统计算",
    "performance_points_mismatch": "同一一级指标各行分值之和与方案规定的分值不同",
}

BUDGET_SOURCE, TYPED, COMPUTED, MISSING = "预算表", "填写", "系统计算", "未填写"


@dataclass(frozen=True)
class TargetScore:
    """One row of the 自评表: the target, the actual scored and where it came from, the points."""

    target: PerformanceTarget
    actual: Decimal | None  # the value scored (a bound figure's, else the typed one)
    actual_text: str  # as shown, without the unit: 96.50、1800、优秀, or 未填写 (MISSING)
    source: str  # TYPED, COMPUTED (bound) or MISSING
    bound: Bound | None  # the bound figure, when the row is bound and it could be computed
    points: Figure  # the points earned, as shown

    @property
    def binding(self) -> str:
        return self.target.binding

    @property
    def actual_shown(self) -> str:
        """The actual with its unit, as a person writes it: 85.00%, 88个, 良好, 未填写."""
        if self.actual is None:
            return self.actual_text
        return f"{self.actual_text}{self.target.unit}"

    @property
    def target_shown(self) -> str:
        """The target with its direction and unit: ≥95个, ≤3%; a 定性 one in its words: 有效提升."""
        t = self.target
        if t.target is None:
            return t.target_text
        return f"{t.direction.value}{plain(t.target)}{t.unit}"


@dataclass(frozen=True)
class LevelScore:
    """One 一级指标: its weight in the scheme, the 分值 of its rows and the points earned."""

    level: PerformanceLevel
    weight: Decimal
    allotted: Decimal  # the rows' 分值 added
    points: Figure  # the rows' shown points added


@dataclass(frozen=True)
class PerformanceResult:
    """The completed 项目支出绩效自评表 and the problems found while scoring it."""

    scheme: PerformanceScheme
    data: PerformanceData
    execution_rate: Figure | None  # percent, uncapped; None without a budget
    budget_points: Figure
    rows: tuple[TargetScore, ...]
    levels: tuple[LevelScore, ...]  # in the scheme's order
    total: Figure
    grade: Grade
    problems: tuple[ResultWarning, ...]

    @property
    def budget(self) -> Budget | None:
        return self.data.budget


def score_performance(
    data: PerformanceData, scheme: PerformanceScheme, result: Result | None = None
) -> PerformanceResult:
    """Score the three sheets' data by `scheme`; bound indicators read `result` (without one, a
    bound row keeps its typed 实际完成值 and says it could not be checked)."""
    problems: list[ResultWarning] = []
    rate, budget_points = _budget(data.budget, scheme, problems)
    rows = tuple(_row(t, scheme, result, problems) for t in data.targets)
    levels = tuple(_level(w.level, w.points, rows, scheme, problems) for w in scheme.levels)
    inputs = {scheme.budget_name: budget_points.value}
    inputs.update({lv.level.value: lv.points.value for lv in levels})
    total = Figure(
        sum(inputs.values(), ZERO),
        " + ".join(f"{name}得分" for name in inputs),
        inputs,
        "分",
    )
    return PerformanceResult(
        scheme=scheme,
        data=data,
        execution_rate=rate,
        budget_points=budget_points,
        rows=rows,
        levels=levels,
        total=total,
        grade=scheme.grade_for(total.value),
        problems=tuple(problems),
    )


def _budget(
    budget: Budget | None, scheme: PerformanceScheme, problems: list[ResultWarning]
) -> tuple[Figure | None, Figure]:
    """预算执行率 (uncapped, as shown) and its points: min(rate, cap) ÷ 100 × points."""
    if budget is None or budget.annual <= 0:
        problems.append(
            ResultWarning(
                "performance_budget_missing", "没有预算数据（「预算」表），预算执行率计 0 分"
            )
        )
        return None, Figure(ZERO, "没有预算数据，计 0 分", {}, "分")
    rate = Figure(
        percent(budget.spent, budget.annual),
        "全年执行数 ÷ 全年预算数 × 100%",
        {"全年执行数": budget.spent, "全年预算数": budget.annual},
        "%",
    )
    cap = scheme.budget_cap
    if rate.value > cap:
        problems.append(
            ResultWarning(
                "performance_over_execution",
                f"全年执行数 {plain(budget.spent)} 元超过全年预算数 {plain(budget.annual)} 元"
                f"（预算执行率 {rate.value}%），按 {plain(cap)}% 计分",
            )
        )
    points = Figure(
        shown(min(rate.value, cap) / 100 * scheme.budget_points, scheme.places),
        f"min(预算执行率, {plain(cap)}%) × {plain(scheme.budget_points)} 分",
        {"预算执行率": rate.value},
        "分",
    )
    return rate, points


def _row(
    target: PerformanceTarget,
    scheme: PerformanceScheme,
    result: Result | None,
    problems: list[ResultWarning],
) -> TargetScore:
    name = f"「{target.level3}」"
    bound = _bound(target, result, problems) if target.binding else None
    if target.direction is TargetDirection.QUALITATIVE:
        return _qualitative(target, bound, scheme, problems)
    actual, text, source = target.actual, _typed_text(target), TYPED
    if bound is not None and bound.figure is not None:
        shown_bound = shown(bound.figure.value, scheme.places)
        actual, text, source = shown_bound, bound.text, COMPUTED
    if actual is None or target.target is None:
        if not target.binding:  # a bound row's own warning has said why it scores 0
            message = f"{target.level1.value}{name}没有实际完成值，计 0 分；请填写实际完成值"
            problems.append(ResultWarning("performance_actual_missing", message))
        zero = Figure(ZERO, "没有实际完成值，计 0 分", {}, "分")
        return TargetScore(target, None, MISSING, MISSING, bound, zero)
    points = _points(target.direction, actual, target.target, target.points, scheme)
    return TargetScore(target, actual, text, source, bound, points)


def _typed_text(target: PerformanceTarget) -> str:
    return plain(target.actual) if target.actual is not None else MISSING


def _points(
    direction: TargetDirection,
    actual: Decimal,
    target: Decimal,
    points: Decimal,
    scheme: PerformanceScheme,
) -> Figure:
    """A quantitative row's points: full when the target is met, else in proportion."""
    inputs = {"实际完成值": actual, "指标值": target, "分值": points}
    if direction is TargetDirection.AT_LEAST:
        ratio = Decimal(1) if actual >= target else actual / target
        formula = "实际完成值 ≥ 指标值 得满分，否则 实际完成值 ÷ 指标值 × 分值"
    elif direction is TargetDirection.AT_MOST:
        ratio = Decimal(1) if actual <= target else target / actual
        formula = "实际完成值 ≤ 指标值 得满分，否则 指标值 ÷ 实际完成值 × 分值"
    elif scheme.equal == "exact":
        ratio = Decimal(1) if actual == target else ZERO
        formula = "实际完成值 = 指标值 得满分，否则 0 分"
    else:
        off = abs(actual - target)
        ratio = Decimal(1) if off == 0 else max(ZERO, 1 - off / target) if target else ZERO
        formula = (
            "实际完成值 = 指标值 得满分，否则 max(0, 1 − |实际完成值 − 指标值| ÷ 指标值) × 分值"
        )
    return Figure(shown(ratio * points, scheme.places), formula, inputs, "分")


def _qualitative(
    target: PerformanceTarget,
    bound: Bound | None,
    scheme: PerformanceScheme,
    problems: list[ResultWarning],
) -> TargetScore:
    """A 定性 row: the scorer's points (bounded by 分值 at import) with their note."""
    text = bound.text if bound is not None else (target.actual_text or MISSING)
    source = COMPUTED if bound is not None else (TYPED if target.actual_text else MISSING)
    if target.score is None:
        problems.append(
            ResultWarning(
                "performance_score_missing",
                f"{target.level1.value}「{target.level3}」是定性指标，尚未评分，计 0 分；"
                "请在「评分」列按实际完成情况给分并写明评分说明",
            )
        )
        return TargetScore(
            target, None, text, source, bound, Figure(ZERO, "定性指标未评分，计 0 分", {}, "分")
        )
    note = f"：{target.note}" if target.note else ""
    # the importer refuses more than 分值; data built otherwise is bounded by it
    score = shown(min(target.score, target.points), scheme.places)
    points = Figure(score, f"定性指标，按评分人评分{note}", {"分值": target.points}, "分")
    return TargetScore(target, None, text, source, bound, points)


def _bound(
    target: PerformanceTarget, result: Result | None, problems: list[ResultWarning]
) -> Bound | None:
    """The row's bound figure, a warning when it overrules a different typed value, or a
    warning (and None) when it cannot be computed."""
    name = f"{target.level1.value}「{target.level3}」"
    kept = "按填写的实际完成值计分" if _typed(target) else "计 0 分"
    value, why, label = None, "没有评估数据可供计算", target.binding
    if result is not None:
        try:
            binding = parse_performance_binding(target.binding, result.scheme)
        except InvalidData as error:
            binding, why = None, str(error)
        if binding is not None:
            label = binding.label
            value = bound_value(binding, result)
            why = unavailable(binding)
    if value is None:
        problems.append(
            ResultWarning(
                "performance_bound_unavailable",
                f"{name}绑定「{label}」，但{why}，无法由系统计算；{kept}",
            )
        )
        return None
    typed = _typed(target)
    if typed and not _same(typed, value):
        problems.append(
            ResultWarning(
                "performance_bound_differs",
                f"{name}填写的实际完成值为 {typed}{target.unit}，"
                f"系统计算的「{label}」为 {value.text}{target.unit}"
                f"，以系统计算的为准（{_explain(value)}）",
            )
        )
    return value


def _typed(target: PerformanceTarget) -> str:
    if target.actual is not None:
        return plain(target.actual)
    return target.actual_text


def _same(typed: str, value: Bound) -> bool:
    if value.figure is None:
        return typed.strip() == value.text
    try:
        return Decimal(typed) == shown(value.figure.value)
    except ArithmeticError:
        return False


def _explain(value: Bound) -> str:
    return value.figure.explain() if value.figure is not None else value.text


def _level(
    level: PerformanceLevel,
    weight: Decimal,
    rows: tuple[TargetScore, ...],
    scheme: PerformanceScheme,
    problems: list[ResultWarning],
) -> LevelScore:
    mine = [r for r in rows if r.target.level1 is level]
    allotted = sum((r.target.points for r in mine), ZERO)
    if allotted != weight:
        problems.append(
            ResultWarning(
                "performance_points_mismatch",
                f"{level.value}各行分值之和为 {plain(allotted)} 分，"
                f"{scheme.name}规定为 {plain(weight)} 分；请调整各三级指标的分值",
            )
        )
    inputs = {_unique(r.target.level3, i): r.points.value for i, r in enumerate(mine, 1)}
    points = Figure(sum(inputs.values(), ZERO), f"{level.value}各三级指标得分之和", inputs, "分")
    return LevelScore(level, weight, allotted, points)


def _unique(name: str, index: int) -> str:
    return f"{index}. {name}"
