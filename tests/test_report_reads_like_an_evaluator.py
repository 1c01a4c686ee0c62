"""The 评估总结 as an evaluator reads it (issue 11, findings 1, 5 and 6): no empty section, no
contradiction, findings with their cause and requirement, no sentence said twice, and a
mid-term concern carried into the final says so."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from factories import D, evaluation, info, team, worker
from report_docs import example_result, read

from pinggu import Result, evaluate, load_scheme
from pinggu._model import AttendanceRow, IndicatorRow, Kind
from pinggu._report.build import write_docx
from pinggu._report.content import ReportContent, build_content
from pinggu._report.findings import FindingItem, section_findings
from pinggu._synthetic import synthetic_evaluation
from pinggu._workbook.writer import write_workbook
from pinggu.cli import main

SCHEME = load_scheme()


def _items(content: ReportContent) -> list[FindingItem]:
    out = list(content.suggestions)
    for s in content.sections.values():
        out += [*s.strengths, *s.concerns]
        for z in s.zones:
            out += [*z.strengths, *z.concerns]
    return out


def _left(rows: list[AttendanceRow], note: str) -> list[AttendanceRow]:
    """The worker's 备注 in the last month in post says how they left."""
    last = max(i for i, r in enumerate(rows) if r.value > 0)
    return [replace(r, note=note) if i == last else r for i, r in enumerate(rows)]


# --- finding 1: no empty section ----------------------------------------------------------------


def test_a_section_nobody_filled_says_so_and_never_prints_none(tmp_path: Path) -> None:
    result = evaluate(evaluation(), SCHEME)  # no findings entered
    content = build_content(result, drafts=False)
    purchaser = content.sections["购买方"]
    assert [str(f.text) for f in purchaser.concerns] == ["本次评估购买方没有提出需要关注的地方。"]
    quality = {z.zone: z for z in content.sections["服务质量"].zones}
    assert str(quality["第二片区"].concerns[0].text) == "本次评估第二片区没有提出需要关注的地方。"
    for item in _items(content):
        assert str(item.text).strip()
    for s in content.sections.values():
        assert s.zones or (s.strengths and s.concerns), s.name
    _, files = write_docx(result, tmp_path, drafts=False)
    text = read(files.docx).text
    assert "（无）" not in text
    assert "本次评估在服务监测方面没有提出值得肯定的地方。" in text


def test_each_section_opens_with_what_the_data_says() -> None:
    indicators = [
        IndicatorRow("第一片区", "电访", "人次", D(100), D(110)),
        IndicatorRow("第二片区", "电访", "人次", D(100), D(90)),
        IndicatorRow("全站", "社区基金培育", "个", D(10), D(9)),
    ]
    content = build_content(evaluate(evaluation(indicators=indicators), SCHEME), drafts=False)
    purchaser = content.sections["购买方"].strengths[0]
    assert (
        str(purchaser.text)
        == "购买方对社工站的评分为20.00分（标准分20分），对社工站的工作总体认可。"
    )
    supervisor = content.sections["监督方"].strengths[0]
    assert str(supervisor.text).startswith("监督方对社工站的评分为8.80分（标准分10分）")
    outcomes = content.sections["服务成效"].strengths[0]
    assert "有协议指标量的2项指标中，1项达到协议指标量" in str(outcomes.text)
    monitoring = content.sections["服务监测"].strengths[0]
    assert str(monitoring.text) == "截至2024年5月31日，社工站社区基金培育9个。"


# --- finding 5: no contradiction ----------------------------------------------------------------


def test_months_short_but_made_up_over_the_period_are_context_in_a_strength() -> None:
    # 20 contracted; one month at 19, another at 21: netted, nothing is short.
    rows = team(19, 11, certified=True)
    rows += worker("X", [1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1], certified=True)
    rows += worker("Y", [0, 0, 0, 0, 0, 1], certified=True)
    content = build_content(evaluate(evaluation(attendance=rows), SCHEME))
    management = content.sections["项目管理"]
    (attendance,) = [f for f in management.strengths if f.rule == "attendance"]
    text = str(attendance.text)
    assert "实到220人次，按考核期累计计算与应到持平" in text
    assert "实到220人次，超配110人次，人员配备达到协议要求。" in text
    assert "其中2023年9月（实到19人次，应到20人次）社工当月到岗少于应到" in text
    assert not [f for f in management.concerns if f.rule == "attendance"]


