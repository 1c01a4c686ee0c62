"""The three forms of the performance evaluation (预算, 绩效目标, 绩效叙述) read from what the
browser posted into the engine's own types, or into the problems with them: each problem in
Chinese, keyed by the field it is about (「第 3 行「指标值」：…」), so the page marks that field
and nothing is stored while any remains.

Field names: the budget's `initial`, `annual`, `spent`, `project_year` and its sources
`s-<n>-kind|name|amount`; a target row `t-<n>-<field>`; a narrative block `n-<n>-<field>`
(n from 1, in the order shown). A row left wholly blank is no row (the forms offer a few
blank rows to add); a row whose 删除 box is ticked is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pinggu import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceLevel,
    PerformanceTarget,
    Scheme,
    TargetDirection,
    parse_performance_binding,
    performance_budget_problems,
    performance_target_problems,
)

Posted = Mapping[str, str]
Problems = dict[str, str]

FUNDING_KINDS = ("财政资金", "其他资金")
HEADINGS = ("项目基本情况", "绩效目标", "绩效情况", "问题及应对策略", "相关建议")
TITLED = "绩效情况"  # its blocks are titled: （一）…, （二）… in the report
# 二级指标 offered for each 一级指标 (the fiscal self-evaluation form's own names); others may
# be typed.
LEVEL2 = {
    PerformanceLevel.OUTPUT: ("数量", "质量", "时效", "成本"),
    PerformanceLevel.BENEFIT: ("社会效益", "可持续影响"),
    PerformanceLevel.SATISFACTION: ("服务对象满意度",),
}
TARGET_FIELDS = (
    "level1",
    "level2",
    "level3",
    "direction",
    "target",
    "unit",
    "points",
    "actual",
    "binding",
    "score",
    "note",
    "reason",
)
NARRATIVE_FIELDS = ("heading", "title", "text")
SOURCE_FIELDS = ("kind", "name", "amount")
MAX_POINTS = Decimal(100)
MAX_ROWS = 200  # more rows than any form would show: a forged post, refused whole
MAX_TEXT = {"level3": 200, "level2": 40, "unit": 20, "note": 500, "reason": 500, "title": 100}
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?", re.ASCII)  # 2,400,000.00


def number(
    raw: str, label: str, *, places: int, grouped: bool = False, digits: int = 14
) -> tuple[Decimal | None, str]:
    """A typed non-negative number (None when blank), or the problem with it in Chinese;
    `digits`: the most its column stores (models/performance.py), `places` of them decimals.

    Full-width digits (２４０) are read as the digits they are (NFKC), as the score forms do
    (docs/concurrency.md); money may group thousands with commas (2,400,000)."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return None, ""
    if grouped and GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not NUMBER.fullmatch(text):
        return None, f"{label}：「{raw}」不是数字（请填写如 {'2400000' if grouped else '40'} 的数）"
    value = Decimal(text)
    if value < 0:
        return None, f"{label}：不能为负数，实为 {raw}"
    if value.adjusted() >= digits - places:  # also before quantize, which would raise
        return None, f"{label}：数值过大（整数部分最多 {digits - places} 位），实为 {raw}"
    if value != value.quantize(Decimal(1).scaleb(-places)):
        return None, f"{label}：最多 {places} 位小数，实为 {raw}"
    return value, ""


