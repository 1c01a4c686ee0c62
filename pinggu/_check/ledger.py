"""What a check found: the relations it checked, the problems, and the figures it left unchecked.

A rule either pairs a printed figure with the printed figures it is computed from and records
the relation (holds or not), or leaves it alone; `Ledger` keeps the count, and remembers which
percentages a rule has claimed, so that every percentage no rule could pair is listed as
unchecked — never as wrong (docs/check-rules.md, 「不核对的数字」).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Place
from .rules import Rules

__all__ = ["Ledger", "Problem", "Unchecked"]


@dataclass(frozen=True)
class Problem:
    rule: str
    location: str
    printed: str
    expected: str
    context: str
    message: str  # a sentence a bureau officer can forward to the agency


@dataclass(frozen=True)
class Unchecked:
    figure: str
    location: str
    context: str
    reason: str


@dataclass
class Ledger:
    rules: Rules
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    unchecked: list[Unchecked] = field(default_factory=list)
    claimed: set[tuple[Place, int]] = field(default_factory=set)  # (where, offset in its text)

    def claim(self, where: Place, offset: int = 0) -> None:
        self.claimed.add((where, offset))

    def record(
        self,
        rule: str,
        ok: bool,
        where: Place,
        printed: str,
        expected: str,
        context: str,
        why: str,
    ) -> None:
        """One relation checked; when it does not hold, the located problem and its message."""
        self.checked += 1
        if ok:
            return
        location = where.describe()
        advice = self.rules.rules[rule].advice
        message = f"{location}「{context}」印出 {printed}，按报告自己的数字应为 {expected}：{why}。{advice}"
        self.problems.append(Problem(rule, location, printed, expected, context, message))

    def leave(self, figure: str, where: Place, context: str, reason: str) -> None:
        self.unchecked.append(Unchecked(figure, where.describe(), context, reason))
