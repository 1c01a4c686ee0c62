"""Spreadsheets that would exhaust the process are refused, fast and small, before any cell is
expanded; a styled empty cell far away is ignored, not expanded; messages name the file as the
user named it and, for a cell, its sheet and place.

Each hostile file is built here (tests/hostile_files.py) and read in a child process, whose
CPU time and peak memory (VmHWM, the interpreter and pinggu's imports included) are asserted.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from hostile_files import inflating, many_cells, styled_empty_at, value_at

from pinggu import FileRefused, load_scheme, load_workbook, read_roster
from pinggu._sheets.limits import LIMITS

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "示例街社工服务站-末期评估.xlsx"
ROSTER = ROOT / "examples" / "示例街社工服务站-服务对象名册.xlsx"
SECONDS, MEGABYTES = 2.0, 300


def measured(call: str, path: Path, name: str) -> dict[str, object]:
    """Run `call` (an expression of `path` and `name`) in a child process: its outcome (the
    error's message, or the value's repr), the CPU seconds the call took (not wall time: the
    machine may be shared, and a busy neighbour must not fail the test), its wall time, and the
    child's peak memory in MB."""
    script = textwrap.dedent(
        f"""
        import json, sys, time
        from pinggu import PingguError, load_scheme, load_workbook, read_roster
        from pinggu._sheets.reader import read_book
        from pinggu.cli import main
        path, name = sys.argv[1], sys.argv[2]
        scheme = load_scheme()
        start, wall = time.process_time(), time.perf_counter()
        try:
            outcome = repr({call})
        except PingguError as exc:
            outcome = str(exc)
        seconds = time.process_time() - start
        wall = time.perf_counter() - wall
        # VmHWM: the peak of this program's own memory (ru_maxrss would carry over the
        # parent's peak from before exec)
        with open("/proc/self/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
        print(json.dumps({{"outcome": outcome, "seconds": seconds, "wall": wall, "megabytes": peak}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), name],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["stderr"] = done.stderr
    return result


def assert_refused_quickly(result: dict[str, object], *phrases: str) -> None:
    for phrase in phrases:
        assert phrase in str(result["outcome"]), result["outcome"]
    assert float(str(result["seconds"])) < SECONDS, result
    assert float(str(result["wall"])) < 10 * SECONDS, result  # never stuck, however busy
    assert float(str(result["megabytes"])) < MEGABYTES, result


def test_a_value_at_the_last_cell_of_the_help_sheet_is_refused_with_its_place(
    tmp_path: Path,
) -> None:
    path = value_at(tmp_path / "upload-4f2a.xlsx", "说明", "XFD1048576", base=EXAMPLE)
    result = measured("load_workbook(path, scheme, name=name)", path, "我的工作簿.xlsx")
    assert_refused_quickly(
        result,
        "工作簿「我的工作簿.xlsx」工作表「说明」的单元格 XFD1048576 超出允许范围",
        "最多 200 列、100000 行",
    )
    assert "upload-4f2a" not in str(result["outcome"])


def test_a_value_at_zz100000_is_refused(tmp_path: Path) -> None:
    path = value_at(tmp_path / "x.xlsx", "到岗", "ZZ100000", base=EXAMPLE)
    result = measured("load_workbook(path, scheme, name=name)", path, "末期.xlsx")
    assert_refused_quickly(result, "工作表「到岗」的单元格 ZZ100000 超出允许范围")


def test_a_styled_empty_cell_far_away_is_ignored_and_the_workbook_reads_as_before(
    tmp_path: Path,
) -> None:
    path = styled_empty_at(tmp_path / "x.xlsx", "到岗", "XFD1048576", base=EXAMPLE)
    scheme = load_scheme()
    assert load_workbook(path, scheme) == load_workbook(EXAMPLE, scheme)
    result = measured("len(load_workbook(path, scheme, name=name).attendance)", path, "x.xlsx")
    assert result["outcome"] == repr(len(load_workbook(EXAMPLE, scheme).attendance))
    assert float(str(result["seconds"])) < SECONDS and float(str(result["megabytes"])) < 300


@pytest.mark.parametrize("with_refs", [False, True], ids=["cells-in-order", "cells-with-places"])
def test_a_zip_of_fifty_million_cells_is_refused(tmp_path: Path, with_refs: bool) -> None:
    path = many_cells(tmp_path / "x.xlsx", rows=500_000, columns=100, with_refs=with_refs)
    assert path.stat().st_size < 10 * 1024 * 1024  # under the web's upload limit
    result = measured("load_workbook(path, scheme, name=name)", path, "五千万.xlsx")
    assert_refused_quickly(result, "工作簿「五千万.xlsx」工作表「数据」", "超出允许范围")


def test_an_archive_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = inflating(tmp_path / "x.xlsx", megabytes=300)
    result = measured("load_workbook(path, scheme, name=name)", path, "炸弹.xlsx")
    limit = LIMITS.archive_bytes // (1024 * 1024)
    assert_refused_quickly(result, f"工作簿「炸弹.xlsx」解压后超过 {limit} MB")


def test_an_archive_that_understates_its_sizes_is_refused_as_corrupt(tmp_path: Path) -> None:
    path = inflating(tmp_path / "x.xlsx", megabytes=50, declared=1000)
    with pytest.raises(FileRefused, match=re.escape("「说谎.xlsx」：不是有效的 Excel 工作簿")):
        load_workbook(path, load_scheme(), name="说谎.xlsx")


def _ods() -> bytes:
    """The start of an OpenDocument spreadsheet: a zip whose first entry is its mimetype."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"not a spreadsheet at all", "不是有效的 Excel 工作簿"),
        (EXAMPLE.read_bytes()[:20_000], "不是有效的 Excel 工作簿"),  # cut short
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "不是有效的 Excel 工作簿"),
        (_ods()[:300], "不是有效的 Excel 工作簿"),
    ],
    ids=["garbage", "truncated", "broken-xls", "broken-ods"],
)
def test_a_file_that_is_no_xlsx_is_refused_naming_the_uploaded_file(
    tmp_path: Path, content: bytes, phrase: str
) -> None:
    path = tmp_path / "tmpk3j9x.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileRefused) as caught:
        load_workbook(path, load_scheme(), name="三月数据.xlsx")
    assert "「三月数据.xlsx」" in str(caught.value) and phrase in str(caught.value)
    assert "tmpk3j9x" not in str(caught.value)
    assert caught.value.problems[0].sheet == "工作簿"


