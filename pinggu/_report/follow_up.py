"""The report's 「困难群众跟进情况」: what the scheme's schedule asks, the station's figures, and a
table per 片区 (docs/contacts.md「报告中的困难群众跟进情况」).

Printed only when the evaluation carries service records and its scheme a schedule
(`Result.contacts`); otherwise the section and its heading are left out. Every figure is a
`Num` under a key of its own (跟进·片区·建档人数 …), the same in the table, the lead sentence
and the draft findings (contact_findings.py), so the audit finds each one wherever it is
printed; a 合计 is the sum of its 片区, 达标率 is 达标 ÷ 应考核.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .._contacts.model import (
    ZONE_COLUMNS,
    ContactSchedule,
    FollowUpResult,
    Method,
    ZoneFollowUp,
)
from .._contacts.show import GRADE_NAMES, MEASURE_NAMES, PER_NAMES
from .._engine import Result
from .._figures import Figure
from .._model import TOTAL
from .._numbers import shown
from .marks import Num, Text, joined, number, percent, total
from .tables import Cell, Table

TITLE = "各片区困难群众跟进情况"
# Columns whose 合计 is the sum of the 片区 printed above it (a client and a record belong to
# one 片区). Households are not summed: a household may have members filed in two 片区.
SUMMED = ("建档人数", "电访人次", "入户探访人次", "应考核", "达标")


@dataclass(frozen=True)
class FollowUpSection:
    lead: tuple[Text, ...]  # the schedule as the scheme states it, then the station's figures
    table: Table


def key(zone: str, column: str) -> str:
    return f"跟进·{zone}·{column}"


def per_year(num_key: str, figure: Figure) -> Num:
    """人均每年联系次数 with one decimal, as the seeds write 「约1.1次」."""
    return Num(num_key, figure.value, f"{shown(figure.value, 1):.1f}", formula=figure.explain())


def zone_nums(z: ZoneFollowUp, zones: tuple[str, ...] = ()) -> dict[str, Num | str]:
    """A 片区's (or, with the 片区 `zones` it adds up, the 合计's) printed figures by column."""

    def count(column: str, value: Decimal, formula: str = "") -> Num:
        if zones and column in SUMMED:
            parts = tuple(key(name, column) for name in zones)
            return total(key(z.zone, column), value, parts, as_points=False, formula=formula)
        return number(key(z.zone, column), value, formula)

    share: Num | str = "/"
    if z.met_share is not None:
        of = (key(z.zone, "达标"), key(z.zone, "应考核"))
        share = percent(key(z.zone, "达标率"), z.met_share.value, of, z.met_share.explain())
    yearly: Num | str = "/"
    if z.contacts_per_client_year is not None:
        yearly = per_year(key(z.zone, "人均每年联系次数"), z.contacts_per_client_year)
    return {
        "建档户数": number(key(z.zone, "建档户数"), Decimal(z.households)),
        "建档人数": count("建档人数", Decimal(z.clients)),
        "电访人次": count("电访人次", z.phone_calls.value, z.phone_calls.explain()),
        "入户探访人次": count("入户探访人次", z.visits.value, z.visits.explain()),
        "应考核": count("应考核", Decimal(z.judged)),
        "达标": count("达标", Decimal(z.met)),
        "达标率": share,
        "人均每年联系次数": yearly,
    }


def schedule_text(schedule: ContactSchedule) -> Text:
    """「一级每周至少联系1次、每月至少入户探访1次；二级……」, each figure marked."""
    grades = []
    for rules in schedule.grades:
        name = GRADE_NAMES.get(rules.grade, f"{rules.grade}级")
        asks = [
            Text.of(
                f"{PER_NAMES[r.per]}至少{MEASURE_NAMES[r.measure]}",
                number(
                    f"方案·跟进·{name}·{PER_NAMES[r.per]}{MEASURE_NAMES[r.measure]}",
                    Decimal(r.at_least),
                ),
                "次",
            )
            for r in rules.requirements
        ]
        if asks:
            grades.append(Text.of(name, joined(asks)))
    return joined(grades, "；")


def _lead(result: FollowUpResult) -> tuple[Text, ...]:
    """The schedule as the scheme states it, then the station's filing and compliance. The
    电访 and 入户探访 counted from the records are in the table, beside each 片区's: where the
    指标 sheet types other completions, a 项目管理 draft names both (contact_findings.py)."""
    schedule = result.schedule
    example = "（此为示例频次，由各区按本区的规定替换）" if schedule.example else ""
    counted = "、".join(m.value for m in schedule.counted)
    ignored = [m.value for m in Method if m not in schedule.counted and m not in schedule.visits]
    rule = Text.of(
        "按评估方案的分级跟进要求",
        example,
        "，困难群众和特殊群体按风险分级接受电访和入户探访：",
        schedule_text(schedule),
        f"。计入联系的方式为{counted}",
        f"；{'、'.join(ignored)}只记录，不计入联系次数" if ignored else "",
        "。",
    )
    station = next(z for z in result.zones if z.zone == TOTAL)
    n = zone_nums(station)
    figures = Text.of(
        "根据社工站的服务对象名册和服务记录，考核期内全站建档困难群众和特殊群体",
        n["建档户数"],
        "户",
        n["建档人数"],
        "人；按分级要求应考核的跟进",
        n["应考核"],
        "项（每人每月或每季度一项），达标",
        n["达标"],
        "项",
        Text.of("，达标率为", n["达标率"]) if station.met_share is not None else None,
        "。各片区的建档、电访、入户探访和跟进达标情况见下表。",
    )
    return rule, figures


def follow_up_section(result: Result) -> FollowUpSection | None:
    """The section, or None when the evaluation has no follow-up to show."""
    follow = result.contacts
    if follow is None or not follow.zones:
        return None
    zones = tuple(z.zone for z in follow.zones if z.zone != TOTAL)
    head = tuple(Cell(c, header=True) for c in ZONE_COLUMNS)
    rows: list[tuple[Cell | None, ...]] = [head]
    for z in follow.zones:
        station = z.zone == TOTAL
        nums = zone_nums(z, zones if station else ())
        rows.append(
            (
                Cell(z.zone, header=station, bold=station),
                *(Cell(nums[c], bold=station and c == "达标率") for c in ZONE_COLUMNS[1:]),
            )
        )
    note = Text.of(
        "注：应考核为按分级要求考核的人月（按周、按月要求）与人季（按季度要求）数，"
        "达标率 = 达标 ÷ 应考核；人均每年联系次数 = 计入的联系人次 ÷ 建档人数 ÷ 考核期年数。"
    )
    widths = (1.9, 1.8, 1.8, 1.8, 1.8, 1.5, 1.2, 1.7, 2.2)
    table = Table(TITLE, tuple(rows), 1, widths, (note,))
    return FollowUpSection(_lead(follow), table)
