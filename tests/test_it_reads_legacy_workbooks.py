"""A file's format is told by its content, not its name (issue 12 §3): .xls and .ods are read
again, an .xls named .xlsx too, behind a guard that keeps issue 10's promise. An .xls or .ods is
measured by calamine in a child process held to a memory and time limit (`_sheets.isolated`),
so a hostile one is refused quickly and small, before this process expands a cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from legacy_files import Cell, Error, far_value, full_column, repeated_ods, write_ods, write_xls
from roster_rows import HEADER, client_row
from test_it_refuses_oversized_sheets import measured
from workbook_rows import Sheets, valid_sheets

from pinggu._errors import FileRefused, WorkbookError
from pinggu._roster import read_roster
from pinggu._scheme import load_scheme
from pinggu._sheets import isolated
from pinggu._sheets.cells import Unread
from pinggu._sheets.reader import read_book, sniff
from pinggu._workbook.importer import load_workbook, parse_workbook

SCHEME = load_scheme("guangzhou-2023")
WALL_SECONDS, MEGABYTES = 5.0, 300


def _plain(sheets: Sheets) -> dict[str, list[list[Cell]]]:
    """The workbook's cells as a legacy writer takes them (dates as text)."""
    return {
        name: [
            [c.isoformat() if isinstance(c, date) else c for c in row]  # type: ignore[misc]
            for row in rows
        ]
        for name, rows in sheets.items()
    }


def test_an_xls_named_xlsx_is_read_as_the_same_evaluation(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "旧版.xlsx", _plain(valid_sheets()))
    assert sniff(path) == "xls"
    expected = parse_workbook(_plain(valid_sheets()), SCHEME)  # type: ignore[arg-type]
    assert load_workbook(path, SCHEME, name="旧版.xlsx") == expected


def test_an_ods_is_read_as_the_same_evaluation(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "评估.ods", _plain(valid_sheets()))
    expected = parse_workbook(_plain(valid_sheets()), SCHEME)  # type: ignore[arg-type]
    assert load_workbook(path, SCHEME) == expected


def test_an_xls_roster_is_read(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [HEADER, client_row("C1"), client_row("C2")]  # type: ignore[list-item]
    path = write_xls(tmp_path / "名册.xls", {"服务对象名册": rows})
    assert [c.number for c in read_roster(path).clients] == ["C1", "C2"]


@pytest.mark.parametrize(
    ("build", "cell"),
    [(far_value, "IV65536"), (full_column, "IV65536")],
    ids=["value-at-the-last-cell", "every-row-of-the-last-column"],
)
def test_a_hostile_xls_is_refused_quickly_and_small(tmp_path: Path, build, cell: str) -> None:  # type: ignore[no-untyped-def]
    path = build(tmp_path / "tmp9.xls")
    result = measured("load_workbook(path, scheme, name=name)", path, "炸弹.xlsx")
    assert f"工作簿「炸弹.xlsx」工作表「S」的单元格 {cell} 超出允许范围" in str(result["outcome"])
    assert float(result["wall"]) < WALL_SECONDS, result  # type: ignore[arg-type]
    assert float(result["megabytes"]) < MEGABYTES, result  # type: ignore[arg-type]


def test_a_hostile_ods_is_refused_quickly_and_small(tmp_path: Path) -> None:
    path = repeated_ods(tmp_path / "tmp9.ods")
    result = measured("load_workbook(path, scheme, name=name)", path, "炸弹.ods")
    assert "「炸弹.ods」" in str(result["outcome"])
    assert float(result["wall"]) < WALL_SECONDS, result  # type: ignore[arg-type]
    assert float(result["megabytes"]) < MEGABYTES, result  # type: ignore[arg-type]


def test_a_legacy_file_that_breaks_the_childs_bounds_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xls(tmp_path / "x.xls", _plain(valid_sheets()))
    monkeypatch.setattr(isolated, "MEMORY", 8 * 1024 * 1024)  # too little for anything
    with pytest.raises(FileRefused, match=r"「评估\.xls」展开后过大"):
        load_workbook(path, SCHEME, name="评估.xls")


def test_an_error_value_in_an_xls_is_a_located_error(tmp_path: Path) -> None:
    sheets = _plain(valid_sheets())
    sheets["指标"][1][4] = Error("#N/A")  # a required cell
    sheets["指标"][2][3] = Error("#DIV/0!")  # an optional one: never read as "no target"
    path = write_xls(tmp_path / "x.xls", sheets)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    assert [(p.row, p.column, p.message) for p in caught.value.problems] == [
        (2, "完成量", "单元格为错误值 #N/A"),
        (3, "协议量", "单元格为错误值 #DIV/0!"),
    ]


def test_an_error_in_a_small_xls_held_in_the_mini_stream_is_found(tmp_path: Path) -> None:
    from legacy_files import small_compound_file, workbook_stream

    from pinggu._sheets.biff import xls_errors

    stream = workbook_stream({"S": [["a", Error("#VALUE!")]]})
    path = tmp_path / "小.xls"
    path.write_bytes(small_compound_file(stream))
    assert read_book(path) == {"S": [["a", Unread("#VALUE!")]]}  # calamine reads it too
    assert xls_errors(path.read_bytes()) == {"S": {(1, 2): "#VALUE!"}}
    assert xls_errors(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)) == {}


def test_an_xls_of_countless_error_values_is_refused_as_a_whole(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "x.xls", {"S": [[Error("#N/A")] * 11] * 1000})
    with pytest.raises(FileRefused, match="有超过 10000 个没有计算结果的公式或错误值"):
        read_book(path)
