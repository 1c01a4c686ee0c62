"""The blank template is laid out from sheets.py: every sheet, exactly its headers, drop-downs.

What the scheme decides (评估方, 评估内容 and 部分 drop-downs, the declared 否决 rows, the days
of a half month) follows the scheme the template is written for.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries
from workbook_rows import valid_sheets

from pinggu._performance.sheets import PERFORMANCE_SHEETS
from pinggu._scheme import Scheme, load_scheme
from pinggu._sheets.columns import SheetSpec
from pinggu._workbook.importer import load_workbook
from pinggu._workbook.sheets import (
    ATTENDANCE,
    CONTACTS,
    FINDINGS,
    GRADE_CHANGES,
    HELP_SHEET,
    INFO_COLUMNS,
    INFO_FIELDS,
    INFO_SHEET,
    KIND_CHOICES,
    ROSTER,
    SCORES,
    TABLE_SHEETS,
    VETOES,
)
from pinggu._workbook.writer import MIN_VALIDATED_ROWS, table_sheets, write_workbook
from pinggu.cli import main

DEFAULT = load_scheme("guangzhou-2023")
PILOT = load_scheme("district-pilot")
LAYOUT = {spec.name: spec for spec in table_sheets(DEFAULT)}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_workbook(path)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def pilot_template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("template") / "试点模板.xlsx"
    write_workbook(path, scheme=PILOT)
    return openpyxl.load_workbook(path)


def _header(ws: Any) -> list[object]:
    return [cell.value for cell in ws[1]]


def _declared(scheme: Scheme) -> list[str]:
    return [v.title for v in scheme.vetoes if not v.computed]


def _list(choices: list[str] | tuple[str, ...]) -> str:
    """The formula of an in-cell drop-down list."""
    return '"' + ",".join(choices) + '"'


def _column_letter(spec: SheetSpec, name: str) -> str:
    return get_column_letter(1 + [c.name for c in spec.columns].index(name))


def _help_text(book: Any) -> str:
    return "\n".join(str(row[0]) for row in book[HELP_SHEET].iter_rows(values_only=True))


def _validations(ws: Any) -> dict[str, tuple[str, str]]:
    """Column letter -> (list formula, range) of each drop-down on the sheet."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            letter = get_column_letter(range_boundaries(cell_range.coord)[0])
            found[letter] = (dv.formula1, str(cell_range.coord))
    return found


def test_sheets_in_order(template: Any) -> None:
    follow_up = [ROSTER.name, CONTACTS.name, GRADE_CHANGES.name]
    names = [HELP_SHEET, INFO_SHEET, *(spec.name for spec in TABLE_SHEETS), *follow_up]
    performance = [spec.name for spec in PERFORMANCE_SHEETS]  # docs/performance.md
    assert template.sheetnames == [*names, *performance]


@pytest.mark.parametrize("spec", TABLE_SHEETS, ids=lambda s: s.name)
def test_table_headers_are_exactly_the_columns(template: Any, spec: SheetSpec) -> None:
    ws = template[spec.name]
    assert _header(ws) == [c.name for c in spec.columns]
    rows = len(_declared(DEFAULT)) if spec is VETOES else 0  # 否决 lists the declared vetoes
    assert ws.max_row == 1 + rows  # otherwise blank: nothing but the header
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])


@pytest.mark.parametrize("spec", TABLE_SHEETS, ids=lambda s: s.name)
def test_every_choice_column_has_a_drop_down(template: Any, spec: SheetSpec) -> None:
    ws = template[spec.name]
    validations = _validations(ws)
    for index, column in enumerate(LAYOUT[spec.name].columns, start=1):
        letter = get_column_letter(index)
        if column.choices:
            formula, coord = validations[letter]
            assert formula == _list(column.choices)
            assert coord == f"{letter}2:{letter}{MIN_VALIDATED_ROWS}"
        else:
            assert letter not in validations


def test_attendance_drop_downs(template: Any) -> None:
    validations = _validations(template[ATTENDANCE.name])
    letters = {c.name: get_column_letter(i) for i, c in enumerate(ATTENDANCE.columns, start=1)}
    assert validations[letters["到岗"]][0] == '"1,0.5,0"'
    for yes_no in ("从业满两年", "社保", "工资"):
        assert validations[letters[yes_no]][0] == '"是,否"'
    levels = '"是,否,高级社会工作师,社会工作师,助理社会工作师,非持证"'
    assert validations[letters["持证"]][0] == levels
    assert letters["姓名"] not in validations


