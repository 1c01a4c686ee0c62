"""Spot-check results (docs/onsite.md「抽查结果」): marks checked against the lists and the
checklists, rolled up into the seeds' sentences and drafts naming the files behind them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pinggu import (
    CheckMark,
    FileEntry,
    FileType,
    OnSite,
    Verdict,
    evaluate,
    load_scheme,
    mark_problem,
    sample_files,
    spot_check_result,
    synthetic_evaluation,
)
from pinggu.cli import main

SCHEME = load_scheme("guangzhou-2023")
SAMPLING = SCHEME.file_sampling
assert SAMPLING is not None
CASE_ITEMS = [i.name for i in SAMPLING.checklists[0].items]


def cases(zone: str, first: int, n: int) -> list[FileEntry]:
    return [
        FileEntry(FileType.CASE, f"GA{i:03}", zone, "张社工", opened=date(2024, 3, 1))
        for i in range(first, first + n)
    ]


FILES = (*cases("第一片区", 1, 6), *cases("第二片区", 7, 6))


def marks(ids: list[str], failing: dict[str, list[str]]) -> tuple[CheckMark, ...]:
    """Every case item for each file: 不符合 where `failing[item]` names the file."""
    return tuple(
        CheckMark(
            FileType.CASE,
            number,
            item,
            Verdict.UNMET if number in failing.get(item, []) else Verdict.MET,
        )
        for number in ids
        for item in CASE_ITEMS
    )


def test_the_sentence_reads_like_the_seeds() -> None:
    checked = ["GA001", "GA002", "GA003", "GA007", "GA008"]
    failing = {"知情同意书签名": ["GA001", "GA002", "GA007"], "结案评估": ["GA008"]}
    onsite = OnSite(files=FILES, checks=marks(checked, failing))
    result = spot_check_result(onsite, SAMPLING, ["服务质量"])
    (cases_,) = result.types
    assert (cases_.listed, cases_.checked, cases_.drawn) == (12, 5, 0)
    assert cases_.sentence == "抽查个案档案 5 份，其中 3 份知情同意书缺少签名，1 份缺少结案评估"
    signature = cases_.items[CASE_ITEMS.index("知情同意书签名")]
    assert [f.id for f in signature.failing] == ["GA001", "GA002", "GA007"]


def test_all_items_met_say_so() -> None:
    onsite = OnSite(files=FILES, checks=marks(["GA001"], {}))
    (cases_,) = spot_check_result(onsite, SAMPLING).types
    assert cases_.sentence == "抽查个案档案 1 份，各检查项均符合要求"


def test_not_applicable_is_neither_met_nor_failing() -> None:
    checks = (
        CheckMark(FileType.CASE, "GA001", "结案评估", Verdict.NOT_APPLICABLE, "尚未结案"),
        CheckMark(FileType.CASE, "GA002", "结案评估", Verdict.UNMET),
    )
    (cases_,) = spot_check_result(OnSite(files=FILES, checks=checks), SAMPLING).types
    closing = cases_.items[CASE_ITEMS.index("结案评估")]
    assert (closing.checked, closing.not_applicable, len(closing.failing)) == (1, 1, 1)
    assert cases_.sentence == "抽查个案档案 2 份，其中 1 份缺少结案评估"


def test_drafts_go_to_each_items_section_per_zone_naming_the_files() -> None:
    checked = ["GA001", "GA002", "GA007", "GA008"]
    failing = {"知情同意书签名": ["GA001", "GA007"], "督导目标": ["GA002", "GA008"]}
    onsite = OnSite(files=FILES, checks=marks(checked, failing))
    drafts = spot_check_result(onsite, SAMPLING, ["服务质量"]).drafts
    assert [(d.section, d.zone, d.text, d.files) for d in drafts] == [
        (
            "服务质量",
            "第一片区",
            "抽查个案档案 2 份，其中 1 份知情同意书缺少签名（GA001）。"
            "建议第一片区社工补齐上述档案的文书，规范文书的填写与归档。",
            ("个案 GA001",),
        ),
        (
            "服务质量",
            "第二片区",
            "抽查个案档案 2 份，其中 1 份知情同意书缺少签名（GA007）。"
            "建议第二片区社工补齐上述档案的文书，规范文书的填写与归档。",
            ("个案 GA007",),
        ),
        (
            "项目管理",
            None,
            "抽查个案档案 4 份，其中 2 份督导记录中缺少每次的督导目标（GA002、GA008）。"
            "建议社工站补齐上述档案的文书，规范文书的填写与归档。",
            ("个案 GA002", "个案 GA008"),
        ),
    ]


def test_the_draw_is_rerun_from_the_recorded_seed() -> None:
    result = spot_check_result(OnSite(files=FILES, draw_seed="2024"), SAMPLING)
    assert result.draw == sample_files(FILES, SAMPLING, seed="2024")
    (cases_,) = result.types
    assert (cases_.drawn, cases_.checked, cases_.sentence) == (4, 0, "")


@pytest.mark.parametrize(
    ("mark", "phrase"),
    [
        (CheckMark(FileType.CASE, "GA099", "结案评估", Verdict.MET), "不在档案清单中"),
        (CheckMark(FileType.GROUP, "GA001", "结案评估", Verdict.MET), "不在档案清单中"),
        (CheckMark(FileType.CASE, "GA001", "签到表", Verdict.MET), "不是个案档案的检查项"),
    ],
)
def test_a_mark_off_the_lists_or_the_checklist_is_refused(mark: CheckMark, phrase: str) -> None:
    problem = mark_problem(mark, FILES, SAMPLING)
    assert problem is not None and phrase in problem


def test_a_second_mark_for_one_item_is_refused_but_spellings_match() -> None:
    first = CheckMark(FileType.CASE, "GA001", "结案评估", Verdict.MET)
    again = CheckMark(FileType.CASE, "ga 001", "结案 评估", Verdict.UNMET)
    assert mark_problem(first, FILES, SAMPLING) is None
    problem = mark_problem(again, FILES, SAMPLING, [first])
    assert problem is not None and "已有一条结果" in problem


def test_evaluate_fills_the_spot_checks_only_when_there_are_lists() -> None:
    plain = synthetic_evaluation(seed=3)
    without = replace(plain, onsite=OnSite())
    assert evaluate(without, SCHEME).spot_checks is None
    checks = marks(["GA001"], {"服务计划": ["GA001"]})
    zones = [z.name for z in plain.zones]
    listed = tuple(replace(f, zone=zones[0]) for f in FILES)
    result = evaluate(replace(plain, onsite=OnSite(files=listed, checks=checks)), SCHEME)
    assert result.spot_checks is not None
    assert result.spot_checks.sentences == ("抽查个案档案 1 份，其中 1 份服务计划不完整",)
    assert result.spot_checks.example


def test_evaluate_prints_the_sentences_and_the_json_block(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = Path(__file__).parent.parent / "examples" / "示例街社工服务站-末期评估.xlsx"
    assert main(["evaluate", str(example)]) == 0
    text = capsys.readouterr().out
    assert "【档案抽查】（抽查比例和检查项为方案中的示例）" in text
    assert "· 抽查个案档案 15 份，其中 3 份知情同意书缺少签名" in text
    assert main(["evaluate", str(example), "--json"]) == 0
    block = json.loads(capsys.readouterr().out)["spot_checks"]
    assert block["seed"] == "20240520" and block["example"] is True
    cases = block["types"][0]
    assert (cases["type"], cases["listed"], cases["drawn"], cases["checked"]) == (
        "个案",
        87,
        15,
        15,
    )
    assert cases["items"][0]["failing"][0] == {"zone": "第一片区", "id": "GA1025"}
    assert "同意书未见服务对象签名" not in json.dumps(block, ensure_ascii=False)  # no notes
