"""The report a user opens: its sections, the score table, 附件1 and 附件2 agree with the engine."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from report_docs import ReadReport, read, write_example

from pinggu import Result
from pinggu._model import TOTAL
from pinggu._numbers import plain

SECTIONS = (
    "一、末期评估背景",
    "（一）评估依据",
    "（五）评估结果说明",
    "二、评估总结",
    "（一）社工站基本情况",
    "（二）各项目服务进度情况",
    "（三）项目管理",
    "（四）服务质量",
    "（五）服务监测",
    "（六）服务成效",
    "（七）购买方评估",
    "（八）督导中心",
    "（九）监督方评估",
    "三、评估反馈",
    "四、评估等级",
    "五、结语",
    "附件1",
    "附件2",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, ReadReport]:
    result, path = write_example(tmp_path_factory.mktemp("report"))
    return result, read(path)


def test_it_is_named_after_the_station_and_kind(report: tuple[Result, ReadReport]) -> None:
    assert report[1].path.name == "示例街社工服务站末期评估报告.docx"


def test_every_section_is_there_in_order(report: tuple[Result, ReadReport]) -> None:
    paragraphs = [p.strip() for p in report[1].paragraphs]
    positions = [paragraphs.index(s) for s in SECTIONS]
    assert positions == sorted(positions)


def test_no_template_field_is_left_unfilled(report: tuple[Result, ReadReport]) -> None:
    everything = report[1].text + str(report[1].tables)
    for leftover in ("{{", "}}", "{%", "%}", "⟦", "None"):
        assert leftover not in everything


def test_cover_lines_name_every_party(report: tuple[Result, ReadReport]) -> None:
    result, doc = report
    info = result.evaluation.info
    for label, value in (
        ("项目监督方", info.supervisor),
        ("项目购买方", info.purchaser),
        ("项目承办方", info.operator),
        ("项目评估方", info.evaluator),
    ):
        assert f"{label}：{value}" in doc.paragraphs
    d = info.evaluation_date
    assert f"评估日期：{d.year}年{d.month}月{d.day}日" in doc.paragraphs


def test_score_table_rows_and_total_are_the_engines(report: tuple[Result, ReadReport]) -> None:
    result, doc = report
    table = doc.table_with("评估内容", "标准分", "评分", "折算分")
    rows = {row[0]: row[1:] for row in table[1:]}
    for party in result.scores.parties:
        for dim in party.dimensions:
            assert dim.weighted_score is not None
            if dim.per_zone:
                for zone in dim.zones:
                    assert zone.score is not None
                    max_points, score, weighted = rows[f"{dim.dimension}（{zone.zone}）"]
                    assert (max_points, score) == (plain(dim.max_points), f"{zone.score.value:.2f}")
                    assert (
                        weighted == f"{dim.weighted_score.value:.2f}"
                    )  # merged over the 片区 rows
            else:
                assert rows[dim.dimension] == [
                    plain(dim.max_points),
                    f"{dim.score.value:.2f}" if dim.score else "",
                    f"{dim.weighted_score.value:.2f}",
                ]
    assert result.total_score is not None
    assert f"{result.total_score.value:.2f}" == "87.81"
    assert table[-1] == ["以上四项总得分：87.81分　　等级：良好"] * 4
    merged = [row for row in table[1:-1] if len(set(row)) > 1]
    weighted = {row[-1] for row in merged}  # merged cells repeat: count each once
    assert sum((Decimal(w) for w in weighted), Decimal(0)) == Decimal("87.81")


def _standard_points(path: Path) -> list[str]:
    """The 标准分 column as a reader adds it: a cell merged over several rows counts once."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    table = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells[:2]] == ["评估内容", "标准分"]
    )
    out = []
    for tr in table._tbl.tr_lst[1:]:
        tcs = tr.tc_lst
        if len(tcs) != 4:
            continue  # a line across the table (subtotal, total)
        merge = tcs[1].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if merge is not None and merge.get(qn("w:val")) != "restart":
            continue  # under a merged cell
        out.append("".join(t.text or "" for t in tcs[1].iter(qn("w:t"))))
    return out


