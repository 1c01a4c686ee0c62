"""`import pinggu`, `pinggu --help`, `pinggu evaluate` and `pinggu audit` load none of the
libraries that only the report and the .xlsx writers use (matplotlib, python-docx, docxtpl,
openpyxl: together about 1.5 s of a 2 s start-up before issue 12 §4). A behavioural guard, not
a timing test: it checks which modules a fresh interpreter has loaded, so a new module-level
import of one of them anywhere on these paths fails here. bench/cli_startup.py measures the
times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from report_docs import EXAMPLE, write_example

HEAVY = ("matplotlib", "docx", "docxtpl", "openpyxl")


def loaded_after(code: str) -> list[str]:
    """The HEAVY top-level packages a fresh interpreter has loaded after running `code`."""
    script = (
        f"{code}\n"
        "import json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_importing_pinggu_and_its_command_line_loads_no_report_library() -> None:
    assert loaded_after("import pinggu, pinggu.cli") == []


def test_help_and_evaluate_load_no_report_library() -> None:
    code = (
        "import contextlib, io\n"
        "from pinggu.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"    assert main(['evaluate', {str(EXAMPLE)!r}]) == 0\n"
        f"    assert main(['evaluate', {str(EXAMPLE)!r}, '--json']) == 0\n"
    )
    assert loaded_after(code) == []


def test_audit_loads_neither_the_charts_nor_the_word_libraries(tmp_path: Path) -> None:
    report = write_example(tmp_path)[1]
    code = (
        "import contextlib, io\n"
        "from pinggu.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['audit', {str(report)!r}]) == 0\n"
    )
    assert loaded_after(code) == []


def test_a_report_name_loads_its_libraries_when_first_used() -> None:
    code = "import pinggu\nassert pinggu.write_report.__module__ == 'pinggu._report.build'"
    assert loaded_after(code) == ["docx", "docxtpl", "matplotlib"]
    assert "openpyxl" in loaded_after("from pinggu import write_cell")


def test_checking_a_text_report_loads_no_report_library(tmp_path: Path) -> None:
    """`pinggu check` imports python-docx only to read a .docx (pinggu/_check/readers.py)."""
    report = tmp_path / "报告.txt"
    report.write_text("社工站共完成电访2221个，完成协议指标量的123.39%。\n", encoding="utf-8")
    code = (
        "import contextlib, io\n"
        "from pinggu.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['check', {str(report)!r}]) == 0\n"
    )
    assert loaded_after(code) == []
