"""Synthetic stations: deterministic, the requested sizes, every feature the engine must meet."""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pinggu._model import (
    CLOSING,
    STATION_WIDE,
    AttendanceRow,
    Evaluation,
    FindingKind,
    Kind,
    Month,
    Qualification,
)
from pinggu._roster import read_roster
from pinggu._scheme import Scheme, load_scheme
from pinggu._synthetic import synthetic_evaluation
from pinggu._workbook.writer import write_workbook

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme("guangzhou-2023")


@pytest.fixture(scope="module")
def station(scheme: Scheme) -> Evaluation:
    return synthetic_evaluation(7, scheme=scheme)


def _by_worker(rows: tuple[AttendanceRow, ...]) -> dict[str, list[AttendanceRow]]:
    workers: dict[str, list[AttendanceRow]] = defaultdict(list)
    for row in rows:
        workers[row.worker_id].append(row)
    return workers


def _per_month(rows: tuple[AttendanceRow, ...], certified: bool = False) -> dict[Month, Decimal]:
    totals: dict[Month, Decimal] = defaultdict(Decimal)
    for row in rows:
        if row.certified or not certified:
            totals[row.month] += row.value
    return totals


def test_same_seed_same_evaluation(scheme: Scheme) -> None:
    assert synthetic_evaluation(11, scheme=scheme) == synthetic_evaluation(11, scheme=scheme)


def test_different_seeds_differ(scheme: Scheme) -> None:
    a, b = synthetic_evaluation(1, scheme=scheme), synthetic_evaluation(2, scheme=scheme)
    assert a.info.station != b.info.station
    assert a.attendance != b.attendance
    assert a.indicators != b.indicators
    assert a.scores != b.scores


def test_a_benchmarks_stations_have_different_names() -> None:
    names = {synthetic_evaluation(seed).info.station for seed in range(176)}
    assert len(names) == 176


@pytest.mark.parametrize(
    ("zones", "communities", "workers", "months", "kind"),
    [
        (3, 10, 25, 10, Kind.FINAL),
        (5, 18, 35, 12, Kind.FINAL),
        (4, 8, 20, 6, Kind.MIDTERM),
        (3, 3, 21, 3, Kind.MIDTERM),
    ],
)
def test_sizes_are_respected(
    scheme: Scheme, zones: int, communities: int, workers: int, months: int, kind: Kind
) -> None:
    ev = synthetic_evaluation(
        3, kind=kind, zones=zones, communities=communities, workers=workers, months=months
    )
    assert ev.info.kind is kind
    assert len(ev.zones) == zones
    assert sum(len(z.communities) for z in ev.zones) == communities
    assert len({c for z in ev.zones for c in z.communities}) == communities
    assert all(z.communities for z in ev.zones)
    people = _by_worker(ev.attendance)
    assert len(people) == workers
    assert len({rows[0].name for rows in people.values()}) == workers
    assert all(len(rows) == months for rows in people.values())
    assert len({row.month for row in ev.attendance}) == months
    assert Month.of(ev.info.period_end) == max(row.month for row in ev.attendance)
    assert ev.info.evaluation_date > ev.info.period_end


def test_every_catalogue_indicator_appears(scheme: Scheme, station: Evaluation) -> None:
    zones = {z.name for z in station.zones}
    seen = defaultdict(set)
    for row in station.indicators:
        seen[(row.indicator, row.measure)].add(row.zone)
    for entry in scheme.catalogue:
        for measure in entry.measures:
            places = seen[(entry.name, measure)]
            assert places == zones or places == {STATION_WIDE}, (entry.name, measure, places)
    assert sum(len(m.measures) for m in scheme.catalogue) == len(seen)


def test_indicator_variety(station: Evaluation) -> None:
    rows = station.indicators
    assert any(r.target is None for r in rows)  # 咨询偶到服务: no target ("/")
    assert {"社区基金培育", "品牌创建工作"} <= {r.indicator for r in rows if r.zone == STATION_WIDE}
    totals: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for r in rows:
        if r.target is not None:
            totals[(r.indicator, r.measure)][0] += r.actual
            totals[(r.indicator, r.measure)][1] += r.target
    ratios = [actual / target for actual, target in totals.values()]
    assert sum(1 for x in ratios if x < 1) >= 2
    assert max(ratios) > 2  # 电访, 活动人次: well over target, as in the seeds
    by_key = {(r.zone, r.indicator, r.measure): r.actual for r in rows}
    for zone in station.zones:
        households = by_key[(zone.name, "困难群众和特殊群体建档", "户")]
        assert by_key[(zone.name, "困难群众和特殊群体建档", "人")] >= households
        assert (
            by_key[(zone.name, "专业个案", "结案数")] <= by_key[(zone.name, "专业个案", "接案数")]
        )