def test_month_and_date_cells_are_formatted(template: Any) -> None:
    letters = {c.name: get_column_letter(i) for i, c in enumerate(ATTENDANCE.columns, start=1)}
    assert template[ATTENDANCE.name].column_dimensions[letters["月份"]].number_format == "@"
    ws = template[INFO_SHEET]
    row = 2 + [f.attribute for f in INFO_FIELDS].index("evaluation_date")
    assert ws.cell(row=row, column=2).number_format == "yyyy-mm-dd"


def test_column_widths_follow_the_layout(template: Any) -> None:
    ws = template[ATTENDANCE.name]
    for index, column in enumerate(ATTENDANCE.columns, start=1):
        assert ws.column_dimensions[get_column_letter(index)].width == column.width


def test_info_sheet_lists_every_field(template: Any) -> None:
    ws = template[INFO_SHEET]
    assert _header(ws) == [c.name for c in INFO_COLUMNS]
    assert ws.freeze_panes == "A2"
    labels = [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)]
    assert labels == [f.label for f in INFO_FIELDS]
    for row, field in enumerate(INFO_FIELDS, start=2):
        label = ws.cell(row=row, column=1)
        assert bool(label.font.bold) is field.required
        assert label.comment is not None and label.comment.text
        assert ws.cell(row=row, column=2).value is None


def test_kind_cell_has_a_drop_down(template: Any) -> None:
    ws = template[INFO_SHEET]
    row = 2 + [f.attribute for f in INFO_FIELDS].index("kind")
    coords = {
        str(r.coord): dv.formula1
        for dv in ws.data_validations.dataValidation
        for r in dv.sqref.ranges
    }
    assert coords[f"B{row}"] == '"' + ",".join(KIND_CHOICES) + '"'


def test_help_sheet_explains_every_sheet_and_column(template: Any) -> None:
    text = _help_text(template)
    assert f"「{DEFAULT.name}」" in text
    for spec in LAYOUT.values():
        assert f"【{spec.name}】{spec.help}" in text
        for column in spec.columns:
            assert f"· {column.name}：" in text
            if column.help:
                assert column.help in text
    for field in INFO_FIELDS:
        assert f"· {field.label}：" in text
    for rule in ("百分比", "全站", "0.5"):
        assert rule in text


# ---------------------------------------------------------------- what the scheme decides


def test_default_scheme_drop_downs(template: Any) -> None:
    scores = _validations(template[SCORES.name])
    assert scores[_column_letter(SCORES, "评估方")][0] == _list(
        ["第三方评估机构", "购买方", "督导中心", "监督方"]
    )
    dimensions = ["服务监测", "服务成效", "运营管理", "服务质量", "购买方", "督导中心", "监督方"]
    assert scores[_column_letter(SCORES, "评估内容")][0] == _list(dimensions)
    assert "满意度" not in scores[_column_letter(SCORES, "评估内容")][0]
    sections = _validations(template[FINDINGS.name])[_column_letter(FINDINGS, "部分")]
    assert sections == (_list([s.name for s in DEFAULT.sections]), f"A2:A{MIN_VALIDATED_ROWS}")


def test_score_drop_downs_follow_the_scheme(pilot_template: Any) -> None:
    validations = _validations(pilot_template[SCORES.name])
    parties, _ = validations[_column_letter(SCORES, "评估方")]
    assert parties == _list([p.name for p in PILOT.parties])
    dimensions, coord = validations[_column_letter(SCORES, "评估内容")]
    assert "满意度" in dimensions
    assert dimensions == _list([d.name for p in PILOT.parties for d in p.dimensions])
    assert coord == f"B2:B{MIN_VALIDATED_ROWS}"
    header = pilot_template[SCORES.name].cell(row=1, column=2)
    assert "满意度" in header.comment.text  # the note lists the choices too


def test_section_drop_down_follows_the_scheme(pilot_template: Any) -> None:
    validations = _validations(pilot_template[FINDINGS.name])
    formula, _ = validations[_column_letter(FINDINGS, "部分")]
    assert formula == _list([s.name for s in PILOT.sections])


