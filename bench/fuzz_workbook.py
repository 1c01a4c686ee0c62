"""Seeded mutations of the example workbook: no input may change a figure without a message that
names the cause (issue 12, "Done when").

Each mutation kind edits the example workbook as people really do (numbers typed as text with
full-width digits, formulas without stored results, names with half-width brackets, a month
pasted twice, …) and the outcome of `load_workbook` + `evaluate`, the code behind
`pinggu evaluate --json`, is judged against the unmutated example's document:

    crash           an exception other than pinggu's own errors (a traceback for the user)
    unlocated error a pinggu error that does not say where (sheet and row or column)
    located error   the importer's `WorkbookError`, every problem with its sheet and row/column
    unchanged       the same figures as the example (the mutation was read as meant)
    explained change  figures changed and a NEW warning or notice explains it (below)
    SILENT change   figures changed with no explaining message, or a kind that must be noticed
                    (`must_react`: 「保安员」 is not a social worker) was read without a word

The "explained" oracle: each mutation declares the warning codes that explain it (`codes`,
e.g. `partial_target` for a blank 协议量) and message fragments that a message naming its cause
would contain (`fragments`: the cell's row 「第 5 行」 or reference 「E5」, the text as typed
「sg05」, 「公式」, 「错误值」). A change is explained when the mutated document has a warning
or notice that the example's has not, whose code is one of `codes` or whose message contains one
of `fragments`, and which is not merely a consequence (`DERIVED`: 「到岗不足的月份」 or
「未完成协议指标」 restate a figure, they never name the cell that moved it). The figures
compared are every number, boolean, null and list length of the document, and the grade;
names and the texts of formulas are not figures.

    uv run python bench/fuzz_workbook.py                    # 30 kinds × 10, seed 12
    uv run python bench/fuzz_workbook.py --per-kind 3 --kind 协议量为0 --show 3

The test tests/test_fuzz_workbook.py runs a smaller fixed-seed set of the same kinds.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pinggu import (
    FileRefused,
    PingguError,
    WorkbookError,
    evaluate,
    load_scheme,
    load_workbook,
    result_to_dict,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "示例街社工服务站-末期评估.xlsx"
T = TypeVar("T")
SEED = 12
PER_KIND = 10

CRASH, UNLOCATED, LOCATED = "crash", "unlocated error", "located error"
UNCHANGED, EXPLAINED, SILENT = "unchanged", "explained change", "SILENT change"
OUTCOMES = (CRASH, UNLOCATED, LOCATED, UNCHANGED, EXPLAINED, SILENT)
FAILURES = frozenset({CRASH, UNLOCATED, SILENT})

# Warnings that restate a result (a short month, an indicator below target, a low rate): a
# mutation can move them, but they never name the cell that did.
DERIVED = frozenset(
    {
        "month_short",
        "certified_month_short",
        "below_target",
        "below_progress",
        "retention_low",
        "experienced_low",
        "training_low",
        "scores_missing",
        "veto_unchecked",
    }
)
MESSAGE_LISTS = ("warnings", "notices")  # the document's lists of {code, message}
TEXT_FIGURES = frozenset({"grade", "grade_by_score"})


@dataclass
class Mutant:
    """One mutation as applied: what was done, and what may explain its effect."""

    kind: str
    index: int = 0  # the mutant's number within its kind: picks its variant (`variant`)
    detail: str = ""
    codes: frozenset[str] = frozenset()
    fragments: tuple[str, ...] = ()
    must_react: bool = False


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    verdict: str
    note: str


@dataclass(frozen=True)
class Baseline:
    figures: dict[str, Any]
    messages: frozenset[tuple[str, str]]


# ---------------------------------------------------------------- workbook helpers


def headers(ws: Worksheet) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def data_rows(ws: Worksheet, column: str | None = None) -> list[int]:
    """Rows below the header; with `column`, only those where that column holds a value."""
    rows = range(2, ws.max_row + 1)
    if column is None:
        return [r for r in rows if any(c.value not in (None, "") for c in ws[r])]
    col = headers(ws)[column]
    return [r for r in rows if ws.cell(r, col).value not in (None, "")]


def at(ws: Worksheet, row: int, column: str) -> Any:
    return ws.cell(row, headers(ws)[column])


def where(ws: Worksheet, row: int, column: str) -> tuple[str, ...]:
    """Fragments naming a cell: its row as the importer says it and its A1 reference."""
    letter = get_column_letter(headers(ws)[column])
    return (f"第 {row} 行", f"{letter}{row}")


def set_cell(m: Mutant, ws: Worksheet, row: int, column: str, value: Any) -> None:
    old = at(ws, row, column).value
    at(ws, row, column).value = value
    m.detail = f"{ws.title}!{get_column_letter(headers(ws)[column])}{row} {old!r} → {value!r}"
    m.fragments += where(ws, row, column)


def copy_row(ws: Worksheet, row: int) -> int:
    """Append a copy of `row` after the last row; the new row's number."""
    new = ws.max_row + 1
    for c in ws[row]:
        ws.cell(new, c.column).value = c.value
    return new


