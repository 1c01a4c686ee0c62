"""The result as readable terminal text: a few aligned tables, CJK characters counted double."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ._engine import Result
from ._figures import Figure
from ._model import TOTAL
from ._numbers import plain
from ._performance.scoring import PerformanceResult
from ._survey import Estimate, Satisfaction


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line([str(c) for c in r]) for r in rows)])


def _points(figure: Figure | None) -> str:
    """Scores print with two decimals so the score column lines up (15.60, not 15.6)."""
    return f"{figure.value:.2f}" if figure is not None else "/"


def _fmt(value: object) -> str:
    if value is None:
        return "/"
    return plain(value) if not isinstance(value, str) else value  # type: ignore[arg-type]


def render(result: Result) -> str:
    info = result.evaluation.info
    s = result.staffing
    total = result.scores.total
    parts = [
        f"{info.station} {info.kind.label}（{info.period_start} 至 {info.period_end}，考核 {plain(s.period_months.value)} 个月）",
        f"评估方案：{result.scheme.name}",
        "",
        f"总分：{plain(total.value) if total else '评分未齐'}    等级：{result.grade.name if result.grade else '待定'}",
    ]
    for v in result.vetoes:
        parts.append(f"一票否决：{v.rule}——{v.detail}")
    parts += ["", "【评分】", _score_table(result), "", "【人员到岗】", _staffing_table(result)]
    parts += ["", "【指标完成情况】", _indicator_table(result)]
    if result.satisfaction is not None:
        parts += ["", "【服务对象满意度】", *_satisfaction_lines(result.satisfaction)]
    if result.performance is not None:
        parts += ["", "【绩效评价】", *_performance_lines(result.performance)]
    if result.warnings:
        parts += ["", "【提示】", *(f"· {w.message}" for w in result.warnings)]
    return "\n".join(parts)


def _score_table(result: Result) -> str:
    rows: list[list[str]] = []
    for p in result.scores.parties:
        for d in p.dimensions:
            if d.per_zone:
                for z in d.zones:
                    rows.append(
                        [
                            f"{d.dimension}（{z.zone}）",
                            _fmt(d.max_points),
                            _points(z.score),
                            "",
                        ]
                    )
                rows[-len(d.zones)][3] = _points(d.weighted_score)
            else:
                rows.append(
                    [
                        d.dimension,
                        _fmt(d.max_points),
                        _points(d.score),
                        _points(d.weighted_score),
                    ]
                )
    total = result.scores.total
    rows.append(["总分", _fmt(result.scheme.total_points), "", _points(total)])
    return table(["评估内容", "标准分", "评分", "折算分"], rows, right=(1, 2, 3))


def _staffing_table(result: Result) -> str:
    s = result.staffing
    rows = [
        [
            str(m.month),
            _fmt(m.required),
            _fmt(m.actual),
            _fmt(m.certified_required),
            _fmt(m.certified_actual),
            "不足" if m.short or m.certified_short else "",
        ]
        for m in s.months
    ]
    rows.append(
        [
            "合计",
            _fmt(s.required.value),
            _fmt(s.actual.value),
            _fmt(s.certified_required.value),
            _fmt(s.certified_actual.value),
            "",
        ]
    )
    lines = [
        table(["月份", "应到", "实到", "持证应到", "持证实到", "提示"], rows, right=(1, 2, 3, 4))
    ]
    lines.append(
        f"缺少 {_fmt(s.shortfall.value)} 人次，持证缺少 {_fmt(s.certified_shortfall.value)} 人次；"
        f"非持证实到 {_fmt(s.uncertified_actual.value)} 人次；"
        f"稳岗率 {pct(s.retention_rate)}（持续在岗 {_fmt(s.continuously_employed.value)} 人）；"
        f"从业2年以上人次占比 {pct(s.experienced_share)}；继续教育完成 {pct(s.training_ratio)}；"
        f"人员费用支出比例 {pct(s.personnel_cost_ratio)}"
    )
    if s.excluded:
        lines.append(f"岗位不属社工、未计入：{'、'.join(s.excluded)}")
    return "\n".join(lines)


def pct(figure: Figure | None) -> str:
    return f"{figure.value}%" if figure is not None else "/"


def _indicator_table(result: Result) -> str:
    rows = [
        [
            r.indicator,
            r.measure,
            r.zone,
            _fmt(r.target),
            _fmt(r.actual),
            f"{r.completion.value}%" if r.completion else "/",
        ]
        for r in result.indicators
        if r.zone in (TOTAL, "全站")
    ]
    lines = [table(["指标", "计量", "范围", "协议量", "完成量", "完成率"], rows, right=(3, 4, 5))]
    for r in result.indicators:
        if r.zone == TOTAL and r.partial and r.completion is not None:
            lines.append(
                f"注：{r.indicator}（{r.measure}）合计的完成率只比较有协议量的片区："
                f"完成 {_fmt(r.compared_actual)} ÷ 协议量 {_fmt(r.target)}；"
                f"无协议量的{'、'.join(r.untargeted_zones)}完成 {_fmt(r.untargeted_actual)}，另计"
            )
    return "\n".join(lines)


def _estimate(e: Estimate | None) -> str:
    return "无有效评分" if e is None else f"{e.value}%（{e.n} 名）"


def _satisfaction_lines(s: Satisfaction) -> list[str]:
    """满意度 with its interval and the sample's counts, then per item and per 片区."""
    how = "满意者占比" if s.formula == "share" else "平均分"
    level = f"{s.confidence * 100:.0f}%"
    if s.overall is None:
        head = "满意度：尚无有效评分"
    else:
        o = s.overall
        head = (
            f"满意度：{o.value}%（{level}置信区间 {o.low}%–{o.high}%，按{how}，有效回答 {o.n} 名）"
        )
    counts = (
        f"抽取 {s.sample_size} 名，联系上 {s.reached} 名（其中替补 {s.replaced} 名），"
        f"未联系上 {s.not_reached} 人次"
    )
    items = "、".join(f"{name} {_estimate(e)}" for name, e in s.by_item)
    zones = "、".join(f"{name} {_estimate(e)}" for name, e in s.by_zone)
    return [head, counts, f"各题：{items}", f"各片区：{zones}"]


def _performance_lines(p: PerformanceResult) -> list[str]:
    """The 自评表 in short (docs/performance.md): budget execution, each indicator, the total."""
    budget, rate = p.budget, p.execution_rate
    if budget is None or rate is None:
        head = f"{p.scheme.budget_name}：没有预算数据，得 0 分"
    else:
        head = (
            f"{p.scheme.budget_name} {rate.value}%（全年执行数 {plain(budget.spent)} 元 ÷ "
            f"全年预算数 {plain(budget.annual)} 元），得 {_points(p.budget_points)} 分"
        )
    rows = [
        [
            r.target.level1.value,
            r.target.level3,
            r.target_shown,
            r.actual_shown,
            r.source,
            _fmt(r.target.points),
            _points(r.points),
        ]
        for r in p.rows
    ]
    headers = ["一级指标", "三级指标", "指标值", "实际完成值", "来源", "分值", "得分"]
    levels = "；".join(
        f"{lv.level.value} {_points(lv.points)}/{_fmt(lv.weight)}" for lv in p.levels
    )
    lines = [head, table(headers, rows, right=(5, 6)), levels]
    lines.append(f"绩效评价总分：{_points(p.total)} 分    等级：{p.grade.name}")
    lines += [f"· {w.message}" for w in p.problems]
    return lines
