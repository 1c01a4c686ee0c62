"""`pinggu sample-files`: the file draw shown in the terminal and written as lists to fill.

The station's file lists are read (every problem located, nothing drawn when anything is
wrong), the scheme's plan is applied with the seed, and the plan and the lists are printed in
Chinese. With `-o DIR` the lists are written for the experts: a sheet per type with a column per
checklist item (to print and fill on site), the reserve, the 档案抽查 sheet of the evaluation
workbook already holding a row per drawn file and item (to type the results into), and how the
draw was made; with the record (.json) beside it. `--json` prints only the record, in the
issue's shape (docs/onsite.md). Everything is built first and written last, each file under a
temporary name then renamed, so a failure leaves no half file.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ._errors import InvalidData, WorkbookError
from ._numbers import plain
from ._onsite.draw import file_draw_to_dict, sample_files
from ._onsite.file_lists import read_file_lists
from ._onsite.files_model import DrawnFile, FileDraw, FileEntry, FileSampling, FileType, Verdict
from ._sample_command import numbered, refuse, replace_file
from ._scheme import Scheme
from ._sheets.write import append_row
from ._text import table

__all__ = ["run"]

XLSX_NAME, JSON_NAME = "档案抽查名单.xlsx", "档案抽取记录.json"
EXAMPLE_NOTICE = (
    "注意：评估方案「{name}」的抽查比例和检查项是示例（docs/onsite.md），各区应以本区的要求替换。"
)


@dataclass(frozen=True)
class _Drawn:
    """The lists, the scheme and the draw: what the text and the workbook are written from."""

    files: tuple[FileEntry, ...]
    sampling: FileSampling
    draw: FileDraw
    source: str
    scheme_name: str

    def entry(self, f: DrawnFile) -> FileEntry:
        return next(e for e in self.files if e.type is f.type and e.id == f.id)


# ---------------------------------------------------------------------------------- text


def _describe(entry: FileEntry) -> tuple[str, str, str]:
    """名称, 日期 (开案日期 for a case) and 结案日期 (cases only: 未结案 when open)."""
    if entry.type is FileType.CASE:
        return "", str(entry.opened or ""), str(entry.closed or "未结案")
    return entry.title, str(entry.on or ""), ""


def _plan_rows(d: _Drawn) -> list[list[str]]:
    rows = []
    for p in d.draw.plan:
        rule = d.sampling.rule(p.type)
        assert rule is not None  # the draw only plans types with a rule
        share = f"{plain(rule.share * 100)}%"
        exact = p.files * rule.share
        up = math.ceil(exact)
        how = f"{p.files} × {share} = {plain(exact)}"
        if p.files <= rule.minimum:
            how = f"不超过至少份数 {rule.minimum}，全部抽查"
        elif up < rule.minimum:
            how += f"，不少于 {rule.minimum} 份"
        elif up > rule.maximum:
            how += f"，至多 {rule.maximum} 份"
        elif up != exact:
            how += f"，向上取整为 {up}"
        reserve = sum(1 for f in d.draw.reserve if (f.type, f.zone) == (p.type, p.zone))
        rows.append([p.type.value, p.zone, str(p.files), how, str(p.drawn), str(reserve)])
    return rows


_PLAN_HEADERS = ["类型", "片区", "清单份数", "计算", "抽取", "备用"]


def _list_rows(d: _Drawn, listed: Sequence[DrawnFile]) -> list[list[str]]:
    rows = []
    place: dict[tuple[FileType, str], int] = {}
    for f in listed:
        place[(f.type, f.zone)] = place.get((f.type, f.zone), 0) + 1
        entry = d.entry(f)
        rows.append(
            [
                f.type.value,
                f.zone,
                str(place[(f.type, f.zone)]),
                f.id,
                entry.worker,
                *_describe(entry),
            ]
        )
    return rows


_LIST_HEADERS = [
    "类型",
    "片区",
    "顺序",
    "编号",
    "社工",
    "名称",
    "日期（个案为开案日期）",
    "结案日期",
]


def draw_text(d: _Drawn) -> str:
    counts = "，".join(
        f"{kind.value} {n} 份"
        for kind in FileType
        if (n := sum(1 for f in d.files if f.type is kind))
    )
    lines = [
        f"档案清单：{d.source}（{counts}）",
        f"评估方案：{d.scheme_name}",
        f"抽取种子：{d.draw.seed}    抽查：{len(d.draw.drawn)} 份    备用：{len(d.draw.reserve)} 份",
    ]
    if d.sampling.example:
        lines.append(EXAMPLE_NOTICE.format(name=d.scheme_name))
    unplanned = [k.value for k in FileType if d.sampling.rule(k) is None]
    if unplanned and any(f.type.value in unplanned for f in d.files):
        lines.append(f"评估方案不抽查{'、'.join(unplanned)}档案。")
    lines += [
        "",
        "抽查方案（每类档案按片区分别抽取）：",
        table(_PLAN_HEADERS, _plan_rows(d), (2, 4, 5)),
    ]
    lines += ["", "抽查名单（片区内按抽取顺序）："]
    lines.append(table(["序号", *_LIST_HEADERS], numbered(_list_rows(d, d.draw.drawn)), (0, 3)))
    if d.draw.reserve:
        lines += ["", "备用名单（抽中的档案找不到时，由同类型同片区的下一份替补）："]
        lines.append(
            table(["序号", *_LIST_HEADERS], numbered(_list_rows(d, d.draw.reserve)), (0, 3))
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------- files


def _header(ws: Any, headers: Sequence[str], widths: Sequence[int]) -> None:
    append_row(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _verdicts(ws: Any, first: int, last: int, rows: int) -> None:
    choices = ",".join(v.value for v in Verdict)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.add(f"{get_column_letter(first)}2:{get_column_letter(last)}{max(rows, 1) + 1}")
    ws.add_data_validation(validation)


def _type_sheet(book: Workbook, d: _Drawn, kind: FileType) -> None:
    """One row per drawn file of `kind`, a column per checklist item to fill, then 说明."""
    checklist = d.sampling.checklist(kind)
    items = [i.name for i in checklist.items] if checklist else []
    drawn = [f for f in d.draw.drawn if f.type is kind]
    ws = book.create_sheet(f"{kind.value}抽查")
    own = ["开案日期", "结案日期"] if kind is FileType.CASE else ["名称", "日期"]
    base = ["片区", "顺序", "编号", "社工", *own]
    _header(ws, [*base, *items, "说明"], [10, 6, 10, 10, 14, 12, *(8 for _ in items), 30])
    for row in _list_rows(d, drawn):
        zone, place, number, worker, name, day, closed = row[1:]
        dates = [day, closed] if kind is FileType.CASE else [name, day]
        append_row(ws, [zone, int(place), number, worker, *dates])
    _verdicts(ws, len(base) + 1, len(base) + len(items), len(drawn))
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as many long as needed
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def _workbook(d: _Drawn) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for kind in FileType:
        if any(f.type is kind for f in d.draw.drawn):
            _type_sheet(book, d, kind)
    ws = book.create_sheet("备用名单")
    _header(ws, _LIST_HEADERS, [10, 10, 6, 10, 10, 14, 12, 12])
    for row in _list_rows(d, d.draw.reserve):
        append_row(ws, row)
    ws = book.create_sheet("档案抽查")
    _header(ws, ["类型", "编号", "检查项", "结果", "说明"], [10, 12, 18, 10, 40])
    count = 0
    for f in d.draw.drawn:
        checklist = d.sampling.checklist(f.type)
        for item in checklist.items if checklist else ():
            append_row(ws, [f.type.value, f.id, item.name, None, None])
            count += 1
    _verdicts(ws, 4, 4, count)
    ws = book.create_sheet("抽取说明")
    for row in _explanation(d):
        append_row(ws, row)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 90
    return book


def _explanation(d: _Drawn) -> list[list[Any]]:
    notice = [[EXAMPLE_NOTICE.format(name=d.scheme_name)]] if d.sampling.example else []
    return [
        ["档案清单", d.source],
        ["评估方案", d.scheme_name],
        ["抽取种子", d.draw.seed],
        ["抽查份数", len(d.draw.drawn)],
        ["备用份数", len(d.draw.reserve)],
        *notice,
        [],
        ["如何抽取"],
        [
            "1. 份数：每类档案按片区分别计算，片区有 n 份时抽取 n × 比例并向上取整，"
            "不少于至少份数、不多于至多份数；不足至少份数的全部抽查。"
        ],
        [
            '2. 顺序码：每份档案的顺序码是文本 ["种子","类型","编号"]（JSON 格式，无空格，UTF-8 编码）'
            "的 SHA-256 值（十六进制）；同一类型同一片区的档案按顺序码从小到大排列，与清单的行序无关。"
        ],
        [
            "3. 排在最前的为抽查档案，其后为备用档案；抽中的档案找不到时，由同类型同片区的下一份备用档案替补。"
        ],
        [],
        ["如何填写"],
        [
            "打印「个案抽查」等表，现场逐份逐项填写 符合 / 不符合 / 不适用；录入时填写「档案抽查」表"
            "（每份档案每个检查项一行），粘贴到评估工作簿的同名工作表，或在网页上逐份填写。"
        ],
        [],
        ["如何核对"],
        [f"重新抽取：pinggu sample-files 档案清单 --seed {d.draw.seed}"],
        [
            '手工核对某份档案的顺序码：printf \'["种子","个案","编号"]\' | sha256sum；算法说明见 docs/onsite.md「抽取方法」。'
        ],
        [],
        ["抽查方案"],
        _PLAN_HEADERS,
        *_plan_rows(d),
    ]


def write_lists(out: Path, d: _Drawn) -> tuple[Path, Path]:
    """Write 档案抽查名单.xlsx and 档案抽取记录.json into the directory `out`."""
    book = _workbook(d)
    record = json.dumps(file_draw_to_dict(d.draw), ensure_ascii=False, indent=2) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    xlsx, js = out / XLSX_NAME, out / JSON_NAME
    replace_file(xlsx, lambda tmp: book.save(os.fspath(tmp)))
    replace_file(js, lambda tmp: tmp.write_text(record, encoding="utf-8"))
    return xlsx, js


# ---------------------------------------------------------------------------------- command


def run(lists: Path, *, seed: str, scheme: Scheme, out: Path | None, as_json: bool) -> int:
    """The `pinggu sample-files` command: 0 done, 2 refused (with the reason on stderr)."""
    if not seed.strip():
        return refuse("请用 --seed 指定抽取种子")
    sampling = scheme.file_sampling
    if sampling is None:
        return refuse(f"评估方案「{scheme.name}」没有档案抽查方案（[file_sampling]），无法抽取")
    try:
        files = read_file_lists(lists)
    except WorkbookError as exc:
        problems = "\n".join(f"  {p}" for p in exc.problems)
        return refuse(f"{lists}：档案清单有 {len(exc.problems)} 处问题，未抽取：\n{problems}")
    zones = list(dict.fromkeys(f.zone for f in files))  # as the lists first name them
    try:
        draw = sample_files(files, sampling, seed=seed, zones=zones)
    except InvalidData as exc:
        return refuse(str(exc))
    drawn = _Drawn(files, sampling, draw, lists.name, scheme.name)
    written = None
    if out is not None:  # written before anything is printed: the files never depend on stdout
        try:
            written = write_lists(out, drawn)
        except OSError as exc:
            return refuse(f"无法写出抽查名单到「{out}」：{exc.strerror or exc}")
    if as_json:
        print(json.dumps(file_draw_to_dict(draw), ensure_ascii=False, indent=2))
        return 0
    print(draw_text(drawn))
    if written is not None:
        print(f"\n已写出：{written[0]}（各类抽查表、备用名单、档案抽查、抽取说明）")
        print(f"        {written[1]}（抽取记录：种子、抽查方案、名单编号）")
    return 0
