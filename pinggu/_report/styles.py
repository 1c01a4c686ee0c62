"""House styles: which sections a report has, in what order, under which headings.

Guangzhou's evaluation agencies write their reports in different house styles (联合会, 协会).
The content is the same (content.py builds every block); a style file in
`pinggu/_report/styles/` says where each block goes. It is validated here into frozen objects
and refused at load with the file, the key and the fault (`StyleError`). Every key and block
name is documented in docs/report-template.md, and a test keeps the two in step.

Every style is laid out by the same Word template (the shipped template.docx or an agency's
own), which renders the generic `body` list (word_body.py) between its cover and its 附件: the
template holds the look, the style file the structure and the wording between the blocks. An
agency wanting other wording passes its own style file (`--style 我们的样式.toml`).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .._errors import StyleError
from .._toml import TomlTable, parse_toml
from .findings import DRAFT_RULES

DOCS = "docs/report-template.md"
DEFAULT_STYLE = "lianhehui"
# What a heading or a text paragraph of a style may name: {supervisor} → 海珠区民政局. The
# last five print figures, marked for the self-audit like every other printed number.
STYLE_FIELDS = (
    "station",
    "short",
    "city",
    "district",
    "kind",
    "supervisor",
    "purchaser",
    "operator",
    "evaluator",
    "basis",
    "evaluation_date",
    "contract",
    "team",
    "onsite_feedback",
    "draft_feedback",
)
# Blocks a section may hold, by name: what each prints. `strengths:<部分>`, `concerns:<部分>`
# and `zones:<部分>` take a finding section of the scheme (项目管理, 监督方, 服务质量 …).
BLOCKS: dict[str, str] = {
    "basic": "社工站基本情况的各段",
    "team": "评估团队与评估日期的一段",
    "explanation": "评估结果说明：各方占比与等级划分",
    "veto_rules": "一票否决情形列表",
    "progress": "指标完成情况的句子",
    "completion_chart": "图：各项指标完成率（无协议指标时省略）",
    "progress_conclusion": "服务进度的结论句",
    "staffing_chart": "图：每月社工到岗人次",
    "survey": "服务对象满意度调查的句子",
    "follow_up": "困难群众跟进情况：方案的分级跟进要求、全站数字和按片区的表（评估数据没有服务记录时省略）",
    "strengths": "某部分值得肯定的意见（strengths:部分名）",
    "concerns": "某部分需要关注的意见（concerns:部分名）",
    "zones": "某部分按片区的意见，每个片区一段说明及其值得肯定、需要关注（zones:部分名）",
    "zone_strengths": "某部分各片区值得肯定的意见，每个片区一行说明（zone_strengths:部分名）",
    "zone_concerns": "某部分各片区需要关注的意见，每个片区一行说明（zone_concerns:部分名）",
    "topic": "某部分中一个话题的值得肯定与需要关注（topic:部分名@话题名，话题见 [[topic]]）",
    "others": "某部分中不属于任何话题的意见，值得肯定与需要关注（others:部分名）",
    "method": "实地评估的方法：出席专家、各环节及其时间、抽查档案份数、访谈次数与人数（据实地评估记录写出；没有记录时为空）",
    "self_assessment": "社工站自评与评估专家评分的比较：一句说明、一张表和一句评语（没有自评时为空）",
    "rectification": "上一轮评估意见的整改情况：一句（意见条数、已整改、部分整改、未整改、整改率）和表「上一轮评估意见整改情况」（没有整改跟进时为空）",
    "rectification_summary": "监督方部分的整改落实情况一句（没有整改跟进时为空）",
    "onsite_feedback": "现场反馈情况",
    "draft_feedback": "对评估报告初稿的反馈情况",
    "grade": "评估等级句（含总分）",
    "party_scores": "各方评分一行（监督方评分：…；购买方评分：…），再一行各方总得分与等级",
    "vetoes": "一票否决情形及其依据",
    "score_table": "评分表（各方得分、四项总得分与等级）",
    "closing": "结语首段",
    "suggestions": "结语中的建议",
}
PARAMETRISED = (
    "strengths",
    "concerns",
    "zones",
    "zone_strengths",
    "zone_concerns",
    "topic",
    "others",
)
# Blocks a section may be printed instead of (`unless`): those written from records in place of
# fixed wording.
UNLESS_BLOCKS = ("method",)
# A heading may also number itself among the sections of its level printed under the same
# parent: 「{n}.人员配置」, so a left-out optional section leaves no gap.
NUMBER_FIELD = "n"


@dataclass(frozen=True)
class Section:
    level: int  # 1 一、 / 2 （一） / 3 1.
    heading: str  # may name STYLE_FIELDS: 三、监督方评估（{supervisor}）; "" for none
    text: tuple[str, ...]  # the style's own paragraphs, printed before the blocks
    blocks: tuple[str, ...]  # BLOCKS names, `strengths:监督方` for the parametrised ones
    optional: bool  # left out, heading and text too, when its blocks print nothing
    # A block name: the section is left out when that block prints something (the fixed
    # wording a block written from records replaces, such as the method paragraph's).
    unless: str = ""


@dataclass(frozen=True)
class Topic:
    """A topic of a findings section (项目管理's 人员配置): the findings drafted by its `rules`,
    and the entered ones that name one of its `words` (an entered finding has no rule)."""

    section: str  # 项目管理
    name: str  # 人员配置
    rules: tuple[str, ...]  # draft rules (findings.DRAFT_RULES): attendance, retention …
    words: tuple[str, ...]  # 到岗、稳岗 …


@dataclass(frozen=True)
class Style:
    name: str  # lianhehui
    title: str  # 联合会
    agencies: tuple[str, ...]  # 评估方 for whom this style is the default
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...] = ()  # first match wins, in this order


def _fields_of(table: TomlTable, key: str, value: str, extra: tuple[str, ...] = ()) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
    except ValueError as exc:
        table.fail(key, f"花括号写法有误：{exc}")
    for name in names:
        if name not in (*STYLE_FIELDS, *extra):
            known = "、".join((*STYLE_FIELDS, *extra))
            table.fail(key, f"未知字段 {{{name}}}；可用：{known}")


def _block(table: TomlTable, name: str) -> str:
    kind, _, arg = name.partition(":")
    if kind not in BLOCKS:
        table.fail("blocks", f"未知的内容块「{name}」；可用：{'、'.join(BLOCKS)}")
    if (kind in PARAMETRISED) != bool(arg) or (kind == "topic") != ("@" in arg):
        form = f"{kind}:部分名" if kind in PARAMETRISED else kind
        form = "topic:部分名@话题名" if kind == "topic" else form
        table.fail("blocks", f"内容块「{name}」应写作「{form}」")
    return name


def _section(table: TomlTable) -> Section:
    level = table.integer("level", minimum=1)
    if level > 3:
        table.fail("level", f"应为 1、2 或 3，实为 {level}")
    heading = table.raw("heading", "")
    if not isinstance(heading, str):
        table.fail("heading", f"应为文字，实为 {heading!r}")
    _fields_of(table, "heading", heading, (NUMBER_FIELD,))
    text = table.texts("text", [])
    for paragraph in text:
        _fields_of(table, "text", paragraph)
    blocks = tuple(_block(table, b) for b in table.texts("blocks", []))
    optional = table.flag("optional", False)
    if optional and not blocks:
        table.fail("optional", "没有内容块的部分不能是可省略的（optional）")
    unless = table.raw("unless", "")
    if unless and (not isinstance(unless, str) or unless not in UNLESS_BLOCKS):
        table.fail("unless", f"应为内容块 {'、'.join(UNLESS_BLOCKS)} 之一，实为 {unless!r}")
    table.done()
    return Section(level, heading.strip(), text, blocks, optional, unless)


def _topic(table: TomlTable) -> Topic:
    topic = Topic(
        table.text("section"),
        table.text("name"),
        table.texts("rules", []),
        table.texts("words", []),
    )
    for rule in topic.rules:
        if rule not in DRAFT_RULES:
            table.fail("rules", f"未知的草稿规则「{rule}」；可用：{'、'.join(DRAFT_RULES)}")
    table.done()
    return topic


def _check_topics(table: TomlTable, style: Style) -> None:
    """A topic block names a declared topic, and a section split by topic also prints the
    findings of none of them (`others:`), so an entered finding is never dropped."""
    declared = {(t.section, t.name) for t in style.topics}
    blocks = [b for s in style.sections for b in s.blocks]
    for i, section in enumerate(style.sections):
        for block in section.blocks:
            kind, _, arg = block.partition(":")
            part, _, topic = arg.partition("@")
            if kind == "topic" and (part, topic) not in declared:
                table.fail(f"section[{i}].blocks", f"「{block}」：没有声明{part}的话题「{topic}」")
            if kind == "topic" and f"others:{part}" not in blocks:
                table.fail(
                    f"section[{i}].blocks",
                    f"按话题排列{part}的意见时，须有「others:{part}」安排不属于任何话题的意见",
                )


def style_from_text(text: str, name: str, source: str) -> Style:
    table = TomlTable.root(parse_toml(text, source, StyleError), source, StyleError, DOCS)
    style = Style(
        name=name,
        title=table.text("title"),
        agencies=table.texts("agencies", []),
        sections=tuple(_section(t) for t in table.tables("section")),
        topics=tuple(_topic(t) for t in table.tables("topic", required=False)),
    )
    table.done()
    _check_topics(table, style)
    return style


def available_styles() -> tuple[str, ...]:
    folder = resources.files("pinggu") / "_report" / "styles"
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


@lru_cache(maxsize=8)
def load_style(name: str) -> Style:
    """A shipped style by name."""
    if name not in available_styles():
        raise StyleError(
            f"{name}.toml",
            "（文件）",
            f"没有名为「{name}」的报告样式；可用：{'、'.join(available_styles())}",
        )
    path = resources.files("pinggu") / "_report" / "styles" / f"{name}.toml"
    return style_from_text(path.read_text(encoding="utf-8"), name, f"{name}.toml")


def report_styles() -> tuple[Style, ...]:
    """Every shipped style, by name."""
    return tuple(load_style(name) for name in available_styles())


def style_file(path: Path) -> Style:
    """An agency's own style file (`--style 我们的样式.toml`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StyleError(path.name, "（文件）", f"找不到样式文件 {path}") from None
    except (OSError, UnicodeDecodeError):
        raise StyleError(
            path.name, "（文件）", "无法读取样式文件，请确认它是 UTF-8 的 .toml 文本"
        ) from None
    return style_from_text(text, path.stem, path.name)


def style_for(name: str | None, evaluator: str) -> Style:
    """The style asked for (a shipped style's name, or the path of a .toml style file); else
    the one naming this 评估方 as its own; else 联合会."""
    if name is not None and name.endswith(".toml"):
        return style_file(Path(name))
    if name is not None:
        return load_style(name)
    for candidate in available_styles():
        style = load_style(candidate)
        if evaluator in style.agencies:
            return style
    return load_style(DEFAULT_STYLE)
