"""Workbooks in the field's own layouts, built with openpyxl as stations keep them: title lines, merged
headings, merged 类型 and subtotal cells, 「——」 and a merged cell naming the other block, 「/」 for no
target. Each has planted inconsistencies in its own totals; `GRID_MISMATCHES` and
`TABLE_MISMATCHES` are the messages they must give. The other sheets are the template's, from
`workbook_rows.valid_sheets` (2 片区, period 2024-01 to 2024-03)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pinggu._model import AttendanceRow, Evaluation, Month, months_between
from tests.workbook_rows import Sheets, valid_sheets

GRID_SHEET = "附件2"
TABLE_SHEET = "指标完成情况"
TICK = "√"
MONTHS = ("2024年1月", "2024年2月", "2024年3月")

# (类型 block, 序号, 姓名, 职位, 资质, 合同期限, three months of (到位, 社保, 工资) or a marker,
#  人员到岗小计, 符合从业2年以上的社工到岗小计, 备注)
GRID_PEOPLE: tuple[tuple[str, tuple[tuple[object, ...], ...]], ...] = (
    (
        "持证社工",
        (
            (
                1,
                "张三",
                "站长",
                "社会工作师",
                "2023.1-2025.12",
                ((1, TICK, TICK), (1, TICK, TICK), (1, TICK, TICK)),
                3,
                3,
                "",
            ),
            # 王五 certified from February: January is in the other block (merged 「非持证」)
            (
                2,
                "王五",
                "社工",
                "助理社会工作师",
                "2024.1-2025.12",
                ("非持证", (1, 1, 1), (1, 1, 0)),
                2,
                0,
                "2月取得助理社会工作师证",
            ),
            # 赵六 two years in the trade from March: only March counts (1 of 3)
            (
                3,
                "赵六",
                "社工",
                "助理社会工作师",
                "2022.3-2025.2",
                ((1, TICK, TICK), (1, TICK, TICK), (1, TICK, TICK)),
                3,
                1,
                "",
            ),
        ),
    ),
    (
        "非持证社工",
        (
            # planted: 人员到岗小计 3, but 0.5 + 1 + 1 = 2.5
            (
                4,
                "李四",
                "社工",
                "无",
                "2024.1-2025.12",
                ((0.5, TICK, TICK), (1, TICK, TICK), (1, TICK, TICK)),
                3,
                0,
                "1月16日入职",
            ),
            (5, "王五", "社工", "无", "2024.1-2025.12", ((1, TICK, TICK), "持证", ""), 1, 0, ""),
            (
                6,
                "孙七",
                "保洁",
                "无",
                "2023.6-2024.5",
                ((1, 1, 1), (1, 1, 1), "——"),
                2,
                0,
                "2月底离职",
            ),
        ),
    ),
)
# 小计 per block and month as written: planted 持证 March 4 (is 3) and 非持证 February 1 (is 2);
# 总计 March 3 (is 4); 有效人次小计 (到位 with 社保 and 工资) March 4 (is 3: 王五 unpaid)
# The 非持证 小计 is not merged: per month its 人员到位, 社保购买 and 工资发放 (people), planted
# March 工资 2 (is 1: 孙七 left in February)
GRID_SUBTOTALS: dict[str, tuple[object, ...]] = {
    "持证社工": (2, 3, 4),
    "非持证社工": ((2.5, 3, 3), (1, 2, 2), (1, 1, 2)),
}
GRID_TOTAL = (4.5, 5, 3)
GRID_EFFECTIVE = (4.5, 5, 4)
GRID_MISMATCHES = (
    "工作表「附件2」M8：2024年3月 持证 小计：表中为 4，按各人到岗应为 3",
    "工作表「附件2」P9：「李四」人员到岗小计：表中为 3，按各月人员到位应为 2.5",
    "工作表「附件2」J12：2024年2月 非持证 小计：表中为 1，按各人到岗应为 2",
    "工作表「附件2」O12：2024年3月 非持证 小计·工资发放：表中为 2，按各人工资发放已落实的人数应为 1",
    "工作表「附件2」M13：2024年3月 总计：表中为 3，按各人到岗应为 4",
    "工作表「附件2」M14：2024年3月 有效人次小计：表中为 4，按各人到位且社保、工资均已落实应为 3",
    "工作表「附件2」A16：稳岗率：表中为 25.00%，按到岗表应为 20.00%"
    "（每月均在岗的社工 4 人 ÷ 协议社工人数 20 人）",
    "工作表「附件2」G17：从业2年以上占比：表中为 50.00%，按到岗表应为 34.78%"
    "（从业满两年的社工到岗 4 人次 ÷ 实到 11.5 人次）",
)

# Indicator table: per 片区 (投入社工人数, 专业个案 接案数, 咨询个案 个, 专业小组 个数, 专业小组 节数)
# each (协议量, 完成量, 百分比 as written)
TABLE_ZONES: tuple[tuple[object, ...], ...] = (
    ("第一片区", 3, (10, 12, 1.2), ("/", 30, "/"), (2, 2, "100%"), (10, 9, "90.00%")),
    # planted: 节数 105% written as 150%
    ("第二片区", 2, (8, 5, 0.625), ("/", "/", "/"), (2, 1, "50%"), (10, 10.5, "150.00%")),
)
# planted: 投入社工人数 6 (is 5); 专业个案 182.5% (the 片区 percentages added; is 94.44%);
# 专业小组 个数 完成量 4 (is 3)
TABLE_TOTAL = ("合计", 6, (18, 17, 1.825), ("/", 30, "/"), (4, 4, "75%"), (20, 19.5, "97.50%"))
TABLE_MISMATCHES = (
    "工作表「指标完成情况」N5：第二片区·专业小组·节数：表中为 150.00%，按完成量 ÷ 协议量 应为 105.00%",
    "工作表「指标完成情况」E6：合计·专业个案·接案数：表中为 182.50%，"
    "按完成量 ÷ 协议量 应为 94.44%（疑为各片区百分比相加）",
    "工作表「指标完成情况」J6：合计·专业小组·个数·完成量：表中为 4，按各片区相加应为 3",
    "工作表「指标完成情况」B6：合计·投入社工人数：表中为 6，按各片区相加应为 5",
)


def write_grid(ws: Worksheet) -> None:
    """The monthly staffing grid as 附件2 prints it."""
    ws.append(["附件2"])
    ws.append(["示范街社工服务站社工到岗情况（购买周期：2024年1月—2024年12月，合同年度：第一年）"])
    fixed = ["类型", "序号", "姓名", "职位", "岗位资格证/资质", "合同期限"]
    tail = ["人员到岗小计", "符合从业2年以上的社工到岗小计", "备注"]
    heading: list[object] = list(fixed)
    for month in MONTHS:
        heading += [month, "", ""]
    ws.append(heading + tail)
    ws.append([""] * len(fixed) + ["人员到位", "社保购买", "工资发放"] * len(MONTHS))
    for column in [*range(1, 7), 16, 17, 18]:
        ws.merge_cells(start_row=3, end_row=4, start_column=column, end_column=column)
    for i in range(len(MONTHS)):
        ws.merge_cells(start_row=3, end_row=3, start_column=7 + 3 * i, end_column=9 + 3 * i)
    for block, people in GRID_PEOPLE:
        first = ws.max_row + 1
        for person in people:
            _person_row(ws, block if ws.max_row + 1 == first else "", person)
        ws.merge_cells(start_row=first, end_row=ws.max_row, start_column=1, end_column=1)
        _total_row(ws, "小计", GRID_SUBTOTALS[block])
    _total_row(ws, "总计", GRID_TOTAL)
    _total_row(ws, "有效人次小计", GRID_EFFECTIVE)
    ws.append([])
    # planted: 5 people in post every month (are 4); the share is in a cell of its own
    ws.append(["稳岗率：考核期内每月均在岗的社工 5 人 ÷ 协议社工 20 人 = 25.00%"])
    ws.append(["从业2年以上社工占比", "", "", "", "", "", "50%"])


def _person_row(ws: Worksheet, block: str, person: tuple[object, ...]) -> None:
    number, name, position, level, term, months, total, experienced, note = person
    row: list[object] = [block, number, name, position, level, term]
    merges = []
    assert isinstance(months, tuple)
    for i, month in enumerate(months):
        if isinstance(month, tuple):
            row += list(month)
            continue
        row += [month, "", ""]
        if month and month != "——":  # 「持证」 merged over its month and the empty ones after
            last = i
            while last + 1 < len(months) and months[last + 1] == "":
                last += 1
            merges.append((7 + 3 * i, 9 + 3 * last))
    ws.append([*row, total, experienced, note])
    for start, end in merges:
        ws.merge_cells(start_row=ws.max_row, end_row=ws.max_row, start_column=start, end_column=end)


def _total_row(ws: Worksheet, label: str, figures: tuple[object, ...]) -> None:
    """A subtotal row: a month's figure merged over its three columns, or a tuple of three."""
    row: list[object] = [label, "", "", "", "", ""]
    for figure in figures:
        row += list(figure) if isinstance(figure, tuple) else [figure, "", ""]
    ws.append(row)
    r = ws.max_row
    ws.merge_cells(start_row=r, end_row=r, start_column=1, end_column=6)
    for i, figure in enumerate(figures):
        if not isinstance(figure, tuple):
            ws.merge_cells(start_row=r, end_row=r, start_column=7 + 3 * i, end_column=9 + 3 * i)


