"""Schemes: the evaluation rules as data.

A scheme file (TOML, shipped in `pinggu/schemes/`) names the parties, their dimensions and
points, grade bands, veto rules, staffing thresholds, rounding and the finding sections. It is
validated here into frozen objects; the engine never reads a raw dict. A fault is refused at
load with the file, the key and what is wrong (`SchemeError`). Every key and every metric a
computed veto may use is documented in docs/schemes.md, and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ._contacts.model import ContactSchedule
from ._contacts.schedule import parse_schedule
from ._errors import SchemeError
from ._keys import name_key
from ._model import Kind
from ._onsite.files_model import FileSampling
from ._onsite.rectification import RectificationRules, parse_rectification
from ._onsite.sampling import parse_file_sampling
from ._sheets.cells import key
from ._survey import CONFIDENCE_Z, FORMULAS, SurveySettings
from ._toml import TomlTable, parse_toml

# Metrics a computed veto may test: name -> what it means (shown in messages and docs).
METRICS: dict[str, str] = {
    "shortfall": "社工累计缺少人次",
    "certified_shortfall": "持证社工累计缺少人次",
    "personnel_cost_ratio": "人员费用支出比例",
    "retention_rate": "稳岗率",
    "experienced_share": "从业2年以上社工人次占比",
    "third_party_share": "第三方评估机构得分率",
    "overdue_unrectified": "整改期限已过仍未整改的上一轮意见条数",
}

# Comparison operators a computed veto may use: symbol -> (test, Chinese wording).
OPERATORS: dict[str, tuple[Callable[[Decimal, Decimal], bool], str]] = {
    ">=": (lambda a, b: a >= b, "达到或超过"),
    ">": (lambda a, b: a > b, "超过"),
    "<": (lambda a, b: a < b, "低于"),
    "<=": (lambda a, b: a <= b, "不高于"),
}

COMBINE_METHODS = ("mean", "median", "trimmed_mean")
# The third-party evaluator's party id: the party whose dimensions a station scores itself on
# (docs/onsite-rectification.md) and whose share of the total a veto may test.
THIRD_PARTY = "third_party"
SHORTFALL_MODES = ("netted", "per_month")


@dataclass(frozen=True)
class Dimension:
    name: str
    max_points: Decimal
    scale: Decimal  # the scale experts score on; the dimension contributes score × max/scale
    per_zone: bool


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    max_points: Decimal
    dimensions: tuple[Dimension, ...]

    def dimension(self, name: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.name == name), None)


@dataclass(frozen=True)
class Grade:
    id: str
    name: str
    min: Decimal


@dataclass(frozen=True)
class VetoRule:
    id: str
    title: str
    computed: bool
    metric: str | None = None
    operator: str | None = None
    thresholds: tuple[tuple[Kind, Decimal], ...] = ()

    def threshold(self, kind: Kind) -> Decimal | None:
        return dict(self.thresholds).get(kind)


@dataclass(frozen=True)
class ExcludedPositions:
    """Positions that are not social workers' (保安, 保洁, 司机 …): a position is excluded when,
    compared by `name_key` (spaces, width and case aside), it contains one of `contains` or
    equals one of `names`; so 「保安员」 and 「保 安」 are excluded by the word 保安."""

    contains: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def rule_for(self, position: str) -> str | None:
        """The word or name that excludes `position`, or None when it is a social worker's."""
        wanted = name_key(position)
        named = next((n for n in self.names if name_key(n) == wanted), None)
        return named or next((w for w in self.contains if name_key(w) in wanted), None)


@dataclass(frozen=True)
class Staffing:
    half_month_days: int
    shortfall: str
    retention_min: Decimal
    experienced_share_min: Decimal
    excluded_positions: ExcludedPositions
    # How many person-months a month's 实到 may exceed its 应到 before a warning: more is most
    # often a worker entered twice (under a second ID, or a month pasted twice).
    month_surplus_tolerance: Decimal = Decimal(0)

    def excludes(self, position: str) -> bool:
        return self.excluded_positions.rule_for(position) is not None


