"""What the report says of the on-site records (docs/onsite-rectification.md): how the day went
(the method paragraph, written from the records), the station's self-scores beside the experts',
and what became of the previous round's concerns (a sentence, a table, the supervisor's 整改落实
sentence and the evidence behind a rectification veto).

Every figure is a `Num` under a key of its own (整改·已整改 …), the same wherever it is printed,
so the audit finds and checks each one. Interview summaries are never printed (they may name
people): only how many interviews were held with whom.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from .._engine import Result
from .._model import Kind
from .._numbers import HUNDRED
from .._onsite.model import OnSiteActivity, RectificationItem, RectificationStatus
from .._onsite.results import (
    OnSiteDay,
    RectificationSummary,
    SelfGap,
    is_overdue,
)
from .marks import Num, Text, day, from_figure, joined, mean, number, percent, points, share
from .tables import Cell, Table

RECTIFICATION_TITLE = "上一轮评估意见整改情况"
SELF_TITLE = "社工站自评与评估专家评分比较"
# A gap of at least this share of the dimension's full marks is named in the sentence under
# the self-assessment table (10%: 1 point of 10, 2 of 20).
NOTABLE_GAP_SHARE = Decimal("0.1")
UNMARKED = "未认定"


@dataclass(frozen=True)
class OnSiteContent:
    """The report's blocks from the on-site records; an empty part prints nothing."""

    method: tuple[Text, ...] = ()  # empty: nothing recorded (the style's fixed text instead)
    self_assessment: tuple[Text, ...] = ()
    self_table: Table | None = None
    rectification: tuple[Text, ...] = ()
    rectification_table: Table | None = None
    rectification_summary: tuple[Text, ...] = ()  # the supervisor's 整改落实 sentence


def onsite_content(result: Result) -> OnSiteContent | None:
    """The blocks of one result, or None when it has no on-site records."""
    onsite = result.onsite
    if onsite is None:
        return None
    self_text, self_table = _self_assessment(result, onsite.self_gaps)
    rect = onsite.rectification
    items = result.evaluation.onsite.rectification if result.evaluation.onsite else ()
    return OnSiteContent(
        method=_method(onsite.day),
        self_assessment=self_text,
        self_table=self_table,
        rectification=(_rectification_lead(rect, items),) if rect else (),
        rectification_table=_rectification_table(result, items) if rect else None,
        rectification_summary=(_supervisor_sentence(rect, items, result),) if rect else (),
    )


# ---------------------------------------------------------------------------- method


def _clock(at: time) -> str:
    return f"{at.hour}:{at.minute:02d}"


def _method(day_: OnSiteDay) -> tuple[Text, ...]:
    """「出席本次实地评估的评估专家为：…。实地评估按以下环节进行：」 and a numbered line per 环节,
    the files checked under 查阅资料 and the interviews under 访谈 (a line of their own when the
    agenda has no such 环节)."""
    if not day_.recorded:
        return ()
    files = joined(
        [
            Text.of(
                f"{f.type.value}档案", from_figure(f"实地·抽查档案·{f.type.value}", f.files), "份"
            )
            for f in day_.files_checked
        ]
    )
    talks = joined(
        [
            Text.of(
                c.kind.value,
                from_figure(f"实地·访谈·{c.kind.value}·次数", c.interviews),
                "次（",
                from_figure(f"实地·访谈·{c.kind.value}·人数", c.people),
                "人）",
            )
            for c in day_.interviews
        ]
    )
    extras = {
        OnSiteActivity.DOCUMENTS: Text.of("抽查", files) if day_.files_checked else None,
        OnSiteActivity.INTERVIEW: Text.of("访谈", talks) if day_.interviews else None,
    }
    lines: list[Text] = []
    for item in day_.agenda:
        when = ""
        if item.start is not None:
            end = f"—{_clock(item.end)}" if item.end is not None else ""
            when = f"（{_clock(item.start)}{end}）"
        said = [Text.of(item.note.rstrip("。；;"))] if item.note else []
        extra = extras.pop(item.activity, None)
        if extra is not None:
            said.append(extra)
        body = Text.of("：", joined(said, "，")) if said else None
        lines.append(Text.of(f"{len(lines) + 1}.{item.activity.value}{when}", body, "。"))
    for activity, extra in extras.items():  # recorded, though the agenda has no such 环节
        if extra is not None:
            lines.append(Text.of(f"{len(lines) + 1}.{activity.value}：", extra, "。"))
    experts = "、".join(day_.experts)
    lead = f"出席本次实地评估的评估专家为：{experts}。" if experts else ""
    if lines:
        lead += "实地评估按以下环节进行："
    return (Text.of(lead), *lines) if lead else tuple(lines)


