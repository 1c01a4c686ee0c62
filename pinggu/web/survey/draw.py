"""The satisfaction survey of a round: the draw, the calls, the replacements and the progress
(the `Survey` the engine sees is built in engine.py).

The draw is the engine's (`pinggu.draw_sample`): stored with its seed and the roster
version it came from, so anyone entitled can re-run it and get the same list. Each drawn client
becomes a call. A client not reached is tried again until the scheme's number of attempts is
used up — at once for 空号 and 拒访, where calling again cannot help — and is then replaced by
the next reserve client of the same 片区 (`next_reserve`). Every write logs an audit entry (audit.py) for
the round with the client's number only (never a name or phone): the result cache is keyed on
the round's latest audit entry.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from pinggu import (
    Draw,
    DrawCheck,
    SurveySettings,
    draw_sample,
    load_scheme,
    next_reserve,
    verify_draw,
)

from .. import audit, engine
from ..models import ClientRoster, Round, SurveyCall, SurveyDraw, latest_roster
from .rosters import engine_roster

Status = SurveyCall.Status
REASONS = ("无人接听", "空号", "拒访", "其他")
# Calling again cannot help: the next reserve client takes the place at once.
FINAL_REASONS = frozenset({"空号", "拒访"})
SEED_DIGITS = 10
LOCKED = "报告出具后满意度调查已锁定"
# How long the desk holds a client for the caller it gave them to (docs/concurrency.md).
CLAIM = timedelta(minutes=10)


class SurveyRefused(Exception):
    """A survey action that cannot be done now; the message says why, in Chinese."""


def survey_settings(round_: Round) -> SurveySettings:
    return load_scheme(round_.scheme).survey


def new_seed() -> str:
    """A fresh seed: ten random digits, easy to read out and to type in again."""
    return f"{secrets.randbelow(10**SEED_DIGITS):0{SEED_DIGITS}d}"


def zone_order(round_: Round, zones: Sequence[str]) -> list[str]:
    """`zones` in the order of the round's data (第一片区, 第二片区, 第三片区), the rest after
    (the draw itself keeps code point order, in which 第三 comes before 第二)."""
    data = engine.data_of(round_)
    known = [z.name for z in data.zones] if data else []
    return sorted(zones, key=lambda z: (known.index(z) if z in known else len(known), z))


def _quoted(zones: Sequence[str]) -> str:
    return "、".join(f"「{z}」" for z in zones)


def zone_mismatch(round_: Round, roster: ClientRoster) -> str:
    """A warning when the roster's 片区 differ from those of the round's data: the draw is
    allocated and the satisfaction reported by the roster's 片区, so a misspelt one would be
    reported as a 片区 of its own. Empty when they agree or before any data."""
    data = engine.data_of(round_)
    if data is None:
        return ""
    known = [z.name for z in data.zones]
    listed = [zone for zone, _ in roster.counts["by_zone"]]
    parts = []
    if extra := [z for z in listed if z not in known]:
        parts.append(f"名册中的片区{_quoted(extra)}不在评估数据的片区（{_quoted(known)}）中")
    if missing := [z for z in known if z not in listed]:
        parts.append(f"评估数据的片区{_quoted(missing)}在名册中没有服务对象")
    if not parts:
        return ""
    return (
        "；".join(parts)
        + "。抽样按名册的片区分配，满意度也按它分片区统计：请核对名册的「片区」列。"
    )


def draw_of(round_: Round) -> SurveyDraw | None:
    return SurveyDraw.objects.filter(round=round_).select_related("roster").first()


def engine_draw(stored: SurveyDraw) -> Draw:
    return Draw.from_dict(stored.data)


def calls_recorded(stored: SurveyDraw) -> bool:
    """Whether anyone has recorded a call (a result or a failed attempt) on this draw."""
    return any(c.status != Status.PENDING or c.tries for c in stored.calls.all())


@transaction.atomic
def make_draw(round_: Round, user: User, n: int, seed: str) -> SurveyDraw:
    """Draw the sample from the station's latest roster; refused once calls were recorded."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.locked:
        raise SurveyRefused(LOCKED)
    stored_roster = latest_roster(round_.station)
    if stored_roster is None:
        raise SurveyRefused("尚未上传服务对象名册，无法抽样")
    seed = seed.strip()
    if not seed or len(seed) > 100:
        raise SurveyRefused("请填写种子（1 到 100 个字符）")
    if n < 1:
        raise SurveyRefused("抽样人数应至少为 1")
    previous = draw_of(round_)
    if previous is not None and calls_recorded(previous):
        raise SurveyRefused("已有拨打记录，不能重新抽样")
    draw = draw_sample(engine_roster(stored_roster), n=n, seed=seed)
    old = _summary(previous) if previous else None
    if previous is not None:
        previous.delete()
    settings = survey_settings(round_)
    stored = SurveyDraw.objects.create(
        round=round_,
        roster=stored_roster,
        seed=seed,
        n=n,
        data=draw.to_dict(),
        items=list(settings.items),
        scale=settings.scale,
        attempts=settings.attempts,
        drawn_by=user,
    )
    # The calling order: 片区 by 片区 as the round's data lists them, each in the draw's order.
    order = zone_order(round_, [z.zone for z in draw.zones])
    chosen = [(zone, c) for zone in order for c in draw.zone(zone).chosen]
    SurveyCall.objects.bulk_create(
        SurveyCall(draw=stored, position=i, client=c, zone=zone)
        for i, (zone, c) in enumerate(chosen, start=1)
    )
    action = "重新抽样" if previous else "抽样"
    audit.record(round_, user, action, old=old, new=_summary(stored))
    return stored