@dataclass(frozen=True)
class CatalogueIndicator:
    group: str
    name: str
    measures: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names stations use for it (社区活动 for 社区活动（大型）)


@dataclass(frozen=True)
class IndicatorChecks:
    """The [indicator_checks] table: what a 协议量 may be, and the bounds past which a figure is
    implausible (a warning naming the row, never a refusal: a real figure may be unusual)."""

    allow_zero_target: bool = False  # False: a 0 in 协议量 is an import error (blank = no target)
    completion_percent_max: Decimal = Decimal(2000)  # the seeds' highest real rate is 1168.36%
    actual_max: Decimal = Decimal(1_000_000)
    target_max: Decimal = Decimal(1_000_000)


@dataclass(frozen=True)
class Section:
    name: str
    aliases: tuple[str, ...]
    per_zone: bool


@dataclass(frozen=True)
class Scheme:
    """A validated scheme: parties, grades, vetoes, thresholds and rounding."""

    id: str
    name: str
    basis: str
    total_points: Decimal
    places: int
    combine: str
    trim: int
    parties: tuple[Party, ...]
    grades: tuple[Grade, ...]  # highest band first
    staffing: Staffing
    progress_tolerance_points: Decimal
    catalogue: tuple[CatalogueIndicator, ...]
    vetoes: tuple[VetoRule, ...]
    sections: tuple[Section, ...]
    survey: SurveySettings = field(default_factory=SurveySettings)
    indicator_checks: IndicatorChecks = field(default_factory=IndicatorChecks)
    contacts: ContactSchedule | None = None  # [contacts]: the follow-up schedule (docs/contacts.md)
    # [file_sampling]: file spot checks' plan and checklists (docs/onsite.md); None: none set.
    file_sampling: FileSampling | None = None
    # [rectification]: the deadline for the previous round's concerns (docs/onsite-rectification.md)
    rectification: RectificationRules | None = None
    # The file's text, so a report can carry the exact rules it was computed by.
    source_text: str = field(default="", compare=False, repr=False)

    def party(self, name: str) -> Party | None:
        return next((p for p in self.parties if p.name == name), None)

    @property
    def third_party(self) -> Party | None:
        return next((p for p in self.parties if p.id == THIRD_PARTY), None)

    def grade_for(self, score: Decimal) -> Grade:
        return next(g for g in self.grades if score >= g.min)

    def veto(self, title: str) -> VetoRule | None:
        return next((v for v in self.vetoes if v.title == title), None)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if name == s.name or name in s.aliases), None)

    def catalogue_entry(self, indicator: str) -> CatalogueIndicator | None:
        """The catalogue's indicator `indicator` names, by name or alias (width and spaces aside)."""
        wanted = key(indicator)
        return next(
            (c for c in self.catalogue if any(key(n) == wanted for n in (c.name, *c.aliases))),
            None,
        )


DOCS = "docs/schemes.md"


def _root(doc: Any, source: str) -> TomlTable:
    return TomlTable.root(doc, source, SchemeError, DOCS)


def _dimension(t: TomlTable) -> Dimension:
    max_points = t.number("max_points", minimum=Decimal("0.01"))
    dim = Dimension(
        name=t.text("name"),
        max_points=max_points,
        scale=t.number("scale", default=max_points, minimum=Decimal("0.01")),
        per_zone=t.flag("per_zone", False),
    )
    t.done()
    return dim


