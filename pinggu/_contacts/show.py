"""The follow-up as a person reads it in the terminal, and as the JSON `pinggu contacts --json`
prints (docs/contacts.md「命令行」).

Both are views of a computed `FollowUpResult` (and, for a day asked about, its overdue list):
nothing here judges a contact. `pinggu contacts` prints all of it; `pinggu evaluate` prints the
summary (the 片区 table and the patterns by kind) after the evaluation's own tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from .._figures import Figure
from .._numbers import as_json_number, plain
from .._text import table
from .model import (
    ZONE_COLUMNS,
    ClientPeriod,
    ComplianceRow,
    ContactSchedule,
    FollowUpResult,
    Measure,
    Method,
    Overdue,
    Pattern,
    Per,
    Requirement,
    ZoneFollowUp,
)
from .patterns import KINDS

GRADE_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
PER_NAMES = {Per.WEEK: "每周", Per.MONTH: "每月", Per.QUARTER: "每季度"}
MEASURE_NAMES = {Measure.CONTACT: "联系", Measure.VISIT: "入户探访"}
# The terminal lists this many records of a kind; --json lists them all.
PATTERNS_SHOWN = 20
NOT_JUDGED = "—"


def grade_name(grade: int) -> str:
    return GRADE_NAMES.get(grade, f"{grade}级")


def requirement_words(req: Requirement) -> str:
    """「每周至少联系1次」, 「每季度至少入户探访1次」."""
    return f"{PER_NAMES[req.per]}至少{MEASURE_NAMES[req.measure]}{req.at_least}次"


def day_words(value: date | None) -> str:
    return "—" if value is None else f"{value.year}年{value.month}月{value.day}日"


def schedule_lines(schedule: ContactSchedule, scheme_name: str) -> list[str]:
    """What the schedule asks of each grade, said to be the scheme's (and an example, if so)."""
    whose = f"评估方案「{scheme_name}」的分级跟进要求"
    if schedule.example:
        whose += "（示例频次，各区应替换为本区的规定）"
    lines = [f"跟进频次：{whose}"]
    for rules in schedule.grades:
        asks = "，".join(requirement_words(r) for r in rules.requirements) or "无频次要求"
        lines.append(f"  {grade_name(rules.grade)}：{asks}")
    counted = "、".join(m.value for m in schedule.counted)
    ignored = [m.value for m in Method if m not in schedule.counted and m not in schedule.visits]
    line = f"  计入联系的方式：{counted}"
    if ignored:
        line += f"；{'、'.join(ignored)}只记录，不计入"
    lines.append(line)
    return lines


# ---------------------------------------------------------------------------------- text


def _figure(figure: Figure | None, percent: bool = False) -> str:
    if figure is None:
        return "/"
    return f"{figure.value:.2f}%" if percent else plain(figure.value)


def _per_year(figure: Figure | None) -> str:
    return "/" if figure is None else f"{figure.value:.1f}"


def zone_table(zones: Sequence[ZoneFollowUp]) -> str:
    rows = [
        [
            z.zone,
            str(z.households),
            str(z.clients),
            _figure(z.phone_calls),
            _figure(z.visits),
            str(z.judged),
            str(z.met),
            _figure(z.met_share, percent=True),
            _per_year(z.contacts_per_client_year),
        ]
        for z in zones
    ]
    return table(ZONE_COLUMNS, rows, range(1, len(ZONE_COLUMNS)))


def compliance_table(rows: Sequence[ComplianceRow]) -> str:
    """One line per 片区 and period, a column per grade: 达标/应考核, 「—」 where not judged."""
    grades = sorted({r.grade for r in rows})
    cells: dict[tuple[str, str], dict[int, ComplianceRow]] = defaultdict(dict)
    for r in rows:
        cells[(r.zone, r.period)][r.grade] = r
    zones = list(dict.fromkeys(r.zone for r in rows))
    lines = []
    for zone in zones:
        periods = sorted({p for z, p in cells if z == zone}, key=_period_order)
        for period in periods:
            by_grade = cells[(zone, period)]
            lines.append(
                [
                    zone,
                    period,
                    *(
                        f"{by_grade[g].met}/{by_grade[g].clients}" if g in by_grade else NOT_JUDGED
                        for g in grades
                    ),
                ]
            )
    headers = ["片区", "期间", *(grade_name(g) for g in grades)]
    return table(headers, lines, range(2, len(headers)))


def _period_order(period: str) -> tuple[str, int]:
    """Months and the quarter they end: 2023-01, 2023-02, 2023-03, 2023-Q1, 2023-04 …"""
    year, _, rest = period.partition("-")
    month = int(rest[1:]) * 3 if rest.startswith("Q") else int(rest)
    return (year, month * 2 + rest.startswith("Q"))


def overdue_table(overdue: Sequence[Overdue]) -> str:
    headers = ["片区", "社区", "服务对象", "分级", "应跟进", "最近一次", "社工", "应于", "逾期天数"]
    rows = [
        [
            o.zone,
            o.community,
            o.client,
            grade_name(o.grade),
            MEASURE_NAMES[o.measure],
            day_words(o.last_contact),
            o.last_worker or "—",
            day_words(o.due),
            str(o.days_overdue),
        ]
        for o in overdue
    ]
    return table(headers, rows, (8,))


