"""The monthly staffing grid (附件2) that stations keep, read as the tidy 到岗 sheet.

Stations record staffing as one row per worker and a group of three columns per month (人员到位 /
社保购买 / 工资发放 under a merged month heading), in blocks by 类型 (持证社工 / 非持证社工), with
the grid's own subtotals between the blocks. Asking them to retype it one row per worker and
month invites exactly the copying errors an evaluation must catch, so the grid is read as it is:
each worker's months become tidy 到岗 rows, and the grid's own subtotals (人员到岗小计, 小计,
总计, 有效人次小计) are not data but are recomputed and compared, every difference a warning
naming its cell. docs/layouts.md describes what is recognised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .._model import Month, Qualification
from .._sheets.cells import find, key, shown
from .._sheets.tables import Rows
from .._workbook.sheets import ATTENDANCE
from .shape import (
    CROSSES,
    TICKS,
    Converted,
    Origin,
    amount,
    cell,
    find_label,
    is_dash,
    number,
    text,
)
from .stated import stated_line

LAYOUT = "月度到岗表"
ATTEND, INSURED, PAID = "人员到位", "社保购买", "工资发放"
_HEADER_SEARCH = 15  # the grid's header is within the first rows, under its title lines
_YES = frozenset({"1", "是", "有", "Y", "y"}) | TICKS
_NO = frozenset({"0", "否", "无", "N", "n"}) | CROSSES


def is_staffing_grid(rows: Rows) -> bool:
    """Whether a sheet is laid out as the grid: a 人员到位 column heading and a 姓名 column."""
    found = find_label(rows, {ATTEND}, 0, _HEADER_SEARCH)
    return found is not None and find_label(rows, {"姓名"}, 0, found[0]) is not None


def _fixed_column(label: str) -> str | None:
    """Which of the grid's per-worker columns a heading names."""
    if "从业2年" in label or "从业两年" in label:
        return "experienced"
    if label.endswith("到岗小计"):
        return "total"
    names = {
        "类型": "type",
        "人员类型": "type",
        "序号": "number",
        "姓名": "name",
        "职位": "position",
        "岗位": "position",
        "备注": "note",
    }
    if label in names:
        return names[label]
    return "qualification" if ("资格证" in label or label == "资质") else None


@dataclass(frozen=True)
class _MonthColumns:
    month: Month
    heading: str  # as the sheet writes it: 2024年5月
    attend: int
    insured: int | None
    paid: int | None


@dataclass(frozen=True)
class _Header:
    columns: dict[str, int]  # _fixed_column name -> column index
    months: tuple[_MonthColumns, ...]
    first_row: int  # 0-based index of the first row under the header


@dataclass
class _Worker:
    """One row of the grid: a worker within one block."""

    row: int  # Excel row number
    name: str
    certified: bool
    values: dict[Month, Decimal] = field(default_factory=dict)  # employed months, numeric
    effective: dict[Month, Decimal] = field(default_factory=dict)  # 到位 with 社保 and 工资
    insured: set[Month] = field(default_factory=set)  # 社保购买 是
    paid: set[Month] = field(default_factory=set)  # 工资发放 是


@dataclass
class _State:
    header: _Header
    out: Converted
    block: list[_Worker] = field(default_factory=list)
    everyone: list[_Worker] = field(default_factory=list)
    certified: bool | None = None
    ids: dict[str, str] = field(default_factory=dict)  # name's key -> generated 人员编号
    after_total: bool = False  # a 总计 row came after the last worker: 有效人次小计 is for all


def read_staffing_grid(name: str, rows: Rows) -> Converted:
    """The grid in sheet `name` as tidy 到岗 rows, with its problems and its totals compared."""
    out = Converted(name, ATTENDANCE.name, LAYOUT)
    out.rows.append([c.name for c in ATTENDANCE.columns if c.name != "片区"])
    header = _header(rows, out)
    if header is None:
        return out
    state = _State(header, out)
    for index in range(header.first_row, len(rows)):
        _body_row(state, rows, index)
    return out


