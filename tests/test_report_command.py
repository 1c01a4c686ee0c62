"""`pinggu report` as a user runs it: a report from a good workbook, nothing from a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_docs import EXAMPLE, example_result

from pinggu._errors import ReportError
from pinggu._report import build
from pinggu._report.audit import AuditResult, Check
from pinggu.cli import main


def test_report_writes_the_docx_and_charts_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path), "--no-pdf"]) == 0
    out = capsys.readouterr().out
    docx = tmp_path / "示例街社工服务站末期评估报告.docx"
    assert docx.exists() and str(docx) in out
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "示例街社工服务站末期评估报告-图1-指标完成率.png",
        "示例街社工服务站末期评估报告-图2-每月到岗.png",
    ]
    assert "自检通过" in out


def test_a_workbook_with_errors_gets_no_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "空白.xlsx"
    assert main(["template", str(blank)]) == 0
    out = tmp_path / "报告"
    assert main(["report", str(blank), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "未计算任何结果" in err and "工作表「基本信息」" in err
    assert not out.exists()


def test_a_report_failing_its_own_audit_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(path: Path, name: str | None = None) -> AuditResult:
        bad = Check(False, "四、评估等级", "评分 总分", "印为 88.81，按源数据应为 87.81")
        return AuditResult(name or path.name, (bad,), ())

    monkeypatch.setattr(build, "audit_report", failing)
    with pytest.raises(ReportError, match="报告自检未通过，未生成报告") as caught:
        build.write_docx(example_result(), tmp_path)
    assert "印为 88.81，按源数据应为 87.81" in str(caught.value)
    assert list(tmp_path.glob("*.docx")) == []


def test_missing_scores_refuse_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dataclasses import replace

    from pinggu import evaluate, load_scheme

    result = example_result()
    partial = replace(result.evaluation, scores=result.evaluation.scores[:3])
    with pytest.raises(ReportError, match="评分未齐，不能出具评估报告。尚未录入："):
        build.write_docx(evaluate(partial, load_scheme()), tmp_path)
