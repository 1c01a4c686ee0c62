"""An `Evaluation` as plain JSON data and back, exactly: the report embeds it so an audit can
recompute every figure later, and the web app stores it.

The model's own type hints drive both directions, so a field added to the model is carried
without touching this module. Decimals travel as strings (a float would change 0.1), dates as
ISO text, times of day as HH:MM:SS, months as YYYY-MM and enums by value. Reading is strict: a missing key (unless the
model gives the field a default), an unknown key or a malformed value is refused with a
`ReportError` naming the key, because a figure silently read wrong would make the audit check
against the wrong data.
"""

from __future__ import annotations

import dataclasses
import re
import types
from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from ._errors import ReportError
from ._model import Evaluation, Month

__all__ = ["FORMAT_VERSION", "evaluation_from_dict", "evaluation_to_dict"]

FORMAT_VERSION = 1  # raise when a change would make old readers misread new data
_VERSION_KEY = "version"
# What this module writes, and nothing looser: Decimal() and date.fromisoformat() alone would
# also take " 1_0 " and "20240520", which no writer of this format produces.
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:E[+-]\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """`evaluation` as JSON-ready data (str, int, bool, None, lists and dicts only)."""
    data: dict[str, Any] = {_VERSION_KEY: FORMAT_VERSION}
    data.update(_encode(evaluation))
    return data


def evaluation_from_dict(data: object) -> Evaluation:
    """The `Evaluation` `evaluation_to_dict` wrote; raises `ReportError` naming a bad key."""
    if not isinstance(data, dict):
        raise ReportError(f"报告数据应为键值对象，实为 {_kind(data)}")
    version = data.get(_VERSION_KEY)
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ReportError(
            f"报告数据的「{_VERSION_KEY}」为 {version!r}，"
            f"本版本的 pinggu 只能读取版本 {FORMAT_VERSION} 的报告数据"
        )
    fields = {k: v for k, v in data.items() if k != _VERSION_KEY}
    result = _decode_dataclass(fields, Evaluation, "")
    assert isinstance(result, Evaluation)
    return result


# ---------------------------------------------------------------------------------------------
# Writing


def _encode(value: object) -> Any:
    if isinstance(value, Month):  # before dataclasses: a month is one too, written as YYYY-MM
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, StrEnum):  # before str: an enum is a string too
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"cannot serialise {value!r}")  # a model type this module does not know


# ---------------------------------------------------------------------------------------------
# Reading


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _path(parent: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{parent}[{name}]"
    return f"{parent}.{name}" if parent else name


def _kind(value: object) -> str:
    names = {str: "文字", bool: "是/否", int: "整数", float: "小数", list: "列表", dict: "键值对象"}
    return "空值" if value is None else names.get(type(value), type(value).__name__)


def _refuse(path: str, expected: str, value: object) -> ReportError:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
    return ReportError(f"报告数据中的「{path}」应为{expected}，实为{_kind(value)} {shown}")


def _decode_dataclass(value: object, cls: type, path: str) -> object:
    if not isinstance(value, dict):
        raise _refuse(path or "（顶层）", "键值对象", value)
    hints, known = _hints(cls), {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(str(k) for k in value if k not in known)
    if unknown:
        raise ReportError(f"报告数据中的「{_path(path, unknown[0])}」是未知的键")
    arguments = {}
    for name, field in known.items():
        if name in value:
            arguments[name] = _decode(value[name], hints[name], _path(path, name))
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ReportError(f"报告数据缺少「{_path(path, name)}」")
    try:
        return cls(**arguments)
    except ValueError as exc:  # an invariant of the model, such as 持证 against its level
        raise ReportError(f"报告数据中的「{path or '（顶层）'}」自相矛盾：{exc}") from exc


def _decode(value: object, hint: Any, path: str) -> object:
    origin = get_origin(hint)
    args = get_args(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:  # the model only has X | None
            raise TypeError(f"{path}: no reader for {hint!r}")
        return None if value is None else _decode(value, options[0], path)
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:  # the model only has tuple[X, ...]
            raise TypeError(f"{path}: no reader for {hint!r}")
        if not isinstance(value, list):
            raise _refuse(path, "列表", value)
        return tuple(_decode(v, args[0], _path(path, i)) for i, v in enumerate(value))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and hint is not Month:
        return _decode_dataclass(value, hint, path)
    return _scalar(value, hint, path)


def _scalar(value: object, hint: Any, path: str) -> object:
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        choices = [member.value for member in hint]
        if value not in choices:
            raise _refuse(path, "以下之一：" + "、".join(choices), value)
        return hint(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise _refuse(path, "true 或 false", value)
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _refuse(path, "整数", value)
        return value
    if hint is str:
        if not isinstance(value, str):
            raise _refuse(path, "文字", value)
        return value
    if not isinstance(value, str):
        raise _refuse(path, _TEXT_FORMS.get(hint, "文字"), value)
    return _parsed(value, hint, path)


_TEXT_FORMS: dict[Any, str] = {
    Decimal: '数字文本（如 "87.81"）',
    date: '日期文本（ISO 格式，如 "2024-05-20"）',
    Month: '月份文本（如 "2024-03"）',
    time: '时间文本（如 "14:30:00"）',
}


def _parsed(text: str, hint: Any, path: str) -> object:
    if hint is Decimal:
        if not _NUMBER.match(text):
            raise _refuse(path, _TEXT_FORMS[Decimal], text)
        return Decimal(text)
    if hint is date:
        day = _iso_date(text)
        if day is None:
            raise _refuse(path, _TEXT_FORMS[date], text)
        return day
    if hint is time:
        at = _iso_time(text)
        if at is None:
            raise _refuse(path, _TEXT_FORMS[time], text)
        return at
    if hint is Month:
        month = Month.parse(text) if _MONTH.match(text) else None
        if month is None:
            raise _refuse(path, _TEXT_FORMS[Month], text)
        return month
    raise TypeError(f"{path}: no reader for {hint!r}")  # a model type this module does not know


def _iso_date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2024-02-30
        return None


def _iso_time(text: str) -> time | None:
    if not _TIME.match(text):
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:  # 25:00:00
        return None
