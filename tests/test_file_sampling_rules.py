"""A scheme's [file_sampling] (docs/onsite.md「抽查方案」): the shipped example, every key
documented, and faults refused naming the key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from toml_keys import toml_keys

from pinggu import FileType, SchemeError, load_scheme
from pinggu._scheme import parse_scheme

ROOT = Path(__file__).parent.parent
GUANGZHOU = ROOT / "pinggu" / "schemes" / "guangzhou-2023.toml"


def _doc() -> dict[str, Any]:
    return tomllib.loads(GUANGZHOU.read_text(encoding="utf-8"))


def test_the_shipped_example_has_the_issues_checklists() -> None:
    sampling = load_scheme("guangzhou-2023").file_sampling
    assert sampling is not None and sampling.example and sampling.reserve == 2
    names = {c.type: [i.name for i in c.items] for c in sampling.checklists}
    assert names[FileType.CASE] == [
        "知情同意书签名",
        "需求评估",
        "服务计划",
        "过程记录",
        "督导意见及回应",
        "督导目标",
        "结案评估",
    ]
    assert {"计划书", "签到表", "每节记录", "评估"} <= set(names[FileType.GROUP])
    assert names[FileType.EVENT] == ["策划", "签到", "总结"]
    goal = sampling.checklists[0].items[5]
    assert (goal.concern, goal.section) == ("督导记录中缺少每次的督导目标", "项目管理")
    case = sampling.rule(FileType.CASE)
    assert case is not None
    assert (case.share, case.minimum, case.maximum) == (Decimal("0.2"), 2, 5)
    assert (case.indicators, case.measure) == (("专业个案",), "接案数")


def test_the_pilot_scheme_checks_no_files() -> None:
    assert load_scheme("district-pilot").file_sampling is None


def test_every_file_sampling_key_is_documented_in_the_onsite_doc() -> None:
    text = (ROOT / "docs" / "onsite.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", text, re.M))
    keys = {k for k in toml_keys(_doc()) if k.startswith("file_sampling")}
    assert keys and not keys - documented, sorted(keys - documented)


Mutation = Callable[[dict[str, Any]], object]


def _case(d: dict[str, Any]) -> dict[str, Any]:
    case: dict[str, Any] = d["file_sampling"]["types"][0]
    return case


@pytest.mark.parametrize(
    ("mutate", "key", "phrase"),
    [
        (lambda d: _case(d).__setitem__("type", "档案"), "file_sampling.types[0].type", "个案"),
        (lambda d: _case(d).__setitem__("share", 1.5), "file_sampling.types[0].share", "不大于 1"),
        (lambda d: _case(d).__setitem__("maximum", 1), "file_sampling.types[0].maximum", "minimum"),
        (
            lambda d: d["file_sampling"]["types"][1].__setitem__("type", "个案"),
            "file_sampling.types[1].type",
            "出现了两次",
        ),
        (
            lambda d: _case(d).__setitem__("indicators", ["个案辅导"]),
            "file_sampling.types[0].indicators",
            "不在指标目录中",
        ),
        (
            lambda d: _case(d).__setitem__("measure", "人次"),
            "file_sampling.types[0].measure",
            "接案数",
        ),
        (
            lambda d: _case(d)["items"][0].__setitem__("section", "财务"),
            "file_sampling.types[0].items[0].section",
            "意见部分",
        ),
        (
            lambda d: _case(d)["items"].append(dict(_case(d)["items"][0])),
            "file_sampling.types[0].items",
            "出现了两次",
        ),
        (lambda d: d["file_sampling"].__setitem__("reserv", 2), "file_sampling.reserv", "未知"),
    ],
)
def test_a_faulty_plan_is_refused_naming_the_key(mutate: Mutation, key: str, phrase: str) -> None:
    doc = _doc()
    mutate(doc)
    with pytest.raises(SchemeError) as caught:
        parse_scheme(doc, "broken", "broken.toml")
    assert caught.value.key == key
    assert phrase in caught.value.message
