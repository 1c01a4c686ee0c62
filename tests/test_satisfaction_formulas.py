"""Satisfaction by hand: the mean-score formula with its normal interval, the share-satisfied
formula with its Wilson interval, per item and per 片区, rounded half-up to one decimal.

The figures below are worked out by hand (in the comments), not by calling the code."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pinggu import Estimate, Survey, SurveyResponse, SurveySettings, satisfaction
from pinggu._survey import DEFAULT_ITEMS

D = Decimal
MEAN = SurveySettings()
SHARE = SurveySettings(formula="share")


def _survey(*responses: SurveyResponse, replaced: int = 0, not_reached: int = 0) -> Survey:
    return Survey(
        items=DEFAULT_ITEMS,
        seed="测试种子",
        roster_fingerprint="0" * 64,
        roster_size=300,
        sample_size=100,
        replaced=replaced,
        not_reached=not_reached,
        responses=responses,
    )


def _r(client: str, zone: str, *answers: int | None) -> SurveyResponse:
    return SurveyResponse(client, zone, tuple(answers))


# Four scored respondents and one who answered nothing:
#   A 5 5 5 5 5 → 5        B 4 4 4 4 4 → 4        C 4 5 4 5 – → 18/4 = 4.5
#   D 3 3 3 3 3 → 3        E – – – – – → reached, not scored
FOUR = (
    _r("A", "第一片区", 5, 5, 5, 5, 5),
    _r("B", "第二片区", 4, 4, 4, 4, 4),
    _r("C", "第一片区", 4, 5, 4, 5, None),
    _r("D", "第二片区", 3, 3, 3, 3, 3),
    _r("E", "第一片区", None, None, None, None, None),
)


def test_mean_formula_by_hand() -> None:
    """mean = (5 + 4 + 4.5 + 3) / 4 = 4.125 → 4.125 / 5 = 82.5%.
    deviations 0.875, −0.125, 0.375, −1.125; squares 0.765625 + 0.015625 + 0.140625 + 1.265625
    = 2.1875; s² = 2.1875 / 3 = 0.7291667; s²/n = 0.1822917; √ = 0.4269563;
    z·√ = 1.96 × 0.4269563 = 0.8368343 points = 16.7367 percent (× 100/5);
    82.5 − 16.7367 = 65.7633 → 65.8%; 82.5 + 16.7367 = 99.2367 → 99.2%."""
    s = satisfaction(_survey(*FOUR, replaced=2, not_reached=3), MEAN)
    assert s.overall == Estimate(D("82.5"), D("65.8"), D("99.2"), 4)
    assert (s.sample_size, s.reached, s.replaced, s.not_reached) == (100, 5, 2, 3)
    assert s.formula == "mean"


def test_mean_formula_per_item_and_zone() -> None:
    """问题解决: 5, 4, 4, 3 → mean 4 → 80.0%; 能力提升: 5, 4, 5, 3 → 4.25 → 85.0%;
    总体满意: 5, 4, 3 (C left it blank) → 4 → 80.0%, n = 3.
    第一片区: A 5 and C 4.5 → 4.75 → 95.0%; s² = (0.25² + 0.25²)/1 = 0.125, s²/n = 0.0625,
    √ = 0.25, 1.96 × 0.25 = 0.49 points = 9.8 percent → 85.2%–104.8%, clipped to 100.0%.
    第二片区: B 4 and D 3 → 3.5 → 70.0%; s² = 0.5, s²/n = 0.25, √ = 0.5, 0.98 points = 19.6
    percent → 50.4%–89.6%."""
    s = satisfaction(_survey(*FOUR), MEAN, zones=["第二片区", "第一片区"])
    items = dict(s.by_item)
    assert items["问题解决"] is not None and items["问题解决"].value == D("80.0")
    assert items["能力提升"] is not None and items["能力提升"].value == D("85.0")
    assert items["总体满意"] is not None and (items["总体满意"].value, items["总体满意"].n) == (
        D("80.0"),
        3,
    )
    assert s.by_zone == (
        ("第二片区", Estimate(D("70.0"), D("50.4"), D("89.6"), 2)),
        ("第一片区", Estimate(D("95.0"), D("85.2"), D("100.0"), 2)),
    )


def test_share_formula_by_hand() -> None:
    """Satisfied = score ≥ 4: A 5 ✓, B 4 ✓, C 4.5 ✓, D 3 ✗ → 3 of 4 = 75.0%.
    Wilson, z = 1.96, z² = 3.8416: z²/n = 0.9604, denominator 1.9604;
    centre = (0.75 + 3.8416/8) / 1.9604 = 1.2302 / 1.9604 = 0.627525;
    half = 1.96/1.9604 × √(0.75 × 0.25 / 4 + 3.8416/64) = 0.999796 × √0.1069 = 0.326889;
    → 0.300636 = 30.1% and 0.954414 = 95.4%."""
    s = satisfaction(_survey(*FOUR), SHARE)
    assert s.overall == Estimate(D("75.0"), D("30.1"), D("95.4"), 4, satisfied=3)
    # per item, answers ≥ 4: 总体满意 5, 4, 3 → 2 of 3 = 66.7%; Wilson: z²/n = 1.280533,
    # denominator 2.280533, centre = (0.666667 + 0.640267) / 2.280533 = 0.573084,
    # half = 0.859448 × √(0.074074 + 0.106711) = 0.365428 → 20.8% and 93.9%
    assert dict(s.by_item)["总体满意"] == Estimate(D("66.7"), D("20.8"), D("93.9"), 3, 2)


def _satisfied(k: int, n: int) -> Survey:
    return _survey(*(_r(f"S{i}", "第一片区", *([5] * 5 if i < k else [2] * 5)) for i in range(n)))


def test_wilson_interval_eight_of_ten() -> None:
    """p = 0.8, n = 10, z = 1.96: z²/n = 0.38416, denominator 1.38416;
    centre = (0.8 + 0.19208) / 1.38416 = 0.716738;
    half = 1.96/1.38416 × √(0.016 + 0.009604) = 1.416021 × 0.160012 = 0.226581;
    → 0.490157 = 49.0% and 0.943319 = 94.3%."""
    assert satisfaction(_satisfied(8, 10), SHARE).overall == Estimate(
        D("80.0"), D("49.0"), D("94.3"), 10, 8
    )


def test_wilson_interval_at_99_percent() -> None:
    """z = 2.576, z² = 6.635776: denominator 1.6635776; centre = (0.8 + 0.3317888) / 1.6635776
    = 0.680333; half = 2.576/1.6635776 × √(0.016 + 0.01658944) = 1.548469 × 0.180525 = 0.279537;
    → 0.400796 = 40.1% and 0.959870 = 96.0%."""
    settings = SurveySettings(formula="share", confidence=D("0.99"))
    s = satisfaction(_satisfied(8, 10), settings)
    assert s.overall == Estimate(D("80.0"), D("40.1"), D("96.0"), 10, 8)
    assert s.confidence == D("0.99")


def test_wilson_interval_at_the_edges_stays_within_0_and_100() -> None:
    """0 of 5: centre = half = (3.8416/10)/1.76832 → low exactly 0; high = 2 × 0.217246 = 43.4%.
    5 of 5: high exactly 100%; low = 1 − 0.434491 = 56.6%."""
    assert satisfaction(_satisfied(0, 5), SHARE).overall == Estimate(
        D("0.0"), D("0.0"), D("43.4"), 5, 0
    )
    assert satisfaction(_satisfied(5, 5), SHARE).overall == Estimate(
        D("100.0"), D("56.6"), D("100.0"), 5, 5
    )


def test_rounding_is_half_up() -> None:
    """1 of 16 satisfied = 6.25% exactly → 6.3% (banker's rounding would print 6.2%)."""
    s = satisfaction(_satisfied(1, 16), SHARE)
    assert s.overall is not None and s.overall.value == D("6.3")


def test_nobody_scored_gives_no_estimate_not_a_crash() -> None:
    nobody = _survey(_r("E", "第一片区", None, None, None, None, None), not_reached=4)
    for settings in (MEAN, SHARE):
        s = satisfaction(nobody, settings)
        assert s.overall is None and s.reached == 1 and s.not_reached == 4
        assert all(e is None for _, e in s.by_item) and s.by_zone == (("第一片区", None),)
    empty = satisfaction(_survey(), MEAN)
    assert empty.overall is None and empty.by_zone == () and empty.reached == 0


def test_one_respondent_has_no_spread_so_the_mean_interval_is_the_whole_range() -> None:
    """4, 4, 4, 4, 5 → 21/5 = 4.2 → 84.0%; with n = 1 there is no standard deviation."""
    s = satisfaction(_survey(_r("A", "第一片区", 4, 4, 4, 4, 5)), MEAN)
    assert s.overall == Estimate(D("84.0"), D("0.0"), D("100.0"), 1)


def test_everyone_alike_gives_a_zero_width_interval() -> None:
    """All answer 4: mean 80.0%, s = 0 → 80.0%–80.0%."""
    same = _survey(*(_r(f"A{i}", "第一片区", 4, 4, 4, 4, 4) for i in range(6)))
    assert satisfaction(same, MEAN).overall == Estimate(D("80.0"), D("80.0"), D("80.0"), 6)


def test_a_survey_on_another_scale_divides_by_its_own_scale() -> None:
    """Scale 10: answers 8 and 9 for one respondent → 8.5 → 85.0%."""
    survey = Survey(("甲", "乙"), "s", "f", 10, 10, 0, 0, (_r("A", "一", 8, 9),), scale=10)
    assert satisfaction(survey, MEAN).overall == Estimate(D("85.0"), D("0.0"), D("100.0"), 1)


@pytest.mark.parametrize(
    ("responses", "phrase"),
    [
        ((_r("A", "一", 6, 5, 5, 5, 5),), "评分 6 不在 1–5 之间"),
        ((_r("A", "一", 0, 5, 5, 5, 5),), "评分 0 不在 1–5 之间"),
        ((_r("A", "一", 5, 5),), "有 2 个回答，题目有 5 项"),
        ((_r("A", "一", 5, 5, 5, 5, 5), _r("A", "二", 4, 4, 4, 4, 4)), "「A」出现了两次"),
    ],
)
def test_an_impossible_survey_is_refused(
    responses: tuple[SurveyResponse, ...], phrase: str
) -> None:
    with pytest.raises(ValueError, match=phrase):
        _survey(*responses)
