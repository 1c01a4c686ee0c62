"""`pinggu sample`: a draw shown in the terminal and written as .xlsx (lists) and .json (record).

Names and phones are masked unless the caller asks otherwise (docs/survey.md: exports mask personal
data by default); notes (备注) may hold personal details too, so they appear only unmasked. The
.json record holds client numbers only, never a name or phone. Everything is built first and
written last, each file under a temporary name then renamed, so a failure leaves no half file.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ._errors import WorkbookError
from ._roster import Client, Roster, mask_name, mask_phone, read_roster
from ._sample import METHOD, Draw, ZoneDraw, draw_sample, verify_draw
from ._sheets.write import append_row
from ._text import table

__all__ = ["SampleFiles", "draw_text", "output_paths", "run", "write_draw"]

XLSX_NAME, JSON_NAME = "抽样名单.xlsx", "抽样记录.json"
LIST_SHEET, RESERVE_SHEET, NOTE_SHEET = "抽样名单", "备用名单", "抽样说明"


@dataclass(frozen=True)
class SampleFiles:
    xlsx: Path
    json: Path


def output_paths(out: Path) -> SampleFiles:
    """OUT.xlsx → OUT.xlsx and OUT.json; any other path is a directory for 抽样名单.xlsx and
    抽样记录.json."""
    if out.suffix.lower() == ".xlsx":
        return SampleFiles(out, out.with_suffix(".json"))
    return SampleFiles(out / XLSX_NAME, out / JSON_NAME)


# ---------------------------------------------------------------------------------- rows


def _person(client: Client, masked: bool) -> list[str]:
    if masked:
        return [mask_name(client.name), mask_phone(client.phone)]
    return [client.name, client.phone]


def _headers(masked: bool) -> list[str]:
    return ["片区", "顺序", "编号", "姓名", "电话", "社区", "类别", "分级"] + (
        [] if masked else ["备注"]
    )


def _in_roster_order(draw: Draw, roster: Roster) -> list[ZoneDraw]:
    """The zones as the roster first lists them, for reading (第一、第二、第三 rather than the
    draw's code-point order); the draw itself does not depend on this order."""
    first: dict[str, int] = {}
    for client in roster.clients:
        first.setdefault(client.zone, len(first))
    return sorted(draw.zones, key=lambda z: first.get(z.zone, len(first)))


def _rows(draw: Draw, roster: Roster, masked: bool, reserve: bool) -> list[list[str | int]]:
    """One row per client: zone, place in the zone's order, number, name, phone, …"""
    clients = roster.by_number()
    rows: list[list[str | int]] = []
    for zone in _in_roster_order(draw, roster):
        for place, number in enumerate(zone.reserve if reserve else zone.chosen, start=1):
            c = clients[number]
            row: list[str | int] = [zone.zone, place, number, *_person(c, masked), c.community]
            row += ["、".join(c.categories), c.level]
            rows.append(row if masked else [*row, c.note])
    return rows


def _allocation(draw: Draw, roster: Roster) -> list[list[str]]:
    total = draw.roster_size
    sample = min(draw.n, total)
    rows = [
        [z.zone, str(z.size), f"{sample} × {z.size} ÷ {total}", str(z.quota), str(len(z.reserve))]
        for z in _in_roster_order(draw, roster)
    ]
    return [*rows, ["合计", str(total), "", str(sample), str(total - sample)]]


_ALLOCATION_HEADERS = ["片区", "名册人数", "按比例", "抽取", "备用"]


# ---------------------------------------------------------------------------------- text


def draw_text(draw: Draw, roster: Roster, source: str, masked: bool) -> str:
    """The draw as the terminal shows it: record, allocation, then the list in calling order."""
    counts = roster.counts()
    lines = [
        f"服务对象名册：{source}（{counts.clients} 人，{counts.households} 户）",
        f"名册指纹：{draw.roster_fingerprint}",
        f"抽样种子：{draw.seed}    要求抽取：{draw.n} 人    实际抽取：{len(draw.chosen)} 人",
    ]
    if draw.n >= draw.roster_size:
        lines.append(f"名册不足 {draw.n} 人，全部服务对象均列入抽样名单。")
    unknown = roster.unknown_categories()
    if unknown:
        names = "、".join(f"「{n}」" for n in unknown)
        lines.append(f"提示：类别{names}不在 17 类服务对象之内，已按原名单独计数。")
    lines += [
        "",
        "按片区分配（最大余数法）：",
        table(_ALLOCATION_HEADERS, _allocation(draw, roster), (1, 3, 4)),
    ]
    note = "姓名和电话已隐去，--unmasked 显示全部" if masked else "含姓名和电话，请妥善保管"
    lines += ["", f"抽样名单（按片区，片区内按呼叫顺序；{note}）："]
    lines.append(
        table(["序号", *_headers(masked)], numbered(_rows(draw, roster, masked, False)), (0, 2))
    )
    return "\n".join(lines)


def numbered(rows: Sequence[Sequence[str | int]]) -> list[list[str]]:
    return [[str(i), *(str(cell) for cell in row)] for i, row in enumerate(rows, start=1)]


# ---------------------------------------------------------------------------------- files


def _explanation(draw: Draw, roster: Roster, roster_name: str) -> list[list[Any]]:
    sample = min(draw.n, draw.roster_size)
    facts: list[list[Any]] = [
        ["服务对象名册", roster_name],
        ["名册人数", draw.roster_size],
        ["名册指纹（SHA-256）", draw.roster_fingerprint],
        ["抽样种子", draw.seed],
        ["要求抽取 n", draw.n],
        ["实际抽取", sample],
        ["抽样方法", METHOD],
        [],
        ["如何抽取"],
        [
            f"1. 分配：各片区先得 {sample} × 片区人数 ÷ 名册人数 的整数部分；余下的名额按余数从大到小"
            "逐个分给各片区，余数相同时给人数多的片区，再相同时按片区名称的 Unicode 编码顺序。"
        ],
        [
            '2. 顺序：每人的顺序码是文本 ["种子","编号"]（JSON 格式，无空格，UTF-8 编码）的 SHA-256 值（十六进制），'
            "片区内按顺序码从小到大排列；与名册的行序、电脑和软件版本无关。"
        ],
        [
            "3. 各片区排在前面的为抽样名单，其余按同一顺序为备用名单；未联系上的，由同一片区备用名单中下一位替补。"
        ],
        [],
        ["如何核对"],
        [f"重新抽取：pinggu sample 名册文件 -n {draw.n} --seed {draw.seed}"],
        [
            "与记录比对：pinggu sample 名册文件 --check 抽样记录.json（先核对名册指纹，再重新抽取并逐一比对）"
        ],
        [
            '手工核对某人的顺序码：printf \'["种子","编号"]\' | sha256sum；算法说明见 docs/survey.md「抽样」。'
        ],
        [],
        ["按片区分配"],
        _ALLOCATION_HEADERS,
    ]
    return facts + [
        [int(c) if c.isdigit() else c for c in row] for row in _allocation(draw, roster)
    ]


def _sheet(
    ws: Any, headers: list[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]
) -> None:
    append_row(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(ws, row)
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"


def _workbook(draw: Draw, roster: Roster, roster_name: str, masked: bool) -> Workbook:
    book = Workbook()
    widths = [12, 6, 12, 10, 16, 16, 28, 6, 30]
    lists = ((LIST_SHEET, False), (RESERVE_SHEET, True))
    for index, (title, reserve) in enumerate(lists):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = title
        _sheet(ws, _headers(masked), _rows(draw, roster, masked, reserve), widths)
    ws = book.create_sheet(NOTE_SHEET)
    for row in _explanation(draw, roster, roster_name):
        append_row(ws, row)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 22, 70
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=False, vertical="top")
    return book


def write_draw(
    out: Path, draw: Draw, roster: Roster, roster_name: str, masked: bool
) -> SampleFiles:
    """Write the lists (.xlsx) and the record (.json); returns where they went."""
    paths = output_paths(out)
    book = _workbook(draw, roster, roster_name, masked)
    record = json.dumps(draw.to_dict(), ensure_ascii=False, indent=2) + "\n"
    paths.xlsx.parent.mkdir(parents=True, exist_ok=True)
    replace_file(paths.xlsx, lambda tmp: book.save(os.fspath(tmp)))
    replace_file(paths.json, lambda tmp: tmp.write_text(record, encoding="utf-8"))
    return paths


def replace_file(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------- command


def run(
    roster_path: Path,
    *,
    n: int,
    seed: str | None,
    out: Path | None = None,
    check: Path | None = None,
    unmasked: bool = False,
) -> int:
    """The `pinggu sample` command: 0 done (or record confirmed), 1 record differs, 2 refused."""
    if check is None and (seed is None or not seed.strip()):
        return refuse("请用 --seed 指定抽样种子（或用 --check 核对已保存的抽样记录）")
    if n < 1:
        return refuse(f"抽取人数 -n 应至少为 1，实为 {n}")
    try:
        roster = read_roster(roster_path)
    except WorkbookError as exc:
        problems = "\n".join(f"  {p}" for p in exc.problems)
        return refuse(f"{roster_path}：名册有 {len(exc.problems)} 处问题，未抽样：\n{problems}")
    for notice in roster.notices:  # before any draw: a client left out, a 片区 not the workbook's
        print(f"提示：{notice}")
    if check is not None:
        return _check(roster, check)
    assert seed is not None
    draw = draw_sample(roster, n=n, seed=seed)
    masked = not unmasked
    files = None
    if out is not None:  # written before anything is printed: the files never depend on stdout
        try:
            files = write_draw(out, draw, roster, roster_path.name, masked=masked)
        except OSError as exc:
            return refuse(f"无法写出抽样名单到「{out}」：{exc.strerror or exc}")
    print(draw_text(draw, roster, roster_path.name, masked=masked))
    if files is not None:
        print(f"\n已写出：{files.xlsx}（抽样名单、备用名单、抽样说明）")
        print(f"        {files.json}（抽样记录：种子、名册指纹、名单编号；可用 --check 核对）")
    return 0


def _check(roster: Roster, record: Path) -> int:
    try:
        stored = Draw.from_dict(json.loads(record.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:  # JSONDecodeError and from_dict's are ValueErrors
        return refuse(f"无法读取抽样记录「{record}」：{exc}")
    result = verify_draw(roster, stored)
    print(("核对通过：" if result.ok else "核对未通过：") + result.message)
    return 0 if result.ok else 1


def refuse(message: str) -> int:
    print(message, file=sys.stderr)
    return 2
