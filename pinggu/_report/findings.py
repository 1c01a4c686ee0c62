"""Findings per report section: the parties' own, merged with drafts from the rule results.

A draft finding is written from the engine's figures and warnings ("稳岗率为 75.00%，未达到不
低于 80.00% 的要求"), carries its rule code and is marked `draft`, so the web app can let an
expert keep, edit or drop it. Drafts come first in a section, as the seeds lead with figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .._engine import Result
from .._indicators import IndicatorResult
from .._model import STATION_WIDE, FindingKind, Kind
from .._numbers import HUNDRED
from .contact_findings import contact_drafts
from .marks import Text, joined, number, percent
from .staffing_findings import staffing_drafts
from .tables import indicator_nums

# Station-wide indicators of these groups are 服务监测's business (志愿者、社区社会组织、慈善基金);
# any other station-wide indicator falls to 项目管理.
MONITORING_GROUPS = ("志愿服务", "社区治理")


# Every rule a draft can be written from, with the Chinese name a user reads for it ("草稿·稳岗率"):
# the rule ids are the program's, never shown. A draft from a rule not listed here is a
# programming error (`_drafts` refuses it), so no id can reach a page unnamed.
DRAFT_RULES = {
    "attendance": "到岗情况",
    "retention": "稳岗率",
    "experienced": "从业2年以上社工占比",
    "training": "继续教育",
    "personnel_cost": "人员费用支出比例",
    "indicators": "指标完成情况",
    "insurance_missing": "社保缴纳",
    "salary_missing": "工资发放",
    "excluded_position": "非社工岗位人员",
    "follow_up": "困难群众跟进",
    "contact_records": "服务记录",
    "contact_counts": "指标与服务记录",
}


@dataclass(frozen=True)
class FindingItem:
    text: Text
    draft: bool = False
    rule: str | None = None  # the rule (warning code or figure) a draft was written from
    nothing: bool = False  # the sentence saying nobody raised anything here (facts.py)

    @property
    def rule_name(self) -> str:
        """The rule a draft was written from, in Chinese ("" for an entered finding)."""
        return DRAFT_RULES[self.rule] if self.rule else ""


@dataclass(frozen=True)
class ZoneFindings:
    zone: str
    communities: tuple[str, ...]
    strengths: tuple[FindingItem, ...]
    concerns: tuple[FindingItem, ...]


@dataclass(frozen=True)
class SectionFindings:
    name: str
    strengths: tuple[FindingItem, ...]
    concerns: tuple[FindingItem, ...]
    zones: tuple[ZoneFindings, ...]  # only for per-zone sections (服务质量)


def section_findings(
    result: Result, drafts_too: bool = True, midterm: Result | None = None
) -> dict[str, SectionFindings]:
    """Every scheme section, in scheme order, with drafts first and then entered findings.

    Without drafts (`drafts_too=False`) only the entered findings: the web workspace stores
    the drafts an expert kept as entered findings and drops the rest. With the round's
    `midterm`, a draft concern whose rule the mid-term also raised says so; so does an entered
    concern a previous round's rectification item names as its repeat (`repeated_as`): either
    opens 「与中期评估意见一致，」 (or 「与上一年度末期评估意见一致，」), once.
    """
    drafts = _drafts(result, midterm) if drafts_too else {}
    out: dict[str, SectionFindings] = {}
    for section in result.scheme.sections:
        zones: tuple[ZoneFindings, ...] = ()
        if section.per_zone:
            zones = tuple(
                ZoneFindings(
                    z.name,
                    z.communities,
                    _merged(result, drafts, section.name, z.name, FindingKind.STRENGTH),
                    _merged(result, drafts, section.name, z.name, FindingKind.CONCERN),
                )
                for z in result.evaluation.zones
            )
        out[section.name] = SectionFindings(
            section.name,
            _merged(result, drafts, section.name, None, FindingKind.STRENGTH),
            _merged(result, drafts, section.name, None, FindingKind.CONCERN),
            zones,
        )
    return out


_Key = tuple[str, str | None, FindingKind]


def _merged(
    result: Result,
    drafts: dict[_Key, list[FindingItem]],
    section: str,
    zone: str | None,
    kind: FindingKind,
) -> tuple[FindingItem, ...]:
    repeats = _repeats(result) if kind is FindingKind.CONCERN else {}
    entered = [
        FindingItem(opened(Text.of(f.text), repeats.get(f.text.strip())))
        for f in result.evaluation.findings
        if f.section == section and f.zone == zone and f.kind is kind
    ]
    return (*drafts.get((section, zone, kind), []), *entered)


# How a concern that repeats an earlier round's opens, by the earlier round's kind (docs/onsite-rectification.md).
OPENERS = {
    Kind.MIDTERM.value: "与中期评估意见一致，",
    Kind.FINAL.value: "与上一年度末期评估意见一致，",
}


def opened(text: Text, raised_kind: str | None) -> Text:
    """`text` opened with the phrase saying an earlier round raised it too; never twice (an
    expert may have typed the phrase already)."""
    if raised_kind is None or str(text).startswith(tuple(o.rstrip("，") for o in OPENERS.values())):
        return text
    return Text.of(OPENERS[raised_kind], text)


def _repeats(result: Result) -> dict[str, str]:
    """This round's concern text -> the kind of the earlier round that raised it (the first
    rectification item, by 序号, naming it as its repeat)."""
    onsite = result.evaluation.onsite
    items = sorted(onsite.rectification, key=lambda i: i.number) if onsite else []
    out: dict[str, str] = {}
    for item in items:
        if item.repeated_as.strip():
            out.setdefault(item.repeated_as.strip(), item.raised_kind)
    return out


def _drafts(result: Result, midterm: Result | None = None) -> dict[_Key, list[FindingItem]]:
    out: dict[_Key, list[FindingItem]] = {}
    earlier = _concern_rules(midterm) if midterm is not None else set()

    def add(section: str, zone: str | None, kind: FindingKind, rule: str, text: Text) -> None:
        if rule not in DRAFT_RULES:
            raise KeyError(f"draft rule {rule!r} has no Chinese name in DRAFT_RULES")
        if kind is FindingKind.CONCERN and (rule, zone) in earlier:
            text = opened(text, Kind.MIDTERM.value)
        out.setdefault((section, zone, kind), []).append(FindingItem(text, True, rule))

    for kind, rule, text in staffing_drafts(result):
        add("项目管理", None, kind, rule, text)
    for section, where, kind, rule, text in contact_drafts(result):
        add(section, where, kind, rule, text)
    for zone in result.evaluation.zones:
        rows = [r for r in result.indicators if r.zone == zone.name]
        for kind, text in _indicator_drafts(result, rows, zone.name):
            add("服务质量", zone.name, kind, "indicators", text)
    wide = [r for r in result.indicators if r.zone == STATION_WIDE]
    monitoring = [r for r in wide if r.group in MONITORING_GROUPS]
    others = [r for r in wide if r.group not in MONITORING_GROUPS]
    for section, rows in (("服务监测", monitoring), ("项目管理", others)):
        for kind, text in _indicator_drafts(result, rows, None):
            if kind is FindingKind.CONCERN:
                add(section, None, kind, "indicators", text)
    return out


def _concern_rules(midterm: Result) -> set[tuple[str, str | None]]:
    """(rule, 片区) of every draft concern the round's mid-term raised."""
    return {
        (item.rule, zone)
        for (_, zone, kind), items in _drafts(midterm).items()
        if kind is FindingKind.CONCERN
        for item in items
        if item.rule is not None
    }


