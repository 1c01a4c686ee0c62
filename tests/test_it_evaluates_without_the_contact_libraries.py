"""DuckDB and pyarrow serve only the follow-up rules (docs/contacts.md): `import pinggu` and
`pinggu evaluate` on a workbook without 服务记录 load neither; judging contacts loads both.
A behavioural guard like tests/test_it_starts_without_the_report_libraries.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
from report_docs import EXAMPLE

CONTACT_LIBRARIES = ("duckdb", "pyarrow")


def loaded_after(code: str) -> list[str]:
    script = (
        f"{code}\n"
        "import json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}}"
        f" & set({CONTACT_LIBRARIES!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_import_and_evaluate_load_neither_duckdb_nor_pyarrow(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(EXAMPLE)
    for name in ("服务对象名册", "服务记录", "分级变更"):
        del book[name]
    workbook = tmp_path / "没有服务记录.xlsx"
    book.save(workbook)
    code = (
        "import contextlib, io\n"
        "import pinggu\n"
        "from pinggu.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['evaluate', {str(workbook)!r}, '--json']) == 0\n"
    )
    assert loaded_after(code) == []


def test_judging_contacts_loads_them() -> None:
    code = (
        "from datetime import date\n"
        "from pinggu import follow_up, load_scheme\n"
        "from pinggu._contacts.model import ContactClient, ContactData\n"
        "data = ContactData((ContactClient('C1', 'H1', '一片区', '甲社区', 3, None),))\n"
        "schedule = load_scheme('guangzhou-2023').contacts\n"
        "follow_up(data, schedule, date(2023, 1, 1), date(2023, 3, 31))\n"
    )
    assert loaded_after(code) == ["duckdb", "pyarrow"]
