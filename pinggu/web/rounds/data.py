"""A station's data for a round: the uploaded evaluation workbook, checked against the round,
and stored as the round's next numbered version (earlier versions stay).

Uploads are all or nothing: a workbook with any problem is refused with every problem located
(sheet, row, column), and nothing is saved. A workbook's 服务对象名册 sheet, if filled in, is
stored with the data as the station's next roster, or neither is; its file lists (档案清单),
if any and new, as the round's next lists version (docs/onsite.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pinggu import (
    BOOK,
    Evaluation,
    Problem,
    WorkbookError,
    evaluation_to_dict,
    load_scheme,
    parse_workbook,
    plain,
)

from .. import audit, engine, uploads
from ..models import DataVersion, FileList, Round
from ..spotcheck.lists import store_workbook_lists
from ..survey.rosters import roster_in_sheets, store_roster


def check_against_round(round_: Round, evaluation: Evaluation) -> None:
    """The workbook must be this round's: its station, its kind of evaluation, its period
    (考核期) and its fieldwork date (评估日期), each mismatch naming both values."""
    info = evaluation.info
    problems = []
    if info.station != round_.station.name:
        problems.append(
            f"工作簿中的社工站为「{info.station}」，与本评估的「{round_.station.name}」不符"
        )
    if info.kind.value != round_.kind:
        problems.append(
            f"工作簿中的评估类型为「{info.kind.label}」，本评估是「{round_.get_kind_display()}」"
        )
    period = f"{info.period_start}—{info.period_end}"
    planned = f"{round_.period_start}—{round_.period_end}"
    if period != planned:
        problems.append(f"工作簿中的考核期为 {period}，与本评估的考核期 {planned} 不符")
    if info.evaluation_date != round_.fieldwork_date:
        problems.append(
            f"工作簿中的评估日期为 {info.evaluation_date}，"
            f"与本评估的实地评估日期 {round_.fieldwork_date} 不符"
        )
    if problems:
        raise WorkbookError([Problem("基本信息", p) for p in problems])


@transaction.atomic
def accept(
    round_: Round, evaluation: Evaluation, user: User, filename: str, reason: str
) -> DataVersion:
    """Store the data as the round's next version and log it. Refused once the round is locked."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.locked and not reason.strip():
        raise uploads.refuse("报告出具后数据已锁定：如确需修改，请填写修改原因")
    previous = round_.latest_data()
    number = previous.number + 1 if previous else 1
    version = DataVersion.objects.create(
        round=round_,
        number=number,
        data=evaluation_to_dict(evaluation),
        filename=filename,
        uploaded_by=user,
        reason=reason.strip(),
    )
    audit.record(
        round_,
        user,
        "上传数据",
        old={"version": previous.number, "filename": previous.filename} if previous else None,
        new={"version": number, "filename": filename},
        reason=reason.strip(),
    )
    return version


def summary(version: DataVersion, evaluation: Evaluation) -> str:
    """What an accepted upload contained, for the message the uploader sees: the period as the
    engine counts it (half months included), then what the sheets held."""
    result = engine.result_of(version.round)
    period = plain(result.staffing.period_months.value) if result else "—"
    months = len({row.month for row in evaluation.attendance})
    workers = len({row.worker_id for row in evaluation.attendance})
    indicators = len({row.indicator for row in evaluation.indicators})
    attendance = "" if period == str(months) else f"（考勤表 {months} 个月）"
    parts = [f"考核期 {period} 个月{attendance}", f"社工 {workers} 人", f"指标 {indicators} 项"]
    if evaluation.zones:
        parts.append(f"{len(evaluation.zones)} 个片区")
    notes = f"；读取时的提示 {len(evaluation.notes)} 条，见「提示」" if evaluation.notes else ""
    return f"已保存第 {version.number} 版数据：{'，'.join(parts)}{notes}"


@dataclass(frozen=True)
class Accepted:
    """What an accepted upload stored: the message for the uploader (summary) and the file
    lists version stored from the workbook, if one was."""

    message: str
    file_list: FileList | None


def accept_upload(round_: Round, upload: UploadedFile, user: User, reason: str) -> Accepted:
    """The station's evaluation workbook and, when it has them, its 服务对象名册 sheet and its
    file lists (档案清单): all stored in one transaction or none, the problems listed together.
    The lists become the round's next version only when they differ from its latest
    (spotcheck/lists.py `store_workbook_lists`), so the draw can be made from them."""
    sheets = uploads.read_sheets(upload, "工作簿.xlsx")  # a file that cannot be read is refused
    problems: list[Problem] = []
    evaluation = None
    try:
        evaluation = parse_workbook(sheets, load_scheme(round_.scheme))
        check_against_round(round_, evaluation)
    except WorkbookError as exc:
        if any(p.sheet == BOOK for p in exc.problems):  # the file itself: nothing else read
            raise
        problems = list(exc.problems)
    roster = None
    try:
        roster = roster_in_sheets(sheets)
    except WorkbookError as exc:  # a second roster sheet: the engine has said so already
        problems.extend(p for p in exc.problems if p not in problems)
    if problems or evaluation is None:
        raise WorkbookError(problems)
    filename = uploads.name_of(upload)  # cut to fit its column, folders dropped
    with transaction.atomic():
        message = summary(accept(round_, evaluation, user, filename, reason), evaluation)
        if roster is not None:
            stored = store_roster(round_, roster, user, filename, via="评估工作簿")
            message += f"；服务对象名册第 {stored.number} 版（{stored.clients_count} 人）"
        file_list = None
        if evaluation.onsite is not None and evaluation.onsite.files:
            lists = store_workbook_lists(round_, evaluation.onsite.files, user, filename)
            message += f"；{lists.message}"
            file_list = lists.stored
    return Accepted(message, file_list)
