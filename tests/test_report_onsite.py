"""The report writes what the on-site records say (docs/onsite-rectification.md): a repeated
concern opens 「与中期评估意见一致，」 once, the previous round's concerns in a sentence, a table
and the supervisor's section, a declared rectification veto backed by its items, the self-score
gap, and the method paragraph from the day's records (the fixed wording without them). Every
printed figure is audited; interview summaries are never printed nor embedded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from factories import D, evaluation
from report_docs import read

from pinggu import (
    AgendaItem,
    CheckMark,
    FileType,
    Interview,
    Interviewee,
    OnSite,
    OnSiteActivity,
    RectificationItem,
    RectificationStatus,
    Result,
    ScoreRow,
    SelfScore,
    Verdict,
    evaluate,
    load_scheme,
)
from pinggu._model import Evaluation, Finding, FindingKind, Kind, VetoDeclaration
from pinggu._report.audit import audit_report
from pinggu._report.build import write_docx
from pinggu._report.content import build_content
from pinggu._report.embed import read_payload

SCHEME = load_scheme("guangzhou-2023")
REPEATED = "个案档案中知情同意书缺少服务对象签名，建议规范个案文书。"
DONE, PARTIAL, NOT_DONE = (
    RectificationStatus.DONE,
    RectificationStatus.PARTIAL,
    RectificationStatus.NOT_DONE,
)
SECRET = "王阿姨说她的儿子欠了债"  # an interview summary: never in the report or its data


def item(
    number: int,
    status: RectificationStatus | None,
    due: date | None,
    repeated: str = "",
    kind: str = "midterm",
) -> RectificationItem:
    return RectificationItem(
        number,
        "服务质量" if repeated else "项目管理",
        "第一片区" if repeated else None,
        f"上一轮的意见{number}。",
        "2024年度中期评估" if kind == "midterm" else "2023年度末期评估",
        kind,
        due,
        f"整改措施{number}",
        status,
        "",
        repeated,
    )


ITEMS = (
    item(1, DONE, date(2024, 1, 30)),
    item(2, DONE, date(2024, 1, 30)),
    item(3, PARTIAL, date(2024, 1, 30), REPEATED),  # past its 期限 at the fieldwork (6-07)
    item(4, NOT_DONE, date(2024, 6, 28)),  # within its 期限
)


def _evaluation(**onsite: object) -> Evaluation:
    findings = (
        Finding("服务质量", "第一片区", FindingKind.CONCERN, REPEATED),
        Finding("项目管理", None, FindingKind.CONCERN, "人事档案不完整。"),
    )
    return replace(evaluation(), findings=findings, onsite=OnSite(**onsite))  # type: ignore[arg-type]


def _result(**onsite: object) -> Result:
    return evaluate(_evaluation(**onsite), SCHEME)


def _concerns(result: Result) -> list[str]:
    content = build_content(result)
    zone = next(z for z in content.sections["服务质量"].zones if z.zone == "第一片区")
    return [str(f.text) for f in zone.concerns]


# ------------------------------------------------------------------ 与中期评估意见一致


def test_a_repeated_concern_opens_with_the_midterms_phrase() -> None:
    (text,) = [t for t in _concerns(_result(rectification=ITEMS)) if REPEATED in t]
    assert text == f"与中期评估意见一致，{REPEATED}"


def test_a_concern_repeated_from_last_years_final_says_so() -> None:
    items = (item(1, PARTIAL, None, REPEATED, kind="final"),)
    (text,) = [t for t in _concerns(_result(rectification=items)) if REPEATED in t]
    assert text == f"与上一年度末期评估意见一致，{REPEATED}"


def test_the_phrase_is_never_printed_twice() -> None:
    typed = f"与中期评估意见一致，{REPEATED}"
    base = _evaluation(rectification=(item(3, PARTIAL, None, typed),))
    findings = tuple(replace(f, text=typed) if f.text == REPEATED else f for f in base.findings)
    result = evaluate(replace(base, findings=findings), SCHEME)
    (text,) = [t for t in _concerns(result) if REPEATED in t]
    assert text.count("与中期评估意见一致") == 1


def test_without_rectification_items_nothing_is_said_about_the_midterm() -> None:
    assert not any("中期" in t for t in _concerns(_result()))


# ------------------------------------------------------------------ the previous round's concerns


def test_the_rectification_sentence_table_and_supervisor_sentence() -> None:
    content = build_content(_result(rectification=ITEMS))
    onsite = content.onsite
    assert onsite is not None
    # 4 items: 2 done, 1 partial, 1 not done; 2 ÷ 4 = 50.00%
    # the counts and 整改率 are the supervisor's sentence's; the table's lead does not repeat them
    assert str(onsite.rectification[0]) == "中期评估提出的4条需要关注的意见，逐条整改情况见下表。"
    table = onsite.rectification_table
    assert table is not None and table.title == "上一轮评估意见整改情况"
    rows = [[str(c.value) if c else "" for c in row] for row in table.rows]
    assert rows[0] == ["序号", "部分/片区", "意见", "整改期限", "整改措施", "整改情况", "说明"]
    assert rows[3] == [
        "3",
        "服务质量（第一片区）",
        "上一轮的意见3。",
        "2024年1月30日",
        "整改措施3",
        "部分整改（已过整改期限）",
        "—",
    ]
    assert rows[4][5] == "未整改"  # due 6-28, after the fieldwork on 6-07
    assert str(onsite.rectification_summary[0]) == (
        "从整改落实情况看，中期评估提出需要关注的意见4条，社工站已整改2条、部分整改1条、"
        "未整改1条，整改率为50.00%。其中1条已过整改期限仍未整改到位；未整改的意见尚在整改期限内"
        "（整改期限为2024年6月28日），建议社工站限期落实整改，并报送整改情况。"
    )


def test_all_rectified_is_said_in_one_sentence() -> None:
    items = (item(1, DONE, date(2024, 1, 30)), item(2, DONE, None))
    onsite = build_content(_result(rectification=items)).onsite
    assert onsite is not None
    assert str(onsite.rectification_summary[0]) == (
        "从整改落实情况看，社工站重视中期评估提出的意见，2条需要关注的意见均已整改。"
    )


def test_a_declared_rectification_veto_is_backed_by_its_items() -> None:
    veto = VetoDeclaration("限期内整改不及时、不到位", True, "中期评估意见未按期整改")
    base = _evaluation(rectification=ITEMS)
    content = build_content(evaluate(replace(base, vetoes=(veto,)), SCHEME))
    lines = [str(t) for t in content.vetoes]
    at = next(i for i, t in enumerate(lines) if "限期内整改不及时、不到位" in t)
    assert lines[at + 1] == (
        "依据（上一轮评估意见整改情况）：第3条「上一轮的意见3」部分整改，整改期限为2024年1月30日"
        "（已过期限）；第4条「上一轮的意见4」未整改，整改期限为2024年6月28日。"
    )


def test_an_unrelated_veto_lists_no_items() -> None:
    veto = VetoDeclaration("财务评估结果为不合格", True, "财务审计不合格")
    base = _evaluation(rectification=ITEMS)
    content = build_content(evaluate(replace(base, vetoes=(veto,)), SCHEME))
    assert not any("依据（上一轮" in str(t) for t in content.vetoes)


# ------------------------------------------------------------------ self-assessment


def test_the_self_assessment_names_a_gap_of_a_tenth_of_the_full_marks() -> None:
    # 服务监测 9.42 by the experts (of 10): self 10.5 is refused on import; 10 → +0.58 (under 1);
    # 服务成效 11.65 (of 15): self 14 → +2.35 (at least 1.5): named.
    own = (SelfScore("服务监测", None, D(10)), SelfScore("服务成效", None, D(14)))
    onsite = build_content(_result(self_scores=own)).onsite
    assert onsite is not None and onsite.self_table is not None
    rows = [[str(c.value) if c else "" for c in row] for row in onsite.self_table.rows]
    assert rows[1:] == [
        ["服务监测", "10.00", "9.42", "+0.58"],
        ["服务成效", "14.00", "11.65", "+2.35"],
    ]
    assert str(onsite.self_assessment[1]) == (
        "自评得分明显高于专家评分的是服务成效（高2.35分）。"
        "建议社工站对照评估指标逐项客观自评，准确认识服务中的不足。"
    )


def test_small_gaps_all_above_are_said_to_be_small() -> None:
    onsite = build_content(_result(self_scores=(SelfScore("服务监测", None, D(10)),))).onsite
    assert onsite is not None
    assert str(onsite.self_assessment[1]) == (
        "社工站各项自评得分均略高于专家评分，差距均在各项满分的10%以内，自评较为客观。"
    )


# ------------------------------------------------------------------ method paragraph


DAY = {
    "agenda": (
        AgendaItem(OnSiteActivity.BRIEFING, time(9), time(9, 30), "站长介绍服务情况"),
        AgendaItem(OnSiteActivity.DOCUMENTS, time(9, 30), time(11)),
    ),
    "experts_present": ("李专家", "王专家"),
    "checks": (
        CheckMark(FileType.CASE, "GA-1", "需求评估", Verdict.MET),
        CheckMark(FileType.CASE, "GA-2", "需求评估", Verdict.UNMET),
        CheckMark(FileType.GROUP, "XZ-1", "签到表", Verdict.MET),
    ),
    "interviews": (
        Interview(Interviewee.STAFF, "片区社工", 3, time(14), SECRET),
        Interview(Interviewee.CLIENT, "长者服务对象", 2, time(15), SECRET),
    ),
}


def test_the_method_paragraph_is_written_from_the_records() -> None:
    onsite = build_content(_result(**DAY)).onsite
    assert onsite is not None
    assert [str(t) for t in onsite.method] == [
        "出席本次实地评估的评估专家为：李专家、王专家。实地评估按以下环节进行：",
        "1.听取汇报（9:00—9:30）：站长介绍服务情况。",
        "2.查阅资料（9:30—11:00）：抽查个案档案2份、小组档案1份。",
        "3.访谈：访谈社工1次（3人）、服务对象1次（2人）。",
    ]


def test_a_concern_marked_rectified_and_raised_again_is_a_warning() -> None:
    """Item 1 已整改 while this round raises the same concern, same part and 片区, without the
    link: the report would print both. Another 片区's same words are not a repeat."""
    done = replace(item(1, DONE, date(2024, 1, 30)), section="服务质量", zone="第一片区")
    elsewhere = replace(done, number=2, zone="第二片区")
    result = _result(rectification=(replace(done, concern=f" {REPEATED}"), elsewhere))
    warned = [w.message for w in result.warnings if w.code == "rectified_concern_repeated"]
    assert len(warned) == 1 and warned[0].startswith(f"整改跟进第 1 条「 {REPEATED}」评为已整改")
    assert "服务质量（第一片区）" in warned[0]
    # Linked as this round's concern and 部分整改 (ITEMS' third): no warning.
    assert not [
        w for w in _result(rectification=ITEMS).warnings if w.code == "rectified_concern_repeated"
    ]