def _party(t: TomlTable) -> Party:
    party_id, name = t.text("id"), t.text("name")
    max_points = t.number("max_points", minimum=Decimal("0.01"))
    if "dimensions" in t.data:
        dims = tuple(_dimension(d) for d in t.tables("dimensions"))
        total = sum((d.max_points for d in dims), Decimal(0))
        if total != max_points:
            t.fail(
                "dimensions", f"各评估内容标准分之和为 {total}，与 max_points {max_points} 不一致"
            )
        t.known.add("scale")
        if "scale" in t.data:
            t.fail("scale", "分项评分的评估方请在各评估内容中设置 scale")
    else:
        scale = t.number("scale", default=max_points, minimum=Decimal("0.01"))
        dims = (Dimension(name=name, max_points=max_points, scale=scale, per_zone=False),)
    names = [d.name for d in dims]
    if len(set(names)) != len(names):
        t.fail("dimensions", "评估内容名称重复")
    t.done()
    return Party(id=party_id, name=name, max_points=max_points, dimensions=dims)


def _veto(t: TomlTable) -> VetoRule:
    kind = t.choice("kind", ("declared", "computed"))
    veto_id, title = t.text("id"), t.text("title")
    if kind == "declared":
        t.done()
        return VetoRule(id=veto_id, title=title, computed=False)
    metric = t.choice("metric", list(METRICS))
    operator = t.choice("operator", list(OPERATORS))
    thresholds = tuple((k, t.number(k.value)) for k in Kind)
    t.done()
    return VetoRule(veto_id, title, True, metric, operator, thresholds)


def _excluded_positions(staffing: TomlTable) -> ExcludedPositions:
    """[staffing.excluded_positions]: `contains` words and exact `names`, both optional."""
    staffing.known.add("excluded_positions")
    if "excluded_positions" not in staffing.data:
        return ExcludedPositions()
    if isinstance(staffing.data["excluded_positions"], list):
        staffing.fail(
            "excluded_positions",
            "应为一个表：contains = [...]（岗位含其中任一词即不计入社工）"
            "和/或 names = [...]（岗位与其中之一相同即不计入）",
        )
    t = staffing.table("excluded_positions")
    rule = ExcludedPositions(t.texts("contains", default=[]), t.texts("names", default=[]))
    seen: set[str] = set()
    for where, spellings in (("contains", rule.contains), ("names", rule.names)):
        for spelling in spellings:
            if not name_key(spelling):
                t.fail(where, f"岗位「{spelling}」只有空格")
            if name_key(spelling) in seen:
                t.fail(where, f"岗位「{spelling}」重复（不计空格、全半角和大小写）")
            seen.add(name_key(spelling))
    t.done()
    return rule


def _survey(root: TomlTable) -> SurveySettings:
    """The [survey] table; every key, and the table itself, may be left out for the default."""
    default = SurveySettings()
    root.known.add("survey")
    if "survey" not in root.data:
        return default
    t = root.table("survey")
    items = t.texts("items", default=list(default.items))
    if not items or len(set(items)) != len(items):
        t.fail("items", "应为至少一项、互不重复的题目")
    scale = t.integer("scale", default=default.scale, minimum=2)
    satisfied_min = t.number("satisfied_min", default=default.satisfied_min, minimum=Decimal(1))
    if satisfied_min > scale:
        t.fail("satisfied_min", f"不能大于评分等级 scale {scale}，实为 {satisfied_min}")
    confidence = t.number("confidence", default=default.confidence)
    if confidence not in CONFIDENCE_Z:
        levels = "、".join(str(c) for c in CONFIDENCE_Z)
        t.fail("confidence", f"应为 {levels} 之一，实为 {confidence}")
    settings = SurveySettings(
        items=items,
        scale=scale,
        formula=t.choice("formula", FORMULAS, default=default.formula),
        satisfied_min=satisfied_min,
        sample_size=t.integer("sample_size", default=default.sample_size, minimum=1),
        attempts=t.integer("attempts", default=default.attempts, minimum=1),
        confidence=next(c for c in CONFIDENCE_Z if c == confidence),
        min_interval_answers=t.integer(
            "min_interval_answers", default=default.min_interval_answers, minimum=2
        ),
    )
    t.done()
    return settings