def _header(rows: Rows, out: Converted) -> _Header | None:
    found = find_label(rows, {ATTEND}, 0, _HEADER_SEARCH)
    if found is None:
        return None
    sub = found[0]
    columns: dict[str, int] = {}
    for r in range(max(sub - 3, 0), sub + 1):
        for c, value in enumerate(rows[r]):
            kind = _fixed_column(text(value))
            if kind is not None:
                columns.setdefault(kind, c)
    months = _months(rows, sub, out)
    for needed, label in (("name", "姓名"), ("type", "类型"), ("position", "职位")):
        if needed not in columns:
            out.problem(f"{LAYOUT}缺少「{label}」列（在「{ATTEND}」所在行或其上方）", sub + 1)
    if not months or any(k not in columns for k in ("name", "type", "position")):
        return None
    return _Header(columns, tuple(months), sub + 1)


def _months(rows: Rows, sub: int, out: Converted) -> list[_MonthColumns]:
    starts = [c for c, value in enumerate(rows[sub]) if text(value) == ATTEND]
    months: list[_MonthColumns] = []
    seen: set[Month] = set()
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else start + 3
        labels = {text(cell(rows, sub, c)): c for c in range(start + 1, end)}
        heading = cell(rows, sub - 1, start)
        month = _month(heading)
        if month is None:
            shown_heading = text(heading) or "（空）"
            message = f"「{ATTEND}」上方应为月份（如 2024年5月），实为「{shown_heading}」"
            out.problem(message, sub, start)
            continue
        if month in seen:
            out.problem(f"月份 {month} 出现了两次", sub, start)
            continue
        seen.add(month)
        heading_text = f"{month.year}年{month.month}月"
        months.append(
            _MonthColumns(month, heading_text, start, labels.get(INSURED), labels.get(PAID))
        )
    return months


def _month(value: object) -> Month | None:
    if isinstance(value, date):
        return Month.of(value)
    t = text(value).removesuffix("份")
    return Month.parse(t) if t else None


# ---------------------------------------------------------------------------------------------
# The rows under the header


_TOTALS = ("有效人次小计", "小计", "总计", "合计")


def _row_label(state: _State, rows: Rows, index: int) -> str | None:
    """The subtotal a row is (小计, 总计, 有效人次小计), or None for any other row."""
    first_month = min(m.attend for m in state.header.months)
    for c in range(first_month):
        t = text(cell(rows, index, c))
        label = next((s for s in _TOTALS if s in t), None)
        if label is not None:
            return "总计" if label == "合计" else label
    return None


def _body_row(state: _State, rows: Rows, index: int) -> None:
    columns = state.header.columns
    if all(text(v) == "" for v in rows[index]):
        return
    label = _row_label(state, rows, index)
    if label is not None:
        _compare_totals(state, rows, index, label)
        return
    kind = text(cell(rows, index, columns["type"]))
    name = text(cell(rows, index, columns["name"]))
    certified = _certified(kind) if kind else None
    if not name and certified is None:
        line = stated_line(rows, index)
        if line is not None:
            state.out.stated.append(line)
            return
        shown_text = " ".join(shown(v) for v in rows[index] if text(v))[:60]
        state.out.not_read(f"第 {index + 1} 行「{shown_text}」不是某人的到岗，未作为数据读取")
        return
    if kind and certified is None:
        message = f"类型应为「持证社工」或「非持证社工」，实为「{kind}」"
        state.out.problem(message, index + 1, columns["type"])
    elif certified is not None and certified != state.certified:
        state.certified, state.block = certified, []
    if not name:
        return  # a row naming the block that follows
    if state.certified is None:
        state.out.problem("此人上方没有类型（持证社工或非持证社工）", index + 1, columns["type"])
        return
    _worker_row(state, rows, index, shown(cell(rows, index, columns["name"])))


def _certified(kind: str) -> bool | None:
    if "非持证" in kind or "未持证" in kind:
        return False
    return True if "持证" in kind else None


