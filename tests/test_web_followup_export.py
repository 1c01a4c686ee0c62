"""跟进提醒 exports to .xlsx: it opens with openpyxl, holds every row of the list as shown (names
masked, dates as dates), says when the schedule is the scheme's example, and writes text that
looks like a formula as text."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from pinggu import Overdue
from pinggu._contacts.model import Measure  # not public: the web reads Overdue.measure as text
from pinggu.web.followup.reminders import Reminder, Reminders, workbook_bytes

ON = date(2024, 4, 15)


def overdue(client: str, worker: str | None, days: int, measure: Measure) -> Overdue:
    last = date(2024, 3, 1) if worker else None
    return Overdue(
        client, "第一片区", "东街社区", 1, measure, last, worker, date(2024, 4, 15 - days), days
    )


def test_the_export_opens_and_has_every_row_with_names_masked() -> None:
    rows = (
        Reminder(overdue("A01", "SG01", 9, Measure.VISIT), "张*"),
        Reminder(overdue("A02", None, 0, Measure.CONTACT), "欧***"),
    )
    found = Reminders(ON, rows, 5, (), (), (), example=True)
    book = load_workbook(BytesIO(workbook_bytes(found, "甲街社工服务站跟进提醒")))
    ws = book["跟进提醒"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "甲街社工服务站跟进提醒（2024-04-15）"
    assert "示例" in values[0][1]
    assert values[1][:3] == ["服务对象编号", "姓名", "逾期天数"]
    assert values[2][:4] == ["A01", "张*", 9, "入户探访"]
    assert values[2][4].date() == date(2024, 4, 6)
    assert values[2][5].date() == date(2024, 3, 1)
    assert values[2][6:] == ["SG01", 1, "第一片区", "东街社区"]
    assert values[3][1] == "欧***" and values[3][3] == "联系" and values[3][5] == "从未"
    assert len(values) == 4


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    rows = (Reminder(overdue('=HYPERLINK("x")', "+SG01", 1, Measure.CONTACT), "张*"),)
    book = load_workbook(BytesIO(workbook_bytes(Reminders(ON, rows, 1, (), (), (), False), "t")))
    ws = book["跟进提醒"]
    assert ws["A3"].data_type == "s" and ws["A3"].value == '=HYPERLINK("x")'
    assert ws["G3"].data_type == "s" and ws["G3"].value == "+SG01"
