"""The benchmark city of bench/contacts_city.py: generated, saved, sliced by station.

A seeded synthetic city written straight into the contract's three Arrow tables (clients,
changes, records; docs/contacts.md) with numpy and pyarrow, never one Python object per row, so
that ten million records take seconds; saved as Arrow IPC files that each measuring process
memory-maps; one station's slice as the `ContactData` its pages read, or as the workbook a
station keeps (服务对象名册, 分级变更, 服务记录). tests/test_bench_contacts_baseline.py uses the
small city (`QUICK`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

EPOCH = date(1970, 1, 1)
METHODS = ("电访", "入户探访", "来访", "外展", "微信或短信", "其他")
METHOD_SHARE = (0.60, 0.22, 0.06, 0.05, 0.03, 0.04)
GRADE_SHARE = (0.10, 0.20, 0.30, 0.40)
RATE = (130.0, 60.0, 30.0, 15.0)  # records per client-year by grade, before scaling to the total
NOTES = ("", "微信节日问候", "家属代接", "未接通，改日再联系", "陪同就医")
ZONES = ("一片区", "二片区", "三片区", "四片区", "五片区")
COMMUNITIES = tuple(
    f"{name}社区"
    for name in [
        "东风",
        "南华",
        "西湖",
        "北山",
        "中和",
        "和平",
        "平安",
        "安康",
        "康乐",
        "乐民",
        "福星",
        "寿星",
        "永兴",
        "兴隆",
        "新华",
        "华林",
        "光明",
        "明珠",
    ]
)


@dataclass(frozen=True)
class Size:
    stations: int
    clients: int
    records: int
    start: date
    end: date


FULL = Size(176, 250_000, 10_000_000, date(2023, 1, 1), date(2023, 12, 31))
# A contract year that starts mid-month: partial months and quarters at both ends.
QUICK = Size(6, 3_000, 120_000, date(2023, 2, 15), date(2024, 2, 14))


@dataclass(frozen=True)
class City:
    clients: pa.Table
    changes: pa.Table
    records: pa.Table


# ---------------------------------------------------------------------------------- generate


def _days(d: date) -> int:
    return (d - EPOCH).days


def _texts(prefix: str, count: int, width: int) -> pa.Array:
    return pa.array([f"{prefix}{i:0{width}d}" for i in range(1, count + 1)], pa.string())


def _dates(days: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    return pa.array(days.astype(np.int32), type=pa.date32(), mask=missing)


def _month_start(days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64)


def generate(size: Size, seed: int) -> City:
    """A seeded city in the contract's three Arrow tables, vectorised throughout.

    Stations of varied size (3–5 片区, 8–18 社区, 20–35 workers); clients graded 10/20/30/40%
    (grade 1 to 4), about 30% filed before the period with a date, 15% filed during it, 6%
    closed during it, 12% with one or two 分级变更; a fifth of those dates on the 1st of a month
    (the boundaries). Records spread over each client's time on the roster at a rate that grows
    with the grade, a few anywhere in the period; 方式 mixed (3% 微信或短信), 时长 missing on
    a fifth, some 节日慰问 and 备注; no two records alike in client, day, 方式 and 社工 (a
    reader counts such a pair once)."""
    rng = np.random.default_rng(seed)
    start, end = _days(size.start), _days(size.end)
    span = end - start + 1
    s = size.stations
    per_station = rng.multinomial(size.clients, (w := rng.uniform(0.6, 1.4, s)) / w.sum())
    n = int(per_station.sum())
    station = np.repeat(np.arange(s), per_station)
    first_row = np.concatenate([[0], np.cumsum(per_station)[:-1]])
    local = np.arange(n) - first_row[station]
    zones = rng.integers(3, 6, s)
    communities = rng.integers(np.maximum(8, 2 * zones), 19)
    workers = rng.integers(20, 36, s)
    community = (rng.random(n) * communities[station]).astype(np.int64)
    new_household = rng.random(n) < 0.75
    new_household[first_row] = True
    household = np.cumsum(new_household) - 1
    household -= household[first_row][station]
    grade = rng.choice(4, n, p=GRADE_SHARE).astype(np.int8) + 1

    kind = rng.random(n)
    filed = np.where(kind < 0.30, start - rng.integers(1, 1500, n), 0)
    mid = kind >= 0.85
    filed = np.where(mid, start + rng.integers(0, span, n), filed)
    snap = rng.random(n) < 0.2
    filed = np.where(mid & snap, np.maximum(_month_start(filed), start), filed)
    no_filed = (kind >= 0.30) & ~mid
    lo = np.where(no_filed, start, np.maximum(filed, start))
    is_closed = rng.random(n) < 0.06
    closed = lo + (rng.random(n) * (end - lo + 1)).astype(np.int64)
    closed = np.where(rng.random(n) < 0.2, np.maximum(_month_start(closed), lo), closed)
    hi = np.where(is_closed, closed, end)

    stations = _texts("S", s, 3)
    clients = pa.table(
        {
            "station": stations.take(station),
            "number": _texts("C", int(per_station.max()), 5).take(local),
            "household": _texts("H", int(household.max()) + 1, 5).take(household),
            "zone": pa.array(ZONES).take(community % zones[station]),
            "community": pa.array(COMMUNITIES).take(community),
            "grade": pa.array(grade, pa.int8()),
            "filed": _dates(filed, no_filed),
            "closed": _dates(closed, ~is_closed),
        }
    )
    changes = _changes(rng, stations, clients, station, grade, start, span)
    records = _records(rng, size.records, stations, clients, station, workers, grade, lo, hi)
    return City(clients, changes, records)


def _changes(
    rng: np.random.Generator,
    stations: pa.Array,
    clients: pa.Table,
    station: np.ndarray,
    grade: np.ndarray,
    start: int,
    span: int,
) -> pa.Table:
    n = len(grade)
    count = rng.choice(3, n, p=(0.88, 0.09, 0.03))
    who = np.repeat(np.arange(n), count)
    on = start + rng.integers(0, span, len(who))
    on = np.where(rng.random(len(who)) < 0.2, np.maximum(_month_start(on), start), on)
    new = ((grade[who].astype(np.int64) - 1 + rng.integers(1, 4, len(who))) % 4 + 1).astype(np.int8)
    _, keep = np.unique(who * 100_000 + (on - start), return_index=True)  # one change a day
    keep.sort()
    who, on, new = who[keep], on[keep], new[keep]
    return pa.table(
        {
            "station": stations.take(station[who]),
            "client": clients["number"].take(pa.array(who)),
            "on": _dates(on),
            "grade": pa.array(new, pa.int8()),
        }
    )


def _records(
    rng: np.random.Generator,
    total: int,
    stations: pa.Array,
    clients: pa.Table,
    station: np.ndarray,
    workers: np.ndarray,
    grade: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> pa.Table:
    days = (hi - lo + 1).astype(np.float64)
    expected = np.asarray(RATE)[grade - 1] * days / 365.0
    count = rng.poisson(expected * total / expected.sum())
    who = np.repeat(np.arange(len(grade)), count)
    m = len(who)
    on = lo[who] + (rng.random(m) * days[who]).astype(np.int64)
    anywhere = rng.random(m) < 0.003  # recorded outside the client's time on the roster
    first, last = int(lo.min()), int(hi.max())
    on = np.where(anywhere, first + rng.integers(0, last - first + 1, m), on)
    method = rng.choice(len(METHODS), m, p=METHOD_SHARE)
    worker = (rng.random(m) * workers[station[who]]).astype(np.int64)
    # As a reader gives them: the same client, day, 方式 and 社工 twice is one record.
    key = ((who * 40_000 + (on - first)) * len(METHODS) + method) * 64 + worker
    _, keep = np.unique(key, return_index=True)
    keep.sort()
    who, on, method, worker = who[keep], on[keep], method[keep], worker[keep]
    m = len(who)
    minutes = rng.lognormal(np.log(np.where(method == 1, 40.0, 12.0)), 0.7).astype(np.int32) + 1
    minutes = np.minimum(minutes, 300)  # 时长 over 600 minutes is refused as implausible
    message = method == METHODS.index("微信或短信")
    greeting = rng.random(m) < np.where(message, 0.4, 0.02)
    note = np.where(rng.random(m) < 0.03, rng.integers(1, len(NOTES), m), 0)
    return pa.table(
        {
            "station": stations.take(station[who]),
            "client": clients["number"].take(pa.array(who)),
            "on": _dates(on),
            "method": pa.array(METHODS).take(method),
            "worker": _texts("SG", 40, 2).take(worker),
            "minutes": pa.array(minutes, pa.int32(), mask=rng.random(m) < 0.2),
            "greeting": pa.array(greeting),
            "note": pa.array(NOTES).take(note),
        }
    )


def digest(city: City) -> str:
    """A short hash of the three tables: the same seed and size give the same digest."""
    h = hashlib.sha256()
    for table in (city.clients, city.changes, city.records):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        h.update(sink.getvalue())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------- files


def save(city: City, folder: Path) -> None:
    for name in ("clients", "changes", "records"):
        table: pa.Table = getattr(city, name)
        with (
            pa.OSFile(str(folder / f"{name}.arrow"), "wb") as sink,
            pa.ipc.new_file(sink, table.schema) as writer,
        ):
            writer.write_table(table, max_chunksize=1_000_000)


def load(folder: Path) -> City:
    """Memory-mapped: the pages count in a process's memory as they are touched."""

    def read(name: str) -> pa.Table:
        return pa.ipc.open_file(pa.memory_map(str(folder / f"{name}.arrow"))).read_all()

    return City(read("clients"), read("changes"), read("records"))


