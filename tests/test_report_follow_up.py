"""The report's 「困难群众跟进情况」: in both house styles when the evaluation has service records,
nowhere (not even its heading) when it has none, every figure audited, and the drafts it writes
for 服务质量 and 项目管理."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from report_docs import example_result, read

from pinggu import Result, evaluate
from pinggu._contacts.model import Pattern
from pinggu._figures import Figure
from pinggu._model import TOTAL
from pinggu._report.audit import audit_report
from pinggu._report.build import write_docx
from pinggu._report.embed import read_payload
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
    # without the spot checks too: their section would otherwise take the number 1
    bare = evaluate(replace(result.evaluation, contacts=None, onsite=None), result.scheme)
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


def test_the_audit_catches_a_visit_count_changed_in_a_zone_row_or_in_the_total(
    written: dict[str, Path], tmp_path: Path
) -> None:
    source = written["lianhehui"]
    first = Document(str(source))
    table = next(t for t in first.tables if [c.text for c in t.rows[0].cells][:8] == COLUMNS)
    for row in (1, -1):
        planted = str(int(table.rows[row].cells[4].text) + 1)
        was, bad = _plant(source, tmp_path / f"入户探访{row}.docx", row, 4, planted)
        details = [c.detail for c in audit_report(bad).failures]
        assert any(d.startswith(f"印为 {planted}，按源数据应为 {was}") for d in details), details
    # the 合计 is checked against the 片区 printed above it
    assert any(d.startswith(f"印为 {planted}，但 ") and "项之和" in d for d in details), details


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
            assert kind == "concerns" and "平均每人每年" in text and "未达到要求" in text
            assert f"建议{zone.zone}社工按服务对象的分级制定跟进计划" in text
        else:
            assert kind == "strengths" and "均按分级要求得到跟进" in text
    all_met = replace(
        result.contacts,
        zones=tuple(replace(z, met=z.judged) for z in result.contacts.zones),
    )
    strengths = section_findings(replace(result, contacts=all_met))["服务质量"].zones[0].strengths
    assert any(i.rule == "follow_up" and "均按分级要求得到跟进" in str(i.text) for i in strengths)


def test_a_zone_averaging_fewer_contacts_than_any_grade_asks_is_said_to_have_only_so_many(
    result: Result,
) -> None:
    assert result.contacts is not None
    few = Figure(Decimal("1.1"), "计入的联系人次 ÷ 建档人数 ÷ 考核期年数")
    zones = tuple(
        replace(z, contacts_per_client_year=few, met=z.judged - 1) for z in result.contacts.zones
    )
    quality = section_findings(replace(result, contacts=replace(result.contacts, zones=zones)))
    concern = next(i for i in quality["服务质量"].zones[0].concerns if i.rule == "follow_up")
    assert "平均每人每年仅联系约1.1次" in str(concern.text)
    # the example's 片区 average more than 四级's 4 a year: no 「仅」
    example = section_findings(result)["服务质量"].zones[0]
    assert all("仅联系" not in str(i.text) for i in (*example.strengths, *example.concerns))


def test_completions_typed_otherwise_than_the_records_count_are_named_with_both_figures(
    result: Result,
) -> None:
    """The example's 指标 agrees with its records but for 第二片区's 电访 (docs/contacts.md)."""
    assert result.contacts is not None
    assert "contact_count_differs" in {w.code for w in result.warnings}
    concerns = section_findings(result)["项目管理"].concerns
    (draft,) = [i for i in concerns if i.rule == "contact_counts"]
    text = str(draft.text)
    calls = {z.zone: z.phone_calls.value for z in result.contacts.zones}
    typed = {r.zone: r.actual for r in result.indicators if r.indicator == "电访"}
    differ = [z for z in calls if z != TOTAL and z in typed and typed[z] != calls[z]]
    assert differ == ["第二片区"]
    assert f"电访（人次）第二片区填报{typed['第二片区']}、服务记录计得{calls['第二片区']}" in text
    assert "第一片区" not in text and "建档" not in text  # what agrees is not named
    assert draft.rule_name == "指标与服务记录"


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


def test_the_embedded_records_keep_of_a_note_only_the_words_a_figure_depends_on(
    result: Result, written: dict[str, Path]
) -> None:
    assert result.evaluation.contacts is not None and result.scheme.contacts is not None
    words = set(result.scheme.contacts.message_words)
    notes = {r.note for r in result.evaluation.contacts.records}
    assert notes - {""} - words, "the example's notes say more than the message words"
    embedded = read_payload(written["lianhehui"])["evaluation"]["contacts"]["records"]
    kept = {r["note"] for r in embedded}
    assert all(part in words for note in kept if note for part in note.split("、")), kept
    assert kept & words  # the 「微信」 of a greeting typed as 电访 is still there to be counted