def test_score_table_standard_points_add_up_to_the_schemes_total(
    report: tuple[Result, ReadReport],
) -> None:
    result, doc = report
    points = _standard_points(doc.path)
    # 服务质量 is scored per 片区 under one 标准分 of 20, not three rows of 20 (seed 002's 140)
    assert points.count("20") == 2  # 服务质量 and 购买方
    assert sum(Decimal(p) for p in points) == result.scheme.total_points == Decimal(100)


def test_score_table_prints_the_third_partys_subtotal(report: tuple[Result, ReadReport]) -> None:
    result, doc = report
    table = doc.table_with("评估内容", "标准分", "评分", "折算分")
    third = result.scores.parties[0]
    assert third.score is not None
    line = f"第三方评估 得分：{third.score.value:.2f}分"
    assert line == "第三方评估 得分：45.81分"
    position = table.index([line] * 4)
    assert table[position + 1][0] == "购买方"  # closes the third party's rows


def test_the_document_properties_are_the_reports(report: tuple[Result, ReadReport]) -> None:
    from datetime import UTC, datetime, timedelta

    from docx import Document

    result, doc = report
    core = Document(str(doc.path)).core_properties
    assert core.title == "海珠区示例街社工服务站末期评估报告" == doc.paragraphs[0]
    assert core.author == result.evaluation.info.evaluator == "广州市瑞祥社会服务评估中心"
    assert "python-docx" not in core.comments and core.comments
    assert "模板" not in core.title
    now = datetime.now(UTC)
    assert core.created is not None and core.modified is not None
    assert now - timedelta(hours=1) < core.created <= now + timedelta(minutes=1)
    assert core.modified == core.created
    with zipfile.ZipFile(doc.path) as z:
        xml = z.read("docProps/core.xml").decode("utf-8")
    assert xml.count("lastModifiedBy>") == 2  # one element, opened and closed
    assert f"lastModifiedBy>{result.evaluation.info.evaluator}<" in xml


def test_grade_sentence_states_total_and_grade(report: tuple[Result, ReadReport]) -> None:
    assert (
        "经过评估，示例街社工站本次末期评估的总分为87.81分，等级为：良好。" in report[1].paragraphs
    )


def test_appendix_1_cells_are_the_engines_figures(report: tuple[Result, ReadReport]) -> None:
    result, doc = report
    checked = 0
    tables = doc.tables_with("协议量")
    for r in result.indicators:
        label = f"{r.indicator}（{r.measure}）"
        for table in tables:
            header = table[0]
            if label not in header:
                continue
            col = header.index(label)
            row = next(x for x in table[2:] if x[0] == r.zone)
            target, actual, pct = row[col : col + 3]
            assert target == (plain(r.target) if r.target is not None else "/")
            assert actual == plain(r.actual)
            assert pct == (f"{r.completion.value:.2f}%" if r.completion else "/")
            checked += 1
    wide = doc.table_with("指标", "计量", "协议量", "完成量", "百分比")
    for row in wide[1:]:
        r = next(x for x in result.indicators if (x.indicator, x.measure) == (row[0], row[1]))
        assert row[3] == plain(r.actual)
        checked += 1
    assert checked == len(result.indicators)


def test_appendix_1_totals_are_sums_not_sums_of_percentages(
    report: tuple[Result, ReadReport],
) -> None:
    _, doc = report
    table = doc.tables_with("协议量")[0]
    zones = [row for row in table[2:] if row[0] != TOTAL]
    total = next(row for row in table[2:] if row[0] == TOTAL)
    for col in range(1, len(total), 3):
        target = sum(Decimal(z[col]) for z in zones)
        actual = sum(Decimal(z[col + 1]) for z in zones)
        assert Decimal(total[col]) == target and Decimal(total[col + 1]) == actual
        assert total[col + 2] == f"{(actual * 100 / target).quantize(Decimal('0.01'))}%"


