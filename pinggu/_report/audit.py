"""The report's audit of its own arithmetic (README「自检」, docs/report-template.md).

Reads a .docx back, finds every printed number through the manifest the report carries, and
checks each against the engine's result recomputed from the embedded source data: the value;
for a percentage, its printed numerator ÷ denominator; for a total, its printed parts. A figure
printed in several places (narrative and appendix) must read the same everywhere. Numbers in
paragraphs the manifest does not know (typed in by hand) are listed as unchecked.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml.etree import XMLSyntaxError

from .._engine import evaluate
from .._errors import ReportError
from .._model import Evaluation
from .._numbers import HUNDRED, ZERO, shown
from .._scheme import Scheme, scheme_from_text
from .._serial import evaluation_from_dict
from .content import ReportContent, build_content
from .embed import parse_xml, read_payload
from .marks import Num, Text
from .performance.content import build_performance_content, rescored

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PATTERNS = {
    "number": r"-?\d+(?:\.\d+)?",
    "percent": r"-?\d+(?:\.\d+)?%",
    "date": r"\d{4}年\d{1,2}月(?:\d{1,2}日)?",
}
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Check:
    ok: bool
    where: str  # the heading or table caption above the number
    what: str  # the figure, e.g. "指标 合计 电访（人次） 百分比"
    detail: str
    index: int = -1  # the paragraph's position in the document, for ordering the list


@dataclass(frozen=True)
class AuditResult:
    report: str
    checks: tuple[Check, ...]
    unchecked: tuple[str, ...]  # paragraphs with numbers the report did not generate

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)


@dataclass
class _Printed:
    text: str
    where: str
    index: int  # the paragraph's position in the document


def scheme_from_payload(data: dict[str, Any]) -> Scheme:
    return scheme_from_text(data["toml"], data["id"], f"报告中的评估方案 {data['id']}")


def registry(value: Any, into: dict[str, Num] | None = None) -> dict[str, Num]:
    """Every Num in a content structure, by key."""
    found = {} if into is None else into
    if isinstance(value, Num):
        known = found.get(value.key)
        # The same figure printed in a sentence and in a table: keep the one that knows its
        # relation and formula.
        if known is None or (known.relation is None and value.relation) or not known.formula:
            found[value.key] = value if known is None or value.relation or value.formula else known
    elif isinstance(value, Text):
        for part in value.parts:
            registry(part, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            registry(getattr(value, f.name), found)
    elif isinstance(value, dict):
        for item in value.values():
            registry(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            registry(item, found)
    return found


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(text, location) of every paragraph of the body, table cells included, in order."""
    try:
        with zipfile.ZipFile(path) as z:
            root = parse_xml(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, OSError, XMLSyntaxError) as exc:
        raise ReportError(f"{path.name} 的正文无法读取：{exc}（报告文件可能已损坏）") from None
    out: list[tuple[str, str]] = []
    levels = {"Title": 0, "Heading1": 0, "Heading2": 1, "Heading3": 2, "Caption": 3}
    trail = ["报告开头", "", "", ""]
    for p in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t")).strip()
        style = p.find(f"{W}pPr/{W}pStyle")
        level = levels.get(style.get(f"{W}val", "") if style is not None else "")
        if text and level is not None:
            trail[level:] = [text] + [""] * (3 - level)
        out.append(
            ("".join(t.text or "" for t in p.iter(f"{W}t")), "／".join(x for x in trail if x))
        )
    return out


def audit_report(path: Path, name: str | None = None) -> AuditResult:
    """Check every number of a report written by pinggu against its embedded source data: an
    evaluation report, or a performance evaluation report (docs/performance.md)."""
    payload = read_payload(path)
    try:
        evaluation = evaluation_from_dict(payload["evaluation"])
        scheme = scheme_from_payload(payload["scheme"])
        manifest = payload["manifest"]
        if payload.get("report") == "performance":
            expected = registry(build_performance_content(rescored(evaluation, scheme, payload)))
        else:
            expected = registry(_evaluation_content(evaluation, scheme, payload))
    except KeyError as exc:
        raise ReportError(f"{path.name} 的核对数据不完整：缺少 {exc}") from None
    printed, checks, unchecked = _read(paragraphs(path), manifest, expected)
    checks += _value_checks(printed, expected)
    checks += _relation_checks(printed, expected)
    checks.sort(key=lambda c: c.index)
    return AuditResult(name or path.name, tuple(checks), tuple(unchecked))


def _evaluation_content(
    evaluation: Evaluation, scheme: Scheme, payload: dict[str, Any]
) -> ReportContent:
    drafts = bool(payload.get("drafts", True))
    final = bool(payload.get("final", False))
    mid = payload.get("midterm")
    midterm = evaluate(evaluation_from_dict(mid), scheme) if mid is not None else None
    return build_content(evaluate(evaluation, scheme), drafts, final, midterm)


