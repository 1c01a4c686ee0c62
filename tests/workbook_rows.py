"""A valid minimal evaluation workbook as in-memory rows, for importer tests to break one cell at a
time. Cells are what calamine gives: str, int/float, datetime.date, or "" for empty."""

from __future__ import annotations

from datetime import date

import openpyxl

Sheets = dict[str, list[list[object]]]


def xlsx_book(sheets: Sheets) -> openpyxl.Workbook:
    """`sheets` as an openpyxl workbook (empty cells left empty), for a test to change and save."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
    return book


def valid_sheets() -> Sheets:
    """A fresh copy each call: 2 片区, 3 社区, 4 indicators, 2 workers × 3 months, every score."""
    return {
        "说明": [["本工作簿用于导入评估数据。"]],
        "基本信息": [
            ["项目", "内容"],
            ["社工站", "测试区示范街社工服务站"],
            ["区", "测试区"],
            ["街道", "示范街道"],
            ["承办方", "测试社会工作服务中心"],
            ["购买方", "示范街道办事处"],
            ["监督方", "测试区民政局"],
            ["评估方", "测试评估机构"],
            ["评估类型", "中期评估"],
            ["评估日期", date(2024, 4, 15)],
            ["考核期开始", "2024-01-01"],
            ["考核期结束", "2024/3/31"],
            ["考核月数", 3.0],
            ["协议开始", "2024年1月1日"],
            ["协议结束", date(2024, 12, 31)],
            ["协议经费（万元）", 240.0],
            ["协议社工人数", 20.0],
            ["协议持证社工人数", 10.0],
            ["继续教育要求时数", ""],
            ["继续教育完成时数", ""],
            ["年度支出总额（元）", 600000.0],
            ["人员费用支出（元）", 510000.5],
        ],
        "片区": [
            ["片区", "社区"],
            ["第一片区", "甲社区"],
            ["第一片区", "乙社区"],
            ["第二片区", "丙社区"],
        ],
        "指标": [
            ["片区", "指标", "计量", "协议量", "完成量"],
            ["第一片区", "专业个案", "接案数", 10.0, 12.0],
            ["第二片区", "专业个案", "接案数", 8.0, 5.0],
            ["全站", "社区调研", "个", 2.0, 2.0],
            ["第一片区", "咨询个案", "个", "", 30.0],
        ],
        "到岗": [
            [
                "人员编号",
                "姓名",
                "岗位",
                "月份",
                "到岗",
                "持证",
                "从业满两年",
                "社保",
                "工资",
                "备注",
            ],
            ["W01", "张三", "站长", "2024-01", 1.0, "是", "是", "是", "是", ""],
            ["W01", "张三", "站长", "2024-02", 1.0, "是", "是", "是", "是", ""],
            ["W01", "张三", "站长", "2024-03", 1.0, "是", "是", "是", "是", ""],
            ["W02", "李四", "社工", "2024-01", 0.5, "否", "否", "是", "是", "1月16日入职"],
            ["W02", "李四", "社工", "2024-02", 1.0, "否", "否", "是", "是", ""],
            ["W02", "李四", "社工", "2024-03", 1.0, "否", "否", "是", "是", ""],
        ],
        "评分": [
            ["评估方", "评估内容", "片区", "评委", "得分"],
            ["第三方评估机构", "服务监测", "", "专家甲", 8.5],
            ["第三方评估机构", "服务成效", "", "专家甲", 12.0],
            ["第三方评估机构", "运营管理", "", "专家甲", 8.0],
            ["第三方评估机构", "服务质量", "第一片区", "专家甲", 15.6],
            ["第三方评估机构", "服务质量", "第二片区", "专家甲", 16.0],
            ["购买方", "购买方", "", "街道", 18.0],
            ["督导中心", "督导中心", "", "督导", 13.0],
            ["监督方", "监督方", "", "区民政局", 9.0],
        ],
        "否决": [
            ["情形", "是否", "说明"],
            ["保洁、安保等人员占用社工名额", "否", ""],
        ],
        "意见": [
            ["部分", "片区", "类型", "内容"],
            ["服务质量", "第一片区", "值得肯定", "个案服务记录完整。"],
        ],
    }


def row_of(sheets: Sheets, sheet: str, number: int) -> list[object]:
    """The row at an Excel row number (the header is row 1)."""
    return sheets[sheet][number - 1]


def set_cell(sheets: Sheets, sheet: str, number: int, column: str, value: object) -> None:
    """Overwrite one cell, addressed by Excel row number and header name."""
    header = sheets[sheet][0]
    row_of(sheets, sheet, number)[header.index(column)] = value


def set_info(sheets: Sheets, label: str, value: object) -> int:
    """Overwrite a 基本信息 value by its 项目 label; returns its Excel row number."""
    for index, row in enumerate(sheets["基本信息"]):
        if row[0] == label:
            row[1] = value
            return index + 1
    raise KeyError(label)


def add_row(sheets: Sheets, sheet: str, **cells: object) -> int:
    """Append a row given by header name (others empty); returns its Excel row number."""
    header = sheets[sheet][0]
    sheets[sheet].append([cells.get(str(name), "") for name in header])
    return len(sheets[sheet])
