"""Small builders of in-memory evaluations, so engine tests read as hand-worked examples."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pinggu._model import (
    AttendanceRow,
    Evaluation,
    IndicatorRow,
    Kind,
    Month,
    ScoreRow,
    StationInfo,
    VetoDeclaration,
    Zone,
)

D = Decimal
ZONES = (
    Zone("第一片区", ("甲社区", "乙社区")),
    Zone("第二片区", ("丙社区",)),
    Zone("第三片区", ("丁社区",)),
)


def info(**changes: object) -> StationInfo:
    base = StationInfo(
        station="测试街社工服务站",
        district="测试区",
        street="测试街道",
        operator="测试社会工作服务中心",
        purchaser="测试街道办事处",
        supervisor="测试区民政局",
        evaluator="测试评估机构",
        kind=Kind.FINAL,
        evaluation_date=date(2024, 6, 7),
        period_start=date(2023, 7, 1),
        period_end=date(2024, 5, 31),
        period_months=None,
        contract_start=date(2023, 7, 1),
        contract_end=date(2024, 6, 30),
        contract_funding_wan=D(240),
        contract_workers=20,
        contract_certified_workers=10,
        training_hours_required=None,
        training_hours_done=None,
        annual_spending=None,
        personnel_spending=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def months(start: str, count: int) -> list[Month]:
    first = Month.parse(start)
    assert first is not None
    out = [first]
    while len(out) < count:
        out.append(out[-1].next())
    return out


def worker(
    worker_id: str,
    values: list[float | str],
    start: str = "2023-07",
    *,
    certified: list[bool] | bool = False,
    experienced: list[bool] | bool = False,
    insured: bool = True,
    paid: bool = True,
    note: str = "",
    position: str = "社工",
) -> list[AttendanceRow]:
    """One worker's rows from a list of monthly in-post values starting at `start`."""
    rows = []
    for i, (month, value) in enumerate(zip(months(start, len(values)), values, strict=True)):
        cert = certified[i] if isinstance(certified, list) else certified
        exp = experienced[i] if isinstance(experienced, list) else experienced
        rows.append(
            AttendanceRow(
                worker_id,
                f"社工{worker_id}",
                position,
                month,
                D(str(value)),
                cert,
                exp,
                insured,
                paid,
                note,
            )
        )
    return rows


def team(count: int, n_months: int, prefix: str = "W", **kwargs: object) -> list[AttendanceRow]:
    """`count` workers in post every month."""
    rows: list[AttendanceRow] = []
    for i in range(count):
        rows += worker(f"{prefix}{i:02d}", [1] * n_months, **kwargs)  # type: ignore[arg-type]
    return rows


def scores(table: dict[tuple[str, str, str | None], list[float | str]]) -> tuple[ScoreRow, ...]:
    rows = []
    for (party, dimension, zone), values in table.items():
        for i, v in enumerate(values):
            rows.append(ScoreRow(party, dimension, zone, f"评委{i + 1}", D(str(v))))
    return tuple(rows)


SEED_002_SCORES = {
    ("第三方评估机构", "服务监测", None): [9.42],
    ("第三方评估机构", "服务成效", None): [11.65],
    ("第三方评估机构", "运营管理", None): [9.14],
    ("第三方评估机构", "服务质量", "第一片区"): [15.6],
    ("第三方评估机构", "服务质量", "第二片区"): [16],
    ("第三方评估机构", "服务质量", "第三片区"): [14.55],
    ("购买方", "购买方", None): [20],
    ("督导中心", "督导中心", None): [12],
    ("监督方", "监督方", None): [8.8],
}


def evaluation(
    *,
    station: StationInfo | None = None,
    attendance: list[AttendanceRow] | None = None,
    indicators: list[IndicatorRow] | None = None,
    score_rows: tuple[ScoreRow, ...] | None = None,
    vetoes: list[VetoDeclaration] | None = None,
    zones: tuple[Zone, ...] = ZONES,
) -> Evaluation:
    station = station or info()
    if attendance is None:
        attendance = team(20, 11, certified=True, experienced=True)
    return Evaluation(
        info=station,
        zones=zones,
        indicators=tuple(indicators or ()),
        attendance=tuple(attendance),
        scores=scores(SEED_002_SCORES) if score_rows is None else score_rows,
        vetoes=tuple(vetoes or ()),
        findings=(),
    )
