"""Lay the report content out in Word: the template's wording and styles, our tables and charts.

The body is rendered by docxtpl from the template (the shipped one or an agency's own); the
tables with grouped merges are built with python-docx as sub-documents. Every printed number
is first rendered as a marker ⟦i⟧, then replaced by its text while the paragraphs are read,
so the manifest of which paragraph prints which figure comes from the real document. The
manifest and the source data are embedded in the .docx for the audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from .._errors import ReportError
from .content import ReportContent
from .marks import Num, Text
from .styles import Style
from .tables import Table
from .word_body import body
from .word_tables import Styles, tables_block

CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
MARKER = re.compile(r"⟦(\d+)⟧")
DIGIT = re.compile(r"\d")
# Latin text a justified Chinese line cannot break: when such a run does not fit at the end of
# a line, justification spreads its width over the line's characters (「人 员 费 用 支 出」).
LONG_LATIN = re.compile(r"[0-9A-Za-z.,%:/\-]{6,}")


@dataclass(frozen=True)
class Field:
    name: str
    meaning: str
    required: bool


# Every field a template may use: the template holds the cover, the page setup, the styles and
# the 附件; the structure and wording between them is the style's `body`. Documented in
# docs/report-template.md (a test keeps them in step); a template that lacks a required one,
# or uses an unknown one, is refused.
FIELDS: tuple[Field, ...] = (
    Field("cover.title", "报告标题（区 + 社工站 + 评估类型 + 报告）", True),
    Field("cover.station", "社工站名称，不含市、区（××街社工服务站）", False),
    Field("cover.short", "社工站带名称的简称（××街社工站）；首次出现后一般称「社工站」", False),
    Field("cover.city", "市（广州市），数据未写明时为空", False),
    Field("cover.district", "区", False),
    Field("cover.kind", "中期 / 末期", False),
    Field("cover.supervisor", "监督方", False),
    Field("cover.purchaser", "购买方", False),
    Field("cover.operator", "承办方", False),
    Field("cover.evaluator", "评估方", False),
    Field("cover.evaluation_date", "评估日期（2024年6月7日）", False),
    Field("cover.contract", "协议期（（2023年7月1日—2024年6月30日））", False),
    Field(
        "body",
        "报告样式文件（styles/*.toml）声明的各部分，依次为标题（kind 为 h1、h2、h3）、段落（p）、"
        "图（figure，image）、图题（caption）、表格（table），与下一段同页的段落（keep）",
        True,
    ),
    Field("indicator_tables", "附件1 指标完成情况统计表", True),
    Field(
        "attendance_table",
        "附件2 社工到岗情况统计表（只列在职月份；每人的从业2年以上、社保、工资、备注）",
        True,
    ),
    Field(
        "spot_check_table", "附件3 档案抽查情况（评估数据没有档案检查结果时为空，不印附件3）", False
    ),
)


class _Environment(jinja2.Environment):
    """Compiles each template source once: docxtpl asks again for every report, and a season
    renders the same template 176 times."""

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(
        self, source: Any, globals: Any = None, template_class: Any = None
    ) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= 16:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


_ENV = _Environment()


def default_template() -> Path:
    """The shipped template, laying out any style."""
    return Path(str(resources.files("pinggu") / "_report" / "template.docx"))


@lru_cache(maxsize=8)
def _template_fields(path: str, mtime: float) -> frozenset[str]:
    """The dotted names the template's {{ }} and {% %} tags use (cached per file version)."""
    tpl = DocxTemplate(path)
    xml = tpl.patch_xml(tpl.xml_to_string(tpl.get_docx().element.body))
    used = set()
    for tag in re.findall(r"\{[{%]p?(.*?)[%}]\}", re.sub(r"<[^>]+>", "", xml)):
        used.update(re.findall(r"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)?", tag))
    return frozenset(used)


