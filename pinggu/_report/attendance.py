"""附件2 社工到岗情况统计表: worker × month, as a reader checks it against the payroll.

Each worker appears in the block of each month's actual status (持证 / 非持证), and only for
the months in post: a worker certified part-way through has a row in both blocks, but the
rows a workbook carries for the months before joining or after leaving (到岗 0) make no row
of their own. In a row, a month in post prints its attendance (0 when absent), a month
outside employment prints 「——」, and a month counted in the other block is left blank; so
each block's subtotal is exactly the engine's 持证实到 (or its complement). Per person the
table also says 从业2年以上, 社保, 工资 and 备注 for the months shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .._engine import Result
from .._model import AttendanceRow, Month
from .._numbers import ZERO
from .marks import Num, Text, number, percent, total
from .tables import Cell, Table

OUTSIDE = "——"  # not employed that month (before joining, after leaving)
PAGE_WIDTH = 25.6  # cm of a landscape A4 page between its margins
FIXED = (0.9, 1.6, 2.3, 1.95)  # 序号, 姓名, 岗位 (「社工站副站长」 on one line), 资格
TAIL = (1.2, 1.3, 1.25, 1.25)  # 合计, 从业2年以上, 社保, 工资
NOTE_MIN = 2.4


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan, rowspan, header=True)


def in_post(rows: list[AttendanceRow]) -> dict[str, tuple[Month, Month]]:
    """Each worker's months of employment in the period: first to last month with attendance."""
    present: dict[str, list[Month]] = defaultdict(list)
    for row in rows:
        if row.value > ZERO:
            present[row.worker_id].append(row.month)
    return {worker: (min(ms), max(ms)) for worker, ms in present.items()}


def attendance_table(result: Result) -> Table:
    """Two header rows (year over month), the 持证 and 非持证 blocks, then the monthly lines."""
    rules = result.scheme.staffing
    everyone = [r for r in result.evaluation.attendance if not rules.excludes(r.position)]
    spans = in_post(everyone)
    shown = [
        r
        for r in everyone
        if r.worker_id in spans
        and spans[r.worker_id][0] <= r.month
        and r.month <= spans[r.worker_id][1]
    ]
    months = [m.month for m in result.staffing.months]
    notes = any(r.note for r in shown)
    extra = ("从业2年以上", "社保", "工资", *(("备注",) if notes else ()))
    head1: list[Cell | None] = [_h(h, rowspan=2) for h in ("序号", "姓名", "岗位", "资格")]
    head2: list[Cell | None] = [None] * 4
    for i, m in enumerate(months):
        if i == 0 or months[i - 1].year != m.year:
            span = sum(1 for x in months[i:] if x.year == m.year)
            head1 += [_h(f"{m.year}年", colspan=span), *([None] * (span - 1))]
        head2.append(_h(f"{m.month}月"))
    head1 += [_h(h, rowspan=2) for h in ("合计", *extra)]
    head2 += [None] * (1 + len(extra))
    width = len(head1)
    months_in_post: dict[str, set[Month]] = defaultdict(set)
    for r in shown:
        months_in_post[r.worker_id].add(r.month)
    body: list[tuple[Cell | None, ...]] = []
    serial = 0
    for number_, certified, label in (("一", True, "持证社工"), ("二", False, "非持证社工")):
        block = [r for r in shown if r.certified is certified]
        body.append(
            (Cell(f"{number_}、{label}", colspan=width, bold=True), *([None] * (width - 1)))
        )
        rows, serial = _worker_rows(block, months, label, months_in_post, serial, notes)
        body += rows
    body += _monthly_lines(result, months, len(extra))
    n = len(months)
    room = PAGE_WIDTH - sum(FIXED) - sum(TAIL) - (NOTE_MIN if notes else 0)
    # Months need about 0.95 cm ("0.5", "12月"); what a note column is given goes to the notes.
    month_width = min(1.0 if notes else 1.3, max(0.95, room / max(n, 1)))
    widths: tuple[float, ...] = (*FIXED, *([month_width] * n), *TAIL)
    if notes:
        widths += (max(NOTE_MIN, PAGE_WIDTH - sum(widths)),)
    # A blank month: the worker's status changed, so the month is counted in the other block.
    blank = {r.worker_id for r in shown if r.certified} & {
        r.worker_id for r in shown if not r.certified
    }
    legend = Text.of(
        f"说明：「{OUTSIDE}」表示该月不在职（入职前或离职后），0 表示在职但当月未到岗",
        "；空白表示该月按另一类资格计入（考核期内取得或不再持有证书）" if blank else "",
        "。",
    )
    return Table(
        "", (tuple(head1), tuple(head2), *body), 2, widths, (legend, *_attendance_notes(result))
    )


