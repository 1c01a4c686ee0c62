"""The follow-up schedule is scheme data (docs/schemes.md, docs/contacts.md): guangzhou-2023 ships
the documented example, a scheme may leave it out, and a fault is refused naming its key."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pinggu._contacts.model import Holiday, Measure, Method, Per, Requirement
from pinggu._errors import SchemeError
from pinggu._scheme import load_scheme, parse_scheme

SCHEMES = Path(__file__).parent.parent / "pinggu" / "schemes"


def _doc() -> dict[str, Any]:
    return tomllib.loads((SCHEMES / "guangzhou-2023.toml").read_text(encoding="utf-8"))


def test_guangzhou_2023_ships_the_example_schedule_of_the_issue() -> None:
    schedule = load_scheme("guangzhou-2023").contacts
    assert schedule is not None and schedule.example
    c, v = Measure.CONTACT, Measure.VISIT
    assert [(g.grade, g.requirements) for g in schedule.grades] == [
        (1, (Requirement(c, Per.WEEK, 1), Requirement(v, Per.MONTH, 1))),
        (2, (Requirement(c, Per.MONTH, 2), Requirement(v, Per.QUARTER, 1))),
        (3, (Requirement(c, Per.MONTH, 1),)),
        (4, (Requirement(c, Per.QUARTER, 1),)),
    ]
    assert Method.MESSAGE not in schedule.counted and schedule.visits == (Method.VISIT,)
    assert Holiday("春节", 14, 7) in schedule.holidays


def test_a_scheme_without_a_contacts_table_judges_no_follow_up() -> None:
    doc = _doc()
    del doc["contacts"]
    assert parse_scheme(doc, "x", "x.toml").contacts is None
    assert load_scheme("district-pilot").contacts is None


def _grade(doc: dict[str, Any], i: int) -> dict[str, Any]:
    grade: dict[str, Any] = doc["contacts"]["grades"][i]
    return grade


CASES: list[tuple[Callable[[dict[str, Any]], object], str, str]] = [
    (lambda d: d["contacts"]["counted"].append("短信"), "contacts.counted", "电访"),
    (lambda d: d["contacts"]["grades"].pop(), "contacts.grades", "1、2、3、4 级各一项"),
    (lambda d: _grade(d, 3).__setitem__("grade", 1), "contacts.grades", "各一项"),
    (lambda d: _grade(d, 0).__setitem__("grade", 5), "contacts.grades[0].grade", "1 至 4"),
    (
        lambda d: _grade(d, 0)["requirements"][0].__setitem__("per", "day"),
        "contacts.grades[0].requirements[0].per",
        "week、month、quarter",
    ),
    (
        lambda d: _grade(d, 0)["requirements"][0].__setitem__("at_least", 0),
        "contacts.grades[0].requirements[0].at_least",
        "不小于 1",
    ),
    (
        lambda d: _grade(d, 2)["requirements"].append(
            {"measure": "contact", "per": "month", "at_least": 3}
        ),
        "contacts.grades[2].requirements",
        "出现两次",
    ),
    (
        lambda d: d["contacts"]["holidays"][0].__setitem__("name", "圣诞节"),
        "contacts.holidays[0].name",
        "春节",
    ),
    (lambda d: d["contacts"].__setitem__("min_minute", 3), "contacts.min_minute", "未知的设置项"),
    (lambda d: d["contacts"].pop("max_per_worker_day"), "contacts.max_per_worker_day", "缺少"),
]


@pytest.mark.parametrize(("mutate", "key", "phrase"), CASES)
def test_a_faulty_schedule_is_refused_naming_its_key(
    mutate: Callable[[dict[str, Any]], object], key: str, phrase: str
) -> None:
    doc = _doc()
    mutate(doc)
    with pytest.raises(SchemeError) as caught:
        parse_scheme(doc, "broken", "broken.toml")
    assert (caught.value.key, caught.value.source) == (key, "broken.toml")
    assert phrase in caught.value.message
