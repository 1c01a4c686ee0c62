"""Single cells: how labels compare and how a hand-typed value becomes Decimal, date, Month or bool.

People type the same thing many ways (full-width digits, "1,200", 2024/6/7, 2024年6月份, a date
serial in a 「常规」 cell, √/× or Y/N for 是/否, 「—」 for no target, 66户 with its unit, stray
spaces), and calamine hands over floats, strings and dates alike. Every sheet needs the same
leniency and the same Chinese message when a cell is wrong, so it lives here once, apart from
any sheet's rules. What no cell may silently become is bounded here too: a number beyond any
evaluation's (`LARGEST`), a formula without its result or an error value (`Unread`), a number
merged down several rows (`Merged`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar

from .._model import Month, Qualification
from .columns import NO, YES, Column, ValueKind

T = TypeVar("T")
NO_TARGET = "/"  # what reports print for "no target"; accepted as empty in optional numbers
# The other ways people write "no target" in an optional number (after NFKC: ／ is /, － is -).
NO_TARGETS = frozenset({NO_TARGET, "-", "—", "——", "–", "无", "-—"})
# No figure of an evaluation comes near a trillion; beyond it a number is a typing slip, and
# far beyond (1e30) Decimal arithmetic at its 28 digits of precision would fail on it.
LARGEST = Decimal(10) ** 12
LARGEST_SHOWN = "1 万亿"


@dataclass(frozen=True)
class Unread:
    """A cell whose value the file does not hold: a formula saved without its result (a tool
    that writes formulas but never calculates them), or an Excel error value such as #N/A.
    calamine reads both as an empty cell, so the reader puts this in their place instead."""

    error: str | None  # "#VALUE!" …; None for a formula without a stored result

    @property
    def message(self) -> str:
        if self.error is None:
            return "此单元格是公式但没有计算结果，请在 Excel 中打开并保存一次"
        return f"单元格为错误值 {self.error}"

    def __str__(self) -> str:
        return self.error or "（未计算的公式）"


@dataclass(frozen=True)
class Merged:
    """A cell below the first row of a merged range: Excel shows the first row's value there
    (「类型」 merged down a block of workers), calamine reads it as empty."""

    value: object
    origin: str  # the merged range's first cell, such as "A3"

    def __str__(self) -> str:
        return shown(self.value)


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
    if isinstance(cell, Merged):
        return is_empty(cell.value)
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
    if isinstance(cell, Merged):
        return shown(cell.value)
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
    """A cell's value, None when empty and allowed to be; raises `Bad`. A merged cell's value
    is its range's (tables report the filling); a number is never copied down a merge."""
    if isinstance(cell, Unread):
        raise Bad(cell.message)
    if isinstance(cell, Merged):
        if column.kind in (ValueKind.NUMBER, ValueKind.INTEGER) and not is_empty(cell.value):
            raise Bad(
                f"此单元格与上方的 {cell.origin} 合并，数量不能合并填写（会被重复计算）；"
                "请取消合并，每行分别填写"
            )
        cell = cell.value
    if not column.required and column.kind is ValueKind.NUMBER and isinstance(cell, str):
        cell = "" if key(cell) in NO_TARGETS else cell
    if is_empty(cell):
        if column.required:
            raise Bad(_missing(column.kind, choices))
        return None
    return _convert(cell, column.kind, choices)


_WITH_UNIT = re.compile(r"^(-?[\d,]*\.?\d+)([^\d,.]+)$")


def without_unit(cell: object, unit: object) -> object:
    """A number typed with its row's unit (66户 where 计量 is 户) as the number alone; any other
    cell as it is. A unit other than the row's raises `Bad`: 66户 in a row counted in 人次 is a
    figure typed in the wrong row or the wrong unit, never to be read silently."""
    if not isinstance(cell, str):
        return cell
    match = _WITH_UNIT.match(key(cell))
    if match is None or key(match[2]) in NO_TARGETS or match[2].endswith("%"):
        return cell
    expected = key(shown(unit)) if not is_empty(unit) else ""
    if key(match[2]) != expected:
        row_unit = f"本行的计量「{shown(unit)}」" if expected else "本行没有填写计量"
        raise Bad(
            f"「{shown(cell)}」的单位「{match[2]}」与{row_unit}不一致；请只填数字，单位填在「计量」列"
        )
    return match[1]


