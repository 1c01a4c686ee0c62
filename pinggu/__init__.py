"""pinggu (评估): evaluates Guangzhou's social work stations by the rules, with every figure right.

The public API is listed in `__all__` and kept honest by tests/test_engine_is_pure.py. Everything
else lives in private modules and may change.

The names in `_LAZY` live in modules that import heavy libraries (matplotlib, python-docx and
docxtpl for the report, lxml and the report's content for its audit, openpyxl for writing
.xlsx): they are imported on first use, so that `import pinggu` and `pinggu evaluate` do not
spend a second or two loading what they never use
(tests/test_it_starts_without_the_report_libraries.py). Type checkers see them as ordinary
imports.
"""

import importlib as _importlib
import typing as _typing

from ._calendar import WorkCalendar, calendar_rows, from_chinesecalendar
from ._check import CheckResult, check_report
from ._contacts.compliance import follow_up, follow_up_tables
from ._contacts.model import (
    ClientPeriod,
    ComplianceRow,
    ContactClient,
    ContactData,
    ContactRecord,
    ContactSchedule,
    FollowUpResult,
    GradeChange,
    Method,
    Overdue,
    Pattern,
    ZoneFollowUp,
)
from ._contacts.overdue import overdue_clients
from ._contacts.records import parse_contacts, read_contacts
from ._engine import Result, evaluate
from ._errors import (
    BOOK,
    CalendarDataError,
    CalendarError,
    CategoriesError,
    DataFileError,
    FileRefused,
    InvalidData,
    PingguError,
    Problem,
    ReportError,
    SchemeError,
    UnreadableReport,
    WorkbookError,
    WorkflowError,
)
from ._figures import Figure
from ._json import result_to_dict
from ._model import (
    STATION_WIDE,
    TOTAL,
    Evaluation,
    Finding,
    FindingKind,
    ImportNote,
    Kind,
    ScoreRow,
    Zone,
)
from ._numbers import plain
from ._onsite.draw import (
    FileDrawCheck,
    file_draw_from_dict,
    file_draw_to_dict,
    file_rank,
    sample_files,
    verify_file_draw,
)
from ._onsite.file_lists import parse_file_lists, read_file_lists
from ._onsite.files_model import (
    Checklist,
    ChecklistItem,
    CheckMark,
    DrawnFile,
    FileDraw,
    FileEntry,
    FileSampling,
    FileType,
    PlanRow,
    SamplingRule,
    Verdict,
)
from ._onsite.model import (
    AgendaItem,
    Interview,
    Interviewee,
    OnSite,
    OnSiteActivity,
    RectificationItem,
    RectificationStatus,
    SelfScore,
)
from ._onsite.rectification import RectificationRules, rectification_due
from ._onsite.results import (
    FilesChecked,
    InterviewCount,
    OnSiteDay,
    OnSiteResult,
    RectificationSummary,
    SelfGap,
    is_overdue,
    onsite_result,
    rectification_summary,
)
from ._onsite.spotcheck import (
    ItemTally,
    SpotCheckDraft,
    SpotCheckResult,
    TypeSpotCheck,
    mark_problem,
    spot_check_result,
)
from ._performance.bindings import FIXED as PERFORMANCE_BINDINGS
from ._performance.bindings import parse_performance_binding
from ._performance.checks import performance_budget_problems, performance_target_problems
from ._performance.model import (
    Budget,
    FundingSource,
    NarrativeBlock,
    PerformanceData,
    PerformanceLevel,
    PerformanceTarget,
    TargetDirection,
)
from ._performance.scheme import PerformanceScheme, load_performance_scheme
from ._performance.scoring import LevelScore, PerformanceResult, TargetScore, score_performance
from ._report.findings import section_findings
from ._report.styles import Style as ReportStyle
from ._report.styles import report_styles, style_for
from ._roster import (
    ROSTER_SHEET,
    Client,
    Roster,
    RosterCounts,
    mask_name,
    mask_phone,
    parse_roster,
    read_roster,
)
from ._sample import (
    Draw,
    DrawCheck,
    ZoneDraw,
    allocate,
    draw_sample,
    next_reserve,
    rank,
    verify_draw,
)
from ._scheme import Scheme, available_schemes, load_scheme
from ._serial import evaluation_from_dict, evaluation_to_dict
from ._sheets.cells import key as label_key
from ._sheets.limits import Limits
from ._sheets.reader import Book, read_book, read_csv
from ._sheets.tables import named_sheets
from ._survey import Estimate, Satisfaction, Survey, SurveyResponse, SurveySettings, satisfaction
from ._survey_sheet import REACHED, SURVEY_SHEET, UNREACHED, SurveyRow, parse_responses
from ._synthetic import synthetic_contacts, synthetic_evaluation, synthetic_roster
from ._synthetic.performance import synthetic_performance
from ._workbook.importer import load_workbook, parse_workbook
from ._workflow import Precondition, Workflow, WorkflowStep, load_workflow

