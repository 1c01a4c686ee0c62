"""Reading 兜底 follow-up data (docs/contacts.md): 服务记录 and 分级变更 against the roster, the
period, today and 到岗, every problem located and all at once, nothing returned when any."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from roster_rows import HEADER, client_row
from workbook_rows import valid_sheets, xlsx_book

from pinggu._contacts.model import ContactData, Method
from pinggu._contacts.records import parse_contacts, read_contacts
from pinggu._errors import Problem, WorkbookError
from pinggu._model import AttendanceRow, Month
from pinggu._roster import Roster, parse_roster
from pinggu._scheme import load_scheme
from pinggu._serial import evaluation_from_dict, evaluation_to_dict
from pinggu._sheets.cells import Bad, cell_value
from pinggu._sheets.columns import Column, ValueKind
from pinggu._workbook.importer import parse_workbook

RECORDS = ["服务对象编号", "日期", "方式", "社工", "时长（分钟）", "节日慰问", "备注"]
CHANGES = ["服务对象编号", "日期", "分级"]
ROSTER_HEADER = [*HEADER, "建档日期", "结案日期"]
PERIOD = (date(2024, 1, 1), date(2024, 3, 31))
SCHEME = load_scheme("guangzhou-2023")


def roster_rows() -> list[list[object]]:
    return [
        ROSTER_HEADER,
        [*client_row("C1", "第一片区", level=1), "", ""],
        [*client_row("C2", "第一片区", level=2, phone=""), "2024-02-10", ""],  # no phone
        [*client_row("C3", "第二片区", community="丙社区", level=3), "", "2024-02-15"],
    ]


def roster() -> Roster:
    return parse_roster(roster_rows())


def attendance(worker: str, month: str, value: str = "1") -> AttendanceRow:
    return AttendanceRow(
        worker, f"社工{worker}", "社工", Month.parse(month) or Month(2024, 1), Decimal(value),
        certified=False, experienced=False, insured=True, paid=True, note="",
    )  # fmt: skip


def problems_of(
    records: list[list[object]], **options: object
) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(WorkbookError) as caught:
        parse_contacts(roster(), [RECORDS, *records], **options)  # type: ignore[arg-type]
    return [(p.row, p.column, p.message) for p in caught.value.problems]


# --- what is read -------------------------------------------------------------------------------


def test_a_record_is_read_with_its_time_and_the_methods_people_write() -> None:
    data = parse_contacts(
        roster(),
        [
            ["社工站服务记录导出（2024年第一季度）"],  # a title line above the header
            RECORDS,
            [" C1 ", "2024/3/5 14:30", "电话", "sg01", 12, "是", "春节前慰问"],
            ["Ｃ1", "2024年3月6日", "家访", "SG01", "", "", ""],
            ["C2", 45363.75, "微信", "SG02", 3.4, "否", "微信节日问候"],
            ["C3", datetime(2024, 1, 8, 9, 5), "入户探访", "SG01", "", "", ""],
        ],
    )
    one, two, three, four = data.records
    assert (one.client, one.on, one.at, one.method, one.worker) == (
        "C1", date(2024, 3, 5), time(14, 30), Method.PHONE, "SG01",
    )  # fmt: skip
    assert (one.minutes, one.greeting, one.note, one.row) == (12, True, "春节前慰问", 3)
    assert (two.client, two.at, two.method, two.minutes, two.greeting) == (
        "C1", None, Method.VISIT, None, False,
    )  # fmt: skip
    assert (three.on, three.at, three.method, three.minutes) == (
        date(2024, 3, 12), time(18, 0), Method.MESSAGE, 3,
    )  # fmt: skip
    assert (four.on, four.at) == (date(2024, 1, 8), time(9, 5))
    assert data.notices == ("工作表「服务记录」：第 1 行在列名（第 2 行）之上，作为标题未读取",)


def test_clients_without_a_phone_are_followed_up_too() -> None:
    data = parse_contacts(roster(), None)
    assert [c.number for c in data.clients] == ["C1", "C3", "C2"]
    c2 = next(c for c in data.clients if c.number == "C2")
    assert (c2.zone, c2.grade, c2.filed, c2.closed) == ("第一片区", 2, date(2024, 2, 10), None)
    assert data.records == () and data.changes == ()


def test_a_record_for_a_closed_client_is_read() -> None:
    # C3 was closed on 2024-02-15; whether a later contact counts is for the rules to say
    data = parse_contacts(roster(), [RECORDS, ["C3", "2024-03-01", "电访", "SG01", "", "", ""]])
    assert [(r.client, r.on) for r in data.records] == [("C3", date(2024, 3, 1))]


def test_grade_changes_are_read() -> None:
    changes = [CHANGES, ["C1", "2024-02-01", "二级"], ["C3", date(2024, 1, 15), 4.0]]
    data = parse_contacts(roster(), None, changes)
    assert [(c.client, c.on, c.grade) for c in data.changes] == [
        ("C1", date(2024, 2, 1), 2), ("C3", date(2024, 1, 15), 4),
    ]  # fmt: skip


def test_the_same_record_twice_is_counted_once_with_a_notice_naming_both_rows() -> None:
    row = ["C1", "2024-03-05 10:00", "电访", "SG01", 5, "", ""]
    later = ["C1", "2024-03-05 11:00", "电访", "SG01", 5, "", ""]  # another call that day
    data = parse_contacts(roster(), [RECORDS, row, later, list(row)])
    assert [r.row for r in data.records] == [2, 3]
    assert data.notices == (
        "工作表「服务记录」：第 4 行与第 2 行是同一条记录（服务对象、日期、时间、方式、社工都相同），只计一次",
    )


# --- what is refused, located -------------------------------------------------------------------


def test_every_problem_is_located_at_once() -> None:
    posts = [attendance("SG01", "2024-01"), attendance("SG01", "2024-02", "0")]
    found = problems_of(
        [
            ["C9", "2024-01-05", "电访", "SG01", "", "", ""],  # 2: unknown client
            ["C1", "2024-01-06", "电访", "SG07", "", "", ""],  # 3: not in 到岗
            ["C1", "2024-02-06", "电访", "SG01", "", "", ""],  # 4: 到岗 0 that month
            ["C1", "2024-03-06", "电访", "SG01", "", "", ""],  # 5: no 到岗 row that month
            ["C1", "2023-12-31", "电访", "SG01", "", "", ""],  # 6: before the period
            ["C1", "2024-01-20", "飞鸽传书", "SG01", "", "", ""],  # 7: unknown 方式
            ["C1", "2024-01-21", "电访", "SG01", -5, "", ""],  # 8: negative 时长
            ["C1", "2024-01-22", "电访", "SG01", 601, "", ""],  # 9: absurd 时长
            ["C1", "2024-01-23 25:10", "电访", "SG01", "", "", ""],  # 10: no such time
        ],
        period=PERIOD,
        attendance=posts,
    )
    assert found == [
        (2, "服务对象编号", "应为「服务对象名册」中的编号，实为「C9」"),
        (3, "社工", "应为「到岗」表中的人员编号或姓名，实为「SG07」"),
        (4, "社工", "社工「SG01」2024-02 在「到岗」表中到岗为 0，不能有当月的服务记录"),
        (5, "社工", "社工「SG01」2024-03 在「到岗」表中没有到岗记录，不能有当月的服务记录"),
        (6, "日期", "应在考核期 2024-01-01 至 2024-03-31 之内，实为「2023-12-31」"),
        (
            7,
            "方式",
            "应为「电访」、「入户探访」、「来访」、「外展」、「微信或短信」、「其他」之一，实为「飞鸽传书」",
        ),
        (8, "时长（分钟）", "应为不小于 0 的数字，实为「-5」"),
        (9, "时长（分钟）", "应为不超过 600 的分钟数（超过 10 小时不合常理），实为「601」"),
        (10, "日期", "时间「2024-01-23 25:10」不存在，请检查时和分"),
    ]


def test_a_date_after_today_is_refused() -> None:
    found = problems_of([["C1", "2024-03-06", "电访", "SG01", "", "", ""]], today=date(2024, 3, 5))
    assert found == [(2, "日期", "不能晚于今天（2024-03-05），实为「2024-03-06」")]


def test_problems_of_one_kind_in_one_column_are_given_once_listing_the_rows() -> None:
    rows = [["C9", "2024-01-05", "电访", "SG01", "", "", ""] for _ in range(3)]
    rows[1][0] = "C8"
    found = problems_of(rows)
    assert found == [
        (
            2,
            "服务对象编号",
            "应为「服务对象名册」中的编号，实为「C9」、「C8」（共 3 处：第 2–4 行）",
        )
    ]


def test_grade_changes_are_checked() -> None:
    changes = [
        CHANGES,
        ["C9", "2024-02-01", "2"],  # unknown client
        ["C1", "2024-02-01", "5"],  # no grade 5
        ["C1", "2024-02-03", "2"],
        ["C1", "2024-02-03", "3"],  # two grades on one day
    ]
    with pytest.raises(WorkbookError) as caught:
        parse_contacts(roster(), [RECORDS], changes)
    assert [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems] == [
        ("分级变更", 2, "服务对象编号", "应为「服务对象名册」中的编号，实为「C9」"),
        ("分级变更", 3, "分级", "应为「1」、「2」、「3」或「4」，实为「5」"),
        (
            "分级变更",
            5,
            "分级",
            "服务对象「C1」2024-02-03 的分级在第 4 行为 2 级，此处为 3 级；同一天只能有一个分级",
        ),
    ]


def test_a_case_closed_before_it_was_filed_is_refused() -> None:
    rows = roster_rows()
    rows[1][-2:] = ["2024-02-01", "2024-01-15"]
    with pytest.raises(WorkbookError) as caught:
        parse_roster(rows)
    assert [(p.row, p.column, p.message) for p in caught.value.problems] == [
        (2, "结案日期", "结案日期 2024-01-15 早于建档日期 2024-02-01；请检查两个日期")
    ]


# --- the roster's draw is unchanged ---------------------------------------------------------------


def test_a_roster_without_the_new_columns_keeps_its_fingerprint() -> None:
    # the value computed for this roster before 建档日期 and 结案日期 existed (commit e419917)
    rows = [HEADER, client_row("C1"), client_row("C2", level=1)]
    assert parse_roster(rows).fingerprint() == (
        "40a99f8a52ccbd1a1b19ece29f33f11763ea0f6b212a9e020c68eef9e98aedbe"
    )


def test_filing_dates_change_the_fingerprint() -> None:
    plain = parse_roster([[*HEADER, "建档日期"], [*client_row("C1"), ""]])
    dated = parse_roster([[*HEADER, "建档日期"], [*client_row("C1"), "2024-01-02"]])
    assert plain.fingerprint() == parse_roster([HEADER, client_row("C1")]).fingerprint()
    assert dated.fingerprint() != plain.fingerprint()


# --- files ---------------------------------------------------------------------------------------


def test_records_in_a_gb18030_csv(tmp_path: Path) -> None:
    roster_file = tmp_path / "名册.xlsx"
    xlsx_book({"服务对象名册": roster_rows()}).save(roster_file)
    csv_file = tmp_path / "记录.csv"
    lines = [
        ",".join(RECORDS),
        "C1,2024/1/5 9:30,电访,SG01,10,否,",
        "C2,2024年2月20日,家访,SG02,,,独居",
    ]
    csv_file.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    data = read_contacts(roster_file, csv_file, period=PERIOD)
    assert [(r.client, r.on, r.at, r.method, r.note) for r in data.records] == [
        ("C1", date(2024, 1, 5), time(9, 30), Method.PHONE, ""),
        ("C2", date(2024, 2, 20), None, Method.VISIT, "独居"),
    ]


def test_a_csv_problem_names_the_file_as_the_user_named_it(tmp_path: Path) -> None:
    roster_file = tmp_path / "名册.xlsx"
    xlsx_book({"服务对象名册": roster_rows()}).save(roster_file)
    csv_file = tmp_path / "upload-1234"
    csv_file.write_text(",".join(RECORDS) + "\nC7,2024-01-05,电访,SG01,,,\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_contacts(roster_file, csv_file, records_name="一月记录.csv")
    assert caught.value.problems == [
        Problem("一月记录.csv", "应为「服务对象名册」中的编号，实为「C7」", 2, "服务对象编号")
    ]


def test_roster_records_and_grade_changes_in_one_workbook(tmp_path: Path) -> None:
    path = tmp_path / "跟进.xlsx"
    book = xlsx_book(
        {
            "服务对象名册": roster_rows(),
            "服务记录": [RECORDS, ["C1", "2024-01-05", "入户探访", "SG01", 30, "", ""]],
            "分级变更": [CHANGES, ["C1", "2024-02-01", "2"]],
        }
    )
    book.save(path)
    data = read_contacts(path)
    assert [(r.client, r.method, r.minutes) for r in data.records] == [("C1", Method.VISIT, 30)]
    assert [(c.client, c.grade) for c in data.changes] == [("C1", 2)]


def test_a_workbook_without_the_records_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "名册.xlsx"
    xlsx_book({"服务对象名册": roster_rows(), "其他": [["x"]]}).save(path)
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path)
    assert "找不到工作表「服务记录」" in caught.value.problems[0].message


# --- the evaluation workbook -----------------------------------------------------------------------


@pytest.mark.parametrize("twin", ["服务对象名册 ", "服务记录 ", "分级变更 "])
def test_a_follow_up_file_with_two_sheets_for_one_is_refused(tmp_path: Path, twin: str) -> None:
    sheets: dict[str, list[list[object]]] = {
        "服务对象名册": roster_rows(),
        "服务记录": [RECORDS, ["C1", "2024-01-05", "电访", "W01", "", "", ""]],
        "分级变更": [CHANGES, ["C1", "2024-02-01", "2"]],
    }
    sheets[twin] = [row.copy() for row in sheets[twin.strip()]]
    path = tmp_path / "跟进.xlsx"
    xlsx_book(sheets).save(path)
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path)
    (problem,) = caught.value.problems
    assert problem.sheet == twin and f"与工作表「{twin.strip()}」都对应" in problem.message


def follow_up_sheets() -> dict[str, list[list[object]]]:
    sheets = valid_sheets()
    sheets["服务对象名册"] = roster_rows()
    sheets["服务记录"] = [
        RECORDS,
        ["C1", "2024-01-05 09:30", "电访", "W01", 10, "", ""],
        ["C3", "2024-02-05", "入户探访", "w02", "", "是", ""],
    ]
    sheets["分级变更"] = [CHANGES, ["C1", "2024-02-01", "2"]]
    return sheets


def test_the_evaluation_carries_its_contacts_and_keeps_them_through_json() -> None:
    evaluation = parse_workbook(follow_up_sheets(), SCHEME)
    assert evaluation.contacts is not None
    assert [(r.client, r.worker, r.at) for r in evaluation.contacts.records] == [
        ("C1", "W01", time(9, 30)), ("C3", "W02", None),
    ]  # fmt: skip
    assert len(evaluation.contacts.clients) == 3 and len(evaluation.contacts.changes) == 1
    payload = json.dumps(evaluation_to_dict(evaluation), ensure_ascii=False)
    assert "测试C1" not in payload and "13900" not in payload  # no name, no phone
    assert evaluation_from_dict(json.loads(payload)) == evaluation


def test_workbook_records_are_checked_against_its_period_and_its_workers() -> None:
    sheets = follow_up_sheets()
    sheets["服务记录"].append(["C1", "2024-04-02", "电访", "W01", "", "", ""])
    sheets["服务记录"].append(["C1", "2024-01-10", "电访", "W09", "", "", ""])
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    assert [(p.sheet, p.row, p.column) for p in caught.value.problems] == [
        ("服务记录", 4, "日期"), ("服务记录", 5, "社工"),
    ]  # fmt: skip


def test_records_without_a_roster_are_refused() -> None:
    sheets = follow_up_sheets()
    del sheets["服务对象名册"]
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert problem.sheet == "服务对象名册" and "没有「服务对象名册」表" in problem.message


@pytest.mark.parametrize("canonical", ["服务记录", "服务对象名册", "分级变更"])
def test_a_second_follow_up_sheet_is_refused_naming_both(canonical: str) -> None:
    sheets = follow_up_sheets()
    twin = f"{canonical[:2]}　{canonical[2:]}"  # a full-width space: the same sheet
    sheets[twin] = [row.copy() for row in sheets[canonical]]
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert problem.sheet == twin
    assert f"与工作表「{canonical}」都对应「{canonical}」表" in problem.message


def test_a_second_roster_is_refused_even_without_records() -> None:
    # the web stores a workbook's roster (docs/contacts.md): which of two it took would be a guess
    sheets = valid_sheets()
    sheets["服务对象名册"] = roster_rows()
    sheets["服务对象名册 "] = roster_rows()[:2]
    with pytest.raises(WorkbookError, match="与工作表「服务对象名册」都对应「服务对象名册」表"):
        parse_workbook(sheets, SCHEME)


def test_a_workbook_without_records_has_no_contacts() -> None:
    sheets = valid_sheets()
    sheets["服务对象名册"] = roster_rows()
    sheets["服务记录"] = [RECORDS]  # the blank template's empty sheet
    assert parse_workbook(sheets, SCHEME).contacts is None
    assert parse_workbook(valid_sheets(), SCHEME).contacts is None


# --- row order ---------------------------------------------------------------------------------


ROWS = [
    ["C1", "2024-01-05 09:30", "电访", "SG01", 10, "", ""],
    ["C1", "2024-01-05 09:30", "电访", "SG01", 10, "", ""],  # the same record again
    ["C2", "2024-02-15", "家访", "SG02", "", "是", "独居"],
    ["C3", "2024-01-20", "微信", "SG01", 1, "", "微信节日问候"],
    ["C3", "2024-01-20", "电访", "SG01", 8, "", ""],
    ["C1", "2024-03-01", "来访", "SG02", "", "", ""],
]


@settings(max_examples=40, deadline=None)
@given(st.permutations(ROWS))
def test_row_order_does_not_change_what_is_read(rows: list[list[object]]) -> None:
    def read(order: list[list[object]]) -> tuple[ContactData, set[object]]:
        data = parse_contacts(roster(), [RECORDS, *order])
        return data, {replace(r, row=0) for r in data.records}

    data, records = read(rows)
    expected, expected_records = read(ROWS)
    assert records == expected_records and len(data.records) == len(expected.records) == 5
    assert set(data.clients) == set(expected.clients)


def test_a_roster_nobody_can_be_called_on_is_followed_up_though_it_cannot_be_drawn(
    tmp_path: Path,
) -> None:
    rows = [ROSTER_HEADER, [*client_row("C1", "第一片区", phone=""), "", ""]]
    with pytest.raises(WorkbookError):
        parse_roster(rows)  # for the draw
    path = tmp_path / "跟进.xlsx"
    records = [RECORDS, ["C1", "2024-01-05", "入户探访", "W01", "", "", ""]]
    xlsx_book({"服务对象名册": rows, "服务记录": records}).save(path)
    assert [r.client for r in read_contacts(path).records] == ["C1"]
    sheets = valid_sheets()
    sheets["服务对象名册"], sheets["服务记录"] = rows, records
    contacts = parse_workbook(sheets, SCHEME).contacts
    assert contacts is not None and [c.number for c in contacts.clients] == ["C1"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("２０２４／３／５　１４：３０", datetime(2024, 3, 5, 14, 30)),
        ("2024年3月5日14时30分", datetime(2024, 3, 5, 14, 30)),
        ("2024年3月5日 9时", datetime(2024, 3, 5, 9, 0)),
        ("2024-03-05T08:05:09", datetime(2024, 3, 5, 8, 5, 9)),
        ("2024/3/5 0:00", date(2024, 3, 5)),  # midnight: no time given
        (45356.5, datetime(2024, 3, 5, 12, 0)),
        (45356, date(2024, 3, 5)),
        (datetime(2024, 3, 5), date(2024, 3, 5)),
    ],
)
def test_a_date_is_read_with_or_without_its_time(typed: object, read: date) -> None:
    value = cell_value(typed, Column("日期", ValueKind.DATETIME), ())
    assert value == read and type(value) is type(read)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2024-02-30 10:00", "日期「2024-02-30」不存在，请检查月份和日"),
        ("2024-02-03 10:61", "时间「2024-02-03 10:61」不存在，请检查时和分"),
        (
            "下午三点",
            "应为日期，可带时间（如 2024-06-07、2024/6/7 14:30 或 2024年6月7日 14:30），实为「下午三点」",
        ),
    ],
)
def test_a_date_that_cannot_be_is_refused_saying_why(typed: str, message: str) -> None:
    with pytest.raises(Bad) as caught:
        cell_value(typed, Column("日期", ValueKind.DATETIME), ())
    assert caught.value.message == message
