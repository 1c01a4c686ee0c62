"""Write the report templates shipped in the package: pinggu/_report/template.docx (联合会
style, its structure spelled out here) and pinggu/_report/template-sections.docx (any style
whose sections a style file declares: it renders the generic `body` list).

    uv run python tools/make_report_template.py

The template is a Word document with docxtpl fields ({{ … }}, {%p … %}); agencies may edit
a copy in Word and pass it with `pinggu report --template`. This script is the reviewable
source of the shipped copy: change the wording here and run it again (a test checks that the
shipped file is what this script writes). The fields are documented in docs/report-template.md.
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
SECTIONS_OUTPUT = OUTPUT.with_name("template-sections.docx")
SERIF, SANS, LATIN = "宋体", "黑体", "Times New Roman"

WORK_ITEMS = (
    "1.听取介绍。由社工站项目负责人介绍社工站的运营及服务情况、各项指标完成情况。",
    "2.实地观察。主要针对社工站硬件建设情况方面进行考察，以评估其设施开展专业服务的适宜性。",
    "3.查阅资料。查阅社工站行政、人事管理制度及专业服务记录等方面资料。",
    "4.服务访谈。与相关社工进行访谈，了解社工站、社工点服务推进情况，了解社工对服务项目的理解，以及开展服务的总结反思。",
    "5.机构运营访谈。主要与承办机构管理人员及行政人员进行访谈，了解机构运营情况，查看机构行政配套制度等情况。",
    "6.服务对象满意度。随机抽取不少于一百名服务对象开展服务满意度调查（困难群众和特殊群体总人数低于一百的，按照实际总人数开展全覆盖满意度调查），针对个人或家庭问题解决、能力提升、支持网络增强等情况进行综合评价。",
    "7.总结反馈。由评估专家团队对评估进行总结，与社工站社工进行反馈，听取街道（镇人民政府）购买方对社工站工作开展的意见和建议，了解社工站同事对本次活动的反馈。",
)
PRINCIPLES = (
    "1.真实诚信原则：评估要求项目运营方必须以实事求是的态度对待评估，本着诚实守信的原则，提供和展示能够真实、客观反映其项目运营状况的依据和有效资料，以供评估小组考察。",
    "2.客观公正原则：评估要求所有评估专家恪守“客观公正的第三方”评估者角色，依据事实和真实情况给出客观、中肯评价意见或结论。",
    "3.证据为本原则：评估要求项目运营方应提供有事实依据的证明资料或记录，来展示其项目运营的真实状况和成效；同时，评估要求所有评估专家以真实有效的工作痕迹记录为依据，做出客观公正的专业评估分析和判断。",
    "4.以评促进原则：评估要求评估专家要本着促进项目运营质量和成效的目标原则实施评估活动，给出评估指导意见，评估意见应具体、清晰、可行，能够切实指导项目运营团队持续改善服务成效和质量。",
    "5.回避监督原则：评估要求评估专家在评估前与被评估方有单独接触、有利益关系或冲突的，均应回避；被评估方有权监督评估团队的评估工作，并有权提出合理异议或回避要求，以免评估失去公正性和可信度。",
    "6.保密尊重原则：评估要求评估专家应尊重和保护其工作中所接触、发现或遇到的涉及服务对象隐私权等所有受法律保护的事项，并依法负有保密职责；评估要求评估专家在评估过程中应尊重被评估方的所有原创性专业技术、方法等成果，并依法负有保密职责。",
)
STAGES = (
    (
        "1.自我评审阶段",
        "社工站结合{{ basis }}和签订的服务协议，逐项对照，准备材料，结合实际进行自我评估，并完成自评报告的报送工作。",
    ),
    (
        "2.实地评估阶段",
        "评估小组对社工站提供的材料进行审阅，实地考察，进行现场评估并打分。评估小组根据公平、公正的原则，严格按照评估要求，对社工站进行评估工作。",
    ),
    (
        "3.报告反馈阶段",
        "根据社工站的实际情况，综合各评估专家的意见和建议，形成社工站{{ cover.kind }}评估报告意见初稿，发送给{{ cover.supervisor }}及{{ cover.short }}，并由社工站转发给{{ cover.purchaser }}。",
    ),
    (
        "4.出具{{ cover.kind }}评估报告阶段",
        "结合{{ cover.supervisor }}、{{ cover.purchaser }}以及{{ cover.short }}的反馈意见，形成最终报告，发给{{ cover.supervisor }}，并由{{ cover.supervisor }}转发给{{ cover.purchaser }}和社工站。",
    ),
)
REVIEW = "经评估专家与相关社工访谈并评估分析访谈情况，查阅相关资料等方式了解社工站项目运营管理情况，项目管理有以下几方面{what}："
SERVICE = "经评估专家与相关社工访谈并评估分析访谈情况，查阅项目调研、服务方案等各类服务工作痕迹记录资料，{name}有以下几方面{what}："
MONITORING = "经对社工站提供的服务对象名册随机抽取服务对象进行满意度调查，通过与相关社工访谈情况及查阅“五社联动”相关服务工作痕迹记录资料，结合服务对象反馈情况，服务监测以下几方面{what}："
# (context attribute, heading, introduction before the lists, or None for the parties' own sections)
SECTIONS = (
    ("management", "（三）项目管理", REVIEW, None),
    ("quality", "（四）服务质量", SERVICE, None),
    ("monitoring", "（五）服务监测", MONITORING, None),
    ("outcomes", "（六）服务成效", SERVICE, None),
    (
        "purchaser",
        "（七）购买方评估",
        None,
        "购买方代表通过整合利益相关方与社工站沟通合作情况，对社工站作用发挥情况评估的反馈如下：",
    ),
    (
        "supervision_centre",
        "（八）督导中心",
        None,
        "督导中心根据社工站日常管理及督导情况，对社工站服务质量保障工作的评估反馈如下：",
    ),
    (
        "supervisor",
        "（九）监督方评估",
        None,
        "监督方通过日常的督查工作，对社工站自查自纠情况及整改落实情况的评估反馈如下：",
    ),
)


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

    def loop(
        self, head: str, body: str, tail: str = "{%p endfor %}", style: str | None = None
    ) -> None:
        self.p(head)
        self.p(body, style)
        self.p(tail)

    def findings(self, items: str, numbering: str = "（{{ loop.index }}）") -> None:
        # Never empty: where a party raised nothing the content says so in a sentence
        # (pinggu/_report/facts.py), so the template has no 「（无）」 branch.
        self.loop(f"{{%p for f in {items} %}}", numbering + "{{ f }}")


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


def _front(w: _Writer) -> None:
    _cover(w)
    w.p(
        "{{ cover.station }}（以下简称“社工站”）{{ cover.kind }}报告，是专业评估人员通过对社工站项目服务的全面调查、综合分析和科学判断，确定目标是否可行，总结服务开展情况，以及服务成效体现的总结文书。经过{{ team }}对社工站展开为期一天的实地考察、访谈、查阅资料等形式的评估，形成此报告。社工站可以将此报告作为参考，进行服务完善和提升，从多方面扎实服务基础，拓展服务面，提升服务的专业化水平。本报告尽量呈现社工站的实际情况，因评估时间较短的关系，社工站部分服务成效不完全体现在报告中。"
    )


def _background(w: _Writer) -> None:
    w.p("一、{{ cover.kind }}评估背景", "Heading 1")
    w.p(
        "{{ cover.evaluation_date }}，{{ cover.evaluator }}组织{{ team }}对{{ cover.district }}{{ cover.short }}展开了{{ cover.kind }}评估工作。评估为期一天，主要通过听取社工站介绍、实地考察、查阅资料、面谈（访谈）、填写问卷等形式，对社工站的项目管理、服务开展情况以及项目成效等方面进行评估。评估团队主要完成了以下几方面的工作："
    )
    for item in WORK_ITEMS:
        w.p(item)
    w.p("（一）评估依据", "Heading 2")
    w.p(
        "1.政策依据：《社会工作服务项目绩效评估指南》《广州市社会工作服务条例》《广州市社工服务站管理办法》《广州市社工站购买服务项目评估办法》《广州市社工站岗位职责》《广州市社会工作行业督导从业人员资质、备案实施办法》。"
    )
    w.p("2.评估标准依据：{{ basis }}。")
    w.p("（二）评估原则", "Heading 2")
    for item in PRINCIPLES:
        w.p(item)
    w.p("（三）评估阶段", "Heading 2")
    for head, body in STAGES:
        w.p(head)
        w.p(body)
    w.p("（四）评估内容", "Heading 2")
    w.p("1.运营管理情况评估：主要从社工站人员管理、行政管理、继续教育等方面进行评估。")
    w.p(
        "2.服务评估：根据{{ basis }}，结合社工站与街道（镇人民政府）签订的三方协议规定开展的服务内容，从服务成效、服务质量、服务监测、项目管理等方面开展评估工作，同时通过整合项目购买方、督导中心和项目监督方评估意见，综合对社工站项目进行评估。"
    )
    w.p("（五）评估结果说明", "Heading 2")
    w.p("{{ explanation }}")
    w.loop("{%p for v in veto_rules %}", "{{ v }}")


def _summary(w: _Writer) -> None:
    w.p("二、评估总结", "Heading 1")
    w.p("（一）社工站基本情况", "Heading 2")
    w.loop("{%p for t in basic %}", "{{ t }}")
    w.p("（二）各项目服务进度情况", "Heading 2")
    w.loop("{%p for t in progress %}", "{{ t }}")
    w.p("{%p if completion_chart %}")
    w.p("{{ completion_chart }}", "Figure")
    _figure_caption(w.p("图1 各项指标完成率（合计）", "Caption"))
    w.p("{%p endif %}")
    w.p("{{ progress_conclusion }}")
    for attr, heading, intro, party_intro in SECTIONS:
        name = (
            heading[3:].removesuffix("评估") if attr in ("purchaser", "supervisor") else heading[3:]
        )
        s = f"sections.{attr}"
        w.p(heading, "Heading 2")
        if attr == "monitoring":  # the satisfaction survey, when there is one
            w.loop("{%p for t in survey %}", "{{ t }}")
        if party_intro:
            w.p(party_intro)
        for number, what, items in (
            ("1", "值得肯定的地方", "strengths"),
            ("2", "需要关注的地方", "concerns"),
        ):
            w.p(f"{number}. {what}", "Heading 3")
            if intro:
                w.p(intro.format(name=name, what=what.removesuffix("的地方")))
            if attr == "quality":
                w.p("{%p for z in " + s + ".zones %}")
                zone = w.p(
                    "（{{ loop.index }}）{{ z.zone }}，该片区范围包括：{{ z.communities }}。"
                )
                zone.paragraph_format.keep_with_next = True  # a 片区's line heads its findings
                w.findings(f"z.{items}", "{{ circled[loop.index0] }}")
                w.p("{%p endfor %}")
            else:
                w.findings(f"{s}.{items}")
            if attr == "management" and items == "strengths":
                w.p("{{ staffing_chart }}", "Figure")
                _figure_caption(w.p("图2 每月社工到岗人次", "Caption"))
    w.p("{%p for s in other_sections %}")
    w.p("（{{ s.number }}）{{ s.name }}", "Heading 2")
    w.p("1. 值得肯定的地方", "Heading 3")
    w.findings("s.strengths")
    w.p("2. 需要关注的地方", "Heading 3")
    w.findings("s.concerns")
    w.p("{%p endfor %}")


def _ending(w: _Writer) -> None:
    w.p("三、评估反馈", "Heading 1")
    w.p(
        "评估反馈主要分为两大环节，一是现场反馈环节，二是对评估报告初稿的意见反馈环节。本次社工站的反馈如下："
    )
    w.p(
        "1.现场反馈：经过为期一天的评估，评估专家针对社工站的情况，进行了现场总结反馈，在总结反馈环节，{{ onsite_feedback }}"
    )
    w.p("2.对评估报告初稿的反馈：{{ draft_feedback }}")
    w.p("四、评估等级", "Heading 1")
    w.p("{{ grade }}")
    w.loop("{%p for v in vetoes %}", "{{ v }}")
    w.p("以下是详细的评分情况：")
    w.p("{{p score_table }}")
    w.p("五、结语", "Heading 1")
    # The 附件 list never stands alone on a page: the paragraph before it keeps with it.
    w.p("{%p if suggestions %}")
    w.p("{{ closing }}")
    w.p("为提供更好的社工服务，未来社工站的服务发展可以更加关注以下几个方面：")
    w.p("{%p for s in suggestions %}")
    w.p("{%p if loop.last %}")
    w.p("{{ loop.index }}.{{ s }}").paragraph_format.keep_with_next = True
    w.p("{%p else %}")
    w.p("{{ loop.index }}.{{ s }}")
    w.p("{%p endif %}")
    w.p("{%p endfor %}")
    w.p("{%p else %}")
    w.p("{{ closing }}").paragraph_format.keep_with_next = True
    w.p("{%p endif %}")
    w.p(
        "附件：1.{{ cover.city }}{{ cover.short }}购买服务项目指标完成情况统计表"
    ).paragraph_format.keep_with_next = True
    second = w.p("2.{{ cover.city }}{{ cover.short }}购买服务项目社工到岗情况统计表")
    second.paragraph_format.first_line_indent = Pt(24 + 36)  # under 「1.」, past 「附件：」


def _appendices(w: _Writer) -> None:
    section = w.doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # only the cover goes without a footer
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    w.p("附件1", "Heading 1")
    w.p("{{ cover.city }}{{ cover.short }}购买服务项目指标完成情况统计表", "Caption")
    w.p("{{p indicator_tables }}")
    w.p("").add_run().add_break(WD_BREAK.PAGE)
    w.p("附件2", "Heading 1")
    w.p("{{ cover.city }}{{ cover.short }}购买服务项目社工到岗情况统计表", "Caption")
    w.p("{{p attendance_table }}")


def _body(w: _Writer) -> None:
    """The generic body of a style file's sections (pinggu/_report/styles.py): each item a
    heading, a paragraph, a chart with its caption, or a table."""
    w.p("{%p for b in body %}")
    for kind, style in (("h1", "Heading 1"), ("h2", "Heading 2"), ("h3", "Heading 3")):
        w.p(
            '{%p if b.kind == "' + kind + '" %}'
            if kind == "h1"
            else '{%p elif b.kind == "' + kind + '" %}'
        )
        w.p("{{ b.text }}", style)
    w.p('{%p elif b.kind == "figure" %}')
    w.p("{{ b.image }}", "Figure")
    w.p('{%p elif b.kind == "caption" %}')
    _figure_caption(w.p("{{ b.text }}", "Caption"))
    w.p('{%p elif b.kind == "table" %}')
    w.p("{{p b.table }}")
    w.p('{%p elif b.kind == "keep" %}')  # a paragraph that stays on the page of the next one
    w.p("{{ b.text }}").paragraph_format.keep_with_next = True
    w.p("{%p else %}")
    w.p("{{ b.text }}")
    w.p("{%p endif %}")
    w.p("{%p endfor %}")


def _sections_front(w: _Writer) -> None:
    _cover(w)
    w.p("{{ cover.station }}（以下简称“社工站”）{{ cover.kind }}评估报告如下。")


def _finish(w: _Writer, path: Path) -> Path:
    core = w.doc.core_properties
    core.author = core.last_modified_by = "pinggu"
    core.title = "社工服务站评估报告模板"
    # The report writes its own title, author, description and dates (pinggu/_report/word.py).
    core.comments = "pinggu 评估报告模板"
    w.doc.save(str(path))
    return path


def build(path: Path = OUTPUT) -> Path:
    w = _Writer()
    _front(w)
    _background(w)
    _summary(w)
    _ending(w)
    _appendices(w)
    return _finish(w, path)


def build_sections(path: Path = SECTIONS_OUTPUT) -> Path:
    w = _Writer()
    _sections_front(w)
    _body(w)
    w.p(
        "附件：1.{{ cover.city }}{{ cover.short }}购买服务项目指标完成情况统计表"
    ).paragraph_format.keep_with_next = True
    second = w.p("2.{{ cover.city }}{{ cover.short }}购买服务项目社工到岗情况统计表")
    second.paragraph_format.first_line_indent = Pt(24 + 36)
    _appendices(w)
    return _finish(w, path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(f"已生成 {build(Path(sys.argv[1]))}")
    else:
        print(f"已生成 {build()} 与 {build_sections()}")
