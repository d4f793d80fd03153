"""Time limits of procedures (*thời hạn giải quyết*) and their official wording.

Five kinds of limit cover the official texts:

- :class:`WorkingDays` — ``"03 ngày làm việc"``; the receipt day is not
  counted (Civil Code 2015, Art. 147). With ``cutoff``, the decree's other
  convention: the receipt day counts as day one when the dossier is received
  before the cut-off, otherwise counting starts the next working day.
- :class:`WorkingHours` — ``"04 giờ làm việc"``; only office time counts.
- :class:`CalendarDays` — ``"05 ngày"``; a last day that is a day off moves to
  the next working day (Art. 148).
- :class:`Months` — ``"04 tháng"``; ends on the corresponding day of the last
  month, or on its last day when it has none (Civil Code 2015, Art. 148(3)).
- :class:`SameDay` — ``"Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau
  15 giờ thì trả kết quả trong ngày làm việc tiếp theo"``.

:func:`parse_time_limit` reads the official phrasing (with or without
diacritics); ``str(limit)`` writes the canonical phrasing back.

Example:
    >>> parse_time_limit("Không quá 03 ngày làm việc")
    WorkingDays(days=3, cutoff=None)
    >>> str(WorkingHours(4))
    '04 giờ làm việc'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from tthc._text import fold, plural
from tthc.errors import InputTypeError, TimeLimitError, TimeLimitParseError

__all__ = [
    "CalendarDays",
    "Months",
    "SameDay",
    "TimeLimit",
    "WorkingDays",
    "WorkingHours",
    "parse_time_limit",
]

DEFAULT_CUTOFF = dt.time(15, 0)

Number = int | Fraction
MAX_AMOUNT = 36_500  # a hundred years of days: larger amounts are typing errors


def _amount(value: Any, *, unit: str, whole: bool = False) -> Number:
    """A positive int or Fraction (floats and decimal strings read exactly)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | str):
        raise InputTypeError(
            f"{unit} must be a number, got {type(value).__name__}: {value!r}", value=value
        )
    try:
        number = Fraction(str(value)) if isinstance(value, float | str) else Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise TimeLimitError(f"{unit} must be a number, got {value!r}", value=value) from None
    if number <= 0:
        raise TimeLimitError(f"{unit} must be positive, got {value!r}", value=value)
    if number > MAX_AMOUNT:
        raise TimeLimitError(
            f"{unit} must be at most {MAX_AMOUNT} (no published limit comes near), got {value!r}",
            value=value,
        )
    if number.denominator == 1:
        return int(number)
    if whole:
        raise TimeLimitError(f"{unit} must be a whole number, got {value!r}", value=value)
    return number


def _working_days(value: Any) -> Number:
    return _amount(value, unit="working days")


def _working_hours(value: Any) -> Number:
    return _amount(value, unit="working hours")


def _calendar_days(value: Any) -> int:
    return int(_amount(value, unit="calendar days", whole=True))


def _months(value: Any) -> int:
    return int(_amount(value, unit="months", whole=True))


def _cutoff(value: Any) -> dt.time | None:
    if value is None:
        return None
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    raise InputTypeError(
        f"cutoff must be a naive datetime.time or None, got {value!r}", value=value
    )


def _fmt_amount(value: Number) -> str:
    if isinstance(value, int):
        return f"{value:02d}"
    if value.numerator == 1 or (value.denominator not in (2, 4, 5, 10, 20, 25, 50, 100)):
        return f"{value.numerator}/{value.denominator}"
    whole, rest = divmod(value, 1)
    decimals = f"{float(rest):.2f}"[2:].rstrip("0")
    return f"{int(whole)},{decimals}"


def _fmt_cutoff(cutoff: dt.time) -> str:
    return f"{cutoff.hour} giờ" + (f" {cutoff.minute:02d}" if cutoff.minute else "")


class TimeLimit:
    """Base of every time limit; ``unit`` says how it is counted.

    Example:
        >>> isinstance(WorkingDays(3), TimeLimit), WorkingDays(3).unit
        (True, 'working_days')
    """

    __slots__ = ()
    unit: ClassVar[str] = ""

    @property
    def is_day_based(self) -> bool:
        """Whether the limit ends at a close of office (day-based) rather than an instant.

        Example:
            >>> WorkingDays(3).is_day_based, WorkingHours(4).is_day_based
            (True, False)
        """
        return True


