"""Measures an .xls or .ods in a child process held to a memory and a time limit.

An .xlsx is measured by scanning its XML (`guard`) before anything is expanded. An .xls cannot
be measured so: it is a binary compound file whose sheets only calamine decodes, and it places
its cells where it likes (BIFF8 allows 65,536 rows × 256 columns, 16.7 million cells, in a file
of a few kilobytes); an .ods can repeat one cell a billion times with one attribute. So calamine
opens the file in a child process that can use at most `MEMORY` bytes and `SECONDS` of CPU time,
and reports each sheet's used range. A file that breaks those bounds kills only the child, and is
refused; a file within them has its ranges checked against `Limits` here, before this process
expands a cell. The README's 「上传与读取的限制」 gives the worst files measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .guard import column_letters, refuse
from .limits import Limits

__all__ = ["MEMORY", "SECONDS", "measure"]

MEMORY = 768 * 1024 * 1024  # address space of the child: Python, calamine and one sheet's grid
SECONDS = 20  # CPU seconds of the child; the wall-clock wait allows a little more

# The child imports nothing of pinggu: only calamine touches the file.
_CHILD = """
import json, resource, sys
memory, seconds = int(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum
try:
    with open(sys.argv[1], "rb") as stream:
        book = CalamineWorkbook.from_filelike(stream)
except PasswordError:
    print(json.dumps({"refused": "password"}))
    sys.exit(0)
except Exception:
    print(json.dumps({"refused": "corrupt"}))
    sys.exit(0)
sheets = []
for meta in book.sheets_metadata:
    if meta.typ != SheetTypeEnum.WorkSheet:
        continue
    try:
        sheet = book.get_sheet_by_name(meta.name)
    except Exception:
        print(json.dumps({"refused": "corrupt"}))
        sys.exit(0)
    end = sheet.end
    sheets.append([meta.name, (end[0] + 1, end[1] + 1) if end is not None else (0, 0)])
    del sheet
print(json.dumps({"sheets": sheets}))
"""


def measure(file: Path, shown: str, limits: Limits) -> None:
    """Refuse (`FileRefused`) an .xls or .ods that calamine cannot open within the child's
    bounds, or whose used ranges exceed `limits`; `shown` is the file as the user named it."""
    command = [sys.executable, "-I", "-c", _CHILD, str(file), str(MEMORY), str(SECONDS)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS + 10, check=False)
    except subprocess.TimeoutExpired:
        refuse(_too_large(shown))
    try:
        report = json.loads(done.stdout) if done.returncode == 0 else None
    except ValueError:
        report = None
    if not isinstance(report, dict):  # killed by the memory or time limit
        refuse(_too_large(shown))
    if report.get("refused") == "password":
        refuse(f"文件「{shown}」设有密码，请取消密码保护后再导入")
    if "sheets" not in report:
        refuse(
            f"无法读取文件「{shown}」：不是有效的 Excel 工作簿"
            "（应为 .xlsx、.xls 或 .ods 文件，可用 Excel 或 WPS 另存为 .xlsx）"
        )
    cells = 0
    for name, (rows, columns) in report["sheets"]:
        where = f"工作簿「{shown}」工作表「{name}」的单元格 {column_letters(columns)}{rows}"
        if rows > limits.rows or columns > limits.columns:
            refuse(f"{where} 超出允许范围（最多 {limits.columns} 列、{limits.rows} 行）")
        cells += rows * columns
        if cells > limits.cells:
            refuse(
                f"{where} 使工作簿的已用区域超过 {limits.cells} 个单元格，超出允许范围；"
                "请删除多余的内容（或把数据分成几个文件）"
            )


def _too_large(shown: str) -> str:
    return (
        f"工作簿「{shown}」展开后过大（读取时超过 {MEMORY // (1024 * 1024)} MB 内存或 "
        f"{SECONDS} 秒），超出允许范围；请删除多余的内容，或另存为 .xlsx 后再试"
    )
