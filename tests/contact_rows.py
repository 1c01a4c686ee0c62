"""Building `ContactData` by hand for the follow-up rule tests (the readers are tested apart)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pinggu._contacts.compliance import follow_up
from pinggu._contacts.model import (
    ClientPeriod,
    ContactClient,
    ContactData,
    ContactRecord,
    ContactSchedule,
    FollowUpResult,
    GradeChange,
    Method,
)
from pinggu._scheme import load_scheme

__all__ = ["EXAMPLE", "client", "data", "judge", "record", "rows_of"]


def _example() -> ContactSchedule:
    schedule = load_scheme("guangzhou-2023").contacts
    assert schedule is not None
    return schedule


# The example schedule of guangzhou-2023: 一级 每周≥1次联系且每月≥1次入户；二级 每月≥2次联系且
# 每季度≥1次入户；三级 每月≥1次联系；四级 每季度≥1次联系.
EXAMPLE = _example()


def client(
    number: str = "C1",
    grade: int = 3,
    *,
    zone: str = "一片区",
    community: str = "甲社区",
    household: str | None = None,
    filed: date | None = None,
    closed: date | None = None,
) -> ContactClient:
    return ContactClient(number, household or f"H{number}", zone, community, grade, filed, closed)


def record(
    on: date,
    client: str = "C1",
    method: Method = Method.PHONE,
    *,
    worker: str = "SG01",
    minutes: int | None = None,
    greeting: bool = False,
    note: str = "",
) -> ContactRecord:
    return ContactRecord(client, on, method, worker, minutes=minutes, greeting=greeting, note=note)


def data(
    clients: list[ContactClient],
    records: Sequence[ContactRecord] = (),
    changes: Sequence[GradeChange] = (),
) -> ContactData:
    return ContactData(tuple(clients), tuple(changes), tuple(records))


def judge(
    d: ContactData,
    start: date = date(2023, 1, 1),
    end: date = date(2023, 12, 31),
    schedule: ContactSchedule = EXAMPLE,
) -> FollowUpResult:
    return follow_up(d, schedule, start, end)


def rows_of(result: FollowUpResult, client: str = "C1") -> dict[str, ClientPeriod]:
    """One client's rows by period label."""
    return {r.period: r for r in result.clients if r.client == client}
