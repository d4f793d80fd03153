"""Every error tthc raises, in one place.

All of them derive from :class:`TthcError`, so ``except tthc.TthcError``
catches anything the library refuses. Each concrete error also derives from
the builtin exception that fits (so ``except ValueError`` keeps working in
code that does not know tthc) and carries the offending value as ``.value``.

The tree::

    TthcError
    ├── InputTypeError (TypeError)         a value of the wrong type
    │   └── DatetimeGivenError             a datetime where a local date is required
    ├── NaiveDatetimeError (ValueError)    a datetime without a time zone
    ├── OutOfRangeError (ValueError)       outside the calendar's range of dates
    ├── CalendarConfigError (ValueError)   contradictory calendar data
    ├── NotAWorkingDayError (ValueError)   a working-day-only question on a day off
    ├── OfficeHoursError (ValueError)      overlapping, unordered or unreadable sessions
    ├── TimeLimitError (ValueError)        an invalid time limit (negative, zero...)
    ├── TimeLimitParseError (ValueError)   official wording that cannot be read
    ├── InvalidProcedureError (ValueError) a procedure field that is invalid (.field)
    ├── JsonFormatError (ValueError)       malformed JSON data (.path of the bad field)
    │   └── CatalogFormatError             a malformed catalog file (.entry, .field)
    ├── UnknownProcedureError (KeyError)   a procedure code not in the catalog
    ├── UnknownConditionError (LookupError) a condition the procedure states no limit for
    ├── InvalidActionError (ValueError)    an action the dossier's status does not allow
    ├── RuleViolationError (ValueError)    a broken rule, in strict mode (.rule)
    ├── UnknownPortalCodeError (ValueError) a code the national portal does not define
    ├── InputFileError (ValueError)        a malformed line of an input file (.line)
    │   └── FileEncodingError              a file in an encoding tthc cannot read (.path)
    ├── InstantParseError (ValueError)     text that is not an instant (parse_instant)
    ├── BadDossiersError (ValueError)      dossiers a report refuses (.problems)
    ├── ReportMismatchError (ValueError)   reports or rows that cannot be added up
    ├── DocumentNotApplicableError (ValueError) a slip the dossier's history cannot give (.kind)
    ├── MissingDependencyError (ImportError) an optional extra is not installed (.extra)
    ├── UnknownDossierError (KeyError)     a dossier code the store does not hold
    ├── DossierExistsError (ValueError)    adding a dossier code the store already holds
    ├── ConcurrencyError (RuntimeError)    a stale expected version (.code, .expected, .actual)
    └── StoreSchemaError (RuntimeError)    a store database of another schema version

Example:
    >>> import datetime, tthc
    >>> cal = tthc.WorkingCalendar.vietnam()
    >>> try:
    ...     cal.is_working_day(datetime.date(1990, 1, 1))
    ... except tthc.TthcError as error:
    ...     print(type(error).__name__, error.value)
    OutOfRangeError 1990-01-01
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BadDossiersError",
    "CalendarConfigError",
    "CatalogFormatError",
    "ConcurrencyError",
    "DatetimeGivenError",
    "DocumentNotApplicableError",
    "DossierExistsError",
    "FileEncodingError",
    "InputFileError",
    "InputTypeError",
    "InstantParseError",
    "InvalidActionError",
    "InvalidProcedureError",
    "JsonFormatError",
    "MissingDependencyError",
    "NaiveDatetimeError",
    "NotAWorkingDayError",
    "OfficeHoursError",
    "OutOfRangeError",
    "ReportMismatchError",
    "RuleViolationError",
    "StoreSchemaError",
    "TimeLimitError",
    "TimeLimitParseError",
    "TthcError",
    "UnknownConditionError",
    "UnknownDossierError",
    "UnknownPortalCodeError",
    "UnknownProcedureError",
]


class TthcError(Exception):
    """Base of every error raised by tthc; ``.value`` is the offending value.

    Example:
        >>> error = TthcError("bad thing", value=42)
        >>> str(error), error.value
        ('bad thing', 42)
    """

    def __init__(self, message: str, *, value: Any = None) -> None:
        super().__init__(message)
        self.value = value


class InputTypeError(TthcError, TypeError):
    """A value of the wrong type was passed.

    Example:
        >>> import tthc
        >>> tthc.WorkingCalendar.vietnam().is_working_day("2026-01-02")
        Traceback (most recent call last):
        ...
        tthc.errors.InputTypeError: expected a datetime.date, got str: '2026-01-02'
    """


class DatetimeGivenError(InputTypeError):
    """A ``datetime`` was passed where a local ``date`` is required.

    ``datetime`` is a subclass of ``date``; silently taking its date part
    would use whatever time zone it happens to carry, so the caller must
    choose the local date.

    Example:
        >>> import datetime, tthc
        >>> tthc.WorkingCalendar.vietnam().is_working_day(datetime.datetime(2026, 1, 2))
        Traceback (most recent call last):
        ...
        tthc.errors.DatetimeGivenError: expected a date, got a datetime ...
    """


class NaiveDatetimeError(TthcError, ValueError):
    """A datetime without a time zone; tthc never guesses the zone.

    Example:
        >>> NaiveDatetimeError("naive", value=None).value is None
        True
    """


class OutOfRangeError(TthcError, ValueError):
    """A date outside the calendar's range; ``.start`` and ``.end`` give the range.

    Example:
        >>> import datetime, tthc
        >>> cal = tthc.WorkingCalendar.vietnam(start_year=2020, end_year=2030)
        >>> cal.add_working_days(datetime.date(2030, 12, 30), 5)
        Traceback (most recent call last):
        ...
        tthc.errors.OutOfRangeError: the result of adding 5 working days to 2030-12-30 is outside the calendar's range 2020-01-01..2030-12-31
    """

    def __init__(
        self, message: str, *, value: Any = None, start: Any = None, end: Any = None
    ) -> None:
        super().__init__(message, value=value)
        self.start = start
        self.end = end


class CalendarConfigError(TthcError, ValueError):
    """Contradictory calendar data, e.g. a date both closed and worked.

    Example:
        >>> import datetime, tthc
        >>> day = datetime.date(2026, 12, 12)
        >>> tthc.WorkingCalendar.vietnam(closures={day: "storm"}, extra_working_days={day: "x"})
        Traceback (most recent call last):
        ...
        tthc.errors.CalendarConfigError: 2026-12-12 is both a closure and an extra working day
    """


class NotAWorkingDayError(TthcError, ValueError):
    """A question that only makes sense on a working day was asked of a day off.

    Example:
        >>> NotAWorkingDayError("closed", value=1).value
        1
    """


class OfficeHoursError(TthcError, ValueError):
    """Office hours that overlap, are unordered, empty or cannot be read.

    Example:
        >>> OfficeHoursError("bad", value="25:00-26:00").value
        '25:00-26:00'
    """


class TimeLimitError(TthcError, ValueError):
    """An invalid time limit (negative, zero where not allowed, wrong unit).

    Example:
        >>> TimeLimitError("bad", value=-1).value
        -1
    """


class TimeLimitParseError(TthcError, ValueError):
    """Official wording of a time limit that tthc cannot read; ``.value`` is the text.

    Example:
        >>> TimeLimitParseError("cannot read", value="sớm nhất có thể").value
        'sớm nhất có thể'
    """


class InvalidProcedureError(TthcError, ValueError):
    """A procedure with an invalid field; ``.field`` names it, ``.value`` holds the value.

    Example:
        >>> error = InvalidProcedureError("bad fee", field="fees.amount", value=-1)
        >>> error.field, error.value
        ('fees.amount', -1)
    """

    def __init__(self, message: str, *, field: str, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.field = field


class JsonFormatError(TthcError, ValueError):
    """Malformed JSON data; ``.path`` is the JSON path of the bad field (``$.fees[0]``).

    Example:
        >>> import tthc
        >>> tthc.loads('{"amount": "5", "description": "x"}', tthc.Fee)
        Traceback (most recent call last):
        ...
        tthc.errors.JsonFormatError: $.amount: expected int, got str: '5'
    """

    def __init__(self, message: str, *, path: str = "$", value: Any = None) -> None:
        super().__init__(message, value=value)
        self.path = path


class CatalogFormatError(JsonFormatError):
    """A malformed catalog file: ``.entry`` (code or position) and ``.field`` (a path).

    Example:
        >>> error = CatalogFormatError("bad", entry="1.004873", field="$.fees[0].amount")
        >>> error.entry, error.field, error.path
        ('1.004873', '$.fees[0].amount', '$.fees[0].amount')
    """

    def __init__(
        self, message: str, *, entry: Any = None, field: str = "$", value: Any = None
    ) -> None:
        super().__init__(message, path=field, value=value)
        self.entry = entry
        self.field = field


class UnknownProcedureError(TthcError, KeyError):
    """A procedure code that the catalog does not hold; ``.value`` is the code.

    Example:
        >>> import tthc
        >>> tthc.Catalog.bundled()["9.999999"]
        Traceback (most recent call last):
        ...
        tthc.errors.UnknownProcedureError: no procedure with code '9.999999' in the catalog
    """

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0])


class UnknownPortalCodeError(TthcError, ValueError):
    """A status, channel or other code that the National Public Service Portal does not define.

    Example:
        >>> import tthc
        >>> tthc.Channel.from_portal_code(9)
        Traceback (most recent call last):
        ...
        tthc.errors.UnknownPortalCodeError: unknown Channel code 9 of the National Public Service Portal
    """


class InvalidActionError(TthcError, ValueError):
    """An action the dossier's status or timeline does not allow; ``.status``, ``.action``.

    Example:
        >>> error = InvalidActionError("no", status=None, action="resolved", value=1)
        >>> error.action
        'resolved'
    """

    def __init__(self, message: str, *, status: Any, action: str, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.status = status
        self.action = action


class RuleViolationError(TthcError, ValueError):
    """A rule broken by an official, raised instead of recorded in strict mode; ``.rule``.

    Example:
        >>> RuleViolationError("late", rule="late_notice").rule
        'late_notice'
    """

    def __init__(self, message: str, *, rule: str, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.rule = rule


class InputFileError(TthcError, ValueError):
    """A malformed line or row of an input file; ``.line`` is its line number.

    Example:
        >>> InputFileError("line 3: bad date", line=3).line
        3
    """

    def __init__(self, message: str, *, line: int, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.line = line


class FileEncodingError(InputFileError):
    """A file whose bytes are in no encoding tthc reads; ``.path`` names the file.

    tthc reads UTF-8 (with or without a byte-order mark), UTF-16 with a
    byte-order mark (what Excel writes as "Unicode text") and Windows-1258 /
    Windows-1252; anything else is refused rather than guessed.

    Example:
        >>> FileEncodingError("cannot decode", path="x.csv", line=1).path
        'x.csv'
    """

    def __init__(self, message: str, *, path: Any = None, line: int = 1, value: Any = None) -> None:
        super().__init__(message, line=line, value=value)
        self.path = path


class InstantParseError(TthcError, ValueError):
    """Text that is neither ``yyyyMMddHHmmss`` nor ISO 8601; ``.value`` is the text.

    Example:
        >>> import tthc
        >>> tthc.parse_instant("31/12/2026")
        Traceback (most recent call last):
        ...
        tthc.errors.InstantParseError: not an instant (yyyyMMddHHmmss or ISO 8601): '31/12/2026'
    """


class BadDossiersError(TthcError, ValueError):
    """Dossiers that a report cannot count; ``.problems`` lists them (index, code, message).

    Raised by ``Report.build`` with ``errors="raise"`` (the default), naming
    the first bad dossier; ``errors="collect"`` lists them all on the report.

    Example:
        >>> BadDossiersError("bad", problems=(), value=None).problems
        ()
    """

    def __init__(self, message: str, *, problems: Any = (), value: Any = None) -> None:
        super().__init__(message, value=value)
        self.problems = problems


class ReportMismatchError(TthcError, ValueError):
    """Reports (or rows) that cannot be added up: other periods, instants, groupings or groups.

    Example:
        >>> ReportMismatchError("different periods", value=("2026-Q1", "2026-Q2")).value
        ('2026-Q1', '2026-Q2')
    """


# -- documents and pictures (tthc.documents, tthc.excel, tthc.plots) --------------------------


class DocumentNotApplicableError(TthcError, ValueError):
    """A document the dossier's history cannot give; ``.kind`` names the document.

    For example a refusal slip for a dossier that was not refused, or an
    apology (BM.04) for one that was never rescheduled.

    Example:
        >>> DocumentNotApplicableError("never rescheduled", kind="apology").kind
        'apology'
    """

    def __init__(self, message: str, *, kind: str, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.kind = kind


class MissingDependencyError(TthcError, ImportError):
    """An optional dependency is not installed; ``.extra`` is the extra that brings it.

    ``.value`` is the missing module's name.

    Example:
        >>> error = MissingDependencyError("install tthc[pdf]", extra="pdf", value="weasyprint")
        >>> error.extra, error.value, isinstance(error, ImportError)
        ('pdf', 'weasyprint', True)
    """

    def __init__(self, message: str, *, extra: str, value: Any = None) -> None:
        super().__init__(message, value=value)
        self.extra = extra


class UnknownConditionError(TthcError, LookupError):
    """A condition for which a procedure states no time limit; ``.value`` is the condition.

    Example:
        >>> p = tthc.Catalog.bundled()["1.004873"]
        >>> try:
        ...     p.limit_for(condition="vùng sâu")
        ... except LookupError as error:
        ...     print(type(error).__name__, error.value)
        UnknownConditionError vùng sâu
    """


# -- the dossier store (tthc.store) ------------------------------------------------------------


class UnknownDossierError(TthcError, KeyError):
    """A dossier code that the store does not hold; ``.value`` is the code.

    Example:
        >>> str(UnknownDossierError("no dossier 'X' in the store", value="X"))
        "no dossier 'X' in the store"
    """

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0])


class DossierExistsError(TthcError, ValueError):
    """:meth:`~tthc.store.DossierStore.add` of a code the store already holds; ``.value``.

    Example:
        >>> DossierExistsError("already stored", value="H12-261207-0001").value
        'H12-261207-0001'
    """


class ConcurrencyError(TthcError, RuntimeError):
    """Someone else wrote the dossier first: the expected version is stale.

    ``.code`` names the dossier, ``.expected`` the version the writer read,
    ``.actual`` the version now stored (``.value`` is ``.expected``). Read the
    dossier again and decide whether the action still applies.

    Example:
        >>> error = ConcurrencyError.stale("H12-261207-0001", expected=3, actual=4)
        >>> print(error)
        dossier 'H12-261207-0001' is at version 4, not 3: it changed since it was read
        >>> error.code, error.expected, error.actual
        ('H12-261207-0001', 3, 4)
    """

    def __init__(self, message: str, *, code: str, expected: int, actual: int) -> None:
        super().__init__(message, value=expected)
        self.code = code
        self.expected = expected
        self.actual = actual

    @classmethod
    def stale(cls, code: str, *, expected: int, actual: int) -> ConcurrencyError:
        """The error with its standard message.

        Example:
            >>> ConcurrencyError.stale("A", expected=1, actual=2).actual
            2
        """
        return cls(
            f"dossier {code!r} is at version {actual}, not {expected}: it changed since it was read",
            code=code,
            expected=expected,
            actual=actual,
        )


class StoreSchemaError(TthcError, RuntimeError):
    """A store database that is not initialised or has another schema version; ``.value``.

    Example:
        >>> StoreSchemaError("schema version 9, this tthc reads 1", value=9).value
        9
    """
