"""The one reader of the rules files (schemes, workflow, categories): TOML into typed values.

Rules are data validated into frozen objects at load (never a raw dict in the engine), and a
fault must say which file, which key and what is wrong, whoever wrote the file. `TomlTable`
wraps one table of a parsed document with typed getters that fail with the key's full path
(`parties[2].dimensions[0].max_points`) through the file's own error class (a `DataFileError`),
and refuses keys nobody read, so a typo never silently drops a rule.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from ._errors import DataFileError

__all__ = ["REQUIRED", "TomlTable", "parse_toml"]

REQUIRED: Any = object()  # a getter's default meaning "the key must be there"
WHOLE_FILE = "（文件）"


def parse_toml(text: str, source: str, error: type[DataFileError]) -> dict[str, Any]:
    """The parsed document; a syntax error is `error(source, "（文件）", ...)`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(source, WHOLE_FILE, f"TOML 格式错误：{exc}") from None


class TomlTable:
    """One TOML table of `source` at key path `path`, read with typed getters."""

    def __init__(
        self, data: Any, path: str, source: str, error: type[DataFileError], docs: str
    ) -> None:
        self.source, self.path, self.error, self.docs = source, path, error, docs
        self.known: set[str] = set()
        if not isinstance(data, dict):
            self.fail("", "应为一个表（[...]）")
        self.data: dict[str, Any] = data

    @classmethod
    def root(cls, doc: Any, source: str, error: type[DataFileError], docs: str) -> TomlTable:
        return cls(doc, "", source, error, docs)

    def fail(self, key: str, message: str) -> NoReturn:
        where = f"{self.path}.{key}" if self.path and key else (self.path or key)
        raise self.error(self.source, where or WHOLE_FILE, message)

    def raw(self, key: str, default: Any = REQUIRED) -> Any:
        """The value as parsed (marked as read); `default` when absent unless REQUIRED."""
        self.known.add(key)
        if key not in self.data:
            if default is REQUIRED:
                self.fail(key, "缺少此项")
            return default
        return self.data[key]

    def text(self, key: str, default: Any = REQUIRED) -> str:
        value = self.raw(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"应为非空文字，实为 {value!r}")
        return value.strip()

    def number(self, key: str, default: Any = REQUIRED, minimum: Decimal | None = None) -> Decimal:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            self.fail(key, f"应为数字，实为 {value!r}")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(key, f"应为数字，实为 {value!r}")
        if minimum is not None and number < minimum:
            self.fail(key, f"不能小于 {minimum}，实为 {value}")
        return number

    def integer(self, key: str, default: Any = REQUIRED, minimum: int = 0) -> int:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"应为不小于 {minimum} 的整数，实为 {value!r}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"应为 true 或 false，实为 {value!r}")
        return value

    def choice(
        self, key: str, choices: tuple[str, ...] | list[str], default: Any = REQUIRED
    ) -> str:
        value = self.text(key, default)
        if value not in choices:
            self.fail(key, f"应为 {'、'.join(choices)} 之一，实为 {value!r}")
        return value

    def texts(self, key: str, default: Any = REQUIRED) -> tuple[str, ...]:
        value = self.raw(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "应为文字列表")
        return tuple(value)

    def table(self, key: str) -> TomlTable:
        return self._child_table(self.raw(key), self._child(key))

    def optional_table(self, key: str) -> TomlTable | None:
        value = self.raw(key, None)
        return None if value is None else self._child_table(value, self._child(key))

    def tables(self, key: str, required: bool = True) -> list[TomlTable]:
        value = self.raw(key, REQUIRED if required else [])
        if not isinstance(value, list) or (required and not value):
            self.fail(key, "应为至少一项的表数组（[[...]]）")
        base = self._child(key)
        return [self._child_table(item, f"{base}[{i}]") for i, item in enumerate(value)]

    def done(self) -> None:
        """Refuse keys nobody reads: a typo must not silently fall back to a default."""
        for key in self.data:
            if key not in self.known:
                self.fail(key, f"未知的设置项（请检查拼写，或参阅 {self.docs}）")

    def _child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _child_table(self, data: Any, path: str) -> TomlTable:
        return TomlTable(data, path, self.source, self.error, self.docs)
