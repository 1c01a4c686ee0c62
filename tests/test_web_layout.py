"""The web app's layout holds: one writer of the audit log, and modules that import each other
without a circle (so no import hides inside a function to break one)."""

from __future__ import annotations

import ast
from pathlib import Path

from test_web_uses_public_api import WEB, imports_in, module_name, package_of

# commands.py sets Django up only when a web command runs (the engine's CLI must not load
# Django); a migration's function imports what it needs when the migration runs.
LATE_IMPORTS_ALLOWED = {"commands.py", "migrations"}


def _web_modules() -> dict[str, Path]:
    return {module_name(p): p for p in WEB.rglob("*.py") if "migrations" not in p.parts}


def test_no_module_but_audit_writes_an_audit_entry() -> None:
    offenders = []
    for path in WEB.rglob("*.py"):
        if path == WEB / "audit.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = ast.unparse(node) if isinstance(node, ast.Call) else ""
            if text.startswith(("AuditEntry(", "AuditEntry.objects.")) and ".filter" not in text:
                offenders.append(f"{path.relative_to(WEB)}:{node.lineno}")
    assert offenders == [], "write audit entries with pinggu.web.audit.record"


def _graph() -> dict[str, set[str]]:
    """Each web module's module-level imports of other web modules."""
    modules = _web_modules()
    graph = {}
    for name, path in modules.items():
        top = ast.parse(path.read_text(encoding="utf-8")).body
        statements = [n for n in top if isinstance(n, ast.Import | ast.ImportFrom)]
        found = imports_in(ast.Module(body=statements, type_ignores=[]), package_of(path))
        graph[name] = {n for n in found if n in modules and n != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_web_modules_import_each_other_without_a_circle() -> None:
    assert _cycle(_graph()) == []


def test_the_circle_check_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_import_hides_inside_a_function() -> None:
    offenders = []
    for path in WEB.rglob("*.py"):
        if LATE_IMPORTS_ALLOWED & set(path.relative_to(WEB).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
                offenders += [f"{path.relative_to(WEB)}:{n.lineno}" for n in inner]
    assert offenders == []
