"""The evaluation as plain JSON data, which the report embeds and the web app stores: exact both
ways, and a malformed document refused with a ReportError that names the bad key."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from factories import SEED_002_SCORES, evaluation, info, scores, team, worker
from hypothesis import given, settings
from hypothesis import strategies as st

from pinggu._errors import ReportError
from pinggu._model import Evaluation, Finding, FindingKind, IndicatorRow, Kind, Qualification
from pinggu._scheme import load_scheme
from pinggu._serial import FORMAT_VERSION, evaluation_from_dict, evaluation_to_dict
from pinggu._synthetic import synthetic_evaluation, synthetic_survey

SCHEMES = {name: load_scheme(name) for name in ("guangzhou-2023", "district-pilot")}


def _through_json(ev: Evaluation) -> Evaluation:
    """What a reader gets back after the dict has been written out as JSON text."""
    text = json.dumps(evaluation_to_dict(ev), ensure_ascii=False)
    return evaluation_from_dict(json.loads(text))


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10_000),
    kind=st.sampled_from(Kind),
    months=st.integers(min_value=3, max_value=12),
    scheme=st.sampled_from(sorted(SCHEMES)),
)
def test_synthetic_evaluations_round_trip_exactly(
    seed: int, kind: Kind, months: int, scheme: str
) -> None:
    ev = synthetic_evaluation(seed, kind=kind, months=months, scheme=SCHEMES[scheme])
    assert _through_json(ev) == ev


def test_hand_built_evaluations_round_trip_exactly() -> None:
    cases = [
        evaluation(),
        evaluation(
            station=info(
                period_months=Decimal("10.5"),
                annual_spending=Decimal("1924648.66"),
                personnel_spending=Decimal("0.10"),
                address="测试区测试路1号",
                operator_since=date(2012, 6, 1),
                evaluation_staff=0,
                onsite_objection="有异议，已解决。",
            ),
            attendance=[
                *worker("A", [1, 0.5, 0], certified=True, note="3月5日离职"),
                *[replace(r, qualification=Qualification.NONE) for r in worker("B", [1, 1, 1])],
                *team(2, 3, certified=True),
            ],
            indicators=[IndicatorRow("第一片区", "咨询个案", "个", None, Decimal("30"))],
            score_rows=scores(SEED_002_SCORES),
        ),
    ]
    for ev in cases:
        assert _through_json(ev) == ev


def test_values_are_written_exactly_and_readably() -> None:
    ev = evaluation(station=info(contract_funding_wan=Decimal("240.10")))
    data = evaluation_to_dict(ev)
    assert data["version"] == FORMAT_VERSION
    assert data["info"]["contract_funding_wan"] == "240.10"  # not 240.1, not a float
    assert data["info"]["kind"] == "final" and data["info"]["period_start"] == "2023-07-01"
    assert data["info"]["operator_since"] is None and data["info"]["onsite_objection"] == ""
    row = data["attendance"][0]
    assert row["month"] == "2023-07" and row["value"] == "1" and row["qualification"] is None
    finding = evaluation_to_dict(
        replace(ev, findings=(Finding("结语", None, FindingKind.CONCERN, "建议……"),))
    )["findings"][0]
    assert finding == {"section": "结语", "zone": None, "kind": "concern", "text": "建议……"}


def _broken(change: Any) -> dict[str, Any]:
    data = evaluation_to_dict(evaluation())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda d: d.update(version=2), "「version」为 2"),
        (lambda d: d.pop("version"), "「version」为 None"),
        (lambda d: d["info"].update(contract_workers="20"), "「info.contract_workers」应为整数"),
        (lambda d: d["info"].update(contract_workers=True), "「info.contract_workers」应为整数"),
        (
            lambda d: d["info"].update(contract_funding_wan=240.5),
            "「info.contract_funding_wan」应为数字文本",
        ),
        (
            lambda d: d["info"].update(contract_funding_wan="NaN"),
            "「info.contract_funding_wan」应为数字文本",
        ),
        (
            lambda d: d["info"].update(period_start="2023/7/1"),
            "「info.period_start」应为日期文本",
        ),
        (
            lambda d: d["info"].update(period_start="2023-02-30"),
            "「info.period_start」应为日期文本",
        ),
        (lambda d: d["info"].update(kind="中期"), "「info.kind」应为以下之一：midterm、final"),
        (lambda d: d["info"].pop("station"), "缺少「info.station」"),
        (lambda d: d["info"].update(colour="red"), "「info.colour」是未知的键"),
        (
            lambda d: d["attendance"][3].update(month="2023-7"),
            "「attendance[3].month」应为月份文本",
        ),
        (
            lambda d: d["attendance"][3].update(qualification="初级"),
            "「attendance[3].qualification」应为以下之一",
        ),
        (lambda d: d["attendance"][0].update(qualification="非持证"), "「attendance[0]」自相矛盾"),
        (lambda d: d.update(zones={}), "「zones」应为列表"),
        (lambda d: d["zones"].__setitem__(0, []), "「zones[0]」应为键值对象"),
    ],
)
def test_malformed_data_is_refused_naming_the_key(change: Any, phrase: str) -> None:
    with pytest.raises(ReportError) as caught:
        evaluation_from_dict(_broken(change))
    assert phrase in str(caught.value), str(caught.value)


def test_data_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ReportError, match="报告数据应为键值对象"):
        evaluation_from_dict([1, 2])


def test_fields_with_defaults_may_be_absent() -> None:
    """Data written before a defaulted field existed still reads, with the default."""
    ev = evaluation()
    data = evaluation_to_dict(ev)
    for name in ("address", "operator_since", "evaluation_staff", "onsite_objection"):
        del data["info"][name]
    for row in data["attendance"]:
        del row["qualification"]
    assert evaluation_from_dict(data) == ev


def test_a_survey_round_trips_exactly_and_old_data_without_one_still_reads() -> None:
    ev = synthetic_evaluation(3)
    with_survey = replace(ev, survey=synthetic_survey(ev, 3))
    assert with_survey.survey is not None and with_survey.survey.replaced > 0
    assert _through_json(with_survey) == with_survey
    data = evaluation_to_dict(with_survey)
    response = data["survey"]["responses"][0]
    assert set(response) == {"client", "zone", "answers", "comment"}  # no name, no phone
    old = evaluation_to_dict(ev)
    del old["survey"]
    assert evaluation_from_dict(old) == ev and evaluation_from_dict(old).survey is None


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda s: s["responses"][0]["answers"].__setitem__(0, 7), "「survey」自相矛盾：服务对象"),
        (lambda s: s["responses"][0]["answers"].__setitem__(0, "5"), "answers[0]」应为整数"),
        (lambda s: s["responses"][0]["answers"].pop(), "「survey」自相矛盾"),
        (lambda s: s.update(replaced=-1), "「survey」自相矛盾"),
    ],
)
def test_a_malformed_survey_is_refused_naming_it(change: Any, phrase: str) -> None:
    ev = synthetic_evaluation(3)
    data = evaluation_to_dict(replace(ev, survey=synthetic_survey(ev, 3)))
    change(data["survey"])
    with pytest.raises(ReportError) as caught:
        evaluation_from_dict(data)
    assert phrase in str(caught.value), str(caught.value)
