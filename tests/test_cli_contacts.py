"""`pinggu contacts` as a station runs it: on its evaluation workbook, or on a roster and records
exported from another platform; the period it judges and where that period came from; and the
located, Chinese refusals (exit status 2, nothing else printed)."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import Workbook

from pinggu.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "示例街社工服务站-末期评估.xlsx"
ROSTER_HEADER = ["编号", "姓名", "户编号", "片区", "社区", "类别", "分级", "电话", "备注"]
RECORDS_HEADER = ["服务对象编号", "日期", "方式", "社工", "时长（分钟）", "节日慰问", "备注"]
ROSTER = [
    ["C001", "张一", "H001", "东片区", "甲社区", "低保", "1", "13900000001", ""],
    ["C002", "李二", "H002", "东片区", "甲社区", "特困", "3", "13900000002", ""],
    ["C003", "王三", "H003", "西片区", "乙社区", "低保", "4", "13900000003", ""],
]
RECORDS = [
    ["C001", "2023-03-06", "电访", "SG01", "10", "否", ""],
    ["C001", "2023-03-15", "入户探访", "SG01", "40", "否", ""],
    ["C002", "2023-04-03", "电访", "SG02", "8", "否", ""],
    ["C003", "2023-05-20", "微信或短信", "SG02", "", "是", "端午问候"],
]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _files(tmp_path: Path, records: list[list[str]] = RECORDS) -> tuple[Path, Path]:
    return (
        _csv(tmp_path / "名册.csv", [ROSTER_HEADER, *ROSTER]),
        _csv(tmp_path / "服务记录.csv", [RECORDS_HEADER, *records]),
    )


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["contacts", *args, "--json"]) == 0
    doc: dict[str, object] = json.loads(capsys.readouterr().out)
    return doc


def test_it_prints_the_example_stations_follow_up_over_its_period(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["contacts", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "【困难群众跟进情况】" in out and "考核期取自工作簿「基本信息」" in out
    assert "示例频次，各区应替换为本区的规定" in out
    for zone in ("第一片区", "第二片区", "第三片区"):
        assert zone in out
    assert "按片区、分级、期间的达标情况" in out and "需要留意的记录" in out


def test_the_json_rolls_up_from_the_client_rows_and_lists_who_is_overdue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = _json(capsys, str(EXAMPLE), "--on", "2024-06-28")
    clients = doc["clients"]
    compliance = doc["compliance"]
    assert isinstance(clients, list) and isinstance(compliance, list) and compliance
    judged: dict[tuple[str, int, str], list[bool]] = defaultdict(list)
    for row in clients:
        assert row["grade"] in (1, 2, 3, 4)
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])", row["period"])
        judged[(row["zone"], row["grade"], row["period"])].append(row["met"])
    for row in compliance:
        met = judged[(row["zone"], row["grade"], row["period"])]
        assert (row["clients"], row["met"]) == (len(met), sum(met))
    overdue = doc["overdue"]
    assert isinstance(overdue, list)
    days = [o["days_overdue"] for o in overdue]
    assert days == sorted(days, reverse=True) and all(d >= 0 for d in days)
    for o in overdue:
        assert set(o) >= {"client", "zone", "grade", "last_contact", "due", "days_overdue"}
    patterns = doc["patterns"]
    assert isinstance(patterns, list)
    for p in patterns:
        assert p["kind"] and p["detail"] and ("client" in p or "worker" in p)


def test_without_a_workbook_period_it_judges_the_whole_months_the_records_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster, records = _files(tmp_path)
    doc = _json(capsys, str(roster), str(records))
    assert doc["period"] == {
        "start": "2023-03-01",
        "end": "2023-05-31",
        "source": "考核期为服务记录所跨的整月",
    }
    periods = {row["period"] for row in doc["clients"]}  # type: ignore[attr-defined]
    assert {"2023-03", "2023-04", "2023-05"} <= periods


def test_from_and_to_give_the_period_when_the_files_have_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster, records = _files(tmp_path)
    doc = _json(capsys, str(roster), str(records), "--from", "2023-01-01", "--to", "2023-06-30")
    assert doc["period"] == {
        "start": "2023-01-01",
        "end": "2023-06-30",
        "source": "考核期由 --from、--to 指定",
    }
    quarters = {row["period"] for row in doc["clients"] if row["grade"] == 4}  # type: ignore[attr-defined]
    assert quarters == {"2023-Q1", "2023-Q2"}


def test_roster_and_records_may_be_one_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    roster = book.active
    assert roster is not None
    roster.title = "服务对象名册"
    for row in [ROSTER_HEADER, *ROSTER]:
        roster.append(row)
    records = book.create_sheet("服务记录")
    for row in [RECORDS_HEADER, *RECORDS]:
        records.append(row)
    path = tmp_path / "一个工作簿.xlsx"
    book.save(path)
    doc = _json(capsys, str(path))
    assert doc["period"]["start"] == "2023-03-01"  # type: ignore[index]
    assert {z["zone"] for z in doc["zones"]} == {"东片区", "西片区", "合计"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-01-01"], "--from 与 --to 须一起使用"),
        (["--from", "2023-06-01", "--to", "2023-01-01"], "早于 --from"),
        (["--on", "明天"], "--on 的日期「明天」无法识别，应写作 2024-03-15"),
    ],
)
def test_an_argument_it_cannot_use_is_refused_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    roster, records = _files(tmp_path)
    assert main(["contacts", str(roster), str(records), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err


def test_a_scheme_without_a_schedule_is_refused_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["contacts", str(EXAMPLE), "--scheme", "district-pilot"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "没有分级跟进频次（[contacts]）" in captured.err


def test_a_record_for_an_unknown_client_is_refused_with_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster, records = _files(
        tmp_path, [*RECORDS, ["C999", "2023-05-21", "电访", "SG01", "5", "否", ""]]
    )
    assert main(["contacts", str(roster), str(records)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "C999" in captured.err and "第 6 行" in captured.err


def test_evaluate_adds_the_follow_up_when_the_workbook_has_the_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["evaluate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "【困难群众跟进情况】" in out and "需要留意的记录" in out
    assert main(["evaluate", str(EXAMPLE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["contacts"] is not None
