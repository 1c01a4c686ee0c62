"""A survey feeds the engine's result: Result.satisfaction by the scheme's formula, the JSON
document and the terminal text; without a survey nothing changes. The synthetic survey used by
tests and the demo is deterministic and follows the evaluation's 片区."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from factories import ZONES, evaluation

from pinggu import Estimate, Survey, SurveyResponse, evaluate, load_scheme, result_to_dict
from pinggu._survey import DEFAULT_ITEMS
from pinggu._synthetic import synthetic_evaluation, synthetic_survey
from pinggu._text import render

D = Decimal


def _survey() -> Survey:
    """第一片区: 5,5,5,5,5 → 5 and 4,4,4,4,4 → 4; 第二片区: 3,3,3,3,4 → 3.2; 第三片区 nobody.
    mean = 12.2 / 3 = 4.0667 → ÷ 5 = 81.333…% → 81.3%.
    share (≥ 4): 2 of 3 = 66.7%."""
    return Survey(
        items=DEFAULT_ITEMS,
        seed="2024-评估",
        roster_fingerprint="f" * 64,
        roster_size=250,
        sample_size=100,
        replaced=4,
        not_reached=6,
        responses=(
            SurveyResponse("A", "第一片区", (5, 5, 5, 5, 5)),
            SurveyResponse("B", "第二片区", (3, 3, 3, 3, 4)),
            SurveyResponse("C", "第一片区", (4, 4, 4, 4, 4), "社工很好"),
        ),
    )


def test_the_result_carries_satisfaction_by_the_schemes_formula() -> None:
    ev = replace(evaluation(), survey=_survey())
    mean = evaluate(ev, load_scheme("guangzhou-2023")).satisfaction
    assert mean is not None and mean.formula == "mean"
    assert mean.overall is not None and (mean.overall.value, mean.overall.n) == (D("81.3"), 3)
    assert [z for z, _ in mean.by_zone] == ["第一片区", "第二片区"]  # the evaluation's order
    # 第一片区 5 and 4 → 4.5 → 90.0%; s² = 0.5, s²/n = 0.25, √ = 0.5 → ± 0.98 points = 19.6%
    assert dict(mean.by_zone)["第一片区"] == Estimate(D("90.0"), D("70.4"), D("100.0"), 2)
    share = evaluate(ev, load_scheme("district-pilot")).satisfaction
    assert share is not None and share.formula == "share"
    assert share.overall is not None and (share.overall.value, share.overall.satisfied) == (
        D("66.7"),
        2,
    )


def test_without_a_survey_there_is_no_satisfaction_anywhere() -> None:
    result = evaluate(evaluation(), load_scheme())
    assert result.satisfaction is None
    assert result_to_dict(result)["satisfaction"] is None
    assert "满意度" not in render(result)


def test_json_gives_the_estimates_with_their_intervals_and_formula() -> None:
    result = evaluate(replace(evaluation(), survey=_survey()), load_scheme())
    doc = result_to_dict(result)["satisfaction"]
    assert doc["formula"] == "mean" and doc["confidence"] == 0.95
    assert (doc["sample_size"], doc["reached"], doc["replaced"], doc["not_reached"]) == (
        100,
        3,
        4,
        6,
    )
    assert doc["overall"]["value"] == 81.3 and doc["overall"]["n"] == 3
    assert [z["zone"] for z in doc["zones"]] == ["第一片区", "第二片区"]
    assert [i["item"] for i in doc["items"]] == list(DEFAULT_ITEMS)
    figure = next(
        f for f in result_to_dict(result)["figures"] if f["name"] == "satisfaction.overall"
    )
    assert "÷ 5 × 100%" in figure["formula"] and figure["inputs"] == {"有效回答人数": 3}


def test_terminal_text_has_a_satisfaction_line() -> None:
    text = render(evaluate(replace(evaluation(), survey=_survey()), load_scheme()))
    assert "【服务对象满意度】" in text
    assert "满意度：81.3%（95%置信区间" in text
    assert "抽取 100 名，联系上 3 名（其中替补 4 名），未联系上 6 人次" in text
    assert "各片区：第一片区 90.0%（2 名）、第二片区 64.0%（1 名）" in text


def test_synthetic_survey_is_deterministic_and_follows_the_evaluation() -> None:
    ev = synthetic_evaluation(11)
    survey = synthetic_survey(ev, 5)
    assert synthetic_survey(ev, 5) == survey
    assert synthetic_survey(ev, 6) != survey
    assert {r.zone for r in survey.responses} == {z.name for z in ev.zones}
    assert survey.sample_size == 100 and 90 <= len(survey.responses) <= 100
    assert survey.replaced > 0 and survey.not_reached >= survey.replaced
    assert all(len(r.answers) == len(DEFAULT_ITEMS) for r in survey.responses)
    assert len({r.client for r in survey.responses}) == len(survey.responses)
    small = synthetic_survey(ev, 5, n=10, scale=7, items=("满意",))
    assert small.sample_size == 10 and small.scale == 7 and small.items == ("满意",)


def test_synthetic_survey_zones_match_a_factory_evaluation() -> None:
    survey = synthetic_survey(evaluation(), "x")
    assert {r.zone for r in survey.responses} <= {z.name for z in ZONES}
