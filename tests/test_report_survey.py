"""The satisfaction survey in the report's 服务监测: a sentence like the seeds', every number in
it audited, tampering caught, and the embedded data free of the clients' own words."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from report_docs import example_result, read

from pinggu import Result, Survey, SurveyResponse, evaluate, load_scheme
from pinggu._report.audit import audit_report
from pinggu._report.build import write_docx
from pinggu._report.embed import read_payload
from pinggu._scheme import scheme_from_text
from pinggu._survey import DEFAULT_ITEMS
from pinggu._synthetic import synthetic_evaluation, synthetic_survey

COMMENT = "社工张三很耐心"  # a client's own words, which may name people


def _with_survey(result: Result, survey: Survey, min_interval_answers: int = 10) -> Result:
    """The result with a survey, by the scheme's own text with `min_interval_answers` set (the
    audit re-reads the scheme from the text embedded in the report)."""
    text = result.scheme.source_text.replace(
        "min_interval_answers = 10", f"min_interval_answers = {min_interval_answers}"
    )
    scheme = scheme_from_text(text, result.scheme.id, "测试方案")
    return evaluate(replace(result.evaluation, survey=survey), scheme)


def _hand_survey() -> Survey:
    """10 clients drawn from a roster of 300; 9 reached (2 of them replacements), 8 scored:
    i  0    1    2    3    4    5    6              7              8 (K099)
       5    5    5    4    4    4    4.6 (5,5,4,5,4) 3.6 (4,3,4,3,4) nothing answered
    片区 一  二   三   一   二   三   一             二              一
    mean = (15 + 12 + 4.6 + 3.6) / 8 = 35.2 / 8 = 4.4 → 88.0%;
    squares of deviations 3 × 0.36 + 3 × 0.16 + 0.04 + 0.64 = 2.24, s² = 2.24 / 7 = 0.32,
    s²/n = 0.04, √ = 0.2, 1.96 × 0.2 = 0.392 points = 7.84% → 80.16 → 80.2%, 95.84 → 95.8%.
    问题解决 5,5,5,4,4,4,5,4 = 36/8 = 4.5 → 90.0%; the other items 35/8 = 4.375 → 87.5%.
    第一片区 5, 4, 4.6 → 13.6/3 = 4.5333 → 90.7%; 第二片区 5, 4, 3.6 → 4.2 → 84.0%;
    第三片区 5, 4 → 4.5 → 90.0%."""
    answers = [(5,) * 5] * 3 + [(4,) * 5] * 3 + [(5, 5, 4, 5, 4), (4, 3, 4, 3, 4)]
    zones = ["第一片区", "第二片区", "第三片区"]
    responses = [
        SurveyResponse(f"K{i:03d}", zones[i % 3], tuple(a), COMMENT if i == 0 else "")
        for i, a in enumerate(answers)
    ]
    responses.append(SurveyResponse("K099", "第一片区", (None,) * 5))
    return Survey(DEFAULT_ITEMS, "种子", "0" * 64, 300, 10, 2, 3, tuple(responses))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    # 8 scored answers: the interval is given from 8 here, to print the hand-worked one.
    result = _with_survey(example_result(), _hand_survey(), min_interval_answers=8)
    _, files = write_docx(result, tmp_path_factory.mktemp("survey"))
    return result, files.docx


def _monitoring(path: Path) -> list[str]:
    paragraphs = [p.strip() for p in read(path).paragraphs]
    start = paragraphs.index("（五）服务监测")
    return paragraphs[start + 1 : paragraphs.index("1. 值得肯定的地方", start)]


def test_the_survey_sentence_reads_like_the_seeds(report: tuple[Result, Path]) -> None:
    assert _monitoring(report[1]) == [
        "经对社工站提供的服务对象名册随机抽取10名服务对象进行满意度调查，实际联系上9名（其中替补2名），"
        "服务对象对社工站的总体满意度为88.0%（95%置信区间80.2%–95.8%）。",
        "其中，各题满意度为：问题解决90.0%、能力提升87.5%、支持网络87.5%、服务态度87.5%、总体满意87.5%；"
        "各片区满意度为：第一片区90.7%、第二片区84.0%、第三片区90.0%。",
    ]


def test_too_few_answers_for_an_interval_give_the_figure_alone(tmp_path: Path) -> None:
    result = _with_survey(example_result(), _hand_survey())  # the shipped 10: 8 answers are few
    _, files = write_docx(result, tmp_path)
    assert _monitoring(files.docx)[0].endswith("服务对象对社工站的总体满意度为88.0%。")
    assert files.audit.ok and files.audit.unchecked == ()


def test_a_report_with_a_survey_passes_its_audit_with_every_figure_checked(
    report: tuple[Result, Path],
) -> None:
    audit = audit_report(report[1])
    assert audit.ok and audit.unchecked == ()
    checked = {c.what for c in audit.checks}
    assert {"满意度 总体", "满意度 总体 下限", "满意度 总体 上限", "满意度 抽取人数"} <= checked
    assert "满意度 片区 第一片区" in checked and "满意度 题目 问题解决" in checked


def test_tampering_with_the_printed_satisfaction_is_caught(
    report: tuple[Result, Path], tmp_path: Path
) -> None:
    doc = Document(str(report[1]))
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("88.0%", "93.0%")
    tampered = tmp_path / "改过的满意度.docx"
    doc.save(str(tampered))
    audit = audit_report(tampered)
    assert not audit.ok
    assert [f"{c.what}：{c.detail}" for c in audit.failures] == [
        "满意度 总体：印为 93.0%，按源数据应为 88.0%（88.0% = 各服务对象各题平均分的平均 ÷ 5 × 100%"
        "（正态近似区间，置信水平 0.95）（有效回答 8 名））"
    ]


def test_the_embedded_data_has_the_survey_but_not_the_clients_words(
    report: tuple[Result, Path],
) -> None:
    survey = read_payload(report[1])["evaluation"]["survey"]
    assert survey["sample_size"] == 10 and len(survey["responses"]) == 9
    assert all(set(r) == {"client", "zone", "answers", "comment"} for r in survey["responses"])
    assert all(r["comment"] == "" for r in survey["responses"])
    assert COMMENT not in json.dumps(read_payload(report[1]), ensure_ascii=False)


def test_a_whole_roster_surveyed_and_the_share_formula_are_worded_as_such(
    tmp_path: Path,
) -> None:
    """district-pilot counts the share satisfied (mean score ≥ 4)."""
    pilot = load_scheme("district-pilot")
    ev = synthetic_evaluation(4, scheme=pilot)
    survey = replace(synthetic_survey(ev, 4, n=60), roster_size=60)
    result = evaluate(replace(ev, survey=survey), pilot)
    _, files = write_docx(result, tmp_path)
    s = result.satisfaction
    assert s is not None and s.overall is not None
    sentence = _monitoring(files.docx)[0]
    assert sentence.startswith("经对社工站提供的服务对象名册中全部60名服务对象进行满意度调查，")
    assert f"总体满意度为{s.overall.value}%（各题平均分不低于4分即为满意，95%置信区间" in sentence
    assert re.search(r"置信区间\d+\.\d%–\d+\.\d%）。$", sentence)
    assert files.audit.ok and files.audit.unchecked == ()


def test_without_a_survey_the_section_is_as_before(tmp_path: Path) -> None:
    _, files = write_docx(example_result(), tmp_path)
    assert _monitoring(files.docx) == []
    assert read_payload(files.docx)["evaluation"]["survey"] is None
