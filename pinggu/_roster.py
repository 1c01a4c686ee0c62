"""The client roster (服务对象名册): one row per client, validated, counted and fingerprinted.

The satisfaction survey draws its sample from this roster (`_sample`), so the roster must be
exactly right before anything is drawn: every problem is reported at once, located by sheet, row
and column like the evaluation workbook's, and a roster with any problem yields nothing. A
person listed twice (the same 编号 twice, or the same 姓名 under two numbers with the same 电话
or the same 户编号) is an error, because it would give that person two chances to be drawn.

Values are kept in a canonical form so that the draw does not depend on how a cell was typed:
编号, 户编号, 片区 and 社区 without spaces and in half width (NFKC), 户编号 also in upper case
(docs/keys.md: H01 and h01 are one household), phones as digits only,
categories by their catalogue name (aliases mapped), de-duplicated and in catalogue order.
Categories outside the catalogue are accepted under their own name (the list is open-ended)
and reported by `Roster.unknown_categories`, not as errors.

The roster holds names and phones, personal data: it never enters an `Evaluation` (the
evaluation importer ignores this sheet) and `mask_name`/`mask_phone` are how it is shown by
default.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path

from ._categories import SEPARATORS, Catalogue, load_categories
from ._errors import Problem, WorkbookError
from ._keys import name_key
from ._sheets.cells import key
from ._sheets.reader import Book, read_csv, sniff
from ._sheets.tables import Found, Problems, Row, data_rows, named_sheets
from ._workbook.sheets import ROSTER, ZONES

__all__ = [
    "ROSTER_SHEET",
    "Client",
    "Roster",
    "RosterCounts",
    "mask_name",
    "mask_phone",
    "parse_roster",
    "read_roster",
]

ROSTER_SHEET = ROSTER.name
LEVELS = (1, 2, 3, 4)
FINGERPRINT_VERSION = "pinggu-roster-1"  # changes only if the encoding below changes
_PHONE = re.compile(r"^[0-9][0-9 -]*$")
PHONE_DIGITS = (7, 12)  # a local number without area code .. area code + number, or a mobile


@dataclass(frozen=True)
class Client:
    """One client of the roster: 编号 is the id the draw ranks by."""

    number: str  # 编号, unique in the roster
    name: str  # 姓名
    household: str  # 户编号
    zone: str  # 片区
    community: str  # 社区
    categories: tuple[str, ...]  # 类别: de-duplicated, catalogue order, then unknown by code point
    level: int  # 分级 1–4
    phone: str  # 电话, digits only ("" for a client in `Roster.unreachable`)
    note: str = ""  # 备注
    filed: date | None = None  # 建档日期; None: filed before any period asked about
    closed: date | None = None  # 结案日期; None: still open


@dataclass(frozen=True)
class RosterCounts:
    """The roster counted: each person once per zone, community, category and level.

    Zones and communities are in code point order; categories in catalogue order (all known
    categories, zero included) followed by unknown ones in code point order; levels 1–4.
    """

    clients: int
    households: int
    by_zone: tuple[tuple[str, int], ...]
    by_community: tuple[tuple[str, str, int], ...]  # (zone, community, clients)
    by_category: tuple[tuple[str, int], ...]
    by_level: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Roster:
    """A validated client roster (rows in the order read). Build it with `read_roster` or
    `parse_roster`; constructing one directly skips validation."""

    clients: tuple[Client, ...]
    # What its reader should know before any draw (clients left out for want of a usable
    # phone, 片区 the workbook does not list, columns ignored), in Chinese; not fingerprinted.
    notices: tuple[str, ...] = ()
    # Clients without a usable phone: never drawn, but followed up all the same (docs/contacts.md);
    # not fingerprinted, since the draw never sees them.
    unreachable: tuple[Client, ...] = ()

    def fingerprint(self) -> str:
        """SHA-256 (hex) of every client's every field, sorted by 编号: the same roster typed in
        any row order has the same fingerprint; any change to any cell changes it. Fields go in
        their declaration order, tuples as JSON lists, dates as ISO text; 建档日期 and 结案日期
        only when one is given, so a roster without them keeps the fingerprint it always had."""
        rows = [_fingerprinted(c) for c in sorted(self.clients, key=lambda c: c.number)]
        return hashlib.sha256(canonical_json([FINGERPRINT_VERSION, rows])).hexdigest()

    def counts(self, catalogue: Catalogue | None = None) -> RosterCounts:
        """Counts by zone, community, category and level; a person counts once in each."""
        catalogue = catalogue if catalogue is not None else load_categories()
        categories = Counter(name for c in self.clients for name in set(c.categories))
        known = [(name, categories[name]) for name in catalogue.names]
        unknown = sorted((n, k) for n, k in categories.items() if n not in catalogue.names)
        levels = Counter(c.level for c in self.clients)
        return RosterCounts(
            clients=len(self.clients),
            households=len({c.household for c in self.clients}),
            by_zone=tuple(sorted(Counter(c.zone for c in self.clients).items())),
            by_community=tuple(
                (zone, community, n)
                for (zone, community), n in sorted(
                    Counter((c.zone, c.community) for c in self.clients).items()
                )
            ),
            by_category=tuple(known + unknown),
            by_level=tuple((level, levels[level]) for level in LEVELS),
        )

    def by_number(self) -> dict[str, Client]:
        return {c.number: c for c in self.clients}

    def unknown_categories(self, catalogue: Catalogue | None = None) -> tuple[str, ...]:
        """Categories used in the roster that the catalogue does not know, in code point order."""
        names = (catalogue if catalogue is not None else load_categories()).names
        return tuple(sorted({n for c in self.clients for n in c.categories} - set(names)))


def _fingerprinted(client: Client) -> list[object]:
    *fields, filed, closed = astuple(client)
    if filed is None and closed is None:
        return fields
    return [*fields, *(day.isoformat() if day else None for day in (filed, closed))]


def canonical_json(value: object) -> bytes:
    """UTF-8 JSON without spaces or escapes of Chinese: the one encoding hashes are taken over."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------------------------- masking


