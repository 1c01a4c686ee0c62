"""People and months counted twice (docs/keys.md): the same name in one month under a second ID,
or a month whose 实到 passes 应到 by more than the scheme's tolerance, is warned about, never
silently added to the attendance."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from workbook_rows import Sheets, add_row, set_info, valid_sheets

from pinggu import evaluate
from pinggu._engine import Result
from pinggu._scheme import Scheme, load_scheme
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme("guangzhou-2023")
D = Decimal


def _result(sheets: Sheets, scheme: Scheme = SCHEME) -> Result:
    return evaluate(parse_workbook(sheets, scheme), scheme)


def _small_station(sheets: Sheets) -> Sheets:
    """2 contracted workers (1 certified): 张三 and 李四 fill them exactly from 2024-02."""
    set_info(sheets, "协议社工人数", 2.0)
    set_info(sheets, "协议持证社工人数", 1.0)
    return sheets


def _again(sheets: Sheets, worker: str, name: str, month: str) -> None:
    add_row(
        sheets,
        "到岗",
        人员编号=worker,
        姓名=name,
        岗位="社工",
        月份=month,
        到岗=1.0,
        持证="否",
        从业满两年="否",
        社保="是",
        工资="是",
    )


def test_the_same_name_twice_in_one_month_under_a_second_id_is_warned_about() -> None:
    sheets = valid_sheets()
    _again(sheets, "W09", "张 三", "2024-02")
    result = _result(sheets)
    (warning,) = [w for w in result.warnings if w.code == "worker_month_twice"]
    assert "张三 2024-02（W01、W09）" in warning.message
    assert "worker_two_ids" in {w.code for w in result.warnings}


def test_a_month_pasted_twice_under_new_ids_passes_the_required_and_is_warned_about() -> None:
    sheets = _small_station(valid_sheets())
    _again(sheets, "W11", "王五", "2024-03")
    _again(sheets, "W12", "赵六", "2024-03")
    result = _result(sheets)
    assert result.staffing.months[2].actual == D(4)  # the figure stands, with its warning
    (warning,) = [w for w in result.warnings if w.code == "month_over_required"]
    assert "2024-03（应到 2，实到 4）" in warning.message
    assert "2024-02" not in warning.message


def test_a_surplus_within_the_schemes_tolerance_is_not_warned_about() -> None:
    sheets = _small_station(valid_sheets())
    _again(sheets, "W11", "王五", "2024-03")  # 实到 3 of 应到 2: one over, tolerance 1
    assert SCHEME.staffing.month_surplus_tolerance == 1
    assert "month_over_required" not in {w.code for w in _result(sheets).warnings}
    strict = replace(SCHEME, staffing=replace(SCHEME.staffing, month_surplus_tolerance=D(0)))
    (warning,) = [w for w in _result(sheets, strict).warnings if w.code == "month_over_required"]
    assert "超过应到 0 人次以上的月份：2024-03（应到 2，实到 3）" in warning.message


def test_the_valid_workbook_has_none_of_these_warnings() -> None:
    codes = {w.code for w in _result(valid_sheets()).warnings}
    assert not codes & {"worker_month_twice", "worker_two_ids", "worker_id_similar"}
    assert "month_over_required" not in codes