def check_template(path: Path, fields: tuple[Field, ...] = FIELDS) -> None:
    """Refuse a template that lacks a required one of `fields`, naming each one missing."""
    if not path.is_file():
        raise ReportError(f"找不到报告模板：{path}")
    try:
        used = _template_fields(str(path), path.stat().st_mtime)
    except Exception as exc:  # docx/zip/XML errors of an arbitrary file
        raise ReportError(
            f"报告模板 {path.name} 无法读取（{exc}），请确认它是 Word .docx 文件"
        ) from None
    missing = [f for f in fields if f.required and f.name not in used]
    if missing:
        names = "；".join(f"{{{{ {f.name} }}}}（{f.meaning}）" for f in missing)
        message = f"报告模板 {path.name} 缺少必需字段：{names}"
        if "grade" in used:  # a copy made before the structure moved to the style files
            message += "。正文的结构与措辞现由报告样式文件写出，请复制新的内置模板修改"
        raise ReportError(message)


class Marks:
    """Hands out ⟦i⟧ markers for printed numbers and remembers which Num each stands for."""

    def __init__(self) -> None:
        self.nums: list[Num] = []

    def num(self, num: Num) -> str:
        self.nums.append(num)
        return f"⟦{len(self.nums) - 1}⟧"

    def text(self, text: Text | str) -> str:
        if isinstance(text, str):
            return text
        return "".join(self.num(p) if isinstance(p, Num) else p for p in text.parts)


def _context(
    content: ReportContent,
    m: Marks,
    charts: tuple[InlineImage | str, InlineImage],
    styles: Styles,
    style: Style,
) -> dict[str, Any]:
    c = content.cover
    return {
        "cover": {
            "title": c.title,
            "station": c.station,
            "short": c.short,
            "city": c.city,
            "district": c.district,
            "kind": c.kind,
            "supervisor": c.supervisor,
            "purchaser": c.purchaser,
            "operator": c.operator,
            "evaluator": c.evaluator,
            "evaluation_date": m.text(c.evaluation_date),
            "contract": m.text(c.contract),
        },
        "body": body(
            style,
            content,
            m.text,
            charts,
            lambda block: tables_block((_body_table(content, block),), styles, m.text),
        ),
        "indicator_tables": tables_block(content.indicator_tables, styles, m.text),
        "attendance_table": tables_block((content.attendance_table,), styles, m.text),
        "spot_check_table": tables_block((content.spot_check_table,), styles, m.text)
        if content.spot_check_table is not None
        else "",
    }


def _body_table(content: ReportContent, block: str) -> Table:
    """The table a body block prints: the score table, the follow-up's, or an on-site one."""
    if block == "follow_up" and content.follow_up is not None:
        return content.follow_up.table
    onsite = content.onsite
    if block == "self_assessment" and onsite is not None and onsite.self_table is not None:
        return onsite.self_table
    if block == "rectification" and onsite is not None and onsite.rectification_table is not None:
        return onsite.rectification_table
    return content.score_table


def table_styles(tpl: DocxTemplate, name: str) -> Styles:
    styles = tpl.get_docx().styles
    ids = []
    for style in ("Table Text", "Caption"):
        try:
            ids.append(styles[style].style_id)
        except KeyError:
            raise ReportError(f"报告模板 {name} 缺少样式「{style}」（表格需要）") from None
    return Styles(*ids)


def render(
    content: ReportContent,
    template: Path,
    completion: Path | None,
    staffing: Path,
    style: Style,
) -> tuple[DocxTemplate, list[dict[str, Any]]]:
    """Render the template with `style`'s sections as its `body` (word_body.py); return the
    document and the manifest of printed numbers."""
    check_template(template)
    tpl = DocxTemplate(str(template))
    marks = Marks()
    charts = (
        InlineImage(tpl, str(completion), width=Mm(158)) if completion is not None else "",
        InlineImage(tpl, str(staffing), width=Mm(158)),
    )
    context = _context(content, marks, charts, table_styles(tpl, template.name), style)
    manifest = render_marked(tpl, context, template.name, marks)
    _properties(tpl, content)
    return tpl, manifest