def _indicator_checks(root: TomlTable) -> IndicatorChecks:
    """The [indicator_checks] table; every key, and the table itself, may be left out."""
    default = IndicatorChecks()
    root.known.add("indicator_checks")
    if "indicator_checks" not in root.data:
        return default
    t = root.table("indicator_checks")
    one = Decimal(1)
    checks = IndicatorChecks(
        allow_zero_target=t.flag("allow_zero_target", default.allow_zero_target),
        completion_percent_max=t.number(
            "completion_percent_max", default=default.completion_percent_max, minimum=one
        ),
        actual_max=t.number("actual_max", default=default.actual_max, minimum=one),
        target_max=t.number("target_max", default=default.target_max, minimum=one),
    )
    t.done()
    return checks


def parse_grades(tables: list[TomlTable], source: str) -> tuple[Grade, ...]:
    grades = []
    for t in tables:
        grades.append(Grade(id=t.text("id"), name=t.text("name"), min=t.number("min")))
        t.done()
    ordered = tuple(sorted(grades, key=lambda g: g.min, reverse=True))
    if ordered[-1].min != 0:
        raise SchemeError(source, "grades", "最低等级的 min 应为 0，使任何分数都有等级")
    if len({g.min for g in ordered}) != len(ordered):
        raise SchemeError(source, "grades", "两个等级的 min 相同")
    return ordered


def _catalogue(name: str, source: str) -> tuple[CatalogueIndicator, ...]:
    doc = _read_toml(f"{name}.toml")
    root = _root(doc, f"{name}.toml")
    entries = []
    seen: dict[str, str] = {}  # comparison key of every name and alias -> the indicator's name
    for group in root.tables("groups"):
        group_name = group.text("name")
        for it in group.tables("indicators"):
            name = it.text("name")
            aliases = it.texts("aliases", [])
            for spelling in (name, *aliases):
                if key(spelling) in seen:
                    it.fail(
                        "aliases",
                        f"指标名称「{spelling}」重复：已是指标「{seen[key(spelling)]}」的名称或别名",
                    )
                seen[key(spelling)] = name
            entries.append(CatalogueIndicator(group_name, name, it.texts("measures"), aliases))
            it.done()
        group.done()
    root.done()
    return tuple(entries)


def _read_toml(filename: str) -> dict[str, Any]:
    return _parse_toml(_read_text(filename), filename)


def _read_text(filename: str) -> str:
    resource = resources.files("pinggu") / "schemes" / filename
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemeError(filename, "（文件）", "找不到此文件") from None


