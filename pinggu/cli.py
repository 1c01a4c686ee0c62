"""The `pinggu` command line: write a blank workbook, evaluate a filled one."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import evaluate, load_scheme, load_workbook, result_to_dict, write_workbook
from ._errors import PingguError, WorkbookError
from ._scheme import available_schemes
from ._text import render


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pinggu", description="广州市社工服务站评估")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    t = sub.add_parser("template", help="生成空白评估工作簿（含说明和下拉选项）")
    t.add_argument("out", type=Path, metavar="OUT.xlsx")
    t.add_argument(
        "--scheme",
        default="guangzhou-2023",
        help=f"按哪个评估方案制作下拉选项和否决情形：{'、'.join(available_schemes())}，或方案文件路径",
    )
    e = sub.add_parser("evaluate", help="读取评估工作簿，计算得分、等级、否决和提示")
    e.add_argument("workbook", type=Path, metavar="WORKBOOK")
    e.add_argument(
        "--scheme",
        default="guangzhou-2023",
        help=f"评估方案：{'、'.join(available_schemes())}，或方案文件路径",
    )
    e.add_argument("--json", action="store_true", help="以 JSON 输出完整结果")
    sub.add_parser("schemes", help="列出内置评估方案")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "template":
            scheme = load_scheme(args.scheme)
            write_workbook(args.out, scheme=scheme)
            print(f"已生成空白评估工作簿：{args.out}（评估方案：{scheme.name}）")
        elif args.command == "schemes":
            for name in available_schemes():
                print(f"{name}\t{load_scheme(name).name}")
        elif args.command == "evaluate":
            scheme = load_scheme(args.scheme)
            result = evaluate(load_workbook(args.workbook, scheme), scheme)
            if args.json:
                print(json.dumps(result_to_dict(result), ensure_ascii=False, indent=2))
            else:
                print(render(result))
    except WorkbookError as exc:
        print(f"{args.workbook}：{exc}", file=sys.stderr)
        return 2
    except PingguError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