def test_the_opening_counts_the_experts_the_method_paragraph_names() -> None:
    """The demo's report said 「经过5位评估专家」 above 「出席本次实地评估的评估专家为：王芳、陈刚」
    (five judges had scored): with the experts present recorded, the count is theirs."""
    result = _result(**DAY)
    assert len({s.judge for s in result.evaluation.scores if s.party == "第三方评估机构"}) != 2
    assert str(build_content(result).team).startswith("2位评估专家")


@pytest.mark.parametrize("style", ["lianhehui", "xiehui"])
def test_both_styles_print_every_block_audited(tmp_path: Path, style: str) -> None:
    result = _result(rectification=ITEMS, self_scores=(SelfScore("服务监测", None, D(10)),), **DAY)
    _, files = write_docx(result, tmp_path, style=style)
    report = read(files.docx)
    text = report.text
    assert "出席本次实地评估的评估专家为：李专家、王专家。" in text
    assert "评估团队主要完成了以下几方面的工作" not in text  # the fixed wording it replaces
    assert f"与中期评估意见一致，{REPEATED}" in text or f"与中期评估意见一致，{REPEATED}" in str(
        report.tables
    )
    assert "从整改落实情况看，中期评估提出需要关注的意见4条" in text
    assert report.table_with("序号", "部分/片区", "意见", "整改期限")
    assert report.table_with("评估内容", "自评得分", "专家评分")
    assert SECRET not in text
    assert files.audit.ok
    keys = {c.what for c in files.audit.checks}
    assert {"整改 整改率", "实地 抽查档案 个案", "自评 服务监测 差距"} <= keys
    # The interview summaries are not embedded; the audit still passes on its own.
    payload = read_payload(files.docx)
    assert SECRET not in str(payload["evaluation"])
    assert audit_report(files.docx).ok


