"""Rounding is half-up at every shown figure, and every shown total is the sum of shown parts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from factories import ZONES, D, evaluation, scores
from hypothesis import given, settings
from hypothesis import strategies as st

from pinggu._engine import evaluate
from pinggu._indicators import completion
from pinggu._model import TOTAL, IndicatorRow
from pinggu._numbers import shown
from pinggu._scheme import load_scheme

SCHEME = load_scheme("guangzhou-2023")
PILOT = load_scheme("district-pilot")


def test_half_up_not_bankers_rounding() -> None:
    assert shown(D("15.385")) == D("15.39")  # round() would give 15.38
    assert shown(D("0.125")) == D("0.13")
    assert shown(D("2.675")) == D("2.68")
    assert completion(D(1), D(8)) is not None and completion(D(1), D(8)).value == D("12.50")  # type: ignore[union-attr]


def _score(max_points: int) -> st.SearchStrategy[Decimal]:
    return st.integers(0, max_points * 100).map(lambda n: Decimal(n) / 100)


def _judges(max_points: int) -> st.SearchStrategy[list[Decimal]]:
    return st.lists(_score(max_points), min_size=1, max_size=6)


@st.composite
def score_tables(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    scheme = draw(st.sampled_from([SCHEME, PILOT]))
    table = {}
    for party in scheme.parties:
        for dim in party.dimensions:
            scale = int(dim.scale)
            if dim.per_zone:
                for zone in ZONES:
                    table[(party.name, dim.name, zone.name)] = draw(_judges(scale))
            else:
                table[(party.name, dim.name, None)] = draw(_judges(scale))
    return scheme, table


@settings(max_examples=150, deadline=None)
@given(score_tables())
def test_shown_total_is_the_sum_of_shown_parts(drawn) -> None:  # type: ignore[no-untyped-def]
    scheme, table = drawn
    result = evaluate(evaluation(score_rows=scores(table), attendance=[]), scheme)
    parties = result.scores.parties
    for party in parties:
        assert party.score is not None
        assert party.score.value == sum(
            (d.weighted_score.value for d in party.dimensions if d.weighted_score), D(0)
        )
        for dim in party.dimensions:
            assert dim.score is not None and dim.score.value == shown(dim.score.value)
            if dim.per_zone:
                zone_values = [z.score.value for z in dim.zones if z.score]
                assert dim.score.value == shown(sum(zone_values, D(0)) / len(zone_values))
    assert result.total_score is not None
    assert result.total_score.value == sum((p.score.value for p in parties if p.score), D(0))
    assert result.total_score.value <= scheme.total_points


counts = st.integers(min_value=0, max_value=5000)
targets = st.integers(min_value=1, max_value=3000)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(targets, counts), min_size=2, max_size=5))
def test_station_total_comes_from_sums_never_from_zone_percentages(pairs) -> None:  # type: ignore[no-untyped-def]
    zones = tuple(ZONES[0].__class__(f"片区{i}", (f"社区{i}",)) for i in range(len(pairs)))
    rows = [
        IndicatorRow(z.name, "电访", "人次", D(t), D(a))
        for z, (t, a) in zip(zones, pairs, strict=True)
    ]
    result = evaluate(evaluation(indicators=rows, zones=zones, attendance=[]), SCHEME)
    total = next(r for r in result.indicators if r.zone == TOTAL)
    exact = Fraction(sum(a for _, a in pairs) * 100, sum(t for t, _ in pairs))
    expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        D("0.01"), ROUND_HALF_UP
    )
    assert total.completion is not None and total.completion.value == expected
    zone_percents = [Fraction(a * 100, t) for t, a in pairs]
    # Equal to the sum or the mean of zone percentages only where arithmetic makes it so.
    for combined in (sum(zone_percents), sum(zone_percents) / len(zone_percents)):
        if total.completion.value == _shown_fraction(combined):
            assert abs(exact - combined) < Fraction(1, 100)


def _shown_fraction(value: Fraction) -> Decimal:
    return shown(Decimal(value.numerator) / Decimal(value.denominator))


def test_no_target_means_no_percentage() -> None:
    rows = [IndicatorRow("全站", "品牌创建工作", "个", None, D(2))]
    (r,) = evaluate(evaluation(indicators=rows), SCHEME).indicators
    assert r.target is None and r.completion is None
