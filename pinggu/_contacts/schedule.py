"""The follow-up schedule (a scheme's [contacts] table) and the calendar periods it is judged over.

A schedule is rules as data: each grade's minimum contacts and visits per week, month or quarter,
which 方式 count, the holidays that need a 节日慰问 and the thresholds of implausible records
(docs/contacts.md). It is validated here into a frozen `ContactSchedule` at scheme load, every
fault named by key (`SchemeError`). The periods and holiday dates are worked out here too, in
plain Python: there are few of them, and the SQL in `compliance` only joins them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .._errors import CalendarError
from .._toml import TomlTable
from .model import ContactSchedule, GradeRules, Holiday, Measure, Method, Per, Requirement

__all__ = [
    "HOLIDAYS",
    "Check",
    "HolidayWindow",
    "checks_for",
    "holiday_windows",
    "parse_schedule",
]

GRADES = (1, 2, 3, 4)
_PER_NAMES = {Per.WEEK: "周", Per.MONTH: "月", Per.QUARTER: "季度"}
_MEASURE_NAMES = {Measure.CONTACT: "联系", Measure.VISIT: "入户探访"}

# The holidays a schedule may name -> chinesecalendar's name for them (its data: 2004–2026).
HOLIDAYS: dict[str, str] = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}


# ---------------------------------------------------------------------------------- loading


def parse_schedule(root: TomlTable) -> ContactSchedule | None:
    """The scheme's [contacts] table, or None when the scheme has none."""
    t = root.optional_table("contacts")
    if t is None:
        return None
    methods = [m.value for m in Method]
    counted = _methods(t, "counted", methods)
    visits = _methods(t, "visits", methods)
    grades = tuple(_grade(g) for g in t.tables("grades"))
    numbers = [g.grade for g in grades]
    if sorted(numbers) != list(GRADES):
        t.fail("grades", f"应为 1、2、3、4 级各一项，实为 {numbers}")
    holidays = tuple(_holiday(h) for h in t.tables("holidays", required=False))
    if len({h.name for h in holidays}) != len(holidays):
        t.fail("holidays", "节日重复")
    schedule = ContactSchedule(
        example=t.flag("example", False),
        grades=tuple(sorted(grades, key=lambda g: g.grade)),
        counted=counted,
        visits=visits,
        holidays=holidays,
        min_minutes=t.integer("min_minutes", minimum=0),
        max_per_worker_day=t.integer("max_per_worker_day", minimum=1),
        message_words=t.texts("message_words", default=[]),
    )
    t.done()
    return schedule


def _methods(t: TomlTable, key: str, methods: list[str]) -> tuple[Method, ...]:
    names = t.texts(key)
    for name in names:
        if name not in methods:
            t.fail(key, f"方式应为 {'、'.join(methods)} 之一，实为 {name!r}")
    if len(set(names)) != len(names):
        t.fail(key, "方式重复")
    return tuple(Method(n) for n in names)


def _grade(t: TomlTable) -> GradeRules:
    grade = t.integer("grade", minimum=1)
    if grade not in GRADES:
        t.fail("grade", f"分级应为 1 至 4，实为 {grade}")
    requirements = []
    for r in t.tables("requirements", required=False):
        requirements.append(
            Requirement(
                measure=Measure(r.choice("measure", [m.value for m in Measure])),
                per=Per(r.choice("per", [p.value for p in Per])),
                at_least=r.integer("at_least", minimum=1),
            )
        )
        r.done()
    kinds = [(r.measure, r.per) for r in requirements]
    if len(set(kinds)) != len(kinds):
        t.fail(
            "requirements", "同一计量（contact / visit）和周期（week / month / quarter）出现两次"
        )
    t.done()
    return GradeRules(grade, tuple(requirements))


def _holiday(t: TomlTable) -> Holiday:
    name = t.choice("name", list(HOLIDAYS))
    holiday = Holiday(
        name=name,
        days_before=t.integer("days_before", default=0),
        days_after=t.integer("days_after", default=0),
    )
    t.done()
    return holiday


# ---------------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Check:
    """One requirement of one grade over one calendar window, inside one client-row period."""

    grade: int
    period: str  # the row's label: "2023-03" or "2023-Q1"
    per: Per  # the row's kind: MONTH (week and month checks) or QUARTER
    start: date  # the row's period
    end: date
    window: Per  # the checked window's kind
    window_start: date
    window_end: date
    measure: Measure
    at_least: int
    label: str  # 「第2周（3月6日–3月12日）联系」, 「3月入户探访」, 「第1季度联系」