# ---------------------------------------------------------------------------- self-assessment


def _expert_num(result: Result, gap: SelfGap) -> Num | str:
    """The experts' score as the score table prints it (its key), or the zones' mean."""
    party = result.scores.third_party
    if gap.expert is None or party is None:
        return "未评分"
    key = f"评分·{party.party}·{gap.dimension}"
    dim = next((d for d in party.dimensions if d.dimension == gap.dimension), None)
    if gap.zone is not None:
        return points(f"{key}·{gap.zone}·评分", gap.expert.value, gap.expert.explain())
    if dim is not None and dim.per_zone:
        zones = tuple(f"{key}·{z.zone}·评分" for z in dim.zones)
        return mean(f"自评·{gap.dimension}·专家评分", gap.expert.value, zones, gap.expert.explain())
    return points(f"{key}·评分", gap.expert.value, gap.expert.explain())


def _where(gap: SelfGap) -> str:
    return f"{gap.dimension}（{gap.zone}）" if gap.zone else gap.dimension


def _gap_num(gap: SelfGap) -> Num:
    assert gap.gap is not None
    return points(f"自评·{_where(gap)}·差距", gap.gap.value, gap.gap.explain())


def _signed(gap: SelfGap) -> Text | str:
    if gap.gap is None:
        return "/"
    return Text.of("+" if gap.gap.value > 0 else "", _gap_num(gap))


def _self_assessment(
    result: Result, gaps: tuple[SelfGap, ...]
) -> tuple[tuple[Text, ...], Table | None]:
    """A lead sentence, a table (评估内容 / 自评得分 / 专家评分 / 差距) and a sentence naming the
    dimensions whose gap reaches a tenth of their full marks, in the seeds' tone."""
    if not gaps:
        return (), None
    table = _self_table(result, gaps)
    lead = Text.of("社工站在实地评估前报送了自评报告，自评得分与评估专家评分的比较见下表。")
    scored = [(g, g.gap.value) for g in gaps if g.gap is not None]
    if not scored:
        return (lead,), table
    party = result.scores.third_party
    scales = {d.dimension: d.scale for d in party.dimensions} if party else {}
    notable = [
        (g, v) for g, v in scored if abs(v) >= NOTABLE_GAP_SHARE * scales.get(g.dimension, HUNDRED)
    ]
    if not notable:
        return (lead, _no_notable_gap(all(v > 0 for _, v in scored))), table
    return (
        lead,
        _notable_gaps([g for g, v in notable if v > 0], [g for g, v in notable if v < 0]),
    ), table


def _self_table(result: Result, gaps: tuple[SelfGap, ...]) -> Table:
    rows: list[tuple[Cell | None, ...]] = [
        tuple(
            Cell(h, header=True) for h in ("评估内容", "自评得分", "专家评分", "差距（自评−专家）")
        )
    ]
    for gap in gaps:
        own = points(f"自评·{_where(gap)}·自评得分", gap.self_score)
        rows.append(
            (Cell(_where(gap)), Cell(own), Cell(_expert_num(result, gap)), Cell(_signed(gap)))
        )
    note = Text.of("注：得分按各评估内容的评分满分计；差距为正表示自评高于专家评分。")
    return Table(SELF_TITLE, tuple(rows), 1, (5.4, 3.0, 3.0, 3.6), (note,))


