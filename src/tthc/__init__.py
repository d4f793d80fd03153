"""tthc: Vietnamese administrative procedures, dossiers and their legal deadlines.

Example:
    >>> import datetime, tthc
    >>> cal = tthc.WorkingCalendar.vietnam()
    >>> cal.add_working_days(datetime.date(2026, 12, 7), 3)
    datetime.date(2026, 12, 10)
"""

from tthc.calendar import (
    DayKind,
    SpecialDay,
    WorkingCalendar,
    announced_days,
    last_confirmed_year,
)
from tthc.catalog import CATALOG_FORMAT, Catalog
from tthc.deadline import Deadline, Note
from tthc.dossier import (
    ControlSlipRow,
    Dossier,
    Event,
    EventKind,
    Outcome,
    Status,
    Violation,
    dossier_code,
    judge,
)
from tthc.errors import (
    CalendarConfigError,
    CatalogFormatError,
    DatetimeGivenError,
    DocumentNotApplicableError,
    InputFileError,
    InputTypeError,
    InvalidActionError,
    InvalidProcedureError,
    JsonFormatError,
    MissingDependencyError,
    NaiveDatetimeError,
    NotAWorkingDayError,
    OfficeHoursError,
    OutOfRangeError,
    ReportMismatchError,
    RuleViolationError,
    TimeLimitError,
    TimeLimitParseError,
    TthcError,
    UnknownConditionError,
    UnknownPortalCodeError,
    UnknownProcedureError,
)
from tthc.files import (
    Loaded,
    iter_dossiers_jsonl,
    read_dossiers_jsonl,
    read_portal_csv,
    write_dossiers_jsonl,
)
from tthc.hours import OfficeHours, Season, Session, parse_sessions
from tthc.limit_text import ConditionalLimit, ConditionKind, LimitText, parse_limit_text
from tthc.limits import (
    CalendarDays,
    Months,
    SameDay,
    TimeLimit,
    WorkingDays,
    WorkingHours,
    parse_time_limit,
)
from tthc.portal import from_portal_record, to_portal_record
from tthc.procedure import (
    Channel,
    Document,
    DocumentForm,
    Fee,
    Level,
    OnlineLevel,
    PauseKind,
    PausePolicy,
    Procedure,
    Step,
)
from tthc.report import Report, ReportRow
from tthc.schedule import Schedule
from tthc.serialize import dumps, loads
from tthc.simulate import simulate

__all__ = [
    "CATALOG_FORMAT",
    "CalendarConfigError",
    "CalendarDays",
    "Catalog",
    "CatalogFormatError",
    "Channel",
    "ConditionKind",
    "ConditionalLimit",
    "ControlSlipRow",
    "DatetimeGivenError",
    "DayKind",
    "Deadline",
    "Document",
    "DocumentForm",
    "DocumentNotApplicableError",
    "Dossier",
    "Event",
    "EventKind",
    "Fee",
    "InputFileError",
    "InputTypeError",
    "InvalidActionError",
    "InvalidProcedureError",
    "JsonFormatError",
    "Level",
    "LimitText",
    "Loaded",
    "MissingDependencyError",
    "Months",
    "NaiveDatetimeError",
    "NotAWorkingDayError",
    "Note",
    "OfficeHours",
    "OfficeHoursError",
    "OnlineLevel",
    "OutOfRangeError",
    "Outcome",
    "PauseKind",
    "PausePolicy",
    "Procedure",
    "Report",
    "ReportMismatchError",
    "ReportRow",
    "RuleViolationError",
    "SameDay",
    "Schedule",
    "Season",
    "Session",
    "SpecialDay",
    "Status",
    "Step",
    "TimeLimit",
    "TimeLimitError",
    "TimeLimitParseError",
    "TthcError",
    "UnknownConditionError",
    "UnknownPortalCodeError",
    "UnknownProcedureError",
    "Violation",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingHours",
    "announced_days",
    "dossier_code",
    "dumps",
    "from_portal_record",
    "iter_dossiers_jsonl",
    "judge",
    "last_confirmed_year",
    "loads",
    "parse_limit_text",
    "parse_sessions",
    "parse_time_limit",
    "read_dossiers_jsonl",
    "read_portal_csv",
    "simulate",
    "to_portal_record",
    "write_dossiers_jsonl",
]