def _worker_row(state: _State, rows: Rows, index: int, name: str) -> None:
    header, out = state.header, state.out
    assert state.certified is not None
    worker = _Worker(index + 1, name, state.certified)
    state.after_total = False
    if any(key(w.name) == key(name) for w in state.block):
        out.problem(f"「{name}」在同一类型中出现了两次", index + 1, header.columns["name"])
    state.block.append(worker)
    state.everyone.append(worker)
    worker_id = state.ids.setdefault(key(name), f"G{len(state.ids) + 1:02d}")
    employed: list[tuple[_MonthColumns, object]] = []
    merged_away = False  # a cell naming the other block (or 「——」) runs on over empty cells
    for m in header.months:
        value = cell(rows, index, m.attend)
        if is_dash(value) or "持证" in text(value):
            merged_away = True
            continue
        if text(value) == "" and merged_away:
            continue
        merged_away = False
        employed.append((m, value))
    experienced = _experienced(state, rows, index, worker, employed)
    position = cell(rows, index, header.columns["position"])
    level = _level(rows, index, header, worker.certified)
    note_column = header.columns.get("note")
    note = text(cell(rows, index, note_column)) if note_column is not None else ""
    for i, (m, value) in enumerate(employed):
        attend = "1" if text(value) in TICKS else value
        insured = _yes_no(cell(rows, index, m.insured)) if m.insured is not None else "否"
        paid = _yes_no(cell(rows, index, m.paid)) if m.paid is not None else "否"
        values = {
            "人员编号": worker_id,
            "姓名": name,
            "岗位": position,
            "月份": str(m.month),
            "到岗": attend,
            "持证": level,
            "从业满两年": "是" if m.month in experienced else "否",
            "社保": insured,
            "工资": paid,
            "备注": note if i == len(employed) - 1 else "",
        }
        out.add_row(values, _origins(index, header, m))
        if insured == "是":
            worker.insured.add(m.month)
        if paid == "是":
            worker.paid.add(m.month)
        figure = number(attend)
        if figure is not None:
            worker.values[m.month] = figure
            if insured == "是" and paid == "是":
                worker.effective[m.month] = figure
    _compare_worker_total(state, rows, index, worker)


def _yes_no(value: object) -> object:
    """社保购买 / 工资发放 as 是/否 (√, 1, 是 … / 0, ×, 否 …, empty: 否); anything else as typed,
    for the importer to report."""
    t = text(value)
    if t == "" or is_dash(value):
        return "否"
    n = number(value)
    if t in _YES or (n is not None and n > 0):
        return "是"
    return "否" if t in _NO else value


def _level(rows: Rows, index: int, header: _Header, certified: bool) -> str:
    """持证: the level the 资质 column names when it agrees with the block, else 是/否."""
    column = header.columns.get("qualification")
    typed = text(cell(rows, index, column)) if column is not None else ""
    level = find(typed, Qualification, lambda q: q.names) if typed else None
    if level is not None and level.certified == certified:
        return level.value
    return "是" if certified else "否"


def _origins(index: int, header: _Header, m: _MonthColumns) -> dict[str, Origin]:
    row, c = index + 1, header.columns
    here: dict[str, Origin] = {
        "人员编号": (row, c["name"]),
        "姓名": (row, c["name"]),
        "岗位": (row, c["position"]),
        "月份": (row, m.attend),
        "到岗": (row, m.attend),
        "持证": (row, c.get("qualification", c["type"])),
        "从业满两年": (row, c.get("experienced", m.attend)),
        "社保": (row, m.insured if m.insured is not None else m.attend),
        "工资": (row, m.paid if m.paid is not None else m.attend),
    }
    if "note" in c:
        here["备注"] = (row, c["note"])
    return here


