"""Reads the optional on-site sheets (`onsite_sheets`) of an evaluation workbook into the
self-assessment, rectification and on-site day parts of `OnSite`.

Checked like every sheet, all or nothing, each problem at its row and column: a dimension the
third party does not score, a self-score above its full marks, a 片区 the workbook does not have,
a 整改情况 that is not one of the three marks, a time that does not exist or ends before it
starts, and a 本轮意见 or 相关意见 that is not a finding of this round's 意见 sheet (the report
would have nothing to open with 「与中期评估意见一致」).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from decimal import Decimal

from .._model import Finding, FindingKind, Kind
from .._numbers import plain
from .._onsite.model import (
    AgendaItem,
    Interview,
    Interviewee,
    OnSite,
    OnSiteActivity,
    RectificationItem,
    RectificationStatus,
    SelfScore,
)
from .._sheets.cells import either, find, key, quoted
from .._sheets.tables import Found, Row, Rows, data_rows, earlier_row, named_sheets
from .context import Context
from .onsite_sheets import (
    AGENDA,
    EXPERT_SEPARATORS,
    INTERVIEWS,
    ONSITE_SHEETS,
    RECTIFICATION,
    SELF_SCORES,
)
from .table_sheets import section_of, zone_for


def onsite_records(
    sheets: Mapping[str, Rows], ctx: Context, findings: tuple[Finding, ...]
) -> OnSite | None:
    """The on-site parts the workbook records; None when it has none of the sheets' rows."""
    found = named_sheets(sheets, [spec.name for spec in ONSITE_SHEETS], ctx)
    agenda, experts = _agenda(found.get(AGENDA.name), ctx)
    onsite = OnSite(
        self_scores=_self_scores(found.get(SELF_SCORES.name), ctx),
        rectification=_rectification(found.get(RECTIFICATION.name), ctx, findings),
        agenda=agenda,
        interviews=_interviews(found.get(INTERVIEWS.name), ctx, findings),
        experts_present=experts,
    )
    return None if onsite == OnSite() else onsite


# ------------------------------------------------------------------------ 自评


def _self_scores(found: Found | None, ctx: Context) -> tuple[SelfScore, ...]:
    party = ctx.scheme.third_party
    result: list[SelfScore] = []
    seen: dict[tuple[str, str | None], int] = {}
    for row in data_rows(found, SELF_SCORES, ctx) or []:
        text = row.get("评估内容", str)
        if text is None or party is None:
            continue
        dimension = find(text, party.dimensions, lambda d: (d.name,))
        if dimension is None:
            names = either(quoted([d.name for d in party.dimensions]))
            ctx.flag(row, "评估内容", f"未知的评估内容「{text}」；自评的评估内容应为{names}")
            continue
        zone, ok = None, True
        if row.get("片区", str) is not None or not dimension.per_zone:
            ok, zone = zone_for(ctx, row, dimension.per_zone, dimension.name)
        score = row.get("自评得分", Decimal)
        if score is not None and score > dimension.scale:
            top = plain(dimension.scale)
            message = (
                f"自评得分应在 0 到 {top} 之间（「{dimension.name}」满分 {top} 分），"
                f"实为 {plain(score)}"
            )
            ctx.flag(row, "自评得分", message)
            ok = False
        if not ok or row.failed or score is None:
            continue
        earlier = earlier_row(seen, (dimension.name, zone), row)
        if earlier is not None:
            what = f"「{dimension.name}」" + (f"（{zone}）" if zone else "")
            ctx.flag(row, "评估内容", f"与第 {earlier} 行重复：{what}只能有一个自评得分")
            continue
        result.append(SelfScore(dimension.name, zone, score))
    return tuple(result)


# ------------------------------------------------------------------------ 整改跟进


def _raised_kind(ctx: Context, row: Row) -> tuple[str, str] | None:
    """(提出于 as written, "midterm"/"final"), or None (reported) when it names neither."""
    text = row.get("提出于", str)
    if text is None:
        return None
    kinds = [k for k in Kind if k.label.removesuffix("评估") in text]
    if len(kinds) != 1:
        message = f"应写明提出意见的是中期评估还是末期评估，如「2024年度中期评估」，实为「{text}」"
        ctx.flag(row, "提出于", message)
        return None
    return text, kinds[0].value


def _this_rounds(
    ctx: Context, row: Row, column: str, findings: tuple[Finding, ...], concerns_only: bool
) -> str | None:
    """The text of the finding of this round a cell names (spaces and width aside); "" for an
    empty cell; None (reported) when 意见 has no such finding."""
    text = row.get(column, str)
    if text is None:
        return ""
    wanted = [f for f in findings if not concerns_only or f.kind is FindingKind.CONCERN]
    match = next((f.text for f in wanted if key(f.text) == key(text)), None)
    if match is None:
        what = "一条需要关注的意见" if concerns_only else "一条意见"
        ctx.flag(row, column, f"应为「意见」表中{what}的原文（逐字相同），实为「{text}」")
    return match