def month_start(d: date) -> date:
    return d.replace(day=1)


def next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def quarter_start(d: date) -> date:
    return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)


def checks_for(schedule: ContactSchedule, start: date, end: date) -> list[Check]:
    """Every check of every grade over the evaluation period [start, end] (docs/contacts.md):
    month rows (their month- and week-requirements) for each month the period touches, and
    quarter rows for each quarter wholly inside it. A window not wholly inside is not judged."""
    out: list[Check] = []
    month = month_start(start)
    while month <= end:
        following = next_month(month)
        last = following - timedelta(days=1)
        label = f"{month.year}-{month.month:02d}"
        weeks = _weeks(month, following, start, end)
        for rules in schedule.grades:
            for r in rules.requirements:
                windows: list[tuple[Per, date, date, str]] = []
                if r.per is Per.MONTH and start <= month and last <= end:
                    windows.append((Per.MONTH, month, last, f"{month.month}月"))
                if r.per is Per.WEEK:
                    windows += [(Per.WEEK, *w) for w in weeks]
                for per, w_start, w_end, name in windows:
                    out.append(
                        Check(rules.grade, label, Per.MONTH, month, last, per, w_start, w_end,
                              r.measure, r.at_least, name + _MEASURE_NAMES[r.measure])
                    )  # fmt: skip
        month = following
    quarter = quarter_start(start)
    if quarter < start:
        quarter = next_month(next_month(next_month(quarter)))
    while True:
        following = next_month(next_month(next_month(quarter)))
        last = following - timedelta(days=1)
        if last > end:
            break
        n = (quarter.month - 1) // 3 + 1
        for rules in schedule.grades:
            for r in rules.requirements:
                if r.per is Per.QUARTER:
                    out.append(
                        Check(rules.grade, f"{quarter.year}-Q{n}", Per.QUARTER, quarter, last,
                              Per.QUARTER, quarter, last, r.measure, r.at_least,
                              f"第{n}季度{_MEASURE_NAMES[r.measure]}")
                    )  # fmt: skip
        quarter = following
    return out


def _weeks(month: date, following: date, start: date, end: date) -> list[tuple[date, date, str]]:
    """The ISO weeks whose Monday falls in `month`, numbered from 1, those wholly inside
    [start, end] only: (Monday, Sunday, 「第2周（3月6日–3月12日）」)."""
    monday = month + timedelta(days=(7 - month.weekday()) % 7)
    out = []
    n = 0
    while monday < following:
        n += 1
        sunday = monday + timedelta(days=6)
        if start <= monday and sunday <= end:
            span = f"{monday.month}月{monday.day}日–{sunday.month}月{sunday.day}日"
            out.append((monday, sunday, f"第{n}周（{span}）"))
        monday += timedelta(days=7)
    return out


# ---------------------------------------------------------------------------------- holidays


@dataclass(frozen=True)
class HolidayWindow:
    """One holiday in the period: its first day off and the days a greeting counts."""

    name: str
    day: date  # the holiday's first day off
    first: date  # a greeting counts from this day …
    last: date  # … to this day


def holiday_windows(schedule: ContactSchedule, start: date, end: date) -> list[HolidayWindow]:
    """The schedule's holidays whose first day off lies in [start, end], from chinesecalendar.
    Its data covers 2004–2026: a period touching another year is refused (`CalendarError`),
    never guessed, when the schedule names any holiday."""
    if not schedule.holidays:
        return []
    import chinese_calendar  # type: ignore[import-untyped,unused-ignore]  # no type hints

    days: dict[date, str] = chinese_calendar.holidays
    known = {d.year for d in days}
    for year in range(start.year, end.year + 1):
        if year not in known:
            raise CalendarError(year, None, "，无法确定节日慰问所需的节日日期（春节、中秋节等）")
    firsts: dict[str, list[date]] = {}
    for day in sorted(days):
        name = days[day]
        if days.get(day - timedelta(days=1)) != name:
            firsts.setdefault(name, []).append(day)
    out = []
    for h in schedule.holidays:
        for day in firsts.get(HOLIDAYS[h.name], []):
            if start <= day <= end:
                out.append(
                    HolidayWindow(
                        h.name,
                        day,
                        day - timedelta(days=h.days_before),
                        day + timedelta(days=h.days_after),
                    )
                )
    return sorted(out, key=lambda w: (w.day, w.name))
