"""What the performance forms show: each field's value (as posted after a refused save, else as
stored, else the workbook's sheet as a starting point) and its problem, a few blank rows to
add, and the choices (一级指标, 方向, 二级指标, the figures a row may be bound to)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pinggu import (
    Budget,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
)

from .. import engine
from ..models import Round
from . import forms, selfeval, stored
from .stored import plain

BLANK_ROWS = 3  # empty rows under a table, to add to it
BUDGET_FIELDS = (
    *((key, f"{label}（元）") for key, label in forms.BUDGET_AMOUNTS.items()),
    ("project_year", "项目年度（与财政年度不同时填写）"),
)


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    error: str = ""


Row = dict[str, Any]  # field → Field, and "n": the row's number


def _n(value: Decimal | None) -> str:
    return "" if value is None else str(plain(value))


def _sheet(round_: Round) -> PerformanceData | None:
    """The workbook's own performance sheets, as uploaded."""
    data = engine.data_of(round_)
    return data.performance if data is not None else None


def _row(prefix: str, n: int, values: Mapping[str, str], problems: Mapping[str, str]) -> Row:
    row: Row = {"n": n}
    for f, value in values.items():
        name = f"{prefix}-{n}-{f}"
        row[f] = Field(name, value, problems.get(name, ""))
    row["deleted"] = bool(values.get("delete"))
    row["errors"] = [f.error for f in row.values() if isinstance(f, Field) and f.error]
    return row


def _posted_rows(
    posted: Mapping[str, str], prefix: str, fields: tuple[str, ...], problems: Mapping[str, str]
) -> list[Row]:
    numbers = sorted(
        {
            int(number)
            for k in posted
            if k.startswith(f"{prefix}-")
            and len(k) < 40
            and (number := k.split("-")[1]).isascii()  # 「²」 is a digit to isdigit, not to int
            and number.isdigit()
        }
    )
    out = []
    for n in numbers[: forms.MAX_ROWS]:
        values = {f: posted.get(f"{prefix}-{n}-{f}", "") for f in (*fields, "delete")}
        if any(v.strip() for v in values.values()):
            # numbered as posted, so 「第 n 行」 in a problem is the row shown as n
            out.append(_row(prefix, n, values, problems))
    return out


def _with_blanks(rows: list[Row], prefix: str, fields: tuple[str, ...]) -> list[Row]:
    blank = dict.fromkeys(fields, "")
    last = rows[-1]["n"] if rows else 0
    return rows + [_row(prefix, last + i, blank, {}) for i in range(1, BLANK_ROWS + 1)]


def target_values(t: PerformanceTarget) -> dict[str, str]:
    qualitative = t.direction == TargetDirection.QUALITATIVE
    return {
        "level1": t.level1.value,
        "level2": t.level2,
        "level3": t.level3,
        "direction": t.direction.value,
        "target": t.target_text if qualitative or t.target is None else _n(t.target),
        "unit": t.unit,
        "points": _n(t.points),
        "actual": t.actual_text if qualitative else _n(t.actual),
        "binding": t.binding,
        "score": _n(t.score),
        "note": t.note,
        "reason": t.reason,
    }


def _budget_fields(budget: Budget | None) -> dict[str, str]:
    if budget is None:
        return dict.fromkeys(("initial", "annual", "spent", "project_year"), "")
    return {
        "initial": _n(budget.initial),
        "annual": _n(budget.annual),
        "spent": _n(budget.spent),
        "project_year": budget.project_year,
    }


