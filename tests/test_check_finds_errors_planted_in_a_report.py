"""`pinggu check` on a report pinggu writes (examples/), as Word, as PDF (LibreOffice) and as the
text `pdftotext -layout` extracts from that PDF: the
report as written has no problem; errors planted by hand after generation — a 合计 percentage
replaced by the sum of the 片区 percentages, another by their mean, the score total off by 1.00, a
share of the 从业2年以上 person-months divided by 应到 instead of 实到 —
are found, in each form."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from docx import Document
from report_docs import write_example

from pinggu._check import CheckResult, check_report
from pinggu._report.pdf import convert_to_pdf
from pinggu.cli import main

FIRST_ZONES = ("105.45%", "101.74%", "101.25%")  # 建档（户）, 第一至第三片区, as the example prints
SUM_OF_ZONES = "308.44%"  # what a hand-written 合计 often prints; the right one is 314 ÷ 305
SECOND_ZONES = ("103.33%", "103.33%", "104.76%")  # 建档（人）
MEAN_OF_ZONES = "103.81%"  # (103.33 + 103.33 + 104.76) ÷ 3; the right one is 420 ÷ 405
WRONG_DENOMINATOR = "85.00%"  # 从业2年以上 170 人次 ÷ 应到 200, printed beside 「占实到197人次」


def _set(cell: object, text: str) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.runs[0].text = text
    for run in paragraph.runs[1:]:
        run.text = ""


def plant_errors(report: Path, out: Path) -> Path:
    doc = Document(str(report))
    indicators = next(t for t in doc.tables if "协议量" in [c.text for c in t.rows[1].cells])
    zones = [row.cells for row in indicators.rows[2:5]]
    assert tuple(c[3].text for c in zones) == FIRST_ZONES
    assert tuple(c[6].text for c in zones) == SECOND_ZONES
    total = indicators.rows[5].cells
    assert total[0].text == "合计"
    _set(total[3], SUM_OF_ZONES)
    _set(total[6], MEAN_OF_ZONES)
    share = next(p for p in doc.paragraphs if "占实到197人次的86.29%" in p.text)
    run = next(r for r in share.runs if "86.29%" in r.text)
    run.text = run.text.replace("86.29%", WRONG_DENOMINATOR)
    scores = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells[:2]] == ["评估内容", "标准分"]
    )
    last = scores.rows[-1].cells[0]
    assert last.text.startswith("以上四项总得分：87.81分")
    _set(last, last.text.replace("87.81", "88.81"))
    doc.save(str(out))
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example report and its planted copy, each as .docx, .pdf and text from the PDF."""
    folder = tmp_path_factory.mktemp("check")
    written = write_example(folder)[1]
    clean = folder / "clean.docx"
    clean.write_bytes(written.read_bytes())
    planted = plant_errors(clean, folder / "planted.docx")
    pdfs = convert_to_pdf([clean, planted], folder)
    files = {"clean.docx": clean, "planted.docx": planted}
    for pdf in pdfs:
        files[pdf.name] = pdf
        text = pdf.with_suffix(".txt")
        subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True)
        files[text.name] = text
    return files


def rules(result: CheckResult) -> list[tuple[str, str, str]]:
    return sorted((p.rule, p.printed, p.expected) for p in result.problems)


PLANTED = [
    ("score_total", "88.81", "87.81"),
    ("sentence_percent_pair", WRONG_DENOMINATOR, "86.29%"),
    ("table_total_percent", MEAN_OF_ZONES, "103.70%"),
    ("table_total_percent", SUM_OF_ZONES, "102.95%"),
]


@pytest.mark.parametrize("name", ["clean.docx", "clean.pdf", "clean.txt"])
def test_the_report_as_pinggu_wrote_it_has_no_problem(reports: dict[str, Path], name: str) -> None:
    result = check_report(reports[name])
    assert result.problems == ()
    assert result.checked > 100


@pytest.mark.parametrize("name", ["planted.docx", "planted.pdf", "planted.txt"])
def test_it_finds_each_planted_error(reports: dict[str, Path], name: str) -> None:
    result = check_report(reports[name])
    assert rules(result) == PLANTED
    by_printed = {p.printed: p for p in result.problems}
    assert "各片区百分比之和" in by_printed[SUM_OF_ZONES].message
    assert "314 ÷ 合计协议量 305" in by_printed[SUM_OF_ZONES].message
    assert "各片区百分比的平均" in by_printed[MEAN_OF_ZONES].message
    assert "差 1.00" in by_printed["88.81"].message
    assert "是 170 ÷ 应到 200，分母用错，应除以 197" in by_printed[WRONG_DENOMINATOR].message


def test_it_locates_a_problem_by_table_row_and_column_in_word(reports: dict[str, Path]) -> None:
    result = check_report(reports["planted.docx"])
    locations = {p.printed: p.location for p in result.problems}
    assert locations[SUM_OF_ZONES] == "表 3 第 6 行第 4 列"
    assert locations[MEAN_OF_ZONES] == "表 3 第 6 行第 7 列"


def test_text_extracted_from_the_pdf_is_located_by_page_and_line(reports: dict[str, Path]) -> None:
    result = check_report(reports["planted.txt"])
    assert all(p.location.startswith("第 ") and " 页第 " in p.location for p in result.problems)


def test_the_command_exits_1_and_its_json_has_the_documented_keys(
    reports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(reports["planted.docx"]), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"file", "checked", "problems", "unchecked"}
    assert data["file"] == str(reports["planted.docx"])
    assert {"rule", "title", "location", "printed", "expected", "context", "message"} == set(
        data["problems"][0]
    )
    assert main(["check", str(reports["clean.docx"])]) == 0
    assert "发现 0 处问题" in capsys.readouterr().out
