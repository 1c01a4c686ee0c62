"""The station's self-scores beside the experts' combined scores, per dimension and 片区
(docs/onsite-rectification.md). Figures worked by hand from the factories' seed-002 scores."""

from __future__ import annotations

from dataclasses import replace

from factories import SEED_002_SCORES, D, evaluation, scores

from pinggu import OnSite, SelfScore, evaluate, load_scheme

SCHEME = load_scheme("guangzhou-2023")


def _gaps(*own: SelfScore, score_table: dict | None = None) -> dict:  # type: ignore[type-arg]
    base = evaluation(score_rows=scores(score_table or SEED_002_SCORES))
    result = evaluate(replace(base, onsite=OnSite(self_scores=own)), SCHEME)
    assert result.onsite is not None
    return {(g.dimension, g.zone): g for g in result.onsite.self_gaps}


def test_the_gap_is_the_self_score_less_the_experts_combined_score() -> None:
    gaps = _gaps(SelfScore("服务监测", None, D("9.8")), SelfScore("服务成效", None, D(11)))
    监测 = gaps[("服务监测", None)]
    # 9.8 − 9.42 = 0.38: the station scored itself higher.
    assert 监测.expert is not None and 监测.expert.value == D("9.42")
    assert 监测.gap is not None and 监测.gap.value == D("0.38")
    assert 监测.gap.explain() == "0.38 分 = 自评得分 − 专家评分（自评得分 = 9.8，专家评分 = 9.42）"
    # 11 − 11.65 = −0.65: lower than the experts.
    成效 = gaps[("服务成效", None)].gap
    assert 成效 is not None and 成效.value == D("-0.65")


def test_a_per_zone_self_score_is_compared_with_that_zones_score() -> None:
    gaps = _gaps(
        SelfScore("服务质量", "第三片区", D(16)),
        SelfScore("服务质量", None, D(16)),
    )
    zone = gaps[("服务质量", "第三片区")]
    assert zone.expert is not None and zone.expert.value == D("14.55")
    assert zone.gap is not None and zone.gap.value == D("1.45")
    # Without a 片区 it is the dimension's score: (15.6 + 16 + 14.55) ÷ 3 = 15.383… → 15.38.
    whole = gaps[("服务质量", None)]
    assert whole.expert is not None and whole.expert.value == D("15.38")
    assert whole.gap is not None and whole.gap.value == D("0.62")


def test_the_experts_combined_score_is_the_mean_of_their_scores() -> None:
    table = dict(SEED_002_SCORES)
    table[("第三方评估机构", "运营管理", None)] = [9, "8.5", 8]  # mean 8.5
    gaps = _gaps(SelfScore("运营管理", None, D(10)), score_table=table)
    gap = gaps[("运营管理", None)]
    assert gap.expert is not None and gap.expert.value == D("8.5")
    assert gap.gap is not None and gap.gap.value == D("1.5")


def test_a_dimension_the_experts_have_not_scored_has_no_gap_yet() -> None:
    table = {k: v for k, v in SEED_002_SCORES.items() if k[1] != "服务成效"}
    gaps = _gaps(SelfScore("服务成效", None, D(14)), score_table=table)
    assert gaps[("服务成效", None)].expert is None and gaps[("服务成效", None)].gap is None


def test_the_gaps_follow_the_score_tables_order_not_the_order_entered() -> None:
    """The report's table read 服务质量（第一片区）, （第三片区）, （第二片区） when the scores were
    entered in that order: the gaps follow the scheme's dimensions and the station's 片区."""
    base = evaluation(score_rows=scores(SEED_002_SCORES))
    own = (
        SelfScore("服务质量", "第三片区", D(16)),
        SelfScore("服务成效", None, D(14)),
        SelfScore("服务质量", "第一片区", D(16)),
        SelfScore("服务质量", "第二片区", D(16)),
        SelfScore("服务监测", None, D(10)),
    )
    result = evaluate(replace(base, onsite=OnSite(self_scores=own)), SCHEME)
    assert result.onsite is not None
    assert [(g.dimension, g.zone) for g in result.onsite.self_gaps] == [
        ("服务监测", None),
        ("服务成效", None),
        ("服务质量", "第一片区"),
        ("服务质量", "第二片区"),
        ("服务质量", "第三片区"),
    ]
