"""A scheme's [file_sampling] table: how many files of each type are checked, and the checklists.

Rules as data (docs/onsite.md「抽查方案」): per type a share of each 片区's files with a minimum
and a maximum, the reserve, the indicator the type's list stands for, and the checklist items
with the words a failing file reads in (「知情同意书缺少签名」) and the findings section its draft
goes to. Validated at scheme load into `FileSampling`; every fault is a `SchemeError` naming its
key, and a key nobody reads is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from decimal import Decimal

from .._toml import TomlTable
from .files_model import Checklist, ChecklistItem, FileSampling, FileType, SamplingRule

__all__ = ["parse_file_sampling"]

_TYPES = tuple(t.value for t in FileType)


def parse_file_sampling(
    root: TomlTable,
    sections: Collection[str],
    measures_of: Callable[[str], tuple[str, ...] | None],
) -> FileSampling | None:
    """The scheme's [file_sampling] table, or None when it has none. `sections`: the scheme's
    findings sections (a checklist item's `section` must be one); `measures_of(indicator)`: the
    catalogue's measures of an indicator, None when the catalogue has no such indicator."""
    t = root.optional_table("file_sampling")
    if t is None:
        return None
    rules: list[SamplingRule] = []
    checklists: list[Checklist] = []
    for item in t.tables("types"):
        rule, checklist = _type(item, sections, measures_of)
        if any(r.type is rule.type for r in rules):
            item.fail("type", f"类型「{rule.type.value}」出现了两次")
        rules.append(rule)
        checklists.append(checklist)
    sampling = FileSampling(
        rules=tuple(sorted(rules, key=lambda r: _TYPES.index(r.type.value))),
        reserve=t.integer("reserve", minimum=0),
        checklists=tuple(sorted(checklists, key=lambda c: _TYPES.index(c.type.value))),
        example=t.flag("example", False),
    )
    t.done()
    return sampling


def _type(
    t: TomlTable,
    sections: Collection[str],
    measures_of: Callable[[str], tuple[str, ...] | None],
) -> tuple[SamplingRule, Checklist]:
    kind = FileType(t.choice("type", _TYPES))
    share = t.number("share", minimum=Decimal(0))
    if share == 0 or share > 1:
        t.fail("share", f"应为大于 0、不大于 1 的比例（如 0.1 即 10%），实为 {share}")
    minimum = t.integer("minimum", minimum=1)
    maximum = t.integer("maximum", minimum=1)
    if maximum < minimum:
        t.fail("maximum", f"不能小于 minimum（{minimum}），实为 {maximum}")
    indicators = t.texts("indicators", default=[])
    measure = t.text("measure", default="") if "measure" in t.data else ""
    if indicators and not measure:
        t.fail("measure", "填写了 indicators 时须同时填写 measure（如「接案数」）")
    for name in indicators:
        measures = measures_of(name)
        if measures is None:
            t.fail("indicators", f"指标「{name}」不在指标目录中")
        if measure not in measures:
            t.fail(
                "measure", f"指标「{name}」的计量应为 {'、'.join(measures)} 之一，实为「{measure}」"
            )
    items = tuple(_item(i, sections) for i in t.tables("items"))
    names = [i.name for i in items]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate is not None:
        t.fail("items", f"检查项「{duplicate}」出现了两次")
    t.done()
    rule = SamplingRule(kind, share, minimum, maximum, tuple(indicators), measure)
    return rule, Checklist(kind, items)


def _item(t: TomlTable, sections: Collection[str]) -> ChecklistItem:
    section = t.text("section")
    if section not in sections:
        t.fail("section", f"应为方案的意见部分（{'、'.join(sections)}）之一，实为「{section}」")
    item = ChecklistItem(name=t.text("name"), concern=t.text("concern"), section=section)
    t.done()
    return item
