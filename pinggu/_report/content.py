"""The report as a plain structure: every sentence, finding, table and chart, before layout.

`build_content` reads a `Result` and returns `ReportContent`; nothing here knows about Word.
The same content is built again by the audit, from the data embedded in the report, to know
what every printed number must be.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._engine import Result
from .._errors import ReportError
from .._model import CLOSING, STATION_WIDE, TOTAL, Kind, StationInfo
from .attendance import attendance_table
from .chart_data import CompletionChart, StaffingChart
from .facts import with_facts
from .findings import FindingItem, SectionFindings, section_findings
from .follow_up import FollowUpSection, follow_up_section
from .marks import Text, day
from .names import station_names
from .narrative import (
    basic_facts,
    closing,
    explanation,
    feedback,
    grade_sentence,
    progress,
    progress_conclusion,
    survey_sentences,
    team,
    veto_rules,
    veto_sentences,
)
from .onsite import OnSiteContent, onsite_content, veto_evidence
from .spot_checks import spot_check_lead, spot_check_table
from .tables import Table, indicator_tables, party_score_lines, score_table


@dataclass(frozen=True)
class Cover:
    title: str  # 海珠区示例街社工服务站末期报告
    station: str  # 示例街社工服务站, without city or district (names.py)
    short: str  # 示例街社工站
    city: str  # 广州市, or "" when the data does not say
    district: str  # 海珠区
    kind: str  # 末期 / 中期
    supervisor: str
    purchaser: str
    operator: str
    evaluator: str
    evaluation_date: Text
    contract: Text


@dataclass(frozen=True)
class ReportContent:
    file_stem: str  # 示例街社工服务站末期评估报告
    cover: Cover
    team: Text
    basis: str
    explanation: Text
    veto_rules: tuple[Text, ...]
    basic: tuple[Text, ...]
    progress: tuple[Text, ...]
    progress_conclusion: Text
    sections: dict[str, SectionFindings]
    suggestions: tuple[FindingItem, ...]
    onsite_feedback: Text
    draft_feedback: Text
    grade: Text
    party_scores: tuple[Text, Text]  # 协会: each party's score, then the total and the grade
    vetoes: tuple[Text, ...]
    closing: Text
    score_table: Table
    indicator_tables: tuple[Table, ...]
    attendance_table: Table
    completion_chart: CompletionChart | None  # None when no indicator has a target
    staffing_chart: StaffingChart
    survey: tuple[Text, ...] = ()  # 服务监测: the satisfaction survey; empty without one
    follow_up: FollowUpSection | None = None  # 困难群众跟进情况; None without service records
    spot_checks: tuple[
        Text, ...
    ] = ()  # 档案抽查's sentences; empty without checks (docs/onsite.md)
    spot_check_table: Table | None = None  # the 附件 「档案抽查情况」; None without checks
    # The on-site records (docs/onsite-rectification.md): method, self-scores, rectification.
    onsite: OnSiteContent | None = None


def build_content(
    result: Result, drafts: bool = True, final: bool = False, midterm: Result | None = None
) -> ReportContent:
    """The whole report's content from one result. Refuses a result without a total score.

    `drafts`: add the draft findings written from the rules (the command line does); the web
    workspace passes False because its experts keep or drop each draft themselves. `final`:
    the round is final (定稿); until then the report says it is the draft (初稿). `midterm`: the
    round's mid-term result, so a concern the mid-term also raised says so.
    """
    info = result.evaluation.info
    if result.scores.total is None or result.grade is None:
        missing = "、".join(result.scores.missing) or "评分"
        raise ReportError(f"评分未齐，不能出具评估报告。尚未录入：{missing}")
    if midterm is not None:
        _check_midterm(result, midterm)
    sections = with_facts(result, section_findings(result, drafts, midterm))
    closing_section = sections.pop(CLOSING, None)
    onsite, draft = feedback(result, final)
    return ReportContent(
        file_stem=f"{info.station}{info.kind.label}报告",
        cover=_cover(info, final),
        team=team(result),
        basis=result.scheme.basis,
        explanation=explanation(result.scheme),
        veto_rules=tuple(veto_rules(result.scheme)),
        basic=tuple(basic_facts(result)),
        progress=tuple(progress(result)),
        progress_conclusion=progress_conclusion(result),
        sections=sections,
        suggestions=(closing_section.concerns + closing_section.strengths)
        if closing_section
        else (),
        onsite_feedback=onsite,
        draft_feedback=draft,
        grade=grade_sentence(result),
        party_scores=party_score_lines(result),
        vetoes=tuple(veto_evidence(result, veto_sentences(result))),
        closing=closing(result),
        score_table=score_table(result),
        indicator_tables=indicator_tables(result),
        attendance_table=attendance_table(result),
        completion_chart=_completion_chart(result),
        staffing_chart=_staffing_chart(result),
        survey=tuple(survey_sentences(result)),
        follow_up=follow_up_section(result),
        spot_checks=spot_check_lead(result),
        spot_check_table=spot_check_table(result),
        onsite=onsite_content(result),
    )


def _cover(info: StationInfo, final: bool) -> Cover:
    """The cover's fields; until the round is final its contract line says 初稿."""
    names = station_names(info)
    contract = Text.of(
        "（",
        day("基本信息·协议开始", info.contract_start),
        "—",
        day("基本信息·协议结束", info.contract_end),
        "）" if final else "）（初稿）",
    )
    return Cover(
        title=f"{names.titled}{info.kind.label}报告",
        station=names.station,
        short=names.short,
        city=names.city,
        district=names.district,
        kind="中期" if info.kind is Kind.MIDTERM else "末期",
        supervisor=info.supervisor,
        purchaser=info.purchaser,
        operator=info.operator,
        evaluator=info.evaluator,
        evaluation_date=Text.of(day("基本信息·评估日期", info.evaluation_date)),
        contract=contract,
    )


def _check_midterm(result: Result, midterm: Result) -> None:
    info, mid = result.evaluation.info, midterm.evaluation.info
    if mid.kind is not Kind.MIDTERM or info.kind is not Kind.FINAL:
        raise ReportError("中期评估意见只能用于末期评估报告，且须为同一社工站的中期评估数据")
    if (mid.station, mid.contract_start) != (info.station, info.contract_start):
        raise ReportError(
            f"中期评估数据是「{mid.station}」协议期自{mid.contract_start}起的评估，"
            f"与本报告的「{info.station}」协议期自{info.contract_start}起不是同一轮评估"
        )


def _completion_chart(result: Result) -> CompletionChart | None:
    rows = [
        r for r in result.indicators if r.zone in (TOTAL, STATION_WIDE) and r.completion is not None
    ]
    if not rows:
        return None
    expected = result.expected_progress.value if result.expected_progress is not None else None
    return CompletionChart(
        title="各项指标完成率（合计）",
        labels=tuple(f"{r.indicator}（{r.measure}）" for r in rows),
        percents=tuple(r.completion.value for r in rows if r.completion is not None),
        expected=expected,
    )


def _staffing_chart(result: Result) -> StaffingChart:
    months = result.staffing.months
    return StaffingChart(
        title="每月社工到岗人次",
        months=tuple(str(m.month) for m in months),
        required=tuple(m.required for m in months),
        actual=tuple(m.actual for m in months),
        certified_required=tuple(m.certified_required for m in months),
        certified_actual=tuple(m.certified_actual for m in months),
    )
