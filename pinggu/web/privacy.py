"""Who may see the survey's personal data, and the log of every time someone did.

The survey roles of a round are its evaluation agency's coordinator and its assigned experts
(the people who draw and call). Only they see the list, the desk and the client's phone; every
other role of the round (station, purchaser, bureaus, centre, city) sees the survey only as
aggregate figures, and gets a 404 on the list's and the desk's addresses. Every view of an
unmasked record (the desk shows the full phone number; an explicit unmasked export shows full
names and phones) writes an `AccessLog` entry, which the coordinator and the district bureau can
read per round.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from . import access
from .models import Role, Round
from .survey_models import AccessLog

SURVEY_ROLES: set[str] = {Role.COORDINATOR, Role.EXPERT}
ACCESS_LOG_ROLES: set[str] = {Role.COORDINATOR, Role.SUPERVISOR}
# Who uploads the station's roster: the station itself and the round's coordinator.
ROSTER_ROLES: set[str] = {Role.STATION, Role.COORDINATOR}


def load_survey_round(user: User | AnonymousUser, round_id: int) -> Round:
    """The round if this user holds a survey role for it, else 404."""
    return access.load_round(user, round_id, need=SURVEY_ROLES)


def is_survey_role(user: User | AnonymousUser, round_: Round) -> bool:
    return bool(access.round_roles(user, round_) & SURVEY_ROLES)


def log_view(round_: Round, user: User, what: str, client: str = "", count: int = 1) -> None:
    """Record that `user` saw unmasked personal data: one client's, or `count` clients' at once."""
    AccessLog.objects.create(round=round_, user=user, client=client, what=what, count=count)
