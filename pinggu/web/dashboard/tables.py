"""The district's and the city's dashboard: every visible round's figures, table by table.

The tables are plain data (board.py: columns, rows of typed cells, a flag where a figure falls
short); the page (templates/web/dashboard.html, views.py) and the Excel export (exports.py)
only lay them out, so the two always show the same figures. Each round's result is read as
stored (engine.py), its digest only, and the page's content is stored too (page_body). The
困难群众跟进 table is followup.py's, the 整改跟进 table rectification.py's, the 绩效评价 table
performance.py's.

Who sees it: the roles that oversee many stations — 区民政局 (its district), 督导中心 and 市民政局
(the city, or one district), and the evaluation agency's coordinator (its own rounds): the
view_dashboard action of roles.py — over exactly the rounds `access.visible_rounds` gives them. Anyone else gets a 404.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import cache

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from pinggu import Scheme, load_scheme, load_workflow, plain

from .. import access, engine, roles
from ..digest import Digest
from ..models import Round, StoredPage
from . import followup, performance, rectification
from .board import Column, Entry, Row, Table, Value, row

SCORES_MISSING = "评分未齐"
NO_DATA = "尚无数据"
NO_TARGET = "/"  # an indicator without a target, as 附件1 prints it


@dataclass(frozen=True)
class Bar:
    """One grade in the distribution chart: its rounds by kind."""

    label: str
    midterm: int
    final: int

    @property
    def total(self) -> int:
        return self.midterm + self.final


@dataclass(frozen=True)
class Dashboard:
    scope: str  # whose rounds these are: "区民政局（海珠区）"
    stations: int
    tables: tuple[Table, ...]
    bars: tuple[Bar, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def bar_max(self) -> int:
        return max((b.total for b in self.bars), default=0) or 1

    def table(self, slug: str) -> Table:
        found = next((t for t in self.tables if t.slug == slug), None)
        if found is None:
            raise Http404("没有这个表格")
        return found


# --- who and which rounds -------------------------------------------------------------------


def _visible(user: User | AnonymousUser) -> tuple[str, QuerySet[Round]]:
    """The user's scope and the rounds they may see, in the tables' order; 404 for other
    roles."""
    overseeing = [m for m in access.memberships(user) if roles.can({m.role}, "view_dashboard")]
    if not overseeing:
        raise Http404("总览仅供区民政局、督导中心、市民政局和评估机构项目统筹查看")
    scope = "；".join(
        f"{m.get_role_display()}（{m.district or m.organization or '全市'}）" for m in overseeing
    )
    visible = engine.with_revision(access.visible_rounds(user)).order_by(
        "station__district__name", "station__name", "fieldwork_date", "kind"
    )
    return scope, visible


def entries_for(user: User | AnonymousUser) -> tuple[str, list[Entry]]:
    """The user's scope and every round they may see with its result; 404 for other roles."""
    scope, visible = _visible(user)
    return scope, [Entry(r, engine.digest_of(r)) for r in visible]


@cache
def _scheme(name: str) -> Scheme:
    """A round's scheme by name (the grades and staffing rules the tables compare with)."""
    return load_scheme(name)


@cache
def state_names() -> dict[str, str]:
    return {step.id: step.name for step in load_workflow().steps}


def _where(entry: Entry) -> list[Value]:
    r = entry.round
    return [r.station.district.name, r.station.name, r.get_kind_display()]


# --- the tables -----------------------------------------------------------------------------

OVERVIEW_COLUMNS = (
    Column("区"),
    Column("社工站", "station"),
    Column("评估类型"),
    Column("评估机构"),
    Column("状态"),
    Column("实地评估日期", "date"),
    Column("总分", "points"),
    Column("等级"),
    Column("一票否决"),
    Column("满意度", "percent1"),
)