def test_attendance_features(station: Evaluation) -> None:
    people = _by_worker(station.attendance)
    values = {row.value for row in station.attendance}
    assert values <= {Decimal(1), Decimal("0.5"), Decimal(0)} and Decimal("0.5") in values
    joined = [w for w, rows in people.items() if rows[0].value == 0]
    left = [w for w, rows in people.items() if rows[-1].value == 0]
    assert joined and left
    heads: dict[Month, int] = defaultdict(int)
    for row in station.attendance:
        heads[row.month] += row.value > 0
    assert min(heads.values()) < max(heads.values())  # some months have fewer people
    flips = [[r.certified for r in rows if r.value > 0] for rows in people.values()]
    assert any(not f[0] and f[-1] for f in flips)  # certified mid-period
    flips = [[r.experienced for r in rows if r.value > 0] for rows in people.values()]
    assert any(not f[0] and f[-1] for f in flips)  # two years' experience reached mid-period
    uninsured = [r for r in station.attendance if r.value == 1 and not r.insured]
    assert any(r.note == "" for r in uninsured) and any(r.note for r in uninsured)


@pytest.mark.parametrize("seed", range(20))
def test_staffing_close_to_required_but_not_vetoed(scheme: Scheme, seed: int) -> None:
    ev = synthetic_evaluation(seed, scheme=scheme)
    info, months = ev.info, len({r.month for r in ev.attendance})
    actual = sum((r.value for r in ev.attendance), Decimal(0))
    certified = sum((r.value for r in ev.attendance if r.certified), Decimal(0))
    required = info.contract_workers * months
    assert required - 10 < actual <= required + months  # netted shortfall under the final veto
    assert certified >= info.contract_certified_workers * months
    stayed = [rows for rows in _by_worker(ev.attendance).values() if all(r.value > 0 for r in rows)]
    assert len(stayed) >= Decimal("0.8") * info.contract_workers
    assert info.personnel_spending is not None and info.annual_spending is not None
    assert Decimal("0.8") < info.personnel_spending / info.annual_spending < Decimal("0.9")
    assert info.training_hours_required == 6 * info.contract_workers * months


def test_scores_follow_the_scheme(scheme: Scheme, station: Evaluation) -> None:
    judges = defaultdict(set)
    for row in station.scores:
        judges[(row.party, row.dimension, row.zone)].add(row.judge)
        party = scheme.party(row.party)
        assert party is not None
        dimension = party.dimension(row.dimension)
        assert dimension is not None and 0 <= row.score <= dimension.scale
    third = scheme.parties[0]
    for dim in third.dimensions:
        for zone in [z.name for z in station.zones] if dim.per_zone else [None]:
            assert judges[(third.name, dim.name, zone)] == {f"专家{x}" for x in "ABCDE"}
    for party in scheme.parties[1:]:
        assert len(judges[(party.name, party.name, None)]) == 1


def test_vetoes_and_findings(scheme: Scheme, station: Evaluation) -> None:
    declared = [v.title for v in scheme.vetoes if not v.computed]
    assert [v.rule for v in station.vetoes] == declared
    assert not any(v.applies for v in station.vetoes)
    counts: dict[tuple[str, str | None, FindingKind], int] = defaultdict(int)
    for finding in station.findings:
        counts[(finding.section, finding.zone, finding.kind)] += 1
        assert finding.text and "{" not in finding.text
    for section in scheme.sections:
        if section.name == CLOSING:  # 结语 holds suggestions only
            assert 2 <= counts[(CLOSING, None, FindingKind.CONCERN)] <= 3
            assert counts[(CLOSING, None, FindingKind.STRENGTH)] == 0
            continue
        for zone in [z.name for z in station.zones] if section.per_zone else [None]:
            for kind in FindingKind:
                # a 片区 drawn a sentence another 片区 already has goes without it
                least = 1 if section.per_zone else 2
                assert least <= counts[(section.name, zone, kind)] <= 3
    texts = [f.text for f in station.findings]
    assert len(texts) == len(set(texts))  # a report never says the same sentence twice


def test_report_fields_are_filled(scheme: Scheme) -> None:
    stations = [synthetic_evaluation(seed, scheme=scheme).info for seed in range(60)]
    for info in stations:
        assert info.address is not None and info.address.startswith(info.district)
        assert info.address.endswith("号")
        assert info.operator_since is not None and info.operator_since.day == 1
        assert info.operator_since.year < info.period_start.year
        assert info.evaluation_staff in (1, 2)
    objections = [i.onsite_objection for i in stations] + [i.draft_objection for i in stations]
    assert 0 < sum(1 for text in objections if text) < len(objections) // 4  # blank as a rule


