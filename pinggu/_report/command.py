"""`pinggu report`: the command that needs the report's libraries (matplotlib, python-docx,
docxtpl), in its own module so that the command line imports it only when it runs
(pinggu/cli.py)."""

from __future__ import annotations

import argparse

from .._engine import evaluate
from .._errors import ReportError, WorkbookError
from .._scheme import load_scheme
from .._workbook.importer import load_workbook
from .build import write_docx, write_report


def report(args: argparse.Namespace) -> int:
    """Write the report of `args.workbook` into `args.out` and say where it is."""
    scheme = load_scheme(args.scheme)
    result = evaluate(load_workbook(args.workbook, scheme), scheme)
    midterm = None
    if args.midterm is not None:
        try:
            midterm = evaluate(load_workbook(args.midterm, scheme), scheme)
        except WorkbookError as exc:
            raise ReportError(f"中期评估工作簿 {args.midterm}：{exc}") from None
    if args.no_pdf:
        _, files = write_docx(
            result, args.out, args.template, final=args.final, midterm=midterm, style=args.style
        )
    else:
        files = write_report(
            result, args.out, args.template, final=args.final, midterm=midterm, style=args.style
        )
    print(f"已生成评估报告：{files.docx}")
    if files.pdf is not None:
        print(f"          PDF：{files.pdf}")
    print(f"          图表：{'、'.join(str(c) for c in files.charts)}")
    a = files.audit
    print(f"自检通过：核对 {len(a.checks)} 个数字与关系，全部与计算结果一致。")
    return 0
