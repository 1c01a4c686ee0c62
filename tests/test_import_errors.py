"""The workbook importer: every problem located (sheet, Excel row, column), all at once."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from workbook_rows import Sheets, add_row, row_of, set_cell, set_info, valid_sheets, xlsx_book

from pinggu._errors import Problem, WorkbookError
from pinggu._model import Evaluation, FindingKind, Kind, Month, Zone
from pinggu._scheme import load_scheme
from pinggu._sheets.reader import read_book
from pinggu._workbook.importer import load_workbook, parse_workbook

SCHEME = load_scheme("guangzhou-2023")
D = Decimal


def _notices(evaluation: Evaluation) -> tuple[str, ...]:
    """What reading noticed without a problem (the `read_notice` notes)."""
    return tuple(n.message for n in evaluation.notes if n.code == "read_notice")


def problems_of(sheets: Sheets) -> list[Problem]:
    with pytest.raises(WorkbookError) as caught:
        parse_workbook(sheets, SCHEME)
    return caught.value.problems


def only_problem(sheets: Sheets) -> Problem:
    problems = problems_of(sheets)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def assert_problem(
    problem: Problem, sheet: str, row: int | None, column: str | None, phrase: str
) -> None:
    assert (problem.sheet, problem.row, problem.column) == (sheet, row, column), str(problem)
    assert phrase in problem.message, str(problem)


# --- the valid workbook ----------------------------------------------------------------------


def test_valid_minimal_workbook_parses_into_the_expected_values() -> None:
    evaluation = parse_workbook(valid_sheets(), SCHEME)
    info = evaluation.info
    assert info.kind is Kind.MIDTERM
    assert (info.evaluation_date, info.period_start, info.period_end) == (
        date(2024, 4, 15),
        date(2024, 1, 1),
        date(2024, 3, 31),
    )
    assert (info.contract_start, info.contract_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert info.period_months == D(3) and str(info.period_months) == "3"
    assert (info.contract_workers, info.contract_certified_workers) == (20, 10)
    assert info.contract_funding_wan == D(240)
    assert (info.annual_spending, info.personnel_spending) == (D(600000), D("510000.5"))
    assert info.training_hours_required is None
    assert evaluation.zones == (
        Zone("第一片区", ("甲社区", "乙社区")),
        Zone("第二片区", ("丙社区",)),
    )
    targets = [(r.zone, r.indicator, r.target, r.actual) for r in evaluation.indicators]
    assert targets == [
        ("第一片区", "专业个案", D(10), D(12)),
        ("第二片区", "专业个案", D(8), D(5)),
        ("全站", "社区调研", D(2), D(2)),
        ("第一片区", "咨询个案", None, D(30)),
    ]
    assert len(evaluation.attendance) == 6
    first, fourth = evaluation.attendance[0], evaluation.attendance[3]
    assert (first.worker_id, first.month, first.value, first.certified) == (
        "W01",
        Month(2024, 1),
        D(1),
        True,
    )
    assert (fourth.name, fourth.value, fourth.experienced, fourth.note) == (
        "李四",
        D("0.5"),
        False,
        "1月16日入职",
    )
    assert len(evaluation.scores) == 8
    quality = [s for s in evaluation.scores if s.dimension == "服务质量"]
    assert [(s.zone, s.score) for s in quality] == [("第一片区", D("15.6")), ("第二片区", D(16))]
    assert evaluation.scores[5].party == evaluation.scores[5].dimension == "购买方"
    assert evaluation.scores[5].zone is None
    assert [(v.rule, v.applies) for v in evaluation.vetoes] == [
        ("保洁、安保等人员占用社工名额", False)
    ]
    finding = evaluation.findings[0]
    assert (finding.section, finding.zone, finding.kind) == (
        "服务质量",
        "第一片区",
        FindingKind.STRENGTH,
    )


def test_headers_and_labels_ignore_spaces_and_full_width_forms() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "完成量", " 1,200 ")
    set_cell(sheets, "指标", 3, "协议量", "８")  # full-width digit
    sheets["指标"][0] = [" 片 区 ", "指标\u3000", "计量", "协议量", "完成量 "]
    sheets["片 区"] = sheets.pop("片区")  # a sheet name with a space in it
    sheets["到岗"][0][0] = "人员\u3000编号"
    for label, spelled in (
        ("协议经费（万元）", "协议经费(万元)"),
        ("年度支出总额（元）", "年度支出总额 (元)"),
    ):
        row = next(r for r in sheets["基本信息"] if r[0] == label)
        row[0] = spelled
    evaluation = parse_workbook(sheets, SCHEME)
    assert evaluation.info.contract_funding_wan == D(240)
    assert evaluation.info.annual_spending == D(600000)
    assert evaluation.indicators[0].actual == D(1200)
    assert evaluation.indicators[1].target == D(8)
    assert evaluation.zones[0].name == "第一片区"


def test_leading_blank_rows_and_empty_rows_keep_excel_row_numbers() -> None:
    sheets = valid_sheets()
    sheets["到岗"] = [[""] * 10, *sheets["到岗"][:3], [""] * 10, *sheets["到岗"][3:]]
    set_cell_row = sheets["到岗"][6]  # Excel row 7 now holds W02 2024-01
    set_cell_row[4] = "全月"
    problem = only_problem(sheets)
    assert_problem(problem, "到岗", 7, "到岗", "应为 1、0.5 或 0，实为「全月」")
    assert str(problem) == "工作表「到岗」 第 7 行 「到岗」列：应为 1、0.5 或 0，实为「全月」"


# --- sheets and headers ----------------------------------------------------------------------


def test_missing_sheet() -> None:
    sheets = valid_sheets()
    del sheets["到岗"]
    assert_problem(only_problem(sheets), "到岗", None, None, "缺少此工作表")


def test_a_column_the_sheet_does_not_use_is_ignored_with_a_notice() -> None:
    sheets = valid_sheets()
    sheets["指标"][0].append("完成率")
    sheets["指标"][1].append("85%")  # its data is not reported as a column without name
    notices = _notices(parse_workbook(sheets, SCHEME))
    assert notices == (
        "工作表「指标」：本表不使用的列已忽略：「完成率」（F 列）；"
        "本表的列为：片区、指标、计量、协议量、完成量",
    )


def test_missing_and_duplicate_columns() -> None:
    sheets = valid_sheets()
    sheets["评分"][0][4] = "评委"  # 得分 is gone, 评委 appears twice
    problems = problems_of(sheets)
    assert_problem(problems[0], "评分", 1, "评委", "出现了两次")
    assert_problem(problems[1], "评分", 1, "得分", "缺少「得分」列")


def test_data_under_an_empty_header_cell_is_reported() -> None:
    sheets = valid_sheets()
    sheets["片区"][2].append("备用")
    assert_problem(only_problem(sheets), "片区", 3, "C", "没有列名")


def test_sheets_that_may_be_empty_and_those_that_may_not() -> None:
    sheets = valid_sheets()
    for name in ("评分", "否决", "意见"):
        sheets[name] = sheets[name][:1]
    assert parse_workbook(sheets, SCHEME).scores == ()
    sheets["指标"] = sheets["指标"][:1]
    assert_problem(only_problem(sheets), "指标", None, None, "没有数据")


# --- cell values -----------------------------------------------------------------------------


def test_text_in_a_number_column() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 3, "完成量", "很多")
    assert_problem(only_problem(sheets), "指标", 3, "完成量", "应为不小于 0 的数字，实为「很多」")


def test_percentage_typed_in_completion() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "完成量", "85.2%")
    assert_problem(only_problem(sheets), "指标", 2, "完成量", "不填百分比")


def test_negative_number_and_empty_required_cell() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "协议量", -3.0)
    set_cell(sheets, "指标", 3, "完成量", "")
    problems = problems_of(sheets)
    assert_problem(problems[0], "指标", 2, "协议量", "应为不小于 0 的数字，实为「-3」")
    assert_problem(problems[1], "指标", 3, "完成量", "不能为空")


def test_slash_means_no_target() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 2, "协议量", "/")
    assert parse_workbook(sheets, SCHEME).indicators[0].target is None


def test_yes_no_and_month_values() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 2, "社保", "可以")
    set_cell(sheets, "到岗", 3, "月份", "二月")
    problems = problems_of(sheets)
    assert_problem(problems[0], "到岗", 2, "社保", "应为「是」或「否」（也可填 √/×")
    assert_problem(problems[1], "到岗", 3, "月份", "应为月份")


def test_month_and_date_cells_are_accepted() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 3, "月份", datetime(2024, 2, 1))
    set_info(sheets, "考核期开始", datetime(2024, 1, 1, 0, 0))
    evaluation = parse_workbook(sheets, SCHEME)
    assert evaluation.attendance[1].month == Month(2024, 2)
    assert evaluation.info.period_start == date(2024, 1, 1)


# --- 基本信息 --------------------------------------------------------------------------------


def test_period_months_inconsistent_with_the_dates() -> None:
    sheets = valid_sheets()
    row = set_info(sheets, "考核月数", 4)
    problem = only_problem(sheets)
    assert_problem(problem, "基本信息", row, "内容", "考核月数填写为 4")
    assert "推算应为 3" in problem.message and "15 天" in problem.message


def test_period_months_count_half_months() -> None:
    sheets = valid_sheets()
    set_info(sheets, "考核期开始", "2024-01-20")  # January has 12 days in the period: half
    set_info(sheets, "考核月数", 2.5)
    assert parse_workbook(sheets, SCHEME).info.period_months == D("2.5")


def test_info_cross_checks() -> None:
    sheets = valid_sheets()
    end = set_info(sheets, "考核期结束", "2023-12-31")
    certified = set_info(sheets, "协议持证社工人数", 25)
    personnel = set_info(sheets, "人员费用支出（元）", "")
    problems = problems_of(sheets)
    assert_problem(problems[0], "基本信息", end, "内容", "早于考核期开始")
    assert_problem(problems[1], "基本信息", certified, "内容", "多于协议社工人数")
    assert_problem(problems[2], "基本信息", personnel, "内容", "要么都填")
    assert len(problems) == 3


def test_info_unknown_duplicate_and_missing_items() -> None:
    sheets = valid_sheets()
    sheets["基本信息"].append(["联系人", "王五"])
    sheets["基本信息"].append(["区", "别的区"])
    del sheets["基本信息"][1]  # 社工站
    problems = problems_of(sheets)
    assert_problem(problems[0], "基本信息", 22, "项目", "未知的项目「联系人」")
    assert_problem(problems[1], "基本信息", 23, "项目", "与第 2 行重复")
    assert_problem(problems[2], "基本信息", None, "项目", "缺少「社工站」")


def test_info_bad_value_names_the_item() -> None:
    sheets = valid_sheets()
    row = set_info(sheets, "评估类型", "年度评估")
    assert_problem(
        only_problem(sheets), "基本信息", row, "内容", "「评估类型」应为「中期评估」或「末期评估」"
    )


# --- 片区 and 指标 ----------------------------------------------------------------------------


def test_unknown_zone() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "指标", 3, "片区", "第九片区")
    problem = only_problem(sheets)
    assert_problem(problem, "指标", 3, "片区", "未知的片区「第九片区」")
    assert "「第一片区」、「第二片区」" in problem.message


def test_community_listed_twice_and_reserved_zone_name() -> None:
    sheets = valid_sheets()
    add_row(sheets, "片区", 片区="第二片区", 社区="甲社区")
    add_row(sheets, "片区", 片区="合计", 社区="戊社区")
    problems = problems_of(sheets)
    assert_problem(problems[0], "片区", 5, "社区", "已在第 2 行列出")
    assert_problem(problems[1], "片区", 6, "片区", "保留名称")


def test_duplicate_indicator() -> None:
    sheets = valid_sheets()
    row = add_row(sheets, "指标", 片区="第一片区", 指标="专业个案", 计量="接案数", 完成量=1)
    assert_problem(only_problem(sheets), "指标", row, "指标", "与第 2 行重复")


# --- 到岗 ------------------------------------------------------------------------------------


def test_duplicate_worker_month() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 4, "月份", "2024-02")
    assert_problem(only_problem(sheets), "到岗", 4, "月份", "已在第 3 行填写")


def test_month_outside_the_period() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "到岗", 7, "月份", "2024-04")
    problem = only_problem(sheets)
    assert_problem(problem, "到岗", 7, "月份", "不在考核期内")
    assert "2024-01-01 至 2024-03-31" in problem.message


def test_period_checks_wait_for_valid_info_but_other_checks_run() -> None:
    sheets = valid_sheets()
    set_info(sheets, "考核期开始", "不详")
    set_cell(sheets, "到岗", 7, "月份", "2024-04")  # outside, but the period is unknown
    set_cell(sheets, "到岗", 6, "姓名", "王五")  # W02 was 李四
    problems = problems_of(sheets)
    assert [p.sheet for p in problems] == ["基本信息", "到岗"]
    assert_problem(problems[1], "到岗", 6, "姓名", "姓名为「李四」")


# --- 评分 ------------------------------------------------------------------------------------


def test_score_above_its_maximum() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 5, "得分", 21.0)
    assert_problem(only_problem(sheets), "评分", 5, "得分", "0 到 20 之间")


def test_one_score_party_maximum() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 9, "得分", 10.5)
    assert_problem(only_problem(sheets), "评分", 9, "得分", "0 到 10 之间")


def test_score_below_zero() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 2, "得分", -1.0)
    assert_problem(only_problem(sheets), "评分", 2, "得分", "应为不小于 0 的数字，实为「-1」")


def test_unknown_dimension() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 3, "评估内容", "服务态度")
    problem = only_problem(sheets)
    assert_problem(problem, "评分", 3, "评估内容", "未知的评估内容「服务态度」")
    assert "「服务监测」" in problem.message


def test_unknown_party_lists_the_schemes_parties() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 7, "评估方", "居委会")
    assert_problem(only_problem(sheets), "评分", 7, "评估方", "「购买方」")


def test_missing_zone_for_service_quality() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 5, "片区", "")
    assert_problem(only_problem(sheets), "评分", 5, "片区", "必须填写片区")


def test_zone_given_for_a_whole_station_dimension() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "评分", 2, "片区", "第一片区")
    assert_problem(only_problem(sheets), "评分", 2, "片区", "片区应留空")


def test_same_judge_twice() -> None:
    sheets = valid_sheets()
    row = add_row(
        sheets,
        "评分",
        评估方="第三方评估机构",
        评估内容="服务质量",
        片区="第二片区",
        评委="专家甲",
        得分=15,
    )
    assert_problem(only_problem(sheets), "评分", row, "评委", "与第 6 行重复")


# --- 否决 and 意见 ----------------------------------------------------------------------------


def test_declared_veto_without_note() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "否决", 2, "是否", "是")
    assert_problem(only_problem(sheets), "否决", 2, "说明", "必须填写说明")


def test_computed_veto_entered() -> None:
    sheets = valid_sheets()
    add_row(sheets, "否决", 情形="社工人员配备不足", 是否="是", 说明="缺 6 人次")
    assert_problem(only_problem(sheets), "否决", 3, "情形", "由系统根据社工累计缺少人次自动计算")


def test_unknown_and_duplicate_veto() -> None:
    sheets = valid_sheets()
    add_row(sheets, "否决", 情形="迟到早退", 是否="否")
    add_row(sheets, "否决", 情形="保洁、安保等人员占用社工名额", 是否="否")
    problems = problems_of(sheets)
    assert_problem(problems[0], "否决", 3, "情形", "未知的否决情形")
    assert_problem(problems[1], "否决", 4, "情形", "与第 2 行重复")


def test_findings_sections() -> None:
    sheets = valid_sheets()
    add_row(
        sheets, "意见", 部分="运营管理", 类型="需要关注", 内容="台账不全。"
    )  # alias of 项目管理
    add_row(sheets, "意见", 部分="服务质量", 类型="需要关注", 内容="缺少片区。")
    add_row(sheets, "意见", 部分="财务", 类型="需要关注", 内容="？")
    add_row(sheets, "意见", 部分="督导中心", 片区="第一片区", 类型="需要关注", 内容="")
    problems = problems_of(sheets)
    assert_problem(problems[0], "意见", 4, "片区", "必须填写片区")
    assert_problem(problems[1], "意见", 5, "部分", "未知的部分「财务」")
    assert_problem(problems[2], "意见", 6, "内容", "不能为空")
    assert_problem(problems[3], "意见", 6, "片区", "片区应留空")
    del sheets["意见"][3:]
    assert parse_workbook(sheets, SCHEME).findings[1].section == "项目管理"


# --- everything at once ----------------------------------------------------------------------


def test_problems_in_several_sheets_are_all_reported_at_once() -> None:
    sheets = valid_sheets()
    set_info(sheets, "评估日期", "下周")
    set_cell(sheets, "指标", 2, "完成量", "很多")
    set_cell(sheets, "到岗", 3, "到岗", 2.0)
    set_cell(sheets, "到岗", 3, "工资", "已发")
    set_cell(sheets, "评分", 3, "得分", 99.0)
    set_cell(sheets, "意见", 2, "类型", "建议")
    located = [(p.sheet, p.row, p.column) for p in problems_of(sheets)]
    assert located == [
        ("基本信息", 10, "内容"),
        ("指标", 2, "完成量"),
        ("到岗", 3, "到岗"),
        ("到岗", 3, "工资"),
        ("评分", 3, "得分"),
        ("意见", 2, "类型"),
    ]


# --- a real file -----------------------------------------------------------------------------


def write_xlsx(sheets: Sheets, path: Path) -> None:
    xlsx_book(sheets).save(path)


def test_reads_a_real_xlsx_file(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_info(sheets, "考核期开始", date(2024, 1, 1))  # a date cell
    set_info(sheets, "协议社工人数", 20)  # an integer cell
    set_cell(sheets, "到岗", 2, "月份", date(2024, 1, 1))  # a month given as a date cell
    set_cell(sheets, "指标", 2, "完成量", 2221)
    path = tmp_path / "评估.xlsx"
    write_xlsx(sheets, path)
    evaluation = load_workbook(path, SCHEME)
    assert isinstance(evaluation, Evaluation)
    assert evaluation.info.period_start == date(2024, 1, 1)
    assert evaluation.info.evaluation_date == date(2024, 4, 15)
    assert evaluation.info.contract_workers == 20
    assert evaluation.indicators[0].actual == D(2221)
    assert str(evaluation.indicators[0].actual) == "2221"
    assert evaluation.indicators[3].target is None
    assert evaluation.attendance[0].month == Month(2024, 1)
    assert evaluation.info.personnel_spending == D("510000.5")


def test_a_real_file_reports_excel_rows(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["指标"].insert(0, [])  # the header is on row 2 of the sheet
    row_of(sheets, "指标", 4)[4] = "85.2%"
    path = tmp_path / "评估.xlsx"
    write_xlsx(sheets, path)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path, SCHEME)
    assert_problem(caught.value.problems[0], "指标", 4, "完成量", "百分比")


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "评估.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_book(path)
    assert_problem(caught.value.problems[0], "工作簿", None, None, "不是有效的 Excel 工作簿")
    with pytest.raises(WorkbookError) as caught:
        read_book(tmp_path / "没有.xlsx")
    assert_problem(caught.value.problems[0], "工作簿", None, None, "找不到文件")