def _experienced(
    state: _State,
    rows: Rows,
    index: int,
    worker: _Worker,
    employed: list[tuple[_MonthColumns, object]],
) -> set[Month]:
    """The months the worker counts as 从业2年以上, from the row's 符合从业2年以上…到岗小计.

    Experience only grows, so those months are the last ones: the latest months whose 到位 add
    up to the subtotal. 是/√ means every month; empty or 否 none."""
    column = state.header.columns.get("experienced")
    value = cell(rows, index, column) if column is not None else ""
    months = [m.month for m, _ in employed]
    if text(value) in _YES - {"1"}:
        return set(months)
    given = number(value)
    if given is None or given == 0:
        return set()
    assert column is not None
    figures = [number("1" if text(v) in TICKS else v) or Decimal(0) for _, v in employed]
    running, chosen = Decimal(0), len(months)
    for i in range(len(months) - 1, -1, -1):  # the longest such run: 0 months count either way
        if running + figures[i] > given:
            break
        running += figures[i]
        chosen = i
    if running != given:
        counted = sum(figures[chosen:], Decimal(0))
        since = f"自 {months[chosen]} 起" if chosen < len(months) else "无"
        state.out.mismatch(
            index + 1,
            column,
            f"「{worker.name}」符合从业2年以上的社工到岗小计：表中为 {amount(given)}，"
            f"与各月到岗对不上（从业年限只增不减，应为最后若干个月之和）；"
            f"按{since}计为 {amount(counted)}",
        )
    return set(months[chosen:])


# ---------------------------------------------------------------------------------------------
# The grid's own totals, compared


def _compare_worker_total(state: _State, rows: Rows, index: int, worker: _Worker) -> None:
    column = state.header.columns.get("total")
    if column is None:
        return
    given = number(cell(rows, index, column))
    expected = sum(worker.values.values(), Decimal(0))
    if given is not None and given != expected:
        state.out.mismatch(
            index + 1,
            column,
            f"「{worker.name}」人员到岗小计：表中为 {amount(given)}，"
            f"按各月人员到位应为 {amount(expected)}",
        )


def _compare_totals(state: _State, rows: Rows, index: int, label: str) -> None:
    if label == "总计" or (label == "有效人次小计" and state.after_total):
        state.after_total = True
        who, scope = "", state.everyone
    else:
        who = {True: "持证 ", False: "非持证 ", None: ""}[state.certified]
        scope = state.block
    effective = label == "有效人次小计"
    rule = "按各人到位且社保、工资均已落实" if effective else "按各人到岗"

    def figure(worker: _Worker, month: Month) -> Decimal:
        source = worker.effective if effective else worker.values
        return source.get(month, Decimal(0))

    for m in state.header.months:
        given = number(cell(rows, index, m.attend))
        expected = sum((figure(w, m.month) for w in scope), Decimal(0))
        if given is not None and given != expected:
            state.out.mismatch(
                index + 1,
                m.attend,
                f"{m.heading} {who}{label}：表中为 {amount(given)}，{rule}应为 {amount(expected)}",
            )
        _compare_counts(state, rows, index, m, f"{m.heading} {who}{label}", scope)
    column = state.header.columns.get("total")
    given = number(cell(rows, index, column)) if column is not None else None
    if column is not None and given is not None:
        expected = sum((figure(w, m.month) for w in scope for m in state.header.months), Decimal(0))
        if given != expected:
            state.out.mismatch(
                index + 1,
                column,
                f"人员到岗小计 {who}{label}：表中为 {amount(given)}，{rule}应为 {amount(expected)}",
            )


def _compare_counts(
    state: _State, rows: Rows, index: int, m: _MonthColumns, title: str, scope: list[_Worker]
) -> None:
    """A subtotal row's 社保购买 and 工资发放 cells (when not merged into 人员到位): the number of
    the row's workers whose 社保 was bought, whose 工资 was paid, that month."""
    for column, heading, done in (
        (m.insured, INSURED, [w.insured for w in scope]),
        (m.paid, PAID, [w.paid for w in scope]),
    ):
        given = number(cell(rows, index, column)) if column is not None else None
        if column is None or given is None:
            continue
        expected = sum(1 for months in done if m.month in months)
        if given != expected:
            state.out.mismatch(
                index + 1,
                column,
                f"{title}·{heading}：表中为 {amount(given)}，"
                f"按各人{heading}已落实的人数应为 {expected}",
            )
