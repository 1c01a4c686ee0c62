"""Single cells: how labels compare and how a hand-typed value becomes Decimal, date, Month or bool.

People type the same thing many ways (full-width digits, "1,200", 2024/6/7, 2024年6月, stray
spaces), and calamine hands over floats, strings and dates alike. Every sheet needs the same
leniency and the same Chinese message when a cell is wrong, so it lives here once, apart from
any sheet's rules.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from .._model import Month, Qualification
from .columns import NO, YES, Column, ValueKind

T = TypeVar("T")
NO_TARGET = "/"  # what reports print for "no target"; accepted as empty in optional numbers


class Bad(Exception):
    """A cell that cannot be converted; the message says what was expected and what was found."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------------------------
# Labels and messages


def key(text: str) -> str:
    """Comparison form of a label: NFKC (full width → half width), all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def shown(cell: object) -> str:
    """A cell as the user sees it, for messages."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else str(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def either(items: Sequence[str]) -> str:
    """「甲」、「乙」或「丙」, 1、0.5 或 0: a list of alternatives in Chinese."""
    if len(items) <= 1:
        return "".join(items)
    separator = "或" if items[-1].startswith("「") else " 或 "
    return "、".join(items[:-1]) + separator + items[-1]


def quoted(items: Sequence[str]) -> list[str]:
    return [f"「{item}」" for item in items]


def listed(items: Sequence[str]) -> str:
    """「甲」、「乙」、「丙」: a list of names in Chinese."""
    return "、".join(quoted(items))


def find(text: str, items: Iterable[T], names: Callable[[T], Iterable[str]]) -> T | None:
    """The first item one of whose names compares equal to `text`, or None."""
    wanted = key(text)
    return next((item for item in items if wanted in {key(n) for n in names(item)}), None)


# ---------------------------------------------------------------------------------------------
# Cell values


def cell_value(cell: object, column: Column, choices: Sequence[str]) -> object:
    """A cell's value, None when empty and allowed to be; raises `Bad`."""
    if not column.required and column.kind is ValueKind.NUMBER and isinstance(cell, str):
        cell = "" if key(cell) == NO_TARGET else cell
    if is_empty(cell):
        if column.required:
            raise Bad(_missing(column.kind, choices))
        return None
    return _convert(cell, column.kind, choices)


def _expected(kind: ValueKind, choices: Sequence[str]) -> str:
    """What a cell of this kind should hold, as the start of a message."""
    if kind is ValueKind.NUMBER:
        return "应为不小于 0 的数字"
    if kind is ValueKind.INTEGER:
        return "应为不小于 0 的整数"
    if kind is ValueKind.DATE:
        return "应为日期（如 2024-06-07、2024/6/7 或 2024年6月7日）"
    if kind is ValueKind.MONTH:
        return "应为月份（如 2024-06、2024/6 或 2024年6月）"
    if kind is ValueKind.ATTENDANCE:
        return f"应为 {either(list(choices))}"
    if kind is ValueKind.YESNO:
        return f"应为{either(quoted(choices or (YES, NO)))}"
    if kind is ValueKind.QUALIFICATION:
        levels = either(quoted([q.value for q in Qualification]))
        return f"应为「{YES}」或「{NO}」，或为持证等级{levels}（也可填简称：高级、中级、助理）"
    if kind is ValueKind.CHOICE:
        return f"应为{either(quoted(choices))}"
    return "应填写内容"


def _missing(kind: ValueKind, choices: Sequence[str]) -> str:
    return "不能为空" if kind is ValueKind.TEXT else f"不能为空，{_expected(kind, choices)}"


def _wrong(kind: ValueKind, choices: Sequence[str], cell: object) -> Bad:
    return Bad(f"{_expected(kind, choices)}，实为「{shown(cell)}」")


def _convert(cell: object, kind: ValueKind, choices: Sequence[str]) -> object:
    """A non-empty cell as the value its kind calls for; raises `Bad`."""
    if kind is ValueKind.TEXT:
        return cell.strip() if isinstance(cell, str) else shown(cell)
    if kind in (ValueKind.NUMBER, ValueKind.INTEGER):
        return _number(cell, kind)
    if kind is ValueKind.DATE:
        return _date(cell)
    if kind is ValueKind.MONTH:
        return _month(cell)
    if kind is ValueKind.ATTENDANCE:
        return _attendance(cell, choices)
    if kind is ValueKind.QUALIFICATION:
        return _qualification(cell)
    options = choices or (YES, NO)
    # a number typed in Excel matches a numeric choice (分级 2.0 is "2"); bool is no number here
    plain = isinstance(cell, str | int | float) and not isinstance(cell, bool)
    text = key(shown(cell)) if plain else None
    chosen = next((c for c in options if key(c) == text), None)
    if chosen is None:
        raise _wrong(kind, options, cell)
    return chosen == YES if kind is ValueKind.YESNO else chosen


_PLAIN_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _decimal(cell: object) -> Decimal | None:
    """A number cell or numeric text ("1,200", " 85.5 ") as Decimal, sign kept; None if neither."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return None
        number = Decimal(str(cell))
    elif isinstance(cell, str):
        text = key(cell)
        if not (_PLAIN_NUMBER.match(text) or _GROUPED_NUMBER.match(text)):
            return None
        number = Decimal(text.replace(",", ""))
    else:
        return None
    return Decimal(int(number)) if number == number.to_integral_value() else number


def _number(cell: object, kind: ValueKind) -> Decimal | int:
    number = _decimal(cell)
    if number is None:
        if isinstance(cell, str) and unicodedata.normalize("NFKC", cell).strip().endswith("%"):
            raise Bad(f"应为数量本身，不填百分比（百分比由系统计算），实为「{shown(cell)}」")
        raise _wrong(kind, (), cell)
    if number < 0:
        raise _wrong(kind, (), cell)
    if kind is ValueKind.INTEGER:
        if number != number.to_integral_value():
            raise _wrong(kind, (), cell)
        return int(number)
    return number


_DATE_TEXT = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


def _date(cell: object) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str):
        text = key(cell)
        match = next((m for p in _DATE_TEXT if (m := p.match(text))), None)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise Bad(f"日期「{shown(cell)}」不存在，请检查月份和日") from None
    raise _wrong(ValueKind.DATE, (), cell)


def _month(cell: object) -> Month:
    if isinstance(cell, date):
        return Month.of(cell)
    if isinstance(cell, str):
        month = Month.parse(unicodedata.normalize("NFKC", cell))
        if month is not None:
            return month
    raise _wrong(ValueKind.MONTH, (), cell)


def _attendance(cell: object, choices: Sequence[str]) -> Decimal:
    number = _decimal(cell)
    chosen = next((c for c in choices if number is not None and number == Decimal(c)), None)
    if chosen is None:
        raise _wrong(ValueKind.ATTENDANCE, choices, cell)
    return Decimal(chosen)


def _qualification(cell: object) -> bool | Qualification:
    """是/否 as a bool, a qualification (by any of its names) as itself."""
    text = cell if isinstance(cell, str) else ""
    if key(text) in (YES, NO):
        return key(text) == YES
    level = find(text, Qualification, lambda q: q.names) if text else None
    if level is None:
        raise _wrong(ValueKind.QUALIFICATION, (), cell)
    return level
