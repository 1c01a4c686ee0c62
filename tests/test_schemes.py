"""Schemes are data: both shipped schemes load, faults are refused with their place, and
every setting, metric and warning code is documented."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from toml_keys import toml_keys

from pinggu._errors import SchemeError
from pinggu._model import CLOSING
from pinggu._scheme import METRICS, available_schemes, load_scheme, parse_scheme
from pinggu._survey import DEFAULT_ITEMS, SurveySettings
from pinggu._warnings import CODES

DOCS = Path(__file__).parent.parent / "docs"
SCHEMES = Path(__file__).parent.parent / "pinggu" / "schemes"


def _doc(name: str) -> dict[str, Any]:
    return tomllib.loads((SCHEMES / f"{name}.toml").read_text(encoding="utf-8"))


def test_both_shipped_schemes_load() -> None:
    assert available_schemes() == ["district-pilot", "guangzhou-2023"]
    gz = load_scheme("guangzhou-2023")
    assert [(p.name, p.max_points) for p in gz.parties] == [
        ("第三方评估机构", 55),
        ("购买方", 20),
        ("督导中心", 15),
        ("监督方", 10),
    ]
    pilot = load_scheme("district-pilot")
    assert pilot.parties[0].max_points == 60 and pilot.combine == "median"
    assert pilot.parties[1].dimensions[0].scale == 100


@pytest.mark.parametrize("name", ["guangzhou-2023", "district-pilot"])
def test_every_setting_is_documented(name: str) -> None:
    text = "".join((DOCS / doc).read_text() for doc in ("schemes.md", "onsite.md"))
    documented = set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", text, re.M))
    undocumented = toml_keys(_doc(name)) - documented
    assert not undocumented, f"docs/schemes.md lacks: {sorted(undocumented)}"


def test_every_metric_and_warning_code_is_documented() -> None:
    schemes_md = (DOCS / "schemes.md").read_text()
    warnings_md = (DOCS / "warnings.md").read_text()
    assert [m for m in METRICS if f"| `{m}` |" not in schemes_md] == []
    assert [c for c in CODES if f"| `{c}` |" not in warnings_md] == []


@pytest.mark.parametrize(
    ("mutate", "key", "phrase"),
    [
        (
            lambda d: d["parties"][0]["dimensions"][1].__setitem__("max_points", "十五"),
            "parties[0].dimensions[1].max_points",
            "应为数字",
        ),
        (
            lambda d: d["parties"][0]["dimensions"][1].__setitem__("max_points", 16),
            "parties[0].dimensions",
            "不一致",
        ),
        (
            lambda d: d["combine"].__setitem__("method", "mode"),
            "combine.method",
            "mean、median、trimmed_mean",
        ),
        (
            lambda d: d["staffing"].__setitem__("half_month_dayz", 15),
            "staffing.half_month_dayz",
            "未知的设置项",
        ),
        (
            lambda d: d["vetoes"][1].__setitem__("metric", "headcount"),
            "vetoes[1].metric",
            "shortfall",
        ),
        (lambda d: d["vetoes"][1].pop("final"), "vetoes[1].final", "缺少此项"),
        (lambda d: d["grades"][3].__setitem__("min", 10), "grades", "最低等级"),
        (lambda d: d["scheme"].__setitem__("total_points", 90), "parties", "不一致"),
    ],
)
def test_a_faulty_scheme_is_refused_naming_file_and_key(mutate, key: str, phrase: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc("guangzhou-2023")
    mutate(doc)
    with pytest.raises(SchemeError) as caught:
        parse_scheme(doc, "broken", "broken.toml")
    assert caught.value.source == "broken.toml"
    assert caught.value.key == key
    assert phrase in caught.value.message
    assert str(caught.value).startswith("评估方案文件 broken.toml：")


def test_an_unknown_scheme_name_lists_the_available_ones() -> None:
    with pytest.raises(SchemeError, match="可用：district-pilot、guangzhou-2023"):
        load_scheme("tianhe-2099")


def test_a_scheme_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text((SCHEMES / "guangzhou-2023.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_scheme(str(path)).id == "mine"
    path.write_text("[scheme\nname=1", encoding="utf-8")
    with pytest.raises(SchemeError, match="TOML 格式错误"):
        load_scheme(str(path))


@pytest.mark.parametrize("name", ["guangzhou-2023", "district-pilot"])
def test_closing_suggestions_are_a_section_after_the_parties(name: str) -> None:
    sections = load_scheme(name).sections
    assert [s.name for s in sections[-2:]] == ["监督方", CLOSING]
    assert not sections[-1].per_zone


def test_survey_settings_of_the_shipped_schemes() -> None:
    gz, pilot = load_scheme("guangzhou-2023").survey, load_scheme("district-pilot").survey
    assert gz == SurveySettings()  # the shipped values are the defaults
    assert gz.items == ("问题解决", "能力提升", "支持网络", "服务态度", "总体满意")
    assert (gz.scale, gz.formula, gz.satisfied_min, gz.sample_size, gz.attempts) == (
        5,
        "mean",
        4,
        100,
        3,
    )
    assert gz.confidence == Decimal("0.95") and gz.z == Decimal("1.96")
    assert pilot.formula == "share"


def test_a_scheme_without_a_survey_table_gets_the_defaults() -> None:
    doc = _doc("guangzhou-2023")
    del doc["survey"]
    assert parse_scheme(doc, "old", "old.toml").survey == SurveySettings()
    doc = _doc("guangzhou-2023")
    doc["survey"] = {"formula": "share", "confidence": 0.9}
    settings = parse_scheme(doc, "partial", "partial.toml").survey
    assert (settings.formula, settings.z, settings.items) == (
        "share",
        Decimal("1.645"),
        DEFAULT_ITEMS,
    )


@pytest.mark.parametrize(
    ("key", "value", "phrase"),
    [
        ("formula", "median", "mean、share"),
        ("scale", 1, "不小于 2 的整数"),
        ("satisfied_min", 6, "不能大于评分等级 scale 5"),
        ("satisfied_min", 0, "不能小于 1"),
        ("confidence", 0.8, "0.90、0.95、0.99 之一"),
        ("items", [], "至少一项"),
        ("items", ["满意", "满意"], "互不重复"),
        ("sample_size", 0, "不小于 1 的整数"),
        ("attempts", 1.5, "整数"),
        ("calls", 3, "未知的设置项"),
    ],
)
def test_a_faulty_survey_setting_is_refused_naming_it(key: str, value: object, phrase: str) -> None:
    doc = _doc("guangzhou-2023")
    doc["survey"][key] = value
    with pytest.raises(SchemeError) as caught:
        parse_scheme(doc, "broken", "broken.toml")
    assert caught.value.key == f"survey.{key}"
    assert phrase in caught.value.message, caught.value.message