def _expected(kind: ValueKind, choices: Sequence[str]) -> str:
    """What a cell of this kind should hold, as the start of a message."""
    if kind is ValueKind.NUMBER:
        return "应为不小于 0 的数字"
    if kind is ValueKind.INTEGER:
        return "应为不小于 0 的整数"
    if kind is ValueKind.DATE:
        return "应为日期（如 2024-06-07、2024/6/7 或 2024年6月7日）"
    if kind is ValueKind.DATETIME:
        return "应为日期，可带时间（如 2024-06-07、2024/6/7 14:30 或 2024年6月7日 14:30）"
    if kind is ValueKind.MONTH:
        return "应为月份（如 2024-06、2024/6 或 2024年6月）"
    if kind is ValueKind.TIME:
        return "应为时间（如 9:30、14:00 或 14时30分）"
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
    if kind is ValueKind.DATETIME:
        return _date_time(cell)
    if kind is ValueKind.MONTH:
        return _month(cell)
    if kind is ValueKind.TIME:
        return _time(cell)
    if kind is ValueKind.ATTENDANCE:
        return _attendance(cell, choices)
    if kind is ValueKind.QUALIFICATION:
        return _qualification(cell)
    options = choices or (YES, NO)
    if kind is ValueKind.YESNO and set(options) == {YES, NO}:
        return _yes_no(cell)
    # a number typed in Excel matches a numeric choice (分级 2.0 is "2"); bool is no number here
    plain = isinstance(cell, str | int | float) and not isinstance(cell, bool)
    text = key(shown(cell)) if plain else None
    if text is not None and all(c.isdigit() for c in options):
        text = _level(text)
    chosen = next((c for c in options if key(c) == text), None)
    if chosen is None:
        raise _wrong(kind, options, cell)
    return chosen == YES if kind is ValueKind.YESNO else chosen


# Every way a yes/no column is kept in the field (after NFKC and upper-casing).
YES_WORDS = frozenset({YES, "√", "✓", "✔", "Y", "YES", "1", "TRUE", "有", "对"})
NO_WORDS = frozenset({NO, "×", "✗", "✘", "N", "NO", "0", "FALSE", "无", "X"})


def _yes_no(cell: object) -> bool:
    if isinstance(cell, bool):
        return cell
    text = key(shown(cell)).upper() if isinstance(cell, str | int | float) else ""
    if text in YES_WORDS or text in NO_WORDS:
        return text in YES_WORDS
    raise Bad(f"应为「{YES}」或「{NO}」（也可填 √/×、Y/N、1/0、有/无），实为「{shown(cell)}」")


_LEVEL = re.compile(r"^第?([一二三四五六七八九1-9])级?$")
_NUMERALS = dict(zip("一二三四五六七八九", "123456789", strict=True))


def _level(text: str) -> str:
    """「1级」, 「一级」, 「第一级」 as "1": a numbered choice (分级) as people write it."""
    match = _LEVEL.match(text)
    return _NUMERALS.get(match[1], match[1]) if match else text


_PLAIN_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def decimal_of(cell: object) -> Decimal | None:
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
    if not number.is_finite() or abs(number) >= LARGEST:
        raise Bad(
            f"数值过大（应小于 {LARGEST_SHOWN}），实为「{shown(cell)}」；请检查是否多打了数字"
        )
    return Decimal(int(number)) if number == number.to_integral_value() else number


def _number(cell: object, kind: ValueKind) -> Decimal | int:
    number = decimal_of(cell)
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
    serial = _serial(cell)
    if serial is not None:
        return serial
    if isinstance(cell, str):
        found = _date_text(cell)
        if found is not None:
            return found
    raise _wrong(ValueKind.DATE, (), cell)


def _date_text(cell: str) -> date | None:
    """2024-06-07, 2024/6/7, 2024.6.7 or 2024年6月7日 as a date; None if none of them."""
    text = key(cell)
    match = next((m for p in _DATE_TEXT if (m := p.match(text))), None)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise Bad(f"日期「{shown(cell)}」不存在，请检查月份和日") from None


# A time after the date, separated by spaces or T, or right after 日: 14:30, 14:30:05, 14时30分.
_TIME_TEXT = re.compile(
    r"^(.+?)(?:[ T]+|(?<=日))(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?|时(?:(\d{1,2})分?)?)$"
)


