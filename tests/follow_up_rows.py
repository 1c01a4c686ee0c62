"""A small follow-up built by hand, figure by figure, for the tests of how it is shown (the
terminal, the JSON, the report): two 片区 and the station, a few client-periods, an overdue
client and a pattern of each kind. The example schedule is the one docs/contacts.md states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pinggu._contacts.model import (
    ClientPeriod,
    ComplianceRow,
    ContactSchedule,
    FollowUpResult,
    GradeRules,
    Measure,
    Method,
    Overdue,
    Pattern,
    Per,
    Requirement,
    ZoneFollowUp,
)
from pinggu._figures import Figure
from pinggu._model import TOTAL

SCHEDULE = ContactSchedule(
    example=True,
    grades=(
        GradeRules(
            1,
            (Requirement(Measure.CONTACT, Per.WEEK, 1), Requirement(Measure.VISIT, Per.MONTH, 1)),
        ),
        GradeRules(
            2,
            (
                Requirement(Measure.CONTACT, Per.MONTH, 2),
                Requirement(Measure.VISIT, Per.QUARTER, 1),
            ),
        ),
        GradeRules(3, (Requirement(Measure.CONTACT, Per.MONTH, 1),)),
        GradeRules(4, (Requirement(Measure.CONTACT, Per.QUARTER, 1),)),
    ),
    counted=(Method.PHONE, Method.VISIT, Method.CALL_IN, Method.OUTREACH),
    visits=(Method.VISIT,),
    holidays=(),
    min_minutes=3,
    max_per_worker_day=30,
    message_words=("微信", "短信"),
)


def _count(value: int, what: str) -> Figure:
    return Figure(Decimal(value), f"服务记录中{what}的条数")


def zone(
    name: str, clients: int, households: int, calls: int, visits: int, judged: int, met: int
) -> ZoneFollowUp:
    share = Figure(Decimal(met) * 100 / Decimal(judged), "达标 ÷ 应考核 × 100%", unit="%")
    yearly = Figure(
        (Decimal(calls + visits) / Decimal(clients)).quantize(Decimal("0.1")),
        "计入的联系人次 ÷ 建档人数 ÷ 考核期年数",
    )
    return ZoneFollowUp(
        zone=name,
        clients=clients,
        households=households,
        phone_calls=_count(calls, "电访"),
        visits=_count(visits, "入户探访"),
        judged=judged,
        met=met,
        met_share=Figure(share.value.quantize(Decimal("0.01")), share.formula, unit="%"),
        contacts_per_client_year=yearly,
    )


def follow_up() -> FollowUpResult:
    """片区A: 3 clients, 8 client-periods judged, 5 met; 片区B: 2 clients, all 4 met."""
    clients = (
        ClientPeriod(
            "C001", "片区A", "甲社区", 1, "2023-01", date(2023, 1, 1), date(2023, 1, 31), 5, 1, True
        ),
        ClientPeriod(
            "C001",
            "片区A",
            "甲社区",
            1,
            "2023-02",
            date(2023, 2, 1),
            date(2023, 2, 28),
            2,
            0,
            False,
            ("第2周（2月6日–2月12日）联系0次，应至少1次", "2月入户探访0次，应至少1次"),
        ),
        ClientPeriod(
            "C002",
            "片区A",
            "乙社区",
            4,
            "2023-Q1",
            date(2023, 1, 1),
            date(2023, 3, 31),
            0,
            0,
            False,
            ("2023年第1季度联系0次，应至少1次",),
        ),
        ClientPeriod(
            "C101", "片区B", "丙社区", 3, "2023-01", date(2023, 1, 1), date(2023, 1, 31), 1, 0, True
        ),
    )
    compliance = (
        ComplianceRow("片区A", 1, "2023-01", 1, 1),
        ComplianceRow("片区A", 1, "2023-02", 1, 0),
        ComplianceRow("片区A", 1, "2023-03", 1, 1),
        ComplianceRow("片区A", 3, "2023-01", 2, 1),
        ComplianceRow("片区A", 3, "2023-02", 2, 2),
        ComplianceRow("片区A", 4, "2023-Q1", 1, 0),
        ComplianceRow("片区B", 3, "2023-01", 2, 2),
        ComplianceRow("片区B", 3, "2023-02", 2, 2),
    )
    patterns = (
        Pattern(
            "message_as_phone",
            "1月22日记为电访，备注为「微信节日问候」",
            client="C001",
            worker="SG01",
            zone="片区A",
            on=date(2023, 1, 22),
        ),
        Pattern(
            "short_contact",
            "电访时长1分钟，不足3分钟",
            client="C002",
            worker="SG02",
            zone="片区A",
            on=date(2023, 2, 3),
        ),
        Pattern(
            "busy_worker_day",
            "社工SG03于2023年3月1日联系42次，超过30次",
            worker="SG03",
            on=date(2023, 3, 1),
        ),
        *(
            Pattern(
                "no_contact",
                f"C2{i:02d}考核期内没有任何计入的联系",
                client=f"C2{i:02d}",
                zone="片区A",
            )
            for i in range(25)
        ),
    )
    zones = (
        zone("片区A", 3, 2, 10, 3, 8, 5),
        zone("片区B", 2, 2, 6, 2, 4, 4),
        zone(TOTAL, 5, 4, 16, 5, 12, 9),
    )
    return FollowUpResult(
        period_start=date(2023, 1, 1),
        period_end=date(2023, 3, 31),
        schedule=SCHEDULE,
        clients=clients,
        compliance=compliance,
        zones=zones,
        patterns=patterns,
    )


OVERDUE = (
    Overdue("C002", "片区A", "乙社区", 4, Measure.CONTACT, None, None, date(2023, 3, 1), 14),
    Overdue(
        "C001", "片区A", "甲社区", 1, Measure.VISIT, date(2023, 2, 20), "SG01", date(2023, 3, 15), 0
    ),
)
