"""Performance schemes: the rules that score a performance evaluation (绩效评价), as data.

A second scheme family beside the evaluation schemes: its files live in
`pinggu/schemes/performance/`, so `available_schemes()` never lists them and an evaluation
scheme can never be mistaken for one. A file is validated into a frozen `PerformanceScheme` at
load and a fault names the file, the key and what is wrong (`SchemeError`). Every key is
documented in docs/performance.md, and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .._errors import SchemeError
from .._scheme import Grade, parse_grades, read_scheme_file
from .._toml import TomlTable, parse_toml
from .model import PerformanceLevel

DOCS = "docs/performance.md"
FOLDER = "performance"  # under pinggu/schemes/
DEFAULT = "performance-2020"
EQUAL_RULES = ("deviation", "exact")  # how an "=" indicator that misses its target is scored


@dataclass(frozen=True)
class LevelWeight:
    """一级指标 and its points: what its rows' 分值 should add up to."""

    level: PerformanceLevel
    points: Decimal


@dataclass(frozen=True)
class PerformanceScheme:
    """A validated performance scheme: the weights, the budget rule, rounding and grade bands."""

    id: str
    name: str
    basis: str
    budget_name: str  # 预算执行率
    budget_points: Decimal
    budget_cap: Decimal  # percent: execution above it scores as if it were it
    levels: tuple[LevelWeight, ...]  # in the order of the 自评表
    places: int
    equal: str  # one of EQUAL_RULES
    grades: tuple[Grade, ...]  # highest band first
    source_text: str = field(default="", compare=False, repr=False)

    @property
    def total_points(self) -> Decimal:
        return self.budget_points + sum((w.points for w in self.levels), Decimal(0))

    def weight(self, level: PerformanceLevel) -> Decimal:
        return next(w.points for w in self.levels if w.level is level)

    def grade_for(self, score: Decimal) -> Grade:
        return next(g for g in self.grades if score >= g.min)


def _root(doc: Any, source: str) -> TomlTable:
    return TomlTable.root(doc, source, SchemeError, DOCS)


def parse_performance_scheme(doc: dict[str, Any], scheme_id: str, source: str) -> PerformanceScheme:
    """Validate a parsed performance scheme into a `PerformanceScheme`, or raise `SchemeError`."""
    root = _root(doc, source)
    head, budget, scoring = root.table("scheme"), root.table("budget"), root.table("scoring")
    levels = []
    for t in root.tables("levels"):
        name = t.choice("name", [lv.value for lv in PerformanceLevel])
        levels.append(LevelWeight(PerformanceLevel(name), t.number("points", minimum=Decimal(0))))
        t.done()
    named = [w.level for w in levels]
    missing = [lv.value for lv in PerformanceLevel if lv not in named]
    if missing or len(set(named)) != len(named):
        root.fail(
            "levels",
            f"应列出产出指标、效益指标、满意度指标各一次，缺少或重复：{'、'.join(missing) or '有重复'}",
        )
    scheme = PerformanceScheme(
        id=scheme_id,
        name=head.text("name"),
        basis=head.text("basis"),
        budget_name=budget.text("name"),
        budget_points=budget.number("points", minimum=Decimal(0)),
        budget_cap=budget.number("cap_percent", minimum=Decimal(1)),
        levels=tuple(levels),
        places=scoring.integer("places", minimum=0),
        equal=scoring.choice("equal", EQUAL_RULES),
        grades=parse_grades(root.tables("grades"), source),
    )
    for table in (head, budget, scoring, root):
        table.done()
    if scheme.total_points != 100:
        root.fail(
            "levels",
            f"预算执行率与各一级指标的分值之和应为 100，实为 {scheme.total_points}",
        )
    return scheme


def available_performance_schemes() -> list[str]:
    """Names of the performance schemes shipped in pinggu/schemes/performance/."""
    folder = resources.files("pinggu") / "schemes" / FOLDER
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_performance_scheme(name: str = DEFAULT) -> PerformanceScheme:
    """Load a shipped performance scheme by name, or a performance scheme file by path."""
    if name.endswith(".toml") or "/" in name:
        path = Path(name)
        text = read_scheme_file(path)
        return performance_scheme_from_text(text, path.stem, str(path))
    if name not in available_performance_schemes():
        known = "、".join(available_performance_schemes())
        raise SchemeError(
            f"{name}.toml", "（文件）", f"没有名为「{name}」的绩效评价方案；可用：{known}"
        )
    return _shipped(name)


@lru_cache(maxsize=4)
def _shipped(name: str) -> PerformanceScheme:
    resource = resources.files("pinggu") / "schemes" / FOLDER / f"{name}.toml"
    text = resource.read_text(encoding="utf-8")
    return performance_scheme_from_text(text, name, f"{FOLDER}/{name}.toml")


def performance_scheme_from_text(text: str, scheme_id: str, source: str) -> PerformanceScheme:
    """Parse and validate a performance scheme's TOML text; the scheme keeps its text."""
    doc = parse_toml(text, source, SchemeError)
    return replace(parse_performance_scheme(doc, scheme_id, source), source_text=text)
