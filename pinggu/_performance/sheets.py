"""The performance evaluation's sheets of the evaluation workbook: 预算, 绩效目标, 绩效叙述.

They are optional: a workbook without them (or with the blank template's, holding nothing under
their headers) has no performance data. When any holds data, all three are checked cell by cell
and every problem is reported with the workbook's others, located, all at once; a workbook with
any problem yields nothing (docs/performance.md, 「工作表」).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from .._numbers import ZERO
from .._scheme import Scheme
from .._sheets.cells import Bad, decimal_of, key
from .._sheets.columns import Column, SheetSpec, ValueKind
from .._sheets.tables import Found, Problems, Row, Rows, data_rows, header_only, named_sheets
from .bindings import FIXED, parse_performance_binding
from .checks import performance_budget_problems, performance_target_problems
from .model import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
)

INITIAL, ANNUAL, SPENT, YEAR = "年初预算数", "全年预算数", "全年执行数", "项目年度"
FISCAL, OTHER = "财政资金", "其他资金"
AMOUNTS = (INITIAL, ANNUAL, SPENT)
BUDGET_ITEMS = (*AMOUNTS, FISCAL, OTHER, YEAR)
HEADINGS = ("项目基本情况", "绩效目标", "绩效情况", "问题及应对策略", "相关建议")
TITLED = "绩效情况"  # its blocks are titled: （一）…, （二）… in the report
TEXT_CELL = "@"  # 95% stays 95%: Excel would store a typed percentage as 0.95
LEVEL2_HINT = (
    "产出指标：数量、质量、时效、成本；效益指标：社会效益、可持续影响；满意度指标：服务对象满意度"
)

BUDGET = SheetSpec(
    "预算",
    (
        Column("项目", ValueKind.CHOICE, choices=BUDGET_ITEMS, width=14),
        Column(
            "名称",
            ValueKind.TEXT,
            required=False,
            help="财政资金、其他资金行填资金来源的名称（如：街道财政资金）；"
            "项目年度行填项目年度（如：2023年9月18日至2024年9月17日）；其他行留空",
            width=34,
        ),
        Column(
            "金额（元）",
            ValueKind.NUMBER,
            required=False,
            help="以元为单位；项目年度行留空",
            width=16,
        ),
    ),
    "可选，购买方（街道办事处）的绩效评价用。预算（元）：年初预算数、全年预算数、全年执行数各一行；资金来源（财政资金、其他资金）"
    "每个来源一行，各来源之和应等于全年预算数；项目年度与财政年度不同时加一行「项目年度」。",
    required=False,
    may_be_empty=True,
)
TARGETS = SheetSpec(
    "绩效目标",
    (
        Column(
            "一级指标",
            ValueKind.TEXT,
            choices=tuple(lv.value for lv in PerformanceLevel),
            width=12,
        ),
        Column("二级指标", ValueKind.TEXT, help=LEVEL2_HINT, width=14),
        Column("三级指标", ValueKind.TEXT, help="如：个案服务、社工稳岗率", width=26),
        Column(
            "指标方向",
            ValueKind.TEXT,
            choices=tuple(d.value for d in TargetDirection),
            help="≥：不低于指标值；≤：不高于指标值；=：等于指标值；定性：由评分人评分",
            width=10,
        ),
        Column(
            "指标值",
            ValueKind.TEXT,
            help="定量指标填数字（可带计量单位，如 95%）；定性指标填文字，如「有效提升」",
            width=16,
            number_format=TEXT_CELL,
        ),
        Column("计量单位", ValueKind.TEXT, required=False, help="如：个、人次、%、分", width=10),
        Column(
            "分值", ValueKind.NUMBER, help="同一一级指标各行分值之和应等于方案规定的分值", width=8
        ),
        Column(
            "实际完成值",
            ValueKind.TEXT,
            required=False,
            help="定量指标填数字，定性指标填文字；已绑定系统数字的可留空（由系统填入）",
            width=16,
            number_format=TEXT_CELL,
        ),
        Column(
            "绑定",
            ValueKind.TEXT,
            required=False,
            help="实际完成值由系统计算时填写："
            + "、".join(FIXED)
            + "，或「指标完成量：指标（计量）」「指标完成率：指标（计量）」",
            width=30,
        ),
        Column(
            "评分",
            ValueKind.NUMBER,
            required=False,
            help="仅定性指标填写：评分人给的分，不超过分值",
            width=8,
        ),
        Column("评分说明", ValueKind.TEXT, required=False, help="定性指标评分的依据", width=30),
        Column("偏差原因", ValueKind.TEXT, required=False, width=30),
    ),
    "可选，绩效评价用。每行一个三级指标（项目支出绩效自评表）；定量指标按公式计分，定性指标由评分人评分。",
    required=False,
    may_be_empty=True,
)
NARRATIVE = SheetSpec(
    "绩效叙述",
    (
        Column("部分", ValueKind.CHOICE, choices=HEADINGS, width=16),
        Column(
            "标题",
            ValueKind.TEXT,
            required=False,
            help="「绩效情况」每段必填（如：培育社区社会组织，有效推进社区治理工作）",
            width=36,
        ),
        Column("内容", ValueKind.TEXT, width=80),
    ),
    "可选，绩效评价用。绩效评价报告的叙述，每段一行，按报告的部分填写，同一部分按行的顺序排列。",
    required=False,
    may_be_empty=True,
)
PERFORMANCE_SHEETS: tuple[SheetSpec, ...] = (BUDGET, TARGETS, NARRATIVE)

_DIRECTIONS = {">=": "≥", "<=": "≤", "＝": "=", "≧": "≥", "≦": "≤"}


def performance_data(
    sheets: Mapping[str, Rows], scheme: Scheme, ctx: Problems
) -> PerformanceData | None:
    """The three sheets' data; None when none of them holds any, or any problem (reported)."""
    found = named_sheets(sheets, [spec.name for spec in PERFORMANCE_SHEETS], ctx)
    if all(header_only(f.rows) for f in found.values()):
        return None
    before = len(ctx.problems)
    budget = _budget(found.get(BUDGET.name), ctx)
    targets = _targets(found.get(TARGETS.name), scheme, ctx)
    narrative = _narrative(found.get(NARRATIVE.name), ctx)
    if len(ctx.problems) > before:
        return None
    return PerformanceData(budget, targets, narrative)


