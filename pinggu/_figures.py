"""Figures that can say how they were computed.

Every number the engine returns is a `Figure`: its shown value plus the formula and the
inputs that produced it. The report prints the value; the audit and the web app's "how was
this computed" read the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ._numbers import plain, with_unit


@dataclass(frozen=True)
class Figure:
    value: Decimal
    formula: str
    inputs: Mapping[str, Decimal] = field(default_factory=dict)
    unit: str = ""

    def explain(self) -> str:
        """'123.39 = 完成量 / 协议量 × 100（完成量 = 2221，协议量 = 1800）'."""
        text = f"{with_unit(self.value, self.unit)} = {self.formula}"
        if self.inputs:
            given = "，".join(f"{name} = {plain(v)}" for name, v in self.inputs.items())
            text += f"（{given}）"
        return text
