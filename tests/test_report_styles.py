"""Two house styles as data: the 联合会 structure (the default) and the 协会 structure, picked
with --style or by the 评估方, both audited (docs/report-template.md「报告样式」)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from report_docs import EXAMPLE, example_result, read

from pinggu._errors import ReportError, StyleError
from pinggu._report.audit import audit_report
from pinggu._report.build import write_docx
from pinggu._report.embed import read_payload
from pinggu._report.styles import (
    BLOCKS,
    STYLE_FIELDS,
    available_styles,
    load_style,
    style_from_text,
)
from pinggu._report.word import default_template
from pinggu.cli import main

ROOT = Path(__file__).parent.parent
XIEHUI_HEADINGS = [
    "一、社工站基本情况",
    "二、评估依据、评估原则及评估办法",
    "（一）评估依据",
    "（二）评估原则",
    "（三）评估团队",
    "（四）评估方式",
    "（五）评估结果说明",
    "三、监督方评估（广州市海珠区民政局）",
    "（一）值得肯定的地方",
    "（二）需要关注的地方",
    "四、购买方评估（广州市海珠区示例街道办事处）",
    "（一）值得肯定的地方",
    "（二）需要关注的地方",
    "五、督导中心评估",
    "（一）值得肯定的地方",
    "（二）需要关注的地方",
    "六、第三方专业评估",
    "（一）项目管理",
    "1.项目周期",
    "2.人员配置",
    "3.人员资质",
    "4.宣传",
    "5.其他方面",
    "（二）社工站总体服务开展情况",
    "1.困难群众跟进情况",  # the example workbook has 服务记录
    "2.值得肯定的地方",
    "3.需要关注的地方",
    "（三）各社工点服务开展情况",
    "1.第一片区",
    "2.第二片区",
    "3.第三片区",
    "（四）上一轮评估意见整改情况",  # the example follows up an imagined mid-term's concerns
    "七、评估结果",
    "八、结语",
    "附件1",
    "附件2",
]


def headings(path: Path) -> list[str]:
    doc = Document(str(path))
    return [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, Path]:
    out = tmp_path_factory.mktemp("styles")
    result = example_result()
    return {
        style: write_docx(result, out / str(style), style=style)[1].docx
        for style in (None, "lianhehui", "xiehui")
    }


def test_the_xiehui_style_has_its_sections_in_order(written: dict[str | None, Path]) -> None:
    assert headings(written["xiehui"]) == XIEHUI_HEADINGS
    report = read(written["xiehui"])
    assert "《广州市社工服务站管理办法》" in report.text


def _under(report: list[str], heading: str) -> list[str]:
    at = report.index(heading)
    end = next(
        i for i in range(at + 1, len(report)) if re.match(r"^(\d+\.|（[一二三]）)", report[i])
    )
    return report[at + 1 : end]


def test_xiehui_project_management_is_split_by_topic(written: dict[str | None, Path]) -> None:
    """项目管理 by topic: a draft by the rule that wrote it, an entered finding by its words,
    one of no topic under 其他方面 rather than dropped."""
    report = read(written["xiehui"]).paragraphs
    staffing = "".join(_under(report, "2.人员配置"))
    assert "稳岗率为85.00%" in staffing and "未缴纳社会保险" in staffing
    qualifications = "".join(_under(report, "3.人员资质"))
    assert "从业2年以上社工到岗170人次" in qualifications
    assert "项目负责人持有社会工作者职业水平中级证书" in qualifications  # entered: 证书
    assert "本次评估在人员资质方面没有提出需要关注的地方。" in qualifications
    assert "社工站重视项目宣传工作" in "".join(_under(report, "4.宣传"))  # entered: 宣传
    assert "服务文书能够反映相应流程的落实" in "".join(_under(report, "5.其他方面"))
    assert "人员费用支出1680068.94元" in "".join(_under(report, "1.项目周期"))


def test_a_topic_with_nothing_to_say_is_left_out_and_the_numbers_run_on(tmp_path: Path) -> None:
    result = example_result()
    findings = tuple(f for f in result.evaluation.findings if "宣传" not in f.text)
    result = replace(result, evaluation=replace(result.evaluation, findings=findings))
    _, files = write_docx(result, tmp_path, style="xiehui")
    management = headings(files.docx)[17:23]
    assert management == [
        "（一）项目管理",
        "1.项目周期",
        "2.人员配置",
        "3.人员资质",
        "4.其他方面",
        "（二）社工站总体服务开展情况",
    ]
    assert files.audit.ok


def test_the_xiehui_result_is_one_line_per_party_then_the_total_and_the_grade(
    written: dict[str | None, Path],
) -> None:
    """七、评估结果 as the seeds write it: no score table, each party's score in one line."""
    report = read(written["xiehui"])
    at = report.paragraphs.index("七、评估结果")
    assert report.paragraphs[at + 1 : at + 3] == [
        "监督方评分：8.50分；购买方评分：19.50分；督导中心评分：14.00分；"
        "第三方专业评估评分：45.81分。",
        "以上四方评估总得分：87.81分，评估等级：良好。",
    ]
    # then the station's self-scores beside the experts' (the example self-assessed)
    assert report.paragraphs[at + 3].startswith("社工站在实地评估前报送了自评报告")
    assert report.paragraphs.index("八、结语") > at + 3
    cells = [c for t in report.tables for row in t for c in row]
    assert not any(c.startswith("以上四项总得分") for c in cells)
    audit = audit_report(written["xiehui"])
    total = [c for c in audit.checks if c.where == "七、评估结果" and "之和" in c.detail]
    assert total and all(c.ok for c in total)


