"""The performance evaluation report as a plain structure, before layout (seed 001's genre).

`build_performance_content` reads a `Result` whose evaluation carries performance data and
returns the title, the numbered body (一、项目概况 … 五、相关建议) and the 自评表 附件; nothing
here knows about Word. The audit builds it again from the data embedded in the report, to know
what every printed number must be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ..._engine import Result, evaluate
from ..._errors import ReportError
from ..._model import Evaluation, StationInfo
from ..._performance.model import Budget, NarrativeBlock, PerformanceData
from ..._performance.scheme import performance_scheme_from_text
from ..._performance.scoring import PerformanceResult, score_performance
from ..._performance.sheets import HEADINGS
from ..._scheme import Scheme
from ..marks import Text, day, joined, month_of, number, percent, points
from ..names import station_names
from ..narrative import progress, progress_conclusion, survey_sentences
from ..tables import Table
from ..team import staff_paragraph
from .analysis import analysis_paragraphs, conclusion
from .form import form_tables
from .money import TEN_THOUSAND, rate_percent, wan, wan_total
from .outline import Block, Part, flatten, narrative_parts

# The 绩效叙述 sheet's headings (docs/performance.md), in the report's order.
BASIC, GOALS, RESULTS, PROBLEMS, ADVICE = HEADINGS
KEYS = {
    "initial": "资金·年初预算数",
    "annual": "资金·全年预算数",
    "spent": "资金·全年执行数",
    "rate": "资金·预算执行率",
}


@dataclass(frozen=True)
class PerformanceContent:
    file_stem: str  # 示例街道办事处示例街社工服务站购买服务项目绩效评价报告
    title_head: str  # 2023年度广州市海珠区示例街道办事处: the title's first line
    title_tail: str  # 示例街社工服务站购买服务项目绩效评价报告: its second
    office: str  # 示例街道办事处
    project: str  # 示例街社工服务站购买服务项目
    year: str  # 2023年度
    operator: str
    body: tuple[Block, ...]
    form_title: str  # 项目支出绩效自评表
    form: tuple[Table, ...]  # 自评表: the budget's execution, then the indicators

    @property
    def title(self) -> str:
        return self.title_head + self.title_tail


def build_performance_content(result: Result) -> PerformanceContent:
    """The whole report from one result; refuses one without performance data or a budget."""
    data, budget, scored = _performance(result)
    info = result.evaluation.info
    office = street_office(info)
    project = f"{station_names(info).station}购买服务项目"
    year = f"{info.contract_start.year}年度"  # seed 001: the year the contract year begins
    by_heading = _narrative(data.narrative)
    parts = [
        Part(
            "项目概况",
            parts=[
                _basic(result, budget, by_heading[BASIC]),
                _goals(scored, by_heading[GOALS]),
                Part("项目资金来源及使用情况", _funding(budget, scored)),
            ],
        ),
        _results(result, by_heading[RESULTS]),
        Part(
            "评价结论与绩效分析",
            parts=[
                Part("评价结论", [conclusion(scored)]),
                Part("绩效分析", analysis_paragraphs(scored)),
            ],
        ),
        _narrative_part(
            "存在的问题及应对策略", by_heading[PROBLEMS], "本项目未列出存在的问题及应对策略。"
        ),
        _narrative_part("相关建议", by_heading[ADVICE], "本项目未提出相关建议。"),
    ]
    return PerformanceContent(
        file_stem=f"{office}{project}绩效评价报告",
        title_head=f"{year}{_purchaser_prefix(info)}{office}",
        title_tail=f"{project}绩效评价报告",
        office=office,
        project=project,
        year=year,
        operator=info.operator,
        body=tuple(flatten(parts)),
        form_title="项目支出绩效自评表",
        form=form_tables(result, scored, project, office),
    )


def _performance(result: Result) -> tuple[PerformanceData, Budget, PerformanceResult]:
    data = result.evaluation.performance
    if data is None or result.performance is None:
        raise ReportError(
            "工作簿中没有绩效评价数据（预算、绩效目标、绩效叙述三张表），不能出具绩效评价报告"
        )
    if data.budget is None:
        raise ReportError(
            "预算表未填写（年初预算数、全年预算数、全年执行数），不能出具绩效评价报告"
        )
    if result.performance.execution_rate is None:
        raise ReportError("预算表的全年预算数为 0，无法计算预算执行率，不能出具绩效评价报告")
    if not data.targets:
        raise ReportError("绩效目标表中没有任何指标，不能出具绩效评价报告")
    return data, data.budget, result.performance


def street_office(info: StationInfo) -> str:
    """示例街道办事处: the purchaser without city and district when it is a street office,
    else named from the street (示例街 → 示例街道办事处)."""
    names = station_names(info)
    purchaser = info.purchaser.removeprefix(names.city).removeprefix(names.district)
    if purchaser.endswith("街道办事处"):
        return purchaser
    street = info.street.removesuffix("办事处")
    if street.endswith("街道"):
        return f"{street}办事处"
    return f"{street.removesuffix('街')}街道办事处"


def _purchaser_prefix(info: StationInfo) -> str:
    """广州市海珠区: the title's city and district, as the seed names the district first."""
    names = station_names(info)
    return f"{names.city}{names.district}"