def test_appendix_2_has_every_worker_month_and_the_engines_totals(
    report: tuple[Result, ReadReport],
) -> None:
    result, doc = report
    table = doc.table_with("序号", "姓名", "岗位", "合计")
    months = [m.month for m in result.staffing.months]
    end = table[0].index("合计")
    assert table[0][4:end] == [f"{m.year}年" for m in months]  # merged over each year's months
    assert table[1][4:end] == [f"{m.month}月" for m in months]
    by_label = {
        row[0]: row[4 : end + 1]
        for row in table
        if row[0] in ("持证社工小计", "非持证社工小计", "每月实到", "每月应到", "每月持证应到")
    }
    s = result.staffing
    assert by_label["每月实到"] == [*(plain(m.actual) for m in s.months), plain(s.actual.value)]
    assert by_label["每月应到"] == [
        *(plain(m.required) for m in s.months),
        plain(s.required.value),
    ]
    assert by_label["持证社工小计"] == [
        *(plain(m.certified_actual) for m in s.months),
        plain(s.certified_actual.value),
    ]
    assert plain(s.actual.value) == "197" and plain(s.required.value) == "200"
    workers = [row for row in table[2:] if row[0].isdigit()]

    def value(cell: str) -> Decimal:
        return Decimal(cell) if cell not in ("", "——") else Decimal(0)

    cells = sum(value(c) for row in workers for c in row[4:end])
    assert cells == s.actual.value
    for row in workers:
        assert Decimal(row[end]) == sum((value(c) for c in row[4:end]), Decimal(0))
    assert {row[3] for row in workers} <= {
        "中级社工师",
        "助理社工师",
        "高级社工师",
        "持证",
        "非持证",
    }
    assert ["一、持证社工"] * len(table[0]) in table and ["二、非持证社工"] * len(table[0]) in table


def test_appendix_2_states_retention_and_experience_with_their_parts(
    report: tuple[Result, ReadReport],
) -> None:
    text = report[1].text
    assert "稳岗率：考核期内每月均在岗的社工17人 ÷ 协议社工人数20人 = 85.00%。" in text
    assert "从业2年以上：从业满两年的社工到岗170人次 ÷ 实到197人次 = 86.29%。" in text


def test_progress_sentence_reads_like_the_seeds(report: tuple[Result, ReadReport]) -> None:
    text = report[1].text
    assert "电访5861人次，完成协议指标量的113.15%" in text
    assert "专业个案接案88个、581节、结案77个，分别完成协议指标量的92.63%、101.93%和101.32%" in text
    assert "未能达到协议指标量外，其余指标均已完成" in text


def test_basic_facts_give_zones_staff_and_contract(report: tuple[Result, ReadReport]) -> None:
    result, doc = report
    text = doc.text
    zones = result.evaluation.zones
    for zone in zones:
        assert f"{zone.name}（{'、'.join(zone.communities)}）" in text
    t = result.staffing.turnover
    assert f"其中持证社工{t.end_certified}名" in text
    assert "本社工站服务经费为240万元" in text


def test_example_report_passes_its_own_audit_with_nothing_unchecked(tmp_path: Path) -> None:
    from pinggu._report.audit import audit_report

    _, path = write_example(tmp_path)
    audit = audit_report(path)
    assert audit.ok and not audit.unchecked
    assert len(audit.checks) > 900  # every table cell and every figure in the text


def test_another_schemes_weights_and_dimensions_appear(tmp_path: Path) -> None:
    from pinggu import evaluate, load_scheme
    from pinggu._report.build import write_docx
    from pinggu._synthetic import synthetic_evaluation

    scheme = load_scheme("district-pilot")
    _, files = write_docx(evaluate(synthetic_evaluation(11, scheme=scheme), scheme), tmp_path)
    doc = read(files.docx)
    assert (
        "其中，第三方评估机构占比60%、购买方占比15%、督导中心占比15%、监督方占比10%。" in doc.text
    )
    assert "（五）专业评估结果为不合格的（第三方评估机构得分率低于60.00%）；" in doc.paragraphs
    rows = {row[0]: row[1:] for row in doc.table_with("评估内容", "标准分")}
    assert rows["满意度"][0] == "5"
    max_points, score, weighted = rows["购买方（评分满分100）"]
    assert max_points == "15" and Decimal(weighted) == (Decimal(score) * 15 / 100).quantize(
        Decimal("0.01")
    )
    assert files.audit.ok