def test_the_default_is_the_lianhehui_structure_unchanged(
    written: dict[str | None, Path],
) -> None:
    default = headings(written[None])
    assert default == headings(written["lianhehui"])
    assert default[:3] == ["一、末期评估背景", "（一）评估依据", "（二）评估原则"]
    assert read(written[None]).text == read(written["lianhehui"]).text


@pytest.mark.parametrize("style", ["lianhehui", "xiehui"])
def test_the_audit_passes_on_either_style_and_knows_which(
    written: dict[str | None, Path], style: str
) -> None:
    assert read_payload(written[style])["style"] == style
    audit = audit_report(written[style])
    assert audit.ok and len(audit.checks) > 500


def test_the_agency_named_in_a_style_gets_it_by_default(tmp_path: Path) -> None:
    result = example_result()
    info = replace(result.evaluation.info, evaluator="广州市社会工作协会")
    result = replace(result, evaluation=replace(result.evaluation, info=info))
    _, files = write_docx(result, tmp_path)
    assert read_payload(files.docx)["style"] == "xiehui"
    assert headings(files.docx)[0] == "一、社工站基本情况"


def test_the_lianhehui_structure_is_its_style_file_not_its_template() -> None:
    """One mechanism: both styles are `[[section]]` lists laid out by the same template."""
    lianhehui = load_style("lianhehui")
    assert lianhehui.sections[1].heading == "一、{kind}评估背景"
    assert "zone_concerns:服务质量" in {b for s in lianhehui.sections for b in s.blocks}
    template = read(default_template()).text
    assert "评估背景" not in template and "评估总结" not in template
    assert "{%p for b in body %}" in template


def test_styles_lists_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["styles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "lianhehui\t联合会样式\t其他评估方（默认）",
        "xiehui\t协会样式\t广州市社会工作协会",
    ]


