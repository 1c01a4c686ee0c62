"""The dashboard's 绩效评价 table: each visible final round's performance evaluation (the street
office's 项目支出绩效自评表, docs/performance.md) — budget execution, each 一级指标's points,
total and grade — read from the round's stored result like every other table."""

from __future__ import annotations

from django.urls import reverse

from .board import Column, Entry, Table, Value, row

NOT_FILLED = "尚未填写"
NO_DATA = "尚无数据"
LEVELS = ("产出指标", "效益指标", "满意度指标")  # the 自评表's 一级指标, in its order
POOR = "差"  # the lowest grade of performance-2020 (docs/performance.md)

COLUMNS = (
    Column("区"),
    Column("社工站", "station"),
    Column("考核期"),
    Column("预算执行率", "percent"),
    Column("预算执行率得分", "points"),
    *(Column(f"{level}得分", "points") for level in LEVELS),
    Column("绩效总分", "points"),
    Column("绩效等级"),
    Column("提示", "number"),
)


def _page(round_id: int) -> str:
    """A street's row links to its performance page (the 自评表 and its problems)."""
    return reverse("performance", kwargs={"round_id": round_id})


def table(entries: list[Entry]) -> Table:
    """One row per final round (the round the street office fills its performance data in)."""
    rows = []
    for e in entries:
        if e.is_midterm:
            continue
        r = e.round
        where: list[Value] = [
            r.station.district.name,
            r.station.name,
            f"{r.period_start} 至 {r.period_end}",
        ]
        p = e.result.performance if e.result else None
        if p is None:
            missing = NO_DATA if e.result is None else NOT_FILLED
            values = [*where, None, None, *(None for _ in LEVELS), None, missing, None]
            rows.append(row(COLUMNS, values, link=_page(r.pk)))
            continue
        points = dict(p.levels)
        values = [
            *where,
            p.execution_rate,
            p.budget_points,
            *(points.get(level) for level in LEVELS),
            p.total,
            p.grade,
            p.problems,
        ]
        flags = {len(COLUMNS) - 2: "bad"} if p.grade == POOR else {}
        if p.problems:
            flags[len(COLUMNS) - 1] = "bad"
        rows.append(row(COLUMNS, values, flags=flags, link=_page(r.pk)))
    note = (
        "街道办事处（购买方）对所购买服务的年度绩效评价，随末期评估填写：预算执行率满分 10 分，"
        "产出、效益、满意度指标按各行分值计分；等级 优（≥90）、良（80–<90）、中（60–<80）、差（<60）。"
        f"「{NOT_FILLED}」表示尚未填写预算和绩效目标；「提示」为计分时发现的问题数；点社工站名称查看其绩效评价页（自评表和提示）。"
    )
    return Table("performance", "绩效评价", "绩效评价", COLUMNS, tuple(rows), note)
