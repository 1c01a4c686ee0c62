"""The rule table of `pinggu check`, and the arithmetic every rule shares.

What a rule is called, what the officer is told to ask for and which units count whole things
are data (pinggu/_check/rules.toml, docs/check-rules.md), validated here into frozen objects.
Whether a printed figure holds is one function for every rule, so that "allowing for the
printed rounding" means the same everywhere: the exact value, rounded to the printed number of
decimals half up (or half to even, as some spreadsheets do), must equal what is printed.
Truncation is not rounding (138.75% printed as 138.7% is wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources

from .._errors import CheckRulesError
from .._scheme import load_scheme
from .._toml import TomlTable, parse_toml

__all__ = [
    "Grade",
    "Rule",
    "Rules",
    "decimals",
    "exact",
    "holds",
    "load_rules",
    "percent",
    "shown",
]

DOCS = "docs/check-rules.md"
SOURCE = "pinggu/_check/rules.toml"


@dataclass(frozen=True)
class Rule:
    name: str
    title: str
    advice: str  # the sentence the officer can forward to the agency


@dataclass(frozen=True)
class Grade:
    name: str
    min: Decimal


@dataclass(frozen=True)
class Rules:
    rules: dict[str, Rule]
    count_units: tuple[str, ...]
    grades: tuple[Grade, ...]  # highest first

    def grade_of(self, score: Decimal) -> str:
        return next(g.name for g in self.grades if score >= g.min)


@cache
def load_rules() -> Rules:
    text = resources.files("pinggu._check").joinpath("rules.toml").read_text("utf-8")
    root = TomlTable.root(parse_toml(text, SOURCE, CheckRulesError), SOURCE, CheckRulesError, DOCS)
    rules: dict[str, Rule] = {}
    for table in root.tables("rules"):
        rule = Rule(table.text("name"), table.text("title"), table.text("advice"))
        table.done()
        if rule.name in rules:
            table.fail("name", f"规则 {rule.name} 重复")
        rules[rule.name] = rule
    units = root.texts("count_units")
    root.done()
    # The grade bands are the city's scheme's (one place: pinggu/schemes/, docs/schemes.md).
    grades = tuple(Grade(g.name, g.min) for g in load_scheme().grades)
    return Rules(rules, units, grades)


def decimals(printed: str) -> int:
    """How many decimals a printed number shows."""
    return len(printed.split(".")[1]) if "." in printed else 0


def holds(value: Decimal, printed: Decimal, places: int) -> bool:
    """Whether `value` printed with `places` decimals, rounded as people round, is `printed`."""
    q = Decimal(1).scaleb(-places)
    return printed in (value.quantize(q, ROUND_HALF_UP), value.quantize(q, ROUND_HALF_EVEN))


def percent(part: Decimal, whole: Decimal) -> Decimal:
    return part * 100 / whole


def shown(value: Decimal, places: int = 2) -> str:
    """A computed value as the report should print it: two decimals, half up."""
    return str(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def exact(value: Decimal) -> str:
    """A computed value in an explanation: up to four decimals, without trailing zeros."""
    text = shown(value, 4)
    return text.rstrip("0").rstrip(".") if "." in text else text
