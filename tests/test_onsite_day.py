"""The on-site day as the report's method paragraph tells it: files checked per type (distinct
files with a mark), interviews and people per 对象类型, the experts and the agenda."""

from __future__ import annotations

from datetime import time

from pinggu import (
    AgendaItem,
    CheckMark,
    FileType,
    Interview,
    Interviewee,
    OnSite,
    OnSiteActivity,
    Verdict,
)
from pinggu._onsite.results import onsite_day


def _mark(kind: FileType, file_id: str, item: str) -> CheckMark:
    return CheckMark(kind, file_id, item, Verdict.MET)


def test_files_checked_counts_each_file_once_whatever_its_marks() -> None:
    marks = (
        _mark(FileType.CASE, "GA-001", "知情同意书签名"),
        _mark(FileType.CASE, "GA-001", "需求评估"),
        _mark(FileType.CASE, "GA-002", "知情同意书签名"),
        _mark(FileType.EVENT, "HD-9", "策划"),
    )
    day = onsite_day(OnSite(checks=marks))
    assert [(f.type, f.files.value) for f in day.files_checked] == [
        (FileType.CASE, 2),
        (FileType.EVENT, 1),
    ]
    assert day.files_checked[0].files.unit == "份"


def test_interviews_are_counted_per_kind_with_the_people_they_reached() -> None:
    interviews = (
        Interview(Interviewee.CLIENT, "服务对象", 3, time(10, 30)),
        Interview(Interviewee.STAFF, "站长", 1),
        Interview(Interviewee.CLIENT, "长者服务对象", 2),
    )
    day = onsite_day(OnSite(interviews=interviews))
    # Kinds in the order of Interviewee: 社工 before 服务对象.
    assert [(c.kind, c.interviews.value, c.people.value) for c in day.interviews] == [
        (Interviewee.STAFF, 1, 1),
        (Interviewee.CLIENT, 2, 5),
    ]


def test_a_day_with_nothing_recorded_says_so() -> None:
    assert not onsite_day(OnSite()).recorded
    agenda = (AgendaItem(OnSiteActivity.BRIEFING, time(9), time(9, 30)),)
    day = onsite_day(OnSite(agenda=agenda, experts_present=("李专家",)))
    assert day.recorded and day.experts == ("李专家",) and day.agenda == agenda