def _summary(stored: SurveyDraw) -> dict[str, object]:
    return {
        "seed": stored.seed,
        "n": stored.n,
        "roster_version": stored.roster.number,
        "roster_fingerprint": stored.roster.fingerprint,
        "sample": len(Draw.from_dict(stored.data).chosen),
    }


def recheck(stored: SurveyDraw) -> DrawCheck:
    """Re-run the draw on the stored roster with the stored seed and n: the same list?"""
    return verify_draw(engine_roster(stored.roster), engine_draw(stored))


# --- calls ----------------------------------------------------------------------------------


def _live(call: SurveyCall, now: datetime) -> bool:
    """Whether someone holds the call now."""
    return call.claimed_by_id is not None and (call.claimed_until or now) > now


def _hold(call: SurveyCall, user: User, now: datetime) -> None:
    """Give the call to `user` for CLAIM, and release any other call they held."""
    call.draw.calls.filter(claimed_by=user).exclude(pk=call.pk).update(
        claimed_by=None, claimed_until=None
    )
    call.claimed_by, call.claimed_until = user, now + CLAIM
    call.save(update_fields=["claimed_by", "claimed_until"])


@transaction.atomic
def claim_next(stored: SurveyDraw, user: User, zone: str | None = None) -> SurveyCall | None:
    """The client `user` calls now (in one 片区, if given), held for them: the one they already
    hold, else the next pending client nobody holds — those tried least first, then in list
    order, so a client who did not answer is called again after everyone else's first call.
    Two callers are never given the same client (the draw is locked while choosing)."""
    SurveyDraw.objects.select_for_update().filter(pk=stored.pk).exists()
    now = timezone.now()
    calls = stored.calls.filter(status=Status.PENDING).select_related("draw")
    pending = [c for c in (calls.filter(zone=zone) if zone else calls)]
    mine = [c for c in pending if c.claimed_by_id == user.pk and _live(c, now)]
    free = [c for c in pending if not _live(c, now)]
    call = mine[0] if mine else min(free, key=lambda c: (len(c.tries), c.position), default=None)
    if call is not None:
        _hold(call, user, now)
    return call


