"""The client roster import: canonical values, every problem located, counts once per person."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from roster_rows import HEADER, Rows, client_row, zone_rows
from workbook_rows import valid_sheets

from pinggu import (
    Client,
    Problem,
    Roster,
    WorkbookError,
    evaluation_to_dict,
    mask_name,
    mask_phone,
    parse_roster,
    parse_workbook,
    read_roster,
)
from pinggu._categories import load_categories, parse_categories
from pinggu._errors import CategoriesError
from pinggu._roster import ROSTER_SHEET
from pinggu._scheme import load_scheme
from pinggu._workbook.writer import write_workbook

SCHEME = load_scheme("guangzhou-2023")


def problems_of(rows: Rows, sheet: str = ROSTER_SHEET) -> list[Problem]:
    with pytest.raises(WorkbookError) as caught:
        parse_roster(rows, sheet=sheet)
    return caught.value.problems


def only_problem(rows: Rows) -> Problem:
    problems = problems_of(rows)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def located(problem: Problem) -> tuple[str, int | None, str | None]:
    return (problem.sheet, problem.row, problem.column)


# --- values ----------------------------------------------------------------------------------


def test_a_valid_row_becomes_a_client_in_canonical_form() -> None:
    row = client_row(
        " Ｃ 001 ",
        " 东 片区",
        name=" 张三 ",
        household="H 01",
        categories="独居、低保，低保；空巢老人",
        level=3.0,
        phone="139-0000 0001",
        note="由女儿代接电话",
    )
    roster = parse_roster([HEADER, row])
    assert roster.clients == (
        Client(
            number="C001",
            name="张三",
            household="H01",
            zone="东片区",
            community="甲社区",
            categories=("低保", "空巢老人", "独居老人"),  # catalogue order, aliases mapped, once
            level=3,
            phone="13900000001",
            note="由女儿代接电话",
        ),
    )


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("13900001234", "13900001234"),
        (13900001234.0, "13900001234"),  # typed as a number in Excel
        ("020-3900 1234", "02039001234"),
        ("３９００１２３", "3900123"),  # full width, 7 digits
        ("020390012345", "020390012345"),  # 12 digits
    ],
)
def test_phones_are_normalised_to_digits(typed: object, digits: str) -> None:
    assert parse_roster([HEADER, client_row("C1", phone=typed)]).clients[0].phone == digits


@pytest.mark.parametrize("typed", ["139000", "1390000123456", "139-0000-abcd", "+8613900001234"])
def test_a_client_with_an_implausible_phone_is_left_out_of_the_draw_with_a_notice(
    typed: str,
) -> None:
    roster = parse_roster([HEADER, client_row("C1", phone=typed), client_row("C2")])
    assert [c.number for c in roster.clients] == ["C2"]
    (notice,) = roster.notices
    assert f"第 2 行（编号「C1」）电话「{typed}」不是可拨打的号码" in notice
    assert "7–12 位数字" in notice and "不参加抽样" in notice


@pytest.mark.parametrize("level", [0, 5, 2.5, "高", "五级"])
def test_level_must_be_1_to_4(level: object) -> None:
    problem = only_problem([HEADER, client_row("C1", level=level)])
    assert located(problem) == (ROSTER_SHEET, 2, "分级")
    assert "「1」、「2」、「3」或「4」" in problem.message


@pytest.mark.parametrize("level", [1, 4.0, "2", " 3 ", "４", "1级", "一级", "第二级"])
def test_level_typed_as_number_or_text(level: object) -> None:
    client = parse_roster([HEADER, client_row("C1", level=level)]).clients[0]
    assert client.level in (1, 2, 3, 4)


@pytest.mark.parametrize("column", ["编号", "姓名", "户编号", "片区", "社区", "类别", "分级"])
def test_required_cells(column: str) -> None:
    row = client_row("C1")
    row[HEADER.index(column)] = ""
    problem = only_problem([HEADER, row])
    assert located(problem) == (ROSTER_SHEET, 2, column)
    assert "不能为空" in problem.message


def test_note_is_optional() -> None:
    rows = [HEADER[:-1], client_row("C1")[:-1]]
    assert parse_roster(rows).clients[0].note == ""


def test_a_category_cell_of_separators_only() -> None:
    problem = only_problem([HEADER, client_row("C1", categories="、，")])
    assert located(problem) == (ROSTER_SHEET, 2, "类别")
    assert "至少一个类别" in problem.message


def test_unknown_categories_are_accepted_counted_and_listed() -> None:
    rows = [
        HEADER,
        client_row("C1", categories="低保、刑满释放人员"),
        client_row("C2", categories="刑满释放人员、 社区矫正对象"),
    ]
    roster = parse_roster(rows)
    assert roster.clients[0].categories == ("低保", "刑满释放人员")
    assert roster.unknown_categories() == ("刑满释放人员", "社区矫正对象")
    by_category = roster.counts().by_category
    assert by_category[-2:] == (("刑满释放人员", 2), ("社区矫正对象", 1))  # after the known 17


def test_low_income_is_one_category_whatever_it_is_called() -> None:
    rows = [HEADER, client_row("C1", categories="低保边缘、低收入、低保边缘/低收入")]
    assert parse_roster(rows).clients[0].categories == ("低保边缘/低收入",)


# --- a person listed twice ---------------------------------------------------------------------


def test_duplicate_number_names_both_rows() -> None:
    rows = [
        HEADER,
        client_row("C1"),
        client_row("C2"),
        client_row("C1", name="李四", phone="13900009999"),
    ]
    problem = only_problem(rows)
    assert located(problem) == (ROSTER_SHEET, 4, "编号")
    assert "第 2 行和第 4 行" in problem.message


def test_numbers_compare_ignoring_spaces_and_width() -> None:
    problem = only_problem(
        [HEADER, client_row("C1"), client_row("Ｃ 1", name="李四", phone="13900009999")]
    )
    assert located(problem) == (ROSTER_SHEET, 3, "编号")


@pytest.mark.parametrize(
    ("second", "same"),
    [
        (client_row("C2", name="张三", phone="139 0000 0001", household="H9"), "电话"),
        (client_row("C2", name="张 三", household="H1", phone="13900000099"), "户编号"),
    ],
)
def test_the_same_person_under_two_numbers(second: list[object], same: str) -> None:
    first = client_row("C1", name="张三", household="H1", phone="13900000001")
    problem = only_problem([HEADER, first, second])
    assert located(problem) == (ROSTER_SHEET, 3, "姓名")
    assert f"与第 2 行（编号「C1」）姓名和{same}都相同" in problem.message


def test_a_household_shares_a_phone() -> None:
    rows = [
        HEADER,
        client_row("C1", name="张三", household="H1", phone="13900000001"),
        client_row("C2", name="李四", household="H1", phone="13900000001"),
    ]
    assert len(parse_roster(rows).clients) == 2


def test_every_problem_at_once_even_on_a_row_with_another_fault() -> None:
    rows = [
        HEADER,
        client_row("C1", level=5),
        client_row("C1", categories="", community=""),
    ]
    problems = problems_of(rows)
    assert [located(p) for p in problems] == [
        (ROSTER_SHEET, 2, "分级"),
        (ROSTER_SHEET, 3, "社区"),
        (ROSTER_SHEET, 3, "类别"),
        (ROSTER_SHEET, 3, "编号"),
    ]


# --- the sheet ---------------------------------------------------------------------------------


def test_missing_column_is_located_in_the_header() -> None:
    header = [h for h in HEADER if h != "分级"]
    row = client_row("C1")
    del row[HEADER.index("分级")]
    problem = only_problem([header, row])
    assert located(problem) == (ROSTER_SHEET, 1, "分级")
    assert "缺少「分级」列" in problem.message


def test_columns_are_found_by_name_in_any_order() -> None:
    order = list(reversed(range(len(HEADER))))
    row = client_row("C1")
    roster = parse_roster([[HEADER[i] for i in order], [row[i] for i in order]])
    assert roster.clients[0].number == "C1" and roster.clients[0].level == 2


def test_a_column_the_roster_does_not_use_is_ignored_with_one_notice() -> None:
    # ignored, never kept: an ID number has no business in the roster (docs/survey.md)
    roster = parse_roster([[*HEADER, "身份证号"], [*client_row("C1"), "440101199001011234"]])
    assert "440101199001011234" not in repr(roster.clients)
    assert roster.notices == (
        f"工作表「{ROSTER_SHEET}」：本表不使用的列已忽略：「身份证号」（J 列）；"
        "本表的列为：编号、姓名、户编号、片区、社区、类别、分级、电话、备注、建档日期、结案日期",
    )


def test_an_empty_roster() -> None:
    problem = only_problem([HEADER])
    assert "没有数据" in problem.message


# --- counts ------------------------------------------------------------------------------------


def test_counts_each_person_once() -> None:
    rows = [
        HEADER,
        client_row(
            "C1",
            "东片区",
            household="H1",
            community="甲社区",
            categories="低保、独居、独居老人",
            level=1,
        ),
        client_row("C2", "东片区", household="H1", community="甲社区", categories="低保", level=1),
        client_row(
            "C3", "东片区", household="H2", community="乙社区", categories="残疾人", level=3
        ),
        client_row(
            "C4",
            "西片区",
            household="H3",
            community="丙社区",
            categories="独居老人、残疾人",
            level=4,
        ),
    ]
    counts = parse_roster(rows).counts()
    assert (counts.clients, counts.households) == (4, 3)
    assert counts.by_zone == (("东片区", 3), ("西片区", 1))
    assert counts.by_community == (
        ("东片区", "乙社区", 1),
        ("东片区", "甲社区", 2),
        ("西片区", "丙社区", 1),
    )
    by_category = dict(counts.by_category)
    assert (by_category["低保"], by_category["独居老人"], by_category["残疾人"]) == (2, 2, 2)
    assert sum(by_category.values()) == 6  # 4 people, 6 person-categories: none counted twice
    assert [name for name, _ in counts.by_category] == list(load_categories().names)
    assert counts.by_level == ((1, 2), (2, 0), (3, 1), (4, 1))


def test_fingerprint_ignores_row_order_and_sees_any_change() -> None:
    rows = zone_rows({"东片区": 3, "西片区": 2})
    roster = parse_roster(rows)
    assert parse_roster([rows[0], *reversed(rows[1:])]).fingerprint() == roster.fingerprint()
    rows[3][HEADER.index("备注")] = "已搬走"
    assert parse_roster(rows).fingerprint() != roster.fingerprint()
    assert len(roster.fingerprint()) == 64


# --- masking -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812341234", "138****1234"), ("02039001234", "020****1234"), ("39001234", "****1234")],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("name", "masked"), [("张三", "张*"), ("欧阳娜娜", "欧***"), ("李", "李")])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# --- files -------------------------------------------------------------------------------------


def _xlsx(path: Path, sheets: dict[str, Rows]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_xlsx_roster_of_its_own(tmp_path: Path) -> None:
    rows = zone_rows({"东片区": 2, "西片区": 1})
    path = _xlsx(tmp_path / "名册.xlsx", {"说明": [["本文件是名册"]], ROSTER_SHEET: rows})
    assert read_roster(path) == parse_roster(rows)


def test_a_one_sheet_file_may_name_its_sheet_otherwise(tmp_path: Path) -> None:
    rows = zone_rows({"东片区": 2})
    assert len(read_roster(_xlsx(tmp_path / "导出.xlsx", {"Sheet1": rows})).clients) == 2


def test_a_file_without_the_roster_sheet(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "别的.xlsx", {"甲": [["x"]], "乙": [["y"]]})
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert f"找不到工作表「{ROSTER_SHEET}」" in str(caught.value)


def test_problems_in_a_file_name_its_sheet(tmp_path: Path) -> None:
    rows = [HEADER, client_row("C1", level=9)]
    with pytest.raises(WorkbookError) as caught:
        read_roster(_xlsx(tmp_path / "名册.xlsx", {" 服务对象名册": rows}))
    assert located(caught.value.problems[0]) == (" 服务对象名册", 2, "分级")


def _csv(rows: Rows) -> str:
    """Rows as Excel saves them as CSV: whole numbers without ".0"."""
    shown = [[int(c) if isinstance(c, float) else c for c in row] for row in rows]
    return "\r\n".join(",".join(str(c) for c in row) for row in shown)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_roster(tmp_path: Path, encoding: str) -> None:
    rows = zone_rows({"东片区": 2, "西片区": 2})
    path = tmp_path / "名册.csv"
    path.write_bytes(_csv(rows).encode(encoding))
    roster = read_roster(path)
    assert [c.number for c in roster.clients] == ["C0001", "C0002", "C0003", "C0004"]
    assert roster.clients[0].level == 2


def test_csv_problems_are_located_by_file_name(tmp_path: Path) -> None:
    path = tmp_path / "名册.csv"
    rows = [HEADER, client_row("C1"), client_row("C1", name="李四", phone="13900009999")]
    path.write_text(_csv(rows), encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert located(caught.value.problems[0]) == ("名册.csv", 3, "编号")


def test_other_file_types_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "名册.txt"
    path.write_text("编号 姓名\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"「名册.txt」：不是有效的 Excel 工作簿"):
        read_roster(path)


# --- the roster and the evaluation workbook -----------------------------------------------------


def test_the_evaluation_importer_ignores_the_roster_sheet() -> None:
    sheets = valid_sheets()
    plain = parse_workbook(sheets, SCHEME)
    sheets[ROSTER_SHEET] = [HEADER, client_row("C1", name="王秘密", phone="13912345678", level=9)]
    with_roster = parse_workbook(sheets, SCHEME)  # not read: not even its problems
    assert with_roster == plain
    payload = json.dumps(evaluation_to_dict(with_roster), ensure_ascii=False)
    assert "王秘密" not in payload and "13912345678" not in payload


def test_the_blank_template_holds_a_roster_sheet_the_roster_reader_knows(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_workbook(path)
    book = openpyxl.load_workbook(path)
    ws = book[ROSTER_SHEET]
    assert [c.value for c in ws[1]] == [*HEADER, "建档日期", "结案日期"] and ws.max_row == 1
    notes = {c.value: c.comment.text for c in ws[1] if c.comment}
    assert "低保" in notes["类别"] and "计划生育特殊家庭" in notes["类别"] and "、" in notes["类别"]
    assert "1–4" in notes["分级"]
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert formulas == ['"1,2,3,4"']
    for index, row in enumerate(zone_rows({"东片区": 2})[1:], start=2):
        for column, value in enumerate(row, start=1):
            ws.cell(row=index, column=column, value=value)
    book.save(path)
    assert len(read_roster(path).clients) == 2


# --- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_has_the_17_categories_of_the_spec() -> None:
    names = load_categories().names
    assert len(names) == 17
    assert names[:3] == ("低保", "特困", "低保边缘/低收入") and names[-1] == "计划生育特殊家庭"


@pytest.mark.parametrize(
    ("toml", "phrase"),
    [
        ('[[category]]\nname = "甲"\naliases = []\ngroup = "别的"', "group"),
        ('[[category]]\nname = "甲、乙"\naliases = []\ngroup = "老年人"', "分隔符"),
        (
            '[[category]]\nname = "甲"\naliases = []\ngroup = "老年人"\n'
            '[[category]]\nname = "乙"\naliases = ["甲"]\ngroup = "老年人"',
            "重复",
        ),
        ('[[category]]\nname = "甲"\ngroup = "老年人"', "category[0].aliases：缺少此项"),
        ("x = 1", "category：缺少此项"),
    ],
)
def test_a_bad_catalogue_is_refused(toml: str, phrase: str) -> None:
    with pytest.raises(CategoriesError, match=r"类别文件 categories\.toml") as caught:
        parse_categories(toml)
    assert phrase in str(caught.value)


def test_a_roster_built_in_code_needs_no_file() -> None:
    roster = Roster((Client("C1", "张三", "H1", "东片区", "甲社区", ("低保",), 1, "13900000001"),))
    assert roster.by_number()["C1"].name == "张三"