def _indicator_drafts(
    result: Result, rows: list[IndicatorResult], zone: str | None
) -> list[tuple[FindingKind, Text]]:
    """A 片区's (or the station-wide) indicators that miss their requirement, with figures.

    Only an indicator under its target (final) or behind the time (mid-term) is named, and the
    suggestion names those indicators; a 片区 with none gets its completion as a strength.
    """
    with_target = [r for r in rows if r.completion is not None]
    if not with_target:
        return []
    where = zone or "全站性指标中"
    if result.evaluation.info.kind is Kind.MIDTERM and result.expected_progress is not None:
        floor = result.expected_progress.value - result.scheme.progress_tolerance_points
        behind = [r for r in with_target if r.completion is not None and r.completion.value < floor]
        requirement = Text.of(
            "明显落后于时间进度（时间进度为",
            percent("指标·时间进度", result.expected_progress.value),
            "）",
        )
        advice = "加快服务进度，确保年度指标按期完成"
        done = "均达到时间进度"
    else:
        behind = [
            r for r in with_target if r.completion is not None and r.completion.value < HUNDRED
        ]
        requirement = Text.of("未达到协议指标量")
        advice = "分析未完成的原因，在后续服务中补足"
        done = "均达到协议指标量"
    if not behind:
        count = number(f"指标·{rows[0].zone}·有协议量项数", Decimal(len(with_target)))
        lead = f"{zone}有协议指标量的" if zone else "全站性指标中，有协议指标量的"
        return [(FindingKind.STRENGTH, Text.of(lead, count, f"项指标{done}。"))]
    items = []
    for r in behind:
        target, actual, pct = indicator_nums(r)
        items.append(
            Text.of(
                f"{r.indicator}（{r.measure}）完成", actual, "，协议量", target, "，完成率", pct
            )
        )
    names = "、".join(dict.fromkeys(r.indicator for r in behind))
    who = f"{zone}社工" if zone else "社工站"
    return [
        (
            FindingKind.CONCERN,
            Text.of(
                f"{where}以下指标",
                requirement,
                "：",
                joined(items, "；"),
                "。",
                f"建议{who}针对{names}{advice}。",
            ),
        )
    ]
