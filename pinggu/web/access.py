"""Who may see and do what: one helper per resource that loads and authorises in one call.

A round is visible to the coordinators of its evaluation agency, to its assigned experts who
have not declared a conflict with the station or its operator, to the station, its purchaser,
its district's bureau and supervision centre, and to the city. Anything else is a 404, so a
user cannot even learn that another station's round exists. What a user may *do* in a round
is the table of roles.py, read by `load_round(..., action=...)` and `allowed`; what a user may
do with a station's own records (兜底 follow-up), by `load_station`. Whose password a
coordinator may reset is the scope of `resettable_users`.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from . import roles as role_table
from .models import Conflict, Membership, Organization, Role, Round, Station
from .rounds.workflow import issued


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a view behind login_required."""
    assert isinstance(request.user, User)
    return request.user


def memberships(user: User | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("station", "district"))


def roles(user: User | AnonymousUser) -> set[str]:
    return {m.role for m in memberships(user)}


def visible_rounds(user: User | AnonymousUser) -> QuerySet[Round]:
    """Every round this user may open, by any of their memberships."""
    scope = Q(pk__in=[])
    for m in memberships(user):
        if m.role == Role.COORDINATOR:
            scope |= Q(evaluator=m.organization)
        elif m.role == Role.EXPERT:
            scope |= Q(experts=user, evaluator=m.organization)
        elif m.role in (Role.STATION, Role.PURCHASER):
            scope |= Q(station=m.station)
        elif m.role == Role.SUPERVISOR:
            scope |= Q(station__district=m.district)
        elif m.role in (Role.SUPERVISION_CENTRE, Role.CITY):
            scope |= Q(station__district=m.district) if m.district else Q(pk__isnull=False)
    rounds = Round.objects.filter(scope).distinct()
    conflicts = (
        Conflict.objects.filter(expert=user) if isinstance(user, User) else Conflict.objects.none()
    )
    if conflicts.exists() and roles(user) <= {Role.EXPERT}:
        stations = [c.station_id for c in conflicts if c.station_id]
        operators = [c.operator_id for c in conflicts if c.operator_id]
        rounds = rounds.exclude(station__in=stations).exclude(station__operator__in=operators)
    return rounds.select_related("station", "station__district", "evaluator")


def round_roles(user: User | AnonymousUser, round_: Round) -> set[str]:
    """The roles this user holds for this particular round."""
    held = set()
    for m in memberships(user):
        if (
            (m.role == Role.COORDINATOR and m.organization_id == round_.evaluator_id)
            or (m.role == Role.EXPERT and round_.experts.filter(pk=m.user_id).exists())
            or (m.role in (Role.STATION, Role.PURCHASER) and m.station_id == round_.station_id)
            or (m.role == Role.SUPERVISOR and m.district_id == round_.station.district_id)
            or (
                m.role in (Role.SUPERVISION_CENTRE, Role.CITY)
                and m.district_id in (None, round_.station.district_id)
            )
        ):
            held.add(m.role)
    return held


def allowed(user: User | AnonymousUser, round_: Round, action: str) -> bool:
    """Whether this user, by the roles they hold for this round, may take `action`."""
    return role_table.can(round_roles(user, round_), action)


def may_see_result(user: User | AnonymousUser, round_: Round) -> bool:
    """Whether this user, who sees the round, may see its result: the parties and overseers
    at any time, everyone with a part in the round (the station too) once the report is issued
    (docs/workflow.md). The round page and the read API both ask this."""
    return role_table.can(round_roles(user, round_), "view_unissued_result") or issued(round_.state)


def may_see_spot_checks(user: User | AnonymousUser, round_: Round) -> bool:
    """Whether this user may see the round's file draw, checklists and marks: as the result, the
    parties and overseers at any time, the station only once the report is issued — before, a
    station that knew which files were drawn, or how they were judged, could mend them. Every
    spot-check page and the round page's card ask this."""
    return role_table.can(round_roles(user, round_), "view_spot_checks") or issued(round_.state)


def load_round(
    user: User | AnonymousUser, round_id: int, *, action: str | tuple[str, ...] = "view_round"
) -> Round:
    """The round if this user may see it and take `action` in it (any one of several), else 404."""
    round_ = visible_rounds(user).filter(pk=round_id).first()
    if round_ is None:
        raise Http404("没有这个评估，或您无权查看")
    actions = (action,) if isinstance(action, str) else action
    held = round_roles(user, round_)
    if not any(role_table.can(held, a) for a in actions):
        raise Http404("您无权进行此操作")
    return round_


def station_roles(user: User | AnonymousUser, station: Station) -> set[str]:
    """The roles this user holds for a station's own records (兜底 follow-up), which belong to
    the station, not to a round: the station and its purchaser, the district's bureau, the
    supervision centre and the city by their scope, and the agency's coordinators and experts
    by the station's rounds they may see (a declared conflict hides the station as it hides
    its rounds)."""
    held = set()
    for m in memberships(user):
        if (
            (m.role in (Role.STATION, Role.PURCHASER) and m.station_id == station.pk)
            or (m.role == Role.SUPERVISOR and m.district_id == station.district_id)
            or (
                m.role in (Role.SUPERVISION_CENTRE, Role.CITY)
                and m.district_id in (None, station.district_id)
            )
        ):
            held.add(m.role)
    agency_roles = {Role.COORDINATOR, Role.EXPERT}
    if agency_roles & roles(user):
        for round_ in visible_rounds(user).filter(station=station):
            held |= round_roles(user, round_) & agency_roles
    return held


def load_station(
    user: User | AnonymousUser, station_id: int, *, action: str
) -> tuple[Station, set[str]]:
    """The station and the roles this user holds for it, if they may take `action`, else 404
    (a station the user has no part in is as unknown as one that does not exist)."""
    station = Station.objects.filter(pk=station_id).select_related("district").first()
    held = station_roles(user, station) if station is not None else set()
    if station is None or not role_table.can(held, action):
        raise Http404("没有这个社工站，或您无权查看")
    return station, held


# The roles an evaluation agency gives its own people.
_AGENCY_ROLES = (Role.COORDINATOR, Role.EXPERT)


def resettable_users(agency: Organization, by: User) -> list[User]:
    """The agency's experts and coordinators, but not one who holds any role elsewhere (a
    coordinator must not take over a station's or a bureau's account), nor staff or oneself."""
    inside = Membership.objects.filter(organization=agency, role__in=_AGENCY_ROLES)
    outside = Membership.objects.exclude(organization=agency, role__in=_AGENCY_ROLES)
    return list(
        User.objects.filter(pk__in=inside.values("user_id"), is_active=True)
        .exclude(pk__in=outside.values("user_id"))
        .exclude(is_staff=True)
        .exclude(is_superuser=True)
        .exclude(pk=by.pk)
        .order_by("username")
    )