def _no_notable_gap(all_higher: bool) -> Text:
    """No gap reaches a tenth of the full marks: slightly higher throughout, or in line."""
    if all_higher:
        limit = share("自评·明显差距占满分", NOTABLE_GAP_SHARE * HUNDRED)
        return Text.of(
            "社工站各项自评得分均略高于专家评分，差距均在各项满分的",
            limit,
            "以内，自评较为客观。",
        )
    return Text.of("社工站各项自评得分与评估专家评分基本一致，能够较为客观地认识自身的服务情况。")


def _notable_gaps(higher: list[SelfGap], lower: list[SelfGap]) -> Text:
    """The dimensions scored notably higher, then lower, by the station, and the advice."""
    parts = []
    if higher:
        named = joined([Text.of(_where(g), "（高", _gap_num(g), "分）") for g in higher])
        parts.append(Text.of("自评得分明显高于专家评分的是", named))
    if lower:
        named = joined([Text.of(_where(g), "（低", _abs_gap(g), "分）") for g in lower])
        parts.append(Text.of("明显低于专家评分的是", named))
    advice = (
        "建议社工站对照评估指标逐项客观自评，准确认识服务中的不足"
        if higher
        else "社工站对自身的要求较为严格，可在自评报告中更充分地呈现服务成效"
    )
    return Text.of(joined(parts, "；"), "。", advice, "。")


def _abs_gap(gap: SelfGap) -> Num:
    """A negative gap printed without its sign after 「低」: its own key (自评·…·差距绝对值)."""
    assert gap.gap is not None
    return points(f"自评·{_where(gap)}·差距绝对值", abs(gap.gap.value), gap.gap.explain())


# ---------------------------------------------------------------------------- rectification


def _raised(items: tuple[RectificationItem, ...]) -> str:
    """Which earlier round raised the concerns: 中期评估, 上一年度末期评估, or 上一轮评估 for both."""
    kinds = {i.raised_kind for i in items}
    if kinds == {Kind.MIDTERM.value}:
        return "中期评估"
    if kinds == {Kind.FINAL.value}:
        return "上一年度末期评估"
    return "上一轮评估"


def _counts(s: RectificationSummary) -> dict[str, Num]:
    return {
        "条数": from_figure("整改·意见条数", s.items),
        "已整改": from_figure("整改·已整改", s.done),
        "部分整改": from_figure("整改·部分整改", s.partial),
        "未整改": from_figure("整改·未整改", s.not_done),
        UNMARKED: from_figure("整改·未认定", s.unmarked),
        "逾期": from_figure("整改·已过期限", s.overdue),
        "整改率": percent(
            "整改·整改率",
            s.share_rectified.value,
            ("整改·已整改", "整改·意见条数"),
            s.share_rectified.explain(),
        ),
    }


def _status_counts(s: RectificationSummary, n: dict[str, Num]) -> Text:
    """「已整改3条、部分整改1条、未整改1条」 (and 「尚未认定1条」 when some are unmarked)."""
    parts = [
        Text.of(label, n[label], "条")
        for label in ("已整改", "部分整改", "未整改")
        if s.count(RectificationStatus(label)).value
    ]
    if s.unmarked.value:
        parts.append(Text.of("尚未认定整改情况", n[UNMARKED], "条"))
    return joined(parts)


def _rectification_lead(s: RectificationSummary, items: tuple[RectificationItem, ...]) -> Text:
    """「中期评估提出的5条需要关注的意见，逐条整改情况见下表。」: the counts by status and the
    整改率 are the supervisor's 整改落实 sentence's (both styles print it), never said twice."""
    count = from_figure("整改·意见条数", s.items)
    return Text.of(f"{_raised(items)}提出的", count, "条需要关注的意见，逐条整改情况见下表。")


def _due_num(item: RectificationItem) -> Num | str:
    return day(f"整改·第{item.number}条·整改期限", item.due) if item.due is not None else "未设"


