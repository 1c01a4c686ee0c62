"""Figures a layout states that only the whole evaluation can check, compared with the engine.

A grid's 稳岗率 line is a figure about the whole evaluation, not about the grid: it divides by the
协议社工人数 of 基本信息 and counts only the months of the 考核期; an indicator table's
投入社工人数 per 片区 is a count of the workers 到岗 places there. So they can only be recomputed
once the whole workbook is read. The layouts keep such figures (`Stated`); `layout_notes`
recomputes them with the engine's own staffing figures and reports every difference with its
parts. docs/layouts.md describes what is recognised.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from .._engine import staffing_of
from .._figures import Figure
from .._keys import name_key
from .._model import STATION_WIDE, Evaluation, ImportNote
from .._scheme import Scheme
from .._sheets.cells import shown
from .._sheets.tables import Rows
from .shape import MISMATCH, NOT_READ, Converted, Shown, Stated, amount, pct, percentage

RETENTION, EXPERIENCED, WORKERS = "稳岗率", "从业2年以上占比", "投入社工人数"
_FIGURE = re.compile(r"(-?\d+(?:\.\d+)?)\s*%")


def stated_line(rows: Rows, index: int) -> Stated | None:
    """A 稳岗率 or 从业2年以上 line's figure (the last percentage on the row, 「… = 80.00%」 or a
    cell of its own), or None when the row is not such a line or states no percentage."""
    cells = [unicodedata.normalize("NFKC", shown(v)).replace(" ", "") for v in rows[index]]
    label = next((c for c, t in enumerate(cells) if t), None)
    if label is None:
        return None
    kind = _kind(cells[label])
    if kind is None:
        return None
    for column in range(len(cells) - 1, label - 1, -1):
        found = _FIGURE.findall(cells[column])
        if found:
            return Stated(kind, index + 1, column, _shown(found[-1]))
        if column > label:
            figure = percentage(rows[index][column])
            if figure is not None:
                return Stated(kind, index + 1, column, figure)
    return None


def _kind(label: str) -> str | None:
    if RETENTION in label:
        return RETENTION
    if "从业2年以上" in label or "从业两年以上" in label:
        return EXPERIENCED
    return None


def _shown(typed: str) -> Shown:
    figure = percentage(f"{typed}%")
    assert figure is not None  # the pattern is a percentage
    return figure


def layout_notes(
    read: Iterable[Converted], evaluation: Evaluation, scheme: Scheme
) -> list[ImportNote]:
    """The notes of every sheet read as a layout, each followed by a `sheet_total_mismatch` note
    for every figure it states that the evaluation's figures belie."""
    read = list(read)
    staffing = staffing_of(evaluation, scheme)[1] if any(c.stated for c in read) else None
    zones = _zone_workers(evaluation, scheme)
    notes: list[ImportNote] = []
    for converted in read:
        notes.extend(converted.notes)
        if staffing is None:
            continue
        computed: dict[str, tuple[Figure | None, str]] = {
            RETENTION: (staffing.retention_rate, "每月均在岗的社工 {} 人 ÷ 协议社工人数 {} 人"),
            EXPERIENCED: (
                staffing.experienced_share,
                "从业满两年的社工到岗 {} 人次 ÷ 实到 {} 人次",
            ),
        }
        counts = [line for line in converted.stated if line.kind == WORKERS]
        if counts and not zones:
            notes.append(ImportNote(NOT_READ, f"工作表「{converted.source}」{_NO_ZONES}"))
        for line in converted.stated:
            if line.kind == WORKERS:
                message = _workers_difference(line, zones) if zones else None
            else:
                message = _difference(line, *computed[line.kind])
            if message is not None:
                place = converted.at(line.row, line.column)
                notes.append(ImportNote(MISMATCH, f"{place}{message}"))
    return notes


_NO_ZONES = (
    "的「投入社工人数」列只核对了合计：到岗表没有「片区」列，无法按片区核对人数"
    "（社工人数取自到岗表）"
)


def _zone_workers(evaluation: Evaluation, scheme: Scheme) -> dict[str, set[str]]:
    """The social workers (excluded positions aside) 到岗 places in each 片区, by the 片区's key."""
    zones: dict[str, set[str]] = {}
    for row in evaluation.attendance:
        if row.zone and row.zone != STATION_WIDE and not scheme.staffing.excludes(row.position):
            zones.setdefault(name_key(row.zone), set()).add(row.worker_id)
    return zones


def _workers_difference(line: Stated, zones: dict[str, set[str]]) -> str | None:
    expected = len(zones.get(name_key(line.zone), set()))
    if line.figure.matches(Decimal(expected)):
        return None
    return (
        f"{line.zone}·投入社工人数：表中为 {amount(line.figure.percent)}，"
        f"按到岗表中此片区的社工应为 {expected} 人"
    )


def _difference(line: Stated, figure: Figure | None, parts: str) -> str | None:
    if figure is None:
        return f"{line.kind}：表中为 {pct(line.figure.percent)}，但实到为 0，无法计算"
    if line.figure.matches(figure.value):
        return None
    given = [amount(v) for v in figure.inputs.values()]
    why = parts.format(*given) if len(given) == 2 else figure.formula
    return (
        f"{line.kind}：表中为 {pct(line.figure.percent)}，按到岗表应为 {pct(figure.value)}（{why}）"
    )


def unchecked_stated(read: Iterable[Converted]) -> list[ImportNote]:
    """What a file holding only field layouts states but cannot check, having no 基本信息 and
    no 到岗 beside it: one note per sheet and kind."""
    notes = []
    for c in read:
        for kind in dict.fromkeys(line.kind for line in c.stated):
            where = "、".join(str(line.row) for line in c.stated if line.kind == kind)
            notes.append(
                ImportNote(
                    NOT_READ,
                    f"工作表「{c.source}」第 {where} 行的{kind}要按基本信息和到岗表核对，"
                    "此文件中没有，未核对",
                )
            )
    return notes
