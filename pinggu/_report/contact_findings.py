"""Draft findings on the 兜底 follow-up: per 片区 for 服务质量, on the records for 项目管理.

A 片区 whose clients were not all followed up as their grade requires gets a concern with its
figures (「第一片区建档困难群众和特殊群体291人……平均每人每年仅联系约1.1次」), the grades that
fell short and the clients never contacted; a 片区 where every judged period was met gets a
strength. The records' patterns a reviewer should see (a WeChat greeting typed as 电访, a call
too short, a worker with implausibly many contacts in a day) make a 项目管理 concern; none, a
strength. Completions the 指标 sheet types otherwise than the records and the roster count
make another, naming both figures. The figures are those of the report's table (follow_up.py)
and of 附件1, under the same keys, so the audit finds each wherever it is printed.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .._contacts.model import ContactSchedule, FollowUpResult, Per, ZoneFollowUp
from .._contacts.patterns import BUSY_WORKER_DAY, MESSAGE_AS_PHONE, NO_CONTACT, SHORT_CONTACT
from .._contacts.show import GRADE_NAMES
from .._engine import Result
from .._model import STATION_WIDE, TOTAL, FindingKind
from .follow_up import key, zone_nums
from .marks import Num, Text, joined, number
from .tables import indicator_nums

# (section, 片区 or None, kind, rule, text), as findings._drafts files them
ContactDraft = tuple[str, str | None, FindingKind, str, Text]


def contact_drafts(result: Result) -> list[ContactDraft]:
    follow = result.contacts
    if follow is None:
        return []
    zones = {z.name for z in result.evaluation.zones}
    out: list[ContactDraft] = []
    for z in follow.zones:
        if z.zone in zones and z.judged:
            kind, text = _zone_draft(follow, z)
            out.append(("服务质量", z.zone, kind, "follow_up", text))
    if result.evaluation.contacts is not None:
        kind, text = _records_draft(follow, len(result.evaluation.contacts.records))
        out.append(("项目管理", None, kind, "contact_records", text))
    codes = {w.code for w in result.warnings}
    if codes & {"contact_count_differs", "filing_count_differs"}:
        counts = _counts_draft(result)
        if counts is not None:
            out.append(("项目管理", None, FindingKind.CONCERN, "contact_counts", counts))
    return out


# What the records and the roster count, by the 指标 row they can be compared with: the
# catalogue's name and measure, and the column of the report's follow-up table (docs/contacts.md).
COUNTED = {
    ("电访", "人次"): ("电访人次", "服务记录计得"),
    ("入户探访", "人次"): ("入户探访人次", "服务记录计得"),
    ("困难群众和特殊群体建档", "户"): ("建档户数", "服务对象名册在册"),
    ("困难群众和特殊群体建档", "人"): ("建档人数", "服务对象名册在册"),
}


def _counts_draft(result: Result) -> Text | None:
    """Each 指标 row whose typed completion the records or the roster count otherwise, grouped by
    indicator: both figures, as 附件1 and the follow-up table print them (the warnings
    contact_count_differs and filing_count_differs name the same rows)."""
    assert result.contacts is not None
    zones = {z.zone: zone_nums(z) for z in result.contacts.zones}
    pairs: dict[tuple[str, str], list[Text]] = {}
    for r in result.indicators:
        column = COUNTED.get((r.indicator, r.measure))
        where = TOTAL if r.zone == STATION_WIDE else r.zone
        if column is None or r.zone == TOTAL or where not in zones:
            continue
        counted = zones[where][column[0]]
        if isinstance(counted, Num) and counted.value != r.actual:
            _, actual, _ = indicator_nums(r)
            pairs.setdefault((r.indicator, r.measure), []).append(
                Text.of(f"{r.zone}填报", actual, f"、{column[1]}", counted)
            )
    if not pairs:
        return None
    return Text.of(
        "指标完成表填报的完成量与服务记录、服务对象名册不一致：",
        joined(
            [Text.of(f"{name}（{unit}）", joined(p, "，")) for (name, unit), p in pairs.items()],
            "；",
        ),
        "。建议社工站以服务记录和服务对象名册为准核对指标完成量，无法一致的说明原因。",
    )


def _zone_draft(follow: FollowUpResult, z: ZoneFollowUp) -> tuple[FindingKind, Text]:
    n = zone_nums(z)
    short = z.met < z.judged
    yearly = z.contacts_per_client_year
    below = yearly is not None and yearly.value < yearly_minimum(follow.schedule)
    contacts = Text.of(
        f"{z.zone}建档困难群众和特殊群体",
        n["建档人数"],
        "人，考核期内电访",
        n["电访人次"],
        "人次、入户探访",
        n["入户探访人次"],
        "人次",
        Text.of("，平均每人每年", "仅" if below else "", "联系约", n["人均每年联系次数"], "次")
        if z.contacts_per_client_year is not None
        else None,
        "；按评估方案的分级跟进要求应考核",
        n["应考核"],
        "项，达标",
        n["达标"],
        "项，达标率为",
        n["达标率"],
    )
    if not short:
        return FindingKind.STRENGTH, Text.of(contacts, "，困难群众和特殊群体均按分级要求得到跟进。")
    missed = _missed_by_grade(follow, z.zone)
    silent = sum(1 for p in follow.patterns if p.kind == NO_CONTACT and p.zone == z.zone)
    return FindingKind.CONCERN, Text.of(
        contacts,
        "，其中",
        joined(missed),
        "未达到要求",
        Text.of(
            "；", number(key(z.zone, "无联系人数"), Decimal(silent)), "人考核期内没有任何计入的联系"
        )
        if silent
        else None,
        "。",
        f"建议{z.zone}社工按服务对象的分级制定跟进计划，优先跟进逾期未联系的服务对象，"
        "并如实记录每次电访和入户探访。",
    )


PER_YEAR = {Per.WEEK: 52, Per.MONTH: 12, Per.QUARTER: 4}


def yearly_minimum(schedule: ContactSchedule) -> int:
    """The fewest contacts a year any grade asks for (四级 每季度1次: 4): a 片区 averaging fewer
    is below every grade's requirement, and its draft says 「仅」, as the seeds do."""
    asks = [
        max((PER_YEAR[r.per] * r.at_least for r in g.requirements), default=0)
        for g in schedule.grades
    ]
    return min(asks, default=0)


