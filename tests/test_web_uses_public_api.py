"""The web app uses the engine only through its public API (`pinggu.__all__`): a private
engine module (`pinggu._x`) may change at any time, and a web module importing it would break
with it."""

from __future__ import annotations

import ast
from pathlib import Path

import pinggu

WEB = Path(pinggu.__file__).parent / "web"


def module_name(path: Path) -> str:
    parts = path.relative_to(WEB.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def imports_in(tree: ast.AST, package: str) -> list[str]:
    """Every module (and, for `from m import x`, every `m.x`) imported anywhere in `tree` (at
    module level or inside a function), relative imports resolved against `package`."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names += [base, *(f"{base}.{a.name}" for a in node.names)]
    return names


def imported(path: Path) -> list[str]:
    return imports_in(ast.parse(path.read_text(encoding="utf-8")), package_of(path))


def private(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "pinggu" and len(parts) > 1 and parts[1].startswith("_")


def test_no_web_module_imports_a_private_engine_module() -> None:
    offenders = sorted(
        f"{path.relative_to(WEB)}: {name}"
        for path in WEB.rglob("*.py")
        for name in imported(path)
        if private(name)
    )
    assert offenders == [], "import these names from `pinggu` (add them to pinggu.__all__)"


def test_every_name_the_web_app_takes_from_pinggu_is_public() -> None:
    taken = {
        name.split(".")[1]
        for path in WEB.rglob("*.py")
        for name in imported(path)
        if name.startswith("pinggu.") and name.count(".") == 1 and name != "pinggu.web"
    }
    assert taken - set(pinggu.__all__) == set()


def test_the_check_resolves_relative_imports_and_knows_a_private_module() -> None:
    assert "pinggu.web.audit" in imported(WEB / "survey" / "draw.py")  # `from .. import audit`
    assert private("pinggu._workbook.reader") and private("pinggu._model")
    assert not private("pinggu") and not private("pinggu.web.models")
