"""Office hours (*giờ làm việc*): the sessions an office works each day.

Provinces set their own office hours, often 07:30–11:30 and 13:00–17:00,
some with a summer and a winter variant. :class:`OfficeHours` holds any
number of sessions per weekday, the hours used on make-up Saturdays, an
optional Saturday-morning reception desk, and seasonal variants.

Example:
    >>> hours = OfficeHours.parse("07:30-11:30,13:00-17:00")
    >>> hours.weekdays[0]
    (Session(start=datetime.time(7, 30), end=datetime.time(11, 30)), Session(start=datetime.time(13, 0), end=datetime.time(17, 0)))
    >>> str(hours)
    '07:30-11:30,13:00-17:00'
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import Any

import attrs

from tthc.errors import InputTypeError, OfficeHoursError

__all__ = ["OfficeHours", "Season", "Session", "parse_sessions"]

# "7h30", "7g30" (minutes at most) or "07:30", "07:30:15", "07:30:15.5".
_TIME = r"(\d{1,2})(?:[hg](\d{2})?|:(?:(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?)"
_SESSION = re.compile(rf"^\s*{_TIME}\s*[-–]\s*{_TIME}\s*$")


def _fmt_time(value: dt.time) -> str:
    if value.microsecond:
        return value.strftime("%H:%M:%S.%f")
    return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")


def _read_time(
    hour: str,
    letter_minute: str | None,
    minute: str | None,
    second: str | None,
    fraction: str | None,
) -> dt.time:
    micro = int((fraction or "0").ljust(6, "0"))
    return dt.time(int(hour), int(letter_minute or minute or 0), int(second or 0), micro)


def _check_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise OfficeHoursError(
                f"office hours are local wall times; {value!r} has a tzinfo", value=value
            )
        return value
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise OfficeHoursError(f"cannot read the time {value!r}", value=value) from None
    raise InputTypeError(f"expected a datetime.time, got {type(value).__name__}", value=value)


@attrs.frozen(order=True)
class Session:
    """One session of office time, ``start`` to ``end`` on the same day.

    Example:
        >>> Session.parse("13:00-17:00").minutes
        240
        >>> Session.parse("17:00-13:00")
        Traceback (most recent call last):
        ...
        tthc.errors.OfficeHoursError: a session must end after it starts: '17:00-13:00'
    """

    start: dt.time = attrs.field(converter=_check_time)
    end: dt.time = attrs.field(converter=_check_time)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise OfficeHoursError(
                f"a session must end after it starts: '{self}'", value=(self.start, self.end)
            )

    @classmethod
    def parse(cls, text: str) -> Session:
        """Read ``"07:30-11:30"`` (also ``"7h30-11h30"``; seconds as ``"07:30:15"``).

        What :func:`str` writes reads back equal, seconds and microseconds included.

        Example:
            >>> Session.parse("7h30-11h30")
            Session(start=datetime.time(7, 30), end=datetime.time(11, 30))
            >>> str(Session.parse("07:30:15.5-11:30"))
            '07:30:15.500000-11:30'
        """
        if not isinstance(text, str):
            raise InputTypeError(f"expected a str, got {type(text).__name__}", value=text)
        found = _SESSION.match(text)
        if not found:
            raise OfficeHoursError(f"cannot read the session {text!r}", value=text)
        groups = found.groups()
        try:
            start = _read_time(*groups[:5])
            end = _read_time(*groups[5:])
        except ValueError:
            raise OfficeHoursError(f"cannot read the session {text!r}", value=text) from None
        return cls(start, end)

    @property
    def minutes(self) -> int:
        """Length in whole minutes.

        Example:
            >>> Session.parse("07:30-11:30").minutes
            240
        """
        return self.microseconds // 60_000_000

    @property
    def microseconds(self) -> int:
        """Length in microseconds.

        Example:
            >>> Session.parse("07:30-07:31").microseconds
            60000000
        """
        return _us(self.end) - _us(self.start)

    def __str__(self) -> str:
        return f"{_fmt_time(self.start)}-{_fmt_time(self.end)}"


def _us(value: dt.time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


Sessions = tuple[Session, ...]


def parse_sessions(value: Any, *, allow_empty: bool = False) -> Sessions:
    """Read a day's sessions from text or a sequence, checking order and overlap.

    Args:
        value: ``"07:30-11:30,13:00-17:00"`` or a sequence of :class:`Session`
            or of session strings.
        allow_empty: whether no session at all is acceptable.

    Example:
        >>> [str(s) for s in parse_sessions("07:30-11:30, 13:00-17:00")]
        ['07:30-11:30', '13:00-17:00']
        >>> parse_sessions("07:30-12:00,11:30-17:00")
        Traceback (most recent call last):
        ...
        tthc.errors.OfficeHoursError: sessions overlap or are out of order: 07:30-12:00 then 11:30-17:00
    """
    if isinstance(value, str):
        parts = [p for p in value.split(",") if p.strip()]
        sessions = tuple(Session.parse(p) for p in parts)
    elif isinstance(value, Session):
        sessions = (value,)
    elif isinstance(value, Sequence):
        sessions = tuple(s if isinstance(s, Session) else Session.parse(s) for s in value)
    else:
        raise InputTypeError(
            f"expected sessions as text or a sequence, got {type(value).__name__}", value=value
        )
    if not sessions and not allow_empty:
        raise OfficeHoursError("a working day needs at least one session", value=value)
    for before, after in itertools.pairwise(sessions):
        if after.start < before.end:
            raise OfficeHoursError(
                f"sessions overlap or are out of order: {before} then {after}", value=value
            )
    return sessions


def _weekdays(value: Any) -> tuple[Sessions, ...]:
    if isinstance(value, str | Session):
        day = parse_sessions(value)
        return (day,) * 5
    if (
        isinstance(value, Sequence)
        and len(value) == 5
        and not all(isinstance(v, Session) for v in value)
    ):
        return tuple(parse_sessions(v) for v in value)
    day = parse_sessions(value)
    return (day,) * 5


def _optional_sessions(value: Any) -> Sessions | None:
    return None if value is None else parse_sessions(value, allow_empty=True)


def _reception(value: Any) -> Sessions:
    return parse_sessions(value, allow_empty=True)


def _month_day(value: Any) -> tuple[int, int]:
    if isinstance(value, str):
        found = re.fullmatch(r"\s*(\d{1,2})[-/](\d{1,2})\s*", value)
        if not found:
            raise OfficeHoursError(f"expected 'MM-DD', got {value!r}", value=value)
        value = (int(found.group(1)), int(found.group(2)))
    if not (isinstance(value, tuple) and len(value) == 2):
        raise InputTypeError(f"expected (month, day) or 'MM-DD', got {value!r}", value=value)
    month, day = value
    try:
        dt.date(2024, month, day)  # a leap year admits 02-29
    except (TypeError, ValueError):
        raise OfficeHoursError(f"not a month and day: {value!r}", value=value) from None
    return (month, day)


@attrs.frozen
class Season:
    """Office hours that apply between two days of every year (both included).

    ``start`` may come after ``end`` for a season that spans New Year
    (winter: ``"10-15"`` to ``"04-14"``).

    Example:
        >>> summer = Season("04-15", "10-14", OfficeHours.parse("07:00-11:30,13:30-17:00"))
        >>> summer.contains(datetime.date(2026, 6, 1)), summer.contains(datetime.date(2026, 12, 1))
        (True, False)
    """

    start: tuple[int, int] = attrs.field(converter=_month_day)
    end: tuple[int, int] = attrs.field(converter=_month_day)
    hours: OfficeHours

    def __attrs_post_init__(self) -> None:
        if self.hours.seasons:
            raise OfficeHoursError(
                "a season's hours cannot have seasons of their own", value=self.hours
            )

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in this season.

        Example:
            >>> winter = Season("10-15", "04-14", OfficeHours.parse("07:30-11:30,13:00-16:30"))
            >>> winter.contains(datetime.date(2027, 1, 10))
            True
        """
        key = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= key <= self.end
        return key >= self.start or key <= self.end