def _worker_rows(
    block: list[AttendanceRow],
    months: list[Month],
    label: str,
    months_in_post: dict[str, set[Month]],
    serial: int,
    notes: bool,
) -> tuple[list[tuple[Cell | None, ...]], int]:
    by_worker: dict[str, dict[Month, AttendanceRow]] = defaultdict(dict)
    for row in block:
        by_worker[row.worker_id][row.month] = row
    out: list[tuple[Cell | None, ...]] = []
    cell_keys: dict[Month, list[str]] = defaultdict(list)
    for worker, cells in by_worker.items():
        serial += 1
        first, last = next(iter(cells.values())), cells[max(cells)]
        who = f"到岗·{label}·{first.name}（{worker}）"
        level = (
            last.qualification.short
            if last.qualification
            else ("持证" if last.certified else "非持证")
        )
        month_nums = [number(f"{who}·{m}", cells[m].value) if m in cells else None for m in months]
        for m, n in zip(months, month_nums, strict=True):
            if n is not None:
                cell_keys[m].append(n.key)
        present = [n for n in month_nums if n is not None]
        row_total = total(
            f"{who}·合计",
            sum((n.value for n in present), ZERO),
            tuple(n.key for n in present),
            False,
        )
        employed = months_in_post[worker]
        month_cells = [
            Cell(n) if n is not None else Cell("" if m in employed else OUTSIDE)
            for m, n in zip(months, month_nums, strict=True)
        ]
        rows = [cells[m] for m in sorted(cells, key=lambda m: (m.year, m.month))]
        out.append(
            (
                Cell(str(serial)),
                Cell(first.name),
                Cell(first.position),
                Cell(level),
                *month_cells,
                Cell(row_total),
                *(Cell(text) for text in _per_person(rows, notes)),
            )
        )
    out.append(
        _line(f"{label}小计", _subtotals(by_worker, months, cell_keys, label), 3 + int(notes))
    )
    return out, serial


def _per_person(rows: list[AttendanceRow], notes: bool) -> list[str]:
    """从业2年以上, 社保, 工资 (and 备注) over the months the row shows."""
    experienced = [r.month for r in rows if r.experienced]
    if len(experienced) == len(rows):
        years = "是"
    elif not experienced:
        years = "否"
    elif all(r.experienced for r in rows if r.month >= experienced[0]):
        years = f"{experienced[0].month}月起"
    else:
        years = f"{len(experienced)}个月"
    out = [years, _missing([r.insured for r in rows]), _missing([r.paid for r in rows])]
    if notes:
        out.append("；".join(dict.fromkeys(_dated(r) for r in rows if r.note)))
    return out


def _dated(row: AttendanceRow) -> str:
    """A month's note with its month, unless it names it (「本月起…」 alone would say nothing)."""
    month = f"{row.month.month}月"
    return row.note if row.note.startswith(month) else f"{month}：{row.note}"


def _missing(flags: list[bool]) -> str:
    """是 when every month shown has it, 否 when none does, else 缺N月."""
    gaps = flags.count(False)
    return "是" if not gaps else "否" if gaps == len(flags) else f"缺{gaps}月"


def _subtotals(
    by_worker: dict[str, dict[Month, AttendanceRow]],
    months: list[Month],
    cell_keys: dict[Month, list[str]],
    label: str,
) -> list[Num]:
    sub = f"到岗·{label}小计"
    subs = []
    for m in months:
        value = sum((ms[m].value for ms in by_worker.values() if m in ms), ZERO)
        subs.append(total(f"{sub}·{m}", value, tuple(cell_keys[m]), False))
    grand = total(
        f"{sub}·合计", sum((s.value for s in subs), ZERO), tuple(s.key for s in subs), False
    )
    return [*subs, grand]


