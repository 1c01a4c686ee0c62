"""Write the report template shipped in the package, pinggu/_report/template.docx: the page
setup, the styles, the cover, the generic `body` list every house style's sections fill
(pinggu/_report/styles/*.toml hold the structure and wording) and the 附件.

    uv run python tools/make_report_template.py

The template is a Word document with docxtpl fields ({{ … }}, {%p … %}); agencies may edit
a copy in Word and pass it with `pinggu report --template`. This script is the reviewable
source of the shipped copy: change it here and run it again (a test checks that the shipped
file is what this script writes). The fields are documented in docs/report-template.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

OUTPUT = Path(__file__).resolve().parent.parent / "pinggu" / "_report" / "template.docx"
PERFORMANCE = OUTPUT.parent / "performance" / "template.docx"
SERIF, SANS, LATIN = "宋体", "黑体", "Times New Roman"


def _fonts(style: BaseStyle, east_asia: str, size: float, bold: bool = False) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold = LATIN, Pt(size), bold
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _chinese(doc: Document) -> None:  # type: ignore[valid-type]
    """Mark the text Chinese (python-docx's default says en-US and ja-JP), so Word and
    LibreOffice pick simplified-Chinese glyphs and punctuation."""
    lang = doc.styles.element.find(
        qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang")
    )  # type: ignore[attr-defined]
    lang.set(qn("w:eastAsia"), "zh-CN")
    settings = doc.settings.element  # type: ignore[attr-defined]
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: Document) -> None:  # type: ignore[valid-type]
    _chinese(doc)
    styles = doc.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    _fonts(normal, SERIF, 12)
    fmt = normal.paragraph_format
    fmt.first_line_indent, fmt.line_spacing = Pt(24), 1.5
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = True  # no paragraph leaves a single line at a page's foot or head
    for name, east, size, before in (
        ("Title", SANS, 18, 0),
        ("Heading 1", SANS, 15, 12),
        ("Heading 2", SANS, 13, 6),
        ("Heading 3", SERIF, 12, 3),
    ):
        style = styles[name]
        _fonts(style, east, size, bold=True)
        pf = style.paragraph_format
        pf.first_line_indent = Pt(24) if name == "Heading 3" else Pt(0)
        pf.space_before, pf.space_after, pf.line_spacing = (
            Pt(before),
            Pt(6 if name != "Heading 3" else 0),
            1.5,
        )
        pf.keep_with_next = True
        if name == "Title":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pborder = style.element.get_or_add_pPr().find(qn("w:pBdr"))
            if pborder is not None:
                pborder.getparent().remove(pborder)
    for name, align in (
        ("Cover", WD_ALIGN_PARAGRAPH.LEFT),
        ("Caption", WD_ALIGN_PARAGRAPH.CENTER),
        ("Table Text", WD_ALIGN_PARAGRAPH.CENTER),
        ("Figure", WD_ALIGN_PARAGRAPH.CENTER),
    ):
        style = styles[name] if name in styles else styles.add_style(name, 1)
        style.base_style = normal
        _fonts(
            style,
            SERIF,
            {"Cover": 14, "Caption": 10.5, "Table Text": 9.5, "Figure": 12}[name],
            bold=name == "Caption",
        )
        pf = style.paragraph_format
        pf.first_line_indent, pf.alignment = Pt(0), align
        # Single spacing for charts: LibreOffice multiplies a line holding an image by 1.5 too.
        pf.line_spacing = 1.0 if name in ("Table Text", "Figure") else 1.5
        if name == "Table Text":
            pf.space_before = pf.space_after = Pt(1)
        if name == "Caption":
            pf.keep_with_next = True
        if name == "Figure":  # a chart stays with the caption under it
            pf.keep_with_next = True
        if name == "Cover":
            pf.left_indent, pf.space_after = Cm(3), Pt(12)


def _footer(doc: Document) -> None:  # type: ignore[valid-type]
    """第 X 页 共 Y 页: PAGE and NUMPAGES fields, updated by Word and LibreOffice. The cover
    has none (a different first page); the numbers still count it, as the PDF viewer does."""
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    for piece in ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"):
        if piece in ("PAGE", "NUMPAGES"):
            _field(paragraph, piece)
        else:
            paragraph.add_run(piece)


def _field(paragraph: Paragraph, code: str) -> None:
    for kind, text in (
        ("begin", None),
        (None, f" {code} "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() != "1":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


class _Writer:
    def __init__(self) -> None:
        self.doc = Document()
        _styles(self.doc)
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.6)
        section.top_margin = section.bottom_margin = Cm(2.5)
        _footer(self.doc)

    def p(self, text: str, style: str | None = None) -> Paragraph:
        return self.doc.add_paragraph(text, style)


def _figure_caption(paragraph: Paragraph) -> None:
    """A figure's caption sits under it and, unlike a table's title, need not keep with the
    text after it: the chart, its caption and a heading's chain would move as one block."""
    paragraph.paragraph_format.keep_with_next = False


def _cover(w: _Writer) -> None:
    """The cover (both styles) and the title at the top of the report's first page."""
    w.p("{{ cover.title }}", "Title")
    w.p("{{ cover.contract }}", "Caption")
    for _ in range(4):
        w.p("", "Cover")
    for label, field in (
        ("项目监督方", "supervisor"),
        ("项目购买方", "purchaser"),
        ("项目承办方", "operator"),
        ("项目评估方", "evaluator"),
        ("评估日期", "evaluation_date"),
    ):
        w.p(f"{label}：{{{{ cover.{field} }}}}", "Cover")
    w.p("").add_run().add_break(WD_BREAK.PAGE)
    w.p("{{ cover.title }}", "Title")


def _appendices(w: _Writer) -> None:
    _landscape(w)
    w.p("附件1", "Heading 1")
    w.p("{{ cover.city }}{{ cover.short }}购买服务项目指标完成情况统计表", "Caption")
    w.p("{{p indicator_tables }}")
    w.p("").add_run().add_break(WD_BREAK.PAGE)
    w.p("附件2", "Heading 1")
    w.p("{{ cover.city }}{{ cover.short }}购买服务项目社工到岗情况统计表", "Caption")
    w.p("{{p attendance_table }}")
    # 附件3 only when the experts checked files (docs/onsite.md); the field is optional.
    w.p("{%p if spot_check_table %}")
    w.p("").add_run().add_break(WD_BREAK.PAGE)
    w.p("附件3", "Heading 1")
    w.p("{{ cover.city }}{{ cover.short }}档案抽查情况", "Caption")
    w.p("{{p spot_check_table }}")
    w.p("{%p endif %}")


def _body(w: _Writer, *, figures: bool = True) -> None:
    """The generic body of a style file's sections (pinggu/_report/styles.py): each item a
    heading, a paragraph, a chart with its caption, or a table; with `figures` False (the
    performance report's) only headings and paragraphs."""
    w.p("{%p for b in body %}")
    for kind, style in (("h1", "Heading 1"), ("h2", "Heading 2"), ("h3", "Heading 3")):
        w.p(
            '{%p if b.kind == "' + kind + '" %}'
            if kind == "h1"
            else '{%p elif b.kind == "' + kind + '" %}'
        )
        w.p("{{ b.text }}", style)
    if figures:
        w.p('{%p elif b.kind == "figure" %}')
        w.p("{{ b.image }}", "Figure")
        w.p('{%p elif b.kind == "caption" %}')
        _figure_caption(w.p("{{ b.text }}", "Caption"))
        w.p('{%p elif b.kind == "table" %}')
        w.p("{{p b.table }}")
        w.p('{%p elif b.kind == "keep" %}')  # kept on the page of the next paragraph
        w.p("{{ b.text }}").paragraph_format.keep_with_next = True
    w.p("{%p else %}")
    w.p("{{ b.text }}")
    w.p("{%p endif %}")
    w.p("{%p endfor %}")


def _landscape(w: _Writer) -> None:
    """A new landscape section for the 附件's wide tables, numbered like the body."""
    section = w.doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # only the cover goes without a footer
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)