def mask_phone(phone: str) -> str:
    """13812341234 → 138****1234; shorter numbers keep only their last four digits."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    head = digits[:3] if len(digits) >= 11 else ""
    return head + "*" * (len(digits) - len(head) - 4) + digits[-4:]


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: the first character and one * for each of the others."""
    text = name.strip()
    return text[:1] + "*" * (len(text) - 1)


# ---------------------------------------------------------------------------------- reading


def read_roster(
    path: str | Path,
    *,
    name: str | None = None,
    zones: Collection[str] | None = None,
    draw: bool = True,
) -> Roster:
    """Read a roster from a workbook (.xlsx, .xls or .ods, told by its content: the sheet
    服务对象名册, alone or in the evaluation workbook; a file of one sheet may name it
    otherwise) or .csv (UTF-8 with or without BOM, or GB18030 as Excel saves it on Chinese
    Windows). `name` is the file's name as the user knows it (an upload's, not its temporary
    path). `zones` are the evaluation's 片区 (by default those of the workbook's own 片区 sheet,
    when the roster is in the evaluation workbook): a 片区 outside them is a notice. Raises
    `WorkbookError` listing every problem; a file beyond the reading limits raises `FileRefused`
    before any cell is expanded. `draw`: see `parse_roster`."""
    file = Path(path)
    shown = name or file.name
    if Path(shown).suffix.lower() == ".csv" and file.is_file() and not sniff(file):
        return parse_roster(read_csv(file, name=shown), sheet=shown, zones=zones, draw=draw)
    with Book(file, name=shown) as book:
        # by name only: a sheet's rows are read once it is chosen
        named = named_sheets(dict.fromkeys(book.names, ()), [ROSTER_SHEET])
        if not named and len(book.names) != 1:
            message = f"文件「{shown}」中找不到工作表「{ROSTER_SHEET}」（只有一个工作表的文件也可）"
            raise WorkbookError([Problem(sheet=ROSTER_SHEET, message=message)])
        chosen = named[ROSTER_SHEET].name if named else book.names[0]
        rows = book.rows(chosen)
        if zones is None:
            zones = _workbook_zones(book)
    return parse_roster(rows, sheet=chosen, zones=zones, draw=draw)


