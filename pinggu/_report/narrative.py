"""The report's sentences that carry figures, worded as the seeds word them.

Fixed wording (principles, stages, section introductions) lives in the Word template; what is
here depends on the data: the team, the scheme's weights and bands, the station's basic facts,
the completion sentence, the grade, the feedback and the closing. Each returns `Text`, whose
numbers the audit can check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .._engine import Result
from .._indicators import IndicatorResult
from .._model import STATION_WIDE, TOTAL, Kind
from .._numbers import HUNDRED, plain
from .._scheme import METRICS, OPERATORS, Scheme
from .._survey import Estimate, Satisfaction
from .marks import (
    Num,
    Text,
    cn_number,
    day,
    from_figure,
    joined,
    month_of,
    number,
    percent,
    points,
    satisfaction,
    share,
)
from .names import station_names
from .tables import compared_nums, indicator_nums
from .team import staff_paragraph

# Groups whose 合计 figures make up the completion sentence, as in the seeds, with every other
# indicator that has a target; the rest (no target) are in 附件1.
PROGRESS_GROUPS = ("兜底服务", "个案服务", "小组服务", "社区活动", "志愿服务")
# How a measure reads in a sentence: (word before the number, unit after it).
MEASURE_WORDS = {
    "接案数": ("接案", "个"),
    "结案数": ("结案", "个"),
    "节数": ("", "节"),
    "个数": ("", "个"),
    "次数": ("", "次"),
}


def experts(result: Result) -> int:
    """The experts at the on-site day: those recorded as present (the method paragraph names
    them, so the count agrees), otherwise the third party's judges."""
    onsite = result.evaluation.onsite
    if onsite is not None and onsite.experts_present:
        return len(set(onsite.experts_present))
    third = result.scheme.parties[0].name
    return len({s.judge for s in result.evaluation.scores if s.party == third})


def team(result: Result) -> Text:
    """'5 位评估专家及 1 名工作人员'."""
    staff = result.evaluation.info.evaluation_staff
    return Text.of(
        number("基本信息·评估专家人数", Decimal(experts(result))),
        "位评估专家",
        *(
            ("及", number("基本信息·评估工作人员人数", Decimal(staff)), "名工作人员")
            if staff
            else ()
        ),
    )


def explanation(scheme: Scheme) -> Text:
    """评估结果说明: the parties' shares and the grade bands, from the scheme."""
    shares = [
        Text.of(
            p.name,
            "占比",
            share(f"方案·{p.name}·占比", p.max_points * HUNDRED / scheme.total_points),
        )
        for p in scheme.parties
    ]
    grades = list(scheme.grades)
    bands = []
    for i, g in enumerate(grades):
        low = number(f"方案·{g.name}·下限", g.min)
        if i == 0:
            bands.append(Text.of(low, "分以上为", g.name))
        elif g.min > 0:
            high = number(f"方案·{grades[i - 1].name}·下限", grades[i - 1].min)
            bands.append(Text.of(low, "分至", high, "分（不含", high, "分）为", g.name))
        else:
            high = number(f"方案·{grades[i - 1].name}·下限", grades[i - 1].min)
            bands.append(Text.of(high, "分以下（不含", high, "分）为", g.name))
    return Text.of(
        "评估总分为",
        number("方案·总分", scheme.total_points),
        "分，其中，",
        joined(shares),
        f"。评估结果由{cn_number(len(scheme.parties))}方评估分数的总和确定。评估等级分为",
        "、".join(g.name for g in grades),
        f"{cn_number(len(grades))}个等级，",
        joined(bands, "，"),
        "。评估中若发现有下列情形之一的，评估结果也确定为",
        grades[-1].name,
        "：",
    )


def veto_rules(scheme: Scheme) -> list[Text]:
    """The veto list under 评估结果说明, with each computed rule's thresholds by kind."""
    out = []
    for i, rule in enumerate(scheme.vetoes, start=1):
        end = "；" if i < len(scheme.vetoes) else "。"
        limits = [(k, rule.threshold(k)) for k in Kind if rule.threshold(k) is not None]
        if not rule.computed or not limits:
            out.append(Text.of(f"（{cn_number(i)}）{rule.title}的", end))
            continue
        if len({v for _, v in limits}) == 1:
            value = limits[0][1]
            assert value is not None
            words = _threshold_words(rule.metric, rule.operator, f"方案·{rule.title}", value)
            said = plain(value) in rule.title  # 「…低于80%」 already states its line
            qualifier = None if said else Text.of("（", *words, "）")
            out.append(Text.of(f"（{cn_number(i)}）{rule.title}的", qualifier, end))
            continue
        parts = [
            Text.of(
                kind.label,
                *_threshold_words(
                    rule.metric, rule.operator, f"方案·{rule.title}·{kind.label}", value
                ),
            )
            for kind, value in limits
            if value is not None
        ]
        out.append(Text.of(f"（{cn_number(i)}）{rule.title}的，其中", joined(parts, "，"), end))
    return out