def test_a_scheme_that_counts_month_by_month_is_followed() -> None:
    # district-pilot sums each month's shortfall: the short month is not made up by another.
    pilot = load_scheme("district-pilot")
    rows = team(19, 11, certified=True)
    rows += worker("X", [1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1], certified=True)
    rows += worker("Y", [0, 0, 0, 0, 0, 1], certified=True)
    result = evaluate(evaluation(attendance=rows, score_rows=()), pilot)
    (attendance,) = [
        f for f in section_findings(result)["项目管理"].concerns if f.rule == "attendance"
    ]
    assert "实到220人次，按月逐月计算缺1人次，未达到协议约定的人员配备要求；" in str(
        attendance.text
    )


def test_a_netted_shortfall_is_stated_with_its_size_and_no_praise_of_staffing() -> None:
    rows = team(19, 11, certified=True)  # 209 of 220
    content = build_content(evaluate(evaluation(attendance=rows), SCHEME))
    management = content.sections["项目管理"]
    (attendance,) = [f for f in management.concerns if f.rule == "attendance"]
    assert "按考核期累计计算缺11人次" in str(attendance.text)
    praise = "".join(str(f.text) for f in management.strengths)
    assert "到岗情况良好" not in praise and "配备达到协议要求" not in praise


def test_the_draft_feedback_is_printed_only_as_recorded() -> None:
    def feedback(objection: str, final: bool = False) -> tuple[str, str]:
        station = info(draft_objection=objection)
        content = build_content(evaluate(evaluation(station=station), SCHEME), final=final)
        return str(content.draft_feedback), str(content.cover.contract)

    text, cover = feedback("")
    assert "无异议" not in text and text.startswith("本报告为评估报告初稿")
    assert cover.endswith("（初稿）")
    text, cover = feedback("无异议", final=True)
    assert text == "经调整，测试区民政局、测试街道办事处、测试街社工站对评估报告初稿无异议。"
    assert "初稿" not in cover
    assert feedback("", final=True)[0] == (
        "测试区民政局、测试街道办事处、测试街社工站对评估报告初稿的反馈未记录。"
    )
    assert feedback("购买方对第三片区意见有异议，已修改。")[0].endswith("已修改。")


# --- finding 6: findings with cause, only where the figure misses, said once --------------------


