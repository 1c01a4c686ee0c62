"""The report's 档案抽查 (docs/onsite.md): the sentences, 附件3 and the drafts, each count a
marked figure the self-audit checks, nothing printed without checks, and no expert's note in the
embedded data."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from report_docs import example_result, read

from pinggu import Result, audit_report, evaluate
from pinggu._report.audit import registry
from pinggu._report.build import write_docx
from pinggu._report.content import build_content
from pinggu._report.embed import read_payload
from pinggu._report.findings import section_findings


@pytest.fixture(scope="module")
def result() -> Result:
    return example_result()


def test_every_printed_count_is_a_registered_figure(result: Result) -> None:
    content = build_content(result)
    figures = registry(content)
    spot = result.spot_checks
    assert spot is not None
    cases = spot.types[0]
    assert figures["档案抽查·个案·清单份数"].text == str(cases.listed)
    assert figures["档案抽查·个案·抽查份数"].text == str(cases.checked)
    signature = cases.items[0]
    assert figures["档案抽查·个案·知情同意书签名"].text == str(len(signature.failing))
    lead = "".join(str(t) for t in content.spot_checks)
    assert cases.sentence in lead
    table = content.spot_check_table
    assert table is not None
    assert [str(c.value) for c in table.rows[0] if c is not None] == [
        "类型", "清单份数", "抽查份数", "不符合的检查项", "份数", "档案编号",
    ]  # fmt: skip


def test_drafts_go_to_their_sections_with_the_files(result: Result) -> None:
    sections = section_findings(result)
    management = [str(i.text) for i in sections["项目管理"].concerns if i.rule == "spot_checks"]
    assert len(management) == 1 and "督导记录中缺少每次的督导目标（" in management[0]
    zones = {z.zone: z for z in sections["服务质量"].zones}
    first = [str(i.text) for i in zones["第一片区"].concerns if i.rule == "spot_checks"]
    assert first and first[0].startswith("抽查个案档案 5 份，其中 2 份知情同意书缺少签名（")
    assert all(
        i.rule_name == "档案抽查" for i in sections["项目管理"].concerns if i.rule == "spot_checks"
    )


def test_without_checks_nothing_is_printed(result: Result) -> None:
    onsite = result.evaluation.onsite
    assert onsite is not None
    bare = evaluate(replace(result.evaluation, onsite=replace(onsite, checks=())), result.scheme)
    content = build_content(bare)
    assert content.spot_checks == () and content.spot_check_table is None
    assert not any(k.startswith("档案抽查") for k in registry(content))


def test_the_report_audits_and_carries_no_note(result: Result, tmp_path: Path) -> None:
    docx = write_docx(result, tmp_path)[1].docx
    report = read(docx)
    assert "附件3" in report.paragraphs and "3.广州市示例街社工站档案抽查情况" in report.text
    table = report.table_with("不符合的检查项", "档案编号")
    assert table[1][:5] == ["个案", "87", "15", "知情同意书签名", "3"]
    assert audit_report(docx).ok
    embedded = json.dumps(read_payload(docx)["evaluation"], ensure_ascii=False)
    assert "同意书未见服务对象签名" not in embedded  # the expert's note
    assert "GA1025" in embedded  # the lists and the marks themselves are kept


def test_the_audit_catches_a_count_changed_in_the_annex(result: Result, tmp_path: Path) -> None:
    source = write_docx(result, tmp_path)[1].docx
    doc = Document(str(source))
    table = next(t for t in doc.tables if t.rows[0].cells[3].text == "不符合的检查项")
    cell = table.rows[1].cells[4]  # 个案: 知情同意书签名's 份数, 3
    runs = cell.paragraphs[0].runs
    runs[0].text = "2"
    for extra in runs[1:]:
        extra.text = ""
    planted = tmp_path / "改动.docx"
    doc.save(str(planted))
    details = [c.detail for c in audit_report(planted).failures]
    assert any(d.startswith("印为 2，按源数据应为 3") for d in details), details
