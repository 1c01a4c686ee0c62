"""附件2 lists each worker once per status, only for the months in post, and says per person
what the payroll shows (社保, 工资, 从业2年以上, 备注)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from report_docs import example_result

from pinggu import Result, evaluate
from pinggu._model import Month
from pinggu._report.build import write_docx
from pinggu._report.content import build_content
from pinggu._report.marks import Num, Text
from pinggu._report.tables import Cell, Table
from pinggu._report.word_tables import TWIPS_PER_CM

TABLE_TEXT_PT = 9.5  # the template's 「Table Text」 size
CELL_MARGINS_CM = 2 * 57 / TWIPS_PER_CM


def _text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    value = cell.value
    if isinstance(value, Num):
        return value.text
    if isinstance(value, Text):
        return "".join(p.text if isinstance(p, Num) else p for p in value.parts)
    return value


def _grid(table: Table) -> list[list[str]]:
    return [[_text(c) for c in row] for row in table.rows]


def _workers(grid: list[list[str]]) -> list[list[str]]:
    return [row for row in grid[2:] if row[0].isdigit()]


def _changed(**edits: dict[str, object]) -> Result:
    """The example with some workers' rows edited: {worker id: {field: value}} per month rule."""
    result = example_result()
    rows = []
    for row in result.evaluation.attendance:
        change = edits.get(row.worker_id)
        rows.append(change(row) if callable(change) else row)  # type: ignore[operator]
    evaluation = replace(result.evaluation, attendance=tuple(rows))
    return evaluate(evaluation, result.scheme)


def test_rows_before_joining_marked_uncertified_make_no_second_row() -> None:
    # 周伟 joined in November as a certified worker; the workbook's rows for July–October
    # say 持证=否 with 到岗 0. He was listed in both blocks, once with a row of zeros.
    def before_joining_uncertified(row):  # type: ignore[no-untyped-def]
        if row.value == 0:
            return replace(row, certified=False, qualification=None)
        return row

    result = _changed(SG23=before_joining_uncertified)
    grid = _grid(build_content(result).attendance_table)
    rows = [row for row in _workers(grid) if row[1] == "周伟"]
    assert len(rows) == 1
    assert rows[0][4:8] == ["——"] * 4 and rows[0][8:14] == ["1"] * 6


def test_months_outside_employment_print_a_dash_and_absent_months_zero() -> None:
    def absent_in_january(row):  # type: ignore[no-untyped-def]
        return replace(row, value=Decimal(0)) if row.month == Month(2024, 1) else row

    result = _changed(SG09=absent_in_january)
    grid = _grid(build_content(result).attendance_table)
    end = grid[0].index("合计")
    by_name = {row[1]: row for row in _workers(grid)}
    assert by_name["曾倩"][4:end] == ["1"] * 6 + ["0"] + ["1"] * 3  # in post, absent in January
    assert by_name["曾倩"][end] == "9"
    assert by_name["叶慧彤"][4:end] == ["1", "1", "1"] + ["——"] * 7  # left on 30 September
    assert by_name["谢泳明"][4:end] == ["——"] * 8 + ["0.5", "1"]  # joined on 25 March
    assert "「——」表示该月不在职" in str(build_content(result).attendance_table.notes[0].parts)


def test_a_worker_certified_part_way_appears_in_each_block_for_those_months_only() -> None:
    grid = _grid(build_content(example_result()).attendance_table)
    end = grid[0].index("合计")
    rows = [row for row in _workers(grid) if row[1] == "梁霞俊"]
    assert len(rows) == 2
    certified, uncertified = rows
    assert certified[3] == "助理社工师" and certified[4:end] == [""] * 7 + ["1"] * 3
    assert uncertified[3] == "非持证" and uncertified[4:end] == ["1"] * 7 + [""] * 3


def test_serial_numbers_run_on_across_the_blocks() -> None:
    grid = _grid(build_content(example_result()).attendance_table)
    serials = [int(row[0]) for row in _workers(grid)]
    assert serials == list(range(1, len(serials) + 1))
    assert len(serials) == 26  # 25 workers, 梁霞俊 in both blocks


def test_each_person_says_experience_insurance_pay_and_notes() -> None:
    grid = _grid(build_content(example_result()).attendance_table)
    head = grid[0]
    assert head[-4:] == ["从业2年以上", "社保", "工资", "备注"]
    by_name = {row[1]: dict(zip(head, row, strict=True)) for row in _workers(grid)}
    assert by_name["彭丽"]["从业2年以上"] == "是"
    assert by_name["许晴绮"]["从业2年以上"] == "12月起"
    assert by_name["林宇泳"]["从业2年以上"] == "否"
    assert (by_name["王华子"]["社保"], by_name["王华子"]["工资"]) == ("缺1月", "是")
    assert by_name["冯华颖"]["备注"] == "10月：社保关系转入中，已于次月补缴；12月6日离职"
    assert by_name["叶慧彤"]["备注"] == "9月30日试用期离职"  # not the 已离职 of the months after
    assert by_name["许晴绮"]["备注"] == "12月：本月起从业满两年"


def test_the_post_column_holds_the_longest_title_on_one_line() -> None:
    table = build_content(example_result()).attendance_table
    needed = len("社工站副站长") * TABLE_TEXT_PT / 72 * 2.54 + CELL_MARGINS_CM
    assert table.widths[2] >= needed
    assert sum(table.widths) <= 25.7  # a landscape A4 page between 2 cm margins


def test_the_changed_table_passes_the_audit_and_its_subtotals_are_the_engines(
    tmp_path: Path,
) -> None:
    def before_joining_uncertified(row):  # type: ignore[no-untyped-def]
        return replace(row, certified=False, qualification=None) if row.value == 0 else row

    result = _changed(SG23=before_joining_uncertified)
    _, files = write_docx(result, tmp_path)
    assert files.audit.ok and not files.audit.unchecked
    grid = _grid(build_content(result).attendance_table)
    end = grid[0].index("合计")
    subtotal = next(row for row in grid if row[0] == "持证社工小计")
    assert Decimal(subtotal[end]) == result.staffing.certified_actual.value == 147