def render_marked(
    tpl: DocxTemplate, context: dict[str, Any], name: str, marks: Marks
) -> list[dict[str, Any]]:
    """Render `context` into the template named `name`, resolve the ⟦i⟧ markers `marks` handed
    out and keep introductions with what follows; return the manifest of printed numbers."""
    try:
        tpl.render(context, jinja_env=_ENV, autoescape=True)
    except jinja2.UndefinedError as exc:
        raise ReportError(f"报告模板 {name} 使用了未知字段：{exc.message}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise ReportError(
            f"报告模板 {name} 的字段写法有误（{exc.message}，第 {exc.lineno} 处）"
        ) from None
    manifest = _resolve_markers(tpl.docx.element.body, marks.nums)  # not get_docx(): it reloads
    _keep_introductions(tpl.docx.element.body)
    return manifest


def _properties(tpl: DocxTemplate, content: ReportContent) -> None:
    c = content.cover
    set_properties(
        tpl, c.title, f"{c.station}{c.kind}评估", c.evaluator, f"{c.evaluator}出具的{c.title}"
    )


def set_properties(tpl: DocxTemplate, title: str, subject: str, author: str, comments: str) -> None:
    """The document's own properties (Word's 文件 → 信息, the PDF's title): this report's, not
    the template's (an agency's template may carry its own title, author and 2013 dates)."""
    core = tpl.docx.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)  # written as UTC
    core.title, core.subject, core.author, core.comments = title, subject, author, comments
    core.created = core.modified = now
    # Not core.last_modified_by: docxtpl's docxcompose rebinds python-docx's "cp" prefix to
    # the custom-properties namespace, so that setter would add a second, foreign element.
    modified_by = core._element.find(f"{{{CORE_NS}}}lastModifiedBy")
    if modified_by is None:
        modified_by = etree.SubElement(core._element, f"{{{CORE_NS}}}lastModifiedBy")
    modified_by.text = author


def _resolve_markers(body: etree._Element, nums: list[Num]) -> list[dict[str, Any]]:
    """Replace every ⟦i⟧ by its number and list each paragraph that prints a digit.

    Each manifest entry is a paragraph's literal pieces with the keys of the numbers between
    them, in document order: exactly what the audit needs to find and read that paragraph.
    """
    manifest: list[dict[str, Any]] = []
    w_t = qn("w:t")
    for paragraph in body.iter(qn("w:p")):
        texts = [t for t in paragraph.iter(w_t) if t.text]
        full = "".join(t.text or "" for t in texts)
        if not DIGIT.search(full) and "⟦" not in full:
            continue
        pieces = MARKER.split(full)
        literals, keys = pieces[0::2], [nums[int(i)].key for i in pieces[1::2]]
        manifest.append({"literals": literals, "keys": keys})
        for t in texts:
            if "⟦" in (t.text or ""):
                t.text = MARKER.sub(lambda mm: nums[int(mm.group(1))].text, t.text or "")
        _unstretched(paragraph, "".join(t.text or "" for t in texts))
    return manifest


def _keep_introductions(body: etree._Element) -> None:
    """A sentence ending in a colon introduces what follows (「以下几方面值得肯定：」, 「如下：」):
    it stays on the page of its first item, whether the template or the data wrote it."""
    w_t = qn("w:t")
    for paragraph in body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(w_t)).rstrip()
        if text.endswith(("：", ":")):
            paragraph.get_or_add_pPr().keepNext_val = True


def _unstretched(paragraph: Any, text: str) -> None:
    """Body text is justified, as Chinese text is set, except a paragraph holding long numbers:
    it is set flush left, so a line that ends before a number is not spread out to the margin
    (a flush-left line of Chinese text still ends within a character of it)."""
    ppr = paragraph.pPr
    styled = ppr is not None and (ppr.pStyle is not None or ppr.jc is not None)
    if not styled and LONG_LATIN.search(text):
        paragraph.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.LEFT