def write_table(ws: Worksheet) -> None:
    """The indicator table as 附件1 prints it, with a station-wide block under it."""
    ws.append(["示范街社工服务站指标完成情况（2024年1月—3月）"])
    ws.append(["片区", "投入社工人数", "专业个案", "", "", "咨询个案", "", "", "专业小组"])
    labels = ("协议接案数", "协议量", "协议个数", "协议节数")
    ws.append(["", "", *(v for target in labels for v in (target, "完成量", "百分比"))])
    for start, end in ((3, 5), (6, 8), (9, 14)):
        ws.merge_cells(start_row=2, end_row=2, start_column=start, end_column=end)
    for column in (1, 2):
        ws.merge_cells(start_row=2, end_row=3, start_column=column, end_column=column)
    for zone in (*TABLE_ZONES, TABLE_TOTAL):
        ws.append([zone[0], zone[1], *(v for group in zone[2:] for v in group)])  # type: ignore[union-attr]
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float) and cell.column in (5,):
                cell.number_format = "0.00%"
    ws.append([])
    ws.append(["社区调研（个）", "", ""])
    ws.merge_cells(start_row=ws.max_row, end_row=ws.max_row, start_column=1, end_column=3)
    ws.append(["指标要求", "完成情况", "完成百分比"])
    ws.append([2, 2, "100%"])


