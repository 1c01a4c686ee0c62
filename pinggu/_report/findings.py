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
from .attendance import StaffingNums, staffing_nums
from .marks import Num, Text, joined, number, percent
from .tables import indicator_nums

# Station-wide indicators of these groups are 服务监测's business (志愿者、社区社会组织、慈善基金);
# any other station-wide indicator falls to 项目管理.
MONITORING_GROUPS = ("志愿服务", "社区治理")


# Every rule a draft can be written from, with the Chinese name a user reads for it ("草稿·稳岗率"):
# the rule ids are the program's, never shown. A draft from a rule not listed here is a
# programming error (`_drafts` refuses it), so no id can reach a page unnamed.
DRAFT_RULES = {
    "attendance": "到岗情况",
    "month_short": "到岗不足的月份",
    "retention": "稳岗率",
    "experienced": "从业2年以上社工占比",
    "training": "继续教育",
    "personnel_cost": "人员费用支出比例",
    "indicators": "指标完成情况",
    "insurance_missing": "社保缴纳",
    "salary_missing": "工资发放",
    "excluded_position": "非社工岗位人员",
}


@dataclass(frozen=True)
class FindingItem:
    text: Text
    draft: bool = False
    rule: str | None = None  # the rule (warning code or figure) a draft was written from

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


def section_findings(result: Result, drafts_too: bool = True) -> dict[str, SectionFindings]:
    """Every scheme section, in scheme order, with drafts first and then entered findings.

    Without drafts (`drafts_too=False`) only the entered findings: the web workspace stores
    the drafts an expert kept as entered findings and drops the rest.
    """
    drafts = _drafts(result) if drafts_too else {}
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
    entered = [
        FindingItem(Text.of(f.text))
        for f in result.evaluation.findings
        if f.section == section and f.zone == zone and f.kind is kind
    ]
    return (*drafts.get((section, zone, kind), []), *entered)


def _drafts(result: Result) -> dict[_Key, list[FindingItem]]:
    out: dict[_Key, list[FindingItem]] = {}

    def add(section: str, zone: str | None, kind: FindingKind, rule: str, text: Text) -> None:
        if rule not in DRAFT_RULES:
            raise KeyError(f"draft rule {rule!r} has no Chinese name in DRAFT_RULES")
        out.setdefault((section, zone, kind), []).append(FindingItem(text, True, rule))

    for kind, rule, text in _staffing_drafts(result):
        add("项目管理", None, kind, rule, text)
    codes = {w.code: w for w in result.warnings}
    for code in ("insurance_missing", "salary_missing", "excluded_position"):
        if code in codes:
            add(
                "项目管理",
                None,
                FindingKind.CONCERN,
                code,
                Text.of(codes[code].message + "，建议社工站核实并补充说明。"),
            )
    for zone in result.evaluation.zones:
        rows = [r for r in result.indicators if r.zone == zone.name]
        for kind, text in _indicator_drafts(result, rows, f"{zone.name}"):
            add("服务质量", zone.name, kind, "indicators", text)
    wide = [r for r in result.indicators if r.zone == STATION_WIDE]
    monitoring = [r for r in wide if r.group in MONITORING_GROUPS]
    others = [r for r in wide if r.group not in MONITORING_GROUPS]
    for section, rows in (("服务监测", monitoring), ("项目管理", others)):
        for kind, text in _indicator_drafts(result, rows, "全站性指标中，"):
            if kind is FindingKind.CONCERN:
                add(section, None, kind, "indicators", text)
    return out


_Draft = tuple[FindingKind, str, Text]


def _staffing_drafts(result: Result) -> list[_Draft]:
    codes = {w.code for w in result.warnings}
    n = staffing_nums(result)
    out = [_attendance_draft(n)]
    if "month_short" in codes or "certified_month_short" in codes:
        out.append(_short_months_draft(result))
    out.append(
        _threshold_draft(
            "retention",
            "retention_low" not in codes,
            Text.of(
                "考核期内每月均在岗的社工",
                n.continuous,
                "人，协议社工",
                n.contracted,
                "人，稳岗率为",
                n.retention,
            ),
            percent("方案·稳岗率下限", result.scheme.staffing.retention_min),
            ("，服务团队相对稳定。", "，建议社工站关注人员稳定。"),
        )
    )
    if n.experienced_share is not None:
        out.append(
            _threshold_draft(
                "experienced",
                "experienced_low" not in codes,
                Text.of(
                    "从业2年以上社工到岗",
                    n.experienced,
                    "人次，占实到",
                    n.actual,
                    "人次的",
                    n.experienced_share,
                ),
                percent("方案·从业2年以上占比下限", result.scheme.staffing.experienced_share_min),
                ("。", "，建议社工站关注团队的从业经验结构。"),
            )
        )
    return out + _money_drafts(result)


def _threshold_draft(
    rule: str, ok: bool, figures: Text, minimum: Num, endings: tuple[str, str]
) -> _Draft:
    """'…为 85.00%，达到不低于 80.00% 的要求' as a strength, or '未达到' as a concern."""
    verdict = Text.of(
        "，达到" if ok else "，未达到", "不低于", minimum, "的要求", endings[0 if ok else 1]
    )
    return (FindingKind.STRENGTH if ok else FindingKind.CONCERN, rule, Text.of(figures, verdict))


