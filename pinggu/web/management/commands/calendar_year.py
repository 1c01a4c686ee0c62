"""Add a year's working-day calendar (State Council holiday arrangement) for the deadlines:

    pinggu manage calendar_year 2027 --holidays 2027-01-01,2027-02-10,… --workdays 2027-02-07,…

The dates are checked (in the year; an adjusted working day is a Saturday or Sunday; no date in
both lists) before anything is stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from pinggu import PingguError, WorkCalendar, calendar_rows

from ...models import CalendarDay, CalendarYear


def _dates(text: str) -> list[date]:
    try:
        return [date.fromisoformat(d.strip()) for d in text.split(",") if d.strip()]
    except ValueError as exc:
        raise CommandError(f"日期应写成 2027-01-01，并以逗号分隔：{exc}") from None


class Command(BaseCommand):
    help = "添加某一年的工作日历（放假日期与调休上班日期）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--holidays", required=True, help="放假日期，逗号分隔")
        parser.add_argument("--workdays", default="", help="调休上班日期（周六、周日），逗号分隔")
        parser.add_argument("--source", default="国务院办公厅通知", help="来源")
        parser.add_argument("--replace", action="store_true", help="替换已有的该年日历")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        try:
            cal = WorkCalendar.from_days(
                {year: (_dates(options["holidays"]), _dates(options["workdays"]))}
            )
        except PingguError as exc:
            raise CommandError(str(exc)) from None
        with transaction.atomic():
            if CalendarYear.objects.filter(year=year).exists():
                if not options["replace"]:
                    raise CommandError(f"{year} 年的工作日历已存在；如需替换请加 --replace")
                CalendarDay.objects.filter(day__year=year).delete()
                CalendarYear.objects.filter(year=year).delete()
            CalendarYear.objects.create(year=year, source=options["source"])
            CalendarDay.objects.bulk_create(
                CalendarDay(day=d, kind=k) for d, k in calendar_rows(cal)
            )
        self.stdout.write(
            f"已添加 {year} 年工作日历：放假 {len(cal.holidays)} 天，调休上班 {len(cal.workdays)} 天"
        )