def field_book(
    path: Path, *, grid: bool = True, table: bool = True, tidy: Sheets | None = None
) -> Path:
    """The template's sheets (from `valid_sheets`), with 到岗 as the grid and 指标 as the table."""
    sheets = tidy if tidy is not None else valid_sheets()
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        if (name == "到岗" and grid) or (name == "指标" and table):
            continue
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    if grid:
        write_grid(book.create_sheet(GRID_SHEET))
    if table:
        write_table(book.create_sheet(TABLE_SHEET))
    book.save(path)
    return path


# What the grid and table say, as the template's tidy rows (人员编号 in order of first appearance)
TIDY_ATTENDANCE = [
    ["人员编号", "姓名", "岗位", "月份", "到岗", "持证", "从业满两年", "社保", "工资", "备注"],
    ["G01", "张三", "站长", "2024-01", 1, "社会工作师", "是", "是", "是", ""],
    ["G01", "张三", "站长", "2024-02", 1, "社会工作师", "是", "是", "是", ""],
    ["G01", "张三", "站长", "2024-03", 1, "社会工作师", "是", "是", "是", ""],
    ["G02", "王五", "社工", "2024-02", 1, "助理社会工作师", "否", "是", "是", ""],
    [
        "G02",
        "王五",
        "社工",
        "2024-03",
        1,
        "助理社会工作师",
        "否",
        "是",
        "否",
        "2月取得助理社会工作师证",
    ],
    ["G03", "赵六", "社工", "2024-01", 1, "助理社会工作师", "否", "是", "是", ""],
    ["G03", "赵六", "社工", "2024-02", 1, "助理社会工作师", "否", "是", "是", ""],
    ["G03", "赵六", "社工", "2024-03", 1, "助理社会工作师", "是", "是", "是", ""],
    ["G04", "李四", "社工", "2024-01", 0.5, "否", "否", "是", "是", ""],
    ["G04", "李四", "社工", "2024-02", 1, "否", "否", "是", "是", ""],
    ["G04", "李四", "社工", "2024-03", 1, "否", "否", "是", "是", "1月16日入职"],
    ["G02", "王五", "社工", "2024-01", 1, "否", "否", "是", "是", ""],
    ["G05", "孙七", "保洁", "2024-01", 1, "否", "否", "是", "是", ""],
    ["G05", "孙七", "保洁", "2024-02", 1, "否", "否", "是", "是", "2月底离职"],
]
TIDY_INDICATORS = [
    ["片区", "指标", "计量", "协议量", "完成量"],
    ["第一片区", "专业个案", "接案数", 10, 12],
    ["第一片区", "咨询个案", "个", "", 30],
    ["第一片区", "专业小组", "个数", 2, 2],
    ["第一片区", "专业小组", "节数", 10, 9],
    ["第二片区", "专业个案", "接案数", 8, 5],
    ["第二片区", "专业小组", "个数", 2, 1],
    ["第二片区", "专业小组", "节数", 10, 10.5],
    ["全站", "社区调研", "个", 2, 2],
]


