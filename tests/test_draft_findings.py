"""Draft findings: written from the figures, marked as drafts, placed before the parties' own."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from factories import D, evaluation, team, worker
from report_docs import read

from pinggu import evaluate, load_scheme
from pinggu._model import Finding, FindingKind, IndicatorRow, VetoDeclaration
from pinggu._report.build import write_docx
from pinggu._report.content import build_content

SCHEME = load_scheme()


def _row(zone: str, indicator: str, measure: str, target: int, actual: int) -> IndicatorRow:
    return IndicatorRow(zone, indicator, measure, D(target), D(actual))


def test_low_retention_is_a_concern_with_its_figures() -> None:
    # 15 of 20 contracted workers in post all 11 months; 5 more join in month 3.
    rows = team(15, 11, certified=True, experienced=True)
    for i in range(5):
        rows += worker(f"N{i}", [0, 0, *[1] * 9], certified=True, experienced=True)
    content = build_content(evaluate(evaluation(attendance=rows), SCHEME))
    concerns = content.sections["项目管理"].concerns
    retention = next(f for f in concerns if f.rule == "retention")
    assert retention.draft
    assert str(retention.text) == (
        "考核期内每月均在岗的社工15人，协议社工20人，稳岗率为75.00%，未达到不低于80.00%的要求。"
        "考核期内新入职5名：社工N0（2023年9月入职）、社工N1（2023年9月入职）、社工N2（2023年9月入职）、"
        "社工N3（2023年9月入职）、社工N4（2023年9月入职）。建议社工站做好人才储备，稳定服务团队。"
    )
    attendance = next(f for f in concerns if f.rule == "attendance")
    assert "实到210人次" in str(attendance.text)
    text = str(attendance.text)
    assert "实到210人次，按考核期累计计算缺10人次，未达到协议约定的人员配备要求；" in text
    assert "实到210人次，超配100人次。" in text  # of 110 certified
    assert "新入职" not in str(attendance.text)  # the cause is told once, under 稳岗率


def test_a_zone_under_target_gets_a_concern_and_the_others_a_strength() -> None:
    indicators = [
        _row("第一片区", "咨询个案", "个", 65, 58),
        _row("第二片区", "咨询个案", "个", 40, 40),
        _row("第三片区", "咨询个案", "个", 50, 51),
    ]
    content = build_content(evaluate(evaluation(indicators=indicators), SCHEME))
    zones = {z.zone: z for z in content.sections["服务质量"].zones}
    (concern,) = zones["第一片区"].concerns
    assert concern.draft and concern.rule == "indicators"
    assert str(concern.text) == (
        "第一片区以下指标未达到协议指标量：咨询个案（个）完成58，协议量65，完成率89.23%。"
        "建议第一片区社工针对咨询个案分析未完成的原因，在后续服务中补足。"
    )
    assert (
        str(zones["第二片区"].strengths[0].text)
        == "第二片区有协议指标量的1项指标均达到协议指标量。"
    )
    assert not [f for f in zones["第二片区"].concerns if f.draft]


def test_entered_findings_follow_the_drafts_unmarked() -> None:
    base = evaluation()
    entered = Finding("项目管理", None, FindingKind.STRENGTH, "社工站宣传渠道多样。")
    content = build_content(evaluate(replace(base, findings=(entered,)), SCHEME))
    strengths = content.sections["项目管理"].strengths
    assert strengths[-1].text.parts == ("社工站宣传渠道多样。",) and not strengths[-1].draft
    assert all(f.draft for f in strengths[:-1])


def test_a_veto_is_stated_with_its_reason_and_the_grade_fails(tmp_path: Path) -> None:
    veto = VetoDeclaration(
        "保洁、安保等人员占用社工名额", True, "2024年3月起保洁员张某占用社工名额"
    )
    result = evaluate(evaluation(vetoes=[veto]), SCHEME)
    _, files = write_docx(result, tmp_path)
    text = read(files.docx).text
    assert "等级为：不合格。" in text
    assert "经核查，存在以下一票否决情形，无论得分多少，评估等级确定为不合格：" in text
    assert "（1）保洁、安保等人员占用社工名额：2024年3月起保洁员张某占用社工名额" in text


def test_a_computed_veto_states_its_figures(tmp_path: Path) -> None:
    rows = team(18, 11, certified=True, experienced=True)  # 198 of 220: short 22
    result = evaluate(evaluation(attendance=rows), SCHEME)
    assert result.vetoes and result.staffing.shortfall.value == Decimal(22)
    _, files = write_docx(result, tmp_path)
    text = read(files.docx).text
    # As a sentence, the figures marked for the audit; not the engine's formula.
    assert (
        "（1）社工人员配备不足：社工累计缺少人次为22人次，达到或超过末期评估的否决线10人次。"
        in text
    )
    assert "max(0" not in text and "应到 =" not in text
    audit = files.audit
    assert audit.ok and any("否决" in c.what for c in audit.checks)


def test_every_rule_a_draft_is_written_from_has_a_chinese_name() -> None:
    import ast
    import re

    from pinggu._report import contact_findings, staffing_findings
    from pinggu._report import findings as drafts_module

    # Every rule id the drafts modules write (the string literals passed as a draft's rule).
    sources = [
        ast.parse(Path(m.__file__).read_text(encoding="utf-8"))
        for m in (drafts_module, staffing_findings, contact_findings)
    ]
    ids = {
        node.value
        for source in sources
        for node in ast.walk(source)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"[a-z]+(_[a-z]+)*", node.value)
    }
    named = set(drafts_module.DRAFT_RULES)
    warning_codes = ids - named  # other literals: the warning codes a draft is *not* written from
    assert named <= ids, named - ids  # no stale names
    # …and the kinds of follow-up pattern a draft counts (docs/contacts.md), and its warnings
    patterns = {"message_as_phone", "short_contact", "busy_worker_day", "no_contact"}
    patterns |= {"contact_count_differs", "filing_count_differs"}
    assert warning_codes <= {
        "retention_low",
        "experienced_low",
        "per_month",
        "insured",
        "paid",
        *patterns,
    }, warning_codes
    for rule, name in drafts_module.DRAFT_RULES.items():
        assert re.fullmatch(r"[\u4e00-\u9fff0-9]+", name), (rule, name)


def test_the_drafts_of_many_stations_all_carry_a_chinese_rule_name() -> None:
    from pinggu import section_findings, synthetic_evaluation

    seen = set()
    for seed in range(2030, 2040):
        for found in section_findings(evaluate(synthetic_evaluation(seed), SCHEME)).values():
            items = [*found.strengths, *found.concerns]
            items += [i for z in found.zones for i in (*z.strengths, *z.concerns)]
            for item in items:
                if item.draft:
                    assert item.rule_name, item.rule
                    seen.add(item.rule)
    assert {"attendance", "retention", "indicators"} <= seen
