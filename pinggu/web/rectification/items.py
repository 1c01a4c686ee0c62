"""Which round follows which, and a round's items as pages and the engine read them (queries
only; the writes are issue.py's and work.py's).

A station's rounds follow one another by their 考核期: the round after a mid-term is the final of
the same contract year, the round after a final the next year's mid-term. A round's items are
followed at the next round, whose input (`OnSite.rectification`) they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from pinggu import RectificationItem as EngineItem
from pinggu import RectificationStatus

from ..models import RectificationItem, Round


def previous_round(round_: Round) -> Round | None:
    """The station's round just before this one (the latest 考核期 ending earlier)."""
    return (
        Round.objects.filter(station_id=round_.station_id, period_end__lt=round_.period_end)
        .order_by("-period_end", "-period_start")
        .first()
    )


def following_round(round_: Round) -> Round | None:
    """The station's round just after this one, where its items are followed; None yet."""
    return (
        Round.objects.filter(station_id=round_.station_id, period_end__gt=round_.period_end)
        .order_by("period_end", "period_start")
        .first()
    )


def raised_in(round_: Round) -> QuerySet[RectificationItem]:
    """The items this round's report raised (withdrawn ones too), in the report's order."""
    return round_.rectification_items.select_related("repeated_as").order_by("number")


def followed_in(round_: Round) -> QuerySet[RectificationItem]:
    """The previous round's items that this round follows (not withdrawn), in their order."""
    previous = previous_round(round_)
    if previous is None:
        return RectificationItem.objects.none()
    return raised_in(previous).filter(withdrawn=False)


def round_title(round_: Round) -> str:
    """The round as a report names it: 「2023年度中期评估」, 「2023—2024年度末期评估」."""
    start, end = round_.period_start.year, round_.period_end.year
    years = f"{start}" if start == end else f"{start}—{end}"
    return f"{years}年度{round_.get_kind_display()}"


def engine_items(round_: Round) -> tuple[EngineItem, ...]:
    """The previous round's items as this round's engine input, with the station's response
    (and the names of its evidence) and the experts' marks; () when there are none."""
    previous = previous_round(round_)
    if previous is None:
        return ()
    found = followed_in(round_).prefetch_related("evidence")
    title = round_title(previous)
    return tuple(_engine_item(item, title, previous.kind) for item in found)


def _engine_item(item: RectificationItem, title: str, kind: str) -> EngineItem:
    files = "、".join(e.name for e in item.evidence.all())
    response = item.response.strip()
    if files:
        response += ("；" if response else "") + f"佐证材料：{files}"
    return EngineItem(
        number=item.number,
        section=item.section,
        zone=item.zone or None,
        concern=item.concern,
        raised_in=title,
        raised_kind=kind,
        due=item.due,
        response=response,
        status=RectificationStatus(item.status) if item.status else None,
        note=item.note,
        repeated_as=item.repeated_as.text if item.repeated_as else "",
    )


@dataclass(frozen=True)
class Tally:
    """A station's items at a glance (the dashboard's row): open means not rectified and not
    yet closed by the next round's report; overdue, open past its due date."""

    items: int
    open: int
    overdue: int
    marked: int
    done: int
    partial: int
    not_done: int

    @property
    def share_done(self) -> Decimal | None:
        """已整改 ÷ marked, in percent to two places (half up); None before any mark."""
        if not self.marked:
            return None
        share = Decimal(self.done * 100) / Decimal(self.marked)
        return share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def is_open(item: RectificationItem, closed_rounds: set[int]) -> bool:
    """Not rectified and its next round's report not issued yet (`closed_rounds`: the rounds
    whose following round has issued its report)."""
    return item.status != RectificationItem.Status.DONE and item.round_id not in closed_rounds


def tally(items: list[RectificationItem], closed_rounds: set[int], today: date) -> Tally:
    live = [i for i in items if not i.withdrawn]
    opened = [i for i in live if is_open(i, closed_rounds)]
    status = RectificationItem.Status
    return Tally(
        items=len(live),
        open=len(opened),
        overdue=sum(1 for i in opened if i.due is not None and i.due < today),
        marked=sum(1 for i in live if i.status),
        done=sum(1 for i in live if i.status == status.DONE),
        partial=sum(1 for i in live if i.status == status.PARTIAL),
        not_done=sum(1 for i in live if i.status == status.NOT_DONE),
    )