@attrs.frozen
class WorkingDays(TimeLimit):
    """``days`` working days; fractions (``1/2``) are counted as office time.

    Args:
        days: a positive number of working days (``Fraction(1, 2)``, ``0.5``
            and ``"1/2"`` are accepted).
        cutoff: ``None`` (default) for the Civil Code rule: the receipt day is
            not counted. A time, e.g. ``datetime.time(15)``, for decrees that say
            "if received after 15:00, counting starts the next working day":
            the receipt day is then day one when received by the cut-off.

    Example:
        >>> WorkingDays(3)
        WorkingDays(days=3, cutoff=None)
        >>> str(WorkingDays("1/2"))
        '1/2 ngày làm việc'
        >>> WorkingDays(0)
        Traceback (most recent call last):
        ...
        tthc.errors.TimeLimitError: working days must be positive, got 0
    """

    unit: ClassVar[str] = "working_days"
    days: Number = attrs.field(converter=_working_days)
    cutoff: dt.time | None = attrs.field(default=None, converter=_cutoff)

    def __attrs_post_init__(self) -> None:
        if self.cutoff is not None and not isinstance(self.days, int):
            raise TimeLimitError(
                "a cut-off applies to whole working days only", value=(self.days, self.cutoff)
            )

    @property
    def is_day_based(self) -> bool:
        return isinstance(self.days, int)

    def __str__(self) -> str:
        text = f"{_fmt_amount(self.days)} ngày làm việc"
        if self.cutoff is not None:
            text += (
                " kể từ ngày tiếp nhận; trường hợp nhận hồ sơ sau "
                f"{_fmt_cutoff(self.cutoff)} thì tính từ ngày làm việc tiếp theo"
            )
        return text


@attrs.frozen
class WorkingHours(TimeLimit):
    """``hours`` hours of office time (fractions allowed, e.g. ``0.5``).

    Example:
        >>> WorkingHours(0.5)
        WorkingHours(hours=Fraction(1, 2))
        >>> str(WorkingHours(1.5))
        '1,5 giờ làm việc'
    """

    unit: ClassVar[str] = "working_hours"
    hours: Number = attrs.field(converter=_working_hours)

    @property
    def is_day_based(self) -> bool:
        return False

    @property
    def duration(self) -> dt.timedelta:
        """The limit as a duration of office time.

        Example:
            >>> WorkingHours(0.5).duration
            datetime.timedelta(seconds=1800)
        """
        return dt.timedelta(microseconds=round(Fraction(self.hours) * 3_600_000_000))

    def __str__(self) -> str:
        return f"{_fmt_amount(self.hours)} giờ làm việc"


@attrs.frozen
class CalendarDays(TimeLimit):
    """``days`` calendar days; a last day that is a day off ends on the next working day.

    Example:
        >>> str(CalendarDays(15))
        '15 ngày'
    """

    unit: ClassVar[str] = "calendar_days"
    days: int = attrs.field(converter=_calendar_days)

    def __str__(self) -> str:
        return f"{self.days:02d} ngày"


@attrs.frozen
class Months(TimeLimit):
    """``months`` months (*tháng*), counted as the Civil Code 2015 counts them.

    Art. 148(3): a limit in months ends on the corresponding day of the last
    month; when that month has no such day (the 31st, 29-30 February) it ends
    on the month's last day. A last day that is a day off moves to the next
    working day, as for :class:`CalendarDays` (Art. 148(5)).

    Example:
        >>> str(Months(4))
        '04 tháng'
        >>> Months(1).end_date(datetime.date(2026, 1, 31))
        datetime.date(2026, 2, 28)
    """

    unit: ClassVar[str] = "months"
    months: int = attrs.field(converter=_months)

    def end_date(self, start: dt.date) -> dt.date:
        """The corresponding day ``months`` months after ``start`` (before any day off).

        Example:
            >>> Months(4).end_date(datetime.date(2026, 10, 31))
            datetime.date(2027, 2, 28)
        """
        index = start.month - 1 + self.months
        year, month = start.year + index // 12, index % 12 + 1
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))

    def __str__(self) -> str:
        return f"{self.months:02d} tháng"