# ---------------------------------------------------------------------------------------------
# 预算


def _budget(found: Found | None, ctx: Problems) -> Budget | None:
    amounts: dict[str, tuple[Row, Decimal]] = {}
    sources: list[tuple[Row, FundingSource]] = []
    year = ""
    typed: set[str] = set()  # items with a row, even a wrong one (reported there)
    before = len(ctx.problems)
    rows = list(data_rows(found, BUDGET, ctx) or [])
    if not rows or found is None:
        return None  # no budget yet: scored as 0 points, with a warning
    for row in rows:
        item, name = row.get("项目", str), row.get("名称", str)
        amount = row.get("金额（元）", Decimal)
        typed.add(item or "")
        if item is None or row.failed:
            continue
        if item in AMOUNTS and item in amounts:
            ctx.flag(row, "项目", f"「{item}」已在第 {amounts[item][0].number} 行填写，只能填一行")
        elif item == YEAR:
            year = _year(row, name, amount, ctx) or year
        elif amount is None:
            ctx.flag(row, "金额（元）", f"「{item}」行必须填写金额（元）")
        elif item in AMOUNTS:
            amounts[item] = (row, amount)
        elif name is None:
            ctx.flag(row, "名称", f"「{item}」行必须填写资金来源的名称，如「街道财政资金」")
        else:
            sources.append((row, FundingSource(item, name, amount)))
    missing = [item for item in AMOUNTS if item not in typed]
    if missing:
        ctx.add(
            found.name,
            f"缺少{'、'.join(f'「{m}」' for m in missing)}行；{BUDGET.help}",
            None,
            "项目",
        )
        return None
    if len(ctx.problems) > before:
        return None  # a wrong row, reported there: its amounts would only repeat it
    budget = Budget(
        initial=amounts[INITIAL][1],
        annual=amounts[ANNUAL][1],
        spent=amounts[SPENT][1],
        sources=tuple(s for _, s in sources),
        project_year=year,
    )
    problems = performance_budget_problems(budget)
    for item, message in problems:
        at = amounts[item][0] if item in amounts else sources[0][0]  # SOURCES: the first
        ctx.flag(at, "金额（元）", message)
    return None if problems else budget