def test_qualifications_agree_with_certified(scheme: Scheme, station: Evaluation) -> None:
    assert all(
        row.qualification is not None and row.qualification.certified == row.certified
        for row in station.attendance
    )
    for rows in _by_worker(station.attendance).values():
        levels = {r.qualification for r in rows if r.certified}
        assert len(levels) <= 1  # one certificate per person in a period
    seen = {
        r.qualification
        for seed in range(20)
        for r in synthetic_evaluation(seed, scheme=scheme).attendance
    }
    assert seen == set(Qualification)  # 高级 is rare but occurs


def test_midterm_reports_partial_progress(scheme: Scheme) -> None:
    def completion(ev: Evaluation) -> Decimal:
        rows = [r for r in ev.indicators if r.target is not None and r.indicator != "社区调研"]
        rows = [r for r in rows if r.indicator != "困难群众和特殊群体建档" and r.measure != "小时"]
        return sum((r.actual for r in rows), Decimal(0)) / sum(
            (r.target or 0 for r in rows), Decimal(0)
        )

    mid = synthetic_evaluation(5, kind=Kind.MIDTERM, months=5, scheme=scheme)
    assert mid.info.kind is Kind.MIDTERM and mid.info.period_end.month == 11
    assert (
        completion(mid)
        < Decimal("0.9")
        < Decimal(1)
        < completion(synthetic_evaluation(5, scheme=scheme))
    )


def test_another_scheme_changes_parties_and_vetoes() -> None:
    pilot = load_scheme("district-pilot")
    ev = synthetic_evaluation(9, scheme=pilot)
    assert any(r.dimension == "满意度" for r in ev.scores)
    purchaser = [r.score for r in ev.scores if r.party == "购买方"]
    assert len(purchaser) == 1 and purchaser[0] > 20  # scored out of 100
    assert [v.rule for v in ev.vetoes] == [v.title for v in pilot.vetoes if not v.computed]


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        synthetic_evaluation(1, zones=4, communities=3)
    with pytest.raises(ValueError):
        synthetic_evaluation(1, months=13)
    with pytest.raises(ValueError):
        synthetic_evaluation(1, contract_workers=10, contract_certified_workers=11)


# ---------------------------------------------------------------- through a real workbook


@pytest.mark.parametrize(
    ("seed", "changes"),
    [
        (2038, {"street": "示例"}),
        (4, {"kind": Kind.MIDTERM, "months": 6, "zones": 4, "communities": 12}),
    ],
)
def test_workbook_round_trip(
    tmp_path: Path, scheme: Scheme, seed: int, changes: dict[str, Any]
) -> None:
    from pinggu._workbook.importer import load_workbook

    evaluation = synthetic_evaluation(seed, scheme=scheme, **changes)
    path = tmp_path / "station.xlsx"
    write_workbook(path, evaluation)
    assert load_workbook(path, scheme) == evaluation


def test_committed_example_carries_the_report_data(scheme: Scheme) -> None:
    from pinggu._engine import evaluate
    from pinggu._workbook.importer import load_workbook

    example = load_workbook(EXAMPLES / "示例街社工服务站-末期评估.xlsx", scheme)
    info = example.info
    assert info.address and info.operator_since and info.evaluation_staff
    assert info.operator_since < info.period_start
    assert {r.qualification for r in example.attendance} == {
        Qualification.INTERMEDIATE,
        Qualification.ASSISTANT,
        Qualification.NONE,
    }
    closing = [f for f in example.findings if f.section == CLOSING]
    assert 2 <= len(closing) <= 3 and all(f.text.startswith("建议") for f in closing)
    result = evaluate(example, scheme)  # the figures the README and reports quote are unchanged
    assert (result.scores.total.value, result.grade and result.grade.name) == (
        Decimal("87.81"),
        "良好",
    )
    staffing = result.staffing
    assert (staffing.required.value, staffing.actual.value) == (200, 197)
    turnover = staffing.turnover
    assert turnover.end_by_qualification == (
        (Qualification.INTERMEDIATE, 8),
        (Qualification.ASSISTANT, 7),
        (Qualification.NONE, 5),
    )


def test_committed_example_is_current(scheme: Scheme) -> None:
    from pinggu._workbook.importer import load_workbook

    spec = importlib.util.spec_from_file_location("generate", EXAMPLES / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    expected, roster = generate.example(scheme)
    assert load_workbook(generate.OUTPUT, scheme) == expected
    assert read_roster(generate.ROSTER) == roster
