"""The seeded demo (`pinggu demo`): two districts, several stations, rounds in different states
and a user for every role, client rosters and a survey under way (demo/survey.py) and contact
records for 兜底 follow-up (demo/followup.py), file spot checks (demo/spotcheck.py), a
self-assessment and an on-site day (demo/onsite.py), the 示例 station's rectification items
from its mid-term followed at its final (demo/rectification.py), and the 示例 street office's
performance evaluation (demo/performance.py). Loading it twice changes nothing. All data is
synthetic."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from pinggu import (
    Evaluation,
    Kind,
    Zone,
    evaluation_from_dict,
    evaluation_to_dict,
    load_workflow,
    synthetic_evaluation,
)

from .. import audit
from ..models import (
    Conflict,
    DataVersion,
    District,
    Membership,
    Organization,
    Role,
    Round,
    Station,
    StepRecord,
)
from ..rounds.scoring import seed_from_evaluation
from ..rounds.workflow import calendar, issued
from .followup import load_followup_demo
from .onsite import load_onsite_demo
from .performance import load_performance_demo
from .rectification import load_rectification_demo
from .spotcheck import load_spotcheck_demo
from .survey import load_survey_demo

PASSWORD = "pinggu-demo-2026"  # the demo's only password; a real installation creates its own users
EVALUATOR = "广州市瑞祥社会服务评估中心"
CENTRE_DISTRICT = None
# (street, district, seed, kind, state): each is a round of the street's station; 示例 has both a
# published mid-term and a final, so the dashboard's mid-term vs final comparison has a pair.
STATIONS = (
    ("示例", "海珠区", 2038, Kind.FINAL, "report_issued"),
    ("示例", "海珠区", 2047, Kind.MIDTERM, "final"),  # 2047: the same 片区 as 2038
    ("南岸", "海珠区", 11, Kind.FINAL, "fieldwork"),
    ("北园", "白云区", 7, Kind.MIDTERM, "self_assessment"),
    ("东湖", "白云区", 23, Kind.FINAL, "plan"),
)
# (username, full name, role, where): where is a street (its station), a district or None.
USERS = (
    ("coordinator", "李明（项目统筹）", Role.COORDINATOR, None),
    ("expert1", "王芳（评估专家）", Role.EXPERT, None),
    ("expert2", "陈刚（评估专家）", Role.EXPERT, None),
    ("expert3", "赵静（评估专家，回避南岸）", Role.EXPERT, None),
    ("station_shili", "示例街社工站", Role.STATION, "示例"),
    ("station_nanan", "南岸街社工站", Role.STATION, "南岸"),
    ("purchaser_shili", "示例街道办事处", Role.PURCHASER, "示例"),
    ("centre", "广州市社会工作督导中心", Role.SUPERVISION_CENTRE, None),
    ("bureau_haizhu", "海珠区民政局", Role.SUPERVISOR, "海珠区"),
    ("bureau_baiyun", "白云区民政局", Role.SUPERVISOR, "白云区"),
    ("city", "广州市民政局", Role.CITY, None),
)


@transaction.atomic
def load_demo() -> list[str]:
    """Create what is missing; return one line per thing created (empty the second time)."""
    created: list[str] = []
    evaluator, _ = Organization.objects.get_or_create(name=EVALUATOR)
    stations = {
        street: _station(street, district, seed, kind, state, evaluator, created)
        for street, district, seed, kind, state in STATIONS
    }
    users = {}
    for username, full_name, role, where in USERS:
        users[username] = _user(username, full_name, role, where, evaluator, stations, created)
    for round_ in Round.objects.filter(
        evaluator=evaluator, state__in=["fieldwork", "report_issued", "final"]
    ):
        round_.experts.add(users["expert1"], users["expert2"])
        _scores(round_, users, created)
    nanan = stations["南岸"]
    if not Conflict.objects.filter(expert=users["expert3"], station=nanan).exists():
        Conflict.objects.create(
            expert=users["expert3"], station=nanan, reason="曾在南岸街社工站任督导"
        )
        created.append("回避：赵静 — 南岸街社工服务站")
    zones_of: dict[str, tuple[Zone, ...]] = {}
    for street, _district, seed, kind, _state in STATIONS:
        zones_of.setdefault(street, _evaluation(street, seed, kind).zones)
    load_survey_demo(stations, zones_of, users, created)
    load_followup_demo(stations, users, timezone.localdate(), created)
    load_spotcheck_demo(stations, users, created)
    load_onsite_demo(stations, users, created)
    load_rectification_demo(stations, users, created)
    load_performance_demo(stations, users, created)
    return created


def _evaluation(street: str, seed: int, kind: Kind) -> Evaluation:
    """The round's synthetic data; a mid-term covers the contract's first half."""
    months = 6 if kind == Kind.MIDTERM else 10
    return synthetic_evaluation(
        seed, street=street, kind=kind, start=date(2023, 7, 1), months=months
    )


def _station(
    street: str,
    district_name: str,
    seed: int,
    kind: Kind,
    state: str,
    evaluator: Organization,
    created: list[str],
) -> Station:
    evaluation = _evaluation(street, seed, kind)
    info = replace(
        evaluation.info,
        district=district_name,
        supervisor=f"广州市{district_name}民政局",
        purchaser=f"广州市{district_name}{street}街道办事处",
        evaluator=evaluator.name,
    )
    evaluation = replace(evaluation, info=info)
    district, _ = District.objects.get_or_create(name=district_name)
    station, made = Station.objects.get_or_create(
        name=info.station,
        defaults={
            "district": district,
            "operator": Organization.objects.get_or_create(name=info.operator)[0],
            "purchaser": Organization.objects.get_or_create(name=info.purchaser)[0],
        },
    )
    if made:
        created.append(f"社工站：{station.name}（{district_name}）")
    round_, made = Round.objects.get_or_create(
        station=station,
        kind=kind.value,
        defaults={
            "evaluator": evaluator,
            "period_start": info.period_start,
            "period_end": info.period_end,
            "fieldwork_date": info.evaluation_date,
            "state": state,
            "locked": issued(state),
        },
    )
    if made:
        created.append(f"评估：{round_}（{state}）")
        _steps(round_, state, _system_user())
    if state != "plan" and not round_.versions.exists():
        uploader = _system_user()
        DataVersion.objects.create(
            round=round_,
            number=1,
            data=evaluation_to_dict(evaluation),
            filename="演示数据.xlsx",
            uploaded_by=uploader,
        )
        audit.record(round_, uploader, "上传数据", new={"version": 1, "filename": "演示数据.xlsx"})
    return station


def _steps(round_: Round, state: str, by: User) -> None:
    """The round's steps up to `state`, completed on plausible dates around its fieldwork day:
    planned a month before, self-assessed five days before, and each later step on its due
    date by the workflow's working-day rules."""
    flow = load_workflow()
    fieldwork = round_.fieldwork_date
    done: dict[str, date] = {}
    for step in flow.steps:
        if step.optional:
            continue
        if step.id == "plan":
            on = fieldwork - timedelta(days=30)
        elif step.id == "self_assessment":
            on = fieldwork - timedelta(days=5)
        elif step.id == "fieldwork":
            on = fieldwork
        else:
            on = flow.due(step.id, done, calendar()) or max(done.values()) + timedelta(days=1)
        done[step.id] = on
        StepRecord.objects.create(round=round_, step=step.id, completed_on=on, by=by)
        if step.id == state:
            return


