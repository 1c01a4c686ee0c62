"""The published PDF: Chinese fonts embedded, a sensible length, pages a person can look at.

Renders page 1 and the score-table page to PNG in build/report-pages/ for a person to open.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from report_docs import example_result

from pinggu._report.build import write_report

PAGES = Path(__file__).parent.parent / "build" / "report-pages"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = write_report(example_result(), tmp_path_factory.mktemp("pdf"))
    assert files.pdf is not None
    return files.pdf


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_pdf_embeds_the_chinese_serif_and_sans_fonts(pdf: Path) -> None:
    fonts = [line.split() for line in _run("pdffonts", str(pdf)).splitlines()[2:]]
    embedded = {row[0].split("+")[-1] for row in fonts if "yes" in row[-5:-3]}
    assert any(name.startswith("NotoSerifCJK") for name in embedded), embedded
    assert any(name.startswith("NotoSansCJK") for name in embedded), embedded
    assert all("yes" in row[-5:-3] for row in fonts), "every font must be embedded"


def _characters(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def test_the_pdf_prints_every_character_of_the_docx(pdf: Path) -> None:
    """LibreOffice drops a 。 or ： it hangs past the margin of a justified line (pdf.py)."""
    document = Document(str(pdf.with_suffix(".docx")))
    typed = _characters("".join(t.text or "" for t in document.element.body.iter(qn("w:t"))))
    printed = _characters(_run("pdftotext", str(pdf), "-"))
    missing = {c: n - printed[c] for c, n in typed.items() if n > printed[c]}
    assert missing == {}


def test_page_count_is_that_of_a_full_report(pdf: Path) -> None:
    pages = int(
        next(
            line.split()[-1]
            for line in _run("pdfinfo", str(pdf)).splitlines()
            if line.startswith("Pages:")
        )
    )
    assert 14 <= pages <= 30


def test_footer_numbers_every_page_but_the_cover(pdf: Path) -> None:
    text = _run("pdftotext", "-layout", str(pdf), "-")
    pages = text.split("\f")[:-1]
    assert "第 1 页" not in pages[0]
    for i, page in enumerate(pages[1:], start=2):
        assert f"第 {i} 页 共 {len(pages)} 页" in page


def test_first_and_score_pages_render_for_a_person_to_look_at(pdf: Path) -> None:
    text = _run("pdftotext", "-layout", str(pdf), "-").split("\f")
    score_page = next(i for i, page in enumerate(text, start=1) if "以下是详细的评分情况" in page)
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    for name, page in (("第1页", 1), ("评分表页", score_page)):
        _run(
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(PAGES / name),
        )
        image = PAGES / f"{name}.png"
        assert image.stat().st_size > 20_000  # a page with text on it, not a blank one


def test_the_pdfs_title_and_author_are_the_reports(pdf: Path) -> None:
    info = dict(
        line.split(":", 1) for line in _run("pdfinfo", str(pdf)).splitlines() if ":" in line
    )
    assert info["Title"].strip() == "海珠区示例街社工服务站末期评估报告"
    assert info["Author"].strip() == "广州市瑞祥社会服务评估中心"
    assert "python-docx" not in info.get("Subject", "") + info.get("Keywords", "")
