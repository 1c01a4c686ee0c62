"""The report's 「困难群众跟进情况」: in both house styles when the evaluation has service records,
nowhere (not even its heading) when it has none, every figure audited, and the drafts it writes
for 服务质量 and 项目管理."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from report_docs import example_result, read

from pinggu import Result, evaluate
from pinggu._contacts.model import Pattern
from pinggu._model import TOTAL
from pinggu._report.audit import audit_report
from pinggu._report.build import write_docx
from pinggu._report.findings import section_findings

STYLES = {"lianhehui": "1. 困难群众跟进情况", "xiehui": "1.困难群众跟进情况"}
COLUMNS = ["片区", "建档户数", "建档人数", "电访人次", "入户探访人次", "应考核", "达标", "达标率"]


def headings(path: Path) -> list[str]:
    doc = Document(str(path))
    return [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]


@pytest.fixture(scope="module")
def result() -> Result:
    found = example_result()
    assert found.contacts is not None, "the example workbook carries 服务记录"
    return found


@pytest.fixture(scope="module")
def written(result: Result, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("follow_up")
    return {s: write_docx(result, out / s, style=s)[1].docx for s in STYLES}


@pytest.mark.parametrize("style", list(STYLES))
def test_both_styles_print_the_section_with_a_row_per_zone_and_the_total(
    style: str, written: dict[str, Path], result: Result
) -> None:
    assert result.contacts is not None
    assert STYLES[style] in headings(written[style])
    report = read(written[style])
    table = report.table_with(*COLUMNS)
    assert [row[0] for row in table[1:]] == [z.zone for z in result.contacts.zones]
    total = next(z for z in result.contacts.zones if z.zone == TOTAL)
    assert table[-1][2] == str(total.clients) and table[-1][6] == str(total.met)
    # the requirement is said to be the scheme's, and an example a district replaces
    assert "按评估方案" in report.text and "由各区按本区的规定替换" in report.text
    assert "一级每周至少联系1次、每月至少入户探访1次" in report.text
    assert audit_report(written[style]).ok


@pytest.mark.parametrize("style", list(STYLES))
def test_without_records_there_is_no_section_and_no_heading(
    style: str, result: Result, tmp_path: Path
) -> None:
    bare = evaluate(replace(result.evaluation, contacts=None), result.scheme)
    docx = write_docx(bare, tmp_path, style=style)[1].docx
    report = read(docx)
    assert "困难群众跟进" not in report.text and "跟进情况" not in "".join(headings(docx))
    assert not report.tables_with("入户探访人次") or all(
        "达标率" not in t[0] for t in report.tables_with("入户探访人次")
    )
    # the findings after it keep their numbers
    assert ("1. 值得肯定的地方" if style == "lianhehui" else "1.值得肯定的地方") in headings(docx)


def _plant(source: Path, target: Path, row: int, column: int, text: str) -> tuple[str, Path]:
    doc = Document(str(source))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:8] == COLUMNS)
    cell = table.rows[row].cells[column]
    was = cell.text
    runs = cell.paragraphs[0].runs
    runs[0].text = text
    for extra in runs[1:]:
        extra.text = ""
    doc.save(str(target))
    return was, target


def test_the_audit_catches_a_visit_count_changed_in_a_zone_row(
    written: dict[str, Path], tmp_path: Path
) -> None:
    source = written["lianhehui"]
    first = Document(str(source))
    table = next(t for t in first.tables if [c.text for c in t.rows[0].cells][:8] == COLUMNS)
    planted = str(int(table.rows[1].cells[4].text) + 1)
    was, bad = _plant(source, tmp_path / "入户探访.docx", 1, 4, planted)
    details = [c.detail for c in audit_report(bad).failures]
    assert any(d.startswith(f"印为 {planted}，按源数据应为 {was}") for d in details), details
    # and the 合计 no longer adds up
    assert any("项之和" in d for d in details), details


def test_the_audit_catches_a_total_share_that_is_not_met_over_judged(
    written: dict[str, Path], tmp_path: Path
) -> None:
    was, bad = _plant(written["xiehui"], tmp_path / "达标率.docx", -1, 7, "99.99%")
    failures = audit_report(bad).failures
    assert any(f"印为 99.99%，按源数据应为 {was}" in c.detail for c in failures)
    assert any("达标" in c.detail and "÷ 应考核" in c.detail for c in failures)


def test_a_zone_short_of_its_grades_gets_a_concern_and_a_zone_that_met_them_a_strength(
    result: Result,
) -> None:
    assert result.contacts is not None
    quality = section_findings(result)["服务质量"]
    drafts = {
        z.zone: [(i, kind) for kind in ("strengths", "concerns") for i in getattr(z, kind)]
        for z in quality.zones
    }
    for zone in result.contacts.zones:
        if zone.zone == TOTAL or not zone.judged:
            continue
        written = [(str(i.text), kind) for i, kind in drafts[zone.zone] if i.rule == "follow_up"]
        assert len(written) == 1
        text, kind = written[0]
        assert text.startswith(f"{zone.zone}建档困难群众和特殊群体{zone.clients}人")
        if zone.met < zone.judged:
            assert kind == "concerns" and "仅联系约" in text and "未达到要求" in text
            assert f"建议{zone.zone}社工按服务对象的分级制定跟进计划" in text
        else:
            assert kind == "strengths" and "均按分级要求得到跟进" in text
    all_met = replace(
        result.contacts,
        zones=tuple(replace(z, met=z.judged) for z in result.contacts.zones),
    )
    strengths = section_findings(replace(result, contacts=all_met))["服务质量"].zones[0].strengths
    assert any(i.rule == "follow_up" and "均按分级要求得到跟进" in str(i.text) for i in strengths)


def test_records_typed_wrongly_make_a_concern_for_project_management(result: Result) -> None:
    assert result.contacts is not None
    greeting = Pattern("message_as_phone", "记为电访的微信问候", client="C1", worker="SG01")
    busy = Pattern("busy_worker_day", "单日联系过多", worker="SG01")
    marked = replace(result.contacts, patterns=(greeting, greeting, busy))
    concerns = section_findings(replace(result, contacts=marked))["项目管理"].concerns
    (draft,) = [i for i in concerns if i.rule == "contact_records"]
    text = str(draft.text)
    assert "有2条以微信或短信发出的问候被记为电访" in text
    assert "1个社工日的联系超过" in text and "时长不足" not in text
    assert draft.rule_name == "服务记录"
    clean = replace(result.contacts, patterns=())
    strengths = section_findings(replace(result, contacts=clean))["项目管理"].strengths
    assert any(i.rule == "contact_records" and "记录较为规范" in str(i.text) for i in strengths)