def read_scheme_file(path: Path) -> str:
    """The text of a scheme file given by path; `SchemeError` names it when it is not there."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemeError(str(path), "（文件）", "找不到此文件") from None


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    return parse_toml(text, source, SchemeError)


def parse_scheme(doc: dict[str, Any], scheme_id: str, source: str) -> Scheme:
    """Validate a parsed scheme document into a `Scheme`, or raise `SchemeError`."""
    root = _root(doc, source)
    head, rounding, combine = root.table("scheme"), root.table("rounding"), root.table("combine")
    staffing_t, indicators_t = root.table("staffing"), root.table("indicators")
    parties = tuple(_party(t) for t in root.tables("parties"))
    total_points = head.number("total_points", minimum=Decimal(1))
    party_total = sum((p.max_points for p in parties), Decimal(0))
    if party_total != total_points:
        root.fail(
            "parties",
            f"各评估方标准分之和为 {party_total}，与 scheme.total_points {total_points} 不一致",
        )
    staffing = _staffing(staffing_t)
    method = combine.choice("method", COMBINE_METHODS)
    trim = combine.integer("trim", default=0)
    if method == "trimmed_mean" and trim < 1:
        combine.fail("trim", "trimmed_mean 需要 trim ≥ 1（去掉最高、最低各几个评分）")
    vetoes = tuple(_veto(t) for t in root.tables("vetoes"))
    sections = _sections(root)
    scheme = Scheme(
        id=scheme_id,
        name=head.text("name"),
        basis=head.text("basis"),
        total_points=total_points,
        places=rounding.integer("places", minimum=0),
        combine=method,
        trim=trim,
        parties=parties,
        grades=parse_grades(root.tables("grades"), source),
        staffing=staffing,
        progress_tolerance_points=indicators_t.number(
            "progress_tolerance_points", minimum=Decimal(0)
        ),
        catalogue=_catalogue(indicators_t.text("catalogue"), source),
        vetoes=vetoes,
        sections=sections,
        survey=_survey(root),
        indicator_checks=_indicator_checks(root),
        contacts=parse_schedule(root),
        rectification=parse_rectification(root),
    )
    sampling = parse_file_sampling(
        root,
        [s.name for s in scheme.sections],
        lambda name: entry.measures if (entry := scheme.catalogue_entry(name)) else None,
    )
    scheme = replace(scheme, file_sampling=sampling)
    for table in (head, rounding, combine, staffing_t, indicators_t, root):
        table.done()
    _check_unique(source, "parties", [p.name for p in parties] + [p.id for p in parties])
    _check_unique(source, "vetoes", [v.title for v in vetoes] + [v.id for v in vetoes])
    return scheme


def _staffing(t: TomlTable) -> Staffing:
    return Staffing(
        half_month_days=t.integer("half_month_days", minimum=1),
        shortfall=t.choice("shortfall", SHORTFALL_MODES),
        retention_min=t.number("retention_min", minimum=Decimal(0)),
        experienced_share_min=t.number("experienced_share_min", minimum=Decimal(0)),
        excluded_positions=_excluded_positions(t),
        month_surplus_tolerance=t.number(
            "month_surplus_tolerance", default=Decimal(0), minimum=Decimal(0)
        ),
    )


def _sections(root: TomlTable) -> tuple[Section, ...]:
    sections = []
    for t in root.tables("sections"):
        sections.append(
            Section(t.text("name"), t.texts("aliases", default=[]), t.flag("per_zone", False))
        )
        t.done()
    return tuple(sections)


def _check_unique(source: str, key: str, names: list[str]) -> None:
    seen = set()
    for name in names:
        if name in seen:
            raise SchemeError(source, key, f"「{name}」出现了两次")
        seen.add(name)


def available_schemes() -> list[str]:
    """Names of the schemes shipped in pinggu/schemes/."""
    folder = resources.files("pinggu") / "schemes"
    return sorted(
        p.name.removesuffix(".toml")
        for p in folder.iterdir()
        if p.name.endswith(".toml") and p.name != "indicator-catalogue.toml"
    )


def load_scheme(name: str = "guangzhou-2023") -> Scheme:
    """Load a shipped scheme by name, or a scheme file by path."""
    if name.endswith(".toml") or "/" in name:
        path = Path(name)
        text = read_scheme_file(path)
        return scheme_from_text(text, path.stem, str(path))
    if name not in available_schemes():
        raise SchemeError(
            f"{name}.toml",
            "（文件）",
            f"没有名为「{name}」的评估方案；可用：{'、'.join(available_schemes())}",
        )
    return _shipped_scheme(name)


@lru_cache(maxsize=16)
def _shipped_scheme(name: str) -> Scheme:
    """A shipped scheme, parsed once per process: schemes are frozen and their files are part
    of the package (the web app asks for the same scheme on every request)."""
    return scheme_from_text(_read_text(f"{name}.toml"), name, f"{name}.toml")


def scheme_from_text(text: str, scheme_id: str, source: str) -> Scheme:
    """Parse and validate a scheme's TOML text; the scheme keeps the text it came from."""
    return replace(parse_scheme(_parse_toml(text, source), scheme_id, source), source_text=text)
