"""The file lists against the 指标 they stand for (warning `file_count_differs`, docs/warnings.md).

A station's 个案 list and its 专业个案 接案数 are two accounts of one thing; when they differ,
either the list is incomplete (and the draw is not from every file) or a completion is wrong.
Which 指标 and 计量 a type stands for is scheme data (`[file_sampling]`, docs/onsite.md). A file
counts when its date (开案日期 for 个案, 日期 otherwise) is in the 考核期; the 指标's 完成量 is the
sum of its 片区 and 全站 rows, compared in all and, when the 指标 are typed per 片区 only, per 片区. A type with no list at all is not compared. A difference is a warning naming both figures, never a refusal.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from .._indicators import IndicatorResult
from .._model import STATION_WIDE, TOTAL, Evaluation
from .._numbers import plain
from .._scheme import Scheme
from .._sheets.cells import key
from .._warnings import ResultWarning, warning
from .files_model import FileEntry, FileType, SamplingRule

__all__ = ["file_count_warnings"]

_DATE_WORD = {FileType.CASE: "开案日期", FileType.GROUP: "日期", FileType.EVENT: "日期"}


def _dated(f: FileEntry) -> date | None:
    return f.opened if f.type is FileType.CASE else f.on


def file_count_warnings(
    evaluation: Evaluation, indicators: tuple[IndicatorResult, ...], scheme: Scheme
) -> list[ResultWarning]:
    """One warning per type whose list (in the period) and 指标 completions differ."""
    onsite, sampling = evaluation.onsite, scheme.file_sampling
    if onsite is None or not onsite.files or sampling is None:
        return []
    start, end = evaluation.info.period_start, evaluation.info.period_end
    out = []
    for rule in sampling.rules:
        rows = _rows(rule, indicators, scheme)
        if not rows or not any(f.type is rule.type for f in onsite.files):
            continue  # no list of this type was given: nothing to compare
        listed = Counter(
            f.zone
            for f in onsite.files
            if f.type is rule.type and (d := _dated(f)) is not None and start <= d <= end
        )
        typed: dict[str, Decimal] = {}
        for r in rows:
            typed[r.zone] = typed.get(r.zone, Decimal(0)) + r.actual
        total_typed, total_listed = sum(typed.values(), Decimal(0)), sum(listed.values())
        places = list(dict.fromkeys([*typed, *listed]))
        zones = [
            f"{z}清单 {listed.get(z, 0)} 份、指标 {plain(typed.get(z, Decimal(0)))}"
            for z in places
            if listed.get(z, 0) != typed.get(z, Decimal(0))
        ]
        # 片区 are compared only when the 指标 are typed per 片区 (a 全站 row has no 片区 to match)
        if total_typed == total_listed and (STATION_WIDE in typed or not zones):
            continue
        names = "、".join(dict.fromkeys(r.indicator for r in rows))
        detail = f"（{'；'.join(zones)}）" if len(places) > 1 else ""
        message = (
            f"{rule.type.value}档案清单中{_DATE_WORD[rule.type]}在考核期内的有 {total_listed} 份，"
            f"「指标」表{names}（{rule.measure}）的完成量合计为 {plain(total_typed)}{detail}；"
            "请核对清单是否完整、完成量是否填对"
        )
        out.append(warning("file_count_differs", message))
    return out


def _rows(
    rule: SamplingRule, indicators: tuple[IndicatorResult, ...], scheme: Scheme
) -> list[IndicatorResult]:
    """The 指标 rows (片区 and 全站, never 合计) the type's list stands for."""
    names = {key(n) for n in rule.indicators}
    for n in rule.indicators:
        entry = scheme.catalogue_entry(n)
        if entry is not None:
            names.add(key(entry.name))
    return [
        r
        for r in indicators
        if r.zone != TOTAL and key(r.indicator) in names and key(r.measure) == key(rule.measure)
    ]
