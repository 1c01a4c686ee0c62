"""The demo's file spot checks: the 示例 final round (report issued) has the station's file
lists, a draw and every drawn file checked — most items 符合, some 不符合 in the seeds' words,
one file not found and replaced by a reserve file — so its report and pages show the roll-up;
the 南岸 final round (实地评估) has its lists uploaded, ready for a draw. Loading it twice
changes nothing. Every file, worker and note is invented.

The lists are made from the round's own data, as many files of each type per 片区 as the
indicators they stand for count (专业个案 接案数, 专业小组 个数, 社区活动 次数: the scheme's
[file_sampling]), so they agree with the indicator table.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from django.contrib.auth.models import User

from pinggu import Evaluation, FileEntry, FileSampling, FileType, Kind

from .. import audit, engine
from ..models import Membership, Role, Round, Station
from ..spotcheck import draw as spot
from ..spotcheck import lists, marks, stored

CHECKED_STREET = "示例"  # its final round: lists, draw and marks
LISTED_STREET = "南岸"  # its final round: lists only
SEED = "20240612"  # as if read out at the field visit
# The seeds' words for what a file lacked (002, 004), by checklist item.
NOTES = {
    "知情同意书签名": "同意书缺少服务对象签名",
    "督导目标": "督导记录中，缺少每次的督导目标",
    "过程记录": "第 3、4 次面谈未见过程记录",
    "结案评估": "结案评估未写明服务成效",
    "签到表": "第 2 节缺少组员签到表",
    "每节记录": "第 5、6 节未见记录",
    "签到": "签到表只有人数，没有参与者签名",
    "总结": "活动总结未附参与者反馈",
}
UNMET_SHARE = 0.12  # of the marks on items that have a note above
MISSING_REASON = "社工站称该档案已借出，现场未能提供"


def load_spotcheck_demo(
    stations: dict[str, Station], users: dict[str, User], created: list[str]
) -> None:
    for street, checked in ((CHECKED_STREET, True), (LISTED_STREET, False)):
        round_ = Round.objects.filter(station=stations[street], kind=Kind.FINAL.value).first()
        if round_ is None or stored.latest_list(round_) is not None:
            continue
        data = engine.data_of(round_)
        sampling = stored.sampling_of(round_)
        if data is None or sampling is None:
            continue
        with _unlocked(round_):
            uploader = _station_user(round_.station) or users["coordinator"]
            saved = lists.store_lists(
                round_, demo_lists(data, sampling), uploader, "档案清单（演示）.xlsx"
            )
            created.append(f"档案清单：{round_}（{lists.summary(saved)}）")
            if checked:
                _check(round_, users, created)


@contextmanager
def _unlocked(round_: Round) -> Iterator[None]:
    """The demo writes through the workspace's own code, which refuses a locked round: lifted
    while it writes, as the coordinator's 重新打开 would, and restored after."""
    locked = round_.locked
    Round.objects.filter(pk=round_.pk).update(locked=False)
    round_.locked = False
    try:
        yield
    finally:
        Round.objects.filter(pk=round_.pk).update(locked=locked)
        round_.locked = locked


def _station_user(station: Station) -> User | None:
    staff = Membership.objects.filter(role=Role.STATION, station=station).first()
    return staff.user if staff else None


def demo_lists(data: Evaluation, sampling: FileSampling) -> tuple[FileEntry, ...]:
    """Invented files, as many per type and 片区 as the indicators they stand for count."""
    rng = random.Random(data.info.station)
    workers = sorted({a.name for a in data.attendance}) or ["社工"]
    start, days = data.info.period_start, (data.info.period_end - data.info.period_start).days
    prefix = {FileType.CASE: "GA", FileType.GROUP: "XZ", FileType.EVENT: "HD"}
    files = []
    for rule in sampling.rules:
        for z, zone in enumerate(data.zones, start=1):
            count = sum(
                int(r.actual)
                for r in data.indicators
                if r.zone == zone.name
                and r.indicator in rule.indicators
                and r.measure == rule.measure
            )
            for n in range(1, count + 1):
                on = start + timedelta(days=rng.randrange(max(days - 30, 1)))
                files.append(
                    _entry(
                        rule.type,
                        f"{prefix[rule.type]}{z}-{n:03d}",
                        zone.name,
                        rng.choice(workers),
                        on,
                        rng,
                    )
                )
    return tuple(files)


def _entry(
    kind: FileType, file_id: str, zone: str, worker: str, on: date, rng: random.Random
) -> FileEntry:
    if kind is FileType.CASE:
        closed = on + timedelta(days=rng.randrange(30, 150))
        return FileEntry(
            kind,
            file_id,
            zone,
            worker,
            client=f"K{rng.randrange(1000, 9999)}",
            opened=on,
            closed=closed if rng.random() < 0.7 else None,
        )
    if kind is FileType.GROUP:
        title = rng.choice(("长者健康互助", "亲子沟通", "青少年成长", "照顾者减压", "手工编织"))
        return FileEntry(
            kind, file_id, zone, worker, title=f"{title}小组", on=on, sessions=rng.choice((4, 6, 8))
        )
    title = rng.choice(("邻里节", "义诊进社区", "防诈骗宣传", "重阳敬老", "社区议事会"))
    return FileEntry(
        kind, file_id, zone, worker, title=title, on=on, attendance=rng.randrange(30, 200)
    )


def _check(round_: Round, users: dict[str, User], created: list[str]) -> None:
    """The draw, one file not found (replaced), every other file checked by the two experts."""
    made = spot.make_draw(round_, users["coordinator"], SEED)
    rng = random.Random(SEED)
    files = list(made.files.all())
    first_case = next((f for f in files if f.type == FileType.CASE.value), None)
    if first_case is not None:
        spot.replace_missing(first_case, users["expert1"], MISSING_REASON, audit.version(round_))
    experts = [users["expert1"], users["expert2"]]
    unmet = 0
    for i, file in enumerate(made.files.filter(status="pending").order_by("position")):
        shown = []
        for item in spot.checklist(made, file.type):
            fails = item in NOTES and rng.random() < UNMET_SHARE
            unmet += fails
            shown.append(
                marks.Mark(item, "不符合" if fails else "符合", NOTES[item] if fails else "")
            )
        marks.save_marks(file, experts[i % 2], shown, audit.version(round_))
    checked = made.files.filter(status="checked").count()
    created.append(f"档案抽查：{round_}（种子 {SEED}，检查 {checked} 份，{unmet} 项不符合）")
