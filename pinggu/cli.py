"""The `pinggu` command line: a blank workbook, an evaluation, its report and the report's audit,
a field-layout workbook converted to the tidy one, the survey's draw from a client roster, and
the follow-up of the station's clients from its service records.

A command that needs more than the engine imports its modules when it runs: the report's
(matplotlib, python-docx, docxtpl; the audit's content modules), openpyxl for writing .xlsx,
Django for the web. Together they take longer to import than `pinggu evaluate` takes to run,
and `--help` needs none of them (tests/test_it_starts_without_the_report_libraries.py). The
rule against imports inside functions is the web app's (tests/test_web_layout.py), not the
command line's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import evaluate, load_scheme, load_workbook, result_to_dict
from ._contacts.show import follow_up_text
from ._errors import PingguError, ReportError, WorkbookError
from ._onsite.show import onsite_text
from ._report.styles import DEFAULT_STYLE, available_styles, load_style
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
    _scheme_option(e)
    e.add_argument("--json", action="store_true", help="以 JSON 输出完整结果")
    _report_parser(sub)
    _performance_report_parser(sub)
    a = sub.add_parser(
        "audit", help="核对 pinggu 生成的报告（评估报告或绩效评价报告）中的每一个数字，列出核对清单"
    )
    a.add_argument("report", type=Path, metavar="REPORT.docx")
    a.add_argument("--verbose", action="store_true", help="列出每一项核对，而不只是不符的项")
    c = sub.add_parser(
        "convert",
        help="把现场格式（月度到岗表、指标完成表）的工作簿写成标准评估工作簿，以便查看读取了什么",
    )
    c.add_argument("workbook", type=Path, metavar="OLD.xlsx")
    c.add_argument(
        "-o", "--out", type=Path, required=True, metavar="TIDY.xlsx", help="写出的工作簿"
    )
    _scheme_option(c)
    k = sub.add_parser(
        "check",
        help="核对任何一份评估报告（.docx、.pdf 或 .txt）中的计算：百分比、合计、评分与等级",
    )
    k.add_argument("report", type=Path, metavar="REPORT")
    k.add_argument("--json", action="store_true", help="以 JSON 输出核对结果")
    k.add_argument("--verbose", action="store_true", help="同时列出未能核对的每一个百分比")
    sub.add_parser("schemes", help="列出内置评估方案")
    sub.add_parser("styles", help="列出报告样式（名称、样式、默认使用该样式的评估方）")
    _sample_parser(sub)
    _sample_files_parser(sub)
    _contacts_parser(sub)
    s = sub.add_parser("serve", help="在 127.0.0.1 上启动网页工作台")
    s.add_argument("--port", type=int, default=8000)
    sub.add_parser("demo", help="载入演示数据（两个区、几个社工站、每个角色一个用户；可重复运行）")
    m = sub.add_parser("manage", help="Django 管理命令（如 createsuperuser）", add_help=False)
    m.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _report_parser(sub: Any) -> None:
    r = sub.add_parser("report", help="生成评估报告（.docx 与 .pdf，含图表），并自检每一个数字")
    _document_arguments(r)
    r.add_argument(
        "--midterm",
        type=Path,
        metavar="MID.xlsx",
        help="同一轮的中期评估工作簿：末期报告中与中期评估相同的意见写明「与中期评估意见一致」",
    )
    r.add_argument(
        "--style",
        metavar="NAME",
        help=f"报告样式：{'、'.join(available_styles())}（见 pinggu styles），或机构自己的样式文件"
        "（.toml）；不指定时按评估方选用，否则用联合会样式",
    )
    r.add_argument(
        "--final",
        action="store_true",
        help="定稿：各方对初稿的反馈已写入工作簿（初稿反馈异议）；不加时报告写明为初稿",
    )


def _performance_report_parser(sub: Any) -> None:
    f = sub.add_parser(
        "performance-report",
        help="生成街道办事处的项目绩效评价报告（.docx 与 .pdf，附项目支出绩效自评表），并自检",
    )
    _document_arguments(f)


def _document_arguments(p: argparse.ArgumentParser) -> None:
    """What both report commands take: the workbook, where to write, the template, the scheme."""
    p.add_argument("workbook", type=Path, metavar="WORKBOOK")
    p.add_argument("-o", "--out", type=Path, required=True, metavar="DIR", help="输出目录")
    p.add_argument(
        "--template", type=Path, metavar="FILE.docx", help="自定义报告模板（默认用内置模板）"
    )
    _scheme_option(p)
    p.add_argument("--no-pdf", action="store_true", help="只生成 .docx")


def _sample_parser(sub: Any) -> None:
    p = sub.add_parser(
        "sample", help="从服务对象名册按片区比例抽取满意度调查名单（可重复、可核对）"
    )
    p.add_argument(
        "roster", type=Path, metavar="ROSTER", help="名册：.xlsx（服务对象名册表）或 .csv"
    )
    p.add_argument(
        "-n", type=int, help="抽取人数，默认为评估方案的 sample_size（100）；名册不足时全部抽取"
    )
    p.add_argument("--seed", help="抽样种子：同一种子和名册总是得到同一名单")
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="OUT",
        help="写出名单 .xlsx 和记录 .json（目录或 OUT.xlsx）",
    )
    p.add_argument(
        "--check", type=Path, metavar="RECORD.json", help="核对已保存的抽样记录（种子取自记录）"
    )
    p.add_argument("--unmasked", action="store_true", help="显示完整姓名和电话（默认隐去）")
    _scheme_option(p)


def _sample_files_parser(sub: Any) -> None:
    p = sub.add_parser(
        "sample-files",
        help="从档案清单按评估方案抽取要抽查的个案、小组、社区活动档案（可重复、可核对）",
    )
    p.add_argument(
        "lists",
        type=Path,
        metavar="LISTS",
        help="档案清单：.xlsx（个案、小组、社区活动各一表，或一张「档案清单」表）或 .csv",
    )
    p.add_argument("--seed", required=True, help="抽取种子：同一种子和清单总是得到同一名单")
    p.add_argument(
        "-o", "--out", type=Path, metavar="DIR", help="写出抽查名单 .xlsx 和抽取记录 .json 的目录"
    )
    p.add_argument("--json", action="store_true", help="只以 JSON 输出抽取记录")
    _scheme_option(p)


def _sample_files(args: argparse.Namespace) -> int:
    from ._sample_files_command import run as run_sample_files  # openpyxl: module docstring

    return run_sample_files(
        args.lists, seed=args.seed, scheme=load_scheme(args.scheme), out=args.out, as_json=args.json
    )


def _contacts_parser(sub: Any) -> None:
    p = sub.add_parser(
        "contacts",
        help="困难群众跟进：按分级核对每位服务对象的电访、入户探访，列出逾期未跟进的服务对象",
    )
    p.add_argument(
        "roster", type=Path, metavar="ROSTER", help="服务对象名册：评估工作簿、名册 .xlsx 或 .csv"
    )
    p.add_argument(
        "records",
        type=Path,
        nargs="?",
        metavar="RECORDS",
        help="服务记录：含工作表「服务记录」的工作簿，或 .xlsx、.csv 文件（缺省与 ROSTER 相同）",
    )
    _scheme_option(p)
    p.add_argument("--on", metavar="DATE", help="列出这一天已到期或逾期未跟进的服务对象")
    p.add_argument(
        "--from", dest="start", metavar="DATE", help="考核期开始（工作簿没有「基本信息」时）"
    )
    p.add_argument("--to", dest="end", metavar="DATE", help="考核期结束（与 --from 一起使用）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def _contacts(args: argparse.Namespace) -> int:
    from ._contacts.command import run as run_contacts  # the rules import DuckDB when they run

    return run_contacts(args)


def _evaluate(args: argparse.Namespace) -> None:
    scheme = load_scheme(args.scheme)
    result = evaluate(load_workbook(args.workbook, scheme), scheme)
    if args.json:
        print(json.dumps(result_to_dict(result), ensure_ascii=False, indent=2))
        return
    print(render(result))
    if result.contacts is not None:
        print()
        print(follow_up_text(result.contacts, scheme.name, source="考核期", summary=True))
    if result.onsite is not None:
        print()
        print(onsite_text(result.onsite))


def _sample(args: argparse.Namespace) -> int:
    from ._sample_command import run as run_sample  # openpyxl: see the module docstring

    n = args.n if args.n is not None else load_scheme(args.scheme).survey.sample_size
    return run_sample(
        args.roster,
        n=n,
        seed=args.seed,
        out=args.out,
        check=args.check,
        unmasked=args.unmasked,
    )


def _web(args: argparse.Namespace) -> int:
    from .web.commands import run  # Django is imported only for the web commands

    return run(args.command, port=getattr(args, "port", 8000), rest=getattr(args, "args", []))


def _scheme_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scheme",
        default="guangzhou-2023",
        help=f"评估方案：{'、'.join(available_schemes())}，或方案文件路径",
    )


def _template(args: argparse.Namespace) -> None:
    from ._workbook.writer import write_workbook  # openpyxl: see the module docstring

    scheme = load_scheme(args.scheme)
    write_workbook(args.out, scheme=scheme)
    print(f"已生成空白评估工作簿：{args.out}（评估方案：{scheme.name}）")


def _report(args: argparse.Namespace) -> int:
    from ._report.command import report  # matplotlib, python-docx, docxtpl: module docstring

    return report(args)


def _performance_report(args: argparse.Namespace) -> int:
    from ._report.performance.command import performance_report  # python-docx: module docstring

    return performance_report(args)


def _audit(args: argparse.Namespace) -> int:
    from ._report.audit import audit_report, check_list  # the report's content: module docstring

    result = audit_report(args.report)
    print(check_list(result, verbose=args.verbose))
    return 0 if result.ok else 1


def _convert(args: argparse.Namespace) -> int:
    from ._layouts.convert import convert_workbook

    done = convert_workbook(args.workbook, args.out, load_scheme(args.scheme))
    print(f"已写出标准评估工作簿：{args.out}")
    for line in done.read_as or ("没有现场格式的工作表，各表按读到的内容写出",):
        print(f"  {line}")
    if done.evaluation is None:
        print(
            "  文件中只有现场格式的表：其余各表为空白模板，填写后即可评估（考核期和片区到那时核对）"
        )
    if done.notes:
        print("【表中自带的数字与数据不符，或未读取的内容】")
        for note in done.notes:
            print(f"· {note.message}")
    return 0


def _check(args: argparse.Namespace) -> int:
    """0 when everything checked holds, 1 when a problem is found (2, unreadable, from main)."""
    from ._check import check_report  # python-docx only for a .docx: pinggu/_check/readers.py

    result = check_report(args.report, str(args.report))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(result.render(verbose=args.verbose))
    return 0 if result.ok else 1


def _styles() -> None:
    """Each style: name, title, and the 评估方 it is the default for."""
    for name in available_styles():
        style = load_style(name)
        agencies = list(style.agencies) + (["其他评估方（默认）"] if name == DEFAULT_STYLE else [])
        print(f"{name}\t{style.title}样式\t{'、'.join(agencies) or '—'}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "template":
            _template(args)
        elif args.command == "schemes":
            for name in available_schemes():
                print(f"{name}\t{load_scheme(name).name}")
        elif args.command == "styles":
            _styles()
        elif args.command in ("serve", "demo", "manage"):
            return _web(args)
        elif args.command == "sample":
            return _sample(args)
        elif args.command == "sample-files":
            return _sample_files(args)
        elif args.command == "report":
            return _report(args)
        elif args.command == "performance-report":
            return _performance_report(args)
        elif args.command == "audit":
            return _audit(args)
        elif args.command == "convert":
            return _convert(args)
        elif args.command == "check":
            return _check(args)
        elif args.command == "contacts":
            return _contacts(args)
        elif args.command == "evaluate":
            _evaluate(args)
    except WorkbookError as exc:
        print(f"{args.workbook}：{exc}", file=sys.stderr)
        return 2
    except ReportError as exc:
        made = args.command in ("report", "performance-report")
        print(f"报告未生成：{exc}" if made else str(exc), file=sys.stderr)
        return 2
    except PingguError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
