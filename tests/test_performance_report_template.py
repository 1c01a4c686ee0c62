"""The performance report's template: the shipped copy is what the script writes, an agency's
own copy is used, one lacking a required field is refused naming it, and every field is
documented in docs/performance.md."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from performance_docs import performance_result
from report_docs import read

from pinggu import ReportError
from pinggu._report.performance.build import write_performance_docx
from pinggu._report.performance.word import FIELDS, default_performance_template

ROOT = Path(__file__).parent.parent


def _copy(target: Path, old: str, new: str) -> Path:
    doc = Document(str(default_performance_template()))
    found = False
    for p in doc.paragraphs:
        if old in p.text:
            found = True
            for run in p.runs:
                run.text = run.text.replace(old, new)
    assert found, old
    doc.save(str(target))
    return target


def test_an_agencys_own_template_is_used(tmp_path: Path) -> None:
    template = _copy(tmp_path / "街道模板.docx", "附件", "附件：绩效自评表")
    _, files = write_performance_docx(performance_result(), tmp_path / "out", template)
    assert "附件：绩效自评表" in read(files.docx).paragraphs
    assert files.audit.ok


def test_a_template_without_the_form_is_refused_naming_it(tmp_path: Path) -> None:
    template = _copy(tmp_path / "缺自评表.docx", "{{p form }}", "（自评表）")
    with pytest.raises(
        ReportError, match=r"缺少必需字段：\{\{ form \}\}（附件：项目支出绩效自评表"
    ):
        write_performance_docx(performance_result(), tmp_path / "out", template)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_shipped_template_is_what_the_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "tools" / "make_report_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.build_performance(tmp_path / "template.docx")

    def body(path: Path) -> str:
        with zipfile.ZipFile(path) as z:
            return z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()

    assert body(fresh) == body(default_performance_template()), (
        "运行 tools/make_report_template.py 更新内置模板"
    )


def test_every_field_is_documented() -> None:
    doc = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 绩效评价报告") :]
    rows = dict(re.findall(r"^\| `([^`]+)` \| .* \| (是|否) \|$", section, flags=re.M))
    assert rows == {f.name: "是" if f.required else "否" for f in FIELDS}
