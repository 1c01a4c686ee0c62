"""The on-site day as the engine's input (engine.py `_onsite_of`): read from the round's records
only, so the engine can import this without an import circle. Each part is None when the round
has no records of it (the workbook's sheet, if any, then stands)."""

from __future__ import annotations

from pinggu import AgendaItem, Interview, Interviewee, OnSiteActivity

from ..models import AgendaEntry, InterviewEntry, OnSiteAttendance, Round


def agenda(round_: Round) -> tuple[AgendaItem, ...] | None:
    entries = list(AgendaEntry.objects.filter(round=round_))
    if not entries:
        return None
    return tuple(AgendaItem(OnSiteActivity(e.activity), e.start, e.end, e.note) for e in entries)


def experts_present(round_: Round) -> tuple[str, ...] | None:
    day = OnSiteAttendance.objects.filter(round=round_).first()
    if day is None or not day.experts_present:
        return None
    return tuple(str(name) for name in day.experts_present)


def interviews(round_: Round) -> tuple[Interview, ...] | None:
    entries = list(InterviewEntry.objects.filter(round=round_).select_related("finding"))
    if not entries:
        return None
    return tuple(
        Interview(
            kind=Interviewee(e.kind),
            who=e.who,
            people=e.people,
            at=e.at,
            summary=e.summary,
            finding=e.finding.text if e.finding else "",
        )
        for e in entries
    )