def test_without_records_the_style_prints_its_fixed_method_wording(tmp_path: Path) -> None:
    _, files = write_docx(evaluate(evaluation(), SCHEME), tmp_path, style="lianhehui")
    text = read(files.docx).text
    assert "评估团队主要完成了以下几方面的工作" in text
    assert "出席本次实地评估" not in text and "上一轮评估意见整改情况" not in text


def test_a_changed_rectification_figure_fails_the_audit(tmp_path: Path) -> None:
    from docx import Document

    _, files = write_docx(_result(rectification=ITEMS), tmp_path, style="lianhehui")
    doc = Document(str(files.docx))
    for p in doc.paragraphs:
        for run in p.runs:
            if "50.00%" in run.text:
                run.text = run.text.replace("50.00%", "75.00%")
    changed = tmp_path / "changed.docx"
    doc.save(str(changed))
    audit = audit_report(changed)
    assert not audit.ok
    assert any(c.what == "整改 整改率" and not c.ok for c in audit.checks)


def test_the_kind_of_the_round_does_not_matter_for_a_midterm_report() -> None:
    """A mid-term follows last year's final's concerns the same way."""
    mid = _evaluation(rectification=(item(1, PARTIAL, None, REPEATED, kind="final"),))
    mid = replace(mid, info=replace(mid.info, kind=Kind.MIDTERM))
    content = build_content(evaluate(mid, SCHEME))
    assert content.onsite is not None
    assert str(content.onsite.rectification[0]).startswith(
        "上一年度末期评估提出的1条需要关注的意见"
    )