def _workbook_zones(book: Book) -> list[str] | None:
    """The 片区 of the evaluation workbook the roster sits in; None when it has no such sheet."""
    found = named_sheets(dict.fromkeys(book.names, ()), [ZONES.name]).get(ZONES.name)
    if found is None:
        return None
    sheet = found.name
    problems = Problems()
    rows = data_rows(Found(sheet, book.rows(sheet)), ZONES, problems) or ()
    zones = [zone for row in rows if (zone := row.get("片区", str)) is not None]
    return zones or None


def parse_roster(
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = ROSTER_SHEET,
    catalogue: Catalogue | None = None,
    zones: Collection[str] | None = None,
    draw: bool = True,
) -> Roster:
    """Validate rows of cells (the header is found by its column names, title lines above it
    skipped) into a `Roster`, or raise `WorkbookError` with every problem located by sheet, row
    and column. A client without a usable phone is left out, with a notice naming the cause; a
    片区 not among `zones` (the evaluation's, when given) is a notice. A roster read for the
    draw (`draw`) must have someone with a usable phone; one read for follow-up need not."""
    catalogue = catalogue if catalogue is not None else load_categories()
    problems = Problems()
    found = data_rows(Found(sheet, rows), ROSTER, problems)
    clients: list[Client] = []
    without_phone: list[Client] = []
    people = _People()
    unreachable: list[str] = []
    for row in found or ():
        client = _client(row, problems, catalogue, unreachable)
        # checked even when another cell of the row is wrong, so one pass finds every problem
        if people.admit(row, problems) and client is not None:
            (clients if client.phone else without_phone).append(client)
    if draw and found is not None and not clients and unreachable and not problems.problems:
        message = "名册中没有一位服务对象有可用的电话，无法抽样；" + unreachable[0]
        problems.add(sheet, message, None, "电话")
    if problems.problems:
        raise WorkbookError(problems.grouped())
    notices = [*problems.all_notices(), *unreachable, *_zone_notices(sheet, clients, zones)]
    return Roster(tuple(clients), tuple(notices), tuple(without_phone))


def _zone_notices(
    sheet: str, clients: Sequence[Client], zones: Collection[str] | None
) -> list[str]:
    if not zones:
        return []
    known = {key(z) for z in zones}
    strange = Counter(c.zone for c in clients if c.zone not in known)
    return [
        f"工作表「{sheet}」：片区「{zone}」（{count} 人）不是评估工作簿中的片区"
        f"（{'、'.join(f'「{z}」' for z in zones)}）；抽样按片区分配名额，请先核对片区名称"
        for zone, count in sorted(strange.items())
    ]


def _client(
    row: Row, problems: Problems, catalogue: Catalogue, unreachable: list[str]
) -> Client | None:
    """The row as a Client, or None when some cell is wrong (each reported). A client with no
    usable phone has phone "" (and the cause in `unreachable`: left out of the draw, not an
    error)."""
    text = {name: row.get(name, str) or "" for name in ("编号", "姓名", "户编号", "片区", "社区")}
    phone = _phone(row, unreachable)
    categories = _categories(row, problems, catalogue)
    level = row.get("分级", str)
    filed, closed = row.get("建档日期", date), row.get("结案日期", date)
    if filed is not None and closed is not None and closed < filed:
        message = f"结案日期 {closed} 早于建档日期 {filed}；请检查两个日期"
        problems.flag(row, "结案日期", message)
        return None
    if row.failed or categories is None or level is None:
        return None
    return Client(
        number=key(text["编号"]),
        name=text["姓名"],
        household=name_key(text["户编号"]).upper(),  # H01 and h01 are one household
        zone=key(text["片区"]),
        community=key(text["社区"]),
        categories=categories,
        level=int(level),
        phone=phone or "",
        note=row.get("备注", str) or "",
        filed=filed,
        closed=closed,
    )


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)