def rows(posted: Posted, prefix: str, fields: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The posted rows of a table (by their number), without wholly blank or deleted ones."""
    numbers = sorted(
        {
            int(m.group(1))
            for key in posted
            if (m := re.fullmatch(rf"{prefix}-(\d{{1,4}})-\w+", key, re.ASCII))
        }
    )
    out = []
    for n in numbers[:MAX_ROWS]:
        values = {
            f: (posted.get(f"{prefix}-{n}-{f}") or "").replace("\r\n", "\n").strip() for f in fields
        }
        if posted.get(f"{prefix}-{n}-delete") or not any(values.values()):
            continue
        out.append((n, values))
    return out


@dataclass
class Reading:
    """What a form read: the problems by field name, and the labels they were found under."""

    problems: Problems = field(default_factory=dict)

    def check(self, name: str, problem: str) -> None:
        if problem and name not in self.problems:
            self.problems[name] = problem

    def number(
        self,
        name: str,
        raw: str,
        label: str,
        *,
        places: int = 2,
        grouped: bool = False,
        digits: int = 14,
    ) -> Decimal | None:
        value, problem = number(raw, label, places=places, grouped=grouped, digits=digits)
        self.check(name, problem)
        return value

    def text(self, name: str, raw: str, label: str, limit: int) -> str:
        if len(raw) > limit:
            self.check(name, f"{label}：不能超过 {limit} 字（现为 {len(raw)} 字）")
        return raw


# --- 预算 -------------------------------------------------------------------------------------

BUDGET_AMOUNTS = {"initial": "年初预算数", "annual": "全年预算数", "spent": "全年执行数"}


def read_budget(posted: Posted) -> tuple[Budget | None, Problems]:
    """The budget and its sources (None: the form left wholly blank), or the problems."""
    r = Reading()
    amounts = {
        key: r.number(key, posted.get(key, ""), label, grouped=True)
        for key, label in BUDGET_AMOUNTS.items()
    }
    year = r.text("project_year", (posted.get("project_year") or "").strip(), "项目年度", 40)
    sources = []
    for n, values in rows(posted, "s", SOURCE_FIELDS):
        where = f"资金来源第 {n} 行"
        if values["kind"] not in FUNDING_KINDS:
            r.check(f"s-{n}-kind", f"{where}「类别」：请选择{'或'.join(FUNDING_KINDS)}")
        amount = r.number(f"s-{n}-amount", values["amount"], f"{where}「金额」", grouped=True)
        if amount is None:
            r.check(f"s-{n}-amount", f"{where}「金额」：请填写金额（元）")
        name = r.text(f"s-{n}-name", values["name"], f"{where}「来源」", 100)
        if not name:
            r.check(f"s-{n}-name", f"{where}「来源」：请填写资金来源的名称，如「街道财政资金」")
        if amount is not None:
            sources.append(FundingSource(values["kind"], name, amount))
    typed = any(v is not None for v in amounts.values()) or year or sources
    if not typed and not r.problems:
        return None, {}
    for key, label in BUDGET_AMOUNTS.items():
        if amounts[key] is None and not (posted.get(key) or "").strip():
            r.check(key, f"{label}：请填写（元）")
    if r.problems:
        return None, r.problems
    initial, annual, spent = amounts["initial"], amounts["annual"], amounts["spent"]
    assert initial is not None and annual is not None and spent is not None
    budget = Budget(initial, annual, spent, tuple(sources), year)
    # The rules the workbook's 预算 sheet is checked by too (one place: the engine's).
    fields = {label: key for key, label in BUDGET_AMOUNTS.items()}
    for column, message in performance_budget_problems(budget):
        r.check(
            fields.get(column, "s-1-amount"),
            message if column in fields else f"{column}：{message}",
        )
    return (None, r.problems) if r.problems else (budget, {})


# --- 绩效目标 ---------------------------------------------------------------------------------


def read_targets(posted: Posted, scheme: Scheme) -> tuple[tuple[PerformanceTarget, ...], Problems]:
    """The target rows in the order shown, or the problems (by field). A row's binding is read
    by the engine's own vocabulary and the evaluation scheme's indicator catalogue
    (docs/performance.md, 「绑定」), and checked as the workbook's 绩效目标 sheet is."""
    r = Reading()
    targets: list[PerformanceTarget] = []
    seen: dict[tuple[str, str], int] = {}
    for n, values in rows(posted, "t", TARGET_FIELDS):
        first = seen.setdefault((values["level1"], values["level3"]), n)
        if first != n:
            r.check(
                f"t-{n}-level3",
                f"第 {n} 行「三级指标」：「{values['level3']}」已在第 {first} 行填写（同一一级指标下）",
            )
        target = _target(r, n, values, scheme)
        if target is not None:
            targets.append(target)
    return (tuple(targets), {}) if not r.problems else ((), r.problems)


# The 绩效目标 sheet's columns the engine's rules name, as this form's fields and labels.
COLUMNS = {
    "指标值": ("target", "指标值"),
    "实际完成值": ("actual", "实际完成值"),
    "评分": ("score", "评分"),
    "评分说明": ("note", "评分说明"),
    "绑定": ("binding", "绑定"),
    "计量单位": ("unit", "计量单位"),
}


def _target(r: Reading, n: int, v: dict[str, str], scheme: Scheme) -> PerformanceTarget | None:
    """One posted target row as the engine's PerformanceTarget, or None (its problems in `r`)."""
    before = len(r.problems)
    numbers = _target_numbers(r, n, v)
    if numbers is None:
        return None  # not a row the rules can read
    points, target, actual, score = numbers
    qualitative = v["direction"] == TargetDirection.QUALITATIVE
    row = PerformanceTarget(
        level1=PerformanceLevel(v["level1"]),
        level2=v["level2"],
        level3=v["level3"],
        direction=TargetDirection(v["direction"]),
        target=target,
        target_text=unicodedata.normalize("NFKC", v["target"]),
        unit=v["unit"],
        points=points,
        actual=actual,
        actual_text=v["actual"] if qualitative else "",
        binding=v["binding"],
        score=score,
        note=v["note"],
        reason=v["reason"],
    )
    # The rules the workbook's 绩效目标 sheet is checked by too (one place: the engine's).
    for column, message in performance_target_problems(row, scheme):
        field, title = COLUMNS.get(column, ("level3", column))
        r.check(f"t-{n}-{field}", f"第 {n} 行「{title}」：{message}")
    if len(r.problems) > before:
        return None
    if row.binding:  # as the engine names it: 指标完成量：专业个案（接案数）
        return replace(row, binding=parse_performance_binding(row.binding, scheme).label)
    return row


Numbers = tuple[Decimal, Decimal | None, Decimal | None, Decimal | None]


def _target_numbers(r: Reading, n: int, v: dict[str, str]) -> Numbers | None:
    """A target row's own field checks (into `r`) and its 分值, 指标值, 实际完成值 and 评分;
    None when its 一级指标, 指标方向 or 分值 leave no row the engine's rules can read."""

    def name(f: str) -> str:
        return f"t-{n}-{f}"

    def label(title: str) -> str:
        return f"第 {n} 行「{title}」"

    levels = [level.value for level in PerformanceLevel]
    directions = [d.value for d in TargetDirection]
    if v["level1"] not in levels:
        r.check(name("level1"), f"{label('一级指标')}：请选择{'、'.join(levels)}之一")
    if not v["level2"]:
        r.check(name("level2"), f"{label('二级指标')}：请填写（如 数量）")
    if not v["level3"]:
        r.check(name("level3"), f"{label('三级指标')}：请填写指标名称")
    for f, title in (("level2", "二级指标"), ("level3", "三级指标"), ("unit", "计量单位")):
        r.text(name(f), v[f], label(title), MAX_TEXT[f])
    for f, title in (("note", "评分说明"), ("reason", "偏差原因")):
        r.text(name(f), v[f], label(title), MAX_TEXT[f])
    if v["direction"] not in directions:
        r.check(name("direction"), f"{label('指标方向')}：请选择{'、'.join(directions)}之一")
    points = r.number(name("points"), v["points"], label("分值"), digits=6)
    if points is None:
        r.check(name("points"), f"{label('分值')}：请填写该指标的分值")
    elif not Decimal(0) < points <= MAX_POINTS:
        r.check(
            name("points"), f"{label('分值')}：应大于 0、不超过 {MAX_POINTS}，实为 {v['points']}"
        )
    qualitative = v["direction"] == TargetDirection.QUALITATIVE
    for f, title, limit in (("target", "指标值", 200), ("actual", "实际完成值", 500)):
        r.text(name(f), v[f], label(title), limit)
    score = r.number(name("score"), v["score"], label("评分"), digits=6)
    target = actual = None
    if qualitative and not v["target"]:
        r.check(name("target"), f"{label('指标值')}：定性指标请写明目标（如 有效提升）")
    elif not qualitative:
        target = r.number(name("target"), v["target"], label("指标值"), places=4)
        actual = r.number(name("actual"), v["actual"], label("实际完成值"), places=4)
    if points is None or any(name(f) in r.problems for f in ("level1", "direction", "points")):
        return None
    return points, target, actual, score


# --- 绩效叙述 ---------------------------------------------------------------------------------


def read_narrative(posted: Posted) -> tuple[tuple[NarrativeBlock, ...], Problems]:
    """The narrative blocks in the order shown, or the problems (by field)."""
    r = Reading()
    blocks = []
    for n, v in rows(posted, "n", NARRATIVE_FIELDS):
        where = f"第 {n} 段"
        if v["heading"] not in HEADINGS:
            r.check(f"n-{n}-heading", f"{where}「部分」：请选择{'、'.join(HEADINGS)}之一")
        if not v["text"]:
            r.check(f"n-{n}-text", f"{where}「内容」：请填写内容（整段不要时勾选删除）")
        if v["heading"] == TITLED and not v["title"]:
            r.check(
                f"n-{n}-title",
                f"{where}「标题」：「绩效情况」的每一段都要有标题（报告中作为小标题）",
            )
        r.text(f"n-{n}-title", v["title"], f"{where}「标题」", MAX_TEXT["title"])
        r.text(f"n-{n}-text", v["text"], f"{where}「内容」", 5000)
        blocks.append(NarrativeBlock(v["heading"], v["title"], v["text"]))
    return (tuple(blocks), {}) if not r.problems else ((), r.problems)
