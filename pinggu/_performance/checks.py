"""What makes performance data wrong whoever typed it: the rules the 预算 and 绩效目标 sheets
are checked by once their cells are read, and that a form holding the same data (the web
workspace) is checked by too, so the two never disagree (docs/performance.md, 「工作表」).

Each problem names the sheet's column (or, for the budget, the 项目 it is about) and says what
is wrong in the user's words.
"""

from __future__ import annotations

from .._errors import InvalidData
from .._numbers import ZERO, plain
from .._scheme import Scheme
from .._sheets.cells import key
from .bindings import Binding, parse_performance_binding
from .model import Budget, PerformanceTarget, TargetDirection

ANNUAL, SOURCES = "全年预算数", "资金来源"

Problem = tuple[str, str]  # (column, or 项目 for the budget; message)


def performance_budget_problems(budget: Budget) -> list[Problem]:
    """全年预算数 must not be 0; sources, when given, add up to it (the report's 资金来源
    sentence would otherwise contradict its 预算执行率). Amounts are never negative."""
    problems: list[Problem] = []
    for name, amount in (
        ("年初预算数", budget.initial),
        (ANNUAL, budget.annual),
        ("全年执行数", budget.spent),
    ):
        if amount < 0:
            problems.append((name, f"{name}不能为负数，实为 {plain(amount)}"))
    if budget.annual == 0:
        problems.append((ANNUAL, "全年预算数不能为 0：预算执行率 = 全年执行数 ÷ 全年预算数"))
    if budget.sources:
        total = sum((s.amount for s in budget.sources), ZERO)
        if total != budget.annual:
            listed = " + ".join(f"{s.name} {plain(s.amount)}" for s in budget.sources)
            problems.append(
                (
                    SOURCES,
                    f"各资金来源之和为 {plain(total)} 元（{listed}），与全年预算数 "
                    f"{plain(budget.annual)} 元不同；资金来源应合计为全年预算数",
                )
            )
    return problems


def performance_target_problems(target: PerformanceTarget, scheme: Scheme) -> list[Problem]:
    """A 三级指标's problems beyond its cells' kinds: a quantitative one without a numeric
    target, a negative figure, a score where none belongs or above 分值 or without a note, and
    a binding that is unknown or does not fit the row."""
    problems: list[Problem] = []
    qualitative = target.direction is TargetDirection.QUALITATIVE
    if not qualitative:
        if target.target is None:
            problems.append(("指标值", _not_a_number(target)))
        for column, value in (("指标值", target.target), ("实际完成值", target.actual)):
            if value is not None and value < 0:
                problems.append((column, f"{column}不能为负数，实为 {plain(value)}"))
        if target.score is not None:
            problems.append(("评分", "定量指标按公式计分，「评分」列只用于定性指标，请留空"))
    elif target.score is not None:
        if target.score > target.points:
            message = f"评分不能超过分值 {plain(target.points)} 分，实为 {plain(target.score)}"
            problems.append(("评分", message))
        if not target.note:
            problems.append(("评分说明", "定性指标评分时必须写明评分说明（评分的依据）"))
    if target.binding:
        problems.extend(_binding_problems(target, scheme))
    return problems


def _not_a_number(target: PerformanceTarget) -> str:
    return (
        f"指标值「{target.target_text}」不是数字：指标方向为「{target.direction.value}」的定量指标，"
        "指标值应为数字；定性指标请把指标方向选为「定性」"
    )


def _binding_problems(target: PerformanceTarget, scheme: Scheme) -> list[Problem]:
    try:
        binding: Binding = parse_performance_binding(target.binding, scheme)
    except InvalidData as error:
        return [("绑定", str(error))]
    qualitative = target.direction is TargetDirection.QUALITATIVE
    if binding.qualitative != qualitative:
        wanted = "定性指标" if binding.qualitative else "定量指标（≥、≤、=）"
        message = f"「{binding.label}」只能绑定{wanted}，本行指标方向为「{target.direction.value}」"
        return [("绑定", message)]
    if binding.unit and key(binding.unit) != key(target.unit):
        message = (
            f"绑定「{binding.label}」的计量单位应为「{binding.unit}」，"
            f"实为「{target.unit or '（空）'}」"
        )
        return [("计量单位", message)]
    return []