def overview(entries: list[Entry]) -> Table:
    rows = []
    for e in entries:
        r = e.round
        vetoes = "；".join(v.rule for v in e.result.vetoes) if e.result else ""
        values = [
            *_where(e),
            r.evaluator.name,
            state_names().get(r.state, r.state),
            r.fieldwork_date,
            *_score_grade(e),
            vetoes or ("无" if e.result is not None else None),
            _satisfaction(e),
        ]
        flags = {8: "bad"} if vetoes else {}
        if _survey_under_way(e):
            flags[9] = "partial"
        rows.append(row(OVERVIEW_COLUMNS, values, flags=flags, round_id=r.pk))
    note = (
        f"总分「—」表示尚未上传数据；「{SCORES_MISSING}」表示各方评分尚未录入完整。"
        "满意度为服务对象满意度调查的结果，「—」表示尚未调查，灰色斜体表示调查尚未完成"
        "（为已联系上的服务对象的结果）。"
    )
    return Table("overview", "社工站一览", "社工站一览", OVERVIEW_COLUMNS, tuple(rows), note)


def _satisfaction(entry: Entry) -> Value:
    """The clients' satisfaction (percent) once the survey has answers; None before."""
    survey = entry.result.satisfaction if entry.result else None
    return survey.overall.value if survey and survey.overall else None


def _survey_under_way(entry: Entry) -> bool:
    """Whether some drawn places are still open: neither reached nor finally not reached."""
    s = entry.result.satisfaction if entry.result else None
    return s is not None and s.reached + s.not_reached - s.replaced < s.sample_size


def _grade_names(entries: list[Entry]) -> list[str]:
    """Every grade of the schemes in use, highest first."""
    schemes = [_scheme(e.result.scheme if e.result else e.round.scheme) for e in entries]
    grades = {g.name: g.min for scheme in schemes for g in scheme.grades}
    return sorted(grades, key=lambda name: -grades[name])


def grade_bars(entries: list[Entry]) -> tuple[Bar, ...]:
    counts: dict[str, list[int]] = {name: [0, 0] for name in _grade_names(entries)}
    counts |= {SCORES_MISSING: [0, 0], NO_DATA: [0, 0]}
    for e in entries:
        res = e.result
        label = NO_DATA if res is None else (res.grade or SCORES_MISSING)
        counts[label][0 if e.is_midterm else 1] += 1
    return tuple(Bar(label, mid, fin) for label, (mid, fin) in counts.items())


GRADE_COLUMNS = (
    Column("等级"),
    Column("中期评估", "number"),
    Column("末期评估", "number"),
    Column("合计", "number"),
)


def grades(bars: tuple[Bar, ...]) -> Table:
    rows = [row(GRADE_COLUMNS, [b.label, b.midterm, b.final, b.total]) for b in bars]
    midterm, final = sum(b.midterm for b in bars), sum(b.final for b in bars)
    rows.append(row(GRADE_COLUMNS, ["合计", midterm, final, midterm + final]))
    note = "按评估计：同一社工站的中期和末期评估各计一次。一票否决的评估计为最低等级。"
    return Table("grades", "等级分布", "等级分布", GRADE_COLUMNS, tuple(rows), note)


def _indicator_keys(entries: list[Entry]) -> list[tuple[str, str, str]]:
    """(group, indicator, measure) of every station total, grouped, in first-seen order."""
    seen: dict[tuple[str, str], str] = {}
    for e in entries:
        assert e.result is not None
        for i in e.result.indicators:  # the station totals
            seen.setdefault((i.indicator, i.measure), i.group)
    group_order = list(dict.fromkeys(seen.values()))
    keys = [(group, ind, measure) for (ind, measure), group in seen.items()]
    return sorted(keys, key=lambda k: group_order.index(k[0]))


def _heat_cells(result: Digest, keys: list[tuple[str, str, str]]) -> list[Value]:
    found = {(i.indicator, i.measure): i for i in result.indicators}
    values: list[Value] = []
    for _group, indicator, measure in keys:
        i = found.get((indicator, measure))
        if i is None:
            values.append("")  # this station has no such indicator
        else:
            values.append(NO_TARGET if i.completion is None else i.completion)
    return values


