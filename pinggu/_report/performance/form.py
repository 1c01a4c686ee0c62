"""The completed 项目支出绩效自评表, the report's 附件, as plain grids (tables.py's Table).

Two tables, as the fiscal form is laid out: the project and its money (年初预算数, 全年预算数,
全年执行数, 分值, 执行率, 得分, a row per funding source), then the indicators grouped by 一级
and 二级指标 (指标值, 实际完成值, 分值, 得分, 偏差原因), a subtotal per 一级指标, the total and the
grade. Every figure is a `Num`, so the audit checks it, and each subtotal and the total is
checked against the parts printed above it.
"""

from __future__ import annotations

from ..._engine import Result
from ..._numbers import ZERO
from ..._performance.model import Budget, PerformanceTarget, TargetDirection
from ..._performance.scoring import COMPUTED, LevelScore, PerformanceResult, TargetScore
from ..marks import Num, Text, number, percent, points, share, total
from ..tables import Cell, Table
from .money import rate_percent, wan

BUDGET_WIDTHS = (8.3, 2.9, 2.9, 2.9, 2.9, 2.9, 2.9)
TARGET_WIDTHS = (2.4, 2.8, 4.4, 3.2, 3.2, 1.6, 1.8, 6.3)
BOUND_MARK = "*"
NONE = "/"


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan, rowspan, header=True)


def row_key(index: int, what: str) -> str:
    return f"自评表·指标{index}·{what}"


def form_tables(
    result: Result, scored: PerformanceResult, project: str, office: str
) -> tuple[Table, ...]:
    return (
        _budget_table(result, scored, project, office),
        _target_table(scored),
    )


def _budget_table(result: Result, scored: PerformanceResult, project: str, office: str) -> Table:
    budget = scored.budget
    assert budget is not None  # content.py refuses
    rows: list[tuple[Cell | None, ...]] = [
        (_h("项目名称"), Cell(project, colspan=6), None, None, None, None, None),
        (
            _h("主管部门"),
            Cell(office, colspan=2),
            None,
            _h("实施单位"),
            Cell(result.evaluation.info.operator, colspan=3),
            None,
            None,
        ),
        tuple(
            _h(t)
            for t in (
                "项目资金（万元）",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            )
        ),
        _budget_total_row(budget, scored),
        *_source_rows(budget),
    ]
    return Table(
        title="",
        rows=tuple(rows),
        header_rows=0,
        widths=BUDGET_WIDTHS,
    )


def _budget_total_row(budget: Budget, scored: PerformanceResult) -> tuple[Cell, ...]:
    """年度资金总额: the money, the 预算执行率 and its points."""
    rate = scored.execution_rate
    assert rate is not None  # content.py refuses
    return (
        Cell("年度资金总额"),
        Cell(wan("资金·年初预算数", budget.initial)),
        Cell(wan("资金·全年预算数", budget.annual)),
        Cell(wan("资金·全年执行数", budget.spent)),
        Cell(number("自评表·预算执行率·分值", scored.scheme.budget_points)),
        Cell(
            rate_percent(
                "资金·预算执行率",
                rate.value,
                ("资金·全年执行数", "资金·全年预算数"),
                rate.explain(),
            )
        ),
        Cell(
            points(
                "自评表·预算执行率·得分",
                scored.budget_points.value,
                scored.budget_points.explain(),
            )
        ),
    )


def _source_rows(budget: Budget) -> list[tuple[Cell, ...]]:
    """A row per funding source, the first 「其中：」."""
    rows = []
    for i, source in enumerate(budget.sources, start=1):
        label = f"其中：{source.kind}" if i == 1 else source.kind
        if source.name and source.name != source.kind:
            label += f"（{source.name}）"
        rows.append(
            (
                Cell(label),
                Cell(NONE),
                Cell(wan(f"资金·来源·{i}", source.amount)),
                *(Cell(NONE) for _ in range(4)),
            )
        )
    return rows


