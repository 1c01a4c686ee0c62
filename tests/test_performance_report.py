"""The performance evaluation report reads like seed 001: its five parts in order, the 资金
sentence computed from the budget, the 自评表 as its 附件 with every hand-worked figure, and
nothing empty; a result without performance data is refused."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from performance_docs import BUDGET, NARRATIVE, TARGETS, performance_result
from report_docs import ReadReport, example_result, read

from pinggu import Budget, ReportError, evaluate
from pinggu._report.performance.build import write_performance_docx
from pinggu._report.performance.content import build_performance_content
from pinggu._report.performance.outline import Heading, Paragraph

STEM = "示例街道办事处示例街社工服务站购买服务项目绩效评价报告"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ReadReport:
    _, files = write_performance_docx(performance_result(), tmp_path_factory.mktemp("绩效"))
    assert files.audit.ok
    return read(files.docx)


def _headings(result: object) -> list[str]:
    content = build_performance_content(result)  # type: ignore[arg-type]
    return [b.text for b in content.body if isinstance(b, Heading)]


def test_it_has_seed_001s_five_parts_in_order_under_its_title(report: ReadReport) -> None:
    assert report.path.name == f"{STEM}.docx"
    assert report.paragraphs[:2] == [
        "2023年度广州市海珠区示例街道办事处",
        "示例街社工服务站购买服务项目绩效评价报告",
    ]
    tops = [p for p in report.paragraphs if p[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert tops == [
        "一、项目概况",
        "二、项目绩效情况",
        "三、评价结论与绩效分析",
        "四、存在的问题及应对策略",
        "五、相关建议",
    ]
    text = report.text
    for sub in ("（一）项目基本情况", "（二）项目绩效目标", "（三）项目资金来源及使用情况"):
        assert sub in report.paragraphs
    assert text.index("（三）项目资金来源及使用情况") < text.index("二、项目绩效情况")
    assert report.paragraphs.index("附件") > report.paragraphs.index("五、相关建议")


def test_the_money_sentence_is_computed_from_the_budget(report: ReadReport) -> None:
    # 2336748.50 ÷ 2430000 = 96.1625…% → 96.16%; 万元 exact: 233.67485, never 233.67
    assert (
        "项目年初预算数240万元，全年预算数为243万元；全年执行数为233.67485万元，完成预算的96.16%。"
        in report.paragraphs
    )
    assert (
        "项目资金来源共243万元：财政资金240万元（街道财政），其他资金3万元（未成年人保护站项目资金）。"
        in report.paragraphs
    )
    assert "（金额由元的精确值折算为万元，不作舍入。）" in report.paragraphs


def test_whole_amounts_read_as_the_seed_writes_them() -> None:
    whole = Budget(Decimal(2400000), Decimal(2400000), Decimal(2400000))
    content = build_performance_content(performance_result(budget=whole))
    texts = [str(b.text) for b in content.body if isinstance(b, Paragraph)]
    assert (
        "项目年初预算数240万元，全年预算数为240万元；全年执行数为240万元，完成预算的100%。" in texts
    )
    assert "项目预算全部执行，预算执行率得满分。" in texts
    assert not any("不作舍入" in t for t in texts)


def test_the_self_evaluation_form_carries_every_hand_worked_figure(report: ReadReport) -> None:
    money = report.table_with("项目名称")
    assert ["年度资金总额", "240", "243", "233.67485", "10", "96.16%", "9.62"] in money
    assert ["其中：财政资金（街道财政）", "/", "240", "/", "/", "/", "/"] in money
    form = report.table_with("一级指标", "三级指标", "偏差原因分析及改进措施")
    rows = {r[2]: r for r in form[1:]}
    # ≥: 77 ÷ 90 × 10 = 8.555… → 8.56, with the station's reason
    assert rows["专业个案结案数"][3:] == [
        "≥90个",
        "77个",
        "10",
        "8.56",
        "部分个案延至下一协议期结案",
    ]
    # ≤, bound: 人员费用占比 87.29% computed by pinggu; 80 ÷ 87.29 × 5 = 4.582… → 4.58
    assert rows["人员费用占比"][3:7] == ["≤80%", "87.29%*", "5", "4.58"]
    # bound to the evaluation: 稳岗率 17 ÷ 20 = 85.00%, meets ≥80%
    assert rows["社工稳岗率"][3:7] == ["≥80%", "85.00%*", "10", "10.00"]
    # 定性: the scorer's 14 of 15 and the note
    assert rows["社区社会组织培育"][3:] == [
        "培育并持续运作",
        "培育2个，均持续开展活动",
        "15",
        "14.00",
        "评分说明：其中1个尚未登记备案",
    ]
    totals = {r[0]: r for r in form if r[0].endswith(("小计", "）", "等级"))}
    assert totals["产出指标小计"][5:7] == ["50", "48.14"]  # 10 + 8.56 + 10 + 10 + 5 + 4.58
    assert totals["效益指标小计"][5:7] == ["30", "29.00"]
    assert totals["总分（含预算执行率）"][5:7] == ["100", "96.76"]  # 9.62 + 48.14 + 29 + 10
    assert totals["自评等级"][5] == "优"
    assert "自评总分为96.76分，评价等级为“优”。" in report.text


def test_the_analysis_names_each_shortfall_with_its_reason(report: ReadReport) -> None:
    assert (
        "产出指标“专业个案结案数”指标值为≥90个，实际完成77个，得分8.56分（分值10分）；"
        "偏差原因：部分个案延至下一协议期结案。" in report.paragraphs
    )
    assert "全年执行数未达到全年预算数，预算执行率为96.16%，得分9.62分。" in report.paragraphs
    assert "其余绩效指标均达到指标值，得满分。" in report.paragraphs


def test_over_execution_is_scored_at_the_cap_and_says_so() -> None:
    over = replace(BUDGET, spent=Decimal("2500000"))
    content = build_performance_content(performance_result(budget=over))
    texts = [str(b.text) for b in content.body if isinstance(b, Paragraph)]
    # 2500000 ÷ 2430000 = 102.88%, scored as 100%: the full 10 points
    assert "全年执行数超过全年预算数，预算执行率为102.88%，按100%计分。" in texts
    assert any("预算执行率得分10.00分（分值10分）" in t for t in texts)


def test_the_stations_narrative_goes_under_its_headings_numbered_once(report: ReadReport) -> None:
    p = report.paragraphs
    # typed numbering 「1.」 is dropped and the report numbers the block after the computed one
    assert "（二）培育社区社会组织" in p and "1.培育社区社会组织" not in p
    assert p.index("（三）以社区慈善基金为平台") > p.index("（二）培育社区社会组织")
    assert "队伍定期开展清铲“小广告”活动。" in p  # each line of a block its own paragraph
    assert "（一）服务宣传能力有待提升" in p
    assert "本项目未提出相关建议。" in p  # 相关建议 left empty: said, not a bare heading


def test_no_heading_stands_over_nothing_when_the_narrative_is_missing() -> None:
    content = build_performance_content(performance_result(narrative=()))
    body = content.body
    for i, block in enumerate(body):
        if isinstance(block, Heading):
            following = body[i + 1] if i + 1 < len(body) else None
            assert following is not None, block.text
            assert isinstance(following, Paragraph) or following.level > block.level, block.text
    texts = [str(b.text) for b in body if isinstance(b, Paragraph)]
    assert "本项目未列出存在的问题及应对策略。" in texts
    heads = [b.text for b in body if isinstance(b, Heading)]
    assert not any("精准兜底" in h for h in heads)
    assert len(texts) == len(set(texts))  # nothing said twice


def test_it_refuses_a_result_without_performance_data(tmp_path: Path) -> None:
    base = example_result()
    without = evaluate(replace(base.evaluation, performance=None), base.scheme)
    with pytest.raises(ReportError, match="没有绩效评价数据"):
        write_performance_docx(without, tmp_path)
    with pytest.raises(ReportError, match="预算表未填写"):
        write_performance_docx(performance_result(budget=None), tmp_path)
    with pytest.raises(ReportError, match="没有任何指标"):
        write_performance_docx(performance_result(targets=()), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_every_target_and_block_of_the_fixture_is_printed(report: ReadReport) -> None:
    form = report.table_with("一级指标", "三级指标")
    assert {r[2] for r in form[1:] if not r[0].endswith(("小计", "）", "等级"))} == {
        t.level3 for t in TARGETS
    }
    for block in NARRATIVE:
        for line in block.text.splitlines():
            assert line in report.paragraphs


def test_the_project_year_is_named_only_when_it_is_not_the_contract_period() -> None:
    def texts(project_year: str) -> str:
        content = build_performance_content(
            performance_result(budget=replace(BUDGET, project_year=project_year))
        )
        return "\n".join(str(b.text) for b in content.body if isinstance(b, Paragraph))

    assert "本项目年度为2023年9月18日至2024年9月17日。" in texts("2023年9月18日至2024年9月17日")
    assert "本项目年度为" not in texts("2023年7月1日 至 2024年6月30日")  # the 协议期 already said


def test_a_missing_actual_is_scored_nought_and_said_so() -> None:
    missing = replace(TARGETS[1], actual=None, reason="")
    scored = performance_result(targets=(TARGETS[0], missing, *TARGETS[2:]))
    content = build_performance_content(scored)
    texts = [str(b.text) for b in content.body if isinstance(b, Paragraph)]
    assert (
        "产出指标“专业个案结案数”未填写实际完成值，得分0.00分（分值10分）；未说明偏差原因。"
        in texts
    )
    form = content.form[1]
    row = next(r for r in form.rows if r[2] is not None and r[2].value == "专业个案结案数")
    assert str(row[4].value) == "未填写"  # type: ignore[union-attr]
