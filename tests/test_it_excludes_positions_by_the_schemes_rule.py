"""Positions that are not social workers' are scheme data matched by the scheme's rule
([staffing.excluded_positions]: words a position contains, and exact names), so 「保安员」,
「清洁工」 and 「保 安」 are not counted as social workers, and the output lists whom it left out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from factories import evaluation, team, worker

from pinggu import evaluate
from pinggu._errors import SchemeError
from pinggu._json import result_to_dict
from pinggu._scheme import ExcludedPositions, load_scheme, parse_scheme
from pinggu._text import render
from pinggu._toml import parse_toml

SCHEME = load_scheme("guangzhou-2023")
FULL = [1] * 11


@pytest.mark.parametrize(
    "position", ["保安员", "清洁工", "保 安", "夜班保安", "司机（兼）", "杂工"]
)
def test_a_position_matched_by_the_rule_is_not_a_social_worker(position: str) -> None:
    rows = team(19, 11, certified=True, experienced=True) + worker("Q", FULL, position=position)
    result = evaluate(evaluation(attendance=rows), SCHEME)
    assert result.staffing.actual.value == 19 * 11
    assert result.staffing.excluded == (f"社工Q（{position}）",)
    assert "excluded_position" in {w.code for w in result.warnings}


def test_an_excluded_worker_no_longer_hides_the_shortfall_veto() -> None:
    rows = team(19, 11, certified=True, experienced=True) + worker("Q", FULL, position="保安员")
    result = evaluate(evaluation(attendance=rows), SCHEME)
    assert result.staffing.shortfall.value == 11
    assert "staffing_shortfall" in {v.rule_id for v in result.vetoes}


@pytest.mark.parametrize("position", ["社工", "社工助理", "站长", "督导", "杂工组长"])
def test_social_work_posts_are_counted(position: str) -> None:
    assert SCHEME.staffing.excluded_positions.rule_for(position) is None


def test_text_and_json_list_whom_it_excluded() -> None:
    rows = (
        team(19, 11) + worker("Q", FULL, position="保安员") + worker("R", FULL, position="清洁工")
    )
    result = evaluate(evaluation(attendance=rows), SCHEME)
    assert "岗位不属社工、未计入：社工Q（保安员）、社工R（清洁工）" in render(result)
    assert result_to_dict(result)["staffing"]["excluded"] == ["社工Q（保安员）", "社工R（清洁工）"]
    (warning,) = [w for w in result.warnings if w.code == "excluded_position"]
    assert "社工Q（保安员）、社工R（清洁工）" in warning.message


def test_the_rule_is_a_frozen_typed_object() -> None:
    rule = SCHEME.staffing.excluded_positions
    assert isinstance(rule, ExcludedPositions)
    assert "保安" in rule.contains and "杂工" in rule.names
    with pytest.raises(AttributeError):
        rule.contains = ()  # type: ignore[misc]
    custom = replace(SCHEME.staffing, excluded_positions=ExcludedPositions(names=("保安",)))
    assert custom.excludes("保 安") and not custom.excludes("保安员")


def _scheme_with(excluded: object) -> Any:
    doc = parse_toml(SCHEME.source_text, "test.toml", SchemeError)
    doc["staffing"]["excluded_positions"] = excluded
    return parse_scheme(doc, "test", "test.toml")


@pytest.mark.parametrize(
    ("excluded", "where", "phrase"),
    [
        (["保安", "保洁"], "staffing.excluded_positions", "应为一个表：contains = [...]"),
        ({"contain": ["保安"]}, "staffing.excluded_positions.contain", "未知的设置项"),
        ({"contains": ["保安", "保 安"]}, "staffing.excluded_positions.contains", "「保 安」重复"),
        ({"contains": ["保安"], "names": ["保安"]}, "staffing.excluded_positions.names", "重复"),
        ({"names": [" "]}, "staffing.excluded_positions.names", "只有空格"),
        ({"contains": "保安"}, "staffing.excluded_positions.contains", "应为文字列表"),
    ],
)
def test_a_wrong_rule_is_refused_at_load(excluded: object, where: str, phrase: str) -> None:
    with pytest.raises(SchemeError) as caught:
        _scheme_with(excluded)
    assert where in str(caught.value) and phrase in str(caught.value)
