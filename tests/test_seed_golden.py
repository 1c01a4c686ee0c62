"""Golden figures from the public sample reports, including where they are wrong
(docs/seed-errors.md)."""

from __future__ import annotations

from decimal import Decimal

from factories import SEED_002_SCORES, D, evaluation, info, scores, worker

from pinggu._engine import evaluate
from pinggu._model import TOTAL, IndicatorRow
from pinggu._scheme import load_scheme

SCHEME = load_scheme("guangzhou-2023")


def test_seed_002_score_table_adds_up_to_86_39_not_the_printed_87_39() -> None:
    result = evaluate(evaluation(score_rows=scores(SEED_002_SCORES)), SCHEME)
    third = result.scores.parties[0]
    quality = third.dimensions[3]
    assert quality.dimension == "服务质量"
    assert [z.score.value for z in quality.zones if z.score] == [D("15.60"), D("16.00"), D("14.55")]
    assert quality.score is not None and quality.score.value == D("15.38")
    assert third.score is not None and third.score.value == D("45.59")
    assert result.total_score is not None
    assert result.total_score.value == D("86.39")
    assert result.total_score.value != D("87.39")
    assert result.grade is not None and result.grade.name == "良好"


def test_seed_000_completion_percentages() -> None:
    # 京溪街 final report: "电话访问2221个 … 完成协议指标量的123.39%" and the rest of that sentence.
    golden = [
        ("电访", "人次", 1800, 2221, "123.39"),
        ("入户探访", "人次", 1200, 1197, "99.75"),
        ("咨询个案", "结案数", 150, 152, "101.33"),
        ("专业个案", "接案数", 70, 68, "97.14"),
        ("专业个案", "节数", 420, 425, "101.19"),
        ("专业小组", "人次", 1260, 1917, "152.14"),
        ("社区活动（大型）", "次数", 60, 61, "101.67"),
        ("社区活动（大型）", "人次", 1800, 7087, "393.72"),
    ]
    rows = [IndicatorRow("全站", name, measure, D(t), D(a)) for name, measure, t, a, _ in golden]
    result = evaluate(evaluation(indicators=rows), SCHEME)
    assert [r.completion.value for r in result.indicators if r.completion] == [
        D(g[4]) for g in golden
    ]


def test_seed_004_uncertified_plus_certified_is_221_of_220() -> None:
    # 云城街: 持证实到 169.5 + 非持证 51.5 = 221 against 应到 220 (20 workers × 11 months);
    # 持证应到 110 (10 of 20 certified by contract); 17 continuously in post → 稳岗率 85%.
    rows = []
    for i in range(15):
        rows += worker(f"C{i}", [1] * 11, certified=True, experienced=True)
    rows += worker("C15", [1, 1, 1, 1, 0.5], certified=True)  # left in November
    rows += worker("U1", [1] * 11) + worker("U2", [1] * 11)
    rows += worker("U3", [1] * 10)  # left before the last month
    rows += worker("U4", [1] * 10, start="2023-08")  # joined in the second month
    rows += worker("U5", [1] * 9 + [0.5])  # left mid-April
    result = evaluate(evaluation(attendance=rows), SCHEME)
    s = result.staffing
    assert s.required.value == 220 and s.actual.value == 221
    assert s.certified_required.value == 110
    assert s.certified_actual.value == D("169.5")
    assert s.uncertified_actual.value == D("51.5")
    assert s.shortfall.value == 0 and s.surplus.value == 1
    assert s.continuously_employed.value == 17
    assert s.retention_rate.value == D("85.00")
    assert not result.vetoes


def test_seed_000_training_ratio_1517_5_of_1320() -> None:
    station = info(training_hours_required=D(1320), training_hours_done=D("1517.5"))
    result = evaluate(evaluation(station=station), SCHEME)
    assert result.staffing.training_ratio is not None
    assert result.staffing.training_ratio.value == D("114.96")


def test_station_total_is_not_the_sum_of_zone_percentages() -> None:
    # The 274.94% error: three zone percentages added instead of 完成量之和 ÷ 协议量之和.
    rows = [
        IndicatorRow("第一片区", "入户探访", "人次", D(400), D(380)),
        IndicatorRow("第二片区", "入户探访", "人次", D(300), D(270)),
        IndicatorRow("第三片区", "入户探访", "人次", D(300), D(270)),
    ]
    result = evaluate(evaluation(indicators=rows), SCHEME)
    total = next(r for r in result.indicators if r.zone == TOTAL)
    assert total.target == 1000 and total.actual == 920
    assert total.completion is not None and total.completion.value == D("92.00")
    zone_sum = sum(
        (r.completion.value for r in result.indicators if r.zone != TOTAL and r.completion),
        Decimal(0),
    )
    assert zone_sum == D("275.00")
    assert total.completion.inputs == {"完成量之和": D(920), "协议量之和": D(1000)}
