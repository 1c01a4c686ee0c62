"""An agency's own template: used when valid, refused with the missing field named when not;
an agency's own wording between the blocks comes with its own style file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from report_docs import example_result, read

from pinggu._errors import ReportError, StyleError
from pinggu._report.build import write_docx
from pinggu._report.word import FIELDS, default_template

ROOT = Path(__file__).parent.parent


def _copy_template(target: Path, replace: tuple[str, str] | None = None) -> Path:
    doc = Document(str(default_template()))
    if replace is not None:
        for p in doc.paragraphs:
            if replace[0] in p.text:
                for run in p.runs:
                    run.text = run.text.replace(replace[0], replace[1])
    doc.save(str(target))
    return target


def test_an_edited_template_changes_the_cover_with_either_style(tmp_path: Path) -> None:
    template = _copy_template(tmp_path / "机构模板.docx", ("项目评估方", "评估机构"))
    for style in ("lianhehui", "xiehui"):
        _, files = write_docx(example_result(), tmp_path / style, template, style=style)
        text = read(files.docx).text
        assert "评估机构：广州市瑞祥社会服务评估中心" in text and "项目评估方" not in text
        assert files.audit.ok


def test_an_agency_style_file_changes_the_wording(tmp_path: Path) -> None:
    shipped = ROOT / "pinggu" / "_report" / "styles" / "lianhehui.toml"
    own = tmp_path / "本机构样式.toml"
    own.write_text(
        shipped.read_text("utf-8").replace(
            "评估反馈主要分为两大环节", "本机构的评估反馈分为两个环节"
        ),
        "utf-8",
    )
    _, files = write_docx(example_result(), tmp_path / "out", style=str(own))
    text = read(files.docx).text
    assert "本机构的评估反馈分为两个环节" in text and "评估反馈主要分为两大环节" not in text
    assert files.audit.ok
    with pytest.raises(StyleError, match="找不到样式文件"):
        write_docx(example_result(), tmp_path / "x", style=str(tmp_path / "没有.toml"))


def test_a_template_missing_the_body_or_a_table_is_refused_naming_it(tmp_path: Path) -> None:
    template = _copy_template(tmp_path / "缺附件2.docx", ("{{p attendance_table }}", "（附件2）"))
    with pytest.raises(ReportError, match=r"缺少必需字段：\{\{ attendance_table \}\}（附件2"):
        write_docx(example_result(), tmp_path / "out", template)
    assert not (tmp_path / "out" / "示例街社工服务站末期评估报告.docx").exists()
    template = _copy_template(tmp_path / "缺正文.docx", ("{%p for b in body %}", "（正文）"))
    with pytest.raises(ReportError, match=r"缺少必需字段：\{\{ body \}\}"):
        write_docx(example_result(), tmp_path / "out", template, style="xiehui")
    # A copy of the template from before the structure moved to the style files says so.
    old = _copy_template(tmp_path / "旧模板.docx", ("{%p for b in body %}", "{{ grade }}"))
    with pytest.raises(ReportError, match="正文的结构与措辞现由报告样式文件写出"):
        write_docx(example_result(), tmp_path / "out", old)


def test_a_template_using_an_unknown_field_is_refused(tmp_path: Path) -> None:
    template = _copy_template(
        tmp_path / "拼错.docx", ("{{ cover.evaluator }}", "{{ cover.evaluater }}")
    )
    with pytest.raises(ReportError, match=r"未知字段.*evaluater"):
        write_docx(example_result(), tmp_path / "out", template)


def test_something_that_is_not_a_template_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "模板.docx"
    bogus.write_text("不是 Word 文件", encoding="utf-8")
    with pytest.raises(ReportError, match="无法读取"):
        write_docx(example_result(), tmp_path / "out", bogus)
    with pytest.raises(ReportError, match="找不到报告模板"):
        write_docx(example_result(), tmp_path / "out", tmp_path / "没有这个.docx")


def test_shipped_template_is_what_the_script_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "tools" / "make_report_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.build(tmp_path / "template.docx")

    def body(path: Path) -> str:
        with zipfile.ZipFile(path) as z:
            return z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()

    assert body(fresh) == body(default_template()), (
        "运行 tools/make_report_template.py 更新内置模板"
    )


def test_every_field_is_documented() -> None:
    doc = (ROOT / "docs" / "report-template.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([^`]+)` \| .* \| (是|否) \|$", doc, flags=re.M))
    assert rows == {f.name: "是" if f.required else "否" for f in FIELDS}