def test_the_roster_reader_is_guarded_too(tmp_path: Path) -> None:
    path = value_at(tmp_path / "r.xlsx", "服务对象名册", "XFD1048576", base=ROSTER)
    result = measured("read_roster(path, name=name)", path, "名册.xlsx")
    assert_refused_quickly(result, "工作簿「名册.xlsx」工作表「服务对象名册」的单元格 XFD1048576")
    bomb = many_cells(tmp_path / "b.xlsx", rows=500_000, columns=100, with_refs=False)
    assert_refused_quickly(
        measured("read_roster(path, name=name)", bomb, "名册.xlsx"), "超出允许范围"
    )


def test_the_roster_reader_ignores_a_styled_empty_cell_far_away(tmp_path: Path) -> None:
    path = styled_empty_at(tmp_path / "r.xlsx", "服务对象名册", "XFD1048576", base=ROSTER)
    assert read_roster(path) == read_roster(ROSTER)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("编号" + ",x" * 250 + "\n", "第 1 行超出允许范围（最多 200 列"),
        ("编号\n" + "1\n" * 100_001, "第 100001 行超出允许范围"),
        ("编号,姓名\n1," + "长" * 40_000 + "\n", "超出允许范围"),
    ],
    ids=["columns", "rows", "field"],
)
def test_a_csv_roster_is_bounded_while_it_is_read(tmp_path: Path, text: str, phrase: str) -> None:
    path = tmp_path / "tmp1.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileRefused) as caught:
        read_roster(path, name="名册.csv")
    assert "「名册.csv」" in str(caught.value) and phrase in str(caught.value)


def test_a_roster_upload_is_judged_by_its_own_name_not_the_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "tmp5.upload"
    path.write_bytes(ROSTER.read_bytes())
    assert read_roster(path, name="名册.xlsx") == read_roster(ROSTER)
    # the format is told by the content: a workbook is read whatever its name says
    assert read_roster(path, name="名册.pdf") == read_roster(ROSTER)


def test_the_cli_refuses_a_hostile_workbook_with_exit_status_2(tmp_path: Path) -> None:
    path = value_at(tmp_path / "hostile.xlsx", "说明", "XFD1048576", base=EXAMPLE)
    result = measured("main(['evaluate', path])", path, "")
    assert result["outcome"] == "2"
    assert "工作簿「hostile.xlsx」工作表「说明」的单元格 XFD1048576 超出允许范围" in str(
        result["stderr"]
    )
    assert float(str(result["seconds"])) < SECONDS
    assert float(str(result["megabytes"])) < MEGABYTES
    for command in (
        ["report", str(path), "-o", str(tmp_path / "out")],
        ["sample", str(path), "--seed", "1"],
    ):
        outcome = measured(f"main({command!r})", path, "")
        assert outcome["outcome"] == "2", outcome
        assert "XFD1048576 超出允许范围" in str(outcome["stderr"])


def test_the_readme_states_every_limit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 上传与读取的限制", 1)[1].split("\n### ", 1)[0]
    mb = 1024 * 1024
    stated = {
        "file_bytes": f"| {LIMITS.file_bytes // mb} MB |",
        "archive_bytes": f"| {LIMITS.archive_bytes // mb} MB |",
        "columns": f"| {LIMITS.columns} 列 |",
        "rows": f"| {LIMITS.rows} 行 |",
        "cells": f"| {LIMITS.cells} 个 |",
        "field_chars": f"| {LIMITS.field_chars} 个字符 |",
    }
    assert set(stated) == {name for name, _ in LIMITS.described()}
    for name, text in stated.items():
        assert text in section, name


def test_a_sheet_stored_outside_the_usual_folder_is_measured_too(tmp_path: Path) -> None:
    plain = value_at(tmp_path / "plain.xlsx", "到岗", "XFD1048576", base=EXAMPLE)
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(moved, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet5.xml":  # 到岗, the fifth sheet
                target.writestr("xl/elsewhere/staff.xml", data)
                continue
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(b"worksheets/sheet5.xml", b"elsewhere/staff.xml")
            target.writestr(info, data)
    result = measured("load_workbook(path, scheme, name=name)", moved, "移动.xlsx")
    assert_refused_quickly(result, "工作表「到岗」的单元格 XFD1048576 超出允许范围")


def test_a_cell_placed_past_the_last_column_of_excel_is_refused(tmp_path: Path) -> None:
    plain = value_at(tmp_path / "plain.xlsx", "到岗", "B2", base=EXAMPLE)
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(odd, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet5.xml":  # 到岗
                data = data.replace(b' r="B2"', b' r="BBBBB2"')
            target.writestr(info, data)
    with pytest.raises(FileRefused, match="超出允许范围"):
        load_workbook(odd, load_scheme(), name="odd.xlsx")
