"""Every staffing rule (docs/schemes.md, `staffing`) on small hand-made rosters (20 contracted,
10 certified, 11 months)."""

from __future__ import annotations

from dataclasses import replace

from factories import D, evaluation, info, team, worker

from pinggu._engine import evaluate
from pinggu._model import Kind
from pinggu._scheme import load_scheme

SCHEME = load_scheme("guangzhou-2023")
FULL = [1] * 11


def staffing(rows, scheme=SCHEME, **station):  # type: ignore[no-untyped-def]
    return evaluate(evaluation(attendance=rows, station=info(**station)), scheme).staffing


def test_half_months_count_half_a_person_month() -> None:
    rows = team(19, 11) + worker("J", [0.5] + [1] * 10)
    s = staffing(rows)
    assert s.actual.value == D("219.5")
    assert s.shortfall.value == D("0.5")
    assert s.months[0].actual == D("19.5") and s.months[0].short


def test_a_certificate_obtained_mid_period_counts_from_its_month() -> None:
    # Certified from the sixth month (a certificate dated in the fifth counts from the next month).
    rows = team(9, 11, certified=True) + team(10, 11, prefix="U")
    rows += worker("X", FULL, certified=[False] * 5 + [True] * 6)
    s = staffing(rows)
    assert s.certified_actual.value == 99 + 6
    assert s.certified_required.value == 110
    assert s.certified_shortfall.value == 5
    assert [m.certified_actual for m in s.months[4:6]] == [D(9), D(10)]


def test_experience_crossing_two_years_counts_person_months_after_it() -> None:
    rows = team(10, 11, experienced=True) + team(9, 11, prefix="N")
    rows += worker("X", FULL, experienced=[False] * 3 + [True] * 8)
    s = staffing(rows)
    assert s.experienced_person_months.value == 110 + 8
    assert s.experienced_share is not None
    assert s.experienced_share.value == D("53.64")  # 118 / 220
    assert s.experienced_share.inputs == {"从业2年以上人次": D(118), "实到人次": D(220)}


def test_leavers_and_joiners_lower_retention_but_not_attendance() -> None:
    rows = team(16, 11)
    rows += worker("L1", [1] * 5) + worker("J1", [1] * 6, start="2023-12")  # one post, two people
    rows += worker("L2", [1] * 8 + [0, 0, 0]) + worker("J2", [0.5, 1, 1], start="2024-03")
    rows += worker("H", [0.5] + [1] * 10)  # joined mid-way through month one and stayed: counts
    rows += worker("Z", [0] + [1] * 10)  # in post from month two only: does not count
    s = staffing(rows)
    assert s.continuously_employed.value == 17  # 16 + H
    assert s.retention_rate.value == D("85.00")
    assert set(s.turnover.leavers) == {"社工L1", "社工L2"}
    assert set(s.turnover.joiners) == {"社工J1", "社工J2", "社工Z"}
    assert s.actual.value == 16 * 11 + 5 + 6 + 8 + D("2.5") + D("10.5") + 10


def test_netted_shortfall_forgives_early_months_per_month_does_not() -> None:
    # Short by 2 in each of the first three months, over by 1 in six later months.
    rows = team(18, 11) + worker("A", [0, 0, 0] + [1] * 8) + worker("B", [0, 0, 0] + [1] * 8)
    rows += worker("C", [0, 0, 0, 0, 0] + [1] * 6)
    netted = staffing(rows)
    assert netted.required.value == 220 and netted.actual.value == 220
    assert netted.shortfall.value == 0
    assert [str(m.month) for m in netted.months if m.short] == ["2023-07", "2023-08", "2023-09"]
    per_month_scheme = replace(SCHEME, staffing=replace(SCHEME.staffing, shortfall="per_month"))
    per_month = staffing(rows, scheme=per_month_scheme)
    assert per_month.shortfall.value == 6


def test_cleaners_and_guards_never_count_as_social_workers() -> None:
    rows = team(19, 11) + worker("Q", FULL, position="保洁")
    result = evaluate(evaluation(attendance=rows), SCHEME)
    assert result.staffing.actual.value == 209
    assert result.staffing.excluded == ("社工Q（保洁）",)
    assert "excluded_position" in {w.code for w in result.warnings}


def test_personnel_cost_ratio_and_insurance_warnings() -> None:
    rows = (
        team(19, 11)
        + worker("S", FULL, insured=False)
        + worker("T", FULL, paid=False, note="工资次月补发")
    )
    result = evaluate(
        evaluation(
            attendance=rows, station=info(annual_spending=D(2400000), personnel_spending=D(2000000))
        ),
        SCHEME,
    )
    assert result.staffing.personnel_cost_ratio is not None
    assert result.staffing.personnel_cost_ratio.value == D("83.33")
    codes = [w.code for w in result.warnings]
    assert codes.count("insurance_missing") == 1 and "salary_missing" not in codes


def test_mid_term_period_of_a_partial_first_month() -> None:
    # 2024-08-06 to 2025-01-31: August has 26 days in the period, ≥ 15, so it counts whole.
    station = info(
        kind=Kind.MIDTERM,
        period_start=info().period_start.replace(2024, 8, 6),
        period_end=info().period_end.replace(2025, 1, 31),
        contract_start=info().contract_start.replace(2024, 8, 6),
        contract_end=info().contract_end.replace(2025, 8, 5),
    )
    result = evaluate(evaluation(station=station, attendance=team(20, 6, start="2024-08")), SCHEME)
    assert result.staffing.period_months.value == 6
    assert result.contract_months == 12
    assert result.expected_progress is not None and result.expected_progress.value == D("50.00")
