"""人员编号 compared one way (docs/keys.md): `ＳＧ05`, `SG 05` and `sg05` are one worker, and so are
`5` and `005`; `5` and `SG05` stay two but are warned about; one name under two IDs is warned
about. A lower-case cell must not make a worker who stayed all period look like three people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from workbook_rows import Sheets, add_row, set_cell, set_info, valid_sheets

from pinggu import WorkbookError, evaluate
from pinggu._engine import Result
from pinggu._keys import worker_key
from pinggu._scheme import load_scheme
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme("guangzhou-2023")
D = Decimal


def _result(sheets: Sheets) -> Result:
    return evaluate(parse_workbook(sheets, SCHEME), SCHEME)


def _ids(sheets: Sheets, *ids: object) -> Sheets:
    """张三 (rows 2–4, one per month) under the given IDs."""
    for row, typed in enumerate(ids, start=2):
        set_cell(sheets, "到岗", row, "人员编号", typed)
    return sheets


def _codes(result: Result) -> set[str]:
    return {w.code for w in result.warnings}


@pytest.mark.parametrize(
    "ids",
    [("SG05", "ＳＧ05", "sg05"), ("SG 05", "sg05", "Sg05"), ("5", "005", 5.0), ("05", "5", " 5 ")],
)
def test_one_worker_typed_three_ways_is_one_worker(ids: tuple[object, ...]) -> None:
    result = _result(_ids(valid_sheets(), *ids))
    assert result.staffing.continuously_employed.value == 2  # 张三 and 李四, all three months
    assert result.staffing.turnover.workers == ("张三", "李四")
    assert not _codes(result) & {"worker_two_ids", "worker_id_similar", "worker_month_twice"}


def test_a_lower_case_cell_does_not_take_retention_to_zero() -> None:
    sheets = valid_sheets()
    set_info(sheets, "协议社工人数", 2.0)
    set_info(sheets, "协议持证社工人数", 1.0)
    set_cell(sheets, "到岗", 3, "人员编号", "w01")
    set_cell(sheets, "到岗", 7, "人员编号", "w02")
    staffing = _result(sheets).staffing
    assert staffing.continuously_employed.value == 2
    assert staffing.retention_rate.value == D("100.00")


def test_a_month_typed_twice_under_one_id_in_two_cases_is_refused() -> None:
    sheets = valid_sheets()
    add_row(
        sheets,
        "到岗",
        人员编号="w01",
        姓名="张三",
        岗位="站长",
        月份="2024-01",
        到岗=1.0,
        持证="是",
        从业满两年="是",
        社保="是",
        工资="是",
    )
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (8, "月份")
    assert "已在第 2 行填写；每人每月只能一行" in problem.message


def test_one_id_under_two_names_is_refused_whatever_the_case_of_the_id() -> None:
    sheets = _ids(valid_sheets(), "W01", "W01", "W01")
    set_cell(sheets, "到岗", 5, "人员编号", "w01")  # 李四's first month under 张三's ID
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    assert any("同一编号应为同一人" in p.message for p in caught.value.problems)


def test_a_number_and_a_prefixed_id_with_that_number_are_two_workers_and_a_warning() -> None:
    result = _result(_ids(valid_sheets(), "5", "5", "SG05"))
    assert result.staffing.continuously_employed.value == 1  # 张三 split: 5 and SG05
    (warning,) = [w for w in result.warnings if w.code == "worker_id_similar"]
    assert "「5」与「SG05」" in warning.message
    (two,) = [w for w in result.warnings if w.code == "worker_two_ids"]
    assert "张三（5、SG05）" in two.message


def test_one_name_under_two_ids_is_warned_about() -> None:
    result = _result(_ids(valid_sheets(), "W01", "W01", "W07"))
    (warning,) = [w for w in result.warnings if w.code == "worker_two_ids"]
    assert "张三（W01、W07）" in warning.message


def test_worker_keys() -> None:
    assert {worker_key(t) for t in ("ＳＧ05", "SG 05", "sg05", "SG05")} == {"SG05"}
    assert {worker_key(t) for t in ("5", "005", "０５", " 5 ")} == {"5"}
    assert worker_key("5") != worker_key("SG05")