def _narrative(blocks: tuple[NarrativeBlock, ...]) -> dict[str, list[NarrativeBlock]]:
    by_heading: dict[str, list[NarrativeBlock]] = {h: [] for h in HEADINGS}
    for block in blocks:
        if block.heading in by_heading:
            by_heading[block.heading].append(block)
    return by_heading


def _narrative_part(title: str, blocks: list[NarrativeBlock], empty: str) -> Part:
    loose, parts = narrative_parts(blocks)
    return Part(title, loose, parts, empty=empty)


def _basic(result: Result, budget: Budget, blocks: list[NarrativeBlock]) -> Part:
    """(一) 项目基本情况: what pinggu holds about the station, then the station's own account."""
    info = result.evaluation.info
    names = station_names(info)
    zones = result.evaluation.zones
    communities = sum(len(z.communities) for z in zones)
    where = Text.of(
        names.station,
        "（以下简称“社工站”）",
        f"位于{info.address}，" if info.address else "",
        "服务辖内",
        number("基本信息·社区数", Decimal(communities)),
        "个社区，划分为",
        number("基本信息·片区数", Decimal(len(zones))),
        "个服务片区。",
    )
    since = (
        Text.of("于", month_of("基本信息·承办起始", info.operator_since), "起")
        if info.operator_since
        else None
    )
    funding = (
        Text.of("协议服务经费", number("基本信息·协议经费", info.contract_funding_wan), "万元，")
        if info.contract_funding_wan is not None
        else None
    )
    contract = Text.of(
        "社工站由",
        info.purchaser,
        "购买服务，",
        since,
        "由",
        info.operator,
        "承接运营。本项目协议期为",
        day("基本信息·协议开始", info.contract_start),
        "至",
        day("基本信息·协议结束", info.contract_end),
        "，",
        funding,
        "按协议配备社工",
        number("基本信息·协议社工", Decimal(info.contract_workers)),
        "名，其中持证社工",
        number("基本信息·协议持证社工", Decimal(info.contract_certified_workers)),
        "名。",
        _project_year(info, budget),
    )
    loose, parts = narrative_parts(blocks)
    return Part("项目基本情况", [Text.of(where, contract), staff_paragraph(result), *loose], parts)


def _project_year(info: StationInfo, budget: Budget) -> str:
    """「本项目年度为…。」 when the 预算 sheet names one other than the contract period."""
    year = re.sub(r"\s", "", budget.project_year)
    contract = {
        f"{_cn(info.contract_start)}{sep}{_cn(info.contract_end)}"
        for sep in ("至", "-", "—", "–", "－", "~", "～")
    }
    return f"本项目年度为{budget.project_year}。" if year and year not in contract else ""


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _goals(scored: PerformanceResult, blocks: list[NarrativeBlock]) -> Part:
    """(二) 项目绩效目标: the station's account, then the targets set, by 一级指标."""
    loose, parts = narrative_parts(blocks)
    counts = []
    for level in scored.levels:
        n = sum(1 for row in scored.rows if row.target.level1 is level.level)
        if n:
            counts.append(
                Text.of(
                    level.level.value,
                    number(f"目标·{level.level.value}·项数", Decimal(n)),
                    "项（分值",
                    number(f"自评表·{level.level.value}·分值", level.allotted),
                    "分）",
                )
            )
    summary = Text.of(
        "本项目年度绩效目标设三级指标",
        number("目标·项数", Decimal(len(scored.rows))),
        "项：",
        joined(counts, "，"),
        "；另以预算执行率计",
        number("自评表·预算执行率·分值", scored.scheme.budget_points),
        "分。各项指标的指标值与完成情况见附件。",
    )
    return Part("项目绩效目标", [*loose, summary], parts)


