"""The completed 项目支出绩效自评表 of a round as its page shows it, the figures a 绩效目标 row may
be bound to, and the performance report's file.

The 自评表 is the engine's own (`Result.performance`, docs/performance.md): computed from the
round's input (engine.evaluation_of) at the current revision, never rescored here. The report
is written and audited once for each distinct input (data, scores, findings, survey, the
performance entries), scheme and engine build, then served from disk, as the evaluation report
is (engine.report_file).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from pinggu import (
    PERFORMANCE_BINDINGS,
    PerformanceResult,
    Result,
    TargetDirection,
    evaluate,
    evaluation_to_dict,
    load_scheme,
    plain,
    write_performance_report,
)

from .. import engine
from ..models import Round


class NotReady(Exception):
    """The round cannot have a performance report yet (the message says why, in Chinese)."""


@dataclass(frozen=True)
class Line:
    """One row of the 自评表 as shown."""

    level1: str
    level2: str
    level3: str
    target: str  # 「≥ 40 人」, 「定性：有效提升」
    actual: str  # 「42」, 「未填写」
    source: str  # 填写, 系统计算, 未填写
    explain: str  # how a computed actual was found
    allotted: str  # 分值
    points: str  # 得分
    note: str  # 偏差原因, and a qualitative score's note
    short: bool  # scored below its 分值
    span: int = 1  # rows its 一级指标 cell spans (0: under the one above, as the form prints it)


@dataclass(frozen=True)
class Subtotal:
    level: str
    weight: str
    allotted: str
    points: str


@dataclass(frozen=True)
class SelfEvaluation:
    """What the page shows; `missing` says why there is nothing to show ("" when there is)."""

    missing: str = ""
    budget: dict[str, str] | None = None
    lines: tuple[Line, ...] = ()
    subtotals: tuple[Subtotal, ...] = ()
    total: str = ""
    grade: str = ""
    problems: tuple[str, ...] = ()


NO_DATA = "尚未上传评估数据：自评表中绑定的数字（指标完成情况、稳岗率等）由评估数据算出。"
# The 自评表 holds figures of the evaluation's result (bound rows: 评估等级, 稳岗率 …), so it is
# shown when the result is (access.may_see_result): to the station once the report is issued.
HIDDEN = "评估报告出具后可查看自评表和下载绩效评价报告（其中绑定的数字取自评估结果）。"
NO_PERFORMANCE = (
    "尚未填写预算和绩效目标（也可以在评估工作簿的「预算」「绩效目标」「绩效叙述」表中提供）。"
)


def _result(round_: Round) -> Result | None:
    return engine.result_of(round_)


def table_of(round_: Round) -> SelfEvaluation:
    """The round's 自评表, or why there is none yet."""
    result = _result(round_)
    if result is None:
        return SelfEvaluation(missing=NO_DATA)
    performance = result.performance
    if performance is None:
        return SelfEvaluation(missing=NO_PERFORMANCE)
    return _shown(performance)


def _money(value: Decimal) -> str:
    return f"{value:,.2f} 元"


def _shown(p: PerformanceResult) -> SelfEvaluation:
    """Points with the scheme's places (86.50), as the report prints them; 分值 as typed."""
    budget = p.data.budget

    def pts(value: Decimal) -> str:
        return f"{value:.{p.scheme.places}f}"

    shown_budget = {
        "initial": _money(budget.initial) if budget else "—",
        "annual": _money(budget.annual) if budget else "—",
        "spent": _money(budget.spent) if budget else "—",
        "rate": f"{p.execution_rate.value:.2f}%" if p.execution_rate else "—",
        "weight": plain(p.scheme.budget_points),
        "points": pts(p.budget_points.value),
        "explain": p.budget_points.explain(),
    }
    lines = []
    for row in p.rows:
        t = row.target
        qualitative = t.direction is TargetDirection.QUALITATIVE
        target = (
            f"定性：{t.target_text}"
            if qualitative
            else f"{t.direction.value} {_with_unit(plain(t.target or Decimal(0)), t.unit)}"
        )
        notes = [n for n in (t.reason, t.note if qualitative else "") if n]
        lines.append(
            Line(
                level1=t.level1.value,
                level2=t.level2,
                level3=t.level3,
                target=target,
                actual=_with_unit(row.actual_text, "" if qualitative else t.unit),
                source=row.source,
                explain=row.bound.figure.explain() if row.bound and row.bound.figure else "",
                allotted=plain(t.points),
                points=pts(row.points.value),
                note="；".join(notes),
                short=row.points.value < t.points,
            )
        )
    lines = _spanned(lines)
    subtotals = tuple(
        Subtotal(lv.level.value, plain(lv.weight), plain(lv.allotted), pts(lv.points.value))
        for lv in p.levels
    )
    return SelfEvaluation(
        budget=shown_budget,
        lines=tuple(lines),
        subtotals=subtotals,
        total=pts(p.total.value),
        grade=p.grade.name,
        problems=tuple(w.message for w in p.problems),
    )


def _spanned(lines: list[Line]) -> list[Line]:
    """The lines with each run of one 一级指标 under one cell."""
    out: list[Line] = []
    for line in lines:
        first = next((i for i, o in enumerate(out) if o.span and o.level1 == line.level1), None)
        if out and first is not None and out[-1].level1 == line.level1:
            out[first] = replace(out[first], span=out[first].span + 1)
            out.append(replace(line, span=0))
        else:
            out.append(line)
    return out


def _with_unit(figure: str, unit: str) -> str:
    """「40 个」, 「80%」: a figure with its 计量单位, unless it has one (85.00%) or is words."""
    if not unit or not figure[-1:].isdigit():
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def binding_choices(round_: Round) -> dict[str, str]:
    """The figures a row may be bound to, by name → what it is: the engine's fixed figures and,
    for each indicator of the round's data, its completion count and rate."""
    choices = {name: what for name, (_unit, what) in PERFORMANCE_BINDINGS.items()}
    data = engine.data_of(round_)
    seen: set[tuple[str, str]] = set()
    for row in data.indicators if data is not None else ():
        if (row.indicator, row.measure) in seen:
            continue
        seen.add((row.indicator, row.measure))
        for kind in ("指标完成量", "指标完成率"):
            choices[f"{kind}：{row.indicator}（{row.measure}）"] = (
                f"{kind}（{row.indicator}，全站合计）"
            )
    return choices


def report_file(round_: Round, suffix: str) -> Path:
    """The performance report (.docx or .pdf) of the round as it stands, written and audited
    once for each distinct input; raises NotReady (or the report's own ReportError) when it
    cannot be written."""
    evaluation = engine.evaluation_of(round_)
    if evaluation is None:
        raise NotReady(NO_DATA)
    if evaluation.performance is None:
        raise NotReady(NO_PERFORMANCE)
    data = json.dumps(evaluation_to_dict(evaluation), sort_keys=True, ensure_ascii=False)
    text = f"{engine.build()}\n{round_.scheme}\n{data}"
    key = "performance-" + hashlib.sha256(text.encode()).hexdigest()[:16]
    outdir = Path(settings.REPORTS_DIR) / str(round_.pk) / key
    existing = sorted(outdir.glob(f"*{suffix}")) if outdir.exists() else []
    if existing:
        return existing[0]
    files = write_performance_report(evaluate(evaluation, load_scheme(round_.scheme)), outdir)
    return files.pdf if suffix == ".pdf" and files.pdf is not None else files.docx
