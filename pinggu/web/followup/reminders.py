"""跟进提醒: the station's daily work list — every client whose next contact (or visit) is due
or past due today, by the engine's `overdue_clients` (docs/contacts.md) — filtered by 片区,
社区, 分级 and 社工, with names masked as the survey masks them (张*), and as an .xlsx.

Filters come from the page's GET parameters and are kept in every link (`Filters.query`). The
export is written with the engine's `append_row`, so a 备注 or a name that looks like a
formula stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from urllib.parse import urlencode

from django.http import QueryDict
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from pinggu import Overdue, append_row, mask_name, overdue_clients

from ..dashboard.exports import BOLD, HEADER_FILL
from ..models import Station
from . import records
from .summary import EXAMPLE_NOTE, schedule_of

MEASURES = {"contact": "联系", "visit": "入户探访"}  # Overdue.measure
GRADES = (1, 2, 3, 4)
NO_SCHEDULE = "本评估方案没有分级跟进频次（[contacts]），无法列出跟进提醒"


@dataclass(frozen=True)
class Filters:
    """The page's filters (GET parameters); empty: not filtered."""

    zone: str = ""
    community: str = ""
    grade: str = ""
    worker: str = ""

    @classmethod
    def of(cls, query: QueryDict) -> Filters:
        return cls(*(query.get(name, "").strip()[:60] for name in cls.names()))

    @staticmethod
    def names() -> tuple[str, ...]:
        return ("zone", "community", "grade", "worker")

    def query(self) -> str:
        """The filters as a query string ("" when none), for links that keep them."""
        kept = {name: getattr(self, name) for name in self.names() if getattr(self, name)}
        return urlencode(kept)

    def keeps(self, o: Overdue) -> bool:
        return (
            (not self.zone or o.zone == self.zone)
            and (not self.community or o.community == self.community)
            and (not self.grade or str(o.grade) == self.grade)
            and (not self.worker or (o.last_worker or "") == self.worker)
        )


@dataclass(frozen=True)
class Reminder:
    """One line of the list: an Overdue with the client's masked name."""

    overdue: Overdue
    name: str  # masked: 张*

    @property
    def measure(self) -> str:
        return MEASURES[str(self.overdue.measure)]


@dataclass(frozen=True)
class Reminders:
    on: date
    rows: tuple[Reminder, ...]  # filtered
    total: int  # before filtering
    zones: tuple[str, ...]  # the filters' choices, from the roster
    communities: tuple[str, ...]
    workers: tuple[str, ...]
    example: bool
    problem: str = ""  # why there is no list ("" when there is one)
    left_out: int = 0

    @property
    def note(self) -> str:
        return EXAMPLE_NOTE if self.example else ""


def reminders(station: Station, on: date, filters: Filters) -> Reminders | None:
    """The station's list on `on`, filtered; None before any roster or records."""
    contacts = records.station_contacts(station, details=False)
    if contacts is None:
        return None
    clients = contacts.data.clients
    zones = tuple(dict.fromkeys(c.zone for c in clients))
    communities = tuple(
        dict.fromkeys(c.community for c in clients if not filters.zone or c.zone == filters.zone)
    )
    schedule = schedule_of(records.current_round(station))
    if schedule is None:
        return Reminders(on, (), 0, zones, communities, (), False, NO_SCHEDULE)
    found = overdue_clients(contacts.data, schedule, on)
    workers = tuple(sorted({o.last_worker for o in found if o.last_worker}))
    kept = [o for o in found if filters.keeps(o)]
    names = dict(
        contacts.roster.clients.filter(number__in=[o.client for o in kept]).values_list(
            "number", "name"
        )
    )
    rows = tuple(Reminder(o, mask_name(names.get(o.client, ""))) for o in kept)
    return Reminders(
        on,
        rows,
        len(found),
        zones,
        communities,
        workers,
        schedule.example,
        left_out=contacts.left_out,
    )


HEADER = (  # what is due first: on a phone the first columns are what shows
    "服务对象编号",
    "姓名",
    "逾期天数",
    "应做",
    "应于",
    "最近一次",
    "最近一次的社工",
    "分级",
    "片区",
    "社区",
)


def _cells(r: Reminder) -> list[object]:
    o = r.overdue
    return [
        o.client,
        r.name,
        o.days_overdue,
        r.measure,
        o.due,
        o.last_contact or "从未",
        o.last_worker or "",
        o.grade,
        o.zone,
        o.community,
    ]


def workbook_bytes(found: Reminders, title: str) -> bytes:
    """The list as one sheet: header bold and frozen, dates as dates, names masked; a first
    line says the day, the filters' result and, for an example schedule, that it is one."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "跟进提醒"
    append_row(ws, [f"{title}（{found.on.isoformat()}）", found.note])
    append_row(ws, HEADER)
    for cell in ws[2]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    rows = [_cells(r) for r in found.rows]
    for row in rows:
        append_row(ws, row)
    for cell in ws["E"][2:] + ws["F"][2:]:
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A3"
    _widths(ws, rows)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _widths(ws: object, rows: Sequence[Sequence[object]]) -> None:
    for col, title in enumerate(HEADER, start=1):
        widest = max([len(str(r[col - 1])) for r in rows] + [len(title)])
        ws.column_dimensions[get_column_letter(col)].width = min(2 * widest + 4, 30)  # type: ignore[attr-defined]