def _target_table(scored: PerformanceResult) -> Table:
    head = (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    rows: list[tuple[Cell | None, ...]] = [tuple(_h(t) for t in head)]
    indexed = list(enumerate(scored.rows, start=1))
    subtotals: list[tuple[Num, Num]] = []
    for level in scored.levels:
        mine = [(i, r) for i, r in indexed if r.target.level1 is level.level]
        if mine:
            level_rows, subtotal = _level_rows(level, mine)
            rows.extend(level_rows)
            subtotals.append(subtotal)
    rows.extend(_closing_rows(scored, subtotals))
    return Table(
        title="绩效指标完成情况",
        rows=tuple(rows),
        header_rows=1,
        widths=TARGET_WIDTHS,
        notes=_notes(scored),
    )


def _level_rows(
    level: LevelScore, mine: list[tuple[int, TargetScore]]
) -> tuple[list[tuple[Cell | None, ...]], tuple[Num, Num]]:
    """One 一级指标's rows, its 二级指标 merged down, then its 小计; and the 小计's 分值 and 得分."""
    rows: list[tuple[Cell | None, ...]] = []
    seconds = _runs([r.target.level2 for _, r in mine])
    for n, (i, row) in enumerate(mine):
        first = Cell(level.level.value, rowspan=len(mine)) if n == 0 else None
        second = Cell(row.target.level2, rowspan=seconds[n]) if seconds[n] else None
        rows.append((first, second, *_cells(i, row)))
    name = level.level.value
    allotted = total(
        f"自评表·{name}·分值",
        sum((r.target.points for _, r in mine), ZERO),
        tuple(row_key(i, "分值") for i, _ in mine),
        as_points=False,
    )
    earned = total(
        f"自评表·{name}·得分",
        level.points.value,
        tuple(row_key(i, "得分") for i, _ in mine),
        as_points=True,
        formula=level.points.explain(),
    )
    rows.append(
        (
            Cell(f"{name}小计", colspan=5, bold=True),
            *(None,) * 4,
            Cell(allotted, bold=True),
            Cell(earned, bold=True),
            Cell(""),
        )
    )
    return rows, (allotted, earned)


def _closing_rows(
    scored: PerformanceResult, subtotals: list[tuple[Num, Num]]
) -> list[tuple[Cell | None, ...]]:
    """总分 (checked against the 预算执行率's and each 小计's) and 自评等级."""
    allotted_keys = ("自评表·预算执行率·分值", *(a.key for a, _ in subtotals))
    earned_keys = ("自评表·预算执行率·得分", *(e.key for _, e in subtotals))
    whole = scored.scheme.budget_points + sum((r.target.points for r in scored.rows), ZERO)
    return [
        (
            Cell("总分（含预算执行率）", colspan=5, bold=True),
            *(None,) * 4,
            Cell(total("自评表·总分·分值", whole, allotted_keys, as_points=False), bold=True),
            Cell(
                total(
                    "自评表·总分",
                    scored.total.value,
                    earned_keys,
                    as_points=True,
                    formula=scored.total.explain(),
                ),
                bold=True,
            ),
            Cell(""),
        ),
        (
            Cell("自评等级", colspan=5, bold=True),
            *(None,) * 4,
            Cell(scored.grade.name, colspan=3, bold=True),
            None,
            None,
        ),
    ]


def _runs(values: list[str]) -> list[int]:
    """The rowspan of each run of equal adjacent values at its first row, 0 elsewhere."""
    spans = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            spans[start] = i - start
            start = i
    return spans


def _cells(index: int, row: TargetScore) -> tuple[Cell, ...]:
    t = row.target
    return (
        Cell(t.level3),
        Cell(target_text(index, t)),
        Cell(actual_text(index, row)),
        Cell(number(row_key(index, "分值"), t.points)),
        Cell(points(row_key(index, "得分"), row.points.value, row.points.explain())),
        Cell(_reason(t), align="left"),
    )


def target_text(index: int, t: PerformanceTarget) -> Text:
    """≥1800人次, ≤5%, or a 定性 indicator's words."""
    if t.direction is TargetDirection.QUALITATIVE or t.target is None:
        return Text.of(t.target_text)
    key = row_key(index, "指标值")
    value = share(key, t.target) if t.unit == "%" else number(key, t.target)
    return Text.of(t.direction.value, value, "" if t.unit == "%" else t.unit)


def actual_text(index: int, row: TargetScore, marked: bool = True) -> Text:
    """The actual as scored, marked (in the table) when pinggu computed it; a 定性 one in
    words."""
    t = row.target
    mark = BOUND_MARK if marked and row.source == COMPUTED else ""
    if row.actual is None:
        return Text.of(row.actual_text, mark)
    key = row_key(index, "实际完成值")
    value = percent(key, row.actual) if t.unit == "%" else number(key, row.actual)
    formula = row.bound.figure.explain() if row.bound is not None and row.bound.figure else ""
    if formula:
        value = Num(value.key, value.value, value.text, value.kind, formula=formula)
    return Text.of(value, "" if t.unit == "%" else t.unit, mark)


def _reason(t: PerformanceTarget) -> str:
    if t.direction is TargetDirection.QUALITATIVE and t.note:
        return f"评分说明：{t.note}" + (f"；{t.reason}" if t.reason else "")
    return t.reason


def _notes(scored: PerformanceResult) -> tuple[Text, ...]:
    notes = [
        Text.of(
            "注：金额单位为万元，由元的精确值折算，不作舍入；得分保留两位小数（四舍五入），小计与总分为所列得分之和。"
        )
    ]
    if any(r.source == COMPUTED for r in scored.rows):
        notes.append(
            Text.of(
                f"实际完成值标“{BOUND_MARK}”的，由 pinggu 按评估数据（指标完成表、到岗表、满意度调查、评分）计算，不手工填写。"
            )
        )
    return tuple(notes)
