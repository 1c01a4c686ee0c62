"""`pinggu template` writes 预算, 绩效目标 and 绩效叙述 blank, with help and drop-downs; a filled
workbook carries them and reads back as the same data (docs/performance.md, 「工作表」)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from pinggu import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
    load_scheme,
    load_workbook,
    synthetic_evaluation,
    write_workbook,
)
from pinggu._performance.sheets import BUDGET, NARRATIVE, PERFORMANCE_SHEETS, TARGETS

D = Decimal


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_workbook(path)
    return openpyxl.load_workbook(path)


def _drop_downs(ws: Any) -> dict[str, str]:
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            found[get_column_letter(range_boundaries(cell_range.coord)[0])] = dv.formula1
    return found


@pytest.mark.parametrize("spec", PERFORMANCE_SHEETS, ids=lambda s: s.name)
def test_the_template_has_each_sheet_blank_with_its_headers_and_help(
    template: Any, spec: Any
) -> None:
    ws = template[spec.name]
    assert [c.value for c in ws[1]] == [c.name for c in spec.columns]
    assert ws.max_row == 1
    help_text = "\n".join(str(r[0]) for r in template["说明"].iter_rows(values_only=True))
    assert f"【{spec.name}】可选" in help_text


def test_the_template_offers_the_levels_and_directions_as_drop_downs(template: Any) -> None:
    found = _drop_downs(template[TARGETS.name])
    assert found["A"] == '"产出指标,效益指标,满意度指标"'
    assert found["D"] == '"≥,≤,=,定性"'
    assert _drop_downs(template[BUDGET.name])["A"].startswith('"年初预算数,全年预算数,全年执行数')
    assert _drop_downs(template[NARRATIVE.name])["A"] == (
        '"项目基本情况,绩效目标,绩效情况,问题及应对策略,相关建议"'
    )


def test_targets_and_actuals_are_text_cells_so_excel_keeps_a_typed_percentage(
    template: Any,
) -> None:
    ws = template[TARGETS.name]
    names = [c.name for c in TARGETS.columns]
    for column in ("指标值", "实际完成值"):
        letter = get_column_letter(1 + names.index(column))
        assert ws.column_dimensions[letter].number_format == "@"


def test_the_blank_template_has_no_performance_data(tmp_path: Path) -> None:
    evaluation = synthetic_evaluation(seed=3)
    path = tmp_path / "无绩效.xlsx"
    write_workbook(path, replace(evaluation, performance=None))
    book = openpyxl.load_workbook(path)
    assert not {s.name for s in PERFORMANCE_SHEETS} & set(book.sheetnames)
    assert load_workbook(path, load_scheme()).performance is None


def test_a_filled_workbook_reads_back_as_the_same_data(tmp_path: Path) -> None:
    data = PerformanceData(
        budget=Budget(
            D(2400000),
            D(2430000),
            D("2401500.5"),
            (
                FundingSource("财政资金", "街道财政资金", D(2400000)),
                FundingSource("其他资金", "未成年人保护工作站项目资金", D(30000)),
            ),
            "2024年1月1日至2024年12月31日",
        ),
        targets=(
            PerformanceTarget(
                PerformanceLevel.OUTPUT, "质量", "服务对象投诉率", TargetDirection.AT_MOST,
                D(3), "3", "%", D(50), D("2.5"), reason="个别活动场地拥挤",
            ),
            PerformanceTarget(
                PerformanceLevel.BENEFIT, "社会效益", "社区治理参与", TargetDirection.QUALITATIVE,
                None, "有效提升", "", D(30), None, actual_text="明显提升",
                score=D(28), note="新培育社区社会组织2支",
            ),
            PerformanceTarget(
                PerformanceLevel.SATISFACTION, "服务对象满意度", "社工稳岗率",
                TargetDirection.AT_LEAST, D(80), "80", "%", D(10), None, binding="稳岗率",
            ),
        ),
        narrative=(
            NarrativeBlock("项目基本情况", "", "社工站成立于2012年。"),
            NarrativeBlock("绩效情况", "培育社区社会组织", "培育了一支环保宣传队伍。"),
        ),
    )  # fmt: skip
    evaluation = replace(synthetic_evaluation(seed=3), performance=data)
    path = tmp_path / "有绩效.xlsx"
    write_workbook(path, evaluation)
    assert load_workbook(path, load_scheme()).performance == data
