"""Survey responses imported from a sheet (满意度调查) instead of typed in at the survey desk.

The sheet has one row per client called: 编号, 片区, 联系结果 (已联系上/未联系上), 未联系上原因,
one column per questionnaire item (named by the item, answers 1..scale, blank = no answer)
and 意见. Header matching and cell conversion are the workbook's (spaces and full-width
characters ignored); every problem is reported at once, located by row and column, and a sheet
with any problem yields nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ._errors import InvalidData, WorkbookError
from ._sheets.cells import Bad, cell_value, is_empty, key, listed, shown
from ._sheets.columns import Column, ValueKind
from ._sheets.tables import Found, Problems, table
from ._survey import DEFAULT_ITEMS, SurveyResponse

__all__ = ["REACHED", "SURVEY_SHEET", "UNREACHED", "SurveyRow", "parse_responses"]

SURVEY_SHEET = "满意度调查"
REACHED, UNREACHED = "已联系上", "未联系上"
_FIXED = (
    Column("编号", ValueKind.TEXT, help="服务对象名册中的编号"),
    Column("片区", ValueKind.TEXT),
    Column("联系结果", ValueKind.CHOICE, choices=(REACHED, UNREACHED)),
    Column("未联系上原因", ValueKind.TEXT, required=False),
)
_COMMENT = Column("意见", ValueKind.TEXT, required=False)


@dataclass(frozen=True)
class SurveyRow:
    """One validated row of the 满意度调查 sheet."""

    row: int  # Excel row number
    client: str  # 编号
    zone: str  # 片区
    reached: bool
    reason: str  # why not reached; "" when reached
    answers: tuple[int | None, ...]  # one per item; all None when not reached
    comment: str

    def response(self) -> SurveyResponse:
        """The engine's record of a reached client (no name, no phone)."""
        if not self.reached:
            raise InvalidData(f"编号「{self.client}」未联系上，没有回答")
        return SurveyResponse(self.client, self.zone, self.answers, self.comment)


def parse_responses(
    rows: Sequence[Sequence[object]],
    *,
    items: Sequence[str] = DEFAULT_ITEMS,
    scale: int = 5,
    zones: Collection[str] | None = None,
    sheet: str = SURVEY_SHEET,
) -> list[SurveyRow]:
    """Validate the sheet's rows (rows[0] the header) or raise `WorkbookError` listing every
    located problem. `zones`, when given, are the 片区 a row may name."""
    problems = Problems()
    # Each item's column must be there, but a blank answer is allowed (the client declined it).
    header = (*_FIXED, *(Column(i, ValueKind.INTEGER) for i in items), _COMMENT)
    data = table(Found(sheet, rows), header, problems)
    out: list[SurveyRow] = []
    if data is not None:
        if not data:
            problems.add(sheet, "没有数据：列名下方至少应有一行")
        seen: dict[str, int] = {}
        for number, raw in data:
            row = _row(sheet, number, raw, items, scale, zones, problems)
            client = raw.get("编号")
            if is_empty(client):
                continue
            first = seen.setdefault(key(shown(client)), number)
            if first != number:
                message = f"编号「{shown(client)}」与第 {first} 行重复；每位服务对象只填一行"
                problems.add(sheet, message, number, "编号")
            elif row is not None:
                out.append(row)
    if problems.problems:
        raise WorkbookError(problems.problems)
    return out


def _row(
    sheet: str,
    number: int,
    raw: dict[str, object],
    items: Sequence[str],
    scale: int,
    zones: Collection[str] | None,
    problems: Problems,
) -> SurveyRow | None:
    """One row's values, or None when a cell was wrong (each problem reported)."""
    before = len(problems.problems)

    def value(column: Column, message: str | None = None) -> object:
        cell = raw.get(column.name, "")
        try:
            return cell_value(cell, column, column.choices)
        except Bad as bad:
            problems.add(sheet, message or bad.message, number, column.name)
            return None

    client, zone, result, reason = (value(c) for c in _FIXED)
    comment = value(_COMMENT)
    answers: list[int | None] = []
    for item in items:
        wrong = f"评分应为 1 至 {scale} 的整数，实为「{shown(raw.get(item, ''))}」"
        answer = value(Column(item, ValueKind.INTEGER, required=False), wrong)
        if isinstance(answer, int) and not 1 <= answer <= scale:
            problems.add(sheet, wrong, number, item)
        answers.append(answer if isinstance(answer, int) else None)
    if isinstance(zone, str) and zones is not None:
        known = {key(z): z for z in zones}
        if key(zone) not in known:
            message = f"未知的片区「{zone}」；应为 {listed(list(zones))} 之一"
            problems.add(sheet, message, number, "片区")
        zone = known.get(key(zone), zone)
    reached = result == REACHED
    if result == UNREACHED and not reason:
        problems.add(
            sheet, "未联系上时请填写原因（如：空号、无人接听、拒绝访问）", number, "未联系上原因"
        )
    if result == UNREACHED and any(a is not None for a in answers):
        problems.add(sheet, "未联系上的服务对象不应有评分", number, "联系结果")
    if reached and reason:
        problems.add(sheet, "已联系上时「未联系上原因」应留空", number, "未联系上原因")
    if len(problems.problems) > before:
        return None
    assert isinstance(client, str) and isinstance(zone, str)
    return SurveyRow(
        row=number,
        client=client,
        zone=zone,
        reached=reached,
        reason=reason if isinstance(reason, str) else "",
        answers=tuple(answers),
        comment=comment if isinstance(comment, str) else "",
    )
