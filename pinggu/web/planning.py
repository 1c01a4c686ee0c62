"""The coordinator plans a round: station, kind, period, fieldwork date and the experts.

An expert with a declared conflict (回避) with the station or its operator cannot be assigned;
the form says who and why. Creating the round completes its plan step.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from .models import AuditEntry, Conflict, Membership, Organization, Role, Round, Station


def agency_of(user: User) -> Organization | None:
    m = (
        Membership.objects.filter(user=user, role=Role.COORDINATOR)
        .select_related("organization")
        .first()
    )
    return m.organization if m else None


def experts_of(agency: Organization) -> list[User]:
    ids = Membership.objects.filter(role=Role.EXPERT, organization=agency).values_list(
        "user_id", flat=True
    )
    return list(User.objects.filter(pk__in=ids).order_by("username"))


def conflict_of(expert: User, station: Station) -> Conflict | None:
    return (
        Conflict.objects.filter(expert=expert, station=station).first()
        or Conflict.objects.filter(expert=expert, operator=station.operator_id).first()
    )


def plan_problems(
    station: Station | None,
    kind: str,
    start: date | None,
    end: date | None,
    fieldwork: date | None,
    experts: list[User],
) -> list[str]:
    problems = []
    if station is None:
        problems.append("请选择社工站")
    if kind not in Round.Kind.values:
        problems.append("请选择评估类型")
    if start is None or end is None or fieldwork is None:
        problems.append("请填写考核期开始、结束和实地评估日期（格式 2024-06-07）")
    elif start > end:
        problems.append("考核期开始不能晚于结束")
    if station is not None:
        for expert in experts:
            conflict = conflict_of(expert, station)
            if conflict is not None:
                name = expert.get_full_name() or expert.username
                problems.append(f"{name} 已声明回避（{conflict.reason}），不能评估{station.name}")
        same = Round.objects.filter(station=station, kind=kind, period_end=end) if end else None
        if kind in Round.Kind.values and same is not None and same.exists():
            problems.append(f"{station.name}已有同一考核期的{Round.Kind(kind).label}")
    return problems


@transaction.atomic
def create_round(
    user: User,
    agency: Organization,
    station: Station,
    kind: str,
    start: date,
    end: date,
    fieldwork: date,
    experts: list[User],
) -> Round:
    round_ = Round.objects.create(
        station=station,
        evaluator=agency,
        kind=kind,
        period_start=start,
        period_end=end,
        fieldwork_date=fieldwork,
        state="plan",
    )
    round_.experts.set(experts)
    AuditEntry.objects.create(
        round=round_,
        user=user,
        action="创建评估",
        new={
            "kind": kind,
            "period": [start.isoformat(), end.isoformat()],
            "fieldwork": fieldwork.isoformat(),
            "experts": [e.username for e in experts],
        },
    )
    return round_
