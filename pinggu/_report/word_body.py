"""A style file's sections laid out as the generic `body` list the Word template renders.

Each item is a heading (h1–h3), a paragraph (`keep`: one that stays on the page of the next,
as a 片区's range with its findings and the closing words with the 附件 list), a chart and its
caption, or a table; the style (pinggu/_report/styles.py) says which content block goes under
which heading and the wording between them, the content (content.py) is the same whatever
the style.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docxtpl import InlineImage

from .._errors import ReportError
from .content import ReportContent
from .findings import FindingItem
from .marks import Text
from .onsite import OnSiteContent
from .styles import NUMBER_FIELD, Style, Topic

Item = dict[str, Any]
Mark = Callable[[Text | str], str]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PLAIN_FIELDS = ("station", "short", "city", "district", "kind")
PARTIES = ("supervisor", "purchaser", "operator", "evaluator")


class _Values(dict[str, str]):
    """The values of a style's {fields}; a figure (the evaluation date, the team …) is marked
    for the self-audit when a paragraph first names it, so none is marked and left unprinted."""

    def __init__(self, content: ReportContent, mark: Mark) -> None:
        c = content.cover
        super().__init__({f: getattr(c, f) for f in (*PLAIN_FIELDS, *PARTIES)})
        self["basis"] = content.basis
        self._content, self._mark = content, mark

    def __missing__(self, key: str) -> str:
        c = self._content
        figures: dict[str, Text] = {
            "evaluation_date": c.cover.evaluation_date,
            "contract": c.cover.contract,
            "team": c.team,
            "onsite_feedback": c.onsite_feedback,
            "draft_feedback": c.draft_feedback,
        }
        return self._mark(figures[key])  # printed each time it is named: a marker each time


def body(
    style: Style,
    content: ReportContent,
    mark: Mark,
    charts: tuple[InlineImage | str, InlineImage],
    table: Callable[[str], Any],
) -> list[Item]:
    """The items of every section of `style`, in order. `table(block)` lays out the table of
    a block (score_table, follow_up); `mark` turns a Text into its printed form with number
    markers."""
    placed = {
        b.partition(":")[2].partition("@")[0] for section in style.sections for b in section.blocks
    }
    unplaced = [name for name in content.sections if name not in placed]
    if unplaced:  # never drop findings silently
        raise ReportError(
            f"报告样式「{style.title}」没有安排评估方案中「{'、'.join(unplaced)}」部分的意见，"
            "请在样式文件中加入相应的内容块"
        )
    values = _Values(content, mark)
    figures: list[int] = []
    items: list[Item] = []
    numbers = [0, 0, 0, 0]  # sections printed so far at each level, under the current parents
    for section in style.sections:
        if section.unless and onsite_block(section.unless, content, mark, table):
            continue  # the block written from records prints in its place
        counter = [0]  # findings are numbered across a section's blocks
        blocks: list[Item] = []
        for block in section.blocks:
            blocks += _block(block, style, content, mark, charts, table, figures, counter)
        if section.optional and not blocks:
            continue
        if section.heading:
            numbers[section.level] += 1
            numbers[section.level + 1 :] = [0] * (3 - section.level)
            values[NUMBER_FIELD] = str(numbers[section.level])
            heading = section.heading.format_map(values)
            items.append({"kind": f"h{section.level}", "text": heading})
        items += [{"kind": "p", "text": t.format_map(values)} for t in section.text]
        items += blocks
    # The closing words stay with the 附件 list after the body, a sentence with its table.
    for i, item in enumerate(items):
        following = items[i + 1]["kind"] if i + 1 < len(items) else "附件"
        if item["kind"] == "p" and following in ("table", "附件"):
            items[i] = {**item, "kind": "keep"}
    return items


def _paragraphs(texts: tuple[Text, ...] | list[str], mark: Mark) -> list[Item]:
    return [{"kind": "p", "text": mark(t)} for t in texts]


def _findings(items: tuple[FindingItem, ...], mark: Mark, counter: list[int]) -> list[Item]:
    out = []
    for item in items:
        counter[0] += 1
        out.append({"kind": "p", "text": f"（{counter[0]}）{mark(item.text)}"})
    return out


def _block(
    block: str,
    style: Style,
    content: ReportContent,
    mark: Mark,
    charts: tuple[InlineImage | str, InlineImage],
    table: Callable[[str], Any],
    figures: list[int],
    counter: list[int],
) -> list[Item]:
    kind, _, part = block.partition(":")
    if kind in ("topic", "others"):
        return _topic(block, style, content, mark)
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
    if kind == "follow_up":
        if content.follow_up is None:
            return []
        return [*_paragraphs(content.follow_up.lead, mark), {"kind": "table", "table": table(kind)}]
    if kind in ONSITE_BLOCKS:
        return onsite_block(kind, content, mark, table)
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
    kind: str, part: str, content: ReportContent, mark: Mark, counter: list[int]
) -> list[Item]:
    section = content.sections.get(part)
    if section is None:
        known = "、".join(content.sections)
        raise ReportError(
            f"报告样式中的内容块「{kind}:{part}」：评估方案没有「{part}」部分；有：{known}"
        )
    if kind in ("strengths", "concerns"):
        return _findings(getattr(section, kind), mark, counter)
    items: list[Item] = []
    lists: tuple[tuple[str, tuple[FindingItem, ...]], ...]
    for i, zone in enumerate(section.zones, start=1):
        communities = "、".join(zone.communities)
        if kind == "zones":  # a heading per 片区, both lists under it
            items.append({"kind": "h3", "text": f"{i}.{zone.zone}"})
            items.append({"kind": "keep", "text": f"该片区范围包括：{communities}。"})
            lists = (("值得肯定", zone.strengths), ("需要关注", zone.concerns))
        else:  # one list of every 片区, each under a line naming it
            items.append(
                {"kind": "keep", "text": f"（{i}）{zone.zone}，该片区范围包括：{communities}。"}
            )
            lists = (("", zone.strengths if kind == "zone_strengths" else zone.concerns),)
        for what, findings in lists:
            if what and all(f.nothing for f in findings):  # a sentence, not a one-item list
                items += [{"kind": "p", "text": mark(f.text)} for f in findings]
                continue
            if what:
                items.append({"kind": "p", "text": f"{what}的地方："})
            items += [
                {"kind": "p", "text": f"{CIRCLED[j % 20]}{mark(f.text)}"}
                for j, f in enumerate(findings)
            ]
    return items


def _topic_of(item: FindingItem, topics: list[Topic]) -> str:
    """The topic a finding belongs to: by the rule that drafted it, else by a word it names;
    "" for none (and for the sentence saying nobody raised anything)."""
    if item.nothing:
        return ""
    for topic in topics:
        if item.rule in topic.rules:
            return topic.name
    if item.rule is None:
        text = str(item.text)
        for topic in topics:
            if any(word in text for word in topic.words):
                return topic.name
    return ""


def _topic(block: str, style: Style, content: ReportContent, mark: Mark) -> list[Item]:
    """A topic's findings (`topic:项目管理@人员配置`) or those of none (`others:项目管理`): what
    is worth affirming and what needs attention, a sentence for a side with none. A topic with
    no finding prints nothing, so its optional section is left out; so does `others`, unless
    the whole section has no finding: then it says so."""
    kind, _, arg = block.partition(":")
    part, _, name = arg.partition("@")
    section = content.sections.get(part)
    if section is None:
        raise ReportError(f"报告样式中的内容块「{block}」：评估方案没有「{part}」部分")
    topics = [t for t in style.topics if t.section == part]
    sides = (("值得肯定", section.strengths), ("需要关注", section.concerns))
    real = {what: [f for f in found if not f.nothing] for what, found in sides}
    if kind == "others" and not any(real.values()):
        return [{"kind": "p", "text": mark(f.text)} for _, found in sides for f in found]
    chosen = {
        what: [f for f in found if _topic_of(f, topics) == name] for what, found in real.items()
    }
    if not any(chosen.values()):
        return []
    where = name if kind == "topic" else f"{part}的其他"
    items: list[Item] = []
    for what, findings in chosen.items():
        if not findings:
            items.append({"kind": "p", "text": f"本次评估在{where}方面没有提出{what}的地方。"})
            continue
        items.append({"kind": "p", "text": f"{what}的地方："})
        items += [
            {"kind": "p", "text": f"{CIRCLED[j % 20]}{mark(f.text)}"}
            for j, f in enumerate(findings)
        ]
    return items


ONSITE_BLOCKS = ("method", "self_assessment", "rectification", "rectification_summary")


def onsite_block(
    kind: str, content: ReportContent, mark: Mark, table: Callable[[str], Any]
) -> list[Item]:
    """A block of the on-site records (onsite.py): its paragraphs, and its table if any."""
    onsite = content.onsite or OnSiteContent()
    texts: tuple[Text, ...] = getattr(onsite, kind)
    items = _paragraphs(texts, mark)
    has_table = {"self_assessment": onsite.self_table, "rectification": onsite.rectification_table}
    if has_table.get(kind) is not None:
        items.append({"kind": "table", "table": table(kind)})
    if kind == "self_assessment" and len(texts) > 1:  # the remark follows the table
        items = [items[0], items[-1], *items[1:-1]]
    return items
