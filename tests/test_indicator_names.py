"""Indicator names: an alias is the catalogue's indicator, an unknown name is warned about, and
nothing with a target is left out of the report's completion sentence (issue 11, finding 4)."""

from __future__ import annotations

from typing import Any

import pytest
from factories import D, evaluation

import pinggu._scheme as scheme_module
from pinggu import evaluate, load_scheme
from pinggu._errors import SchemeError
from pinggu._model import IndicatorRow
from pinggu._report.content import build_content

SCHEME = load_scheme()


def _rows(name: str) -> list[IndicatorRow]:
    return [
        IndicatorRow(zone, name, "次数", D(4), D(5))
        for zone in ("第一片区", "第二片区", "第三片区")
    ]


def test_an_alias_is_filed_under_the_catalogue_name_and_group() -> None:
    result = evaluate(evaluation(indicators=_rows("社区活动")), SCHEME)
    names = {(r.indicator, r.group) for r in result.indicators}
    assert names == {("社区活动（大型）", "社区活动")}
    assert not [w for w in result.warnings if w.code == "unknown_indicator"]
    (sentence,) = build_content(result).progress
    assert "社区活动（大型）15次，完成协议指标量的125.00%" in str(sentence)


def test_a_name_outside_the_catalogue_is_warned_about_and_still_reported() -> None:
    result = evaluate(evaluation(indicators=_rows("邻里节活动")), SCHEME)
    (warning,) = [w for w in result.warnings if w.code == "unknown_indicator"]
    assert "「邻里节活动」不在指标目录中，归入「其他」" in warning.message
    (sentence,) = build_content(result).progress
    assert "邻里节活动15次，完成协议指标量的125.00%" in str(sentence)


def test_every_indicator_with_a_target_is_in_the_progress_sentence() -> None:
    rows = [
        IndicatorRow("全站", "社区基金培育", "个", D(10), D(9)),
        IndicatorRow("全站", "品牌创建工作", "个", D(1), D(1)),
        IndicatorRow("全站", "会议时数", "小时", None, D(30)),
    ]
    result = evaluate(evaluation(indicators=rows), SCHEME)
    (sentence,) = build_content(result).progress
    assert "社区基金培育9个，完成协议指标量的90.00%" in str(sentence)
    assert "品牌创建工作1个" in str(sentence)
    assert "会议时数" not in str(sentence)  # no target: in 附件1 only


def test_a_name_used_twice_in_the_catalogue_is_refused_at_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = scheme_module._read_toml

    def catalogue(filename: str) -> dict[str, Any]:
        if filename != "indicator-catalogue.toml":
            return real(filename)
        return {
            "groups": [
                {
                    "name": "社区活动",
                    "indicators": [
                        {"name": "社区活动（大型）", "measures": ["次数"], "aliases": ["社区活动"]},
                        {"name": "中小型活动", "measures": ["次数"], "aliases": ["社区 活动"]},
                    ],
                }
            ]
        }

    monkeypatch.setattr(scheme_module, "_read_toml", catalogue)
    scheme_module._shipped_scheme.cache_clear()
    try:
        with pytest.raises(
            SchemeError, match="指标名称「社区 活动」重复：已是指标「社区活动（大型）」"
        ):
            scheme_module.load_scheme("guangzhou-2023")
    finally:
        scheme_module._shipped_scheme.cache_clear()
