"""Warnings: what an evaluator should look at that is not a veto.

Each warning has a stable code (for the web app and tests) and a Chinese message with its
figures. The codes are documented in docs/warnings.md, kept in step by a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from ._contacts.model import FollowUpResult
from ._indicators import IndicatorResult
from ._keys import name_key, similar_worker_ids, worker_key
from ._model import STATION_WIDE, TOTAL, AttendanceRow, ImportNote, IndicatorRow, Kind, Month
from ._numbers import plain
from ._scheme import Scheme
from ._scoring import Scores
from ._staffing import MonthStaffing, StaffingResult
from ._vetoes import VetoCheck

CODES: dict[str, str] = {
    "month_short": "有月份社工实到少于应到",
    "certified_month_short": "有月份持证社工实到少于应到",
    "below_target": "末期评估：指标完成率低于 100%",
    "below_progress": "中期评估：指标完成率明显低于时间进度",
    "unknown_indicator": "指标名称不在指标目录中（也不是目录中的别名），归入「其他」",
    "partial_target": "部分片区无协议量：合计的完成率只比较有协议量的片区，其余片区的完成量另计",
    "implausible_figure": "指标的完成量、协议量或完成率超出方案的合理范围，请核对是否填错",
    "insurance_missing": "全月在岗但未缴社保且无备注",
    "salary_missing": "全月在岗但未发工资且无备注",
    "retention_low": "稳岗率低于要求",
    "experienced_low": "从业2年以上社工人次占比低于要求",
    "training_low": "继续教育时数未达要求",
    "excluded_position": "有保洁、安保等非社工岗位人员，未计入社工",
    "month_over_required": "有月份社工实到超过应到，超出多于方案允许的容差",
    "worker_two_ids": "同一姓名出现在两个以上人员编号下",
    "worker_month_twice": "同一姓名在同一月份出现两次",
    "worker_id_similar": "两个人员编号只差前缀或前导零（如 5 与 SG05），按两人计算",
    "veto_unchecked": "计算型否决情形缺少数据，未能判断",
    "scores_missing": "评分未齐，总分和等级暂不能确定",
    "sheet_total_mismatch": "现场格式的表中自带的小计、合计或百分比与按数据算出的不符",
    "layout_not_read": "现场格式的表中有不作为数据读取、也无法核对的行或列",
    "read_notice": "读取工作簿时的说明：合并单元格逐行读取、忽略的列、跳过的标题行",
    "contact_count_differs": "指标表填写的电访、入户探访完成量与服务记录计得的人次不同",
    "filing_count_differs": "指标表填写的困难群众和特殊群体建档完成量与服务对象名册的人数或户数不同",
    "file_count_differs": "档案清单的份数与其对应指标的完成量不同（docs/onsite.md）",
    "rectified_concern_repeated": "上一轮评为已整改的意见，本轮又原文提出（同一部分、同一片区）",
    "contact_schedule_example": "跟进情况按方案中的示例频次评判，各区应以本区的要求替换",
}


@dataclass(frozen=True)
class ResultWarning:
    code: str
    message: str


def note_warnings(notes: Iterable[ImportNote]) -> list[ResultWarning]:
    """What reading the workbook noticed (docs/layouts.md), as warnings."""
    return [_w(note.code, note.message) for note in notes]


def _w(code: str, message: str) -> ResultWarning:
    assert code in CODES, code
    return ResultWarning(code, message)


def warning(code: str, message: str) -> ResultWarning:
    """A warning of a registered code, for the modules that check their own data (pinggu._onsite)."""
    return _w(code, message)


def staffing_warnings(staffing: StaffingResult, scheme: Scheme) -> list[ResultWarning]:
    out = []
    checks: tuple[tuple[str, str, Callable[[MonthStaffing], tuple[Decimal, Decimal]]], ...] = (
        ("month_short", "社工", lambda m: (m.required, m.actual)),
        ("certified_month_short", "持证社工", lambda m: (m.certified_required, m.certified_actual)),
    )
    for code, who, pick in checks:
        short = [(m.month, *pick(m)) for m in staffing.months]
        listed = [
            f"{month}（应到 {plain(req)}，实到 {plain(act)}）"
            for month, req, act in short
            if act < req
        ]
        if listed:
            out.append(_w(code, f"{who}到岗不足的月份：{'；'.join(listed)}"))
    rules = scheme.staffing
    out += _over_required(staffing, rules.month_surplus_tolerance)
    if staffing.retention_rate.value < rules.retention_min:
        out.append(
            _w(
                "retention_low",
                _below("稳岗率", staffing.retention_rate.value, rules.retention_min),
            )
        )
    share = staffing.experienced_share
    if share is not None and share.value < rules.experienced_share_min:
        out.append(
            _w(
                "experienced_low",
                _below("从业2年以上社工人次占比", share.value, rules.experienced_share_min),
            )
        )
    if staffing.training_ratio is not None and staffing.training_ratio.value < 100:
        out.append(
            _w(
                "training_low",
                f"继续教育完成比例为 {staffing.training_ratio.value}%，未达到要求时数",
            )
        )
    if staffing.excluded:
        names = "、".join(staffing.excluded)
        out.append(
            _w(
                "excluded_position",
                f"以下人员岗位不属社工，未计入到岗人次：{names}；如占用社工名额，请认定相应否决情形",
            )
        )
    return out


def _over_required(staffing: StaffingResult, tolerance: Decimal) -> list[ResultWarning]:
    """Months whose 实到 passes 应到 by more than the scheme allows: most often one person
    entered twice (under a second ID) or a month pasted twice, which no other check sees."""
    over = [
        f"{m.month}（应到 {plain(m.required)}，实到 {plain(m.actual)}）"
        for m in staffing.months
        if m.actual - m.required > tolerance
    ]
    if not over:
        return []
    message = (
        f"社工实到超过应到 {plain(tolerance)} 人次以上的月份：{'；'.join(over)}；"
        "请核对是否有人员重复填写（如同一人用了两个编号，或某月的行粘贴了两次）"
    )
    return [_w("month_over_required", message)]


def worker_warnings(rows: tuple[AttendanceRow, ...]) -> list[ResultWarning]:
    """One person under two IDs, the same name twice in a month, and IDs that differ only by a
    prefix or leading zeros (5 and SG05): each may count one person's months twice
    (docs/keys.md). Names are compared by `name_key`, IDs by `worker_key`."""
    names: dict[str, str] = {}  # name key -> the name as first written
    ids: dict[str, dict[str, str]] = {}  # name key -> {id key: id}
    in_month: dict[tuple[str, Month], list[str]] = {}  # (name key, month) -> ids
    for r in rows:
        person = name_key(r.name)
        names.setdefault(person, r.name)
        ids.setdefault(person, {}).setdefault(worker_key(r.worker_id), r.worker_id)
        in_month.setdefault((person, r.month), []).append(r.worker_id)
    out = []
    two = [f"{names[p]}（{'、'.join(i.values())}）" for p, i in ids.items() if len(i) > 1]
    if two:
        message = (
            f"同一姓名出现在不同人员编号下：{'；'.join(two)}；"
            "如是同一人，请统一编号，否则按两人计算（稳岗率、到岗人次可能有误）"
        )
        out.append(_w("worker_two_ids", message))
    twice = [f"{names[p]} {m}（{'、'.join(i)}）" for (p, m), i in in_month.items() if len(i) > 1]
    if twice:
        message = f"同一姓名在同一月份出现两次：{'；'.join(twice)}；如是同一人，该月到岗被重复计算"
        out.append(_w("worker_month_twice", message))
    pairs = similar_worker_ids([r.worker_id for r in rows])
    if pairs:
        listed = "；".join(f"「{a}」与「{b}」" for a, b in pairs)
        message = f"人员编号 {listed} 只差前缀或前导零，按两人计算；如是同一人，请统一编号"
        out.append(_w("worker_id_similar", message))
    return out


def _below(what: str, value: Decimal, minimum: Decimal) -> str:
    return f"{what}为 {value:.2f}%，未达到不低于 {minimum:.2f}% 的要求"


def pay_warnings(rows: tuple[AttendanceRow, ...], scheme: Scheme) -> list[ResultWarning]:
    """Full months in post without social insurance or salary, and no note explaining why."""
    out = []
    counted = [r for r in rows if not scheme.staffing.excludes(r.position)]
    checks: tuple[tuple[str, str, Callable[[AttendanceRow], bool]], ...] = (
        ("insurance_missing", "未缴社保", lambda r: not r.insured),
        ("salary_missing", "未发工资", lambda r: not r.paid),
    )
    for code, what, missing in checks:
        hits = [
            f"{r.name} {r.month}"
            for r in counted
            if r.value == 1 and missing(r) and not r.note.strip()
        ]
        if hits:
            out.append(_w(code, f"全月在岗但{what}且无备注：{'、'.join(hits)}"))
    return out


def indicator_warnings(
    indicators: tuple[IndicatorResult, ...], kind: Kind, expected: Decimal | None, scheme: Scheme
) -> list[ResultWarning]:
    out = []
    for r in indicators:
        if r.completion is None:
            continue
        label = _completion_label(r)
        if kind is Kind.FINAL and r.completion.value < 100:
            out.append(_w("below_target", f"{label}，未完成协议指标"))
        if kind is Kind.MIDTERM and expected is not None:
            floor = expected - scheme.progress_tolerance_points
            if r.completion.value < floor:
                out.append(
                    _w(
                        "below_progress",
                        f"{label}，低于时间进度 {expected}%（容差 {plain(scheme.progress_tolerance_points)} 个百分点）",
                    )
                )
    return out


def _completion_label(r: IndicatorResult) -> str:
    """「入户探访（人次）合计完成 703，协议量 670，完成率 104.93%」; a partial 合计 names what
    it compares and what it leaves beside."""
    assert r.completion is not None and r.target is not None
    name = f"{r.indicator}（{r.measure}）{r.zone}"
    rate = f"协议量 {plain(r.target)}，完成率 {r.completion.value}%"
    if not r.partial:
        return f"{name}完成 {plain(r.actual)}，{rate}"
    return f"{name}有协议量的片区完成 {plain(r.compared_actual)}，{rate}（{_untargeted(r)}）"


def _untargeted(r: IndicatorResult) -> str:
    return f"无协议量的{'、'.join(r.untargeted_zones)}完成 {plain(r.untargeted_actual)}，另计"


def partial_target_warnings(indicators: tuple[IndicatorResult, ...]) -> list[ResultWarning]:
    """Totals over some 片区 with a target and some without: what the percentage compares."""
    out = []
    for r in indicators:
        if r.zone != TOTAL or not r.partial:
            continue
        assert r.target is not None
        pct = f"{r.completion.value}%" if r.completion is not None else "无完成率"
        out.append(
            _w(
                "partial_target",
                f"{r.indicator}（{r.measure}）：部分片区无协议量，合计的完成率只比较有协议量的片区"
                f"（完成 {plain(r.compared_actual)} ÷ 协议量 {plain(r.target)}，{pct}）；"
                f"{_untargeted(r)}",
            )
        )
    return out


def plausibility_warnings(
    rows: tuple[IndicatorRow, ...], indicators: tuple[IndicatorResult, ...], scheme: Scheme
) -> list[ResultWarning]:
    """Figures past the scheme's bounds ([indicator_checks]), each naming its 指标 row: an extra
    digit or a pasted ID makes a figure absurd long before it makes it invalid."""
    bounds = scheme.indicator_checks
    out = []
    for row in rows:
        where = f"「指标」表 {row.zone}·{row.indicator}（{row.measure}）"
        checks = (
            ("完成量", row.actual, bounds.actual_max, "actual_max"),
            ("协议量", row.target, bounds.target_max, "target_max"),
        )
        for what, value, bound, setting in checks:
            if value is not None and value > bound:
                message = (
                    f"{where}的{what} {plain(value)} 超出合理范围（不超过 {plain(bound)}，"
                    f"方案设置 indicator_checks.{setting}），请核对是否填错"
                )
                out.append(_w("implausible_figure", message))
    top = bounds.completion_percent_max
    for r in indicators:
        if r.zone == TOTAL or r.completion is None or r.completion.value <= top:
            continue
        assert r.target is not None
        message = (
            f"「指标」表 {r.zone}·{r.indicator}（{r.measure}）的完成率 {r.completion.value}%"
            f"（完成量 {plain(r.actual)} ÷ 协议量 {plain(r.target)}）超出合理范围"
            f"（不超过 {plain(top)}%，方案设置 indicator_checks.completion_percent_max），"
            "请核对完成量和协议量"
        )
        out.append(_w("implausible_figure", message))
    return out


def unknown_indicator_warnings(names: tuple[str, ...]) -> list[ResultWarning]:
    """Indicators the catalogue does not know: grouped under 其他, so the evaluator should
    check that none is a catalogue indicator under another name (社区活动 vs 社区活动（大型））."""
    return [
        _w(
            "unknown_indicator",
            f"指标「{name}」不在指标目录中，归入「其他」；如是目录中的指标，请改用目录中的名称",
        )
        for name in names
    ]


def other_warnings(scores: Scores, unchecked: tuple[VetoCheck, ...]) -> list[ResultWarning]:
    out = [_w("veto_unchecked", f"否决情形「{u.rule}」：{u.reason}") for u in unchecked]
    if scores.missing:
        out.append(_w("scores_missing", f"以下评分尚未录入：{'、'.join(scores.missing)}"))
    return out


# The indicators the records can count, by catalogue name and measure (docs/contacts.md).
_CONTACT_INDICATORS = (("电访", "人次"), ("入户探访", "人次"))
_FILING = "困难群众和特殊群体建档"


def contact_warnings(
    indicators: tuple[IndicatorResult, ...], follow_up: FollowUpResult
) -> list[ResultWarning]:
    """Where 指标 types a completion the records or the roster also give (电访 and 入户探访 人次
    per 片区; 建档 户 and 人 against the roster's households and persons), and the two differ:
    one warning naming both figures. A 全站 row compares with the station's total."""
    out = []
    zones = {z.zone: z for z in follow_up.zones}
    if follow_up.schedule.example:
        out.append(
            _w(
                "contact_schedule_example",
                "跟进情况按方案中的示例频次评判（docs/contacts.md），并非本区的正式要求",
            )
        )
    for r in indicators:
        if r.zone == TOTAL:
            continue  # the sum of the 片区 rows, each compared already
        zone = zones.get(TOTAL if r.zone == STATION_WIDE else r.zone)
        counted: Decimal | None = None
        source = ""
        if (r.indicator, r.measure) in _CONTACT_INDICATORS:
            figure = None if zone is None else zone.phone_calls
            if zone is not None and r.indicator == "入户探访":
                figure = zone.visits
            counted = figure.value if figure else Decimal(0)
            source, code = f"服务记录计得 {plain(counted)} 人次", "contact_count_differs"
        elif r.indicator == _FILING and r.measure in ("户", "人"):
            n = (zone.households if r.measure == "户" else zone.clients) if zone else 0
            counted = Decimal(n)
            source, code = f"服务对象名册在册 {n} {r.measure}", "filing_count_differs"
        if counted is None or counted == r.actual:
            continue
        target = f"，协议量 {plain(r.target)}" if r.target is not None else ""
        out.append(
            _w(
                code,
                f"{r.zone}「{r.indicator}」（{r.measure}）：指标表填写的完成量为 "
                f"{plain(r.actual)}{target}，{source}",
            )
        )
    return out
