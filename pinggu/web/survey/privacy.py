"""Who may see the survey's personal data, and the log of every time someone did.

The survey roles of a round (roles.py: survey_draw, survey_desk, view_personal_data) are its
evaluation agency's coordinator and its assigned experts (the people who draw and call). Only
they see the list, the desk and the client's phone; every other role of the round (station, purchaser, bureaus, centre, city) sees the survey only as
aggregate figures, and gets a 404 on the list's and the desk's addresses. Every view of an
unmasked record (the desk shows the full phone number; an explicit unmasked export shows full
names and phones) writes an `AccessLog` entry, which the coordinator and the district bureau can
read per round.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from ..models import AccessLog, Round


def log_view(round_: Round, user: User, what: str, client: str = "", count: int = 1) -> None:
    """Record that `user` saw unmasked personal data: one client's, or `count` clients' at once."""
    AccessLog.objects.create(round=round_, user=user, client=client, what=what, count=count)