def _date_time(cell: object) -> date:
    """A date, or a datetime when the cell gives a time of day too (a datetime cell, an Excel
    serial with a fraction, or text such as 2024/6/7 14:30); midnight is no time given."""
    if isinstance(cell, datetime):
        return cell if cell.time() != datetime.min.time() else cell.date()
    if isinstance(cell, int | float) and not isinstance(cell, bool) and math.isfinite(cell):
        day = _serial(math.floor(cell))
        seconds = round((cell - math.floor(cell)) * 86400)
        if day is not None and seconds and seconds < 86400:
            return datetime.combine(day, datetime.min.time()) + timedelta(seconds=seconds)
    if isinstance(cell, str):
        text = " ".join(unicodedata.normalize("NFKC", cell).split())
        match = _TIME_TEXT.match(text)
        day = _date_text(match[1]) if match else None
        if match is not None and day is not None:
            hour, minute = int(match[2]), int(match[3] or match[5] or 0)
            if hour > 23 or minute > 59 or int(match[4] or 0) > 59:
                raise Bad(f"时间「{shown(cell)}」不存在，请检查时和分")
            at = datetime.combine(day, datetime.min.time())
            at = at.replace(hour=hour, minute=minute, second=int(match[4] or 0))
            return at if at.time() != datetime.min.time() else day
    try:
        return _date(cell)
    except Bad as bad:
        if bad.message.startswith(_expected(ValueKind.DATE, ())):
            raise _wrong(ValueKind.DATETIME, (), cell) from None
        raise  # a day that does not exist


# A time of day alone: 9:30, 09:30:00, 14时30分, 9点30, 9点.
_TIME_ONLY = re.compile(r"^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?|[时点](?:(\d{1,2})分?)?)$")


def _time(cell: object) -> time:
    """A time of day: a time cell, an Excel day fraction (0.5 is 12:00) in a 「常规」 cell, or
    text such as 9:30 or 14时30分; a time that does not exist (25:00, 9:75) says so."""
    if isinstance(cell, time):
        return cell
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, timedelta) and timedelta(0) <= cell < timedelta(days=1):
        return (datetime.min + cell).time()
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 <= cell < 1:
        return (datetime.min + timedelta(seconds=round(cell * 86400))).time()
    if isinstance(cell, str):
        match = _TIME_ONLY.match("".join(unicodedata.normalize("NFKC", cell).split()))
        if match is not None:
            hour, minute, second = int(match[1]), int(match[2] or match[4] or 0), int(match[3] or 0)
            if hour > 23 or minute > 59 or second > 59:
                raise Bad(f"时间「{shown(cell)}」不存在，请检查时和分")
            return time(hour, minute, second)
    raise _wrong(ValueKind.TIME, (), cell)


# A date in a cell formatted 「常规」 shows as Excel's day count (45108 is 2023-07-01). Only
# counts of the years 2000–2099 are read so: a year typed alone (2024) stays a wrong value.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIALS = range((date(2000, 1, 1) - _EXCEL_EPOCH).days, (date(2100, 1, 1) - _EXCEL_EPOCH).days)


def _serial(cell: object) -> date | None:
    if isinstance(cell, bool) or not isinstance(cell, int | float | str):
        return None
    try:
        number = decimal_of(cell)
    except Bad:
        return None
    if number is None or number != number.to_integral_value() or int(number) not in _SERIALS:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(number))


_MONTH_WORDS = re.compile(r"^(\d{4})年(\d{1,2})月份?$")


def _month(cell: object) -> Month:
    if isinstance(cell, date):
        return Month.of(cell)
    serial = _serial(cell)
    if serial is not None:
        return Month.of(serial)
    if isinstance(cell, str):
        text = unicodedata.normalize("NFKC", cell)
        month = Month.parse(text)
        words = _MONTH_WORDS.match(key(text))
        if month is None and words and 1 <= int(words[2]) <= 12:
            month = Month(int(words[1]), int(words[2]))
        day = _date_text(cell) if month is None else None
        if day is not None:
            return Month.of(day)
        if month is not None:
            return month
    raise _wrong(ValueKind.MONTH, (), cell)


def _attendance(cell: object, choices: Sequence[str]) -> Decimal:
    number = decimal_of(cell)
    chosen = next((c for c in choices if number is not None and number == Decimal(c)), None)
    if chosen is None:
        raise _wrong(ValueKind.ATTENDANCE, choices, cell)
    return Decimal(chosen)


def _qualification(cell: object) -> bool | Qualification:
    """是/否 (or √/×, Y/N …) as a bool, a qualification (by any of its names) as itself."""
    text = cell if isinstance(cell, str) else ""
    level = find(text, Qualification, lambda q: q.names) if text else None
    if level is not None:
        return level
    try:
        return _yes_no(cell)
    except Bad:
        raise _wrong(ValueKind.QUALIFICATION, (), cell) from None
