"""Lay the performance report's content out in Word, the way word.py lays out the evaluation
report: docxtpl renders the template (the shipped one or an agency's own), every printed number
goes in as a marker ⟦i⟧ and is resolved into the manifest the audit reads, and the 自评表 grids
are written by word_tables.py. Only the fields differ (docs/performance.md「报告模板」).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from ..word import Field, Marks, check_template, render_marked, set_properties, table_styles
from ..word_tables import tables_block
from .content import PerformanceContent
from .outline import Heading

# Every field a performance report template may use (docs/performance.md, a test keeps them
# in step); a template lacking a required one, or using an unknown one, is refused.
FIELDS: tuple[Field, ...] = (
    Field("title_head", "报告标题第一行（年度 + 市、区 + 街道办事处）", True),
    Field("title_tail", "报告标题第二行（项目 + 绩效评价报告）", True),
    Field("title", "报告标题（一行写出）", False),
    Field(
        "body",
        "正文各部分，依次为标题（kind 为 h1「一、」、h2「（一）」、h3「1.」）与段落（p）",
        True,
    ),
    Field("form", "附件：项目支出绩效自评表（资金与执行率一表，绩效指标一表）", True),
    Field("form_title", "附件名称（项目支出绩效自评表）", False),
    Field("year", "项目年度（2023年度）", False),
    Field("office", "街道办事处（××街道办事处）", False),
    Field("project", "项目名称（××社工服务站购买服务项目）", False),
    Field("operator", "承接运营的机构", False),
)


def default_performance_template() -> Path:
    """The shipped template of the performance report (tools/make_report_template.py)."""
    return Path(str(resources.files("pinggu") / "_report" / "performance" / "template.docx"))


def render_performance(
    content: PerformanceContent, template: Path
) -> tuple[DocxTemplate, list[dict[str, Any]]]:
    """The rendered document and the manifest of its printed numbers."""
    check_template(template, FIELDS)
    tpl = DocxTemplate(str(template))
    marks = Marks()
    body = [
        {"kind": f"h{b.level}", "text": b.text}
        if isinstance(b, Heading)
        else {"kind": "p", "text": marks.text(b.text)}
        for b in content.body
    ]
    context = {
        "title": content.title,
        "title_head": content.title_head,
        "title_tail": content.title_tail,
        "body": body,
        "form": tables_block(content.form, table_styles(tpl, template.name), marks.text),
        "form_title": content.form_title,
        "year": content.year,
        "office": content.office,
        "project": content.project,
        "operator": content.operator,
    }
    manifest = render_marked(tpl, context, template.name, marks)
    set_properties(
        tpl,
        content.title,
        f"{content.year}{content.project}绩效评价",
        content.office,
        f"{content.office}{content.year}{content.project}绩效评价报告",
    )
    return tpl, manifest