def test_a_low_retention_names_who_left_how_and_suggests_from_it() -> None:
    rows = team(15, 11, certified=True, experienced=True)
    rows += _left(worker("L1", [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]), "9月30日提前解除劳动合同")
    rows += _left(worker("L2", [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "8月12日试用期离职")
    rows += worker("J1", [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    content = build_content(evaluate(evaluation(attendance=rows), SCHEME))
    (retention,) = [f for f in content.sections["项目管理"].concerns if f.rule == "retention"]
    assert str(retention.text) == (
        "考核期内每月均在岗的社工15人，协议社工20人，稳岗率为75.00%，未达到不低于80.00%的要求。"
        "考核期内离职2名：社工L1（2023年9月30日提前解除劳动合同）、社工L2（2023年8月12日试用期离职）；"
        "新入职1名：社工J1（2023年10月入职）。建议社工站加强对新入职社工试用期的督导和支持，"
        "了解社工提前解除劳动合同的原因，完善薪酬激励和职业发展支持，做好人才储备，稳定服务团队。"
    )


def test_a_zone_above_its_target_gets_no_suggestion_about_it() -> None:
    indicators = [
        IndicatorRow("第一片区", "入户探访", "人次", D(100), D(110)),
        IndicatorRow("第一片区", "咨询个案", "个", D(10), D(8)),
    ]
    content = build_content(evaluate(evaluation(indicators=indicators), SCHEME))
    first = next(z for z in content.sections["服务质量"].zones if z.zone == "第一片区")
    (concern,) = [f for f in first.concerns if f.draft]
    assert "入户探访" not in str(concern.text)
    assert "建议第一片区社工针对咨询个案分析未完成的原因" in str(concern.text)


def _sentences(content: ReportContent) -> list[str]:
    out = []
    for item in _items(content):
        out += [s for s in re.split(r"(?<=[。！？])", str(item.text)) if s.strip()]
    return out


@pytest.mark.parametrize("seed", [None, 1, 7, 42, 2024])
def test_no_sentence_of_the_findings_is_said_twice(seed: int | None) -> None:
    result = example_result() if seed is None else evaluate(synthetic_evaluation(seed), SCHEME)
    sentences = _sentences(build_content(result))
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated


def _low_retention(kind: Kind) -> list[AttendanceRow]:
    n = 6 if kind is Kind.MIDTERM else 11
    rows = team(15, n, certified=True, experienced=True)
    for i in range(5):
        rows += worker(f"N{i}", [0, *[1] * (n - 1)], certified=True, experienced=True)
    return rows


def _round() -> tuple[Result, Result]:
    mid_info = info(
        kind=Kind.MIDTERM, period_end=date(2023, 12, 31), evaluation_date=date(2024, 1, 10)
    )
    calls = [IndicatorRow("第一片区", "电访", "人次", D(100), D(100))]
    mid = evaluate(
        evaluation(station=mid_info, attendance=_low_retention(Kind.MIDTERM), indicators=calls),
        SCHEME,
    )
    final = evaluate(evaluation(attendance=_low_retention(Kind.FINAL), indicators=calls), SCHEME)
    return mid, final


def test_a_concern_the_midterm_raised_says_it_agrees_with_the_midterm() -> None:
    mid, final = _round()
    content = build_content(final, midterm=mid)
    (retention,) = [f for f in content.sections["项目管理"].concerns if f.rule == "retention"]
    assert str(retention.text).startswith("与中期评估意见一致，考核期内每月均在岗的社工")
    assert str(retention.text).count("与中期评估意见一致") == 1
    alone = build_content(final)
    assert "中期评估" not in "".join(str(f.text) for f in _items(alone))


def test_the_report_command_takes_the_midterm_workbook(tmp_path: Path) -> None:
    mid, final = _round()
    write_workbook(tmp_path / "mid.xlsx", mid.evaluation, SCHEME)
    write_workbook(tmp_path / "final.xlsx", final.evaluation, SCHEME)
    out = tmp_path / "out"
    argv = ["report", str(tmp_path / "final.xlsx"), "--midterm", str(tmp_path / "mid.xlsx")]
    assert main([*argv, "-o", str(out), "--no-pdf"]) == 0
    (docx,) = out.glob("*.docx")
    text = read(docx).text
    assert "与中期评估意见一致，考核期内每月均在岗的社工" in text
    assert "（初稿）" in text and "本报告为评估报告初稿" in text
    assert main(["audit", str(docx)]) == 0
    assert main([*argv, "-o", str(tmp_path / "final"), "--no-pdf", "--final"]) == 0
    (docx,) = (tmp_path / "final").glob("*.docx")
    assert "初稿）" not in read(docx).text and "对评估报告初稿的反馈未记录" in read(docx).text
    assert (
        main(
            [
                "report",
                str(tmp_path / "mid.xlsx"),
                "--midterm",
                str(tmp_path / "mid.xlsx"),
                "-o",
                str(out),
                "--no-pdf",
            ]
        )
        == 2
    )


def test_the_closing_suggestions_are_only_the_suggestions_entered() -> None:
    """结语 is a list of suggestions, not a 值得肯定/需要关注 section: no 「没有提出…」 line in it."""
    content = build_content(example_result())
    texts = [str(s.text) for s in content.suggestions]
    assert texts and not [t for t in texts if "没有提出" in t]