def heat(entries: list[Entry]) -> Table:
    """Completion of each station total (合计, 全站) per round: stations × indicators."""
    with_data = [e for e in entries if e.result is not None]
    keys = _indicator_keys(with_data)
    columns = (
        *OVERVIEW_COLUMNS[:3],
        Column("进度线", "percent"),
        *(Column(ind, "percent", group, measure) for group, ind, measure in keys),
    )
    rows = []
    for e in with_data:
        assert e.result is not None
        expected = e.result.expected_progress
        mark = expected if e.is_midterm and expected is not None else Decimal(100)
        cells = _heat_cells(e.result, keys)
        flags = {
            4 + n: "bad" if value < mark else "good"
            for n, value in enumerate(cells)
            if isinstance(value, Decimal)
        }
        rows.append(row(columns, [*_where(e), mark, *cells], flags=flags, round_id=e.round.pk))
    note = (
        "完成率 = 完成量 ÷ 协议量（各片区合计或全站）。低于进度线为红色，达到为绿色；末期评估的进度线为"
        "100%，中期评估为时间进度（考核月数 ÷ 协议月数）。「/」表示无协议量，空白表示该站没有此指标；"
        "尚未上传数据的评估不列入。"
    )
    return Table("indicators", "指标完成情况", "指标完成率", columns, tuple(rows), note)


STAFFING_COLUMNS = (
    *OVERVIEW_COLUMNS[:3],
    Column("协议社工人数", "number"),
    Column("每月均在岗人数", "number"),
    Column("稳岗率", "percent"),
    Column("应到人次", "number"),
    Column("实到人次", "number"),
    Column("缺少人次", "number"),
    Column("从业2年以上占比", "percent"),
    Column("风险"),
)


def _staffing_row(entry: Entry) -> Row | None:
    """The round's staffing figures if any falls short of the scheme's rules, else None."""
    assert entry.result is not None
    st, rules = entry.result.staffing, _scheme(entry.result.scheme).staffing
    share = st.experienced_share
    risks, flags = [], {}
    if st.retention_rate < rules.retention_min:
        risks.append(f"稳岗率低于{plain(rules.retention_min)}%")
        flags[5] = "bad"
    if st.shortfall > 0:
        risks.append(f"累计缺少{plain(st.shortfall)}人次")
        flags[8] = "bad"
    if share is not None and share < rules.experienced_share_min:
        risks.append(f"从业2年以上占比低于{plain(rules.experienced_share_min)}%")
        flags[9] = "bad"
    if not risks:
        return None
    values = [
        *_where(entry),
        entry.result.contract_workers,
        st.continuously_employed,
        st.retention_rate,
        st.required,
        st.actual,
        st.shortfall,
        share,
        "；".join(risks),
    ]
    return row(STAFFING_COLUMNS, values, flags=flags, round_id=entry.round.pk)


def staffing_risks(entries: list[Entry]) -> Table:
    found = (_staffing_row(e) for e in entries if e.result is not None)
    rows = tuple(r for r in found if r is not None)
    note = (
        "列出稳岗率低于方案要求（广州 2023 方案为 80%）、累计缺少人次大于 0，或从业2年以上社工占比"
        "低于方案要求（50%）的评估；不达标的数字标为红色。"
    )
    return Table("staffing", "人员风险", "人员风险", STAFFING_COLUMNS, rows, note)


PROGRESS_COLUMNS = (
    Column("区"),
    Column("社工站", "station"),
    Column("中期总分", "points"),
    Column("中期等级"),
    Column("末期总分", "points"),
    Column("末期等级"),
    Column("总分变化", "change"),
    Column("等级变化"),
)


def _score_grade(entry: Entry) -> tuple[Value, Value]:
    """Total score and grade; None before data, 评分未齐 while scores are missing."""
    res = entry.result
    if res is None:
        return None, None
    score = SCORES_MISSING if res.total_score is None else res.total_score
    return score, res.grade or SCORES_MISSING


def _grade_change(mid: Entry, final: Entry) -> str | None:
    if mid.result is None or final.result is None:
        return None
    if mid.result.grade is None or final.result.grade is None:
        return None
    rank = {g.name: n for n, g in enumerate(_scheme(final.result.scheme).grades)}
    before, after = rank.get(mid.result.grade), rank[final.result.grade]
    if before is None:
        return None
    if before == after:
        return "持平"
    return "提升" if after < before else "下降"


