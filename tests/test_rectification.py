"""Rectification (整改): the scheme's deadline in working days, the summary of the previous
round's concerns at the fieldwork date, and the veto 「限期内整改不及时、不到位」 computed from
them when a scheme says so (docs/onsite-rectification.md). Figures worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import D, evaluation, info

from pinggu import (
    CalendarError,
    OnSite,
    RectificationItem,
    RectificationRules,
    RectificationStatus,
    SchemeError,
    WorkCalendar,
    evaluate,
    from_chinesecalendar,
    load_scheme,
    rectification_due,
    rectification_summary,
)
from pinggu._scheme import scheme_from_text

DONE, PARTIAL, NOT_DONE = (
    RectificationStatus.DONE,
    RectificationStatus.PARTIAL,
    RectificationStatus.NOT_DONE,
)
FIELDWORK = date(2024, 6, 7)  # factories.info()'s 评估日期


def item(number: int, status: RectificationStatus | None, due: date | None) -> RectificationItem:
    return RectificationItem(
        number=number,
        section="项目管理",
        zone=None,
        concern=f"意见{number}",
        raised_in="2024年度中期评估",
        raised_kind="midterm",
        due=due,
        status=status,
    )


# ------------------------------------------------------------------------------- due date


def test_the_due_date_skips_weekends_and_the_national_day_holiday() -> None:
    calendar = from_chinesecalendar([2023])
    # Issued Wed 2023-09-27. Working days after it: 28 Thu (1), then 29 Sep–6 Oct are the
    # 中秋·国庆 holiday, 7 Oct (Sat) and 8 Oct (Sun) are 调休 working days (2, 3), then
    # 9–13 Oct (4–8), 16–17 Oct (9, 10).
    rules = RectificationRules(due_working_days=10)
    assert rectification_due(date(2023, 9, 27), rules, calendar) == date(2023, 10, 17)


def test_the_issue_day_itself_is_not_counted() -> None:
    calendar = from_chinesecalendar([2024])
    # Issued Monday 2024-06-03: the 1st working day after it is Tuesday the 4th.
    assert rectification_due(date(2024, 6, 3), RectificationRules(1), calendar) == date(2024, 6, 4)


def test_it_never_guesses_a_year_the_calendar_does_not_know() -> None:
    calendar = WorkCalendar.from_days({2024: ([], [])})
    with pytest.raises(CalendarError, match="2025"):
        # 20 working days after 20 December 2024 run into 2025.
        rectification_due(date(2024, 12, 20), RectificationRules(20), calendar)


def test_the_shipped_schemes_set_an_example_deadline() -> None:
    rules = load_scheme("guangzhou-2023").rectification
    assert rules == RectificationRules(due_working_days=20, example=True)
    assert load_scheme("district-pilot").rectification == RectificationRules(15, example=True)


def test_a_scheme_without_the_table_sets_no_deadline() -> None:
    text = load_scheme("guangzhou-2023").source_text
    text = text[: text.index("[rectification]")]
    assert scheme_from_text(text, "x", "x.toml").rectification is None


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ("[rectification]\ndue_working_days = 0\n", "rectification.due_working_days"),
        ('[rectification]\ndue_working_days = "二十"\n', "rectification.due_working_days"),
        ("[rectification]\ndue_working_dayz = 20\n", "rectification.due_working_days"),
        ("[rectification]\ndue_working_days = 20\nveto = true\n", "rectification.veto"),
    ],
)
def test_a_bad_rectification_table_is_refused_with_its_place(table: str, where: str) -> None:
    text = load_scheme("guangzhou-2023").source_text
    text = text[: text.index("[rectification]")] + table
    with pytest.raises(SchemeError) as raised:
        scheme_from_text(text, "x", "x.toml")
    assert raised.value.key == where


# -------------------------------------------------------------------------------- summary


def test_the_summary_counts_each_mark_and_the_share_rectified() -> None:
    items = (
        item(1, DONE, date(2024, 1, 5)),
        item(2, DONE, date(2024, 1, 5)),
        item(3, DONE, None),
        item(4, PARTIAL, date(2024, 1, 5)),  # overdue: not rectified, 期限 before 6-07
        item(5, NOT_DONE, date(2024, 6, 28)),  # not overdue: 期限 after the fieldwork
        item(6, NOT_DONE, FIELDWORK),  # due on the day itself: not yet past
        item(7, None, date(2024, 1, 5)),  # unmarked and overdue
    )
    s = rectification_summary(items, FIELDWORK)
    assert s is not None
    assert (s.items.value, s.done.value, s.partial.value, s.not_done.value) == (7, 3, 1, 2)
    assert s.unmarked.value == 1
    assert s.overdue.value == 2  # items 4 and 7
    assert s.overdue_unrectified is None  # item 7 is unmarked: not known yet
    # 3 ÷ 7 × 100 = 42.857… → 42.86
    assert s.share_rectified.value == D("42.86")
    assert s.share_rectified.explain() == (
        "42.86% = 已整改条数 ÷ 意见条数 × 100%（已整改条数 = 3，意见条数 = 7）"
    )
    assert s.count(None) is s.unmarked and s.count(PARTIAL) is s.partial
    assert s.raised_in == ("2024年度中期评估",)


def test_nothing_to_summarise_without_items() -> None:
    assert rectification_summary((), FIELDWORK) is None


# ---------------------------------------------------------------------------------- veto


def _with_items(*items: RectificationItem) -> object:
    return replace(evaluation(), onsite=OnSite(rectification=items))


PILOT = load_scheme("district-pilot")


def test_an_overdue_unrectified_item_vetoes_where_the_scheme_computes_it() -> None:
    result = evaluate(
        _with_items(item(1, DONE, date(2024, 1, 5)), item(2, NOT_DONE, date(2024, 5, 31))),  # type: ignore[arg-type]
        PILOT,
    )
    veto = next(v for v in result.vetoes if v.rule_id == "rectification")
    assert veto.computed and veto.figure is not None and veto.figure.value == 1
    assert "整改期限已过仍未整改的上一轮意见条数为 1 条，达到或超过末期评估的否决线 1 条" in (
        veto.detail
    )
    assert result.grade is not None and result.grade.name == "不合格"


@pytest.mark.parametrize(
    "late",
    [
        item(2, NOT_DONE, date(2024, 6, 28)),  # 未整改 but its 期限 is after the fieldwork
        item(2, PARTIAL, date(2024, 1, 5)),  # overdue but partly rectified: not 未整改
        item(2, NOT_DONE, None),  # no 期限 was set: nothing to be late for
    ],
)
def test_an_item_not_yet_due_or_partly_done_does_not_veto(late: RectificationItem) -> None:
    result = evaluate(_with_items(item(1, DONE, date(2024, 1, 5)), late), PILOT)  # type: ignore[arg-type]
    assert "rectification" not in {v.rule_id for v in result.vetoes}


def test_unmarked_items_leave_the_computed_veto_undecided_with_a_warning() -> None:
    result = evaluate(_with_items(item(1, None, date(2024, 1, 5))), PILOT)  # type: ignore[arg-type]
    assert "rectification" not in {v.rule_id for v in result.vetoes}
    assert any("限期内整改不及时、不到位" in w.message for w in result.warnings)


def test_the_declared_veto_of_guangzhou_2023_ignores_the_items() -> None:
    overdue = _with_items(item(1, NOT_DONE, date(2024, 1, 5)))
    result = evaluate(overdue, load_scheme("guangzhou-2023"))  # type: ignore[arg-type]
    assert result.vetoes == ()
    assert result.onsite is not None and result.onsite.rectification is not None
    assert result.onsite.rectification.overdue_unrectified is not None
    assert result.onsite.rectification.overdue_unrectified.value == 1


def test_an_evaluation_without_onsite_records_has_no_onsite_result() -> None:
    assert evaluate(evaluation(station=info()), load_scheme()).onsite is None


def test_evaluate_json_carries_the_onsite_block_with_its_figures() -> None:
    from pinggu import result_to_dict

    doc = result_to_dict(
        evaluate(_with_items(item(1, DONE, None), item(2, NOT_DONE, date(2024, 1, 5))), PILOT)  # type: ignore[arg-type]
    )
    rect = doc["onsite"]["rectification"]
    assert (rect["items"], rect["done"], rect["overdue_unrectified"]) == (2, 1, 1)
    assert rect["share_rectified"] == 50
    (share,) = [f for f in doc["figures"] if f["name"] == "onsite.rectification.share_rectified"]
    assert (
        share["explain"] == "50.00% = 已整改条数 ÷ 意见条数 × 100%（已整改条数 = 1，意见条数 = 2）"
    )
    assert "rectification" in {v["rule_id"] for v in doc["vetoes"]}