def pattern_lines(patterns: Sequence[Pattern], limit: int | None = PATTERNS_SHOWN) -> list[str]:
    """Each kind with its count, then its records (the first `limit` of them)."""
    by_kind: dict[str, list[Pattern]] = defaultdict(list)
    for p in patterns:
        by_kind[p.kind].append(p)
    order = [*KINDS, *sorted(set(by_kind) - set(KINDS))]
    lines: list[str] = []
    for kind in order:
        found = by_kind.get(kind)
        if not found:
            continue
        lines.append(f"{KINDS.get(kind, kind)}（{len(found)} 条）")
        if limit is None:
            continue
        lines += [f"  · {p.detail}" for p in found[:limit]]
        if len(found) > limit:
            lines.append(f"  …… 另有 {len(found) - limit} 条（--json 列出全部）")
    return lines


def follow_up_text(
    result: FollowUpResult,
    scheme_name: str,
    *,
    source: str = "",
    on: date | None = None,
    overdue: Sequence[Overdue] = (),
    summary: bool = False,
) -> str:
    """The whole follow-up; `summary`: only the 片区 table and the count of each pattern (the
    part `pinggu evaluate` prints)."""
    period = f"{day_words(result.period_start)} 至 {day_words(result.period_end)}"
    lines = [f"【困难群众跟进情况】{period}" + (f"（{source}）" if source else "")]
    lines += schedule_lines(result.schedule, scheme_name)
    lines += ["", "各片区：", zone_table(result.zones)]
    if not summary:
        lines += ["", "按片区、分级、期间的达标情况（达标/应考核，「—」为该期间不考核此级）："]
        lines.append(compliance_table(result.compliance) if result.compliance else "（无）")
    if on is not None:
        lines += ["", f"跟进提醒：{day_words(on)}已到期或逾期的服务对象（{len(overdue)} 人）"]
        if overdue:
            lines.append(overdue_table(overdue))
    lines += ["", "需要留意的记录："]
    found = pattern_lines(result.patterns, None if summary else PATTERNS_SHOWN)
    lines += found or ["  未发现需要留意的记录"]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------- JSON


def _number(figure: Figure | None) -> int | float | None:
    return None if figure is None else as_json_number(figure.value)


def _zone(z: ZoneFollowUp) -> dict[str, Any]:
    return {
        "zone": z.zone,
        "households": z.households,
        "clients": z.clients,
        "phone_calls": _number(z.phone_calls),
        "visits": _number(z.visits),
        "judged": z.judged,
        "met": z.met,
        "met_share": _number(z.met_share),
        "contacts_per_client_year": _number(z.contacts_per_client_year),
    }


def _client(c: ClientPeriod) -> dict[str, Any]:
    return {
        "client": c.client,
        "zone": c.zone,
        "community": c.community,
        "grade": c.grade,
        "period": c.period,
        "contacts": c.contacts,
        "visits": c.visits,
        "met": c.met,
        "unmet": list(c.unmet),
    }


def _overdue(o: Overdue) -> dict[str, Any]:
    return {
        "client": o.client,
        "zone": o.zone,
        "community": o.community,
        "grade": o.grade,
        "measure": o.measure.value,
        "last_contact": o.last_contact.isoformat() if o.last_contact else None,
        "last_worker": o.last_worker,
        "due": o.due.isoformat(),
        "days_overdue": o.days_overdue,
    }


def _pattern(p: Pattern) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": p.kind}
    if p.client is not None:
        out["client"] = p.client
    if p.worker is not None:
        out["worker"] = p.worker
    out["detail"] = p.detail
    if p.zone is not None:
        out["zone"] = p.zone
    if p.on is not None:
        out["on"] = p.on.isoformat()
    return out


def follow_up_json(
    result: FollowUpResult,
    *,
    source: str = "",
    on: date | None = None,
    overdue: Sequence[Overdue] = (),
) -> dict[str, Any]:
    """The document `pinggu contacts --json` prints: grades as numbers 1–4, periods as
    YYYY-MM (monthly rules) or YYYY-Qn (quarterly), dates as ISO; `overdue` only with a day."""
    doc: dict[str, Any] = {
        "period": {
            "start": result.period_start.isoformat(),
            "end": result.period_end.isoformat(),
            "source": source,
        },
        "schedule_is_example": result.schedule.example,
        "zones": [_zone(z) for z in result.zones],
        "compliance": [
            {
                "zone": r.zone,
                "grade": r.grade,
                "period": r.period,
                "clients": r.clients,
                "met": r.met,
            }
            for r in result.compliance
        ],
        "clients": [_client(c) for c in result.clients],
        "patterns": [_pattern(p) for p in result.patterns],
    }
    if on is not None:
        doc["on"] = on.isoformat()
        doc["overdue"] = [_overdue(o) for o in overdue]
    return doc