def held_by_others(stored: SurveyDraw, user: User, zone: str | None = None) -> int:
    """How many pending clients other callers hold now (the desk says so when it has nobody
    left to give)."""
    calls = stored.calls.filter(status=Status.PENDING, claimed_until__gt=timezone.now())
    calls = calls.exclude(claimed_by=user).exclude(claimed_by=None)
    return (calls.filter(zone=zone) if zone else calls).count()


@transaction.atomic
def claim(call: SurveyCall, user: User) -> None:
    """Hold a client chosen from the list; refused while another caller holds them."""
    call = (
        SurveyCall.objects.select_for_update(of=("self",))
        .select_related("draw", "claimed_by")
        .get(pk=call.pk)
    )
    now = timezone.now()
    if _live(call, now) and call.claimed_by_id != user.pk:
        raise SurveyRefused(_held_message(call))
    if call.status == Status.PENDING:
        _hold(call, user, now)


def _held_message(call: SurveyCall) -> str:
    who = call.claimed_by.get_full_name() or call.claimed_by.username if call.claimed_by else ""
    until = timezone.localtime(call.claimed_until).strftime("%H:%M") if call.claimed_until else ""
    return f"服务对象 {call.client} 正由 {who} 拨打（保留到 {until}），请选择其他服务对象"


def subject(call: SurveyCall) -> str:
    """The audit subject of one call (audit.py)."""
    return f"call:{call.pk}"


IMPORT = "survey-import"  # the audit subject of an import, which writes many calls at once


class SurveyConflict(SurveyRefused):
    """The call changed after the desk showed it: the message says what changed."""


@transaction.atomic
def save_from_desk(
    call: SurveyCall, user: User, outcome: Outcome, since: int | None
) -> SurveyCall | None:
    """`record` for the desk: refused when the call was recorded by anyone after version
    `since` (the page was opened), or while another caller holds it."""
    round_ = Round.objects.get(pk=call.draw.round_id)
    audit.lock(round_)
    changed = audit.changes_since(round_, since, [subject(call), IMPORT])
    if changed:
        raise SurveyConflict(audit.conflict_message(changed))
    current = SurveyCall.objects.select_related("claimed_by").get(pk=call.pk)
    if _live(current, timezone.now()) and current.claimed_by_id != user.pk:
        raise SurveyConflict(_held_message(current))
    return record(call, user, outcome)


@dataclass(frozen=True)
class Outcome:
    """What the caller recorded: reached with answers, or not reached with a reason."""

    reached: bool
    answers: tuple[int | None, ...] = ()
    comment: str = ""
    reason: str = ""


def outcome_problems(stored: SurveyDraw, outcome: Outcome, imported: bool = False) -> list[str]:
    """What is wrong with an outcome (an imported reason is free text, the desk's one of REASONS)."""
    if outcome.reached:
        if len(outcome.answers) != len(stored.items):
            return [f"应有 {len(stored.items)} 项回答"]
        bad = [a for a in outcome.answers if a is not None and not 1 <= a <= stored.scale]
        if bad:
            return [f"评分应为 1 到 {stored.scale} 之间的整数"]
        if not imported and all(a is None for a in outcome.answers):
            return ["已联系上：请至少回答一项（服务对象拒绝回答时请记为未联系上·拒访）"]
        return []
    if not outcome.reason.strip() or (not imported and outcome.reason not in REASONS):
        return [f"未联系上：请选择原因（{'、'.join(REASONS)}）"]
    return []