def station_bounds(table: pa.Table) -> dict[str, tuple[int, int]]:
    """Each station's (offset, length) in a table sorted by station, as the generator writes."""
    encoded = table["station"].combine_chunks().dictionary_encode()
    codes = encoded.indices.to_numpy()
    starts = np.flatnonzero(np.diff(codes, prepend=-1))
    ends = np.append(starts[1:], len(codes))
    names = encoded.dictionary.to_pylist()
    return {names[codes[a]]: (int(a), int(b - a)) for a, b in zip(starts, ends, strict=True)}


def station_slice(city: City, station: str) -> City:
    parts = []
    for table in (city.clients, city.changes, city.records):
        offset, length = station_bounds(table).get(station, (0, 0))
        parts.append(table.slice(offset, length))
    return City(*parts)


def contact_data(city: City) -> Any:
    """One station's tables as the `ContactData` its pages read (station column dropped)."""
    from pinggu._contacts.model import (
        ContactClient,
        ContactData,
        ContactRecord,
        GradeChange,
        Method,
    )

    clients = tuple(
        ContactClient(
            number=c["number"],
            household=c["household"],
            zone=c["zone"],
            community=c["community"],
            grade=c["grade"],
            filed=c["filed"],
            closed=c["closed"],
        )
        for c in city.clients.to_pylist()
    )
    changes = tuple(
        GradeChange(client=c["client"], on=c["on"], grade=c["grade"])
        for c in city.changes.to_pylist()
    )
    methods = {m.value: m for m in Method}
    records = tuple(
        ContactRecord(
            client=r["client"],
            on=r["on"],
            method=methods[r["method"]],
            worker=r["worker"],
            minutes=r["minutes"],
            greeting=r["greeting"],
            note=r["note"],
        )
        for r in city.records.to_pylist()
    )
    return ContactData(clients, changes, records)


