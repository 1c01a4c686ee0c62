"""The performance-2020 scheme is data: it loads apart from the evaluation schemes, faults are
refused with their place, and every setting and problem code is documented in docs/performance.md."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from toml_keys import toml_keys

from pinggu import SchemeError, available_schemes, load_performance_scheme
from pinggu._performance.scheme import parse_performance_scheme
from pinggu._performance.scoring import CODES

ROOT = Path(__file__).parent.parent
DOC = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
FILE = ROOT / "pinggu" / "schemes" / "performance" / "performance-2020.toml"


def _doc() -> dict[str, Any]:
    return tomllib.loads(FILE.read_text(encoding="utf-8"))


def test_it_loads_as_a_scheme_family_of_its_own() -> None:
    scheme = load_performance_scheme()
    assert scheme.id == "performance-2020"
    assert (scheme.budget_points, [(w.level.value, w.points) for w in scheme.levels]) == (
        10,
        [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)],
    )
    assert [(g.name, g.min) for g in scheme.grades] == [
        ("优", 90),
        ("良", 80),
        ("中", 60),
        ("差", 0),
    ]
    assert "performance-2020" not in available_schemes()
    with pytest.raises(SchemeError, match="没有名为「guangzhou-2023」的绩效评价方案"):
        load_performance_scheme("guangzhou-2023")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", DOC, re.M))
    undocumented = toml_keys(_doc()) - documented
    assert not undocumented, f"docs/performance.md lacks: {sorted(undocumented)}"


def test_every_problem_code_is_documented() -> None:
    assert [c for c in CODES if f"| `{c}` |" not in DOC] == []


def _refused(change: Any) -> SchemeError:
    doc = _doc()
    change(doc)
    with pytest.raises(SchemeError) as caught:
        parse_performance_scheme(doc, "test", "test.toml")
    return caught.value


def test_it_refuses_weights_that_do_not_add_up_to_100() -> None:
    error = _refused(lambda d: d["levels"][0].update(points=45))
    assert error.key == "levels" and "分值之和应为 100，实为 95" in error.message


def test_it_refuses_a_level_missing_or_unknown_and_an_unknown_key() -> None:
    assert _refused(lambda d: d["levels"].pop()).key == "levels"
    assert _refused(lambda d: d["levels"][0].update(name="投入指标")).key == "levels[0].name"
    error = _refused(lambda d: d["scoring"].update(equals="exact"))
    assert error.key == "scoring.equals" and "docs/performance.md" in error.message


def test_the_equal_rule_is_a_setting() -> None:
    assert _refused(lambda d: d["scoring"].update(equal="close")).key == "scoring.equal"
