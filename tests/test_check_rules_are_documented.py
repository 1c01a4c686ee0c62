"""Every rule `pinggu check` can report has an entry in its rule table and a section in
docs/check-rules.md, and every key of the rule table is documented there; and the rounding every
rule shares accepts what people print and refuses truncation."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from toml_keys import toml_keys

from pinggu._check import CODE_RULES
from pinggu._check import rules as rules_module
from pinggu._check.rules import holds, load_rules
from pinggu._errors import CheckRulesError

DOC = (Path(__file__).parent.parent / "docs" / "check-rules.md").read_text("utf-8")


def test_every_rule_in_the_code_is_in_the_rule_table_and_documented() -> None:
    table = set(load_rules().rules)
    assert set(CODE_RULES) == table
    documented = set(re.findall(r"^### `(\w+)`$", DOC, flags=re.MULTILINE))
    assert documented == table


def test_every_key_of_the_rule_table_is_documented() -> None:
    text = resources.files("pinggu._check").joinpath("rules.toml").read_text("utf-8")
    for key in toml_keys(tomllib.loads(text)):
        assert f"`{key}`" in DOC, key


def test_a_bad_rule_table_is_refused_with_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def joinpath(self, _name: str) -> Broken:
            return self

        def read_text(self, _encoding: str) -> str:
            return 'count_units = ["个"]\n[[rules]]\nname = "x"\n'

    monkeypatch.setattr(rules_module.resources, "files", lambda _package: Broken())
    load_rules.cache_clear()
    try:
        with pytest.raises(CheckRulesError, match=r"rules\[0\]\.title：缺少此项"):
            load_rules()
    finally:
        load_rules.cache_clear()


@pytest.mark.parametrize(
    ("value", "printed", "places", "ok"),
    [
        ("138.75", "138.7", 1, False),  # truncated (seed 004)
        ("138.75", "138.8", 1, True),
        ("123.3888", "123.39", 2, True),
        ("80.3131", "80", 0, True),
        ("0.125", "0.12", 2, True),  # half to even, as some spreadsheets round
        ("0.125", "0.13", 2, True),  # half up
        ("0.125", "0.11", 2, False),
    ],
)
def test_printed_rounding(value: str, printed: str, places: int, ok: bool) -> None:
    assert holds(Decimal(value), Decimal(printed), places) is ok
