"""Synthetic stations: realistic, entirely invented evaluations for examples, tests and benchmarks.

Modelled on the seeds' sizes and figures (3 片区 with about 10 社区, 20 contracted workers of
whom 14 certified, about 25 people over a 10-month period, 240 万元): joiners and leavers with
half months, a vacancy month, a worker certified mid-period and one whose two years' experience
complete mid-period, an uninsured month with a note and one without, every catalogue indicator,
five experts' scores and findings in the seeds' tone. No real person, station or agency: names
are drawn from syllable lists. The same seed always gives the same `Evaluation`.

This module only checks the arguments and draws the parts in a fixed order from one random
generator; what the report needs beyond the figures (address, operator, objections, certificate
levels, 结语) comes from a second generator derived from the seed, so adding it changed no earlier
figure of any seed. Each part is built in its own module:

- `names`: syllable lists and the names made from them;
- `station`: 片区 and 社区, the contract, period and the figures of 基本信息;
- `report_info`: the rest of 基本信息 (address, operator since, evaluation staff, objections,
  the project lead);
- `staff`: the roster behind 到岗;
- `indicators`: 指标 against the scheme's catalogue;
- `scores`: 评分 and 否决;
- `findings`: 意见, and the suggestions of 结语;
- `survey`: a satisfaction survey of a given evaluation's station (`synthetic_survey`);
- `rounding`: figures rounded as people write them;
- `clients`: a client roster (服务对象名册) for the survey's draw (`synthetic_roster`; not
  `roster`, which is the staff module's function);
- `contacts`: 兜底 follow-up records and grade changes of such a roster (`synthetic_contacts`;
  `planned_contacts`, the example's leaner station), and its 建档日期/结案日期 (`synthetic_filing`).

With `clients`, the station also has a roster of that many clients (`follow_up_roster`) and a
period of follow-up records (`planned_contacts`, from a generator of their own), and its 建档,
电访 and 入户探访 completions are what they count (`indicators.follow_up_rows`): one source for
both, so the example's figures never contradict each other (docs/contacts.md).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from .._contacts.model import ContactData
from .._contacts.records import parse_contacts
from .._model import AttendanceRow, Evaluation, Kind, Month, StationInfo, Zone
from .._roster import Roster
from .._scheme import Scheme, load_scheme
from .clients import synthetic_roster
from .contacts import planned_contacts, synthetic_contacts, synthetic_filing
from .findings import closing, findings
from .indicators import follow_up_rows, indicators
from .names import station_names
from .report_info import lead_info, report_info
from .scores import MAX_EXPERTS, scores, vetoes
from .staff import attendance, certificate_levels, ensure_certified, insurance, qualify, roster
from .station import CONTRACT_MONTHS, month_list, station_info, station_zones
from .survey import synthetic_survey

__all__ = [
    "follow_up_roster",
    "synthetic_contacts",
    "synthetic_evaluation",
    "synthetic_roster",
    "synthetic_survey",
]

# With `clients`: the chance a planned contact is made, in every 片区 but the last, and in the
# last (a 片区 visibly behind: about 70% of its client-months met against about 88%).
KEPT, KEPT_WEAK = 0.94, 0.8


def _check(
    zones: int,
    communities: int,
    workers: int,
    months: int,
    contract: tuple[int, int],
    experts: int,
    start: date,
) -> None:
    problems = [
        (zones >= 1, "zones must be at least 1"),
        (communities >= zones, "every zone needs a community: communities >= zones"),
        (workers >= 1, "workers must be at least 1"),
        (3 <= months <= CONTRACT_MONTHS, f"months must be 3..{CONTRACT_MONTHS}"),
        (contract[0] >= 1, "contract_workers must be at least 1"),
        (0 <= contract[1] <= contract[0], "contract_certified_workers must be 0..contract_workers"),
        (1 <= experts <= MAX_EXPERTS, f"experts must be 1..{MAX_EXPERTS}"),
        (start.day <= 28, "start must be on day 1..28"),
    ]
    for ok, message in problems:
        if not ok:
            raise ValueError(message)


def synthetic_evaluation(
    seed: int,
    *,
    kind: Kind = Kind.FINAL,
    zones: int = 3,
    communities: int = 10,
    workers: int = 25,
    months: int = 10,
    contract_workers: int = 20,
    contract_certified_workers: int = 14,
    experts: int = 5,
    street: str | None = None,
    start: date = date(2023, 7, 1),
    scheme: Scheme | None = None,
    clients: int = 0,
) -> Evaluation:
    """An invented station's evaluation, the same for the same arguments.

    `workers` people work at the station over a period of `months` months from `start` (day
    1–28; the contract runs a year from it); `street` names the station (示例 → 示例街社工服务站),
    otherwise the name is invented, different for each of 2,256 consecutive seeds. Indicators,
    parties, dimensions, vetoes and finding sections follow `scheme` (default guangzhou-2023).
    Runs in about 10 ms. With `clients` > 0 the evaluation also carries the follow-up
    (`contacts`) of the roster `follow_up_roster` gives, and its 建档, 电访 and 入户探访 figures
    are what they count (about 0.3 s for 420 clients); every other figure stays the same.
    """
    contract = (contract_workers, contract_certified_workers)
    _check(zones, communities, workers, months, contract, experts, start)
    if clients < 0:
        raise ValueError("clients must be at least 0")
    rng = random.Random(seed)  # every part below draws from it, in this order
    scheme = scheme if scheme is not None else load_scheme()
    names = station_names(rng, seed, street)
    zone_list = station_zones(rng, zones, communities)
    period = month_list(start, months)
    info = station_info(rng, names, kind, start, period, contract)
    stable, movers = roster(rng, period, zones, workers, contract_workers)
    qualify(rng, stable, movers, period)
    ensure_certified(stable + movers, Decimal(contract_certified_workers * months))
    insurance(rng, stable, movers)
    indicator_rows = indicators(rng, scheme, zone_list, info, months)
    extra = random.Random(f"{seed}-extra")  # everything added later draws from this one
    certificate_levels(extra, stable + movers)  # its first draws, whatever `rng` drew before
    attendance_rows = attendance(stable + movers, period, tuple(z.name for z in zone_list))
    contacts = None
    if clients > 0:
        contacts = _follow_up(seed, clients, zone_list, attendance_rows, info)
        indicator_rows = follow_up_rows(
            random.Random(f"{seed}-follow-up"),
            indicator_rows,
            contacts,
            (info.period_start, info.period_end),
            info,
            months,
            greeting_zone=zone_list[1 % len(zone_list)].name,  # 第二片区 when there is one
        )
    score_rows = scores(rng, scheme, zone_list, experts)
    finding_rows = findings(rng, scheme, zone_list, indicator_rows)
    info = report_info(extra, info)
    closing_rows = closing(extra, scheme)
    return Evaluation(
        info=lead_info(extra, info, stable[0]),
        zones=zone_list,
        indicators=indicator_rows,
        attendance=attendance_rows,
        scores=score_rows,
        vetoes=vetoes(scheme),
        findings=finding_rows + closing_rows,
        contacts=contacts,
    )


def follow_up_roster(
    seed: int, zones: tuple[Zone, ...], start: date, end: date, size: int
) -> Roster:
    """The roster of `synthetic_evaluation(seed, clients=size)`'s station: `size` clients over
    its `zones`, some filed or closed during its period [start, end]."""
    return synthetic_filing(synthetic_roster(seed, zones=zones, size=size), start, end, seed=seed)


def _follow_up(
    seed: int,
    size: int,
    zones: tuple[Zone, ...],
    present: tuple[AttendanceRow, ...],
    info: StationInfo,
) -> ContactData:
    """The period's records of the station's roster, made by the workers in post each month
    (`present`); the last 片区 behind the others."""
    start, end = info.period_start, info.period_end
    roster = follow_up_roster(seed, zones, start, end, size)
    workers: dict[Month, list[str]] = {}
    for row in present:
        if row.value > 0:
            workers.setdefault(row.month, []).append(row.worker_id)
    kept = {z.name: KEPT for z in zones}
    if len(zones) > 1:
        kept[zones[-1].name] = KEPT_WEAK
    clients = parse_contacts(roster, None).clients
    return planned_contacts(clients, workers, start, end, seed=seed, kept=kept)
