"""The dashboard's 困难群众跟进 table: one row per visible station with its 跟进达标率 over its
current round's 考核期, linked to the station's drill-down (by 片区 × 分级).

Each station's figures are its stored follow-up summary (followup/summary.py: computed once
per state of its records, roster, period and rules), never the rules run again per row. What
the figures depend on is also part of the dashboard page's stored key (`states`), so an upload
shows on the next view.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse

from ..followup import summary as followup
from ..models import ClientRoster, ContactBatch, Round, Station
from .board import Column, Entry, Row, Table, Value, row

COLUMNS = (
    Column("区"),
    Column("社工站", "station"),
    Column("考核期"),
    Column("服务记录"),
    Column("建档人数", "number"),
    Column("判定", "number"),
    Column("达标", "number"),
    Column("跟进达标率", "percent"),
    Column("人均每年联系次数", "number"),
)
NO_RECORDS = "尚未上传"


def _stations(ids: set[int]) -> QuerySet[Station]:
    """These stations with their latest batch and roster numbers and their current round's id
    (one query)."""
    batches = ContactBatch.objects.filter(station=OuterRef("pk")).order_by("-number")
    rosters = ClientRoster.objects.filter(station=OuterRef("pk")).order_by("-number")
    current = Round.objects.filter(station=OuterRef("pk")).order_by("-period_end", "kind")
    return (
        Station.objects.filter(pk__in=ids)
        .select_related("district")
        .annotate(
            batch=Subquery(batches.values("number")[:1]),
            batch_last=Subquery(batches.values("last")[:1]),
            roster=Subquery(rosters.values("number")[:1]),
            current=Subquery(current.values("pk")[:1]),
        )
        .order_by("district__name", "name")
    )


def states(station_ids: set[int]) -> list[list[object]]:
    """What the table shows depends on, per station (for the page's stored key)."""
    return [
        [s.pk, getattr(s, "batch"), getattr(s, "roster"), getattr(s, "current")]  # noqa: B009
        for s in _stations(station_ids)
    ]


def table(entries: list[Entry]) -> Table:
    rounds = {e.round.pk: e.round for e in entries}
    stations = _stations({e.round.station_id for e in entries})
    rows = [_row(station, rounds) for station in stations]
    note = (
        "跟进达标率 = 达标的「服务对象·月」（季度要求为「服务对象·季度」）数 ÷ 判定数，按各站当前评估的"
        "考核期和本站上传的服务记录、最新服务对象名册计算；点社工站名称查看按片区与分级的明细。"
        + followup.EXAMPLE_NOTE
    )
    return Table("followup", "困难群众跟进", "困难群众跟进", COLUMNS, tuple(rows), note)


def _row(station: Station, rounds: dict[int, Round]) -> Row:
    batch = getattr(station, "batch")  # noqa: B009
    current_id = getattr(station, "current")  # noqa: B009
    round_ = rounds.get(current_id) or Round.objects.filter(pk=current_id).first()
    found = followup.summary(station, round_) if batch and round_ is not None else None
    total = found.station if found else None
    period = f"{round_.period_start} 至 {round_.period_end}" if round_ is not None else None
    last = getattr(station, "batch_last")  # noqa: B009
    records = f"第 {batch} 批（至 {last}）" if batch else NO_RECORDS
    values: list[Value] = [station.district.name, station.name, period, records]
    if total is None:
        values += [None] * 5
    else:
        share = Decimal(total.met_share) if total.met_share is not None else None
        per_year = Decimal(total.per_year) if total.per_year is not None else None
        values += [total.clients, total.judged, total.met, share, per_year]
    link = reverse("dashboard_followup", args=[station.pk])
    return row(COLUMNS, values, link=link)
