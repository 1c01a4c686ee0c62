"""The client categories (服务对象类别) of SPEC §6, read from categories.toml into frozen objects.

The 17 categories are data, not code, because the list is open-ended: a city may add one, and
a roster may already use one we do not know. Categories outside the file are still accepted
by the roster import (counted under their own name, and listed as such); the file only decides
which names and spellings are the known ones and the order of the counts table.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ._workbook.cells import key

__all__ = ["SEPARATORS", "Catalogue", "Category", "load_categories"]

SOURCE = "categories.toml"
# What separates categories in one cell: 、 as the sheet asks; ，,；; leniently (after NFKC the
# full-width ，；become ,;). Not "/", which is part of the name 低保边缘/低收入.
SEPARATORS = ("、", ",", ";")
GROUPS = ("困难群众", "特殊群体", "老年人")


@dataclass(frozen=True)
class Category:
    name: str
    aliases: tuple[str, ...]
    group: str  # 困难群众, 特殊群体 or 老年人: how the list in docs/survey.md is grouped


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[Category, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)

    def canonical(self, text: str) -> str | None:
        """The known category `text` names (by name or alias, ignoring width and spaces)."""
        return _spellings(self).get(key(text))


@cache
def _spellings(catalogue: Catalogue) -> dict[str, str]:
    """Comparison key of every name and alias -> the category's name."""
    return {key(n): c.name for c in catalogue.categories for n in (c.name, *c.aliases)}


def _fail(message: str) -> ValueError:
    return ValueError(f"类别文件 {SOURCE}：{message}")


def _category(index: int, entry: object) -> Category:
    where = f"第 {index} 个 [[category]]"
    if not isinstance(entry, dict) or set(entry) != {"name", "aliases", "group"}:
        raise _fail(f"{where} 应恰有 name、aliases、group 三项")
    name, aliases, group = entry["name"], entry["aliases"], entry["group"]
    if not isinstance(name, str) or not name.strip():
        raise _fail(f"{where}：name 应为非空文字")
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise _fail(f"{where}（{name}）：aliases 应为文字列表")
    if group not in GROUPS:
        raise _fail(f"{where}（{name}）：group 应为 {'、'.join(GROUPS)} 之一")
    for text in (name, *aliases):
        if any(s in key(text) for s in SEPARATORS):
            raise _fail(f"{where}：「{text}」含有分隔符（、，；），名册中无法填写")
    return Category(name.strip(), tuple(a.strip() for a in aliases), group)


def parse_categories(text: str) -> Catalogue:
    """Validate the TOML text of a categories file; raises ValueError naming the fault."""
    data = tomllib.loads(text)
    entries = data.get("category")
    if set(data) != {"category"} or not isinstance(entries, list) or not entries:
        raise _fail("应只含 [[category]] 表，且至少一个")
    categories = tuple(_category(i, e) for i, e in enumerate(entries, start=1))
    seen: dict[str, str] = {}  # comparison key -> the category it was first met in
    for category in categories:
        for text in (category.name, *category.aliases):
            if key(text) in seen:
                raise _fail(f"「{text}」重复出现（{seen[key(text)]}、{category.name}）")
            seen[key(text)] = category.name
    return Catalogue(categories)


@cache
def load_categories() -> Catalogue:
    """The shipped catalogue (pinggu/categories.toml), read and validated once per process."""
    return parse_categories(resources.files("pinggu").joinpath(SOURCE).read_text("utf-8"))
