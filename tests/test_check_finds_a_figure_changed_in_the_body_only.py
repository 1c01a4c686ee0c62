"""`pinggu check` on a report pinggu writes (examples/) where one figure was changed by hand in the
body only — 社区联络 printed as 371次 in 服务监测 while the progress paragraph and 附件1's 合计 row
say 317 — as Word, as PDF and as the text extracted from that PDF: the changed figure is found,
where it is printed, against the 附件1 figure; the figures that agree are not reported."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from report_docs import write_example

from pinggu._check import check_report
from pinggu._report.pdf import convert_to_pdf

CHANGED = "社区联络371次"  # 服务监测 (1), as printed after the edit; 附件1 合计 is 317


def change_body_figure(report: Path, out: Path) -> Path:
    doc = Document(str(report))
    paragraph = next(p for p in doc.paragraphs if "新增志愿者151名、" in p.text)
    run = next(r for r in paragraph.runs if "社区联络317次" in r.text)
    run.text = run.text.replace("社区联络317次", CHANGED)
    doc.save(str(out))
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("repeats")
    changed = change_body_figure(write_example(folder)[1], folder / "changed.docx")
    files = {"changed.docx": changed}
    for pdf in convert_to_pdf([changed], folder):
        text = pdf.with_suffix(".txt")
        subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True)
        files[pdf.name], files[text.name] = pdf, text
    return files


@pytest.mark.parametrize("name", ["changed.docx", "changed.pdf", "changed.txt"])
def test_it_finds_the_figure_changed_in_the_body_only(reports: dict[str, Path], name: str) -> None:
    result = check_report(reports[name])
    assert [(p.rule, p.printed, p.expected) for p in result.problems] == [
        ("same_figure", "371", "317")
    ]
    problem = result.problems[0]
    assert "社区联络（次）合计完成量" in problem.message
    assert "印为 317，在此处印为 371" in problem.message


def test_it_is_located_where_the_changed_figure_is_printed(reports: dict[str, Path]) -> None:
    paragraphs = Document(str(reports["changed.docx"])).paragraphs
    n = 1 + next(i for i, p in enumerate(paragraphs) if CHANGED in p.text)
    assert check_report(reports["changed.docx"]).problems[0].location == f"第 {n} 段"