@pytest.mark.parametrize("scheme", [DEFAULT, PILOT], ids=lambda s: s.id)
def test_blank_template_lists_the_declared_vetoes_as_no(tmp_path: Path, scheme: Scheme) -> None:
    path = tmp_path / "模板.xlsx"
    write_workbook(path, scheme=scheme)
    ws = openpyxl.load_workbook(path)[VETOES.name]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == _declared(scheme)
    assert all(row[1:] == ("否", None) for row in rows)
    computed = {v.title for v in scheme.vetoes if v.computed}
    assert computed and not computed & {row[0] for row in rows}
    assert _validations(ws)["B"] == ('"是,否"', f"B2:B{MIN_VALIDATED_ROWS}")
    help_text = _help_text(openpyxl.load_workbook(path))
    assert all(title in help_text for title in computed)  # told not to declare them


def test_pilot_computes_a_veto_the_default_declares() -> None:
    assert "专业评估结果为不合格" in _declared(DEFAULT)
    assert "专业评估结果为不合格" not in _declared(PILOT)


def test_half_month_days_come_from_the_scheme(tmp_path: Path) -> None:
    scheme = replace(DEFAULT, staffing=replace(DEFAULT.staffing, half_month_days=10))
    path = tmp_path / "模板.xlsx"
    write_workbook(path, scheme=scheme)
    book = openpyxl.load_workbook(path)
    text = _help_text(book)
    assert "满 10 天填 1，1–9 天填 0.5" in text and "满 10 天为 1，1–9 天为 0.5" in text
    assert "15 天" not in text and "14 天" not in text
    header = book[ATTENDANCE.name].cell(
        row=1, column=1 + [c.name for c in ATTENDANCE.columns].index("到岗")
    )
    assert "满 10 天为 1" in header.comment.text


def test_default_half_month_is_fifteen_days(template: Any) -> None:
    assert DEFAULT.staffing.half_month_days == 15
    assert "满 15 天填 1，1–14 天填 0.5，未到岗填 0" in _help_text(template)


def _fill_minimal(path: Path) -> None:
    """Type the minimal valid data into a blank template, leaving 评分, 否决 and 意见 alone."""
    book = openpyxl.load_workbook(path)
    data = valid_sheets()
    info = {row[0]: row[1] for row in data[INFO_SHEET][1:]}
    ws = book[INFO_SHEET]
    for row in range(2, ws.max_row + 1):
        value = info.get(ws.cell(row=row, column=1).value, "")  # optional fields left blank
        ws.cell(row=row, column=2).value = None if value == "" else value
    for sheet in ("片区", "指标", "到岗"):
        for row_index, row in enumerate(data[sheet][1:], start=2):
            for col_index, value in enumerate(row, start=1):
                if value != "":
                    book[sheet].cell(row=row_index, column=col_index).value = value
    book.save(path)


@pytest.mark.parametrize("scheme", [DEFAULT, PILOT], ids=lambda s: s.id)
def test_blank_template_with_minimal_data_imports(tmp_path: Path, scheme: Scheme) -> None:
    path = tmp_path / "填写.xlsx"
    write_workbook(path, scheme=scheme)
    _fill_minimal(path)
    evaluation = load_workbook(path, scheme)
    assert [(v.rule, v.applies, v.note) for v in evaluation.vetoes] == [
        (title, False, "") for title in _declared(scheme)
    ]


def test_flipping_a_prefilled_veto_is_read(tmp_path: Path) -> None:
    path = tmp_path / "填写.xlsx"
    write_workbook(path, scheme=PILOT)
    _fill_minimal(path)
    book = openpyxl.load_workbook(path)
    book[VETOES.name]["B2"], book[VETOES.name]["C2"] = "是", "抽查发现两名保洁人员登记为社工"
    book.save(path)
    vetoes = load_workbook(path, PILOT).vetoes
    assert vetoes[0].applies and vetoes[0].note and not any(v.applies for v in vetoes[1:])


def test_cli_template_uses_the_scheme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "试点.xlsx"
    assert main(["template", str(path), "--scheme", "district-pilot"]) == 0
    assert PILOT.name in capsys.readouterr().out
    book = openpyxl.load_workbook(path)
    assert "满意度" in _validations(book[SCORES.name])[_column_letter(SCORES, "评估内容")][0]
    rows = book[VETOES.name].iter_rows(min_row=2, max_col=1, values_only=True)
    assert [title for (title,) in rows] == _declared(PILOT)
