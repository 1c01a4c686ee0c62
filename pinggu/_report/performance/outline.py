"""The report's outline: numbered headings over paragraphs, with nothing empty printed.

Content is gathered as a tree of `Part`s (a heading, its paragraphs, its sub-parts); `flatten`
numbers the headings as seed 001 does (一、 （一） 1.) and leaves out a part with nothing in it,
so no heading is ever printed above nothing, and no number is skipped. The station's narrative
blocks (绩效叙述) become parts by the same rule: a titled block is a heading one level down, an
untitled one is paragraphs of its part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..._performance.model import NarrativeBlock
from ..marks import Text, cn_number

# Numbering the station may have typed before a title: 「（一）」「一、」「1.」「1、」「(1)」.
TYPED_NUMBER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\s*[.．、])\s*"
)


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 2: （一） 3: 1.
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: Text


Block = Heading | Paragraph


@dataclass
class Part:
    title: str
    paragraphs: list[Text] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    empty: str = ""  # said under the heading when the part has nothing else; "" leaves it out

    def has_content(self) -> bool:
        return bool(self.paragraphs) or any(p.has_content() for p in self.parts)


def numbered(level: int, n: int, title: str) -> str:
    if level == 1:
        return f"{cn_number(n)}、{title}"
    if level == 2:
        return f"（{cn_number(n)}）{title}"
    return f"{n}.{title}"


def flatten(parts: list[Part], level: int = 1) -> list[Block]:
    """Headings numbered in order among the parts printed; empty parts left out or, with an
    `empty` sentence, kept and saying so."""
    out: list[Block] = []
    n = 0
    for part in parts:
        if not part.has_content() and not part.empty:
            continue
        n += 1
        out.append(Heading(level, numbered(level, n, part.title)))
        if not part.has_content():
            out.append(Paragraph(Text.of(part.empty)))
            continue
        out += [Paragraph(p) for p in part.paragraphs]
        out += flatten(part.parts, level + 1)
    return out


def paragraphs_of(text: str) -> list[Text]:
    """A narrative's text as paragraphs: one per non-empty line."""
    return [Text.of(line.strip()) for line in text.splitlines() if line.strip()]


def narrative_parts(blocks: list[NarrativeBlock]) -> tuple[list[Text], list[Part]]:
    """The untitled blocks' paragraphs, and a part per titled block (its typed numbering off)."""
    loose: list[Text] = []
    parts: list[Part] = []
    for block in blocks:
        title = TYPED_NUMBER.sub("", block.title).strip()
        if title:
            parts.append(Part(title, paragraphs_of(block.text)))
        else:
            loose += paragraphs_of(block.text)
    return loose, parts
