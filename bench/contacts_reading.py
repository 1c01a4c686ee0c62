"""Reading 兜底 follow-up records at a station's scale (issue 14): how long one station's year of
服务记录 takes to make, to read from an .xlsx, and what the follow-up sheets cost an evaluation
workbook's import (nothing when it has none).

    uv run python bench/contacts_reading.py                 # 1,300 clients, a year, seed 1
    uv run python bench/contacts_reading.py --clients 2000 --repeat 5

Prints: `synthetic_contacts` for the station (records, seconds); `read_contacts` of the same
records written to an .xlsx with the roster (median of --repeat); and `load_workbook` of the
example workbook with and without its 服务对象名册/服务记录/分级变更 sheets (median).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl

from pinggu import load_scheme, load_workbook, read_contacts, synthetic_contacts, synthetic_roster
from pinggu._contacts.records import parse_contacts
from pinggu._model import months_between
from pinggu._workbook.sheets import CONTACTS, GRADE_CHANGES, ROSTER
from pinggu._workbook.writer import write_roster

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "示例街社工服务站-末期评估.xlsx"
START, END = date(2023, 1, 1), date(2023, 12, 31)


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _records_file(folder: Path, clients: int, seed: int) -> tuple[Path, int]:
    roster = synthetic_roster(seed, size=clients)
    workers = {m: [f"SG{i:02d}" for i in range(1, 21)] for m in months_between(START, END)}
    started = time.perf_counter()
    data = synthetic_contacts(parse_contacts(roster, None).clients, workers, START, END, seed=seed)
    print(f"synthetic_contacts：{len(data.records)} 条，{time.perf_counter() - started:.2f} 秒")
    path = folder / "records.xlsx"
    write_roster(path, roster)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet(CONTACTS.name)
    sheet.append([c.name for c in CONTACTS.columns])
    for r in data.records:
        on = f"{r.on} {r.at:%H:%M}" if r.at else r.on
        greeting = "是" if r.greeting else "否"
        sheet.append([r.client, on, r.method.value, r.worker, r.minutes, greeting, r.note])
    book.save(path)
    return path, len(data.records)


def _without_follow_up(folder: Path) -> Path:
    book = openpyxl.load_workbook(io.BytesIO(EXAMPLE.read_bytes()))
    for name in (ROSTER.name, CONTACTS.name, GRADE_CHANGES.name):
        if name in book.sheetnames:
            del book[name]
    path = folder / "without.xlsx"
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scheme = load_scheme("guangzhou-2023")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, count = _records_file(folder, args.clients, args.seed)
        seconds = _median(lambda: read_contacts(path, period=(START, END)), args.repeat)
        print(f"read_contacts（.xlsx，{count} 条）：{seconds:.2f} 秒")
        without = _without_follow_up(folder)
        for label, book in (("带跟进表", EXAMPLE), ("不带跟进表", without)):
            seconds = _median(lambda book=book: load_workbook(book, scheme), args.repeat * 5)
            print(f"load_workbook 示例工作簿（{label}）：{seconds * 1000:.1f} 毫秒")


if __name__ == "__main__":
    main()