def _threshold_words(
    metric: str | None, operator: str | None, key: str, value: Decimal
) -> tuple[str | Num, ...]:
    """'累计缺少5人次或以上' for the shortfalls, the metric and comparison otherwise."""
    if metric in ("shortfall", "certified_shortfall") and operator == ">=":
        return ("累计缺少", number(key, value), "人次或以上")
    unit_percent = metric in (
        "personnel_cost_ratio",
        "retention_rate",
        "experienced_share",
        "third_party_share",
    )
    num = percent(key, value) if unit_percent else number(key, value)
    words = {">=": "达到", ">": "超过", "<": "低于", "<=": "不高于"}.get(operator or "", "")
    return (METRICS.get(metric or "", ""), words, num)


def basic_facts(result: Result) -> list[Text]:
    """(一) 社工站基本情况: place, 片区 and 社区, operator, staff by qualification, funding."""
    info = result.evaluation.info
    zones = result.evaluation.zones
    communities = sum(len(z.communities) for z in zones)
    where = Text.of(
        "社工站",
        f"位于{info.address}，" if info.address else "",
        "辖内共有",
        number("基本信息·社区数", Decimal(communities)),
        "个社区，划分为",
        number("基本信息·片区数", Decimal(len(zones))),
        "个服务片区：",
        "；".join(f"{z.name}（{'、'.join(z.communities)}）" for z in zones),
        "。",
    )
    since = (
        Text.of("于", month_of("基本信息·承办起始", info.operator_since), "开始，")
        if info.operator_since
        else None
    )
    operator = Text.of(since, "由", info.operator, "负责运营", _operating_year(result), "。")
    return [Text.of(where, operator), staff_paragraph(result), _contract_sentence(result)]


def _operating_year(result: Result) -> Text | None:
    """「，本考核期为其运营本社工站的第12年」: whole years from 承办起始日期 to the period, plus one."""
    info = result.evaluation.info
    if info.operator_since is None:
        return None
    year = max(0, _years(info.operator_since, info.period_start)) + 1
    return Text.of(
        "，本考核期为其运营本社工站的第", number("基本信息·运营第几年", Decimal(year)), "年"
    )


def _contract_sentence(result: Result) -> Text:
    info = result.evaluation.info
    funding = (
        Text.of(
            "本社工站服务经费为", number("基本信息·协议经费", info.contract_funding_wan), "万元，"
        )
        if info.contract_funding_wan is not None
        else Text.of("本社工站")
    )
    return Text.of(
        funding,
        "项目合同期为",
        day("基本信息·协议开始", info.contract_start),
        "至",
        day("基本信息·协议结束", info.contract_end),
        "。本次考核期为",
        day("基本信息·考核期开始", info.period_start),
        "至",
        day("基本信息·考核期结束", info.period_end),
        "，共",
        number("到岗·考核月数", result.staffing.period_months.value),
        "个月。",
    )


def progress(
    result: Result, source: str = "（以上数据由社工站提供，各项目指标完成情况见附件1）"
) -> list[Text]:
    """(二) 服务进度: the seeds' completion sentence, one clause per indicator, from 合计 rows;
    `source` closes it (where the figures come from and where the detail is)."""
    totals = [r for r in result.indicators if r.zone in (TOTAL, STATION_WIDE)]
    # The seeds' groups, and every other indicator with a target: none is ever left out.
    targeted = {r.indicator for r in totals if r.target is not None}
    rows = [r for r in totals if r.group in PROGRESS_GROUPS or r.indicator in targeted]
    by_indicator: dict[str, list[IndicatorResult]] = {}
    for r in rows:
        by_indicator.setdefault(r.indicator, []).append(r)
    clauses = [_clause(name, items) for name, items in by_indicator.items()]
    if not clauses:
        return []
    return [
        Text.of(
            "社工站共完成",
            joined(clauses, "；"),
            f"。{source}",
        )
    ]


def _clause(name: str, rows: list[IndicatorResult]) -> Text:
    amounts, pcts = [], []
    for i, r in enumerate(rows):
        word, unit = MEASURE_WORDS.get(
            r.measure, ("服务" if i and r.measure == "人次" else "", r.measure)
        )
        _, actual, pct = indicator_nums(r)
        amount = Text.of(word, actual, unit)
        # The 百分比 compares only the 片区 with a target: say how much that is.
        if r.partial and r.completion is not None:
            compared, _ = compared_nums(r)
            amount = Text.of(amount, "（其中有协议量的片区", compared, unit, "）")
        amounts.append(amount)
        if isinstance(pct, Num):
            pcts.append(Text.of(pct))
    text = Text.of(name, joined(amounts))
    if not pcts:
        return Text.of(text, "（协议未设指标量）")
    if len(pcts) == 1:
        return Text.of(text, "，完成协议指标量的", pcts[0])
    return Text.of(text, "，分别完成协议指标量的", joined(pcts, "、", "和"))


