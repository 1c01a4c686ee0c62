"""The audit catches what the seeds got wrong: a 合计 that adds percentages, a total off by 1.00."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from report_docs import write_example

from pinggu._errors import ReportError
from pinggu._model import TOTAL
from pinggu._report.audit import audit_report, check_list
from pinggu.cli import main


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_example(tmp_path_factory.mktemp("audit"))[1]


def _edit(source: Path, target: Path, change: object) -> Path:
    doc = Document(str(source))
    change(doc)  # type: ignore[operator]
    doc.save(str(target))
    return target


def _set(cell: object, text: str) -> None:
    runs = cell.paragraphs[0].runs  # type: ignore[attr-defined]
    runs[0].text = text
    for extra in runs[1:]:
        extra.text = ""


def test_the_generated_report_passes(clean_report: Path) -> None:
    result = audit_report(clean_report)
    assert result.ok
    assert "结论：通过" in check_list(result)


def test_a_total_percentage_replaced_by_the_sum_of_zone_percentages_fails(
    clean_report: Path, tmp_path: Path
) -> None:
    planted: dict[str, str] = {}

    def plant(doc: object) -> None:
        table = next(t for t in doc.tables if "协议量" in [c.text for c in t.rows[1].cells])  # type: ignore[attr-defined]
        rows = [[c for c in r.cells] for r in table.rows]
        zone_pcts = [Decimal(r[3].text.rstrip("%")) for r in rows[2:] if r[0].text != TOTAL]
        total_row = next(r for r in rows if r[0].text == TOTAL)
        planted["was"] = total_row[3].text
        planted["now"] = f"{sum(zone_pcts, Decimal(0))}%"
        _set(total_row[3], planted["now"])

    bad = _edit(clean_report, tmp_path / "合计错误.docx", plant)
    result = audit_report(bad)
    assert not result.ok
    messages = [f"{c.what}：{c.detail}" for c in result.failures]
    assert any(f"印为 {planted['now']}，按源数据应为 {planted['was']}" in m for m in messages)
    assert any(
        TOTAL in m and "百分比" in m and "÷" in m for m in messages
    )  # its own 完成量 ÷ 协议量


def _replace_in_score_table(doc: object, row: int, old: str, new: str) -> None:
    table = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells[:2]] == ["评估内容", "标准分"]
    )  # type: ignore[attr-defined]
    for run in table.rows[row].cells[0].paragraphs[0].runs:
        run.text = run.text.replace(old, new)


def test_a_score_total_off_by_one_fails(clean_report: Path, tmp_path: Path) -> None:
    def plant(doc: object) -> None:
        _replace_in_score_table(doc, -1, "87.81", "88.81")

    bad = _edit(clean_report, tmp_path / "总分错误.docx", plant)
    result = audit_report(bad)
    details = [c.detail for c in result.failures]
    assert (
        "印为 88.81，按源数据应为 87.81（87.81 = 各评估方得分之和（第三方评估机构 = 45.81，购买方 = 19.5，督导中心 = 14，监督方 = 8.5））"
        in details
    )
    # the four parties' lines as printed: the third party's subtotal and the other three
    assert "印为 88.81，但 45.81 + 19.50 + 14.00 + 8.50（4 项之和） = 87.81" in details


def test_a_third_party_subtotal_off_by_one_fails(clean_report: Path, tmp_path: Path) -> None:
    def plant(doc: object) -> None:
        _replace_in_score_table(doc, -5, "45.81", "46.81")

    details = [
        c.detail for c in audit_report(_edit(clean_report, tmp_path / "小计.docx", plant)).failures
    ]
    assert "印为 46.81，但 9.50 + 12.20 + 8.76 + 15.35（4 项之和） = 45.81" in details


def test_a_changed_number_in_a_sentence_is_caught(clean_report: Path, tmp_path: Path) -> None:
    def plant(doc: object) -> None:
        for p in doc.paragraphs:  # type: ignore[attr-defined]
            for run in p.runs:
                if "113.15%" in run.text:
                    run.text = run.text.replace("113.15%", "131.15%")

    result = audit_report(_edit(clean_report, tmp_path / "正文错误.docx", plant))
    assert any("印为 131.15%" in c.detail for c in result.failures)


def test_a_number_typed_into_a_new_paragraph_is_listed_as_unchecked(
    clean_report: Path, tmp_path: Path
) -> None:
    def plant(doc: object) -> None:
        doc.add_paragraph("另：社工站链接资源折算 7 万余元。")  # type: ignore[attr-defined]

    result = audit_report(_edit(clean_report, tmp_path / "加段.docx", plant))
    assert result.ok
    assert result.unchecked == ("另：社工站链接资源折算 7 万余元。",)
    assert "未核对" in check_list(result)


def test_audit_command_exits_non_zero_on_a_mismatch(
    clean_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(clean_report)]) == 0
    assert "结论：通过" in capsys.readouterr().out

    def plant(doc: object) -> None:
        table = next(
            t for t in doc.tables if [c.text for c in t.rows[0].cells[:2]] == ["评估内容", "标准分"]
        )  # type: ignore[attr-defined]
        _set(table.rows[1].cells[2], "9.60")

    bad = _edit(clean_report, tmp_path / "评分错误.docx", plant)
    assert main(["audit", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "✗" in out and "结论：不通过" in out


def test_a_document_pinggu_did_not_write_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "手写报告.docx"
    doc = Document()
    doc.add_paragraph("总分 87.39")
    doc.save(str(path))
    with pytest.raises(ReportError, match="没有 pinggu 的核对数据"):
        audit_report(path)
    not_docx = tmp_path / "报告.docx"
    not_docx.write_text("不是 Word 文件", encoding="utf-8")
    with pytest.raises(ReportError, match="无法打开"):
        audit_report(not_docx)