def test_the_table_note_gives_the_schemes_example_deadline() -> None:
    onsite = build_content(_result(rectification=ITEMS)).onsite
    assert onsite is not None and onsite.rectification_table is not None
    (note,) = onsite.rectification_table.notes
    assert str(note).startswith(
        "注：整改期限一般为报告出具后的第20个工作日（评估方案的示例期限，各区应以本区要求替换）；"
    )


def test_a_computed_rectification_veto_prints_its_count_and_its_items() -> None:
    pilot = load_scheme("district-pilot")
    late = (item(1, DONE, date(2024, 1, 30)), item(2, NOT_DONE, date(2024, 1, 30)))
    base = _evaluation(rectification=late)
    satisfied = ScoreRow("第三方评估机构", "满意度", None, "评委1", D(4))  # the pilot's 5th
    content = build_content(evaluate(replace(base, scores=(*base.scores, satisfied)), pilot))
    lines = [str(t) for t in content.vetoes]
    at = lines.index(
        "（1）限期内整改不及时、不到位：整改期限已过仍未整改的上一轮意见条数为1条，"
        "达到或超过末期评估的否决线1条。"
    )
    assert lines[at + 1] == (
        "依据（上一轮评估意见整改情况）：第2条「上一轮的意见2」未整改，整改期限为2024年1月30日（已过期限）。"
    )
