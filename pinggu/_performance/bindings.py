"""Bindings: a 三级指标 whose 实际完成值 is a figure pinggu computes, never retyped.

The 绩效目标 sheet's 绑定 column names one figure of the evaluation's result by the vocabulary
below (docs/performance.md, 「绑定」): the figure fills the row's 实际完成值 and says how it was
computed, and a typed 实际完成值 that disagrees is overruled with a warning naming both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .._errors import InvalidData
from .._figures import Figure
from .._model import STATION_WIDE, TOTAL
from .._numbers import percent, plain
from .._scheme import Scheme
from .._sheets.cells import key

if TYPE_CHECKING:  # the engine fills Result.performance from this package
    from .._engine import Result

COUNT, RATE = "指标完成量", "指标完成率"  # the two bindings that name a catalogue indicator
GRADE = "评估等级"

# The fixed bindings: name -> (the 计量单位 its row must have, what it is). A "" unit: words.
FIXED: dict[str, tuple[str, str]] = {
    "社工到岗率": ("%", "社工实到人次 ÷ 应到人次 × 100%（到岗表，考核期内）"),
    "持证社工到岗率": ("%", "持证社工实到人次 ÷ 持证应到人次 × 100%"),
    "稳岗率": ("%", "考核期内每月均在岗的社工人数 ÷ 协议社工人数 × 100%"),
    "服务对象满意度": ("%", "满意度调查的全站满意度"),
    "人员费用占比": ("%", "人员费用支出 ÷ 年度支出总额 × 100%（基本信息）"),
    "评估总分": ("分", "四方评估总得分"),
    GRADE: ("", "评估等级（优秀、良好……，否决后为不合格）；只用于定性指标"),
}
_INDICATOR = re.compile(r"^(指标完成量|指标完成率):(.+)\(([^()]+)\)$")


@dataclass(frozen=True)
class Binding:
    """A parsed 绑定 cell: what it names and the unit its row must be counted in."""

    name: str  # FIXED's name, or COUNT / RATE
    unit: str  # the row's 计量单位: "%" or "分"; "" any (a completion count, the grade in words)
    indicator: str = ""  # COUNT / RATE: the catalogue's name
    measure: str = ""

    @property
    def qualitative(self) -> bool:
        return self.name == GRADE

    @property
    def label(self) -> str:
        """The binding as written back: 稳岗率, 指标完成量：专业个案（接案数）."""
        if self.indicator:
            return f"{self.name}：{self.indicator}（{self.measure}）"
        return self.name


def parse_performance_binding(text: str, scheme: Scheme) -> Binding:
    """The binding a 绑定 cell names; raises `InvalidData` with the vocabulary when unknown."""
    wanted = key(text)
    for name, (unit, _) in FIXED.items():
        if key(name) == wanted:
            return Binding(name, unit)
    match = _INDICATOR.match(wanted)
    if match is None:
        raise InvalidData(
            f"未知的绑定「{text}」；应为{'、'.join(f'「{n}」' for n in FIXED)}，"
            f"或「{COUNT}：指标（计量）」「{RATE}：指标（计量）」（如「{COUNT}：专业个案（接案数）」）"
        )
    entry = scheme.catalogue_entry(match[2])
    if entry is None:
        raise InvalidData(f"绑定「{text}」中的指标「{match[2]}」不在指标目录中")
    measure = next((m for m in entry.measures if key(m) == key(match[3])), None)
    if measure is None:
        raise InvalidData(
            f"绑定「{text}」中的计量「{match[3]}」不是指标「{entry.name}」的计量；"
            f"应为{'、'.join(f'「{m}」' for m in entry.measures)}"
        )
    # a completion is counted in the row's own words (个, 人次): the binding names the measure
    unit = "" if match[1] == COUNT else "%"
    return Binding(match[1], unit, entry.name, measure)


@dataclass(frozen=True)
class Bound:
    """A binding's value in one result: a figure, or a grade's name (`figure` None)."""

    figure: Figure | None
    text: str  # as the 自评表 shows it, without the unit: 96.50, 1800, 优秀


def bound_value(binding: Binding, result: Result) -> Bound | None:
    """The figure `binding` names in `result`; None when the result has nothing to compute it
    from (no survey yet, no 人员费用, no such indicator, scores not complete)."""
    figure = _figure(binding, result)
    if binding.name == GRADE:
        return Bound(None, result.grade.name) if result.grade is not None else None
    if figure is None:
        return None
    text = f"{figure.value:.2f}" if figure.unit == "%" else plain(figure.value)
    return Bound(figure, text)


def unavailable(binding: Binding) -> str:
    """Why `bound_value` found nothing, in the user's words."""
    reasons = {
        COUNT: f"指标表中没有「{binding.indicator}（{binding.measure}）」",
        RATE: f"指标表中没有「{binding.indicator}（{binding.measure}）」或其没有协议量",
        "社工到岗率": "协议社工人数为 0",
        "持证社工到岗率": "协议持证社工人数为 0",
        "稳岗率": "协议社工人数为 0",
        "服务对象满意度": "尚无满意度调查结果",
        "人员费用占比": "基本信息中没有填写年度支出总额和人员费用支出",
        "评估总分": "评分未齐",
        GRADE: "评分未齐，评估等级未定",
    }
    return reasons[binding.name]


def _figure(binding: Binding, result: Result) -> Figure | None:
    s = result.staffing
    if binding.name in (COUNT, RATE):
        row = next(
            (
                r
                for r in result.indicators
                if r.indicator == binding.indicator
                and key(r.measure) == key(binding.measure)
                and r.zone in (TOTAL, STATION_WIDE)
            ),
            None,
        )
        if row is None:
            return None
        if binding.name == RATE:
            return row.completion
        formula = "各片区完成量之和" if row.zone == TOTAL else "全站完成量"
        return Figure(row.actual, formula, {}, row.measure)
    if binding.name == "社工到岗率":
        return _rate(s.actual.value, s.required.value, "实到人次", "应到人次")
    if binding.name == "持证社工到岗率":
        return _rate(
            s.certified_actual.value, s.certified_required.value, "持证实到人次", "持证应到人次"
        )
    if binding.name == "稳岗率":
        return s.retention_rate if s.required.value > 0 else None
    if binding.name == "人员费用占比":
        return s.personnel_cost_ratio
    if binding.name == "服务对象满意度":
        sat = result.satisfaction
        if sat is None or sat.overall is None:
            return None
        inputs = {"有效回答人数": Decimal(sat.overall.n)}
        return Figure(sat.overall.value, sat.formula_text(), inputs, "%")
    if binding.name == "评估总分":
        return result.scores.total
    return None


def _rate(num: Decimal, den: Decimal, num_name: str, den_name: str) -> Figure | None:
    if den <= 0:
        return None
    formula = f"{num_name} ÷ {den_name} × 100%"
    return Figure(percent(num, den), formula, {num_name: num, den_name: den}, "%")
