"""The dashboard's 整改跟进 table: one row per station whose visible rounds raised concerns, with
its open items (not rectified, their next round's report not issued yet), the open items past
their 整改期限 today, and how the experts marked the items followed so far (share rectified =
已整改 ÷ items marked), linked to the rectification page of the station's latest such round.

Every change to an item writes an audit entry in the round that raised it (rectification/work.py),
and the page's stored key has each visible round's revision and today's date, so a response, a
mark or a day passing shows on the next view.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from django.urls import reverse

from ..models import RectificationItem, Round
from ..rectification.items import tally
from ..rounds.workflow import issued
from .board import Column, Entry, Row, Table, Value, row

COLUMNS = (
    Column("区"),
    Column("社工站", "station"),
    Column("整改意见", "number"),
    Column("待整改", "number"),
    Column("逾期", "number"),
    Column("已评定", "number"),
    Column("已整改", "number"),
    Column("部分整改", "number"),
    Column("未整改", "number"),
    Column("已整改占比", "percent"),
)


def _closed(station_ids: set[int]) -> set[int]:
    """The rounds (of these stations) whose next round has issued its report: their items are
    no longer open, whoever evaluated the next round."""
    closed: set[int] = set()
    rounds = Round.objects.filter(station_id__in=station_ids).order_by(
        "station_id", "period_end", "period_start"
    )
    by_station: dict[int, list[Round]] = {}
    for r in rounds.only("pk", "station_id", "period_end", "period_start", "state"):
        by_station.setdefault(r.station_id, []).append(r)
    for chain in by_station.values():
        for earlier, later in pairwise(chain):
            if issued(later.state) and later.period_end > earlier.period_end:
                closed.add(earlier.pk)
    return closed


def table(entries: list[Entry], today: date) -> Table:
    rounds = {e.round.pk: e.round for e in entries}
    items = list(
        RectificationItem.objects.filter(round_id__in=list(rounds), withdrawn=False).order_by(
            "round__period_end", "number"
        )
    )
    by_station: dict[int, list[RectificationItem]] = {}
    for item in items:
        by_station.setdefault(item.station_id, []).append(item)
    closed = _closed(set(by_station))
    rows: list[Row] = []
    stations = sorted(
        by_station, key=lambda s: (rounds[by_station[s][0].round_id].station.district.name, s)
    )
    for station_id in stations:
        found = by_station[station_id]
        latest = rounds[found[-1].round_id]
        t = tally(found, closed, today)
        values: list[Value] = [
            latest.station.district.name,
            latest.station.name,
            t.items,
            t.open,
            t.overdue,
            t.marked,
            t.done,
            t.partial,
            t.not_done,
            t.share_done,
        ]
        flags = {4: "bad"} if t.overdue else {}
        link = reverse("rectification", args=[latest.pk])
        rows.append(row(COLUMNS, values, flags=flags, link=link))
    note = (
        "整改意见为已出具报告中「需要关注」的意见（重新出具时撤回的不计）。待整改：未评为已整改、"
        "且下一轮评估报告尚未出具的意见；逾期：其中已过整改期限（报告出具后按方案的工作日数）的；"
        "已整改占比 = 已整改 ÷ 已评定（专家在下一轮评估中评定；报告中的整改率按上一轮的全部意见计）。点社工站名称查看整改跟进。"
    )
    return Table("rectification", "整改跟进", "整改跟进", COLUMNS, tuple(rows), note)
