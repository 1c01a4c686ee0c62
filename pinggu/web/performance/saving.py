"""Saving one part of the performance evaluation (预算, 绩效目标 or 绩效叙述) as a whole: in one
transaction under the round's lock, with the form's version checked against the part's own
audit subject (docs/concurrency.md), so a stale tab never overwrites what someone saved since,
and a double click (the same content posted twice) saves once.

The audit entry's old and new values are the part written out row by row in Chinese, so the
audit log and a conflict message say what changed (「第 2 行：产出指标／数量指标／个案服务 ≥ 40 人 …」).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from pinggu import Budget, NarrativeBlock, PerformanceTarget

from .. import audit
from ..models import Round
from .stored import PARTS, Part, part_of, plain, replace_part


def subject(part: str) -> str:
    """The audit subject of one part of a round's performance data (audit.py)."""
    return f"performance:{part}"


def _n(value: Decimal | None) -> str:
    return "" if value is None else str(plain(value))


def describe(value: Part) -> dict[str, str]:
    """A part as the audit log shows it: field or row → its content, in Chinese."""
    if value is None:
        return {}
    if isinstance(value, Budget):
        out = {
            "年初预算数": f"{_n(value.initial)} 元",
            "全年预算数": f"{_n(value.annual)} 元",
            "全年执行数": f"{_n(value.spent)} 元",
        }
        if value.project_year:
            out["项目年度"] = value.project_year
        for i, s in enumerate(value.sources, 1):
            out[f"资金来源 {i}"] = f"{s.kind}{f'（{s.name}）' if s.name else ''} {_n(s.amount)} 元"
        return out
    out = {}
    for i, row in enumerate(value, 1):
        if isinstance(row, PerformanceTarget):
            out[f"第 {i} 行"] = _target_line(row)
        elif isinstance(row, NarrativeBlock):
            title = f"「{row.title}」" if row.title else ""
            out[f"第 {i} 段"] = f"{row.heading}{title}：{row.text}"
    return out


def _target_line(t: PerformanceTarget) -> str:
    target = t.target_text if t.target is None else _n(t.target)
    actual = t.actual_text if t.target is None else _n(t.actual)
    parts = [
        f"{t.level1.value}／{t.level2}／{t.level3} {t.direction.value} {target}{t.unit}",
        f"分值 {_n(t.points)}",
    ]
    if actual:
        parts.append(f"实际完成值 {actual}")
    if t.binding:
        parts.append(f"绑定 {t.binding}")
    if t.score is not None:
        parts.append(f"评分 {_n(t.score)}" + (f"（{t.note}）" if t.note else ""))
    if t.reason:
        parts.append(f"偏差原因：{t.reason}")
    return "，".join(parts)


@transaction.atomic
def save(round_: Round, user: User, part: str, value: Part, since: int | None) -> str:
    """Store one part in place of the stored one; returns "" when saved (or when it already
    stands as posted), else what changed since version `since`, and stores nothing."""
    audit.lock(round_)
    old, new = describe(part_of(round_, part)), describe(value)
    if old == new:
        return ""  # already so: a double click, or a save of an unchanged form
    stale = audit.stale(round_, since, [subject(part)], lambda key: key)
    if stale:
        return stale
    replace_part(round_, part, value)
    audit.record(
        round_,
        user,
        f"填写绩效评价（{PARTS[part]}）",
        old=old or None,
        new=new or None,
        subject=subject(part),
    )
    return ""