def progress_conclusion(result: Result) -> Text:
    """From the figures: which indicators fall short (final) or lag the time (mid-term)."""
    rows = [
        r for r in result.indicators if r.zone in (TOTAL, STATION_WIDE) and r.completion is not None
    ]
    info = result.evaluation.info
    if info.kind is Kind.MIDTERM and result.expected_progress is not None:
        expected = result.expected_progress.value
        floor = expected - result.scheme.progress_tolerance_points
        behind = [r for r in rows if r.completion is not None and r.completion.value < floor]
        head = Text.of(
            "本次考核期为",
            number("到岗·考核月数", result.staffing.period_months.value),
            "个月，协议期为",
            number("基本信息·协议月数", result.contract_months),
            "个月，时间进度为",
            percent("指标·时间进度", expected, formula=result.expected_progress.explain()),
            "。",
        )
        if not behind:
            return Text.of(
                head,
                "从以上数据可知，社工站各项服务指标进度与时间进度基本相符，在服务进度方面整体把握到位。",
            )
        return Text.of(
            head,
            "从以上数据可知，社工站",
            _listed(behind),
            "的完成进度明显落后于时间进度，建议社工站加强进度监测，确保年度指标按期完成。",
        )
    short = [r for r in rows if r.completion is not None and r.completion.value < HUNDRED]
    if not short:
        return Text.of("从以上数据可知，社工站各项服务指标均已完成，在服务进度方面整体把握到位。")
    return Text.of(
        "从以上数据可知，社工站除",
        _listed(short),
        "未能达到协议指标量外，其余指标均已完成。建议社工站加强对相关指标的进度监测，提升服务效能。",
    )


def _listed(rows: list[IndicatorResult]) -> Text:
    items = [
        Text.of(f"{r.indicator}（{r.measure}）", "完成", indicator_nums(r)[2])
        for r in rows
        if r.completion is not None
    ]
    return joined(items)


def grade_sentence(result: Result) -> Text:
    short = station_names(result.evaluation.info).short
    assert result.grade is not None and result.scores.total is not None
    return Text.of(
        "经过评估，",
        short,
        "本次",
        result.evaluation.info.kind.label,
        "的总分为",
        points("评分·总分", result.scores.total.value),
        "分，等级为：",
        result.grade.name,
        "。",
    )


def veto_sentences(result: Result) -> list[Text]:
    if not result.vetoes:
        return []
    fail = result.scheme.grades[-1].name
    lines = [Text.of(f"经核查，存在以下一票否决情形，无论得分多少，评估等级确定为{fail}：")]
    rules = {r.id: r for r in result.scheme.vetoes}
    for i, v in enumerate(result.vetoes, start=1):
        rule = rules[v.rule_id]
        kind = result.evaluation.info.kind
        threshold = rule.threshold(kind)
        if v.figure is not None and rule.metric and rule.operator and threshold is not None:
            # The figure and the line it crosses, as a sentence: the engine's own detail
            # carries its formula (「max(0, 应到 − 实到)」), which a reader of the report
            # does not need.
            unit = v.figure.unit
            line = number(f"方案·否决线·{rule.id}", threshold)
            if unit == "%":
                line = percent(f"方案·否决线·{rule.id}", threshold)
            suffix = "" if unit == "%" else unit
            lines.append(
                Text.of(
                    f"（{i}）{v.rule}：{METRICS[rule.metric]}为",
                    from_figure(f"否决·{rule.id}", v.figure),
                    f"{suffix}，{OPERATORS[rule.operator][1]}{kind.label}的否决线",
                    line,
                    f"{suffix}。",
                )
            )
        else:
            lines.append(
                Text.of(f"（{i}）{v.rule}：{v.detail}" if v.detail else f"（{i}）{v.rule}。")
            )
    return lines


# What the 初稿反馈异议 cell says when every party recorded no objection to the draft.
NO_OBJECTION = ("无", "无异议", "没有异议", "均无异议")


