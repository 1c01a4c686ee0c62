"""The demo's survey part: a synthetic client roster for every demo station and, for the 南岸
final round (in 实地评估), a draw with the survey partly done, so a new user can open the desk
and carry on. Loading it twice changes nothing. Everyone is invented (phones 139 0000 …).
"""

from __future__ import annotations

import random

from django.contrib.auth.models import User

from pinggu import Kind, Zone, synthetic_roster

from ..models import Membership, Role, Round, Station, SurveyCall, latest_roster
from ..survey import draw as survey
from ..survey import rosters

SURVEY_STREET = "南岸"
SURVEY_SEED = "20240513"  # as if read out at the field visit
DONE = 42  # list places called so far
# (street, roster size): a station serves some 250 to 1,500 clients.
ROSTER_SIZES = {"示例": 420, "南岸": 360, "北园": 280, "东湖": 310}
ANSWER_WEIGHTS = ((5, 46), (4, 38), (3, 12), (2, 3), (1, 1))
COMMENTS = (
    "社工上门很及时，很关心我们。",
    "希望多组织一些社区活动。",
    "协助申请了临时救助，解决了实际困难。",
    "电话回访态度很好。",
)


def load_survey_demo(
    stations: dict[str, Station],
    zones_of: dict[str, tuple[Zone, ...]],
    users: dict[str, User],
    created: list[str],
) -> None:
    for street, station in stations.items():
        if latest_roster(station) is not None:
            continue
        seed = sum(map(ord, street))  # any fixed number: the roster differs by street
        roster = synthetic_roster(seed, zones=zones_of[street], size=ROSTER_SIZES.get(street, 300))
        round_ = Round.objects.filter(station=station).order_by("pk").first()
        if round_ is None:
            continue
        staff = Membership.objects.filter(role=Role.STATION, station=station).first()
        uploader = staff.user if staff else users["coordinator"]
        rosters.store_roster(round_, roster, uploader, "服务对象名册（演示）.xlsx")
        created.append(f"服务对象名册：{station.name}（{len(roster.clients)} 人）")
    round_ = Round.objects.filter(station=stations[SURVEY_STREET], kind=Kind.FINAL.value).first()
    if round_ is not None and survey.draw_of(round_) is None:
        _survey(round_, users, created)


def _survey(round_: Round, users: dict[str, User], created: list[str]) -> None:
    """The draw and the first places of the list called by the two experts: most reached, some
    without an answer (to be called again), an empty number and a refusal (replaced at once),
    and one client replaced after three unanswered calls."""
    stored = survey.make_draw(
        round_, users["coordinator"], survey.survey_settings(round_).sample_size, SURVEY_SEED
    )
    rng = random.Random(f"demo-survey-{SURVEY_SEED}")
    callers = (users["expert1"], users["expert2"])
    items = len(stored.items)
    for position in range(1, DONE + 1):
        call = SurveyCall.objects.get(draw=stored, position=position)
        caller = callers[position % 2]
        if position == 7:  # three calls unanswered: the third brings in the next reserve
            for _ in range(stored.attempts):
                survey.record(call, caller, survey.Outcome(False, reason="无人接听"))
            continue
        roll = rng.random()
        if roll < 0.08:
            survey.record(call, caller, survey.Outcome(False, reason="无人接听"))
        elif roll < 0.11:
            survey.record(call, caller, survey.Outcome(False, reason="空号"))
        elif roll < 0.13:
            survey.record(call, caller, survey.Outcome(False, reason="拒访"))
        else:
            answers = tuple(_answer(rng) for _ in range(items))
            comment = rng.choice(COMMENTS) if rng.random() < 0.25 else ""
            survey.record(call, caller, survey.Outcome(True, answers, comment))
    overall, _ = survey.progress(stored)
    created.append(
        f"满意度调查：{round_}，抽取 {overall.quota} 人，已完成 {overall.done} 人"
        f"（替补 {overall.replaced} 人），其余可在调查台继续"
    )


def _answer(rng: random.Random) -> int | None:
    if rng.random() < 0.03:
        return None  # the client declined this item
    values, weights = zip(*ANSWER_WEIGHTS, strict=True)
    return rng.choices(values, weights)[0]
