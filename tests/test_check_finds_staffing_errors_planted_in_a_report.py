"""`pinggu check` on the 到岗 table (附件2) of a report pinggu writes (examples/): as written, every
person's 合计, every 小计 / 实到 / 应到 figure and 应到 = 协议人数 × 月数 hold; a monthly subtotal
and a person's 合计 that count a half month (0.5) as a whole one, and a 应到 not equal to the
contracted headcount × months, and a 从业2年以上 share divided by the contracted headcount where the
scheme requires person-months, planted by hand after generation, are each found once, where they
are printed, and named as such — in Word, in its PDF and in the text extracted from it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from report_docs import write_example
from test_check_finds_errors_planted_in_a_report import _set

from pinggu._check import check_report
from pinggu._report.pdf import convert_to_pdf

# The 从业2年以上 share as headcount ÷ 协议人数 (17 ÷ 20), where the scheme requires person-months
# (170 ÷ 197, which 附件2 prints).
SHARE = "（2）从业2年以上社工17人，占比85.00%，达到不低于50.00%的要求。"


def plant_staffing_errors(report: Path, out: Path) -> Path:
    doc = Document(str(report))
    roster = next(t for t in doc.tables if "姓名" in [c.text for c in t.rows[0].cells])
    for row in roster.rows:
        cells = row.cells
        if cells[0].text == "持证社工小计":
            assert cells[4].text == "15.5"  # 7月: 陈强健 joined on the 26th (0.5)
            _set(cells[4], "16")
        if cells[1].text == "郑婷静":
            assert [c.text for c in cells[4:8]] == ["1", "1", "1", "0.5"]
            assert cells[14].text == "3.5"
            _set(cells[14], "4")
    body = next(p for p in doc.paragraphs if "社工总人数应到200人次" in p.text)
    run = next(r for r in body.runs if "应到200人次" in r.text)
    run.text = run.text.replace("应到200人次", "应到190人次")
    share = next(p for p in doc.paragraphs if "占实到197人次的86.29%" in p.text)
    share.runs[0].text = SHARE
    for run in share.runs[1:]:
        run.text = ""
    doc.save(str(out))
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("staffing")
    clean = write_example(folder)[1]
    return clean, plant_staffing_errors(clean, folder / "planted.docx")


def test_the_staffing_figures_as_pinggu_wrote_them_hold(reports: tuple[Path, Path]) -> None:
    result = check_report(reports[0])
    assert result.problems == ()


def test_it_finds_half_months_counted_as_whole_a_wrong_expected_count_and_denominator(
    reports: tuple[Path, Path],
) -> None:
    result = check_report(reports[1])
    found = sorted((p.rule, p.location, p.printed, p.expected) for p in result.problems)
    # where the planted figures stand in this report (other sections move them as they grow)
    doc = Document(str(reports[1]))
    expected, share = (_paragraph(doc, text) for text in ("应到190人次", SHARE))
    roster = _table(doc, "姓名")
    assert found == [
        ("staff_expected", f"第 {expected} 段", "190", "200"),
        ("staff_roster", f"表 {roster} 第 20 行第 15 列", "4", "3.5"),
        ("staff_roster", f"表 {roster} 第 22 行第 5 列", "16", "15.5"),
        ("staff_share", f"第 {share} 段", "85.00%", "86.29%（按人次）"),
    ]
    by_printed = {p.printed: p.message for p in result.problems}
    assert "把 1 个半月（0.5）当作整月（1）计算" in by_printed["16"]
    assert "1 + 1 + 1 + 0.5 + 0 + 0 + 0 + 0 + 0 + 0 = 3.5" in by_printed["4"]
    assert "协议社工人数 20 × 考核期 10 个月 = 200 人次" in by_printed["190"]
    assert "按人次 170 ÷ 197 = 86.29%" in by_printed["85.00%"]
    assert "是 17 ÷ 协议人数 20，分母用错" in by_printed["85.00%"]
    # Each aggregate is checked against the people's month cells: the planted 小计 does not make
    # the correct 每月实到 (19.5) or the 小计's 合计 (147) look wrong.


def _paragraph(doc: Any, text: str) -> int:
    """The number `pinggu check` gives the paragraph holding `text` (counted from 1)."""
    return next(i for i, p in enumerate(doc.paragraphs, 1) if text in p.text)


def _table(doc: Any, header: str) -> int:
    """The number of the first table whose first row has the cell `header` (from 1)."""
    return next(
        i for i, t in enumerate(doc.tables, 1) if header in [c.text for c in t.rows[0].cells]
    )


def _pdf_and_text(report: Path, folder: Path) -> tuple[Path, Path]:
    pdf = convert_to_pdf([report], folder)[0]
    text = pdf.with_suffix(".txt")
    subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True)
    return pdf, text


@pytest.mark.parametrize("kind", ["pdf", "txt"])
def test_in_a_pdf_and_its_text_the_half_months_are_found_across_its_pages(
    reports: tuple[Path, Path], tmp_path: Path, kind: str
) -> None:
    """附件2 spans pages 21 and 22 of the PDF, its header repeated: the 小计 on page 22 is
    checked against the people on page 21, each figure under the month it is printed under."""
    pdf, text = _pdf_and_text(reports[1], tmp_path)
    result = check_report(pdf if kind == "pdf" else text)
    found = sorted((p.rule, p.location, p.printed, p.expected) for p in result.problems)
    pages = text.read_text(encoding="utf-8").split("\f")
    person = max(i for i, page in enumerate(pages, 1) if "郑婷静" in page)  # 附件2, the last
    roster = [f for f in found if f[0] == "staff_roster"]
    assert [(f[2], f[3]) for f in roster] == [("4", "3.5"), ("16", "15.5")]
    # the person's 合计 on the page that lists them, the 小计 on the next (附件2 spans two pages)
    assert re.fullmatch(rf"第 {person} 页第 28 行（表 \d+ 第 19 行第 13 列）", roster[0][1])
    assert re.fullmatch(rf"第 {person + 1} 页第 5 行（表 \d+ 第 21 行第 3 列）", roster[1][1])
    assert sorted((f[0], f[2], f[3]) for f in found if f[0] != "staff_roster") == [
        ("staff_expected", "190", "200"),
        ("staff_share", "85.00%", "86.29%（按人次）"),
    ]
    by_printed = {p.printed: p.message for p in result.problems}
    assert "把 1 个半月（0.5）当作整月（1）计算" in by_printed["16"]
    # 梁霞俊's blank months (7月–12月, counted as 持证 later) are placed as blanks, not shifted.
    assert "1 + 1 + 1 + 0.5 + 0 + 0 + 0 + 0 + 0 + 0 = 3.5" in by_printed["4"]


def test_a_roster_row_it_cannot_place_leaves_it_and_its_subtotals_unchecked(
    reports: tuple[Path, Path], tmp_path: Path
) -> None:
    """梁霞俊's row has blanks (7月–12月), so each figure is placed by where it is printed; his 2月
    moved halfway towards 3月 cannot be placed: his row, and the 持证社工小计 / 每月实到 that
    count him, are left unchecked (the planted 16 is not reported), while 郑婷静's row, with a
    figure in every month, is still read in order (her planted 4 is)."""
    text = _pdf_and_text(reports[1], tmp_path)[1]
    lines = text.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "梁霞俊" in line and "助理社工师" in line)
    k = lines[at].index("1", lines[at].index("助理社工师"))
    assert lines[at][k : k + 3] == "1  "
    lines[at] = lines[at][:k] + "  1" + lines[at][k + 3 :]
    text.write_text("\n".join(lines), encoding="utf-8")
    found = sorted((p.rule, p.printed) for p in check_report(text).problems)
    assert found == [("staff_expected", "190"), ("staff_roster", "4"), ("staff_share", "85.00%")]
