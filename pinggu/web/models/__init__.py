"""What the workspace stores, split by feature and gathered here so Django finds every model
(app label `web`): people, rounds, the audit log, the calendar, the survey, API tokens and
the reports checked on 报告核对."""

from .api import ApiToken
from .audit import AuditEntry
from .calendar import CalendarDay, CalendarYear
from .checks import ReportCheck
from .people import Conflict, District, LoginThrottle, Membership, Organization, Role, Station
from .results import StoredPage, StoredResult
from .rounds import DataVersion, FindingEntry, Objection, Round, ScoreEntry, StepRecord
from .survey import AccessLog, ClientRoster, RosterClient, SurveyCall, SurveyDraw

__all__ = [
    "AccessLog",
    "ApiToken",
    "AuditEntry",
    "CalendarDay",
    "CalendarYear",
    "ClientRoster",
    "Conflict",
    "DataVersion",
    "District",
    "FindingEntry",
    "LoginThrottle",
    "Membership",
    "Objection",
    "Organization",
    "ReportCheck",
    "Role",
    "RosterClient",
    "Round",
    "ScoreEntry",
    "Station",
    "StepRecord",
    "StoredPage",
    "StoredResult",
    "SurveyCall",
    "SurveyDraw",
]
