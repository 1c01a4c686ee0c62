"""Which layout each sheet of a workbook is in, and the hook that reads field layouts as tidy sheets.

The importer validates tidy sheets only; a workbook may mix them with field layouts (a 到岗 grid
beside the template's other sheets), so each sheet is recognised on its own from its headers,
whatever it is named. A recognised sheet takes the place of the tidy sheet it stands for, and the
importer's problems in it are moved back to the cells the user typed (`Layouts.relocate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .._errors import Problem
from .._model import ImportNote
from .._scheme import Scheme
from .._sheets.cells import key
from .._sheets.tables import Rows
from .._workbook.onsite_sheets import ONSITE_SHEET_KEYS
from .._workbook.sheets import (
    ATTENDANCE,
    FINDINGS,
    INDICATORS,
    INFO_SHEET,
    NOT_EVALUATION_DATA,
    SCORES,
    VETOES,
    ZONES,
)
from .indicator_table import is_indicator_table, read_indicator_table
from .shape import Converted
from .staffing_grid import is_staffing_grid, read_staffing_grid

# Sheets that are never a field layout: the template's others, and what is never evaluation data
_OTHERS = (INFO_SHEET, ZONES.name, SCORES.name, VETOES.name, FINDINGS.name)
_NEVER = {key(name) for name in _OTHERS} | NOT_EVALUATION_DATA | ONSITE_SHEET_KEYS
_TIDY = {key(ATTENDANCE.name), key(INDICATORS.name)}


UNRECOGNISED = (
    "此表不是评估工作簿的标准工作表，也未能识别为月度到岗表（表头有「人员到位」和「姓名」）"
    "或指标完成表（表头有「片区」，其下一至三行有「协议…」「完成量」），未读取"
)


@dataclass
class Layouts:
    """A workbook's sheets with every field layout replaced by the tidy rows it stands for."""

    sheets: dict[str, Rows] = field(default_factory=dict)
    read: list[Converted] = field(default_factory=list)  # the sheets read as a field layout
    problems: list[Problem] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # sheets neither the template's nor a layout

    def unrecognised(self) -> list[Problem]:
        """Why each sheet that is neither the template's nor a field layout was not read: said
        when a sheet the evaluation needs is missing, as that sheet may be the one meant."""
        return [Problem(name, UNRECOGNISED) for name in self.others]

    @property
    def notes(self) -> tuple[ImportNote, ...]:
        return tuple(note for c in self.read for note in c.notes)

    def relocate(self, problems: list[Problem]) -> list[Problem]:
        """Problems found in the tidy rows of a field layout, at the cells they came from."""
        by_target = {c.target: c for c in self.read}
        return [by_target[p.sheet].relocate(p) if p.sheet in by_target else p for p in problems]


def read_layouts(sheets: Mapping[str, Rows], scheme: Scheme) -> Layouts:
    """`sheets` with each field-layout sheet read into the tidy sheet it stands for."""
    out = Layouts()
    for name, rows in sheets.items():
        if key(name) not in _NEVER and is_staffing_grid(rows):
            converted = read_staffing_grid(name, rows)
        elif key(name) not in _NEVER and is_indicator_table(rows):
            converted = read_indicator_table(name, rows, scheme)
        else:
            out.sheets[name] = rows
            if key(name) not in _NEVER | _TIDY:
                out.others.append(name)
            continue
        out.problems.extend(converted.problems)
        out.read.append(converted)
    for converted in out.read:
        clash = next((n for n in out.sheets if key(n) == key(converted.target)), None)
        if clash is None:
            out.sheets[converted.target] = converted.rows
            continue
        other = next((c for c in out.read if c.target == clash and c is not converted), None)
        first = f"工作表「{other.source}」（{other.layout}）" if other else f"工作表「{clash}」"
        message = f"此表是{converted.layout}，与{first}都对应「{converted.target}」，只能保留一个"
        out.problems.append(Problem(converted.source, message))
    out.read = [c for c in out.read if out.sheets.get(c.target) is c.rows]
    return out
