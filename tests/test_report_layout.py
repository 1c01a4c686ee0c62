"""The printed page as a reader sees it: no page left mostly empty in the middle of a section,
charts with their captions, short tables whole, no cover footer, no stretched lines.

Pages are measured with poppler: `pdftoppm` renders each page in grey at 20 dpi and the lowest
row of ink above the footer says how much of the page is used; `pdftotext` gives each page's
first line, which tells where a top-level section (一、… 五、, 附件1 …) begins.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from report_docs import example_result

from pinggu import Result, evaluate, load_scheme
from pinggu._report.build import write_docx, write_report
from pinggu._report.pdf import convert_to_pdf
from pinggu._report.tables import Cell, Table
from pinggu._report.word import default_template
from pinggu._report.word_tables import Styles, tables_block
from pinggu._synthetic import synthetic_evaluation

DPI = 20
CM = DPI / 2.54
TOP_LEVEL = re.compile(r"^([一二三四五六七八九十]+、|附件\s*\d)")
# Latin runs a Chinese line cannot break, wide enough to stretch a justified line visibly
LONG_LATIN = re.compile(r"[0-9A-Za-z.,%:/\-]{6,}")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _synthetic() -> Result:
    scheme = load_scheme()
    return evaluate(synthetic_evaluation(7, scheme=scheme), scheme)


@pytest.fixture(scope="module", params=["example", "synthetic", "example-xiehui"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    make: Callable[[], Result] = _synthetic if request.param == "synthetic" else example_result
    style = "xiehui" if request.param.endswith("xiehui") else None
    files = write_report(make(), tmp_path_factory.mktemp(request.param), style=style)
    assert files.pdf is not None
    return files.pdf


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _pages_text(pdf: Path) -> list[str]:
    return _run("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def _used(pdf: Path, tmp: Path) -> list[float]:
    """Per page, the share of the text area (between the margins) above its lowest ink."""
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(tmp / "p")], check=True)
    shares = []
    for image in sorted(tmp.glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
        _, size, _, pixels = image.read_bytes().split(b"\n", 3)
        width, height = map(int, size.split())
        # The template's margins: 2.5 cm on a portrait page, 2 cm on the landscape 附件 pages;
        # the footer lies below the bottom margin and does not count.
        margin = (2.5 if height > width else 2.0) * CM
        top, bottom = margin, height - margin
        inked = [
            row
            for row in range(height)
            if row < bottom and min(pixels[row * width : (row + 1) * width]) < 128
        ]
        shares.append(max(0.0, (max(inked) - top) / (bottom - top)) if inked else 0.0)
    return shares


def test_no_page_is_more_than_two_thirds_empty_but_the_last_of_a_section(
    report: Path, tmp_path: Path
) -> None:
    pages = _pages_text(report)
    used = _used(report, tmp_path)
    assert len(used) == len(pages)
    firsts = [next((ln.strip() for ln in p.splitlines() if ln.strip()), "") for p in pages]
    empty = [
        f"第 {n} 页只用了 {share:.0%}（下一页开头：{firsts[n] if n < len(pages) else ''}）"
        for n, share in enumerate(used, start=1)
        if share < 1 / 3 and n < len(pages) and not TOP_LEVEL.match(firsts[n])
    ]
    assert not empty, empty


def test_the_cover_has_no_footer_and_every_other_page_is_numbered(report: Path) -> None:
    pages = _pages_text(report)
    assert "页" not in pages[0]
    for n, page in enumerate(pages[1:], start=2):
        assert f"第 {n} 页 共 {len(pages)} 页" in page


def test_each_chart_is_on_the_page_of_its_caption(report: Path) -> None:
    pages = _pages_text(report)
    listed = _run("pdfimages", "-list", str(report)).splitlines()[2:]
    image_pages = [int(line.split()[0]) for line in listed if line.split()[2] == "image"]
    caption_pages = [
        n
        for n, page in enumerate(pages, start=1)
        for line in page.splitlines()
        if re.match(r"\s*图\s*\d+\s", line)
    ]
    assert caption_pages and image_pages == caption_pages


def test_the_annex_list_shares_its_page_with_the_closing_words(report: Path) -> None:
    page = next(p for p in _pages_text(report) if "附件：1" in p)
    before = page.split("附件：1")[0]
    assert len([line for line in before.splitlines() if line.strip()]) >= 2, page
    docx = Document(str(report.with_suffix(".docx")))
    paragraphs = [p for p in docx.paragraphs if p.text.strip()]
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("附件：1"))
    assert paragraphs[at - 1].paragraph_format.keep_with_next  # the closing words …
    assert paragraphs[at].paragraph_format.keep_with_next  # … and both lines stay together


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Any:
    _, files = write_docx(example_result(), tmp_path_factory.mktemp("docx"))
    return Document(str(files.docx))


def test_lines_with_long_numbers_are_set_flush_left_and_others_justified(example_docx: Any) -> None:
    body = [p for p in example_docx.paragraphs if p.style.name == "Normal"]
    cost = next(p for p in body if "占年度支出总额" in p.text)
    assert cost.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for paragraph in body:
        if paragraph.text.strip():
            long_number = LONG_LATIN.search(paragraph.text) is not None
            assert (paragraph.alignment == WD_ALIGN_PARAGRAPH.LEFT) == long_number, paragraph.text
            assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_a_sentence_introducing_a_list_or_a_zone_stays_with_what_follows(
    example_docx: Any,
) -> None:
    introductions = [
        p
        for p in example_docx.paragraphs
        if p.text.rstrip().endswith("：") or re.match(r"（\d+）\S+片区，该片区范围包括", p.text)
    ]
    assert len(introductions) > 10
    loose = [p.text for p in introductions if not p.paragraph_format.keep_with_next]
    assert not loose, loose


def test_a_chart_keeps_with_its_caption_at_single_line_spacing(example_docx: Any) -> None:
    """LibreOffice multiplies the height of a line holding an image by its line spacing: a
    chart set at 1.5 lines took half as much room again and left the page above it empty."""
    figure = example_docx.styles["Figure"].paragraph_format
    assert figure.keep_with_next
    assert figure.line_spacing in (None, 1.0)
    # The caption under a chart does not chain the chart to the heading and text after it.
    captions = [p for p in example_docx.paragraphs if re.match(r"图\d", p.text)]
    assert [p.text for p in captions] == ["图1 各项指标完成率（合计）", "图2 每月社工到岗人次"]
    assert all(p.paragraph_format.keep_with_next is False for p in captions)


@pytest.fixture(scope="module")
def tables_pdf(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A 17-row table that starts low on a page, then a 30-row table, in the shipped template."""
    doc = Document(str(default_template()))
    body = doc.element.body
    for element in list(body)[:-1]:  # keep the last section's properties (landscape A4)
        body.remove(element)
    styles = Styles(doc.styles["Table Text"].style_id, doc.styles["Caption"].style_id)

    def table(name: str, rows: int) -> str:
        head = (Cell("名称", header=True), Cell("数值", header=True))
        grid = (head, *((Cell(f"{name}{r:02d}"), Cell(str(r))) for r in range(1, rows + 1)))
        return tables_block((Table(name, grid, 1, (4.0, 4.0)),), styles, str).xml

    filler = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>".format("填充文字，" * 30)
    xml = filler * 3 + table("短表", 17) + filler + table("长表", 30)
    for element in parse_xml(f"<w:body {W}>{xml}</w:body>"):
        body[-1].addprevious(element)
    out = tmp_path_factory.mktemp("tables")
    doc.save(str(out / "tables.docx"))
    (pdf,) = convert_to_pdf([out / "tables.docx"], out)
    return _pages_text(pdf)


def test_a_short_table_is_kept_on_one_page(tables_pdf: list[str]) -> None:
    pages = [n for n, page in enumerate(tables_pdf) if re.search(r"短表\s*\d\d", page)]
    assert len(pages) == 1
    assert len(re.findall(r"短表\s*\d\d", tables_pdf[pages[0]])) == 17


def test_a_long_table_repeats_its_header_on_each_page(tables_pdf: list[str]) -> None:
    pages = [page for page in tables_pdf if re.search(r"长表\s*\d\d", page)]
    assert len(pages) >= 2
    assert all("名称" in page for page in pages)