if _typing.TYPE_CHECKING:
    from ._report.audit import AuditResult, audit_report, check_list
    from ._report.build import ReportFiles, write_docx, write_report
    from ._report.performance.build import PerformanceReportFiles, write_performance_report
    from ._sheets.write import append_row, write_cell
    from ._workbook.writer import write_workbook

_LAZY = {
    "AuditResult": "._report.audit",
    "audit_report": "._report.audit",
    "check_list": "._report.audit",
    "ReportFiles": "._report.build",
    "write_docx": "._report.build",
    "write_report": "._report.build",
    "PerformanceReportFiles": "._report.performance.build",
    "write_performance_report": "._report.performance.build",
    "append_row": "._sheets.write",
    "write_cell": "._sheets.write",
    "write_workbook": "._workbook.writer",
}

if not _typing.TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute

    def __getattr__(name: str) -> object:
        """A name of `_LAZY`, imported from its module on first use and kept."""
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_LAZY})


__all__ = [  # noqa: RUF022 (plain sorted order, as tests/test_engine_is_pure.py checks)
    "AgendaItem",
    "AuditResult",
    "BOOK",
    "Book",
    "Budget",
    "CalendarDataError",
    "CalendarError",
    "CategoriesError",
    "CheckMark",
    "CheckResult",
    "Checklist",
    "ChecklistItem",
    "Client",
    "ClientPeriod",
    "ComplianceRow",
    "ContactClient",
    "ContactData",
    "ContactRecord",
    "ContactSchedule",
    "DataFileError",
    "Draw",
    "DrawCheck",
    "DrawnFile",
    "Estimate",
    "Evaluation",
    "Figure",
    "FileDraw",
    "FileDrawCheck",
    "FileEntry",
    "FileRefused",
    "FileSampling",
    "FileType",
    "FilesChecked",
    "Finding",
    "FindingKind",
    "FollowUpResult",
    "FundingSource",
    "GradeChange",
    "ImportNote",
    "Interview",
    "InterviewCount",
    "Interviewee",
    "InvalidData",
    "ItemTally",
    "Kind",
    "LevelScore",
    "Limits",
    "Method",
    "NarrativeBlock",
    "OnSite",
    "OnSiteActivity",
    "OnSiteDay",
    "OnSiteResult",
    "Overdue",
    "PERFORMANCE_BINDINGS",
    "Pattern",
    "PerformanceData",
    "PerformanceLevel",
    "PerformanceReportFiles",
    "PerformanceResult",
    "PerformanceScheme",
    "PerformanceTarget",
    "PingguError",
    "PlanRow",
    "Precondition",
    "Problem",
    "REACHED",
    "ROSTER_SHEET",
    "RectificationItem",
    "RectificationRules",
    "RectificationStatus",
    "RectificationSummary",
    "ReportError",
    "ReportFiles",
    "ReportStyle",
    "Result",
    "Roster",
    "RosterCounts",
    "STATION_WIDE",
    "SURVEY_SHEET",
    "SamplingRule",
    "Satisfaction",
    "Scheme",
    "SchemeError",
    "ScoreRow",
    "SelfGap",
    "SelfScore",
    "SpotCheckDraft",
    "SpotCheckResult",
    "Survey",
    "SurveyResponse",
    "SurveyRow",
    "SurveySettings",
    "TOTAL",
    "TargetDirection",
    "TargetScore",
    "TypeSpotCheck",
    "UNREACHED",
    "UnreadableReport",
    "Verdict",
    "WorkCalendar",
    "WorkbookError",
    "Workflow",
    "WorkflowError",
    "WorkflowStep",
    "Zone",
    "ZoneDraw",
    "ZoneFollowUp",
    "allocate",
    "append_row",
    "audit_report",
    "available_schemes",
    "calendar_rows",
    "check_list",
    "check_report",
    "draw_sample",
    "evaluate",
    "evaluation_from_dict",
    "evaluation_to_dict",
    "file_draw_from_dict",
    "file_draw_to_dict",
    "file_rank",
    "follow_up",
    "follow_up_tables",
    "from_chinesecalendar",
    "is_overdue",
    "label_key",
    "load_performance_scheme",
    "load_scheme",
    "load_workbook",
    "load_workflow",
    "mark_problem",
    "mask_name",
    "mask_phone",
    "named_sheets",
    "next_reserve",
    "onsite_result",
    "overdue_clients",
    "parse_contacts",
    "parse_file_lists",
    "parse_performance_binding",
    "parse_responses",
    "parse_roster",
    "parse_workbook",
    "performance_budget_problems",
    "performance_target_problems",
    "plain",
    "rank",
    "read_book",
    "read_contacts",
    "read_csv",
    "read_file_lists",
    "read_roster",
    "rectification_due",
    "rectification_summary",
    "report_styles",
    "result_to_dict",
    "sample_files",
    "satisfaction",
    "score_performance",
    "section_findings",
    "spot_check_result",
    "style_for",
    "synthetic_contacts",
    "synthetic_evaluation",
    "synthetic_performance",
    "synthetic_roster",
    "verify_draw",
    "verify_file_draw",
    "write_cell",
    "write_docx",
    "write_performance_report",
    "write_report",
    "write_workbook",
]
