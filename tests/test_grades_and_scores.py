"""Grade bands, how experts' scores combine, converted scores, and missing scores."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from factories import SEED_002_SCORES, D, evaluation, scores

from pinggu._engine import evaluate
from pinggu._scheme import load_scheme
from pinggu._scoring import combine

SCHEME = load_scheme("guangzhou-2023")


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优秀"),
        ("90", "优秀"),
        ("89.99", "良好"),
        ("80", "良好"),
        ("79.99", "合格"),
        ("60", "合格"),
        ("59.99", "不合格"),
        ("0", "不合格"),
    ],
)
def test_grade_bands(total: str, grade: str) -> None:
    assert SCHEME.grade_for(D(total)).name == grade


def test_combine_methods() -> None:
    values = [D(7), D(8), D(8), D(9), D(10)]
    assert combine(values, SCHEME)[0] == D("8.4")
    assert combine(values, replace(SCHEME, combine="median"))[0] == D(8)
    trimmed, how = combine(values, replace(SCHEME, combine="trimmed_mean", trim=1))
    assert (trimmed.quantize(D("0.0001")), how) == (
        D("8.3333"),
        "5 位评委评分去掉最高、最低各 1 个后的平均",
    )
    _, how = combine(values[:2], replace(SCHEME, combine="trimmed_mean", trim=1))
    assert "未去掉最高最低分" in how


def test_five_experts_are_averaged_then_rounded_once() -> None:
    table = dict(SEED_002_SCORES)
    table[("第三方评估机构", "服务监测", None)] = [9.5, 9.4, 9.3, 9.6, 9.3]  # mean 9.42
    table[("第三方评估机构", "服务质量", "第一片区")] = [15.5, 15.6, 15.7, 15.6, 15.6]  # 15.6
    result = evaluate(evaluation(score_rows=scores(table)), SCHEME)
    monitoring = result.scores.parties[0].dimensions[0]
    assert monitoring.score is not None and monitoring.score.value == D("9.42")
    assert monitoring.score.formula == "5 位评委评分的平均"
    assert dict(monitoring.score.inputs)["评委1"] == D("9.5")
    assert result.total_score is not None and result.total_score.value == D("86.39")


def test_a_party_scoring_out_of_100_is_converted_to_its_points() -> None:
    pilot = load_scheme("district-pilot")
    table = {k: v for k, v in SEED_002_SCORES.items()}
    table[("第三方评估机构", "满意度", None)] = [4.5]
    table[("购买方", "购买方", None)] = [93]
    result = evaluate(evaluation(score_rows=scores(table)), pilot)
    purchaser = result.scores.parties[1].dimensions[0]
    assert purchaser.score is not None and purchaser.score.value == 93
    assert purchaser.weighted_score is not None and purchaser.weighted_score.value == D(
        "13.95"
    )  # 93 × 15 / 100
    assert result.total_score is not None
    assert result.total_score.value == D("45.59") + D("4.5") + D("13.95") + 12 + D("8.8")


def test_missing_scores_leave_total_and_grade_open_and_say_what_is_missing() -> None:
    table = {k: v for k, v in SEED_002_SCORES.items() if k[0] != "督导中心" and k[2] != "第三片区"}
    result = evaluate(evaluation(score_rows=scores(table)), SCHEME)
    assert result.total_score is None and result.grade is None
    quality = result.scores.parties[0].dimensions[3]
    assert quality.score is None and [z.score is None for z in quality.zones] == [
        False,
        False,
        True,
    ]
    (warning,) = [w for w in result.warnings if w.code == "scores_missing"]
    assert warning.message == "以下评分尚未录入：第三方评估机构·服务质量（第三片区）、督导中心"


def test_every_figure_explains_itself() -> None:
    result = evaluate(evaluation(), SCHEME)
    assert result.total_score is not None
    assert result.total_score.explain() == (
        "86.39 = 各评估方得分之和（第三方评估机构 = 45.59，购买方 = 20，督导中心 = 12，监督方 = 8.8）"
    )
    assert (
        result.staffing.required.explain()
        == "220 人次 = 协议社工人数 × 考核月数（协议社工人数 = 20，考核月数 = 11）"
    )
    assert result.staffing.retention_rate.explain().startswith(
        "100.00% = 持续在岗社工人数 ÷ 协议社工人数 × 100%"
    )
    assert isinstance(result.staffing.actual.value, Decimal)