ROSTER_HEADER = (
    "编号",
    "姓名",
    "户编号",
    "片区",
    "社区",
    "类别",
    "分级",
    "电话",
    "建档日期",
    "结案日期",
)
RECORDS_HEADER = ("服务对象编号", "日期", "方式", "社工", "时长（分钟）", "节日慰问", "备注")
CHANGES_HEADER = ("服务对象编号", "日期", "分级")


def write_station_xlsx(one: City, path: Path) -> None:
    """The station's roster, 分级变更 and year of records in one workbook, as a station keeps it."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    roster = book.create_sheet("服务对象名册")
    roster.append(ROSTER_HEADER)
    for i, c in enumerate(one.clients.to_pylist()):
        roster.append(
            (
                c["number"],
                f"对象{i + 1}",
                c["household"],
                c["zone"],
                c["community"],
                "低保",
                c["grade"],
                f"139{i:08d}",
                c["filed"],
                c["closed"],
            )
        )
    changes = book.create_sheet("分级变更")
    changes.append(CHANGES_HEADER)
    for g in one.changes.to_pylist():
        changes.append((g["client"], g["on"], g["grade"]))
    records = book.create_sheet("服务记录")
    records.append(RECORDS_HEADER)
    for r in one.records.to_pylist():
        records.append(
            (
                r["client"],
                r["on"],
                r["method"],
                r["worker"],
                r["minutes"],
                "是" if r["greeting"] else "否",
                r["note"] or None,
            )
        )
    book.save(path)
