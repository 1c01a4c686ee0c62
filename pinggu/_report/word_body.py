"""A style file's sections laid out as the generic `body` list its Word template renders.

Each item is a heading (h1–h3), a paragraph (`keep`: one that stays on the page of the next,
as a 片区's range with its findings and the closing words with the 附件 list), a chart and its caption, or a table; the style
(pinggu/_report/styles.py) says which content block goes under which heading, the content
(content.py) is the same whatever the style.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docxtpl import InlineImage

from .._errors import ReportError
from .content import ReportContent
from .findings import FindingItem
from .marks import Text
from .styles import HEADING_FIELDS, Style
from .word_tables import Block

Item = dict[str, Any]


def heading_values(content: ReportContent) -> dict[str, str]:
    c = content.cover
    values = {f: getattr(c, f) for f in HEADING_FIELDS if f != "basis"}
    return {**values, "basis": content.basis}


def body(
    style: Style,
    content: ReportContent,
    mark: Callable[[Text | str], str],
    charts: tuple[InlineImage | str, InlineImage],
    table: Callable[[str], Block],
) -> list[Item]:
    """The items of every section of `style`, in order. `table("score_table")` lays out a
    table; `mark` turns a Text into its printed form with number markers."""
    placed = {b.partition(":")[2] for section in style.sections for b in section.blocks}
    unplaced = [name for name in content.sections if name not in placed]
    if unplaced:  # never drop findings silently
        raise ReportError(
            f"报告样式「{style.title}」没有安排评估方案中「{'、'.join(unplaced)}」部分的意见，"
            "请在样式文件中加入相应的内容块"
        )
    values = heading_values(content)
    figures: list[int] = []
    items: list[Item] = []
    for section in style.sections:
        if section.heading:
            items.append({"kind": f"h{section.level}", "text": section.heading.format(**values)})
        items += [{"kind": "p", "text": t.format(**values)} for t in section.text]
        counter = [0]  # findings are numbered across a section's blocks
        for block in section.blocks:
            items += _block(block, content, mark, charts, table, figures, counter)
    # The closing words stay with the 附件 list after the body, a sentence with its table.
    for i, item in enumerate(items):
        following = items[i + 1]["kind"] if i + 1 < len(items) else "附件"
        if item["kind"] == "p" and following in ("table", "附件"):
            items[i] = {**item, "kind": "keep"}
    return items


def _paragraphs(
    texts: tuple[Text, ...] | list[str], mark: Callable[[Text | str], str]
) -> list[Item]:
    return [{"kind": "p", "text": mark(t)} for t in texts]


def _findings(
    items: tuple[FindingItem, ...], mark: Callable[[Text | str], str], counter: list[int]
) -> list[Item]:
    out = []
    for item in items:
        counter[0] += 1
        out.append({"kind": "p", "text": f"（{counter[0]}）{mark(item.text)}"})
    return out


def _block(
    block: str,
    content: ReportContent,
    mark: Callable[[Text | str], str],
    charts: tuple[InlineImage | str, InlineImage],
    table: Callable[[str], Block],
    figures: list[int],
    counter: list[int],
) -> list[Item]:
    kind, _, part = block.partition(":")
    if part:
        return _part(kind, part, content, mark, counter)
    if kind in ("completion_chart", "staffing_chart"):
        image = charts[0] if kind == "completion_chart" else charts[1]
        if not image:
            return []
        figures.append(len(figures) + 1)
        title = "各项指标完成率（合计）" if kind == "completion_chart" else "每月社工到岗人次"
        return [
            {"kind": "figure", "image": image},
            {"kind": "caption", "text": f"图{figures[-1]} {title}"},
        ]
    if kind == "score_table":
        return [{"kind": "table", "table": table("score_table")}]
    if kind == "team":
        c = content.cover
        team = Text.of(
            c.evaluation_date,
            f"，{c.evaluator}组织",
            content.team,
            f"对社工站开展了{c.kind}评估，评估为期一天。",
        )
        return _paragraphs((team,), mark)
    if kind == "suggestions":
        return [
            {"kind": "p", "text": f"{i}.{mark(s.text)}"}
            for i, s in enumerate(content.suggestions, start=1)
        ]
    value = getattr(content, kind)
    return _paragraphs(value if isinstance(value, tuple) else (value,), mark)


def _part(
    kind: str,
    part: str,
    content: ReportContent,
    mark: Callable[[Text | str], str],
    counter: list[int],
) -> list[Item]:
    section = content.sections.get(part)
    if section is None:
        known = "、".join(content.sections)
        raise ReportError(
            f"报告样式中的内容块「{kind}:{part}」：评估方案没有「{part}」部分；有：{known}"
        )
    if kind != "zones":
        return _findings(getattr(section, kind), mark, counter)
    items: list[Item] = []
    for i, zone in enumerate(section.zones, start=1):
        items.append({"kind": "h3", "text": f"{i}.{zone.zone}"})
        items.append({"kind": "keep", "text": f"该片区范围包括：{'、'.join(zone.communities)}。"})
        for what, findings in (("值得肯定", zone.strengths), ("需要关注", zone.concerns)):
            items.append({"kind": "p", "text": f"{what}的地方："})
            items += [
                {"kind": "p", "text": f"{'①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'[j % 20]}{mark(f.text)}"}
                for j, f in enumerate(findings)
            ]
    return items