def form_context(
    round_: Round, part: str, posted: Mapping[str, str] | None, problems: Mapping[str, str]
) -> dict[str, Any]:
    """The form's fields and choices; `posted` (after a refused save) wins over what is stored."""
    entered = stored.part_of(round_, part)
    sheet = _sheet(round_)
    from_sheet = not entered and posted is None and sheet is not None
    context: dict[str, Any] = {
        "round": round_,
        "part": part,
        "part_name": stored.PARTS[part],
        "from_sheet": from_sheet and bool(_sheet_part(sheet, part)),
    }
    value = _sheet_part(sheet, part) if from_sheet else entered
    if part == "budget":
        context |= _budget_context(value if isinstance(value, Budget) else None, posted, problems)
    elif part == "targets":
        rows = value if isinstance(value, tuple) else ()
        targets = [t for t in rows if isinstance(t, PerformanceTarget)]
        context |= _targets_context(round_, targets, posted, problems)
    else:
        rows = value if isinstance(value, tuple) else ()
        blocks = [b for b in rows if isinstance(b, NarrativeBlock)]
        context |= _narrative_context(blocks, posted, problems)
    return context


def _budget_context(
    budget: Budget | None, posted: Mapping[str, str] | None, problems: Mapping[str, str]
) -> dict[str, Any]:
    values = dict(posted) if posted is not None else _budget_fields(budget)
    sources = (
        _posted_rows(posted, "s", forms.SOURCE_FIELDS, problems)
        if posted is not None
        else [
            _row("s", i, {"kind": s.kind, "name": s.name, "amount": _n(s.amount)}, {})
            for i, s in enumerate(budget.sources if budget else (), 1)
        ]
    )
    return {
        "budget_fields": [
            (title, Field(k, values.get(k, ""), problems.get(k, ""))) for k, title in BUDGET_FIELDS
        ],
        "sources": _with_blanks(sources, "s", forms.SOURCE_FIELDS),
        "funding_kinds": forms.FUNDING_KINDS,
    }


def _targets_context(
    round_: Round,
    targets: list[PerformanceTarget],
    posted: Mapping[str, str] | None,
    problems: Mapping[str, str],
) -> dict[str, Any]:
    rows = (
        _posted_rows(posted, "t", forms.TARGET_FIELDS, problems)
        if posted is not None
        else [_row("t", i, target_values(t), {}) for i, t in enumerate(targets, 1)]
    )
    return {
        "rows": _with_blanks(rows, "t", forms.TARGET_FIELDS),
        "levels": [level.value for level in PerformanceLevel],
        "directions": [d.value for d in TargetDirection],
        "level2": [name for names in forms.LEVEL2.values() for name in names],
        "bindings": selfeval.binding_choices(round_),
    }


def _narrative_context(
    blocks: list[NarrativeBlock], posted: Mapping[str, str] | None, problems: Mapping[str, str]
) -> dict[str, Any]:
    rows = (
        _posted_rows(posted, "n", forms.NARRATIVE_FIELDS, problems)
        if posted is not None
        else [
            _row("n", i, {"heading": b.heading, "title": b.title, "text": b.text}, {})
            for i, b in enumerate(blocks, 1)
        ]
    )
    return {"rows": _with_blanks(rows, "n", forms.NARRATIVE_FIELDS), "headings": forms.HEADINGS}


def _sheet_part(sheet: PerformanceData | None, part: str) -> stored.Part:
    if sheet is None:
        return None
    return {"budget": sheet.budget, "targets": sheet.targets, "narrative": sheet.narrative}[part]


@dataclass(frozen=True)
class PartSummary:
    key: str
    name: str
    source: str  # 网页填写, 工作簿, or 未填写
    count: str  # what it holds: 「12 行」, 「240.00 万元」


def parts_summary(round_: Round) -> list[PartSummary]:
    """Each part: where the round's figures take it from and how much it holds."""
    sheet = _sheet(round_)
    out = []
    for key, name in stored.PARTS.items():
        entered = stored.part_of(round_, key)
        from_sheet = _sheet_part(sheet, key)
        value = entered or from_sheet
        source = "网页填写" if entered else "工作簿" if from_sheet else "未填写"
        if isinstance(value, Budget):
            count = f"全年预算数 {value.annual:,.2f} 元，全年执行数 {value.spent:,.2f} 元"
        elif isinstance(value, tuple) and value:
            count = f"{len(value)} {'行' if key == 'targets' else '段'}"
        else:
            count = ""
        out.append(PartSummary(key, name, source, count))
    return out