def test_report_takes_a_style_and_refuses_an_unknown_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path), "--no-pdf", "--style", "xiehui"]) == 0
    (docx,) = tmp_path.glob("*.docx")
    assert headings(docx)[0] == "一、社工站基本情况"
    assert main(["audit", str(docx)]) == 0
    capsys.readouterr()
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "x"), "--style", "别的"]) == 2
    assert "没有名为「别的」的报告样式；可用：lianhehui、xiehui" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('title="x"\n[[section]]\nlevel=1\nblocks=["scores"]', "section[0].blocks"),
        ('title="x"\n[[section]]\nlevel=1\nblocks=["strengths"]', "section[0].blocks"),
        ('title="x"\n[[section]]\nlevel=1\nheading="{bureau}"', "section[0].heading"),
        ('title="x"\n[[section]]\nlevel=1\ntext=["{grade}"]', "section[0].text"),
        ('title="x"\n[[section]]\nlevel=4', "section[0].level"),
        ('title="x"\n[[section]]\nlevel=1\noptional=true', "section[0].optional"),
        ('title="x"', "section"),
        (
            'title="x"\n[[section]]\nlevel=1\nblocks=["topic:项目管理@宣传", "others:项目管理"]',
            "section[0].blocks",
        ),
        (
            'title="x"\n[[section]]\nlevel=1\nblocks=["topic:项目管理@宣传"]\n'
            '[[topic]]\nsection="项目管理"\nname="宣传"',
            "section[0].blocks",
        ),
        ('title="x"\n[[section]]\nlevel=1\nblocks=["topic:项目管理"]', "section[0].blocks"),
        (
            'title="x"\n[[section]]\nlevel=1\n[[topic]]\nsection="项目管理"\nname="宣传"\n'
            'rules=["publicity"]',
            "topic[0].rules",
        ),
        ('title="x"\ntemplate="template.docx"\n[[section]]\nlevel=1', "template"),
        ('title="x"\n[[section]]\nlevel=1\nunless="team"', "section[0].unless"),
    ],
)
def test_a_bad_style_file_is_refused_where_it_is_wrong(text: str, where: str) -> None:
    with pytest.raises(StyleError) as caught:
        style_from_text(text, "x", "x.toml")
    assert caught.value.key == where


def test_every_style_key_and_block_is_documented() -> None:
    docs = (ROOT / "docs" / "report-template.md").read_text(encoding="utf-8")
    styles = docs[docs.index("## 报告样式") :]
    keys = {"title", "agencies", "section", "level", "heading", "text", "blocks", "optional"}
    keys.add("unless")
    keys |= {"topic", "name", "rules", "words"}
    for name in available_styles():
        source = (ROOT / "pinggu" / "_report" / "styles" / f"{name}.toml").read_text("utf-8")
        used = set(re.findall(r"^\s*(?:\[\[)?([a-z_]+)", source, re.M)) - {""}
        assert used <= keys, used - keys
        assert f"`{name}`" in styles
    for key in keys | set(BLOCKS):
        assert f"| `{key}` |" in styles, key
    for field in STYLE_FIELDS:
        assert f"`{{{field}}}`" in styles, field


def test_a_final_with_its_midterm_in_the_xiehui_style_says_so_and_passes_its_audit(
    tmp_path: Path,
) -> None:
    from test_report_reads_like_an_evaluator import _round

    mid, final = _round()
    _, files = write_docx(final, tmp_path, midterm=mid, style="xiehui")
    report = read(files.docx)
    assert "与中期评估意见一致" in report.text
    assert headings(files.docx)[0] == "一、社工站基本情况"
    # A 片区 nobody said anything about gets a sentence, not 「值得肯定的地方：①本次评估…」.
    zone = _under(report.paragraphs, "2.第二片区")
    assert zone == [
        "该片区范围包括：丙社区。",
        "本次评估第二片区没有提出值得肯定的地方。",
        "本次评估第二片区没有提出需要关注的地方。",
    ]
    assert audit_report(files.docx).ok


def test_a_scheme_section_the_style_does_not_place_is_refused_not_dropped() -> None:
    from pinggu._report.content import build_content
    from pinggu._report.findings import SectionFindings
    from pinggu._report.styles import load_style
    from pinggu._report.word_body import body

    content = build_content(example_result())
    extra = SectionFindings("党建引领", (), (), ())
    content = replace(content, sections={**content.sections, "党建引领": extra})
    with pytest.raises(ReportError, match="没有安排评估方案中「党建引领」部分的意见"):
        body(load_style("xiehui"), content, lambda t: str(t), ("", ""), lambda _: None)  # type: ignore[arg-type,return-value]