def pairs(entries: list[Entry]) -> list[tuple[Entry, Entry]]:
    """Each final round with the station's latest mid-term round before it."""
    midterms: dict[int, list[Entry]] = {}
    for e in entries:
        if e.is_midterm:
            midterms.setdefault(e.round.station_id, []).append(e)
    found = []
    for final in (e for e in entries if not e.is_midterm):
        earlier = [
            m
            for m in midterms.get(final.round.station_id, [])
            if m.round.fieldwork_date <= final.round.fieldwork_date
        ]
        if earlier:
            found.append((max(earlier, key=lambda m: m.round.fieldwork_date), final))
    return found


def progress(entries: list[Entry]) -> Table:
    rows = []
    for mid, final in pairs(entries):
        (mid_score, mid_grade), (final_score, final_grade) = _score_grade(mid), _score_grade(final)
        change: Value = None
        flags = {}
        if isinstance(mid_score, Decimal) and isinstance(final_score, Decimal):
            change = final_score - mid_score
            flags = {6: "good"} if change > 0 else {6: "bad"} if change < 0 else {}
        values = [
            final.round.station.district.name,
            final.round.station.name,
            mid_score,
            mid_grade,
            final_score,
            final_grade,
            change,
            _grade_change(mid, final),
        ]
        rows.append(row(PROGRESS_COLUMNS, values, flags=flags, round_id=final.round.pk))
    note = "同一社工站既有中期评估又有末期评估时列出；社工站名称链接到末期评估。"
    return Table("progress", "中期与末期对比", "中期与末期", PROGRESS_COLUMNS, tuple(rows), note)


# --- the page -------------------------------------------------------------------------------


def build(user: User | AnonymousUser) -> Dashboard:
    """Every table of the dashboard over the user's rounds; 404 for users who oversee none."""
    scope, entries = entries_for(user)
    return _board(scope, entries)


def _board(scope: str, entries: list[Entry]) -> Dashboard:
    bars = grade_bars(entries)
    tables = (
        overview(entries),
        grades(bars),
        heat(entries),
        staffing_risks(entries),
        progress(entries),
        followup.table(entries),
        rectification.table(entries, timezone.localdate()),
        performance.table(entries),
    )
    counts = {
        "rounds": len(entries),
        "with_data": sum(1 for e in entries if e.result is not None),
        "graded": sum(1 for e in entries if e.result is not None and e.result.grade is not None),
        "vetoed": sum(1 for e in entries if e.result is not None and e.result.vetoes),
        "risks": len(tables[3].rows),
        "pairs": len(tables[4].rows),
        "overdue": sum(_overdue(r) for r in tables[6].rows),
    }
    stations = len({e.round.station_id for e in entries})
    return Dashboard(scope, stations, tables, bars, counts)


def _overdue(row: Row) -> int:
    value = row.cells[4].value  # the 整改跟进 table's 逾期
    return value if isinstance(value, int) else 0


def page_body(user: User | AnonymousUser) -> str:
    """The dashboard's content as HTML: rendered once for each state of what it shows and
    stored (StoredPage), so any process serves it again with one small query and one read.

    What it shows: the scope and each visible round's id, revision (any change to a round's
    inputs or state writes an audit entry), state and station, each station's latest batch
    of records, roster and current round (the follow-up table), on this day, by this code
    (engine.build(web=True): a deploy that changes a rule or a template renders anew)."""
    scope, visible = _visible(user)
    shown = visible.values_list("pk", "revision_id", "state", "station__name")  # type: ignore[misc]  # annotated
    today = timezone.localdate().isoformat()
    # the follow-up table's records and rosters are the stations', not the rounds'
    stations = followup.states(set(visible.values_list("station_id", flat=True)))
    text = json.dumps([engine.build(web=True), today, scope, *shown, stations], ensure_ascii=False)
    key = hashlib.sha256(text.encode()).hexdigest()
    stored = StoredPage.objects.filter(key=key).values_list("body", flat=True).first()
    if stored is not None:
        return stored
    body = render_to_string("web/dashboard_body.html", {"board": build(user)})
    StoredPage.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    StoredPage.objects.bulk_create([StoredPage(key=key, body=body)], ignore_conflicts=True)
    return body
