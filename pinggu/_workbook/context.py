"""What parsing an evaluation workbook shares between its sheets, and finding those sheets.

The evaluation's sheets are found by name (spaces and full-width characters ignored), and the
problems of all of them are collected in one `Context`, which also carries what earlier sheets
established (the station's details, the zones) for the later ones to be checked against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .._model import StationInfo
from .._scheme import Scheme
from .._sheets.tables import Found, Problems, Rows, named_sheets
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