def _phone(row: Row, unreachable: list[str]) -> str | None:
    """The phone as digits; None (and the reason in `unreachable`) when it cannot be called."""
    typed = row.get("电话", str)
    text = unicodedata.normalize("NFKC", typed or "").strip()
    digits = text.replace("-", "").replace(" ", "")
    low, high = PHONE_DIGITS
    if _PHONE.match(text) and low <= len(digits) <= high:
        return digits
    if row.failed:
        return None  # the row is wrong for another reason, reported
    if typed is None:
        cause = "没有填写电话"
    elif _SCIENTIFIC.match(text):
        cause = (
            f"电话「{typed}」是科学计数法：Excel 把长数字显示成了这样，号码的后几位已经丢失；"
            "请把电话列设为「文本」格式后重新填写号码"
        )
    else:
        cause = (
            f"电话「{typed}」不是可拨打的号码（应为 {low}–{high} 位数字，可含「-」和空格，"
            "如 13900001234、020-12345678）"
        )
    number = row.get("编号", str) or ""
    unreachable.append(
        f"工作表「{row.sheet}」第 {row.number} 行（编号「{number}」）{cause}；此人不参加抽样"
    )
    return None


def _categories(row: Row, problems: Problems, catalogue: Catalogue) -> tuple[str, ...] | None:
    typed = row.get("类别", str)
    if typed is None:
        return None
    text = unicodedata.normalize("NFKC", typed)
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    parts = [key(part) for part in text.split(SEPARATORS[0]) if key(part)]
    if not parts:
        problems.flag(row, "类别", f"应填写至少一个类别，用「、」分隔，实为「{typed}」")
        return None
    names = {catalogue.canonical(part) or part for part in parts}
    order = {name: index for index, name in enumerate(catalogue.names)}
    return tuple(sorted(names, key=lambda n: (order.get(n, len(order)), n)))


class _People:
    """Who has been listed so far, to catch a person listed twice."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}  # 编号 -> first row
        self.same: dict[tuple[str, str, str], tuple[int, str]] = {}  # -> (first row, 编号)

    def admit(self, row: Row, problems: Problems) -> bool:
        """False (and reported) when the row lists a person already listed."""
        number, name = key(row.get("编号", str) or ""), key(row.get("姓名", str) or "")
        if not number:
            return True  # missing 编号: already reported
        first = self.numbers.setdefault(number, row.number)
        if first != row.number:
            message = (
                f"编号「{number}」在第 {first} 行和第 {row.number} 行重复出现；"
                "每位服务对象只登记一次，编号不得重复"
            )
            problems.flag(row, "编号", message)
            return False
        keys = [
            (label, name, value)
            for label, value in (
                ("电话", _digits(row)),
                ("户编号", name_key(row.get("户编号", str) or "")),
            )
            if name and value
        ]
        for same in keys:
            if same in self.same:
                first, other = self.same[same]
                message = (
                    f"与第 {first} 行（编号「{other}」）姓名和{same[0]}都相同，是同一人登记了两次"
                    f"（本行编号「{number}」）；同一人只能登记一次"
                )
                problems.flag(row, "姓名", message)
                return False
        for same in keys:
            self.same[same] = (row.number, number)
        return True


def _digits(row: Row) -> str:
    """The phone's digits, for comparing two rows (validity is checked by `_phone`)."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKC", row.get("电话", str) or "") if ch.isdigit()
    )
