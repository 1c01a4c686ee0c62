"""`pinggu check` on what is not an evaluation report: prose with numbers claims nothing (exit 0,
0 checked); a file it cannot read exits 2 with a located reason, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from pinggu import UnreadableReport
from pinggu._check import check_report
from pinggu.cli import main


def test_prose_with_numbers_and_percentages_is_not_checked_and_not_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "会议纪要.txt"
    notes.write_text(
        "2024年3月5日会议纪要。\n出席 12 人，缺席 3 人。今年预算增长 7.5%，较去年多 30 万元。\n"
        "会议决定下周再议，届时出席率争取达到 95%。\n",
        encoding="utf-8",
    )
    assert main(["check", str(notes)]) == 0
    out = capsys.readouterr().out
    assert "核对了 0 个数字与关系，发现 0 处问题" in out
    assert "不像" in out or "不是评估报告" in out
    result = check_report(notes)
    assert {u.figure for u in result.unchecked} == {"7.5%", "95%"}


def test_a_word_file_without_report_tables_claims_nothing(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("采购清单：办公桌 4 张，合计 3 项，折扣 12%。")
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("物品", "数量", "占比"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("椅子", "8", "40%"), strict=True):
        cell.text = text
    path = tmp_path / "清单.docx"
    doc.save(str(path))
    result = check_report(path)
    assert (result.checked, result.problems) == (0, ())
    assert {u.figure for u in result.unchecked} == {"12%", "40%"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("报告.docx", b"this is not a zip file", "不是可以读取的 Word 文件"),
        ("报告.pdf", b"%PDF-1.4 broken", "不是可以读取的 PDF 文件"),
        ("报告.xlsx", b"PK\x03\x04", "只能核对 .docx、.pdf 或 .txt 文件"),
        ("报告.txt", "评估报告".encode("utf-16"), "不是 UTF-8 或 GB18030 编码的文本"),
    ],
)
def test_an_unreadable_file_exits_2_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableReport, match=reason):
        check_report(path)
    assert main(["check", str(path)]) == 2
    assert reason in capsys.readouterr().err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "没有这个文件.docx")]) == 2
    assert "文件不存在" in capsys.readouterr().err