def write_grid_of(
    ws: Worksheet, attendance: Sequence[AttendanceRow], months: Sequence[Month]
) -> None:
    """Any evaluation's 到岗 rows laid out as the grid, its totals right: one row per worker and
    qualification block (持证 first), 「——」 where not employed, the other block's months one
    merged cell naming it; a worker's 资质 is the last level of the row, its 备注 the row's notes."""
    fixed = ["类型", "序号", "姓名", "职位", "岗位资格证/资质", "合同期限"]
    ws.append(["附件2"])
    ws.append(
        [
            *fixed,
            *(v for m in months for v in (f"{m.year}年{m.month}月", "", "")),
            "人员到岗小计",
            "符合从业2年以上的社工到岗小计",
            "备注",
        ]
    )
    ws.append([""] * len(fixed) + ["人员到位", "社保购买", "工资发放"] * len(months))
    number = 0
    for certified, block in ((True, "持证社工"), (False, "非持证社工")):
        workers = dict.fromkeys(r.worker_id for r in attendance if r.certified == certified)
        for index, worker in enumerate(workers):
            mine = {r.month: r for r in attendance if r.worker_id == worker}
            here = [r for r in mine.values() if r.certified == certified]
            number += 1
            last = here[-1]
            level = (
                last.qualification.value if last.qualification else ("是" if certified else "无")
            )
            cells: list[object] = [
                block if index == 0 else "",
                number,
                last.name,
                last.position,
                level,
                "",
            ]
            for m in months:
                r = mine.get(m)
                if r is None:
                    cells += ["——", "", ""]
                elif r.certified != certified:
                    cells += ["非持证" if certified else "持证", "", ""]
                else:
                    cells += [float(r.value), TICK if r.insured else 0, TICK if r.paid else 0]
            total = sum(r.value for r in here)
            experienced = sum(r.value for r in here if r.experienced)
            notes = "；".join(r.note for r in here if r.note)
            ws.append([*cells, float(total), float(experienced), notes])


def with_grid(source: Path, path: Path, evaluation: Evaluation, sheet: str = GRID_SHEET) -> Path:
    """The workbook at `source` with its 到岗 sheet replaced by `evaluation`'s 到岗 as the grid,
    in a sheet named `sheet`."""
    book = load_workbook(source)
    del book["到岗"]
    months = months_between(evaluation.info.period_start, evaluation.info.period_end)
    write_grid_of(book.create_sheet(sheet), evaluation.attendance, months)
    book.save(path)
    return path


def as_read_from_a_grid(rows: Sequence[AttendanceRow]) -> list[tuple[object, ...]]:
    """What a grid keeps of 到岗 rows: all but the 人员编号 (made from the names) and the month
    of a 备注 (one per grid row)."""
    return sorted(
        (r.name, r.month, r.value, r.certified, r.qualification, r.experienced, r.insured, r.paid)
        for r in rows
    )
