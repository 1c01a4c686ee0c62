"""(一) 社工站基本情况 states what every final report states (issue 11 §9): address, the year of
operation, staff by qualification and by 片区, changes by kind, the project lead. Optional
fields left empty drop their sentence, never print an empty one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import evaluation, info, team, worker
from workbook_rows import add_row, set_cell, valid_sheets

from pinggu import Result, evaluate, load_scheme
from pinggu._errors import WorkbookError
from pinggu._model import AttendanceRow, Qualification, StationInfo
from pinggu._report.marks import Text
from pinggu._report.narrative import basic_facts
from pinggu._workbook.importer import parse_workbook

SCHEME = load_scheme()


def _facts(
    station: StationInfo | None = None, attendance: list[AttendanceRow] | None = None
) -> str:
    return "\n".join(str(t) for t in _texts(station, attendance))


def _texts(
    station: StationInfo | None = None, attendance: list[AttendanceRow] | None = None
) -> list[Text]:
    result: Result = evaluate(evaluation(station=station, attendance=attendance), SCHEME)
    return basic_facts(result)


def _keys(texts: list[Text]) -> dict[str, str]:
    return {n.key: n.text for t in texts for n in t.nums()}


def test_the_year_of_operation_is_counted_from_the_operator_start() -> None:
    texts = _texts(info(operator_since=date(2012, 6, 1)))  # period from 2023-07-01
    assert (
        "于2012年6月开始，由测试社会工作服务中心负责运营，本考核期为其运营本社工站的第12年。"
        in (str(texts[0]))
    )
    assert _keys(texts)["基本信息·运营第几年"] == "12"
    assert "第1年" in _facts(info(operator_since=date(2023, 7, 1)))
    assert "第1年" in _facts(info(operator_since=date(2023, 9, 1)))  # took over within the period
    without = _facts()
    assert "由测试社会工作服务中心负责运营。" in without and "第" not in without.split("。")[1]


def test_the_project_lead_is_stated_with_certificate_and_years() -> None:
    station = info(lead="张三", lead_qualification=Qualification.INTERMEDIATE, lead_years=12)
    texts = _texts(station)
    assert "社工站项目负责人张三持有中级社工师资格，在行业内从业12年。" in str(texts[1])
    assert _keys(texts)["基本信息·负责人从业年限"] == "12"
    assert "社工站项目负责人王五未持有社会工作者职业资格证书。" in _facts(
        info(lead="王五", lead_qualification=Qualification.NONE)
    )


def test_the_lead_is_the_stations_head_in_attendance_when_not_named() -> None:
    rows = team(19, 11, certified=True, experienced=True)
    head = worker("S1", [1] * 11, certified=True, experienced=True, position="站长")
    rows += [replace(r, qualification=Qualification.ASSISTANT) for r in head]
    assert "社工站项目负责人社工S1持有助理社工师资格，在行业内从业8年。" in _facts(
        info(lead_years=8), rows
    )
    # nothing about the lead in the workbook and no 站长: no sentence, never an empty one
    assert "项目负责人" not in _facts()


def test_workers_are_counted_by_zone_only_when_attendance_gives_the_zone() -> None:
    zones = ("第一片区", "第二片区", "第三片区")
    rows: list[AttendanceRow] = []
    for i in range(9):
        rows += [replace(r, zone=zones[i % 3]) for r in worker(f"W{i}", [1] * 11, certified=True)]
    rows += [replace(r, zone="全站") for r in worker("S", [1] * 11, position="站长")]
    rows += [replace(r, zone="第一片区") for r in worker("L", [1, 1] + [0] * 9)]  # left
    texts = _texts(attendance=rows)
    assert "期末各片区配备社工：第一片区3名、第二片区3名、第三片区3名，全站岗位1名。" in str(
        texts[1]
    )
    assert _keys(texts)["人员·期末·片区·第一片区"] == "3"
    assert "期末各片区" not in _facts()


def test_staff_changes_are_counted_by_kind() -> None:
    rows = team(15, 11, certified=True, experienced=True)
    gone = [0] * 8
    rows += worker("L1", [1, 1, 1, *gone], note="9月30日提前解除劳动合同")
    rows += worker("L2", [0, 1, 1, *gone], note="8月12日试用期离职")
    rows += worker("L3", [1, 1, 1, *gone], note="9月20日调出")
    rows += worker("L4", [1, 1, 1, *gone], note="9月18日离职")
    rows += worker("J1", [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], note="10月1日调入")
    rows += worker("J2", [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], note="10月1日入职")
    texts = _texts(attendance=rows)
    assert (
        "考核期内新入职3名（其中调入1名）、离职4名（试用期离职1名、提前解除劳动合同1名、调出1名、其他1名）。"
        in str(texts[1])
    )
    keys = _keys(texts)
    assert keys["人员·离职·提前解除劳动合同"] == "1" and keys["人员·入职·调入"] == "1"
    plain = _facts(attendance=team(20, 11, certified=True))
    assert "考核期内新入职0名、离职0名。" in plain and "（）" not in plain


def test_the_workbook_carries_the_lead_and_the_zone_of_each_worker() -> None:
    sheets = valid_sheets()
    add_row(sheets, "基本信息", 项目="项目负责人", 内容="张三")
    add_row(sheets, "基本信息", 项目="负责人持证等级", 内容="中级")
    add_row(sheets, "基本信息", 项目="负责人从业年限", 内容=12.0)
    sheets["到岗"][0].append("片区")
    for row, zone in zip(sheets["到岗"][1:], ["全站"] * 3 + ["第二片区"] * 3, strict=True):
        row.append(zone)
    ev = parse_workbook(sheets, SCHEME)
    assert (ev.info.lead, ev.info.lead_qualification, ev.info.lead_years) == (
        "张三",
        Qualification.INTERMEDIATE,
        12,
    )
    assert [r.zone for r in ev.attendance] == ["全站"] * 3 + ["第二片区"] * 3


def test_a_lead_certificate_of_just_yes_and_an_unknown_zone_are_refused() -> None:
    sheets = valid_sheets()
    add_row(sheets, "基本信息", 项目="负责人持证等级", 内容="是")
    sheets["到岗"][0].append("片区")
    for row in sheets["到岗"][1:]:
        row.append("第二片区")
    set_cell(sheets, "到岗", 2, "片区", "第九片区")
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    messages = [(p.sheet, p.column, p.message) for p in caught.value.problems]
    assert len(messages) == 2, messages
    assert messages[0][:2] == ("基本信息", "内容") and "请填写持证等级" in messages[0][2]
    assert messages[1][:2] == ("到岗", "片区") and "第九片区" in messages[1][2]


def test_the_example_report_states_every_basic_fact() -> None:
    from report_docs import example_result

    result = example_result()
    ev = result.evaluation
    text = "\n".join(str(t) for t in basic_facts(result))
    assert ev.info.address and f"社工站位于{ev.info.address}" in text
    assert "本考核期为其运营本社工站的第" in text
    assert ev.info.lead and f"社工站项目负责人{ev.info.lead}持有" in text and "在行业内从业" in text
    assert "期末各片区配备社工：" in text and all(z.name in text for z in ev.zones)
    assert "试用期离职" in text  # the example's leavers say how they left