def _finish(w: _Writer, path: Path, title: str, comments: str) -> Path:
    core = w.doc.core_properties
    core.author = core.last_modified_by = "pinggu"
    # The report writes its own title, author, description and dates (pinggu/_report/word.py).
    core.title, core.comments = title, comments
    w.doc.save(str(path))
    return path


def _annex_list(w: _Writer) -> None:
    # The 附件 list never stands alone on a page: the paragraph before it keeps with it
    # (pinggu/_report/word_body.py), and its two lines keep together.
    w.p(
        "附件：1.{{ cover.city }}{{ cover.short }}购买服务项目指标完成情况统计表"
    ).paragraph_format.keep_with_next = True
    second = w.p("2.{{ cover.city }}{{ cover.short }}购买服务项目社工到岗情况统计表")
    second.paragraph_format.first_line_indent = Pt(24 + 36)  # under 「1.」, past 「附件：」
    w.p("{%p if spot_check_table %}")
    third = w.p("3.{{ cover.city }}{{ cover.short }}档案抽查情况")
    third.paragraph_format.first_line_indent = Pt(24 + 36)
    w.p("{%p endif %}")


def build(path: Path = OUTPUT) -> Path:
    w = _Writer()
    _cover(w)
    _body(w)
    _annex_list(w)
    _appendices(w)
    return _finish(w, path, "社工服务站评估报告模板", "pinggu 评估报告模板")


def build_performance(path: Path = PERFORMANCE) -> Path:
    """The performance report's template (pinggu/_report/performance/word.py): the title on
    the first page (seed 001 has no cover), the numbered body, and the 自评表 as a landscape
    附件. Same page setup and styles as the evaluation report's."""
    w = _Writer()
    w.doc.sections[0].different_first_page_header_footer = False  # no cover: page 1 numbered
    w.p("{{ title_head }}", "Title").paragraph_format.space_after = Pt(0)
    w.p("{{ title_tail }}", "Title")
    _body(w, figures=False)
    w.p("")
    w.p("附件：{{ form_title }}")
    _landscape(w)
    w.p("附件", "Heading 1")
    w.p("{{ form_title }}（{{ year }}）", "Caption")
    w.p("{{p form }}")
    return _finish(w, path, "绩效评价报告模板", "pinggu 绩效评价报告模板")


if __name__ == "__main__":
    print(f"已生成 {build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)}")
    print(f"已生成 {build_performance(Path(sys.argv[2]) if len(sys.argv) > 2 else PERFORMANCE)}")
