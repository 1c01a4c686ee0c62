"""The coordinator plans a round: station, kind, period, fieldwork date and the experts; and
until the fieldwork (实地评估) is done, changes them or deletes a round nobody has put anything
into yet.

An expert with a declared conflict (回避) with the station or its operator cannot be assigned;
the form says who and why. Creating the round completes its plan step, on the plan date given
(today when left empty; a round entered after the fact should give the date it was really
planned, or its timeline shows the plan after the fieldwork).
"""

from __future__ import annotations

import logging
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from pinggu import report_styles, style_for

from .. import audit
from ..models import (
    Conflict,
    Membership,
    Organization,
    Role,
    Round,
    Station,
    StepRecord,
    SurveyDraw,
)

FIELDWORK_STEP = "fieldwork"
log = logging.getLogger(__name__)


class PlanRefused(Exception):
    """A change to a round's plan that is no longer allowed (the message says why, in Chinese)."""


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
    editing: Round | None = None,
) -> list[str]:
    """What stops the round from being created (or `editing` from being changed so); `planned`
    is None when left empty (today)."""
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
            others = Round.objects.filter(
                station=station, kind=kind, period_start__lte=end, period_end__gte=start
            )
            if editing is not None:
                others = others.exclude(pk=editing.pk)
            same = others.first()
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


def edit_refusal(round_: Round) -> str:
    """Why the round's plan can no longer be changed ("" while it can)."""
    if round_.locked or round_.steps.filter(step=FIELDWORK_STEP).exists():
        return "实地评估已完成，评估的专家、考核期和日期不能再修改"
    return ""


def delete_refusal(round_: Round) -> str:
    """Why the round cannot be deleted ("" when it can): only before the fieldwork, and only
    while nobody has put anything into it."""
    if refusal := edit_refusal(round_):
        return refusal.replace("不能再修改", "评估不能删除")
    inputs = (
        (round_.versions.exists(), "数据"),
        (round_.scores.exists(), "评分"),
        (round_.findings.exists(), "意见"),
        (round_.objections.exists(), "异议"),
        (SurveyDraw.objects.filter(round=round_).exists(), "满意度调查抽样"),
        (round_.file_lists.exists(), "档案清单"),
    )
    held = [name for present, name in inputs if present]
    return f"评估已有{'、'.join(held)}，不能删除" if held else ""


def _plan(round_: Round) -> dict[str, object]:
    return {
        "period": [round_.period_start.isoformat(), round_.period_end.isoformat()],
        "fieldwork": round_.fieldwork_date.isoformat(),
        "experts": sorted(e.username for e in round_.experts.all()),
        "notes": round_.notes,
    }


@transaction.atomic
def edit_round(
    round_: Round,
    user: User,
    start: date,
    end: date,
    fieldwork: date,
    experts: list[User],
    notes: str,
) -> bool:
    """Change the round's plan and log what changed; whether anything did."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    before = _plan(round_)
    round_.period_start, round_.period_end, round_.fieldwork_date = start, end, fieldwork
    round_.notes = notes.strip()
    round_.save(update_fields=["period_start", "period_end", "fieldwork_date", "notes"])
    round_.experts.set(experts)
    after = _plan(round_)
    changed = [key for key in after if after[key] != before[key]]
    if changed:
        audit.record(
            round_,
            user,
            "修改评估",
            old={k: before[k] for k in changed},
            new={k: after[k] for k in changed},
        )
    return bool(changed)


@transaction.atomic
def delete_round(round_: Round, user: User) -> None:
    """Delete a round nobody has put anything into (delete_refusal says when); the deletion is
    logged with what the round was, and the round's earlier entries stay."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    refusal = delete_refusal(round_)
    if refusal:
        raise PlanRefused(refusal)
    what = {
        "round": round_.pk,
        "station_name": round_.station.name,
        "kind": round_.kind,
        **_plan(round_),
    }
    audit.record(None, user, "删除评估", old=what)
    log.info("评估 %s（%s）已由 %s 删除", round_.pk, round_, user.username)
    round_.delete()


def style_title(round_: Round) -> str:
    """The round's report style as people call it: 协会, or 联合会（缺省） when left to the
    default of the evaluator's agency."""
    if round_.report_style:
        return style_for(round_.report_style, round_.evaluator.name).title
    return f"{style_for(None, round_.evaluator.name).title}（缺省）"


def style_choices() -> list[tuple[str, str]]:
    return [(s.name, s.title) for s in report_styles()]


@transaction.atomic
def set_report_style(round_: Round, user: User, name: str) -> bool:
    """Choose the round's house style ("" for the agency's default) until the report is
    issued; whether it changed. Raises PlanRefused for an unknown style or a locked round."""
    if name and name not in dict(style_choices()):
        raise PlanRefused(f"没有名为「{name}」的报告样式")
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.locked:
        raise PlanRefused("报告已出具，不能再更改报告样式")
    if round_.report_style == name:
        return False
    before = style_title(round_)
    round_.report_style = name
    round_.save(update_fields=["report_style"])
    audit.record(
        round_, user, "选择报告样式", old={"style": before}, new={"style": style_title(round_)}
    )
    return True