@attrs.frozen
class SameDay(TimeLimit):
    """The result is due the day the dossier is received.

    Received after ``cutoff`` (15:00 by default), on a day off, or after the
    office has closed, it is due the next working day. ``cutoff=None`` means
    any time before the close of office.

    Example:
        >>> SameDay()
        SameDay(cutoff=datetime.time(15, 0))
        >>> str(SameDay())
        'Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo'
    """

    unit: ClassVar[str] = "same_day"
    cutoff: dt.time | None = attrs.field(default=DEFAULT_CUTOFF, converter=_cutoff)

    def __str__(self) -> str:
        if self.cutoff is None:
            return "Ngay trong ngày tiếp nhận"
        return (
            "Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau "
            f"{_fmt_cutoff(self.cutoff)} thì trả kết quả trong ngày làm việc tiếp theo"
        )


# -- parsing -----------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Folded (no diacritics, lower case), without a final full stop."""
    return fold(text).rstrip(" .;")


_NUMBER = r"(?P<num>\d+(?:[.,]\d+)?|\d+\s*/\s*\d+)(?:\s*\([a-z ]+\))?"
_PREFIX = r"(?:(?:thoi han(?: giai quyet)?\s*:?\s*)?(?:khong qua|toi da|trong thoi han|trong vong|trong)\s+)?"
_FROM = (
    r"(?:\s*,?\s*(?:ke )?tu (?:ngay|thoi diem) (?:tiep nhan|nhan)(?: duoc)?(?: du)?"
    r"(?: ho so| giay to| yeu cau)?(?: day du va hop le| hop le| day du)?(?: theo quy dinh)?)?"
)
# "... or longer by written agreement": an agreement made per dossier, not a different limit.
_AGREED = (
    r"(?:\s*[,;]?\s*(?:hoac )?(?:co the )?keo dai (?:hon )?theo thoa thuan bang van ban[a-z ,]*)?"
)
_CUT = r"(?P<ch>\d{1,2})\s*(?:gio|h|:)\s*(?:(?P<cm>\d{2})\s*(?:phut)?)?"
_WHAT = r"(?:ho so|giay to|yeu cau)"
_NEXT_COUNT = (
    rf"\s*[;,.]?\s*(?:truong hop|neu) (?:tiep nhan|nhan) {_WHAT} sau {_CUT}\s*"
    r"thi (?:bat dau )?(?:duoc )?tinh (?:tu|vao) ngay lam viec tiep theo"
)
_AMOUNT = re.compile(
    rf"^{_PREFIX}{_NUMBER}\s*(?P<unit>ngay lam viec|ngay|gio lam viec|thang){_FROM}{_AGREED}"
    rf"(?:{_NEXT_COUNT})?$"
)
_SAME_DAY_HEAD = (
    r"(?:ngay |giai quyet |tra ket qua |duoc thuc hien )?(?:trong ngay(?: lam viec)?"
    rf"(?: co quan,? to chuc)?(?: tiep nhan| nhan)?(?: {_WHAT})?(?: hop le)?"
    rf"|ngay sau khi (?:tiep nhan|nhan)(?: du)? {_WHAT}(?: hop le)?(?: theo quy dinh)?)"
)
_SAME_DAY = re.compile(
    rf"^{_SAME_DAY_HEAD}"
    rf"(?:\s*[;,.]?\s*(?:truong hop|neu) (?:tiep nhan|nhan) {_WHAT} sau {_CUT}\s*"
    r"(?:ma khong giai quyet duoc ngay )?"
    r"thi (?:tra ket qua|giai quyet|hoan thanh)(?: ngay)? (?:trong|vao) ngay lam viec tiep theo)?$"
)
# Decree 23/2015's order: "... hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ".
_SAME_DAY_23 = re.compile(
    rf"^{_SAME_DAY_HEAD}\s*,? hoac trong ngay lam viec tiep theo,? "
    rf"neu (?:tiep nhan|nhan) {_WHAT} sau {_CUT}$"
)


def _read_number(text: str) -> Fraction:
    text = text.replace(" ", "")
    if "/" in text:
        num, den = text.split("/")
        if int(den) == 0:
            raise ZeroDivisionError
        return Fraction(int(num), int(den))
    return Fraction(text.replace(",", "."))