def _year(row: Row, name: str | None, amount: Decimal | None, ctx: Problems) -> str | None:
    if amount is not None:
        ctx.flag(row, "金额（元）", "「项目年度」行不填金额，项目年度填在「名称」列")
    if name is None:
        ctx.flag(
            row,
            "名称",
            "「项目年度」行应在「名称」列填写项目年度，如「2023年9月18日至2024年9月17日」",
        )
    return name


# ---------------------------------------------------------------------------------------------
# 绩效目标


def _targets(found: Found | None, scheme: Scheme, ctx: Problems) -> tuple[PerformanceTarget, ...]:
    result = []
    seen: dict[tuple[PerformanceLevel, str], int] = {}
    for row in data_rows(found, TARGETS, ctx) or []:
        level, direction = _level(row, ctx), _direction(row, ctx)
        level3 = row.get("三级指标", str)
        if level is not None and level3 is not None:
            first = seen.setdefault((level, key(level3)), row.number)
            if first != row.number:
                ctx.flag(row, "三级指标", f"「{level3}」已在第 {first} 行填写（同一一级指标下）")
                continue
        if level is None or direction is None or row.failed:
            continue
        target = _target(row, level, direction, scheme, ctx)
        if target is not None and not row.failed:
            result.append(target)
    return tuple(result)


def _level(row: Row, ctx: Problems) -> PerformanceLevel | None:
    text = row.get("一级指标", str)
    if text is None:
        return None
    for level in PerformanceLevel:
        if key(text) in (key(level.value), key(level.value.removesuffix("指标"))):
            return level
    known = "、".join(f"「{lv.value}」" for lv in PerformanceLevel)
    ctx.fail(row, "一级指标", f"未知的一级指标「{text}」；应为{known}")
    return None


def _direction(row: Row, ctx: Problems) -> TargetDirection | None:
    text = row.get("指标方向", str)
    if text is None:
        return None
    wanted = _DIRECTIONS.get(key(text), key(text))
    for direction in TargetDirection:
        if wanted == direction.value:
            return direction
    known = "、".join(f"「{d.value}」" for d in TargetDirection)
    ctx.fail(row, "指标方向", f"未知的指标方向「{text}」；应为{known}")
    return None


def _target(
    row: Row,
    level: PerformanceLevel,
    direction: TargetDirection,
    scheme: Scheme,
    ctx: Problems,
) -> PerformanceTarget | None:
    unit = row.get("计量单位", str) or ""
    target_text = row.get("指标值", str) or ""
    actual_text = row.get("实际完成值", str) or ""
    qualitative = direction is TargetDirection.QUALITATIVE
    target = actual = None
    if not qualitative:
        target = _quantity(row, "指标值", target_text, unit, direction, ctx)
        if actual_text:
            actual = _quantity(row, "实际完成值", actual_text, unit, direction, ctx)
        if row.failed:
            return None
    result = PerformanceTarget(
        level1=level,
        level2=row.get("二级指标", str) or "",
        level3=row.get("三级指标", str) or "",
        direction=direction,
        target=target,
        target_text=target_text,
        unit=unit,
        points=row.get("分值", Decimal) or ZERO,
        actual=actual,
        actual_text=actual_text if qualitative else "",
        binding=row.get("绑定", str) or "",
        score=row.get("评分", Decimal),
        note=row.get("评分说明", str) or "",
        reason=row.get("偏差原因", str) or "",
    )
    problems = performance_target_problems(result, scheme)
    for column, message in problems:
        ctx.flag(row, column, message)
    if problems:
        return None
    if result.binding:  # as the vocabulary spells it: 个案 is 专业个案
        result = replace(result, binding=parse_performance_binding(result.binding, scheme).label)
    return result


