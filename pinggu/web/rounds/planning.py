"""The coordinator plans a round: station, kind, period, fieldwork date and the experts.

An expert with a declared conflict (回避) with the station or its operator cannot be assigned;
the form says who and why. Creating the round completes its plan step, on the plan date given
(today when left empty; a round entered after the fact should give the date it was really
planned, or its timeline shows the plan after the fieldwork).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from .. import audit
from ..models import (
    Conflict,
    Membership,
    Organization,
    Role,
    Round,
    Station,
    StepRecord,
)


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
    planned: date | None,
) -> list[str]:
    """What stops the round from being created; `planned` is None when left empty (today)."""
    problems = []
    if planned is not None and planned > timezone.localdate():
        problems.append(f"计划日期 {planned} 晚于今天")
    elif planned is not None and fieldwork is not None and planned > fieldwork:
        problems.append(f"计划日期 {planned} 晚于实地评估日期 {fieldwork}")
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
        if kind in Round.Kind.values and start and end and start <= end:
            same = Round.objects.filter(
                station=station, kind=kind, period_start__lte=end, period_end__gte=start
            ).first()
            if same is not None:
                problems.append(
                    f"{station.name}已有考核期 {same.period_start}—{same.period_end} 的"
                    f"{Round.Kind(kind).label}，与所填考核期重叠"
                )
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
    planned: date,
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
    StepRecord.objects.create(round=round_, step="plan", completed_on=planned, by=user)
    audit.record(
        round_,
        user,
        "创建评估",
        new={
            "kind": kind,
            "period": [start.isoformat(), end.isoformat()],
            "fieldwork": fieldwork.isoformat(),
            "planned": planned.isoformat(),
            "experts": [e.username for e in experts],
        },
    )
    return round_
