"""The 项目支出绩效自评表 scored by performance-2020, worked by hand (docs/performance.md, 「计分」)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from factories import evaluation, team, worker

from pinggu import (
    Budget,
    FundingSource,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
    evaluate,
    load_performance_scheme,
    load_scheme,
    score_performance,
)

D = Decimal
SCHEME = load_performance_scheme()
OUT, BEN, SAT = PerformanceLevel.OUTPUT, PerformanceLevel.BENEFIT, PerformanceLevel.SATISFACTION
GE, LE, EQ, QUAL = (
    TargetDirection.AT_LEAST,
    TargetDirection.AT_MOST,
    TargetDirection.EQUAL,
    TargetDirection.QUALITATIVE,
)
BUDGET = Budget(
    initial=D(2400000),
    annual=D(2400000),
    spent=D(2400000),
    sources=(FundingSource("财政资金", "街道财政资金", D(2400000)),),
)


def target(
    level: PerformanceLevel,
    name: str,
    direction: TargetDirection,
    value: str,
    points: str,
    actual: str | None,
    unit: str = "个",
    **changes: object,
) -> PerformanceTarget:
    quantitative = direction is not QUAL
    row = PerformanceTarget(
        level1=level,
        level2="数量",
        level3=name,
        direction=direction,
        target=D(value) if quantitative else None,
        target_text=value,
        unit=unit,
        points=D(points),
        actual=D(actual) if actual is not None and quantitative else None,
        actual_text=actual or "" if not quantitative else "",
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def full_set(*extra: PerformanceTarget) -> tuple[PerformanceTarget, ...]:
    """Rows whose 分值 add up to 50 / 30 / 10, all met, with `extra` replacing the first ones."""
    rows = [
        target(OUT, "个案服务", GE, "60", "50", "66"),
        target(BEN, "社区社会组织培育", GE, "3", "30", "4"),
        target(SAT, "服务对象满意度", GE, "90", "10", "95", unit="%"),
    ]
    for row in extra:
        rows = [r for r in rows if r.level1 is not row.level1]
    return (*extra, *rows)


def scored(*rows: PerformanceTarget, budget: Budget | None = BUDGET):  # type: ignore[no-untyped-def]
    return score_performance(PerformanceData(budget, rows, ()), SCHEME)


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in result.problems]


def test_a_station_meeting_every_target_scores_100_and_is_graded_excellent() -> None:
    result = scored(*full_set())
    assert result.execution_rate is not None and result.execution_rate.value == D("100.00")
    assert result.budget_points.value == 10
    assert [lv.points.value for lv in result.levels] == [50, 30, 10]
    assert result.total.value == 100
    assert result.grade.name == "优"
    assert result.problems == ()


def test_an_at_most_indicator_scores_target_over_actual() -> None:
    # 投诉率 ≤ 3%, actual 3.6%: 8 × 3 ÷ 3.6 = 6.666… → 6.67
    late = target(OUT, "服务对象投诉率", LE, "3", "8", "3.6", unit="%", level2="质量")
    rest = target(OUT, "个案服务", GE, "60", "42", "66")
    result = scored(*full_set(late, rest))
    row = result.rows[0]
    assert row.points.value == D("6.67")
    assert "指标值 ÷ 实际完成值" in row.points.formula
    assert result.levels[0].points.value == D("48.67")  # 6.67 + 42
    # met (actual at or below the target): full points
    assert scored(replace(late, actual=D("2.5"))).rows[0].points.value == 8


def test_an_at_least_indicator_scores_in_proportion_and_an_equal_one_by_its_deviation() -> None:
    short = target(OUT, "个案服务", GE, "60", "20", "45")  # 20 × 45 ÷ 60 = 15
    equal = target(
        OUT, "站点开放天数", EQ, "250", "30", "240", unit="天"
    )  # 30 × (1 − 10 ÷ 250) = 28.8
    result = scored(short, equal)
    assert [r.points.value for r in result.rows] == [D("15.00"), D("28.80")]
    # met exactly: full points; over the target is as far off as under it
    assert scored(replace(equal, actual=D(250))).rows[0].points.value == 30
    assert scored(replace(equal, actual=D(260))).rows[0].points.value == D("28.80")


def test_a_qualitative_indicator_scores_what_the_scorer_gave_with_the_note() -> None:
    row = target(
        BEN,
        "居民参与社区治理的积极性",
        QUAL,
        "有效提升",
        "30",
        "明显提升",
        unit="",
        score=D("27.5"),
        note="新培育社区社会组织2支，居民议事会议参与人数增加",
    )
    result = scored(*full_set(row))
    scored_row = result.rows[0]
    assert scored_row.points.value == D("27.5")
    assert scored_row.actual_text == "明显提升"
    assert "新培育社区社会组织2支" in scored_row.points.formula
    assert result.total.value == D("97.5")
    # not yet scored: 0 points and a warning asking for the score
    unscored = scored(*full_set(replace(row, score=None)))
    assert unscored.rows[0].points.value == 0
    assert "performance_score_missing" in codes(unscored)


def test_over_execution_is_capped_at_100_percent_with_a_warning() -> None:
    over = replace(BUDGET, spent=D(2460000))  # 102.50%
    result = scored(*full_set(), budget=over)
    assert result.execution_rate is not None and result.execution_rate.value == D("102.50")
    assert result.budget_points.value == D("10.00")
    assert codes(result) == ["performance_over_execution"]
    assert "102.50%" in result.problems[0].message


def test_under_execution_scores_its_rate_rounded_half_up() -> None:
    # 2,358,000 ÷ 2,400,000 = 98.25% → 98.25 ÷ 100 × 10 = 9.825 → 9.83 (half-up; banker's: 9.82)
    result = scored(*full_set(), budget=replace(BUDGET, spent=D(2358000)))
    assert result.execution_rate is not None and result.execution_rate.value == D("98.25")
    assert result.budget_points.value == D("9.83")
    assert result.total.value == D("99.83")


def test_a_missing_actual_scores_zero_with_a_warning() -> None:
    missing = target(OUT, "个案服务", GE, "60", "50", None)
    result = scored(*full_set(missing))
    row = result.rows[0]
    assert (row.actual, row.actual_text, row.points.value) == (None, "未填写", 0)
    assert codes(result) == ["performance_actual_missing"]
    assert "「个案服务」没有实际完成值" in result.problems[0].message
    assert result.total.value == 50 and result.grade.name == "差"


def test_a_budget_missing_scores_zero_for_execution() -> None:
    result = scored(*full_set(), budget=None)
    assert result.budget_points.value == 0 and result.total.value == 90
    assert codes(result) == ["performance_budget_missing"]


def test_totals_are_the_sums_of_the_shown_parts() -> None:
    # each row: 5 × 2.001 ÷ 3 = 3.335 → 3.34; the level is 3 × 3.34 = 10.02, never round(10.005)
    rows = [target(OUT, f"服务{i}", GE, "3", "5", "2.001") for i in range(3)]
    result = scored(*rows)
    assert [r.points.value for r in result.rows] == [D("3.34")] * 3
    assert result.levels[0].points.value == D("10.02")
    inputs = result.total.inputs
    assert result.total.value == sum(inputs.values())
    assert list(inputs) == ["预算执行率", "产出指标", "效益指标", "满意度指标"]


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("90.00", "优"),
        ("89.99", "良"),
        ("80.00", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
    ],
)
def test_the_grade_bands_edges(total: str, grade: str) -> None:
    # the total is a sum of two-decimal parts, so it is never 89.995: a part of 0.005 shows as
    # 0.01 (half-up) before it is added. Here the output level carries the difference to 100.
    shortfall = D(100) - D(total)
    rows = full_set(target(OUT, "个案服务", GE, "50", "50", str(50 - shortfall)))
    result = scored(*rows)
    assert result.total.value == D(total)
    assert result.grade.name == grade


def test_points_that_do_not_add_up_to_the_weight_are_warned_of() -> None:
    result = scored(target(OUT, "个案服务", GE, "60", "45", "66"))
    messages = [p.message for p in result.problems if p.code == "performance_points_mismatch"]
    assert messages[0].startswith("产出指标各行分值之和为 45 分")
    assert "规定为 50 分" in messages[0]
    assert len(messages) == 3  # 效益、满意度 have no rows at all


def _result_with_retention_85():  # type: ignore[no-untyped-def]
    # 17 of 20 contracted workers in post every month, 3 only for part of the period: 85.00%
    rows = team(17, 11)
    for i in range(3):
        rows += worker(f"L{i}", [1] * 5)
    scheme = load_scheme()
    return evaluate(evaluation(attendance=rows), scheme)


def test_a_bound_actual_is_the_computed_figure_and_wins_over_a_typed_one() -> None:
    result = _result_with_retention_85()
    assert result.staffing.retention_rate.value == D("85.00")
    row = target(BEN, "社工稳岗率", GE, "80", "30", "90", unit="%", binding="稳岗率")
    performance = score_performance(PerformanceData(BUDGET, full_set(row), ()), SCHEME, result)
    scored_row = performance.rows[0]
    assert (scored_row.actual, scored_row.source, scored_row.actual_shown) == (
        D("85.00"),
        "系统计算",
        "85.00%",
    )
    assert scored_row.points.value == 30  # 85% ≥ 80%
    differs = [p.message for p in performance.problems if p.code == "performance_bound_differs"]
    assert len(differs) == 1
    assert "填写的实际完成值为 90%" in differs[0] and "为 85.00%" in differs[0]
    # the same typed value: no warning; nothing typed: none either
    for typed in (D(85), None):
        again = score_performance(
            PerformanceData(BUDGET, full_set(replace(row, actual=typed)), ()), SCHEME, result
        )
        assert again.problems == ()


def test_a_bound_actual_that_cannot_be_computed_keeps_the_typed_one_with_a_warning() -> None:
    result = _result_with_retention_85()  # no survey: satisfaction cannot be computed
    row = target(SAT, "服务对象满意度", GE, "90", "10", "93", unit="%", binding="服务对象满意度")
    performance = score_performance(PerformanceData(BUDGET, full_set(row), ()), SCHEME, result)
    assert performance.rows[0].actual == D(93) and performance.rows[0].source == "填写"
    assert codes(performance) == ["performance_bound_unavailable"]
    assert "尚无满意度调查结果" in performance.problems[0].message


def test_evaluate_fills_the_performance_result_of_an_evaluation_that_has_the_data() -> None:
    base = evaluation()
    scheme = load_scheme()
    assert evaluate(base, scheme).performance is None
    row = target(OUT, "持证社工到岗", GE, "100", "50", None, unit="%", binding="持证社工到岗率")
    data = PerformanceData(BUDGET, full_set(row), ())
    result = evaluate(replace(base, performance=data), scheme)
    assert result.performance is not None
    # 20 certified workers × 11 months ÷ (10 contracted × 11) = 200.00%: met, full points
    assert result.performance.rows[0].actual == D("200.00")
    assert result.performance.rows[0].points.value == 50
    assert result.performance.total.value == 100


def test_evaluate_json_carries_the_performance_block_with_every_figure_explained() -> None:
    from pinggu import result_to_dict

    scheme = load_scheme()
    base = evaluation()
    assert result_to_dict(evaluate(base, scheme))["performance"] is None
    late = target(OUT, "服务对象投诉率", LE, "3", "8", "3.6", unit="%")
    data = PerformanceData(
        BUDGET, full_set(late, target(OUT, "个案服务", GE, "60", "42", "66")), ()
    )
    doc = result_to_dict(evaluate(replace(base, performance=data), scheme))
    block = doc["performance"]
    assert block["execution_rate"] == 100 and block["budget_points"] == 10
    assert block["targets"][0]["points"] == 6.67
    assert block["targets"][0]["source"] == "填写"
    assert [lv["points"] for lv in block["levels"]] == [48.67, 30, 10]
    assert block["total"] == 98.67 and block["grade"] == "优"
    explained = {f["name"]: f["explain"] for f in doc["figures"]}
    assert explained["performance.total"].startswith("98.67 分 = 预算执行率得分 + 产出指标得分")
    assert "performance.targets.1.服务对象投诉率" in explained


def test_without_a_result_a_bound_row_keeps_its_typed_actual_or_scores_zero_once() -> None:
    typed = target(BEN, "社工稳岗率", GE, "80", "30", "90", unit="%", binding="稳岗率")
    result = scored(*full_set(typed))
    assert (result.rows[0].actual, result.rows[0].points.value) == (D(90), 30)
    assert codes(result) == ["performance_bound_unavailable"]
    assert "没有评估数据可供计算" in result.problems[0].message
    assert "按填写的实际完成值计分" in result.problems[0].message
    empty = scored(*full_set(replace(typed, actual=None)))
    assert empty.rows[0].points.value == 0
    assert codes(empty) == ["performance_bound_unavailable"]  # one warning, saying 计 0 分
    assert empty.problems[0].message.endswith("计 0 分")