@transaction.atomic
def record(
    call: SurveyCall, user: User, outcome: Outcome, *, final: bool = False, log: bool = True
) -> SurveyCall | None:
    """Store a call's outcome; returns the reserve client's new call when this one was replaced.

    `final`: a not-reached outcome ends the attempts at once (an imported result). `log`:
    False when the caller logs one entry for many calls (an import); replacements are always
    logged."""
    call = SurveyCall.objects.select_for_update().select_related("draw__round").get(pk=call.pk)
    round_ = call.draw.round
    if round_.locked:
        raise SurveyRefused(LOCKED)
    if call.status in (Status.REPLACED, Status.NOT_REACHED):
        raise SurveyRefused(f"服务对象 {call.client} 的拨打已结束（{call.get_status_display()}）")
    problems = outcome_problems(call.draw, outcome, imported=final)
    if problems:
        raise SurveyRefused("；".join(problems))
    call.caller, call.called_at = user, timezone.now()
    call.claimed_by, call.claimed_until = None, None  # saved: the desk may give it to anyone
    if outcome.reached:
        old = {"answers": call.answers, "comment": call.comment} if call.answers else None
        call.status, call.answers = Status.REACHED, list(outcome.answers)
        call.comment = outcome.comment
        call.save()
        new = {"client": call.client, "status": "已联系上", "answers": call.answers}
        if log:
            audit.record(round_, user, "满意度调查", old=old, new=new, subject=subject(call))
        return None
    call.tries = [
        *call.tries,
        {"reason": outcome.reason, "at": call.called_at.isoformat(), "by": user.username},
    ]
    if log:
        new = {"client": call.client, "status": "未联系上", "reason": outcome.reason}
        new = {**new, "attempt": len(call.tries)}
        audit.record(round_, user, "满意度调查", new=new, subject=subject(call))
    ended = final or outcome.reason in FINAL_REASONS or len(call.tries) >= call.draw.attempts
    if not ended:
        call.save()
        return None
    return _replace(call, user)


def _replace(call: SurveyCall, user: User) -> SurveyCall | None:
    """The call's attempts are used up: the next reserve client of its 片区 takes the place
    (at the end of the list); without one the client stays not reached."""
    draw = call.draw
    used = set(draw.calls.values_list("client", flat=True))
    reserve = next_reserve(engine_draw(draw), call.zone, used)
    if reserve is None:
        call.status = Status.NOT_REACHED
        call.save()
        return None
    call.status = Status.REPLACED
    call.save()
    last = draw.calls.order_by("-position").values_list("position", flat=True).first() or 0
    replacement = SurveyCall.objects.create(
        draw=draw, position=last + 1, client=reserve, zone=call.zone, replaces=call
    )
    audit.record(
        draw.round,
        user,
        "替补",
        old={"client": call.client, "zone": call.zone, "tries": len(call.tries)},
        new={"client": reserve, "zone": call.zone},
        subject=subject(call),
    )
    return replacement


# --- what the pages see -------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far the calling is, overall or in one 片区: a place in the list is done when its
    client was reached, or not reached with no reserve left."""

    zone: str
    quota: int
    reached: int
    replaced: int
    not_reached: int
    pending: int

    @property
    def done(self) -> int:
        return self.reached + self.not_reached

    @property
    def missed(self) -> int:
        """Clients not reached in the end: replaced, or left without a reserve."""
        return self.replaced + self.not_reached

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.quota) if self.quota else 100


def progress(stored: SurveyDraw) -> tuple[Progress, list[Progress]]:
    """Overall and per 片区 (in the draw's zone order)."""
    calls = list(stored.calls.all())
    zones = zone_order(stored.round, [z.zone for z in engine_draw(stored).zones if z.quota])
    parts = [_progress(zone, [c for c in calls if c.zone == zone]) for zone in zones]
    return _progress("合计", calls), parts


def _progress(zone: str, calls: Sequence[SurveyCall]) -> Progress:
    def count(status: str) -> int:
        return sum(1 for c in calls if c.status == status)

    return Progress(
        zone=zone,
        quota=sum(1 for c in calls if c.replaces_id is None),
        reached=count(Status.REACHED),
        replaced=count(Status.REPLACED),
        not_reached=count(Status.NOT_REACHED),
        pending=count(Status.PENDING),
    )