_LEADING = re.compile(r"^(≥|≤|=|>=|<=)")


def _quantity(
    row: Row, column: str, text: str, unit: str, direction: TargetDirection, ctx: Problems
) -> Decimal | None:
    """A quantitative row's 指标值 or 实际完成值: a number ≥ 0, perhaps written with its unit or
    (the 指标值) the direction in front (≥95%)."""
    plain_text = key(text)
    leading = _LEADING.match(plain_text) if column == "指标值" else None
    if leading is not None:
        if _DIRECTIONS.get(leading[1], leading[1]) != direction.value:
            message = f"指标值「{text}」前的「{leading[1]}」与指标方向「{direction.value}」不一致"
            ctx.fail(row, column, message)
            return None
        plain_text = plain_text[leading.end() :]
    for suffix in {key(unit), "%"} - {""}:
        if plain_text.endswith(suffix) and (suffix != "%" or key(unit) == "%"):
            plain_text = plain_text.removesuffix(suffix)
            break
    try:
        number = decimal_of(plain_text) if plain_text else None
    except Bad as bad:
        ctx.fail(row, column, bad.message)
        return None
    if number is None:
        if column == "指标值":
            message = (
                f"指标值「{text}」不是数字：指标方向为「{direction.value}」的定量指标，指标值应为数字；"
                "定性指标请把指标方向选为「定性」"
            )
        else:
            message = f"定量指标的实际完成值应为数字，实为「{text}」"
        ctx.fail(row, column, message)
        return None
    if number < 0:
        ctx.fail(row, column, f"{column}不能为负数，实为「{text}」")
        return None
    return number


# ---------------------------------------------------------------------------------------------
# 绩效叙述


def _narrative(found: Found | None, ctx: Problems) -> tuple[NarrativeBlock, ...]:
    result = []
    for row in data_rows(found, NARRATIVE, ctx) or []:
        heading, title, text = (
            row.get("部分", str),
            row.get("标题", str) or "",
            row.get("内容", str),
        )
        if heading == TITLED and not title:
            ctx.flag(row, "标题", "「绩效情况」的每一段都要有标题（报告中作为小标题）")
            continue
        if heading is not None and text is not None and not row.failed:
            result.append(NarrativeBlock(heading, title, text))
    return tuple(result)


# ---------------------------------------------------------------------------------------------
# Writing: the sheets' rows as a person would type them (the template writer lays them out)


def performance_rows(spec: SheetSpec, data: PerformanceData | None) -> list[tuple[object, ...]]:
    """The rows of one of PERFORMANCE_SHEETS for `data` (none for the blank template), one value
    per column of `spec`, in the model's types (the writer makes them cells)."""
    if data is None:
        return []
    if spec.name == BUDGET.name:
        return _budget_rows(data.budget)
    if spec.name == TARGETS.name:
        return [_target_row(t) for t in data.targets]
    return [(b.heading, b.title or None, b.text) for b in data.narrative]


def _budget_rows(budget: Budget | None) -> list[tuple[object, ...]]:
    if budget is None:
        return []
    rows: list[tuple[object, ...]] = [
        (INITIAL, None, budget.initial),
        (ANNUAL, None, budget.annual),
        (SPENT, None, budget.spent),
    ]
    rows.extend((s.kind, s.name, s.amount) for s in budget.sources)
    if budget.project_year:
        rows.append((YEAR, budget.project_year, None))
    return rows


def _target_row(t: PerformanceTarget) -> tuple[object, ...]:
    actual = t.actual_text if t.direction is TargetDirection.QUALITATIVE else t.actual
    return (
        t.level1.value,
        t.level2,
        t.level3,
        t.direction.value,
        t.target_text,
        t.unit or None,
        t.points,
        actual or None,
        t.binding or None,
        t.score,
        t.note or None,
        t.reason or None,
    )