def _attendance_draft(n: StaffingNums) -> _Draft:
    attendance = Text.of(
        "社工总人数应到",
        n.required,
        "人次，实到",
        n.actual,
        "人次；持证社工应到",
        n.certified_required,
        "人次，实到",
        n.certified_actual,
        "人次",
    )
    gaps = [
        Text.of(who, "累计缺少", num, "人次")
        for who, num in (("社工", n.shortfall), ("持证社工", n.certified_shortfall))
        if num.value > 0
    ]
    if not gaps:
        return (FindingKind.STRENGTH, "attendance", Text.of(attendance, "，人员到岗情况良好。"))
    advice = "，建议社工站及时补充人员，保障服务力量。"
    return (
        FindingKind.CONCERN,
        "attendance",
        Text.of(attendance, "，", joined(gaps, "、"), advice),
    )


def _short_months_draft(result: Result) -> _Draft:
    s = result.staffing
    months = [
        Text.of(
            f"{m.month.year}年{m.month.month}月实到",
            number(f"到岗·{m.month}·实到", m.actual),
            "人次，应到",
            number(f"到岗·{m.month}·应到", m.required),
            "人次",
        )
        for m in s.months
        if m.short
    ]
    cert = [f"{m.month.year}年{m.month.month}月" for m in s.months if m.certified_short]
    parts = [joined(months, "；")] if months else []
    if cert:
        parts.append(Text.of(f"持证社工到岗不足的月份：{'、'.join(cert)}"))
    advice = "。建议社工站做好人员储备，减少岗位空缺对服务的影响。"
    return (
        FindingKind.CONCERN,
        "month_short",
        Text.of("社工站存在到岗不足的月份：", joined(parts, "；"), advice),
    )


def _money_drafts(result: Result) -> list[_Draft]:
    s, info = result.staffing, result.evaluation.info
    out = []
    if (
        s.training_ratio is not None
        and info.training_hours_required
        and info.training_hours_done is not None
    ):
        req = number("基本信息·继续教育要求时数", info.training_hours_required)
        done = number("基本信息·继续教育完成时数", info.training_hours_done)
        ratio = percent("到岗·继续教育完成比例", s.training_ratio.value, (done.key, req.key))
        ok = s.training_ratio.value >= HUNDRED
        out.append(
            (
                FindingKind.STRENGTH if ok else FindingKind.CONCERN,
                "training",
                Text.of(
                    "继续教育方面，评估要求时数为",
                    req,
                    "小时，社工站实际完成",
                    done,
                    "小时，完成比例为",
                    ratio,
                    "。" if ok else "，未达到要求时数，建议社工站落实年度培训计划。",
                ),
            )
        )
    if (
        s.personnel_cost_ratio is not None
        and info.annual_spending
        and info.personnel_spending is not None
    ):
        spent = number("基本信息·人员费用支出", info.personnel_spending)
        whole = number("基本信息·年度支出总额", info.annual_spending)
        ratio = percent(
            "到岗·人员费用支出比例", s.personnel_cost_ratio.value, (spent.key, whole.key)
        )
        vetoed = any(v.rule_id == "personnel_cost" for v in result.vetoes)
        out.append(
            (
                FindingKind.CONCERN if vetoed else FindingKind.STRENGTH,
                "personnel_cost",
                Text.of(
                    "人员费用支出",
                    spent,
                    "元，占年度支出总额",
                    whole,
                    "元的",
                    ratio,
                    "，低于规定比例。" if vetoed else "，符合人员费用支出比例的要求。",
                ),
            )
        )
    return out


def _indicator_drafts(
    result: Result, rows: list[IndicatorResult], where: str
) -> list[tuple[FindingKind, Text]]:
    """A 片区's (or the station-wide) indicators under target or behind time, with figures."""
    with_target = [r for r in rows if r.completion is not None]
    if not with_target:
        return []
    if result.evaluation.info.kind is Kind.MIDTERM and result.expected_progress is not None:
        floor = result.expected_progress.value - result.scheme.progress_tolerance_points
        behind = [r for r in with_target if r.completion is not None and r.completion.value < floor]
        verdict = Text.of(
            "明显落后于时间进度（时间进度为",
            percent("指标·时间进度", result.expected_progress.value),
            "）",
        )
        advice = "建议加快服务进度，确保年度指标按期完成。"
    else:
        behind = [
            r for r in with_target if r.completion is not None and r.completion.value < HUNDRED
        ]
        verdict = Text.of("未达到协议指标量")
        advice = "建议加强对相关指标的进度监测。"
    if not behind:
        return [
            (
                FindingKind.STRENGTH,
                Text.of(
                    f"{where}有协议指标量的",
                    number(f"指标·{rows[0].zone}·有协议量项数", Decimal(len(with_target))),
                    "项指标均按进度完成。",
                ),
            )
        ]
    items = []
    for r in behind:
        target, actual, pct = indicator_nums(r)
        items.append(
            Text.of(
                f"{r.indicator}（{r.measure}）完成", actual, "，协议量", target, "，完成率", pct
            )
        )
    return [
        (
            FindingKind.CONCERN,
            Text.of(f"{where}以下指标", verdict, "：", joined(items, "；"), "。", advice),
        )
    ]
