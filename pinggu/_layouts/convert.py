"""`pinggu convert`: a workbook in any layout written out as the tidy workbook that was read.

A station whose staffing grid or indicator table was read wants to see exactly what the
evaluation took from it, and to keep that as its workbook from then on. The tidy workbook is the
template's layout filled with the `Evaluation` read, so evaluating it gives the same figures as
evaluating the original; what the original's own totals got wrong is returned to be shown.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .._model import Evaluation
from .._scheme import Scheme
from .._sheets.reader import read_book
from .._workbook.importer import parse_workbook, wanted
from .._workbook.writer import write_workbook
from .detect import read_layouts


@dataclass(frozen=True)
class Conversion:
    evaluation: Evaluation
    read_as: tuple[str, ...]  # 「附件2」（月度到岗表）→「到岗」, one per sheet read as a layout


def convert_workbook(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    scheme: Scheme,
    *,
    name: str | None = None,
) -> Conversion:
    """Read `path` (raises `WorkbookError` with every problem) and write it tidy to `out`."""
    sheets = read_book(path, name=name, wanted=wanted)
    evaluation = parse_workbook(sheets, scheme)
    read_as = tuple(
        f"工作表「{c.source}」按{c.layout}读取，写为「{c.target}」表"
        for c in read_layouts(sheets, scheme).read
    )
    write_workbook(out, evaluation, scheme)
    return Conversion(evaluation, read_as)
