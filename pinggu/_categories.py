"""The client categories (服务对象类别, docs/survey.md), read from categories.toml into frozen objects.

The 17 categories are data, not code, because the list is open-ended: a city may add one, and
a roster may already use one we do not know. Categories outside the file are still accepted
by the roster import (counted under their own name, and listed as such); the file only decides
which names and spellings are the known ones and the order of the counts table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ._errors import CategoriesError
from ._sheets.cells import key
from ._toml import TomlTable, parse_toml

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


def _category(t: TomlTable) -> Category:
    name = t.text("name")
    aliases = tuple(a.strip() for a in t.texts("aliases"))
    group = t.choice("group", GROUPS)
    for field, text in (("name", name), *(("aliases", a) for a in aliases)):
        if any(s in key(text) for s in SEPARATORS):
            t.fail(field, f"「{text}」含有分隔符（、，；），名册中无法填写")
    t.done()
    return Category(name, aliases, group)


def parse_categories(text: str) -> Catalogue:
    """Validate the TOML text of a categories file; raises `CategoriesError` naming the fault."""
    root = TomlTable.root(
        parse_toml(text, SOURCE, CategoriesError), SOURCE, CategoriesError, "docs/survey.md"
    )
    categories = tuple(_category(t) for t in root.tables("category"))
    root.done()
    seen: dict[str, str] = {}  # comparison key -> the category it was first met in
    for category in categories:
        for spelling in (category.name, *category.aliases):
            if key(spelling) in seen:
                message = f"「{spelling}」重复出现（{seen[key(spelling)]}、{category.name}）"
                root.fail("category", message)
            seen[key(spelling)] = category.name
    return Catalogue(categories)


@cache
def load_categories() -> Catalogue:
    """The shipped catalogue (pinggu/categories.toml), read and validated once per process."""
    return parse_categories(resources.files("pinggu").joinpath(SOURCE).read_text("utf-8"))
