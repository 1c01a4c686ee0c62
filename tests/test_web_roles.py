"""One table of who may do what (pinggu/web/roles.py): documented in docs/roles.md, consistent
with the scheme and the workflow, and the only place a role set is written down."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pinggu import load_scheme, load_workflow
from pinggu.web import roles
from pinggu.web.models import Role

ROOT = Path(__file__).parent.parent
WEB = ROOT / "pinggu" / "web"
DOC = ROOT / "docs" / "roles.md"
ROW = re.compile(r"^\| `([^`]+)` \| ([^|]*) \| ([^|]*) \|$")
# Modules that may name several roles together: the table itself, the visibility rule (which
# rounds each role sees at all: a scope per role, not a permission), the models that define
# the roles, and the demo, which creates memberships.
MAY_NAME_ROLES = {"roles.py", "access.py", "models", "demo", "migrations"}


def documented() -> dict[str, tuple[set[str], str]]:
    """The rows of the docs' table of actions (the section 操作): roles by name, description."""
    text = DOC.read_text(encoding="utf-8").split("## 操作", 1)[1]
    rows = {}
    for line in text.splitlines():
        if m := ROW.match(line):
            rows[m[1]] = ({r.strip() for r in m[2].split("、")}, m[3].strip())
    return rows


def test_every_action_is_documented_with_its_roles_and_description() -> None:
    rows = documented()
    problems = []
    for name, action in roles.ACTIONS.items():
        labels = {Role(r).label for r in action.roles}
        if name not in rows:
            problems.append(f"{name}: missing from docs/roles.md")
        elif rows[name] != (labels, action.description):
            problems.append(f"{name}: docs/roles.md says {rows[name]}, roles.py {labels}")
    stale = sorted(set(rows) - set(roles.ACTIONS))
    assert problems == [] and stale == [], (problems, stale)


def test_every_action_names_known_roles_and_a_chinese_description() -> None:
    for name, action in roles.ACTIONS.items():
        assert action.roles and action.roles <= set(Role.values), name
        assert re.search(r"[\u4e00-\u9fff]", action.description), name


def test_the_table_covers_every_party_step_and_own_section_of_the_scheme() -> None:
    scheme = load_scheme("guangzhou-2023")
    parties = {p.id for p in scheme.parties}
    assert {a.split(":", 1)[1] for a in roles.prefixed("score:")} == parties
    sections = {s.name for s in scheme.sections}
    assert {a.split(":", 1)[1] for a in roles.prefixed("write_findings:")} <= sections
    steps = {s.id for s in load_workflow().steps} - {"plan"}  # creating the round plans it
    assert {a.split(":", 1)[1] for a in roles.prefixed("complete_step:")} == steps


def test_it_refuses_an_action_missing_from_the_table_loudly() -> None:
    with pytest.raises(KeyError):
        roles.can({Role.COORDINATOR}, "no_such_action")


def test_it_gives_each_scoring_role_its_own_party() -> None:
    assert roles.party_of({Role.EXPERT}) == "third_party"
    assert roles.party_of({Role.PURCHASER}) == "purchaser"
    assert roles.party_of({Role.STATION, Role.CITY}) is None


def _role_literals(tree: ast.AST) -> list[int]:
    """Lines of collection literals (set, list, tuple, dict keys) naming a role: Role.X or the
    role's id as a string."""
    found = []
    for node in ast.walk(tree):
        elements: list[ast.expr | None] = []
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            elements = list(node.elts)
        elif isinstance(node, ast.Dict):
            elements = list(node.keys)
        for e in elements:
            named = (
                isinstance(e, ast.Attribute)
                and isinstance(e.value, ast.Name)
                and e.value.id == "Role"
            ) or (isinstance(e, ast.Constant) and e.value in Role.values)
            if named:
                found.append(node.lineno)
                break
    return found


def test_no_module_but_the_table_writes_down_a_set_of_roles() -> None:
    offenders = []
    for path in sorted(WEB.rglob("*.py")):
        if MAY_NAME_ROLES & set(path.relative_to(WEB).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(ROOT)}:{line}" for line in _role_literals(tree)]
    assert offenders == [], "role sets belong in pinggu/web/roles.py"


def test_no_template_checks_a_role_by_name() -> None:
    pattern = re.compile(r"\.role\s*==|role\s+in\s")
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((WEB / "templates").rglob("*.html"))
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "templates ask roles.py (the `may` filter), not a role name"


def test_the_literal_check_would_catch_a_role_set() -> None:
    tree = ast.parse('ROLES = {Role.COORDINATOR, Role.EXPERT}\nOTHER = ("station", "city")\n')
    assert _role_literals(tree) == [1, 2]