def _rectification_table(result: Result, items: tuple[RectificationItem, ...]) -> Table:
    fieldwork = result.evaluation.info.evaluation_date
    head = ("序号", "部分/片区", "意见", "整改期限", "整改措施", "整改情况", "说明")
    rows: list[tuple[Cell | None, ...]] = [tuple(Cell(h, header=True) for h in head)]
    for item in sorted(items, key=lambda i: i.number):
        status = item.status.value if item.status is not None else UNMARKED
        if is_overdue(item, fieldwork):
            status += "（已过整改期限）"
        where = f"{item.section}（{item.zone}）" if item.zone else item.section
        rows.append(
            (
                Cell(str(item.number)),
                Cell(where),
                Cell(item.concern),
                Cell(_due_num(item)),
                Cell(item.response or "—"),
                Cell(status),
                Cell(item.note or "—"),
            )
        )
    rules = result.scheme.rectification
    due_rule = None
    if rules is not None:
        days = number("方案·整改期限工作日数", Decimal(rules.due_working_days))
        example = "（评估方案的示例期限，各区应以本区要求替换）" if rules.example else ""
        due_rule = Text.of("整改期限一般为报告出具后的第", days, f"个工作日{example}；")
    note = Text.of(
        "注：",
        due_rule,
        "整改率 = 已整改条数 ÷ 意见条数 × 100%；“已过整改期限”指整改期限早于本次评估日期",
        "而未认定为已整改。",
    )
    widths = (0.9, 1.8, 3.8, 2.0, 3.0, 1.9, 2.3)
    return Table(RECTIFICATION_TITLE, tuple(rows), 1, widths, (note,))


def _supervisor_sentence(
    s: RectificationSummary, items: tuple[RectificationItem, ...], result: Result
) -> Text:
    """The 整改落实 picture in the supervisor's section, as seeds 002 and 004 word it."""
    n = _counts(s)
    raised = _raised(items)
    if s.done.value == s.items.value:
        return Text.of(
            f"从整改落实情况看，社工站重视{raised}提出的意见，",
            n["条数"],
            "条需要关注的意见均已整改。",
        )
    head = Text.of(
        f"从整改落实情况看，{raised}提出需要关注的意见",
        n["条数"],
        "条，社工站",
        _status_counts(s, n),
        "，整改率为",
        n["整改率"],
        "。",
    )
    fieldwork = result.evaluation.info.evaluation_date
    pending = [
        i
        for i in items
        if i.status is RectificationStatus.NOT_DONE and not is_overdue(i, fieldwork)
    ]
    said: list[Text] = []
    if s.overdue.value:
        said.append(Text.of("其中", n["逾期"], "条已过整改期限仍未整改到位"))
    if pending:
        dues = joined([Text.of(_due_num(i)) for i in pending if i.due is not None])
        within = Text.of("（整改期限为", dues, "）") if dues.parts else None
        said.append(Text.of("未整改的意见尚在整改期限内", within))
    if s.overdue.value:
        advice = "建议社工站限期落实整改，并报送整改情况。"
    elif pending:
        advice = "建议社工站按期落实整改。"
    else:
        advice = "建议社工站对部分整改的意见继续跟进，确保整改到位。"
    return Text.of(head, joined(said, "；"), "，" if said else "", advice)


def veto_evidence(result: Result, lines: list[Text]) -> list[Text]:
    """The veto lines, each rectification veto (限期内整改不及时、不到位; computed from the items
    or declared) followed by the items it rests on: those not 已整改, with status and 期限."""
    onsite = result.evaluation.onsite
    items = [
        i
        for i in (onsite.rectification if onsite else ())
        if i.status is not RectificationStatus.DONE
    ]
    rules = {r.id: r for r in result.scheme.vetoes}
    if not result.vetoes or not items:
        return lines
    out = [lines[0]]  # the heading line
    fieldwork = result.evaluation.info.evaluation_date
    for veto, line in zip(result.vetoes, lines[1:], strict=True):
        out.append(line)
        rule = rules[veto.rule_id]
        if rule.id != "rectification" and rule.metric != "overdue_unrectified":
            continue
        listed = [
            Text.of(
                f"第{i.number}条「{i.concern.rstrip('。')}」",
                i.status.value if i.status is not None else UNMARKED,
                Text.of("，整改期限为", _due_num(i)) if i.due is not None else None,
                "（已过期限）" if is_overdue(i, fieldwork) else "",
            )
            for i in sorted(items, key=lambda i: i.number)
        ]
        out.append(Text.of(f"依据（{RECTIFICATION_TITLE}）：", joined(listed, "；"), "。"))
    return out