def _seasons(value: Any) -> tuple[Season, ...]:
    seasons = tuple(value)
    for season in seasons:
        if not isinstance(season, Season):
            raise InputTypeError(f"expected Season, got {type(season).__name__}", value=season)
    return seasons


@attrs.frozen
class OfficeHours:
    """The sessions an office works, per weekday, with variants.

    Attributes:
        weekdays: sessions for Monday..Friday (five entries). Give one text
            or sequence to use the same sessions every weekday.
        make_up: sessions on make-up working days that fall on a weekend
            (*ngày làm bù*); ``None`` means Monday's sessions.
        saturday: sessions a reception desk is open on ordinary Saturdays.
            Dossiers can be received then, but it is not working time: limits
            are counted in working days and hours only.
        seasons: seasonal variants; the first season containing a date wins.

    Example:
        >>> hours = OfficeHours(
        ...     weekdays="07:30-11:30,13:00-17:00",
        ...     saturday="07:30-11:30",
        ...     seasons=[Season("04-15", "10-14", OfficeHours.parse("07:00-11:30,13:30-17:00"))],
        ... )
        >>> [str(s) for s in hours.sessions_on(datetime.date(2026, 6, 1))]
        ['07:00-11:30', '13:30-17:00']
        >>> [str(s) for s in hours.sessions_on(datetime.date(2026, 12, 1))]
        ['07:30-11:30', '13:00-17:00']
    """

    weekdays: tuple[Sessions, ...] = attrs.field(converter=_weekdays)
    make_up: Sessions | None = attrs.field(default=None, converter=_optional_sessions)
    saturday: Sessions = attrs.field(default=(), converter=_reception)
    seasons: tuple[Season, ...] = attrs.field(default=(), converter=_seasons)

    @classmethod
    def parse(cls, text: str, *, saturday: str = "") -> OfficeHours:
        """Office hours with the same sessions Monday to Friday, from text.

        Example:
            >>> OfficeHours.parse("07:30-11:30,13:00-17:00", saturday="07:30-11:30").saturday
            (Session(start=datetime.time(7, 30), end=datetime.time(11, 30)),)
        """
        return cls(weekdays=text, saturday=saturday)

    @classmethod
    def default(cls) -> OfficeHours:
        """07:30–11:30 and 13:00–17:00, Monday to Friday (and on make-up days).

        Example:
            >>> str(OfficeHours.default())
            '07:30-11:30,13:00-17:00'
        """
        return _DEFAULT

    def _for(self, day: dt.date) -> OfficeHours:
        for season in self.seasons:
            if season.contains(day):
                return season.hours
        return self

    def sessions_on(self, day: dt.date, *, working: bool = True) -> Sessions:
        """The working sessions of ``day`` if it is a working day.

        A weekend day that is a working day (a make-up day) uses ``make_up``
        hours, or Monday's. Pass ``working=False`` for a day off: the result is
        then the Saturday reception hours on a Saturday, else nothing.

        Example:
            >>> OfficeHours.default().sessions_on(datetime.date(2026, 8, 22))   # make-up Saturday
            (Session(start=datetime.time(7, 30), end=datetime.time(11, 30)), Session(start=datetime.time(13, 0), end=datetime.time(17, 0)))
        """
        hours = self._for(day)
        weekday = day.weekday()
        if not working:
            return hours.saturday if weekday == 5 else ()
        if weekday < 5:
            return hours.weekdays[weekday]
        return hours.make_up if hours.make_up is not None else hours.weekdays[0]

    def day_length(self, day: dt.date | None = None) -> dt.timedelta:
        """Working time of an ordinary working day (Monday's, or ``day``'s).

        Used to turn fractions of a working day (``"1/2 ngày làm việc"``) into time.

        Example:
            >>> OfficeHours.default().day_length()
            datetime.timedelta(seconds=28800)
        """
        sessions = self.weekdays[0] if day is None else self.sessions_on(day)
        return dt.timedelta(microseconds=sum(s.microseconds for s in sessions))

    def __str__(self) -> str:
        days = {",".join(map(str, d)) for d in self.weekdays}
        if len(days) == 1:
            return days.pop()
        return "; ".join(",".join(map(str, d)) for d in self.weekdays)


_DEFAULT = OfficeHours(weekdays="07:30-11:30,13:00-17:00")