def _rectification(
    found: Found | None, ctx: Context, findings: tuple[Finding, ...]
) -> tuple[RectificationItem, ...]:
    result: list[RectificationItem] = []
    seen: dict[int, int] = {}
    statuses = {s.value: s for s in RectificationStatus}
    for row in data_rows(found, RECTIFICATION, ctx) or []:
        section = section_of(ctx, row)
        ok, zone = zone_for(ctx, row, section.per_zone, section.name) if section else (False, None)
        raised = _raised_kind(ctx, row)
        repeated = _this_rounds(ctx, row, "本轮意见", findings, concerns_only=True)
        number, concern = row.get("序号", int), row.get("意见", str)
        if number is not None and number < 1:
            ctx.flag(row, "序号", f"应为不小于 1 的整数，实为 {number}")
            ok = False
        elif number is not None and (earlier := earlier_row(seen, number, row)) is not None:
            ctx.flag(row, "序号", f"序号 {number} 与第 {earlier} 行重复")
            ok = False
        status = statuses.get(row.get("整改情况", str) or "")
        if repeated and status is RectificationStatus.DONE:
            # The report would open the concern 「与中期评估意见一致，」 beside 「已整改」 in the
            # table: the web workspace refuses the same pair (docs/onsite-rectification.md).
            message = "已列为本轮需要关注的意见，「整改情况」只能为部分整改或未整改，实为「已整改」"
            ctx.flag(row, "本轮意见", message)
            continue
        if not ok or row.failed or section is None or raised is None or repeated is None:
            continue
        if number is None or concern is None:
            continue
        result.append(
            RectificationItem(
                number=number,
                section=section.name,
                zone=zone,
                concern=concern,
                raised_in=raised[0],
                raised_kind=raised[1],
                due=row.get("整改期限", date),
                response=row.get("整改措施", str) or "",
                status=status,
                note=row.get("说明", str) or "",
                repeated_as=repeated,
            )
        )
    return tuple(sorted(result, key=lambda i: i.number))


# ------------------------------------------------------------------------ 实地评估安排


def _agenda(found: Found | None, ctx: Context) -> tuple[tuple[AgendaItem, ...], tuple[str, ...]]:
    items: list[AgendaItem] = []
    experts: list[str] = []
    activities = {a.value: a for a in OnSiteActivity}
    for row in data_rows(found, AGENDA, ctx) or []:
        start, end = row.get("开始", time), row.get("结束", time)
        if start is not None and end is not None and end < start:
            message = f"结束时间 {end:%H:%M} 早于开始时间 {start:%H:%M}"
            ctx.flag(row, "结束", message)
            continue
        for name in _split(row.get("出席专家", str) or ""):
            if name not in experts:
                experts.append(name)
        activity = activities.get(row.get("环节", str) or "")
        note = row.get("说明", str) or ""
        if activity is None and not row.failed and (start or end or note):
            choices = either(quoted(list(activities)))
            ctx.flag(row, "环节", f"填写了时间或说明的行必须填写环节，应为{choices}")
            continue
        if activity is not None and not row.failed:
            items.append(AgendaItem(activity, start, end, note))
    return tuple(items), tuple(experts)


def _split(text: str) -> list[str]:
    for separator in EXPERT_SEPARATORS[1:]:
        text = text.replace(separator, EXPERT_SEPARATORS[0])
    return [name.strip() for name in text.split(EXPERT_SEPARATORS[0]) if name.strip()]


# ------------------------------------------------------------------------ 访谈记录


def _interviews(
    found: Found | None, ctx: Context, findings: tuple[Finding, ...]
) -> tuple[Interview, ...]:
    result: list[Interview] = []
    kinds = {i.value: i for i in Interviewee}
    for row in data_rows(found, INTERVIEWS, ctx) or []:
        people = row.get("人数", int)
        if people is not None and people < 1:
            ctx.flag(row, "人数", f"应为至少 1 人，实为 {people}")
            continue
        finding = _this_rounds(ctx, row, "相关意见", findings, concerns_only=False)
        kind, who = kinds.get(row.get("对象类型", str) or ""), row.get("对象", str)
        if row.failed or finding is None or kind is None or who is None or people is None:
            continue
        result.append(
            Interview(
                kind=kind,
                who=who,
                people=people,
                at=row.get("时间", time),
                summary=row.get("内容", str) or "",
                finding=finding,
            )
        )
    return tuple(result)
