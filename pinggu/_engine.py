"""The engine: one evaluation and one scheme in, one complete result out.

`evaluate` is pure: it reads an `Evaluation` (built by the workbook importer or the web app)
and returns a frozen `Result` whose every figure can explain itself. It imports no web
framework and does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ._contacts.compliance import follow_up
from ._contacts.model import FollowUpResult
from ._figures import Figure
from ._indicators import IndicatorResult, catalogue_names, indicator_results
from ._model import Evaluation, Kind
from ._numbers import percent
from ._onsite.counts import file_count_warnings
from ._onsite.repeats import rectified_repeat_warnings
from ._onsite.results import OnSiteResult, onsite_result
from ._onsite.spotcheck import SpotCheckResult, spot_check_result
from ._performance.scheme import load_performance_scheme
from ._performance.scoring import PerformanceResult, score_performance
from ._period import PeriodMonth, contract_months, period_months, total_months
from ._scheme import Grade, Scheme
from ._scoring import Scores, score_result
from ._staffing import StaffingResult, staffing_result
from ._survey import Satisfaction, satisfaction
from ._vetoes import Veto, apply_vetoes
from ._warnings import (
    ResultWarning,
    contact_warnings,
    indicator_warnings,
    note_warnings,
    other_warnings,
    partial_target_warnings,
    pay_warnings,
    plausibility_warnings,
    staffing_warnings,
    unknown_indicator_warnings,
    worker_warnings,
)


@dataclass(frozen=True)
class Result:
    """Everything computed for one evaluation; each figure can explain itself."""

    evaluation: Evaluation
    scheme: Scheme
    period: tuple[PeriodMonth, ...]
    contract_months: Decimal
    expected_progress: Figure | None  # mid-term only: months elapsed ÷ contract months
    indicators: tuple[IndicatorResult, ...]
    staffing: StaffingResult
    scores: Scores
    grade_by_score: Grade | None  # the band the total falls in
    grade: Grade | None  # after vetoes; None while scores are missing and nothing vetoes
    vetoes: tuple[Veto, ...]
    warnings: tuple[ResultWarning, ...]
    satisfaction: Satisfaction | None = None  # from the evaluation's survey, when there is one
    # 兜底 follow-up (docs/contacts.md): when the workbook has 服务记录 and the scheme a schedule.
    contacts: FollowUpResult | None = None
    # The street office's performance evaluation (docs/performance.md): when the evaluation has
    # the 预算, 绩效目标 or 绩效叙述 sheets' data.
    performance: PerformanceResult | None = None
    # File spot checks (docs/onsite.md): when the evaluation has file lists or marks and the
    # scheme a [file_sampling] table.
    spot_checks: SpotCheckResult | None = None
    # On-site records (docs/onsite-rectification.md): self-score gaps, rectification, the day.
    onsite: OnSiteResult | None = None

    @property
    def total_score(self) -> Figure | None:
        return self.scores.total


def staffing_of(evaluation: Evaluation, scheme: Scheme) -> tuple[list[PeriodMonth], StaffingResult]:
    """The period's months and the staffing figures (到岗, 稳岗率 …) of one evaluation: also what a
    staffing grid's own 稳岗率 line is compared with (docs/layouts.md)."""
    info, rules = evaluation.info, scheme.staffing
    months = period_months(info.period_start, info.period_end, rules.half_month_days)
    n_months = info.period_months if info.period_months is not None else total_months(months)
    return months, staffing_result(info, evaluation.attendance, months, n_months, rules)