def _missed_by_grade(follow: FollowUpResult, zone: str) -> list[Text]:
    """「一级3项、二级5项」: the judged periods not met, per grade, from the roll-up's counts."""
    missed: Counter[int] = Counter()
    for row in follow.compliance:
        if row.zone == zone:
            missed[row.grade] += row.clients - row.met
    return [
        Text.of(
            GRADE_NAMES.get(grade, f"{grade}级"),
            number(key(zone, f"{GRADE_NAMES.get(grade, grade)}未达标"), Decimal(count)),
            "项",
        )
        for grade, count in sorted(missed.items())
        if count
    ]


def _records_draft(follow: FollowUpResult, records: int) -> tuple[FindingKind, Text]:
    schedule = follow.schedule
    counts = Counter(p.kind for p in follow.patterns)
    total = number("跟进·服务记录条数", Decimal(records))
    minimum = number("方案·跟进·最短时长", Decimal(schedule.min_minutes))
    ceiling = number("方案·跟进·单日联系上限", Decimal(schedule.max_per_worker_day))

    def count(kind: str) -> Num:
        return number(f"跟进·记录·{kind}", Decimal(counts[kind]))

    found = [
        Text.of(*parts)
        for kind, parts in (
            (
                MESSAGE_AS_PHONE,
                ("有", count(MESSAGE_AS_PHONE), "条以微信或短信发出的问候被记为电访"),
            ),
            (SHORT_CONTACT, (count(SHORT_CONTACT), "条联系时长不足", minimum, "分钟")),
            (
                BUSY_WORKER_DAY,
                (count(BUSY_WORKER_DAY), "个社工日的联系超过", ceiling, "次（同一社工同一天）"),
            ),
        )
        if counts[kind]
    ]
    if not found:
        return FindingKind.STRENGTH, Text.of(
            "服务记录共",
            total,
            "条，未发现以微信或短信问候充作电访、联系时长过短或社工单日联系过多的记录，记录较为规范。",
        )
    return FindingKind.CONCERN, Text.of(
        "服务记录共",
        total,
        "条，其中",
        joined(found, "；"),
        "。微信或短信问候按方案不计入联系，记为电访即多计了电访人次和跟进次数。建议社工站规范服务记录的填写："
        "微信或短信问候如实记为「微信或短信」，电访和入户探访写明时长，并由督导定期抽查服务记录。",
    )
