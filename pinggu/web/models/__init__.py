"""What the workspace stores, split by feature and gathered here so Django finds every model
(app label `web`): people, rounds, the audit log, the calendar, the survey, API tokens,
the reports checked on 报告核对, the follow-up records and the street office's performance
evaluation data."""

from .api import ApiToken
from .audit import AuditEntry
from .calendar import CalendarDay, CalendarYear
from .checks import ReportCheck
from .contacts import ContactBatch, ContactEntry, GradeChangeEntry, StoredFollowUp
from .people import Conflict, District, LoginThrottle, Membership, Organization, Role, Station
from .performance import (
    PerformanceBudget,
    PerformanceFunding,
    PerformanceNarrativeEntry,
    PerformanceTargetEntry,
)
from .results import StoredPage, StoredResult
from .rounds import DataVersion, FindingEntry, Objection, Round, ScoreEntry, StepRecord
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
    "ApiToken",
    "AuditEntry",
    "CalendarDay",
    "CalendarYear",
    "ClientRoster",
    "Conflict",
    "ContactBatch",
    "ContactEntry",
    "DataVersion",
    "District",
    "FindingEntry",
    "GradeChangeEntry",
    "LoginThrottle",
    "Membership",
    "Objection",
    "Organization",
    "PerformanceBudget",
    "PerformanceFunding",
    "PerformanceNarrativeEntry",
    "PerformanceTargetEntry",
    "ReportCheck",
    "Role",
    "RosterClient",
    "Round",
    "ScoreEntry",
    "Station",
    "StepRecord",
    "StoredFollowUp",
    "StoredPage",
    "StoredResult",
    "SurveyCall",
    "SurveyDraw",
    "latest_roster",
]