def evaluate(evaluation: Evaluation, scheme: Scheme) -> Result:
    """Score, grade, veto and check one evaluation by one scheme."""
    info = evaluation.info
    rules = scheme.staffing
    months, staffing = staffing_of(evaluation, scheme)
    c_months = contract_months(info.contract_start, info.contract_end, rules.half_month_days)
    expected = _expected_progress(info.kind, staffing.period_months.value, c_months)
    rows, unknown = catalogue_names(evaluation.indicators, scheme)
    indicators = indicator_results(rows, evaluation.zones, scheme)
    scores = score_result(evaluation.scores, evaluation.zones, scheme)
    onsite = (
        onsite_result(evaluation.onsite, info.evaluation_date, scores, scheme)
        if evaluation.onsite is not None
        else None
    )
    vetoes, unchecked = apply_vetoes(
        scheme, info.kind, _metrics(staffing, scores, onsite), evaluation.vetoes
    )
    grade_by_score = scheme.grade_for(scores.total.value) if scores.total else None
    grade = scheme.grades[-1] if vetoes else grade_by_score
    contacts = _follow_up(evaluation, scheme)
    spot_checks = _spot_checks(evaluation, scheme)
    warnings = [
        *staffing_warnings(staffing, scheme),
        *pay_warnings(evaluation.attendance, scheme),
        *worker_warnings(evaluation.attendance),
        *indicator_warnings(indicators, info.kind, expected.value if expected else None, scheme),
        *unknown_indicator_warnings(unknown),
        *plausibility_warnings(rows, indicators, scheme),
        *partial_target_warnings(indicators),
        *other_warnings(scores, unchecked),
        *note_warnings(evaluation.notes),
        *(contact_warnings(indicators, contacts) if contacts else ()),
        *file_count_warnings(evaluation, indicators, scheme),
        *rectified_repeat_warnings(evaluation),
    ]
    result = Result(
        evaluation=evaluation,
        scheme=scheme,
        period=tuple(months),
        contract_months=c_months,
        expected_progress=expected,
        indicators=indicators,
        staffing=staffing,
        scores=scores,
        grade_by_score=grade_by_score,
        grade=grade,
        vetoes=vetoes,
        warnings=tuple(warnings),
        satisfaction=_satisfaction(evaluation, scheme),
        contacts=contacts,
        spot_checks=spot_checks,
        onsite=onsite,
    )
    data = evaluation.performance
    if data is None:
        return result
    # bound indicators read the result computed so far (docs/performance.md, 「绑定」)
    performance = score_performance(data, load_performance_scheme(data.scheme), result)
    return replace(result, performance=performance)


def _expected_progress(kind: Kind, n_months: Decimal, c_months: Decimal) -> Figure | None:
    """A midterm's expected share of the contract's work: the months assessed of the contract's."""
    if kind is not Kind.MIDTERM or c_months <= 0:
        return None
    return Figure(
        min(percent(n_months, c_months), Decimal(100)),
        "考核月数 ÷ 协议月数 × 100%",
        {"考核月数": n_months, "协议月数": c_months},
        "%",
    )


def _satisfaction(evaluation: Evaluation, scheme: Scheme) -> Satisfaction | None:
    """The survey's satisfaction, when the evaluation has a survey."""
    if evaluation.survey is None:
        return None
    return satisfaction(evaluation.survey, scheme.survey, [z.name for z in evaluation.zones])


def _spot_checks(evaluation: Evaluation, scheme: Scheme) -> SpotCheckResult | None:
    """The file spot checks, when the evaluation has lists or marks and the scheme a plan."""
    onsite, sampling = evaluation.onsite, scheme.file_sampling
    if onsite is None or sampling is None or not (onsite.files or onsite.checks):
        return None
    per_zone = [s.name for s in scheme.sections if s.per_zone]
    return spot_check_result(onsite, sampling, per_zone)


def _follow_up(evaluation: Evaluation, scheme: Scheme) -> FollowUpResult | None:
    """The period's follow-up, when the evaluation has contact records and the scheme a schedule."""
    data = evaluation.contacts
    if data is None or scheme.contacts is None:
        return None
    info = evaluation.info
    return follow_up(
        data,
        scheme.contacts,
        info.period_start,
        info.period_end,
        zones=[z.name for z in evaluation.zones],
    )


def _metrics(
    staffing: StaffingResult, scores: Scores, onsite: OnSiteResult | None
) -> dict[str, Figure | None]:
    """The figures computed vetoes may test, by the names listed in scheme.METRICS."""
    third = scores.third_party
    share = None
    if third is not None and third.score is not None:
        share = Figure(
            percent(third.score.value, third.max_points),
            "第三方评估机构得分 ÷ 其标准分 × 100%",
            {"得分": third.score.value, "标准分": third.max_points},
            "%",
        )
    return {
        "shortfall": staffing.shortfall,
        "certified_shortfall": staffing.certified_shortfall,
        "personnel_cost_ratio": staffing.personnel_cost_ratio,
        "retention_rate": staffing.retention_rate,
        "experienced_share": staffing.experienced_share,
        "third_party_share": share,
        "overdue_unrectified": onsite.rectification.overdue_unrectified
        if onsite is not None and onsite.rectification is not None
        else None,
    }
