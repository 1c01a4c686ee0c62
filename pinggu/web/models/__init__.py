"""What the workspace stores, split by feature and gathered here so Django finds every model
(app label `web`): people, rounds, the audit log, the calendar, the survey, API tokens,
the reports checked on 报告核对, the follow-up records, the file spot checks, the
self-assessment and on-site day, rectification items, and the street office's performance
evaluation data."""

from .api import ApiToken
from .audit import AuditEntry
from .calendar import CalendarDay, CalendarYear
from .checks import ReportCheck
from .contacts import ContactBatch, ContactEntry, GradeChangeEntry, StoredFollowUp
from .onsite import AgendaEntry, InterviewEntry, OnSiteAttendance, SelfDocument, SelfScoreEntry
from .people import Conflict, District, LoginThrottle, Membership, Organization, Role, Station
from .performance import (
    PerformanceBudget,
    PerformanceFunding,
    PerformanceNarrativeEntry,
    PerformanceTargetEntry,
)
from .rectification import RectificationEvidence, RectificationItem
from .results import StoredPage, StoredResult
from .rounds import DataVersion, FindingEntry, Objection, Round, ScoreEntry, StepRecord
from .spotcheck import CheckedFile, FileList, SpotCheckDraw
from .survey import (
    AccessLog,
    ClientRoster,
    RosterClient,
    SurveyCall,
    SurveyDraw,
    latest_roster,
)

__all__ = [
    "AccessLog",
    "AgendaEntry",
    "ApiToken",
    "AuditEntry",
    "CalendarDay",
    "CalendarYear",
    "CheckedFile",
    "ClientRoster",
    "Conflict",
    "ContactBatch",
    "ContactEntry",
    "DataVersion",
    "District",
    "FileList",
    "FindingEntry",
    "GradeChangeEntry",
    "InterviewEntry",
    "LoginThrottle",
    "Membership",
    "Objection",
    "OnSiteAttendance",
    "Organization",
    "PerformanceBudget",
    "PerformanceFunding",
    "PerformanceNarrativeEntry",
    "PerformanceTargetEntry",
    "RectificationEvidence",
    "RectificationItem",
    "ReportCheck",
    "Role",
    "RosterClient",
    "Round",
    "ScoreEntry",
    "SelfDocument",
    "SelfScoreEntry",
    "SpotCheckDraw",
    "Station",
    "StepRecord",
    "StoredFollowUp",
    "StoredPage",
    "StoredResult",
    "SurveyCall",
    "SurveyDraw",
    "latest_roster",
]
