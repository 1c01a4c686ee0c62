"""Invented file lists and spot checks (docs/onsite.md) for the example and the tests.

The lists agree with the evaluation's own completions (专业个案 接案数, 专业小组 个数, 社区活动
次数 per 片区), but for one case the list leaves out, so the example shows the check
`file_count_differs`. The files are drawn by the scheme's plan with a seed made from the
evaluation date, and every drawn file is marked: mostly 符合, 结案评估 不适用 for open cases, and a
few 不符合 in the seeds' manner (consent forms unsigned, supervision without goals, a group
without its sign-in sheet). Workers are the station's own (from 到岗); no client is named.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from .._model import Evaluation
from .._onsite.draw import sample_files
from .._onsite.files_model import CheckMark, FileEntry, FileSampling, FileType, Verdict
from .._onsite.model import OnSite
from .._scheme import Scheme

__all__ = ["synthetic_spot_checks", "with_spot_checks"]

_GROUPS = ("长者健康", "亲子沟通", "青少年成长", "残障人士康复", "妇女互助", "手工编织", "学业辅导")
_EVENTS = ("邻里节", "中秋游园会", "义诊", "防诈骗宣传", "社区义剪", "迎新春写挥春", "亲子运动会")
# (type, item) → the note an expert writes for a 不符合, and how many drawn files fail it
_FAILURES: dict[tuple[FileType, str], tuple[str, int]] = {
    (FileType.CASE, "知情同意书签名"): ("同意书未见服务对象签名", 3),
    (FileType.CASE, "督导目标"): ("督导记录只有过程，未写本次督导目标", 2),
    (FileType.CASE, "结案评估"): ("已结案，未见结案评估表", 1),
    (FileType.GROUP, "签到表"): ("第 3、4 节未见签到表", 1),
    (FileType.EVENT, "总结"): ("未见活动总结", 1),
}
_SHORT_ZONE = -1  # the 片区 (by index) whose case list leaves one case out


def with_spot_checks(evaluation: Evaluation, scheme: Scheme, *, seed: int) -> Evaluation:
    """`evaluation` with invented file lists and checks in its `onsite` (other parts kept)."""
    files, draw_seed, checks = synthetic_spot_checks(evaluation, scheme, seed=seed)
    onsite = evaluation.onsite or OnSite()
    return replace(
        evaluation, onsite=replace(onsite, files=files, draw_seed=draw_seed, checks=checks)
    )


def synthetic_spot_checks(
    evaluation: Evaluation, scheme: Scheme, *, seed: int
) -> tuple[tuple[FileEntry, ...], str, tuple[CheckMark, ...]]:
    """The station's file lists, the draw's seed and the experts' marks."""
    sampling = scheme.file_sampling
    if sampling is None:
        raise ValueError(f"scheme {scheme.id} has no [file_sampling]")
    rng = random.Random(f"{seed}-files")
    files = _lists(rng, evaluation, sampling)
    draw_seed = evaluation.info.evaluation_date.strftime("%Y%m%d")
    draw = sample_files(files, sampling, seed=draw_seed, zones=[z.name for z in evaluation.zones])
    by_id = {(f.type, f.id): f for f in files}
    failing: dict[tuple[FileType, str], set[str]] = {}
    for (kind, name), (_, count) in _FAILURES.items():
        candidates = [
            f.id
            for f in draw.drawn
            if f.type is kind and (name != "结案评估" or by_id[(kind, f.id)].closed)
        ]
        failing[(kind, name)] = set(rng.sample(candidates, min(count, len(candidates))))
    checks = []
    for drawn in draw.drawn:
        entry = by_id[(drawn.type, drawn.id)]
        checklist = sampling.checklist(drawn.type)
        for item in checklist.items if checklist else ():
            verdict, note = Verdict.MET, ""
            if drawn.id in failing.get((drawn.type, item.name), set()):
                verdict, note = Verdict.UNMET, _FAILURES[(drawn.type, item.name)][0]
            elif item.name == "结案评估" and entry.closed is None:
                verdict, note = Verdict.NOT_APPLICABLE, "尚未结案"
            checks.append(CheckMark(drawn.type, drawn.id, item.name, verdict, note))
    return files, draw_seed, tuple(checks)


def _completions(evaluation: Evaluation, sampling: FileSampling, kind: FileType) -> dict[str, int]:
    rule = sampling.rule(kind)
    if rule is None:
        return {}
    out: dict[str, int] = {}
    for row in evaluation.indicators:
        if row.indicator in rule.indicators and row.measure == rule.measure:
            out[row.zone] = out.get(row.zone, 0) + int(row.actual)
    return out


def _lists(
    rng: random.Random, evaluation: Evaluation, sampling: FileSampling
) -> tuple[FileEntry, ...]:
    info = evaluation.info
    days = (info.period_end - info.period_start).days

    def day() -> date:
        return info.period_start + timedelta(days=rng.randrange(days + 1))

    workers: dict[str, list[str]] = {}
    for row in evaluation.attendance:
        workers.setdefault(row.zone, [])
        if row.name not in workers[row.zone]:
            workers[row.zone].append(row.name)
    everyone = sorted({r.name for r in evaluation.attendance})
    zones = [z.name for z in evaluation.zones]
    files: list[FileEntry] = []
    for index, zone in enumerate(zones, start=1):
        staff = sorted(workers.get(zone) or everyone)
        cases = _completions(evaluation, sampling, FileType.CASE).get(zone, 0)
        if zone == zones[_SHORT_ZONE]:
            cases = max(0, cases - 1)  # the one difference file_count_differs shows
        for n in range(1, cases + 1):
            opened = day()
            closed = opened + timedelta(days=rng.randrange(30, 200))
            files.append(
                FileEntry(
                    FileType.CASE,
                    f"GA{index}{n:03}",
                    zone,
                    rng.choice(staff),
                    opened=opened,
                    closed=closed if closed <= info.period_end and rng.random() < 0.7 else None,
                )
            )
        for n in range(1, _completions(evaluation, sampling, FileType.GROUP).get(zone, 0) + 1):
            title = f"{rng.choice(_GROUPS)}小组"
            files.append(
                FileEntry(
                    FileType.GROUP, f"XZ{index}{n:02}", zone, rng.choice(staff),
                    title=title, on=day(), sessions=rng.choice((4, 5, 6, 6, 8)),
                )
            )  # fmt: skip
        for n in range(1, _completions(evaluation, sampling, FileType.EVENT).get(zone, 0) + 1):
            files.append(
                FileEntry(
                    FileType.EVENT, f"HD{index}{n:03}", zone, rng.choice(staff),
                    title=rng.choice(_EVENTS), on=day(), attendance=rng.randrange(30, 260),
                )
            )  # fmt: skip
    order = list(FileType)  # type by type, as the workbook's sheets list them
    return tuple(sorted(files, key=lambda f: order.index(f.type)))
