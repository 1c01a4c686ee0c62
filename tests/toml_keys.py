"""The dotted key paths of a parsed TOML document, for the tests that every setting is documented."""

from __future__ import annotations

from typing import Any


def toml_keys(value: Any, prefix: str = "") -> set[str]:
    """`survey.items`, `parties[].dimensions[].name`, …: tables nested, arrays of tables as []."""
    keys: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            path = f"{prefix}.{k}" if prefix else k
            if isinstance(v, dict):
                keys |= toml_keys(v, path)
            elif isinstance(v, list) and v and isinstance(v[0], dict):
                for item in v:
                    keys |= toml_keys(item, f"{path}[]")
            else:
                keys.add(path)
    return keys
