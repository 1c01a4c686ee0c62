"""The performance report audits itself like the evaluation report: `pinggu audit` recognises
it, passes it as written, and catches a figure edited in the .docx's XML afterwards."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from performance_docs import performance_result

from pinggu._report.audit import audit_report, check_list
from pinggu._report.performance.build import write_performance_docx
from pinggu.cli import main


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, files = write_performance_docx(performance_result(), tmp_path_factory.mktemp("核对"))
    return files.docx


def _planted(source: Path, target: Path, old: str, new: str) -> Path:
    """A copy of the report with one figure changed in word/document.xml, as an editor would."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1, f"{old} 应只出现一次"
                data = xml.replace(old, new).encode("utf-8")
            out.writestr(item, data)
    return target


def test_the_written_report_passes_and_the_command_says_so(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = audit_report(clean)
    assert result.ok and len(result.checks) > 100
    places = {c.where for c in result.checks}
    assert any("项目资金来源及使用情况" in p for p in places)
    assert any(p.startswith("附件") for p in places)
    assert main(["audit", str(clean)]) == 0
    assert "结论：通过" in capsys.readouterr().out


def test_a_score_edited_in_the_form_is_caught(clean: Path, tmp_path: Path) -> None:
    bad = _planted(clean, tmp_path / "得分.docx", ">8.56<", ">8.65<")
    result = audit_report(bad)
    details = [f"{c.what}：{c.detail}" for c in result.failures]
    assert any("指标2 得分：印为 8.65，按源数据应为 8.56" in d for d in details), details


def test_a_subtotal_edited_in_the_form_is_caught_against_its_parts(
    clean: Path, tmp_path: Path
) -> None:
    bad = _planted(clean, tmp_path / "小计.docx", ">48.14<", ">49.14<")
    details = [f"{c.what}：{c.detail}" for c in audit_report(bad).failures]
    assert any("产出指标 得分：印为 49.14，按源数据应为 48.14" in d for d in details), details
    # the six scores printed above it: 10 + 8.56 + 10 + 10 + 5 + 4.58
    assert (
        "自评表 产出指标 得分：印为 49.14，但 10.00 + 8.56 + 10.00 + 10.00 + 5.00 + 4.58（6 项之和） = 48.14"
        in details
    ), details


def test_the_execution_rate_edited_in_the_money_sentence_is_caught(
    clean: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _planted(clean, tmp_path / "执行率.docx", "完成预算的96.16%", "完成预算的100%")
    result = audit_report(bad)
    assert not result.ok
    details = [c.detail for c in result.failures]
    assert (
        "印为 100%，按源数据应为 96.16%（96.16% = 全年执行数 ÷ 全年预算数 × 100%（全年执行数 = 2336748.5，全年预算数 = 2430000））"
        in details
    )
    assert any("233.67485 ÷ " in d and "243" in d for d in details)  # its printed parts
    assert main(["audit", str(bad)]) == 1
    assert "结论：不通过" in capsys.readouterr().out


def test_an_amount_edited_in_the_form_is_caught(clean: Path, tmp_path: Path) -> None:
    bad = _planted(clean, tmp_path / "金额.docx", ">233.67485<", ">233.67<")
    details = [c.detail for c in audit_report(bad).failures]
    assert any("印为 233.67，按源数据应为 233.67485" in d for d in details), details
    assert check_list(audit_report(bad)).endswith("项不符。")