def feedback(result: Result, final: bool = False) -> tuple[Text, Text]:
    """三、评估反馈: on-site, and on the draft only as recorded (初稿反馈异议), never inferred.

    A blank 初稿反馈异议 means no feedback is recorded yet: a draft says it is the draft, a
    final report says the feedback was not recorded.
    """
    info = result.evaluation.info
    short = station_names(info).short
    onsite = (
        Text.of(f"社工站对评估专家提出的意见和建议提出以下异议：{info.onsite_objection}")
        if info.onsite_objection
        else Text.of("社工站表示对评估专家们提出的意见和建议无异议。")
    )
    parties = f"{info.supervisor}、{info.purchaser}、{short}"
    said = info.draft_objection.strip().rstrip("。")
    if said in NO_OBJECTION:
        draft = Text.of(f"经调整，{parties}对评估报告初稿无异议。")
    elif said:
        draft = Text.of(f"对评估报告初稿的异议及处理情况：{info.draft_objection}")
    elif final:
        draft = Text.of(f"{parties}对评估报告初稿的反馈未记录。")
    else:
        draft = Text.of(
            f"本报告为评估报告初稿，将发送给{info.supervisor}及社工站，并由社工站转发给"
            f"{info.purchaser}；各方的反馈意见将在最终报告中写明。"
        )
    return onsite, draft


def closing(result: Result) -> Text:
    """五、结语: the opening sentence, with the years the operator has run the station."""
    info = result.evaluation.info
    years = _years(info.operator_since, info.evaluation_date) if info.operator_since else None
    run = (
        Text.of("已成功运营", number("基本信息·运营年数", Decimal(years)), "年时间，")
        if years
        else Text.of("")
    )
    return Text.of(
        f"{station_names(info).titled}在{info.supervisor}、{info.purchaser}的大力支持下，在{info.operator}的努力下，",
        run,
        "为辖区内的服务对象提供专业的社工服务，关注社区内的不同问题，逐步推进项目开展，推广社工理念，落实社工服务，起到了一定的成效。",
    )


def _years(since: date, until: date) -> int:
    years = until.year - since.year
    return years - 1 if (until.month, until.day) < (since.month, since.day) else years


def survey_sentences(result: Result) -> list[Text]:
    """服务监测: the satisfaction survey as the seeds report it, then per item and per 片区.

    Empty without a survey. 「经对社工站提供的服务对象名册随机抽取100名服务对象进行满意度调查，实际
    联系上98名（其中替补5名），服务对象对社工站的总体满意度为89.4%（95%置信区间85.1%–93.7%）。」
    """
    s, survey = result.satisfaction, result.evaluation.survey
    if s is None or survey is None:
        return []
    drawn = number("满意度·抽取人数", Decimal(s.sample_size))
    if survey.roster_size and s.sample_size >= survey.roster_size:
        who = Text.of("经对社工站提供的服务对象名册中全部", drawn, "名服务对象进行满意度调查，")
    else:
        who = Text.of("经对社工站提供的服务对象名册随机抽取", drawn, "名服务对象进行满意度调查，")
    reached = Text.of("实际联系上", number("满意度·联系上人数", Decimal(s.reached)), "名")
    if s.replaced:
        reached = Text.of(
            reached, "（其中替补", number("满意度·替补人数", Decimal(s.replaced)), "名）"
        )
    if s.overall is None:
        return [Text.of(who, reached, "，尚未取得有效评分。")]
    # In brackets: the share formula's rule and the interval; no interval on too few answers
    # (the scheme's min_interval_answers), nothing in brackets when neither is given.
    notes = []
    if s.formula == "share":
        notes.append(
            Text.of(
                "各题平均分不低于", number("方案·满意度·满意下限", s.satisfied_min), "分即为满意"
            )
        )
    if s.shows_interval(s.overall):
        notes.append(
            Text.of(
                share("方案·满意度·置信水平", s.confidence * HUNDRED),
                "置信区间",
                satisfaction("满意度·总体·下限", s.overall.low),
                "–",
                satisfaction("满意度·总体·上限", s.overall.high),
            )
        )
    brackets = Text.of("（", joined(notes, "，"), "）") if notes else None
    overall = Text.of(
        "服务对象对社工站的总体满意度为",
        _satisfaction("满意度·总体", s.overall, s),
        brackets,
        "。",
    )
    return [Text.of(who, reached, "，", overall), *_survey_details(s)]


def _satisfaction(key: str, e: Estimate, s: Satisfaction) -> Num:
    return satisfaction(key, e.value, f"{e.value}% = {s.formula_text()}（有效回答 {e.n} 名）")


def _survey_details(s: Satisfaction) -> list[Text]:
    """'各题满意度为：问题解决88.2%、…；各片区满意度为：第一片区90.1%、…。'"""
    parts = []
    for label, key, pairs in (("各题", "题目", s.by_item), ("各片区", "片区", s.by_zone)):
        scored = [
            Text.of(name, _satisfaction(f"满意度·{key}·{name}", e, s))
            for name, e in pairs
            if e is not None
        ]
        if scored:
            parts.append(Text.of(f"{label}满意度为：", joined(scored)))
    return [Text.of("其中，", joined(parts, "；"), "。")] if parts else []
