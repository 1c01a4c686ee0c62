"""Each veto threshold at mid-term and final: exactly at, just under, just over."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import D, evaluation, info, team, worker

from pinggu._engine import evaluate
from pinggu._model import Kind, VetoDeclaration
from pinggu._scheme import load_scheme

SCHEME = load_scheme("guangzhou-2023")


def roster_short_by(shortfall: Decimal, certified_short: Decimal = Decimal(0)) -> list:  # type: ignore[type-arg]
    """20 contracted (10 certified) × 11 months, short by the given person-months in the last months."""
    rows = team(10, 11, certified=True)
    rows += team(10, 11, prefix="U")
    # Take person-months away from uncertified and certified workers, half a month at a time.
    rows = _remove(rows, "U", shortfall - certified_short)
    return _remove(rows, "W", certified_short)


def _remove(rows: list, prefix: str, amount: Decimal) -> list:  # type: ignore[type-arg]
    out, left = [], amount
    for row in sorted(rows, key=lambda r: (r.month, r.worker_id), reverse=True):
        if left > 0 and row.worker_id.startswith(prefix) and row.value == 1:
            take = min(left, D(1))
            row = row.__class__(**{**row.__dict__, "value": D(1) - take})
            left -= take
        out.append(row)
    assert left == 0
    return out


def vetoes(rows: list, kind: Kind, **station: object) -> set[str]:  # type: ignore[type-arg]
    result = evaluate(evaluation(attendance=rows, station=info(kind=kind, **station)), SCHEME)
    return {v.rule_id for v in result.vetoes}


@pytest.mark.parametrize(
    ("kind", "shortfall", "vetoed"),
    [
        (Kind.MIDTERM, D("4.5"), False),
        (Kind.MIDTERM, D("5"), True),
        (Kind.MIDTERM, D("5.5"), True),
        (Kind.FINAL, D("9.5"), False),
        (Kind.FINAL, D("10"), True),
        (Kind.FINAL, D("10.5"), True),
    ],
)
def test_staffing_shortfall(kind: Kind, shortfall: Decimal, vetoed: bool) -> None:
    assert ("staffing_shortfall" in vetoes(roster_short_by(shortfall), kind)) is vetoed


@pytest.mark.parametrize(
    ("kind", "shortfall", "vetoed"),
    [
        (Kind.MIDTERM, D("2.5"), False),
        (Kind.MIDTERM, D("3"), True),
        (Kind.MIDTERM, D("3.5"), True),
        (Kind.FINAL, D("5.5"), False),
        (Kind.FINAL, D("6"), True),
        (Kind.FINAL, D("6.5"), True),
    ],
)
def test_certified_shortfall(kind: Kind, shortfall: Decimal, vetoed: bool) -> None:
    found = vetoes(roster_short_by(shortfall, certified_short=shortfall), kind)
    assert ("certified_shortfall" in found) is vetoed


@pytest.mark.parametrize("kind", [Kind.MIDTERM, Kind.FINAL])
@pytest.mark.parametrize(
    ("personnel", "vetoed"),
    [(D("1919760"), True), (D("1920000"), False), (D("1920240"), False)],  # 79.99%, 80.00%, 80.01%
)
def test_personnel_cost_under_80_percent(kind: Kind, personnel: Decimal, vetoed: bool) -> None:
    rows = team(20, 11, certified=True)
    found = vetoes(rows, kind, annual_spending=D(2400000), personnel_spending=personnel)
    assert ("personnel_cost" in found) is vetoed


def test_a_veto_fails_the_station_whatever_its_score() -> None:
    result = evaluate(evaluation(attendance=roster_short_by(D(12))), SCHEME)
    assert result.total_score is not None and result.total_score.value == D("86.39")
    assert result.grade_by_score is not None and result.grade_by_score.name == "良好"
    assert result.grade is not None and result.grade.name == "不合格"
    (veto,) = result.vetoes
    assert veto.rule == "社工人员配备不足"
    assert "12 人次" in veto.detail and "末期评估的否决线 10 人次" in veto.detail
    assert "应到 = 220" in veto.detail and "实到 = 208" in veto.detail


def test_declared_vetoes_show_their_note() -> None:
    declared = [
        VetoDeclaration("保洁、安保等人员占用社工名额", True, "2名保洁员以社工名义领薪，见花名册"),
        VetoDeclaration("财务评估结果为不合格", False, ""),
    ]
    result = evaluate(evaluation(vetoes=declared), SCHEME)
    assert [(v.rule_id, v.detail) for v in result.vetoes] == [
        ("non_social_worker", "2名保洁员以社工名义领薪，见花名册")
    ]
    assert result.grade is not None and result.grade.name == "不合格"


def test_missing_finance_is_a_warning_not_a_silent_pass() -> None:
    result = evaluate(evaluation(), SCHEME)
    messages = [w.message for w in result.warnings if w.code == "veto_unchecked"]
    assert messages == [
        "否决情形「年度服务期内人员费用支出比例低于80%」：缺少计算「人员费用支出比例」所需的数据，未能判断"
    ]


def test_professional_evaluation_can_fail_by_a_scheme_rule() -> None:
    pilot = load_scheme("district-pilot")
    low = {("第三方评估机构", d, None): [5] for d in ("服务监测", "服务成效", "运营管理", "满意度")}
    low.update({("第三方评估机构", "服务质量", z.name): [10] for z in evaluation().zones})
    low.update(
        {
            ("购买方", "购买方", None): [90],
            ("督导中心", "督导中心", None): [12],
            ("监督方", "监督方", None): [9],
        }
    )
    from factories import scores

    result = evaluate(evaluation(score_rows=scores(low)), pilot)
    # 5 + 5 + 5 + 10 + 5 = 30 of 60 = 50% < 60%
    assert [v.rule_id for v in result.vetoes] == ["professional_fail"]
    assert "50.00%" in result.vetoes[0].detail


def test_worker_who_leaves_exactly_at_threshold() -> None:
    rows = team(19, 11) + worker("X", [1] * 1 + [0] * 10)
    assert "staffing_shortfall" in vetoes(rows, Kind.FINAL)  # 210 of 220: short by exactly 10
