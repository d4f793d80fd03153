"""tthc: Vietnamese administrative procedures, dossiers and their legal deadlines.

Example:
    >>> import datetime, tthc
    >>> cal = tthc.WorkingCalendar.vietnam()
    >>> cal.add_working_days(datetime.date(2026, 12, 7), 3)
    datetime.date(2026, 12, 10)
"""

from tthc.calendar import DayKind, SpecialDay, WorkingCalendar, last_confirmed_year
from tthc.deadline import Deadline, Note
from tthc.errors import (
    CalendarConfigError,
    DatetimeGivenError,
    InputTypeError,
    NaiveDatetimeError,
    NotAWorkingDayError,
    OfficeHoursError,
    OutOfRangeError,
    TimeLimitError,
    TimeLimitParseError,
    TthcError,
)
from tthc.hours import OfficeHours, Season, Session, parse_sessions
from tthc.limits import (
    CalendarDays,
    SameDay,
    TimeLimit,
    WorkingDays,
    WorkingHours,
    parse_time_limit,
)
from tthc.schedule import Schedule

__all__ = [
    "CalendarConfigError",
    "CalendarDays",
    "DatetimeGivenError",
    "DayKind",
    "Deadline",
    "InputTypeError",
    "NaiveDatetimeError",
    "NotAWorkingDayError",
    "Note",
    "OfficeHours",
    "OfficeHoursError",
    "OutOfRangeError",
    "SameDay",
    "Schedule",
    "Season",
    "Session",
    "SpecialDay",
    "TimeLimit",
    "TimeLimitError",
    "TimeLimitParseError",
    "TthcError",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingHours",
    "last_confirmed_year",
    "parse_sessions",
    "parse_time_limit",
]
