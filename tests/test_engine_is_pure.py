"""The engine is a pure library: no web framework, and a public API that is exactly `__all__`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pinggu

PACKAGE = Path(pinggu.__file__).parent
WEB_PACKAGES = {"web"}  # the Django app of a later issue lives in pinggu/web/


def test_no_engine_module_imports_django() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if WEB_PACKAGES & set(path.relative_to(PACKAGE).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_importing_and_evaluating_loads_no_django() -> None:
    code = (
        "import sys, pinggu\n"
        "from pinggu import load_scheme\n"
        "load_scheme('guangzhou-2023')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_api_is_exactly_all() -> None:
    # dir(): the names imported on first use (pinggu._LAZY) count whether or not used yet
    public = {name for name in dir(pinggu) if not name.startswith("_")}
    # cli is the command line and web the Django app (imported by its tests), not the library
    assert public - {"cli", "web"} == set(pinggu.__all__)
    for name in pinggu.__all__:
        assert getattr(pinggu, name).__doc__, f"{name} has no docstring"
    assert pinggu.__all__ == sorted(pinggu.__all__)
