"""The evaluation round's deadlines are data: the steps load in order with their working-day
rules, due dates are counted on the State Council calendar (adjusted weekends worked, holidays
off), a count into an unpublished year is refused, faults in the file are refused with their
place, and every step and setting is documented.

The holiday arrangements behind the golden dates are listed in tests/test_workdays.py.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from toml_keys import toml_keys

from pinggu import CalendarError, WorkflowError, from_chinesecalendar, load_workflow
from pinggu._workflow import Deadline, parse_workflow

DOCS = Path(__file__).parent.parent / "docs" / "workflow.md"
FILE = Path(__file__).parent.parent / "pinggu" / "workflow.toml"
CAL = from_chinesecalendar(range(2024, 2027))
WORKFLOW = load_workflow()


def test_the_round_lists_its_steps_in_order_with_their_rules() -> None:
    assert [(s.id, s.name) for s in WORKFLOW.steps] == [
        ("plan", "计划"),
        ("self_assessment", "自评"),
        ("fieldwork", "实地评估"),
        ("preliminary_feedback", "初评反馈"),
        ("report_issued", "报告出具"),
        ("district_confirmation", "区民政局确认"),
        ("publication", "公示"),
        ("review", "复核"),
        ("final", "定稿"),
    ]
    rules = {s.id: s.deadline for s in WORKFLOW.steps if s.deadline}
    assert rules == {
        "preliminary_feedback": Deadline("fieldwork", 5, "within"),
        "report_issued": Deadline("fieldwork", 10, "within"),
        "district_confirmation": Deadline("report_issued", 5, "within"),
        "publication": Deadline("district_confirmation", 7, "at_least"),
    }
    assert [s.id for s in WORKFLOW.steps if s.optional] == ["review"]


def test_feedback_and_report_across_spring_festival_2025() -> None:
    # Fieldwork ends Fri 01-24. Working days after it: Sun 01-26 (adjusted) 1, Mon 01-27 2,
    # 01-28..02-04 off, Wed 02-05 3, 02-06 4, Fri 02-07 5; Sat 02-08 (adjusted) 6, Sun 02-09 off,
    # 02-10 7, 02-11 8, 02-12 9, Thu 02-13 10.
    done = {"fieldwork": date(2025, 1, 24)}
    assert WORKFLOW.due("preliminary_feedback", done, CAL) == date(2025, 2, 7)
    assert WORKFLOW.due("report_issued", done, CAL) == date(2025, 2, 13)


def test_a_whole_round_across_national_day_2024() -> None:
    # Fieldwork ends Fri 09-27. After it: Sat 09-28 off, Sun 09-29 (adjusted) 1, Mon 09-30 2,
    # 10-01..10-07 off, 10-08 3, 10-09 4, Thu 10-10 5; Fri 10-11 6, Sat 10-12 (adjusted) 7,
    # Sun 10-13 off, 10-14 8, 10-15 9, Wed 10-16 10.
    done = {"fieldwork": date(2024, 9, 27)}
    assert WORKFLOW.due("preliminary_feedback", done, CAL) == date(2024, 10, 10)
    assert WORKFLOW.due("report_issued", done, CAL) == date(2024, 10, 16)
    # Report issued Wed 10-16 → confirmation within 5: 10-17, 10-18, 10-21, 10-22, Wed 10-23.
    done["report_issued"] = date(2024, 10, 16)
    assert WORKFLOW.due("district_confirmation", done, CAL) == date(2024, 10, 23)
    # Confirmed Wed 10-23 → notice at least 7: 10-24, 10-25, 10-28, 10-29, 10-30, 10-31, Fri 11-01.
    done["district_confirmation"] = date(2024, 10, 23)
    assert WORKFLOW.due("publication", done, CAL) == date(2024, 11, 1)


def test_a_within_deadline_is_the_last_day_allowed() -> None:
    rule = WORKFLOW.step("preliminary_feedback").deadline
    assert rule is not None
    due = date(2025, 2, 7)
    assert rule.allows(date(2025, 2, 7), due) and rule.allows(date(2025, 1, 27), due)
    assert not rule.allows(date(2025, 2, 8), due)  # the adjusted Saturday is one working day late


def test_public_notice_lasts_at_least_seven_working_days() -> None:
    # Confirmed Thu 2026-02-12: Fri 02-13 1, Sat 02-14 (adjusted) 2, 02-15..02-23 off (春节),
    # 02-24 3, 02-25 4, 02-26 5, Fri 02-27 6, Sat 02-28 (adjusted) 7.
    done = {"district_confirmation": date(2026, 2, 12)}
    due = WORKFLOW.due("publication", done, CAL)
    assert due == date(2026, 2, 28)
    rule = WORKFLOW.step("publication").deadline
    assert rule is not None and rule.kind == "at_least"
    assert not rule.allows(date(2026, 2, 27), due)  # six working days: too short
    assert rule.allows(date(2026, 2, 28), due) and rule.allows(date(2026, 3, 2), due)
    assert CAL.workdays_between(date(2026, 2, 12), date(2026, 2, 27)) == 6


def test_a_deadline_running_into_2027_is_refused_naming_2027() -> None:
    # Fieldwork ends Thu 2026-12-24: 12-25 1, 12-28 2, 12-29 3, 12-30 4, Thu 12-31 5 — still 2026.
    done = {"fieldwork": date(2026, 12, 24)}
    assert WORKFLOW.due("preliminary_feedback", done, CAL) == date(2026, 12, 31)
    # Ten working days reach 2027, whose arrangements are not published: refused, not guessed.
    with pytest.raises(CalendarError) as caught:
        WORKFLOW.due("report_issued", done, CAL)
    assert caught.value.year == 2027
    assert "2027 年" in str(caught.value) and "请管理员添加 2027 年的工作日历" in str(caught.value)


def test_no_due_date_without_a_rule_or_before_its_start() -> None:
    assert WORKFLOW.due("plan", {}, CAL) is None
    assert WORKFLOW.due("final", {"publication": date(2025, 3, 3)}, CAL) is None
    assert WORKFLOW.due("report_issued", {"plan": date(2025, 1, 2)}, CAL) is None


def test_an_unknown_step_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"没有步骤「report」.*report_issued"):
        WORKFLOW.due("report", {}, CAL)
    with pytest.raises(ValueError, match="没有步骤「field_work」"):
        WORKFLOW.due("report_issued", {"field_work": date(2025, 1, 24)}, CAL)


def _doc() -> dict[str, Any]:
    return tomllib.loads(FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "key", "phrase"),
    [
        (lambda d: d.pop("workflow"), "workflow", "缺少此项"),
        (lambda d: d["steps"][0].pop("name"), "steps[0].name", "缺少此项"),
        (lambda d: d["steps"][2].__setitem__("id", "plan"), "steps[2].id", "出现了两次"),
        (lambda d: d["steps"][2].__setitem__("id", "Field-Work"), "steps[2].id", "小写英文字母"),
        (lambda d: d["steps"][4].__setitem__("name", "初评反馈"), "steps[4].name", "出现了两次"),
        (
            lambda d: d["steps"][3]["deadline"].__setitem__("after", "report_issued"),
            "steps[3].deadline.after",
            "排在此步骤之前",
        ),
        (
            lambda d: d["steps"][3]["deadline"].__setitem__("kind", "max"),
            "steps[3].deadline.kind",
            "within、at_least",
        ),
        (
            lambda d: d["steps"][3]["deadline"].__setitem__("working_days", 0),
            "steps[3].deadline.working_days",
            "不小于 1",
        ),
        (
            lambda d: d["steps"][4]["deadline"].__setitem__("working_dayz", 10),
            "steps[4].deadline.working_dayz",
            "未知的设置项",
        ),
        (
            lambda d: d["steps"][7].__setitem__("optional", "是"),
            "steps[7].optional",
            "true 或 false",
        ),
        (
            lambda d: d["steps"][8].__setitem__(
                "deadline", {"after": "review", "working_days": 5, "kind": "within"}
            ),
            "steps[8].deadline.after",
            "可选步骤",
        ),
        (lambda d: d.__setitem__("steps", []), "steps", "至少一项"),
        (
            lambda d: d["steps"][2].__setitem__("requires", ["data_acepted"]),
            "steps[2].requires",
            "没有前提条件「data_acepted」",
        ),
        (
            lambda d: d["steps"][4]["requires"].append("minimum_period"),
            "steps[4].requires",
            "at_least",
        ),
        (
            lambda d: d["preconditions"][1].__setitem__("id", "data_accepted"),
            "preconditions[1].id",
            "出现了两次",
        ),
    ],
)
def test_a_faulty_workflow_is_refused_naming_file_and_key(mutate, key: str, phrase: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    mutate(doc)
    with pytest.raises(WorkflowError) as caught:
        parse_workflow(doc, "broken.toml")
    assert caught.value.source == "broken.toml"
    assert caught.value.key == key
    assert phrase in caught.value.message
    assert str(caught.value).startswith("评估流程文件 broken.toml：")


def _documented(section: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8").split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_.\[\]]+)` \|", text, re.M)


def test_every_step_is_documented_in_order() -> None:
    assert _documented("步骤") == [s.id for s in WORKFLOW.steps]


def test_steps_carry_their_preconditions_as_typed_objects() -> None:
    requires = {s.id: [p.id for p in s.requires] for s in WORKFLOW.steps}
    assert requires["fieldwork"] == ["data_accepted"]
    assert {"scores_complete", "findings_in", "report_audited"} <= set(requires["report_issued"])
    assert requires["publication"] == ["minimum_period"]
    assert {"publication_done", "no_open_objection"} <= set(requires["final"])
    assert all(p.description for s in WORKFLOW.steps for p in s.requires)


def test_every_precondition_is_documented() -> None:
    assert _documented("前提条件") == [p.id for p in WORKFLOW.preconditions]


def test_every_setting_is_documented() -> None:
    undocumented = toml_keys(_doc()) - set(_documented("设置项"))
    assert not undocumented, f"docs/workflow.md lacks: {sorted(undocumented)}"