def _funding(budget: Budget, scored: PerformanceResult) -> list[Text]:
    """「项目年初预算数240万元，全年预算数为240万元；全年执行数为240万元，完成预算的100%。」"""
    execution = scored.execution_rate
    assert execution is not None  # _performance refuses a budget without a 全年预算数
    sentence = Text.of(
        "项目年初预算数",
        wan(KEYS["initial"], budget.initial),
        "万元，全年预算数为",
        wan(KEYS["annual"], budget.annual),
        "万元；全年执行数为",
        wan(KEYS["spent"], budget.spent),
        "万元，完成预算的",
        rate_percent(
            KEYS["rate"], execution.value, (KEYS["spent"], KEYS["annual"]), execution.explain()
        ),
        "。",
    )
    out = [sentence]
    if budget.sources:
        items = [
            Text.of(
                s.kind,
                wan(f"资金·来源·{i}", s.amount),
                "万元",
                f"（{s.name}）" if s.name and s.name != s.kind else "",
            )
            for i, s in enumerate(budget.sources, start=1)
        ]
        if len(items) == 1:
            out.append(Text.of("项目资金来源为", items[0], "。"))
        else:
            keys = tuple(f"资金·来源·{i}" for i in range(1, len(items) + 1))
            whole = sum((s.amount for s in budget.sources), Decimal(0))
            out.append(
                Text.of(
                    "项目资金来源共",
                    wan_total("资金·来源·合计", whole, keys),
                    "万元：",
                    joined(items, "，"),
                    "。",
                )
            )
    amounts = (budget.initial, budget.annual, budget.spent, *(s.amount for s in budget.sources))
    if any(a % TEN_THOUSAND for a in amounts):  # a 万元 figure with decimals: say why
        out.append(Text.of("（金额由元的精确值折算为万元，不作舍入。）"))
    return out


def _results(result: Result, blocks: list[NarrativeBlock]) -> Part:
    """二、项目绩效情况: the station's titled accounts, after what the evaluation measured."""
    loose, parts = narrative_parts(blocks)
    source = (
        f"（以上数据由社工站提供，各项指标完成情况见{result.evaluation.info.kind.label}报告附件1）"
    )
    measured = [*progress(result, source)]
    if measured:
        measured.append(progress_conclusion(result))
    measured += [_staffing(result), *survey_sentences(result)]
    grade = _evaluation_grade(result)
    if grade is not None:
        measured.append(grade)
    return Part("项目绩效情况", loose, [Part("服务指标完成与评估情况", measured), *parts])


def _staffing(result: Result) -> Text:
    s = result.staffing
    retention = s.retention_rate
    return Text.of(
        "考核期内社工应到",
        number("到岗·应到", s.required.value),
        "人次，实到",
        number("到岗·实到", s.actual.value),
        "人次；其中持证社工应到",
        number("到岗·持证应到", s.certified_required.value),
        "人次，实到",
        number("到岗·持证实到", s.certified_actual.value),
        "人次。稳岗率为",
        percent(
            "到岗·稳岗率",
            retention.value,
            ("到岗·持续在岗社工", "基本信息·协议社工"),
            retention.explain(),
        ),
        "（考核期内持续在岗社工",
        number("到岗·持续在岗社工", s.continuously_employed.value),
        "名，协议社工",
        number("基本信息·协议社工", Decimal(result.evaluation.info.contract_workers)),
        "名）。",
    )


def _evaluation_grade(result: Result) -> Text | None:
    info = result.evaluation.info
    if result.scores.total is None or result.grade is None:
        return None
    return Text.of(
        f"在{info.evaluator}开展的本年度{info.kind.label}中，社工站四方总得分为",
        points("评分·总分", result.scores.total.value, result.scores.total.explain()),
        f"分，评估等级为{result.grade.name}。",
    )


def rescored(evaluation: Evaluation, scheme: Scheme, payload: dict[str, Any]) -> Result:
    """The result a performance report was written from, recomputed from its embedded data with
    the performance scheme it embeds (not today's shipped copy of it)."""
    data = evaluation.performance
    if data is None:
        raise ReportError("报告的核对数据中没有绩效评价数据")
    spec = payload["performance_scheme"]
    performance = performance_scheme_from_text(
        spec["toml"], spec["id"], f"报告中的绩效评价方案 {spec['id']}"
    )
    base = evaluate(replace(evaluation, performance=None), scheme)
    scored = score_performance(data, performance, base)
    return replace(base, evaluation=evaluation, performance=scored)