def rows_where(ws: Worksheet, column: str, value: Any) -> list[int]:
    col = headers(ws)[column]
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == value]


FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def variant(m: Mutant, options: Sequence[T]) -> T:
    """The kind's variant for this mutant, in turn: the first mutants of a kind (all that the
    test runs) cover its first variants, whatever the seed; the seed picks the cells."""
    return options[m.index % len(options)]


def number_text(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


# ---------------------------------------------------------------- the kinds

Apply = Callable[[Workbook, random.Random, Mutant], None]
KINDS: dict[str, Apply] = {}


def kind(name: str) -> Callable[[Apply], Apply]:
    def register(fn: Apply) -> Apply:
        KINDS[name] = fn
        return fn

    return register


NUMERIC = (("指标", "协议量"), ("指标", "完成量"), ("到岗", "到岗"), ("评分", "得分"))


@kind("数字为全角文本")
def _full_width(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    sheet, column = variant(m, NUMERIC)
    ws = wb[sheet]
    row = rng.choice(data_rows(ws, column))
    set_cell(
        m, ws, row, column, number_text(float(at(ws, row, column).value)).translate(FULL_WIDTH)
    )


@kind("数字带千分位或空格")
def _grouped(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    column = rng.choice(("协议量", "完成量"))
    row = rng.choice(data_rows(ws, column))
    value = float(at(ws, row, column).value)
    text = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    set_cell(m, ws, row, column, rng.choice((text, f" {text} ", f"{text}\u3000")))


@kind("巨大数字·指标")
def _huge_indicator(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    column = rng.choice(("协议量", "完成量"))
    row = rng.choice(data_rows(ws, column))
    value = variant(m, (1e30, 1e9, "12345678901234567890123456789", "1e30"))
    set_cell(m, ws, row, column, value)
    m.fragments += (str(at(ws, row, "指标").value),)


@kind("巨大数字·基本信息")
def _huge_info(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["基本信息"]
    rows = [r for r in data_rows(ws, "内容") if isinstance(at(ws, r, "内容").value, float)]
    row = rng.choice(rows)
    set_cell(m, ws, row, "内容", variant(m, (1e30, "12345678901234567890123456789")))
    m.fragments += (str(at(ws, row, "项目").value),)


@kind("巨大数字·评分")
def _huge_score(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["评分"]
    row = rng.choice(data_rows(ws, "得分"))
    set_cell(m, ws, row, "得分", variant(m, (1e30, "12345678901234567890123456789")))


@kind("公式无计算结果")
def _formula(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    sheet, column = variant(m, NUMERIC)
    ws = wb[sheet]
    row = rng.choice(data_rows(ws, column))
    letter = get_column_letter(headers(ws)[column])
    set_cell(m, ws, row, column, f"={letter}{row + 1}*1")  # openpyxl stores no cached value
    m.fragments += ("公式",)


@kind("错误值")
def _error_value(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    sheet, column = variant(m, NUMERIC)
    ws = wb[sheet]
    row = rng.choice(data_rows(ws, column))
    error = rng.choice(("#N/A", "#VALUE!", "#DIV/0!", "#REF!"))
    set_cell(m, ws, row, column, error)
    m.fragments += ("错误值", error)


BRACKETS = {"社区活动（大型）": "社区活动(大型)", "新增/维系志愿队伍": "新增／维系志愿队伍"}


@kind("名称半角全角括号")
def _brackets(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    name = variant(m, sorted(BRACKETS))
    row = rng.choice(rows_where(ws, "指标", name))
    set_cell(m, ws, row, "指标", BRACKETS[name])
    m.fragments += (BRACKETS[name],)
    m.codes = frozenset({"unknown_indicator"})


SPACED: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("指标", lambda name: f"{name[0]} {name[1:]}"),  # 「电 访」
    ("计量", lambda name: f"{name[0]} {name[1:]}"),  # 「人 次」
    ("片区", lambda name: f"{name[:2]}\u3000{name[2:]}"),
    ("指标", lambda name: f"{name} "),
    ("计量", lambda name: f" {name}"),
)


@kind("名称含空格")
def _spaces(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    column, form = variant(m, SPACED)
    row = rng.choice([r for r in data_rows(ws, column) if len(str(at(ws, r, column).value)) > 1])
    name = str(at(ws, row, column).value)
    typed = form(name)
    set_cell(m, ws, row, column, typed)
    m.fragments += (typed.strip(),)
    m.codes = frozenset({"unknown_indicator"})


def _worker_rows(ws: Worksheet, rng: random.Random) -> tuple[str, str, list[int]]:
    ids = sorted({str(at(ws, r, "人员编号").value) for r in data_rows(ws, "人员编号")})
    worker = rng.choice(ids)
    rows = rows_where(ws, "人员编号", worker)
    return worker, str(at(ws, rows[0], "姓名").value), rows


@kind("人员编号写法")
def _worker_id(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    worker, name, rows = _worker_rows(ws, rng)
    digits = worker[2:]
    typed = variant(
        m,
        (
            worker.lower(),
            worker.translate(str.maketrans("SG0123456789", "ＳＧ０１２３４５６７８９")),
            f"{worker[:2]} {digits}",
            f"{worker[:2]}0{digits}",
        ),
    )
    chosen = rng.sample(rows, rng.choice((1, 2)))
    for row in chosen:
        at(ws, row, "人员编号").value = typed
    m.detail = f"到岗 rows {chosen}: 人员编号 {worker} → {typed!r} ({name})"
    m.fragments = (typed, name, worker)


@kind("删除单元格")
def _deleted(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    sheet = variant(m, ("指标", "到岗", "评分", "片区", "基本信息", "否决"))
    ws = wb[sheet]
    column = rng.choice(sorted(headers(ws)))
    rows = data_rows(ws, column)
    if not rows:
        column, rows = next(iter(headers(ws))), data_rows(ws, next(iter(headers(ws))))
    set_cell(m, ws, rng.choice(rows), column, None)
    m.codes = frozenset({"partial_target"}) if column == "协议量" else frozenset()


@kind("重复行")
def _duplicated(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    sheet = variant(m, ("指标", "到岗", "评分", "片区", "否决"))
    ws = wb[sheet]
    row = rng.choice(data_rows(ws))
    new = copy_row(ws, row)
    m.detail = f"{sheet} row {row} copied to row {new}"
    m.fragments = (f"第 {new} 行", f"第 {row} 行", "重复")


@kind("交换列")
def _swapped(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb[variant(m, ("指标", "到岗", "评分", "片区", "否决"))]
    a, b = rng.sample(range(1, ws.max_column + 1), 2)
    for row in range(1, ws.max_row + 1):
        x, y = ws.cell(row, a), ws.cell(row, b)
        x.value, y.value = y.value, x.value
        x.number_format, y.number_format = y.number_format, x.number_format
    m.detail = f"{ws.title}: columns {get_column_letter(a)} and {get_column_letter(b)} swapped"


@kind("多余列")
def _extra_column(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb[variant(m, ("到岗", "指标", "评分"))]
    title = rng.choice(("入职日期", "身份证号", "联系电话", "备注2"))
    col = rng.choice((ws.max_column + 1, rng.randint(1, ws.max_column)))
    ws.insert_cols(col)
    ws.cell(1, col).value = title
    for row in range(2, ws.max_row + 1):
        ws.cell(row, col).value = rng.choice(("2023-07-01", "440105199001011234", "", 1))
    m.detail = f"{ws.title}: column 「{title}」 inserted at {get_column_letter(col)}"
    m.fragments = (title,)


@kind("表头上方标题行")
def _title_rows(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb[variant(m, ("指标", "到岗", "评分", "片区"))]
    count = rng.choice((1, 2))
    ws.insert_rows(1, count)
    ws.cell(1, 1).value = f"示例街社工服务站{ws.title}"
    if count == 2:
        ws.cell(2, 1).value = "（2023年7月至2024年4月）"
    m.detail = f"{ws.title}: {count} title row(s) above the header"
    m.fragments = ("标题",)


@kind("协议量空白")
def _blank_target(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    rows = [r for r in data_rows(ws, "协议量") if at(ws, r, "片区").value != "全站"]
    row = rng.choice(rows)
    set_cell(m, ws, row, "协议量", rng.choice((None, "")))
    m.codes = frozenset({"partial_target"})


@kind("协议量为0")
def _zero_target(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    row = rng.choice(data_rows(ws, "协议量"))
    set_cell(m, ws, row, "协议量", rng.choice((0, "0", "０")))


@kind("分片区指标的全站行")
def _station_row(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    rows = [r for r in data_rows(ws, "协议量") if at(ws, r, "片区").value != "全站"]
    new = copy_row(ws, rng.choice(rows))
    at(ws, new, "片区").value = "全站"
    m.detail = f"指标 row {new}: 全站 row for 「{at(ws, new, '指标').value}」"
    m.fragments = (f"第 {new} 行", "全站")
    m.must_react = True


MONTH_FORMS: tuple[Callable[[int, int], Any], ...] = (
    lambda y, mo: f"{y}/{mo}/1",
    lambda y, mo: f"{y}-{mo:02d}-01",
    lambda y, mo: f"{y}年{mo}月",
    lambda y, mo: f"{y}年{mo}月份",
    lambda y, mo: datetime(y, mo, 1),
    lambda y, mo: float((date(y, mo, 1) - date(1899, 12, 30)).days),  # a serial in a General cell
)


@kind("月份写法")
def _month_forms(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    form = variant(m, MONTH_FORMS)
    month = str(at(ws, rng.choice(data_rows(ws, "月份")), "月份").value)
    year, mo = (int(x) for x in month.split("-"))
    rows = rows_where(ws, "月份", month)
    chosen = rows if rng.random() < 0.5 else rng.sample(rows, 1)
    for row in chosen:
        at(ws, row, "月份").value = form(year, mo)
    m.detail = f"到岗 {len(chosen)} row(s) of {month} → {form(year, mo)!r}"
    m.fragments = (month,)


DATE_FORMS: tuple[Callable[[date], Any], ...] = (
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: d.isoformat(),
    lambda d: float((d - date(1899, 12, 30)).days),
)


@kind("日期写法")
def _date_forms(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["基本信息"]
    rows = [r for r in data_rows(ws, "内容") if isinstance(at(ws, r, "内容").value, datetime)]
    row = rng.choice(rows)
    value = at(ws, row, "内容").value.date()
    set_cell(m, ws, row, "内容", variant(m, DATE_FORMS)(value))
    m.fragments += (str(at(ws, row, "项目").value),)


YES_NO = (("√", "×"), ("✓", "✗"), ("Y", "N"), ("1", "0"), ("TRUE", "FALSE"), ("有", "无"))


@kind("是否写法")
def _yes_no(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    sheet, column = rng.choice(
        (("到岗", "从业满两年"), ("到岗", "社保"), ("到岗", "工资"), ("否决", "是否"))
    )
    ws = wb[sheet]
    row = rng.choice(data_rows(ws, column))
    yes, no = variant(m, YES_NO)
    typed = yes if at(ws, row, column).value == "是" else no
    set_cell(
        m, ws, row, column, rng.choice((typed, typed.lower(), True if typed == "TRUE" else typed))
    )


@kind("同一月份粘贴两次")
def _month_twice(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    month = str(at(ws, rng.choice(data_rows(ws, "月份")), "月份").value)
    rows = rows_where(ws, "月份", month)
    first = ws.max_row + 1
    for row in rows:
        copy_row(ws, row)
    m.detail = f"到岗: the {len(rows)} rows of {month} pasted again from row {first}"
    m.fragments = (f"第 {first} 行", "重复", "两次")
    m.must_react = True


@kind("同名换编号")
def _same_name_new_id(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    worker, name, rows = _worker_rows(ws, rng)
    while len(rows) < 2:
        worker, name, rows = _worker_rows(ws, rng)
    cut = rng.randint(1, len(rows) - 1)
    new_id = f"SG{rng.randint(60, 99)}"
    for row in rows[cut:]:
        at(ws, row, "人员编号").value = new_id
    m.detail = f"到岗: {name} ({worker}) from row {rows[cut]} on under {new_id}"
    m.fragments = (new_id, name)
    m.must_react = True


EXCLUDED_FORMS = ("保安员", "清洁工", "保 安", "保洁员", "厨师（兼职）", "司机 ")


@kind("非社工岗位写法")
def _excluded(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    worker, name, rows = _worker_rows(ws, rng)
    typed = variant(m, EXCLUDED_FORMS)
    for row in rows:
        at(ws, row, "岗位").value = typed
    m.detail = f"到岗: 岗位 of {name} ({worker}) → {typed!r}"
    m.codes = frozenset({"excluded_position"})
    m.fragments = (name,)
    m.must_react = True


@kind("数字后带单位")
def _unit(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    row = rng.choice(data_rows(ws, "完成量"))
    unit = str(at(ws, row, "计量").value)
    value = number_text(float(at(ws, row, "完成量").value))
    if variant(m, (True, False)):
        set_cell(m, ws, row, "完成量", f"{value}{unit}")
    else:
        other = "户" if unit != "户" else "人"
        set_cell(m, ws, row, "完成量", f"{value}{other}")
        m.fragments += (other,)
        m.must_react = True  # a unit that is not the row's 计量 is an error, not a number


@kind("无协议量标记")
def _no_target_marker(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["指标"]
    rows = [r for r in data_rows(ws, "指标") if at(ws, r, "协议量").value in (None, "")]
    set_cell(m, ws, rng.choice(rows), "协议量", variant(m, ("/", "—", "-", "无", "／", "——")))


@kind("到岗写法")
def _attendance_forms(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    row = rng.choice(data_rows(ws, "到岗"))
    value = float(at(ws, row, "到岗").value)
    forms = {1.0: ("√", "1", "１", "1.0"), 0.0: ("0", "０", "×"), 0.5: ("0.5", "０.５", ".5")}
    set_cell(m, ws, row, "到岗", rng.choice(forms[value]))


@kind("插入空行")
def _blank_row(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb[variant(m, ("指标", "到岗", "评分", "片区"))]
    row = rng.randint(3, ws.max_row)
    ws.insert_rows(row)
    m.detail = f"{ws.title}: empty row inserted at {row}"


@kind("表头写法")
def _header_forms(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb[rng.choice(("指标", "到岗", "评分"))]
    cell = rng.choice([c for c in ws[1] if c.value])
    name = str(cell.value)
    typed = variant(m, (f" {name} ", f"{name}\n", f"{name[0]} {name[1:]}", f"{name}：", f"*{name}"))
    m.detail = f"{ws.title}!{cell.coordinate} {name!r} → {typed!r}"
    cell.value = typed
    m.fragments = (typed.strip(),)


QUALIFICATIONS = {
    "社会工作师": ("中级社工师", "社工师", "中级"),
    "助理社会工作师": ("初级社工师", "助理社工师", "初级"),
    "非持证": ("无", "未持证", "—"),
}


@kind("持证写法")
def _qualification(wb: Workbook, rng: random.Random, m: Mutant) -> None:
    ws = wb["到岗"]
    row = rng.choice(data_rows(ws, "持证"))
    typed = variant(m, QUALIFICATIONS[str(at(ws, row, "持证").value)])
    set_cell(m, ws, row, "持证", typed)
    m.fragments += (typed,)


# ---------------------------------------------------------------- running and judging


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """A list of records keyed by what names them, so an inserted record is one difference."""
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for fields in (("name",), ("zone", "indicator", "measure"), ("party",), ("dimension",)):
        if all(all(f in i for f in fields) for i in items):
            keys = ["/".join(str(i[f]) for f in fields) for i in items]
            if len(set(keys)) == len(keys):
                return dict(zip(keys, items, strict=True))
    return None


def figures(doc: Any, path: str = "") -> dict[str, Any]:
    """Every figure of an `evaluate --json` document under a path: numbers, booleans, nulls,
    list lengths and the grade (names and the texts of formulas are not figures)."""
    out: dict[str, Any] = {}
    if isinstance(doc, dict):
        for k, v in doc.items():
            if path == "" and k in MESSAGE_LISTS:
                continue
            if isinstance(v, str):
                if k in TEXT_FIGURES:
                    out[f"{path}.{k}"] = v
                continue
            out.update(figures(v, f"{path}.{k}"))
    elif isinstance(doc, list):
        out[f"{path}#"] = len(doc)
        keyed = _keyed(doc)
        for k, v in keyed.items() if keyed is not None else enumerate(doc):
            out.update(figures(v, f"{path}[{k}]"))
    elif not isinstance(doc, str):
        out[path] = doc
    return out


def messages(doc: dict[str, Any]) -> frozenset[tuple[str, str]]:
    return frozenset(
        (str(item.get("code", "")), str(item.get("message", "")))
        for key in MESSAGE_LISTS
        for item in doc.get(key) or ()
        if isinstance(item, dict)
    )


def run(path: Path) -> dict[str, Any]:
    """`pinggu evaluate --json` of a workbook, in this process."""
    scheme = load_scheme()
    return result_to_dict(evaluate(load_workbook(path, scheme), scheme))


@cache
def source() -> bytes:
    """The example without its follow-up sheets (服务记录, 分级变更, 服务对象名册): the mutations are of
    the evaluation sheets, and openpyxl would reload those thousands of records for every mutant."""
    wb = openpyxl.load_workbook(EXAMPLE)
    for name in ("服务对象名册", "服务记录", "分级变更"):
        if name in wb.sheetnames:
            del wb[name]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baseline() -> Baseline:
    with tempfile.TemporaryDirectory(prefix="pinggu-fuzz-") as tmp:
        path = Path(tmp) / EXAMPLE.name
        path.write_bytes(source())
        doc = run(path)
    return Baseline(figures(doc), messages(doc))


def mutants(seed: int, per_kind: int, kinds: list[str]) -> Iterator[tuple[Mutant, bytes]]:
    """Each kind's `per_kind` mutants of the example, the same for the same seed."""
    for name in kinds:
        for i in range(per_kind):
            rng = random.Random(f"{seed}:{name}:{i}")
            wb = openpyxl.load_workbook(io.BytesIO(source()))
            mutant = Mutant(name, index=i)
            KINDS[name](wb, rng, mutant)
            out = io.BytesIO()
            wb.save(out)
            yield mutant, out.getvalue()


def _located(exc: WorkbookError) -> bool:
    return bool(exc.problems) and all(
        p.row is not None or p.column is not None or isinstance(exc, FileRefused)
        for p in exc.problems
    )


def judge(mutant: Mutant, path: Path, base: Baseline) -> Outcome:
    try:
        doc = run(path)
    except WorkbookError as exc:
        first = str(exc.problems[0]) if exc.problems else str(exc)
        return Outcome(mutant, LOCATED if _located(exc) else UNLOCATED, first[:160])
    except PingguError as exc:
        return Outcome(mutant, UNLOCATED, f"{type(exc).__name__}: {exc}"[:160])
    except Exception as exc:  # a crash is what this script looks for
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where_ = f"{Path(frame.filename).name}:{frame.lineno}"
        return Outcome(mutant, CRASH, f"{type(exc).__name__} at {where_}: {exc}"[:160])
    now = figures(doc)
    changed = sorted(
        k for k in base.figures.keys() | now.keys() if base.figures.get(k) != now.get(k)
    )
    new = [(c, msg) for c, msg in messages(doc) - base.messages if c not in DERIVED]
    reasons = [
        f"{c}: {msg}"
        for c, msg in new
        if c in mutant.codes or any(f and f in msg for f in mutant.fragments)
    ]
    if not changed:
        if mutant.must_react and not reasons:
            return Outcome(mutant, SILENT, "read without a word (should be noticed)")
        return Outcome(mutant, UNCHANGED, "")
    shown = ", ".join(f"{k} {base.figures.get(k)!r}→{now.get(k)!r}" for k in changed[:3])
    if reasons:
        return Outcome(mutant, EXPLAINED, f"{reasons[0][:100]} ({len(changed)} figures)")
    return Outcome(mutant, SILENT, f"{len(changed)} figures changed, e.g. {shown}"[:200])


def fuzz(seed: int, per_kind: int, kinds: list[str] | None = None) -> list[Outcome]:
    base = baseline()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="pinggu-fuzz-") as tmp:
        path = Path(tmp) / "变体.xlsx"
        for mutant, blob in mutants(seed, per_kind, kinds or list(KINDS)):
            path.write_bytes(blob)
            outcomes.append(judge(mutant, path, base))
    return outcomes


@dataclass
class _Row:
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[Outcome] = field(default_factory=list)


def table(outcomes: list[Outcome], show: int = 1) -> str:
    rows: dict[str, _Row] = {}
    for o in outcomes:
        row = rows.setdefault(o.mutant.kind, _Row())
        row.counts[o.verdict] += 1
        if o.verdict in FAILURES and len(row.examples) < show:
            row.examples.append(o)
    lines = [
        "| kind | " + " | ".join(OUTCOMES) + " | verdict |",
        "|---|" + "---:|" * len(OUTCOMES) + "---|",
    ]
    for name, row in rows.items():
        bad = sum(row.counts[v] for v in FAILURES)
        cells = " | ".join(str(row.counts[v] or "") for v in OUTCOMES)
        lines.append(f"| {name} | {cells} | {'FAIL' if bad else 'ok'} |")
    total = Counter(o.verdict for o in outcomes)
    lines.append("| **all** | " + " | ".join(str(total[v]) for v in OUTCOMES) + " | |")
    details = [
        f"- {o.mutant.kind} [{o.verdict}] {o.mutant.detail}: {o.note}"
        for row in rows.values()
        for o in row.examples
    ]
    return "\n".join(lines + (["", *details] if details else []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-kind", type=int, default=PER_KIND)
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), help="only this kind")
    parser.add_argument("--show", type=int, default=1, help="failing examples listed per kind")
    args = parser.parse_args()
    outcomes = fuzz(args.seed, args.per_kind, args.kind)
    print(f"{len(outcomes)} mutants of {EXAMPLE.name}, seed {args.seed}\n")
    print(table(outcomes, args.show))
    return 1 if any(o.verdict in FAILURES for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