def _read(
    doc: list[tuple[str, str]], manifest: list[dict[str, Any]], expected: dict[str, Num]
) -> tuple[dict[str, list[_Printed]], list[Check], list[str]]:
    """Match each manifest paragraph, in order, to the document; collect the printed numbers."""
    printed: dict[str, list[_Printed]] = defaultdict(list)
    checks: list[Check] = []
    hits: set[int] = set()
    cursor = 0
    for entry in manifest:
        literals, keys = entry["literals"], entry["keys"]
        kinds = tuple(expected[k].kind if k in expected else "number" for k in keys)
        regex = _paragraph_regex(tuple(literals), kinds)
        found = next(
            ((i, m) for i in range(cursor, len(doc)) if (m := regex.match(doc[i][0]))), None
        )
        if found is None:
            excerpt = "⋯".join(literals)[:60]
            detail = f"报告中找不到此段（数字或文字已被改动）：{excerpt}"
            checks.append(Check(False, "", "段落", detail, cursor))
            continue
        hit, match = found
        hits.add(hit)
        cursor = hit + 1
        for key, text in zip(keys, match.groups(), strict=True):
            printed[key].append(_Printed(text, doc[hit][1], hit))
    unchecked = [text for i, (text, _) in enumerate(doc) if i not in hits and DIGIT.search(text)]
    return printed, checks, unchecked


@lru_cache(maxsize=4096)
def _paragraph_regex(literals: tuple[str, ...], kinds: tuple[str, ...]) -> re.Pattern[str]:
    """A paragraph's literal text with a group for each number, e.g. 稳岗率为(\\d+\\.\\d+%)。"""
    pattern = "".join(
        re.escape(lit) + (f"({PATTERNS[kinds[i]]})" if i < len(kinds) else "")
        for i, lit in enumerate(literals)
    )
    return re.compile(f"^{pattern}$")


def _label(key: str) -> str:
    return key.replace("·", " ")


def _value_checks(printed: dict[str, list[_Printed]], expected: dict[str, Num]) -> list[Check]:
    checks = []
    for key, occurrences in printed.items():
        num = expected.get(key)
        for p in occurrences:
            if num is None:
                checks.append(
                    Check(
                        False,
                        p.where,
                        _label(key),
                        f"印为 {p.text}，但按源数据计算的结果中没有这个数字",
                        p.index,
                    )
                )
            elif p.text != num.text:
                how = f"（{num.formula}）" if num.formula else ""
                checks.append(
                    Check(
                        False,
                        p.where,
                        _label(key),
                        f"印为 {p.text}，按源数据应为 {num.text}{how}",
                        p.index,
                    )
                )
            else:
                checks.append(Check(True, p.where, _label(key), p.text, p.index))
    return checks


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text.rstrip("%"))
    except InvalidOperation:
        return None


def _relation_checks(printed: dict[str, list[_Printed]], expected: dict[str, Num]) -> list[Check]:
    """Percentages against their printed numerator and denominator; totals against their parts."""

    def part(key: str) -> tuple[Decimal, str] | None:
        if key in printed:
            value = _value(printed[key][0].text)
            return None if value is None else (value, printed[key][0].text)
        return (expected[key].value, expected[key].text) if key in expected else None

    checks = []
    for key, occurrences in printed.items():
        num = expected.get(key)
        if num is None or num.relation is None:
            continue
        parts = [part(k) for k in num.of]
        if any(p is None for p in parts):
            continue
        want, how = _relation(num, [p for p in parts if p is not None])
        if want is None:
            continue
        for p in occurrences:
            ok = _value(p.text) == want
            detail = f"{p.text} = {how}" if ok else f"印为 {p.text}，但 {how} = {_fmt(want, num)}"
            checks.append(Check(ok, p.where, _label(key), detail, p.index))
    return checks


def _relation(num: Num, parts: list[tuple[Decimal, str]]) -> tuple[Decimal | None, str]:
    values = [v for v, _ in parts]
    if num.relation == "ratio":
        (numerator, top), (denominator, bottom) = parts
        if denominator <= ZERO:
            return None, ""
        names = [_label(k).split(" ")[-1] for k in num.of]
        return shown(
            numerator * HUNDRED / denominator
        ), f"{names[0]} {top} ÷ {names[1]} {bottom} × 100%"
    if not values:
        return None, ""
    joined = " + ".join(text for _, text in parts)
    if num.relation == "sum":
        return sum(values, ZERO), f"{joined}（{len(values)} 项之和）"
    return shown(sum(values, ZERO) / len(values)), f"({joined}) ÷ {len(values)}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def _fmt(value: Decimal, num: Num) -> str:
    if num.kind == "percent" or "." in num.text:
        return f"{shown(value):.2f}%" if num.kind == "percent" else f"{shown(value):.2f}"
    return _plain(value)


def check_list(result: AuditResult, verbose: bool = False) -> str:
    """The audit as text: every failure, every relation checked, and a count per place."""
    lines = [f"核对 {result.report}"]
    by_place: dict[str, list[Check]] = defaultdict(list)
    for c in result.checks:
        by_place[c.where or "（未定位）"].append(c)
    for place, checks in by_place.items():
        bad = [c for c in checks if not c.ok]
        lines.append(
            f"{'✗' if bad else '✓'} {place}：{len(checks) - len(bad)}/{len(checks)} 项相符"
        )
        shown_checks = checks if verbose else bad
        lines += [f"    {'✓' if c.ok else '✗'} {c.what}：{c.detail}" for c in shown_checks]
    if result.unchecked:
        lines.append(f"· 另有 {len(result.unchecked)} 段文字含有非本程序生成的数字，未核对：")
        lines += [f"    {text[:80]}" for text in result.unchecked]
    failures = len(result.failures)
    total = len(result.checks)
    lines.append(
        f"结论：{'通过' if result.ok else '不通过'}，共核对 {total} 项，{failures} 项不符。"
    )
    return "\n".join(lines)
