"""What the data says in each findings section, and a sentence where nobody raised anything.

A real report never prints an empty heading or 「（无）」: each party's section opens with its
score, 服务成效 with the completion picture, and a list nobody filled says so in a sentence
(「本次评估购买方没有提出需要关注的地方。」). These are facts, not drafts: they are added to the
report whether or not drafts are, and the web workspace's findings page does not list them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .._engine import Result
from .._model import CLOSING, STATION_WIDE, TOTAL, Kind
from .._numbers import HUNDRED
from .findings import MONITORING_GROUPS, FindingItem, SectionFindings, ZoneFindings
from .marks import Text, day, joined, number, points
from .tables import indicator_nums

STRENGTHS, CONCERNS = "值得肯定", "需要关注"


def with_facts(result: Result, sections: dict[str, SectionFindings]) -> dict[str, SectionFindings]:
    parties = {p.name for p in result.scheme.parties[1:]}  # the first is the third party
    out = {}
    for name, s in sections.items():
        if name == CLOSING:  # 结语's suggestions are a list of their own, never 「没有提出…」
            out[name] = s
            continue
        strengths, concerns = list(s.strengths), list(s.concerns)
        if name in parties:
            score = _party_score(result, name)
            if score is not None:
                good, text = score
                (strengths if good else concerns).insert(0, FindingItem(text))
        elif name == "服务成效":
            picture = _completion_picture(result)
            if picture is not None:
                strengths.insert(0, FindingItem(picture))
        elif name == "服务监测":
            built = _community_building(result)
            if built is not None:
                strengths.insert(0, FindingItem(built))
        who = f"本次评估{name}" if name in parties else f"本次评估在{name}方面"
        zones = tuple(
            replace(
                z,
                strengths=z.strengths or (_nothing(f"本次评估{z.zone}", STRENGTHS),),
                concerns=z.concerns or (_nothing(f"本次评估{z.zone}", CONCERNS),),
            )
            for z in s.zones
        )
        out[name] = SectionFindings(
            name,
            tuple(strengths) or _none_unless_zoned(zones, who, STRENGTHS),
            tuple(concerns) or _none_unless_zoned(zones, who, CONCERNS),
            zones,
        )
    return out


def _nothing(who: str, what: str) -> FindingItem:
    return FindingItem(Text.of(f"{who}没有提出{what}的地方。"), nothing=True)


def _none_unless_zoned(
    zones: tuple[ZoneFindings, ...], who: str, what: str
) -> tuple[FindingItem, ...]:
    """A section printed by 片区 says nothing at its own level (its 片区 do)."""
    return () if zones else (_nothing(who, what),)


def _party_score(result: Result, party_name: str) -> tuple[bool, Text] | None:
    """「购买方对社工站的评分为18.50分（标准分20分）」, good when its share makes a top-two grade."""
    party = next((p for p in result.scores.parties if p.party == party_name), None)
    if party is None or party.score is None:
        return None
    if len(party.dimensions) == 1:
        dim = party.dimensions[0]
        if dim.weighted_score is None:
            return None
        key = f"评分·{party.party}·{dim.dimension}"
        got = points(f"{key}·折算分", dim.weighted_score.value)
        of = number(f"{key}·标准分", dim.max_points)
    else:
        got = points(f"评分·{party.party}·得分", party.score.value)
        of = number(f"评分·{party.party}·标准分", party.max_points)
    scheme = result.scheme
    as_total = got.value * scheme.total_points / party.max_points
    good = scheme.grades.index(scheme.grade_for(as_total)) <= 1
    head = Text.of(f"{party_name}对社工站的评分为", got, "分（标准分", of, "分）")
    if good:
        return True, Text.of(head, "，对社工站的工作总体认可。")
    return False, Text.of(
        head, f"，评分偏低。建议社工站加强与{party_name}的沟通，逐项回应其关注的问题。"
    )


def _community_building(result: Result) -> Text | None:
    """「截至2024年4月30日，社工站新增志愿者151名、…、社区基金培育9个」: 服务监测's figures."""
    rows = [
        r
        for r in result.indicators
        if r.zone in (TOTAL, STATION_WIDE) and r.group in MONITORING_GROUPS
    ]
    if not rows:
        return None
    parts = [Text.of(r.indicator, indicator_nums(r)[1], r.measure) for r in rows]
    return Text.of(
        "截至",
        day("基本信息·考核期结束", result.evaluation.info.period_end),
        "，社工站",
        joined(parts),
        "。",
    )


def _completion_picture(result: Result) -> Text | None:
    """「有协议指标量的24项指标中，21项达到协议指标量」, from the totals (时间进度 at mid-term)."""
    rows = [
        r for r in result.indicators if r.zone in (TOTAL, STATION_WIDE) and r.completion is not None
    ]
    if not rows:
        return None
    if result.evaluation.info.kind is Kind.MIDTERM and result.expected_progress is not None:
        line = result.expected_progress.value - result.scheme.progress_tolerance_points
        reached = "项达到时间进度"
    else:
        line, reached = HUNDRED, "项达到协议指标量"
    done = sum(1 for r in rows if r.completion is not None and r.completion.value >= line)
    return Text.of(
        "从服务指标看，社工站有协议指标量的",
        number("指标·有协议量项数", Decimal(len(rows))),
        "项指标中，",
        number("指标·达到要求项数", Decimal(done)),
        reached,
        "，各项完成情况见附件1。",
    )
