"""tthc: Vietnamese administrative procedures, dossiers and their legal deadlines.

Example:
    >>> import datetime, tthc
    >>> cal = tthc.WorkingCalendar.vietnam()
    >>> cal.add_working_days(datetime.date(2026, 12, 7), 3)
    datetime.date(2026, 12, 10)
"""

from tthc.calendar import DayKind, SpecialDay, WorkingCalendar, last_confirmed_year
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

__all__ = [
    "CalendarConfigError",
    "DatetimeGivenError",
    "DayKind",
    "InputTypeError",
    "NaiveDatetimeError",
    "NotAWorkingDayError",
    "OfficeHoursError",
    "OutOfRangeError",
    "SpecialDay",
    "TimeLimitError",
    "TimeLimitParseError",
    "TthcError",
    "WorkingCalendar",
    "last_confirmed_year",
]
