"""`pinggu performance-report`: the command that needs the report's libraries, in its own module
so that the command line imports it only when it runs (pinggu/cli.py)."""

from __future__ import annotations

import argparse

from ..._engine import evaluate
from ..._scheme import load_scheme
from ..._workbook.importer import load_workbook
from .build import write_performance_docx, write_performance_report


def performance_report(args: argparse.Namespace) -> int:
    """Write the performance report of `args.workbook` into `args.out` and say where it is."""
    scheme = load_scheme(args.scheme)
    result = evaluate(load_workbook(args.workbook, scheme), scheme)
    if args.no_pdf:
        _, files = write_performance_docx(result, args.out, args.template)
    else:
        files = write_performance_report(result, args.out, args.template)
    print(f"已生成绩效评价报告：{files.docx}")
    if files.pdf is not None:
        print(f"              PDF：{files.pdf}")
    print(f"自检通过：核对 {len(files.audit.checks)} 个数字与关系，全部与计算结果一致。")
    if result.performance is not None and result.performance.problems:
        print("【绩效评价的提示】")
        for problem in result.performance.problems:
            print(f"· {problem.message}")
    return 0
