"""What parsing an evaluation workbook shares between its sheets, and finding those sheets.

The evaluation's sheets are found by name (spaces and full-width characters ignored), and the
problems of all of them are collected in one `Context`, which also carries what earlier sheets
established (the station's details, the zones) for the later ones to be checked against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .._model import StationInfo
from .._scheme import Scheme
from .._sheets.cells import key
from .._sheets.tables import Found, Problems, Rows
from .sheets import INFO_SHEET, TABLE_SHEETS


@dataclass
class Context(Problems):
    """What parsing an evaluation workbook has learnt so far, and every problem found."""

    scheme: Scheme = field(kw_only=True)
    info: StationInfo | None = None
    zones: dict[str, str] | None = None  # comparison key -> zone name; None: 片区 unreadable
    draw_seed: str = ""  # 基本信息's 档案抽取种子 (docs/onsite.md)


def find_sheets(sheets: Mapping[str, Rows], ctx: Context) -> dict[str, Found]:
    """The required sheets by their canonical name; others (such as 说明) are ignored."""
    names = [INFO_SHEET, *(spec.name for spec in TABLE_SHEETS)]
    found = named_sheets(sheets, names, ctx)
    for name in names:
        if name not in found:
            ctx.add(name, f"缺少此工作表；工作簿应包含 {'、'.join(names)} 共 {len(names)} 个工作表")
    return found


def named_sheets(
    sheets: Mapping[str, Rows], names: Sequence[str], ctx: Problems
) -> dict[str, Found]:
    """The sheets among `sheets` that are `names` (spaces and full-width characters ignored),
    by canonical name; a second sheet for the same name is reported and passed over."""
    wanted = {key(name): name for name in names}
    found: dict[str, Found] = {}
    for name, rows in sheets.items():
        canonical = wanted.get(key(name))
        if canonical is None:
            continue
        if canonical in found:
            first = found[canonical].name
            ctx.add(name, f"与工作表「{first}」重名（都对应「{canonical}」），只能保留一个")
            continue
        found[canonical] = Found(name, rows)
    return found