def _read_cutoff(found: re.Match[str]) -> dt.time | None:
    if found.group("ch") is None:
        return None
    return dt.time(int(found.group("ch")), int(found.group("cm") or 0))


def _read_canonical(plain: str) -> TimeLimit | None:
    """The one-limit phrasings of folded ``plain`` text, or ``None``.

    Raises TimeLimitError, ValueError or ZeroDivisionError for a phrasing
    whose values are invalid ("0 ngày làm việc", "1/0 ngày").
    """
    found = _AMOUNT.match(plain)
    if found:
        number = _read_number(found.group("num"))
        unit = found.group("unit")
        cutoff = _read_cutoff(found)
        if unit == "ngay lam viec":
            return WorkingDays(number, cutoff=cutoff)
        if cutoff is not None:
            raise TimeLimitError("a cut-off applies to working days only", value=plain)
        if unit == "gio lam viec":
            return WorkingHours(number)
        if unit == "thang":
            return Months(number)
        return CalendarDays(number)
    found = _SAME_DAY.match(plain) or _SAME_DAY_23.match(plain)
    if found:
        return SameDay(cutoff=_read_cutoff(found))
    return None


def parse_time_limit(text: str) -> TimeLimit:
    """Read an official processing time, e.g. ``"03 ngày làm việc"``.

    Diacritics, letter case, leading zeros, qualifiers such as "Không quá" or
    "Tối đa" and the phrase "kể từ ngày nhận đủ hồ sơ hợp lệ" are optional.
    It is strict: it returns the limit only when the text states exactly one
    limit counted from receipt; :func:`~tthc.parse_limit_text` reads the rest
    (conditional limits, stages, other events).

    Raises:
        TimeLimitParseError: the text is not a time limit tthc can read
            (the error quotes it). tthc never guesses.

    Example:
        >>> parse_time_limit("05 ngày")
        CalendarDays(days=5)
        >>> parse_time_limit("04 giờ làm việc")
        WorkingHours(hours=4)
        >>> parse_time_limit("Toi da 03 ngay lam viec ke tu ngay nhan du ho so hop le")
        WorkingDays(days=3, cutoff=None)
        >>> parse_time_limit("1/2 ngày làm việc")
        WorkingDays(days=Fraction(1, 2), cutoff=None)
        >>> parse_time_limit("Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ "
        ...                  "thì trả kết quả trong ngày làm việc tiếp theo")
        SameDay(cutoff=datetime.time(15, 0))
        >>> parse_time_limit("càng sớm càng tốt")
        Traceback (most recent call last):
        ...
        tthc.errors.TimeLimitParseError: cannot read the time limit 'càng sớm càng tốt': states no time limit
        >>> parse_time_limit("Ngay trong ngày; trường hợp cần xác minh thì 03 ngày làm việc")
        Traceback (most recent call last):
        ...
        tthc.errors.TimeLimitParseError: cannot read the time limit 'Ngay trong ngày; trường hợp cần xác minh thì 03 ngày làm việc': states 1 conditional limit besides the default; use parse_limit_text
    """
    if not isinstance(text, str):
        raise InputTypeError(
            f"expected the text of a time limit, got {type(text).__name__}", value=text
        )
    try:
        limit = _read_canonical(_plain(text))
    except (TimeLimitError, ValueError, ZeroDivisionError) as error:
        raise TimeLimitParseError(
            f"cannot read the time limit {text!r}: {error}", value=text
        ) from error
    if limit is not None:
        return limit
    from tthc.limit_text import parse_limit_text

    reading = parse_limit_text(text)
    if reading.main is not None and reading.is_plain:
        return reading.main
    raise TimeLimitParseError(f"cannot read the time limit {text!r}: {_why(reading)}", value=text)


def _why(reading: Any) -> str:
    """Why a whole text is not one limit counted from receipt (for the strict parser)."""
    if reading.main is None:
        reason: str = reading.reason or "states no single limit"
        if reading.alternatives or reading.stages:
            reason += "; use parse_limit_text"
        return reason
    parts = []
    if reading.alternatives:
        parts.append(plural(len(reading.alternatives), "conditional limit"))
    if reading.stages:
        parts.append(plural(len(reading.stages), "stage"))
    return f"states {' and '.join(parts)} besides the default; use parse_limit_text"