def _line(label: str, nums: list[Num], extra: int) -> tuple[Cell | None, ...]:
    """A bold line across the table: its label over the first four columns, then the figures."""
    return (
        Cell(label, colspan=4, bold=True),
        None,
        None,
        None,
        *(Cell(n, bold=True) for n in nums),
        Cell("", colspan=extra),
        *([None] * (extra - 1)),
    )


def _monthly_lines(
    result: Result, months: list[Month], extra: int
) -> list[tuple[Cell | None, ...]]:
    s = result.staffing
    lines: list[tuple[Cell | None, ...]] = []
    specs = (
        (
            "实到",
            [m.actual for m in s.months],
            s.actual.value,
            ("到岗·持证社工小计", "到岗·非持证社工小计"),
        ),
        ("应到", [m.required for m in s.months], s.required.value, ()),
        ("持证应到", [m.certified_required for m in s.months], s.certified_required.value, ()),
    )
    for label, values, overall, sources in specs:
        nums = []
        for m, v in zip(months, values, strict=True):
            parts = tuple(f"{src}·{m}" for src in sources)
            nums.append(
                total(f"到岗·{m}·{label}", v, parts, False)
                if parts
                else number(f"到岗·{m}·{label}", v)
            )
        grand = total(f"到岗·{label}", overall, tuple(n.key for n in nums), False)
        lines.append(_line(f"每月{label}", [*nums, grand], extra))
    return lines


@dataclass(frozen=True)
class StaffingNums:
    """The staffing totals as printed, shared by 附件2's lines and the draft findings."""

    required: Num
    actual: Num
    shortfall: Num
    certified_required: Num
    certified_actual: Num
    certified_shortfall: Num
    contracted: Num
    continuous: Num
    retention: Num  # continuous ÷ contracted
    experienced: Num
    experienced_share: Num | None  # experienced ÷ actual


def staffing_nums(result: Result) -> StaffingNums:
    s, info = result.staffing, result.evaluation.info
    actual = number("到岗·实到", s.actual.value)
    contracted = number("到岗·协议社工人数", Decimal(info.contract_workers))
    continuous = number("到岗·持续在岗人数", s.continuously_employed.value)
    experienced = number("到岗·从业2年以上人次", s.experienced_person_months.value)
    share = None
    if s.experienced_share is not None:
        of = (experienced.key, actual.key)
        share = percent("到岗·从业2年以上占比", s.experienced_share.value, of)
    return StaffingNums(
        required=number("到岗·应到", s.required.value),
        actual=actual,
        shortfall=number("到岗·缺少", s.shortfall.value),
        certified_required=number("到岗·持证应到", s.certified_required.value),
        certified_actual=number("到岗·持证社工小计·合计", s.certified_actual.value),
        certified_shortfall=number("到岗·持证缺少", s.certified_shortfall.value),
        contracted=contracted,
        continuous=continuous,
        retention=percent("到岗·稳岗率", s.retention_rate.value, (continuous.key, contracted.key)),
        experienced=experienced,
        experienced_share=share,
    )


def _attendance_notes(result: Result) -> tuple[Text, ...]:
    """The lines under 附件2: totals, 稳岗率 and the 从业2年以上 share, each with its parts."""
    n = staffing_nums(result)
    notes = [
        Text.of(
            "合计：应到",
            n.required,
            "人次，实到",
            n.actual,
            "人次，缺少",
            n.shortfall,
            "人次；持证应到",
            n.certified_required,
            "人次，持证实到",
            n.certified_actual,
            "人次，持证缺少",
            n.certified_shortfall,
            "人次。",
        ),
        Text.of(
            "稳岗率：考核期内每月均在岗的社工",
            n.continuous,
            "人 ÷ 协议社工人数",
            n.contracted,
            "人 = ",
            n.retention,
            "。",
        ),
    ]
    if n.experienced_share is not None:
        notes.append(
            Text.of(
                "从业2年以上：从业满两年的社工到岗",
                n.experienced,
                "人次 ÷ 实到",
                n.actual,
                "人次 = ",
                n.experienced_share,
                "。",
            )
        )
    excluded = result.staffing.excluded
    if excluded:
        notes.append(Text.of(f"以下人员岗位不属社工，未列入本表：{'、'.join(excluded)}。"))
    return tuple(notes)
