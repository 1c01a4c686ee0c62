"""Synthetic follow-up records (bench, example, demo) and the template's follow-up sheets: what
they hold reads back through the same reader a station's file goes through."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from pinggu import parse_contacts, read_contacts, synthetic_contacts, synthetic_roster
from pinggu._contacts.model import ContactClient, Method
from pinggu._model import Month, months_between
from pinggu._synthetic.contacts import BUSY_DAY, GREETING_NOTE, synthetic_filing
from pinggu._workbook.sheets import CONTACTS, GRADE_CHANGES, HELP_SHEET
from pinggu._workbook.writer import write_roster, write_workbook

START, END = date(2023, 7, 1), date(2024, 4, 30)
WORKERS = {m: [f"SG{i:02d}" for i in range(1, 9)] for m in months_between(START, END)}


def clients(size: int = 300) -> tuple[ContactClient, ...]:
    roster = synthetic_filing(synthetic_roster(7, size=size), START, END, seed=7)
    return parse_contacts(roster, None).clients


def test_the_same_seed_gives_the_same_records_and_another_seed_others() -> None:
    one = synthetic_contacts(clients(), WORKERS, START, END, seed=1)
    assert one == synthetic_contacts(clients(), WORKERS, START, END, seed=1)
    assert one.records != synthetic_contacts(clients(), WORKERS, START, END, seed=2).records


def test_the_records_hold_what_a_reviewer_should_find() -> None:
    people = clients()
    data = synthetic_contacts(people, WORKERS, START, END, seed=3)
    contacted = {r.client for r in data.records}
    assert len(set(c.number for c in people) - contacted) == 1  # one client never contacted
    greetings = [r for r in data.records if r.note == GREETING_NOTE]
    assert greetings and all(r.method is Method.PHONE and r.greeting for r in greetings)
    assert any(r.minutes == 1 and r.note != GREETING_NOTE for r in data.records)  # short calls
    per_day = Counter((r.worker, r.on) for r in data.records)
    assert max(per_day.values()) >= BUSY_DAY
    assert data.changes and all(1 <= c.grade <= 4 for c in data.changes)
    by_number = {c.number: c for c in people}
    for record in data.records:  # only while the client is on the roster, inside the period
        client = by_number[record.client]
        assert START <= record.on <= END
        assert client.filed is None or client.filed <= record.on
        assert client.closed is None or record.on <= client.closed
        assert record.worker in WORKERS[Month.of(record.on)]


def test_grade_one_clients_are_called_about_weekly_and_visited_about_monthly() -> None:
    people = [c for c in clients() if c.grade == 1 and c.filed is None and c.closed is None]
    data = synthetic_contacts(people, WORKERS, START, END, seed=4)
    weeks = (END - START).days / 7
    counted = [r for r in data.records if r.method is not Method.MESSAGE]
    visits = [r for r in data.records if r.method is Method.VISIT]
    assert 1.2 < len(counted) / len(people) / weeks < 2.5
    assert 0.7 < len(visits) / len(people) / (weeks / 4.35) < 1.3


def test_a_month_without_workers_has_no_records() -> None:
    workers = dict(WORKERS)
    del workers[Month(2023, 8)]
    data = synthetic_contacts(clients(), workers, START, END, seed=5)
    assert not [r for r in data.records if Month.of(r.on) == Month(2023, 8)]


def test_synthetic_records_read_back_as_they_were_written(tmp_path: Path) -> None:
    roster = synthetic_filing(synthetic_roster(9, size=120), START, END, seed=9)
    data = synthetic_contacts(parse_contacts(roster, None).clients, WORKERS, START, END, seed=9)
    path = tmp_path / "跟进.xlsx"
    write_roster(path, roster)
    book = openpyxl.load_workbook(path)
    records = book.create_sheet(CONTACTS.name)
    records.append([c.name for c in CONTACTS.columns])
    for r in data.records:
        at = r.on if r.at is None else f"{r.on} {r.at:%H:%M}"
        greeting = "是" if r.greeting else "否"
        records.append([r.client, at, r.method.value, r.worker, r.minutes, greeting, r.note])
    changes = book.create_sheet(GRADE_CHANGES.name)
    changes.append([c.name for c in GRADE_CHANGES.columns])
    for c in data.changes:
        changes.append([c.client, c.on, str(c.grade)])
    book.save(path)
    read = read_contacts(path, period=(START, END), today=END + timedelta(days=1))
    assert read.clients == data.clients and read.changes == data.changes
    assert tuple(replace(r, row=0) for r in read.records) == data.records


def test_the_blank_template_has_the_follow_up_sheets_with_help(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_workbook(path)
    book = openpyxl.load_workbook(path)
    for spec in (CONTACTS, GRADE_CHANGES):
        header = [cell.value for cell in book[spec.name][1]]
        assert header == [c.name for c in spec.columns]
    notes = {c.value: c.comment.text for c in book[CONTACTS.name][1] if c.comment}
    assert "微信或短信问候只记录，不计为电访" in notes["方式"]
    assert "可带时间" in notes["日期"]
    help_text = "\n".join(str(c.value) for row in book[HELP_SHEET].iter_rows() for c in row)
    assert "每次联系一行" in help_text and "每调整一次填一行" in help_text


def test_a_lower_rate_keeps_that_share_of_the_ordinary_contacts() -> None:
    people = clients()
    full = synthetic_contacts(people, WORKERS, START, END, seed=6)
    fifth = synthetic_contacts(people, WORKERS, START, END, seed=6, rate=0.2)
    ordinary = [
        len([r for r in d.records if not r.greeting and r.minutes != 3]) for d in (full, fifth)
    ]
    assert 0.15 < ordinary[1] / ordinary[0] < 0.25


def test_a_planned_station_meets_its_grades_where_it_keeps_its_plan() -> None:
    from contact_rows import EXAMPLE

    from pinggu._contacts.compliance import follow_up
    from pinggu._synthetic.contacts import planned_contacts

    people = clients()
    zones = sorted({c.zone for c in people})
    kept = {zones[0]: 1.0, zones[-1]: 0.7}
    data = planned_contacts(people, WORKERS, START, END, seed=8, kept=kept)
    assert data == planned_contacts(people, WORKERS, START, END, seed=8, kept=kept)
    shares = {z.zone: z.met_share for z in follow_up(data, EXAMPLE, START, END).zones}
    full, behind = shares[zones[0]], shares[zones[-1]]
    assert full is not None and behind is not None
    assert full.value >= 97 and behind.value <= full.value - 15
    wechat = [r for r in data.records if r.method is Method.MESSAGE and r.greeting]
    assert wechat and all(r.note == GREETING_NOTE for r in wechat)
