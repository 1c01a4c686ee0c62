"""`pinggu performance-report WORKBOOK -o DIR` writes the audited .docx and .pdf from the
workbook's 预算, 绩效目标 and 绩效叙述 sheets, and refuses a workbook without them."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from report_docs import EXAMPLE, read

from pinggu.cli import main

STEM = "示例街道办事处示例街社工服务站购买服务项目绩效评价报告"
SHEETS = {
    "预算": [
        ("项目", "名称", "金额（元）"),
        ("年初预算数", None, 2400000),
        ("全年预算数", None, 2400000),
        ("全年执行数", None, 2400000),
        ("财政资金", "街道财政资金", 2400000),
    ],
    "绩效目标": [
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "指标方向",
            "指标值",
            "计量单位",
            "分值",
            "实际完成值",
            "绑定",
            "评分",
            "评分说明",
            "偏差原因",
        ),
        (
            "产出指标",
            "数量",
            "电访服务人次",
            "≥",
            "5180",
            "人次",
            50,
            None,
            "指标完成量：电访（人次）",
        ),
        ("效益指标", "社会效益", "社工稳岗率", "≥", "80", "%", 30, None, "稳岗率"),
        (
            "满意度指标",
            "服务对象满意度",
            "服务对象满意度",
            "≥",
            "85",
            "%",
            10,
            "80",
            None,
            None,
            None,
            "部分服务对象未能及时跟进",
        ),
    ],
    "绩效叙述": [
        ("部分", "标题", "内容"),
        ("绩效情况", "以社区慈善基金为平台", "社区慈善基金本项目年筹款29005.61元。"),
    ],
}


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "示例-绩效.xlsx"
    shutil.copy(EXAMPLE, path)
    book = openpyxl.load_workbook(path)
    for name, rows in SHEETS.items():
        if name in book.sheetnames:
            del book[name]
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_it_writes_the_audited_report_and_its_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "输出"
    assert main(["performance-report", str(_workbook(tmp_path)), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"已生成绩效评价报告：{out / f'{STEM}.docx'}" in said
    assert "自检通过" in said
    assert (out / f"{STEM}.pdf").stat().st_size > 10_000
    report = read(out / f"{STEM}.docx")
    assert (
        "项目年初预算数240万元，全年预算数为240万元；全年执行数为240万元，完成预算的100%。"
        in report.paragraphs
    )
    # 80 ÷ 85 × 10 = 9.41; 10 + 50 + 30 + 9.41 = 99.41 → 优
    assert "自评总分为99.41分，评价等级为“优”。" in report.text
    assert main(["audit", str(out / f"{STEM}.docx")]) == 0


def test_it_refuses_a_workbook_without_the_performance_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "无绩效.xlsx"
    shutil.copy(EXAMPLE, plain)
    book = openpyxl.load_workbook(plain)
    for name in SHEETS:
        if name in book.sheetnames:
            del book[name]
    book.save(plain)
    out = tmp_path / "输出"
    assert main(["performance-report", str(plain), "-o", str(out), "--no-pdf"]) == 2
    assert "报告未生成：工作簿中没有绩效评价数据" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())