def _scores(round_: Round, users: dict[str, User], created: list[str]) -> None:
    """The parties' demo scores and findings, entered once, by demo users."""
    version = round_.latest_data()
    if version is None or round_.scores.exists():
        return
    evaluation = evaluation_from_dict(version.data)
    bureau = "bureau_haizhu" if round_.station.district.name == "海珠区" else "bureau_baiyun"
    named = {
        "专家A": "expert1",
        "专家B": "expert2",
        "督导中心代表": "centre",
        "区民政局代表": bureau,
    }
    judges: dict[str, User] = {}
    for judge in {row.judge for row in evaluation.scores}:
        if judge in named:
            judges[judge] = users[named[judge]]
        else:  # the other experts and the street's representative score but do not log in here
            judges[judge] = User.objects.get_or_create(
                username=f"demo-{judge}", defaults={"first_name": judge}
            )[0]
    seed_from_evaluation(round_, evaluation, judges, users["coordinator"])
    created.append(f"评分与意见：{round_}")


def _system_user() -> User:
    user, _ = User.objects.get_or_create(
        username="coordinator", defaults={"first_name": "李明（项目统筹）"}
    )
    return user


def _user(
    username: str,
    full_name: str,
    role: str,
    where: str | None,
    evaluator: Organization,
    stations: dict[str, Station],
    created: list[str],
) -> User:
    user, made = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if made or not user.password:
        user.first_name = full_name
        user.set_password(PASSWORD)
        user.save()
        created.append(f"用户：{username}（{full_name}）")
    organization = evaluator if role in (Role.COORDINATOR, Role.EXPERT) else None
    station = stations[where or ""] if role in (Role.STATION, Role.PURCHASER) else None
    district = District.objects.get(name=where) if role == Role.SUPERVISOR else None
    Membership.objects.get_or_create(
        user=user, role=role, organization=organization, station=station, district=district
    )
    return user
