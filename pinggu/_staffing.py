"""Staff attendance metrics (附件2), with the exact definitions of docs/glossary.md.

Person-months (人次) are the unit: 应到 = contracted headcount × months, 实到 = the sum of the
monthly in-post values. Shortfalls are netted over the period by default (a station short in
its first months but over in total is not short); a scheme may sum them month by month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ._figures import Figure
from ._model import AttendanceRow, Month, Qualification, StationInfo
from ._numbers import ZERO, percent
from ._period import PeriodMonth
from ._scheme import Staffing


@dataclass(frozen=True)
class MonthStaffing:
    month: Month
    weight: Decimal  # 1, or 0.5 for a partly covered first/last month
    required: Decimal
    actual: Decimal
    certified_required: Decimal
    certified_actual: Decimal
    headcount: int  # workers in post (value > 0) that month

    @property
    def short(self) -> bool:
        return self.actual < self.required

    @property
    def certified_short(self) -> bool:
        return self.certified_actual < self.certified_required


# The order the report lists the end-of-period headcount in; None is "certified, level not given"
# (the 到岗 sheet said only 是), so it sits after the known certified levels and before 非持证.
QUALIFICATION_ORDER: tuple[Qualification | None, ...] = (
    Qualification.SENIOR,
    Qualification.INTERMEDIATE,
    Qualification.ASSISTANT,
    None,
    Qualification.NONE,
)


@dataclass(frozen=True)
class Turnover:
    workers: tuple[str, ...]  # names of the social workers counted, in first-appearance order
    joiners: tuple[str, ...]
    leavers: tuple[str, ...]
    end_certified: int
    end_uncertified: int
    # Workers in post in the last month by their qualification that month, in
    # QUALIFICATION_ORDER, zero counts left out; sums to end_certified + end_uncertified.
    end_by_qualification: tuple[tuple[Qualification | None, int], ...]


@dataclass(frozen=True)
class StaffingResult:
    period_months: Figure
    required: Figure
    actual: Figure
    certified_required: Figure
    certified_actual: Figure
    uncertified_actual: Figure
    shortfall: Figure
    certified_shortfall: Figure
    surplus: Figure
    certified_surplus: Figure
    experienced_person_months: Figure
    experienced_share: Figure | None
    certified_share: Figure | None
    continuously_employed: Figure
    retention_rate: Figure
    training_ratio: Figure | None
    personnel_cost_ratio: Figure | None
    months: tuple[MonthStaffing, ...]
    turnover: Turnover
    excluded: tuple[str, ...]  # "姓名（岗位）" of rows not counted as social workers


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO)


def staffing_result(
    info: StationInfo,
    rows: tuple[AttendanceRow, ...],
    months: list[PeriodMonth],
    total_months: Decimal,
    rules: Staffing,
) -> StaffingResult:
    excluded_rows = [r for r in rows if rules.excludes(r.position)]
    counted = [r for r in rows if not rules.excludes(r.position)]
    monthly = _monthly(info, counted, months)
    n = Decimal(info.contract_workers)
    total = _person_months("", n, total_months, [(m.required, m.actual) for m in monthly], rules)
    cert = _person_months(
        "持证",
        Decimal(info.contract_certified_workers),
        total_months,
        [(m.certified_required, m.certified_actual) for m in monthly],
        rules,
    )
    actual, cert_actual = total.actual.value, cert.actual.value
    experienced = _sum([r.value for r in counted if r.experienced])
    continuous = Decimal(len(_continuously_employed(counted, [m.month for m in months])))
    return StaffingResult(
        period_months=Figure(
            total_months, "考核期内各月之和（整月计 1，不足规定天数的起止月计 0.5）"
        ),
        required=total.required,
        actual=total.actual,
        certified_required=cert.required,
        certified_actual=cert.actual,
        uncertified_actual=Figure(
            actual - cert_actual,
            "实到 − 持证实到",
            {"实到": actual, "持证实到": cert_actual},
            "人次",
        ),
        shortfall=total.shortfall,
        certified_shortfall=cert.shortfall,
        surplus=total.surplus,
        certified_surplus=cert.surplus,
        experienced_person_months=Figure(experienced, "从业满两年月份到岗值之和", {}, "人次"),
        experienced_share=_ratio(experienced, actual, "从业2年以上人次", "实到人次"),
        certified_share=_ratio(cert_actual, actual, "持证实到人次", "实到人次"),
        continuously_employed=Figure(
            continuous, "考核期内每月均在岗（到岗值 > 0）的社工人数", {}, "人"
        ),
        retention_rate=_ratio(continuous, n, "持续在岗社工人数", "协议社工人数")
        or Figure(ZERO, "协议社工人数为 0"),
        training_ratio=_optional_ratio(
            info.training_hours_done,
            info.training_hours_required,
            "继续教育完成时数",
            "继续教育要求时数",
        ),
        personnel_cost_ratio=_optional_ratio(
            info.personnel_spending, info.annual_spending, "人员费用支出", "年度支出总额"
        ),
        months=tuple(monthly),
        turnover=_turnover(counted, [m.month for m in months]),
        excluded=tuple(dict.fromkeys(f"{r.name}（{r.position}）" for r in excluded_rows)),
    )


@dataclass(frozen=True)
class _PersonMonths:
    required: Figure
    actual: Figure
    shortfall: Figure
    surplus: Figure


def _person_months(
    prefix: str,
    contracted: Decimal,
    total_months: Decimal,
    monthly: list[tuple[Decimal, Decimal]],
    rules: Staffing,
) -> _PersonMonths:
    """应到, 实到, 缺少 and 超出 for all social workers (prefix "") or the certified ("持证")."""
    required = contracted * total_months
    actual = _sum([act for _, act in monthly])
    unit = "人次"
    return _PersonMonths(
        required=Figure(
            required,
            f"协议{prefix}社工人数 × 考核月数",
            {f"协议{prefix}社工人数": contracted, "考核月数": total_months},
            unit,
        ),
        actual=Figure(actual, f"各社工{prefix}月份到岗值之和", {}, unit),
        shortfall=_shortfall(prefix, required, actual, monthly, rules),
        surplus=Figure(
            max(ZERO, actual - required),
            f"max(0, {prefix}实到 − {prefix}应到)",
            {f"{prefix}实到": actual, f"{prefix}应到": required},
            unit,
        ),
    )


def _monthly(
    info: StationInfo, rows: list[AttendanceRow], months: list[PeriodMonth]
) -> list[MonthStaffing]:
    by_month: dict[Month, list[AttendanceRow]] = defaultdict(list)
    for row in rows:
        by_month[row.month].append(row)
    n, c = Decimal(info.contract_workers), Decimal(info.contract_certified_workers)
    result = []
    for pm in months:
        month_rows = by_month.get(pm.month, [])
        result.append(
            MonthStaffing(
                month=pm.month,
                weight=pm.weight,
                required=n * pm.weight,
                actual=_sum([r.value for r in month_rows]),
                certified_required=c * pm.weight,
                certified_actual=_sum([r.value for r in month_rows if r.certified]),
                headcount=sum(1 for r in month_rows if r.value > ZERO),
            )
        )
    return result


def _shortfall(
    prefix: str,
    required: Decimal,
    actual: Decimal,
    monthly: list[tuple[Decimal, Decimal]],
    rules: Staffing,
) -> Figure:
    unit = "人次"
    if rules.shortfall == "per_month":
        value = _sum([max(ZERO, req - act) for req, act in monthly])
        return Figure(value, f"各月 max(0, {prefix}应到 − {prefix}实到) 之和（逐月累计）", {}, unit)
    return Figure(
        max(ZERO, required - actual),
        f"max(0, {prefix}应到 − {prefix}实到)（考核期内轧差累计）",
        {f"{prefix}应到": required, f"{prefix}实到": actual},
        unit,
    )


def _ratio(num: Decimal, den: Decimal, num_name: str, den_name: str) -> Figure | None:
    if den <= ZERO:
        return None
    formula = f"{num_name} ÷ {den_name} × 100%"
    return Figure(percent(num, den), formula, {num_name: num, den_name: den}, "%")


def _optional_ratio(
    num: Decimal | None, den: Decimal | None, num_name: str, den_name: str
) -> Figure | None:
    if num is None or den is None:
        return None
    return _ratio(num, den, num_name, den_name)


def _continuously_employed(rows: list[AttendanceRow], months: list[Month]) -> list[str]:
    in_post: dict[str, set[Month]] = defaultdict(set)
    for row in rows:
        if row.value > ZERO:
            in_post[row.worker_id].add(row.month)
    wanted = set(months)
    return [worker for worker, present in in_post.items() if wanted <= present]


def _turnover(rows: list[AttendanceRow], months: list[Month]) -> Turnover:
    """Joiners, leavers and the end-of-period headcount by qualification."""
    names: dict[str, str] = {}
    present: dict[str, list[Month]] = defaultdict(list)
    last_level: dict[str, Qualification | None] = {}
    for row in sorted(rows, key=lambda r: r.month):
        names.setdefault(row.worker_id, row.name)
        if row.value > ZERO:
            present[row.worker_id].append(row.month)
            last_level[row.worker_id] = _level(row)
    first, last = months[0], months[-1]
    at_end = [last_level[w] for w, ms in present.items() if ms[-1] == last]
    by_level = tuple((q, at_end.count(q)) for q in QUALIFICATION_ORDER if q in at_end)
    uncertified = at_end.count(Qualification.NONE)
    return Turnover(
        workers=tuple(names.values()),
        joiners=tuple(names[w] for w, ms in present.items() if ms[0] > first),
        leavers=tuple(names[w] for w, ms in present.items() if ms[-1] < last),
        end_certified=len(at_end) - uncertified,
        end_uncertified=uncertified,
        end_by_qualification=by_level,
    )


def _level(row: AttendanceRow) -> Qualification | None:
    """The row's qualification; a bare 否 is 非持证, a bare 是 a certified level not given."""
    if row.qualification is not None:
        return row.qualification
    return None if row.certified else Qualification.NONE
