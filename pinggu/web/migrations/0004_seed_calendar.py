"""Seed the working-day calendar from the chinesecalendar package (every year it covers)."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from pinggu import calendar_rows, from_chinesecalendar

    years = range(2004, 2027)  # the years chinesecalendar 1.11 publishes; never guess others
    calendar = from_chinesecalendar(years)
    CalendarYear = apps.get_model("web", "CalendarYear")
    CalendarDay = apps.get_model("web", "CalendarDay")
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source="chinesecalendar") for y in years], ignore_conflicts=True
    )
    CalendarDay.objects.bulk_create(
        [CalendarDay(day=d, kind=k) for d, k in calendar_rows(calendar)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("web", "0003_workflow")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
