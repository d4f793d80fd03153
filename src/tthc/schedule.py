"""A schedule: a working calendar, office hours and a time zone.

:class:`Schedule` answers questions about instants: is the office open, when
does it open next, when does a day's office time close, and what instant is
N hours of office time after another. Every answer comes from tables built
once per schedule: for each day, its sessions and the running total of
office time before it. An instant maps to its *position* (office time since
the start of the calendar); adding working time is adding to the position.

Instants are timezone-aware. A naive datetime raises
:class:`~tthc.errors.NaiveDatetimeError`; an aware one in any zone is first
converted to the schedule's zone. Results are ``pendulum.DateTime``.

Example:
    >>> sched = Schedule.vietnam()
    >>> t = pendulum.datetime(2026, 12, 7, 11, 30, tz="Asia/Ho_Chi_Minh")
    >>> sched.add_working_time(t, datetime.timedelta(hours=1))   # lunch is skipped
    DateTime(2026, 12, 7, 14, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from tthc._validate import check_aware, check_date, instance_of
from tthc.calendar import WorkingCalendar
from tthc.errors import InputTypeError, NotAWorkingDayError, OutOfRangeError
from tthc.hours import OfficeHours

if TYPE_CHECKING:
    from tthc.deadline import Deadline
    from tthc.limits import TimeLimit

__all__ = ["Schedule"]

_US = dt.timedelta(microseconds=1)
_new_datetime = dt.datetime.__new__
Span = tuple[int, int]  # (start, end) in microseconds after local midnight


def _spans(sessions: Any) -> tuple[Span, ...]:
    out = []
    for s in sessions:
        start = ((s.start.hour * 60 + s.start.minute) * 60 + s.start.second) * 1_000_000
        end = ((s.end.hour * 60 + s.end.minute) * 60 + s.end.second) * 1_000_000
        out.append((start + s.start.microsecond, end + s.end.microsecond))
    return tuple(out)


def _timezone(value: Any) -> str:
    if not isinstance(value, str):
        raise InputTypeError(f"timezone must be a zone name, got {value!r}", value=value)
    try:
        pendulum.timezone(value)
    except Exception:  # pendulum raises its own not-found error
        raise InputTypeError(f"unknown time zone {value!r}", value=value) from None
    return value


def _check_bool(_: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, bool):
        raise InputTypeError(f"{attribute.name} must be True or False, got {value!r}", value=value)


def _check_hours(value: Any) -> OfficeHours:
    if isinstance(value, str):
        return OfficeHours.parse(value)
    if not isinstance(value, OfficeHours):
        raise InputTypeError(f"expected OfficeHours, got {type(value).__name__}", value=value)
    return value


@attrs.frozen(cache_hash=True, repr=False)
class Schedule:
    """A working calendar with office hours in a time zone.

    Args:
        calendar: which days are working days.
        hours: office hours (an :class:`~tthc.hours.OfficeHours` or text like
            ``"07:30-11:30,13:00-17:00"``).
        timezone: IANA zone name of the office, ``"Asia/Ho_Chi_Minh"`` by default.
        ends_at_close: ``True`` for an office whose own regulation judges a
            day-based limit at the close of office on its last day; by default
            (``False``) the limit ends at 24:00 of that day, as the Civil Code
            2015 (Art. 148(1)) says. See :meth:`legal_end`.

    Office time is counted in wall-clock time of the zone (Vietnam has no
    daylight saving time).

    Example:
        >>> cal = tthc.WorkingCalendar.vietnam()
        >>> sched = Schedule(cal, "07:00-11:30,13:30-17:00")
        >>> sched.close_of(datetime.date(2026, 12, 7))
        DateTime(2026, 12, 7, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
    """

    calendar: WorkingCalendar = attrs.field(validator=instance_of(WorkingCalendar))
    hours: OfficeHours = attrs.field(factory=OfficeHours.default, converter=_check_hours)
    timezone: str = attrs.field(default="Asia/Ho_Chi_Minh", converter=_timezone)
    ends_at_close: bool = attrs.field(default=False, kw_only=True, validator=_check_bool)

    _tz: pendulum.Timezone = attrs.field(init=False, eq=False, hash=False)
    _base: int = attrs.field(init=False, eq=False, hash=False)
    _size: int = attrs.field(init=False, eq=False, hash=False)
    _spans: tuple[tuple[Span, ...], ...] = attrs.field(init=False, eq=False, hash=False)
    _cum: tuple[int, ...] = attrs.field(init=False, eq=False, hash=False)
    _ymd: tuple[tuple[int, int, int], ...] = attrs.field(init=False, eq=False, hash=False)
    _fixed: dt.timedelta | None = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        base, size, spans, cum, ymd = _schedule_tables(self.calendar, self.hours)
        object.__setattr__(self, "_tz", pendulum.timezone(self.timezone))
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_size", size)
        object.__setattr__(self, "_spans", spans)
        object.__setattr__(self, "_cum", cum)
        object.__setattr__(self, "_ymd", ymd)
        start, end = self.calendar.start.year, self.calendar.end.year
        object.__setattr__(self, "_fixed", _fixed_offset(self.timezone, start, end))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as its configuration; the tables are rebuilt once per process.
        return _rebuild_schedule, (self.calendar, self.hours, self.timezone, self.ends_at_close)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis and IPython pretty-print attrs classes field by field; the
        # tables make that huge, so they print the short repr instead.
        printer.text(repr(self))

    def __repr__(self) -> str:
        judged = ", ends_at_close=True" if self.ends_at_close else ""
        return (
            f"Schedule({self.calendar!r}, hours='{self.hours}', timezone='{self.timezone}'{judged})"
        )

    @classmethod
    def vietnam(
        cls, calendar: WorkingCalendar | None = None, hours: OfficeHours | str | None = None
    ) -> Schedule:
        """The national calendar with office hours 07:30–11:30, 13:00–17:00, in Vietnam.

        Example:
            >>> Schedule.vietnam().hours == OfficeHours.default()
            True
        """
        if calendar is None and hours is None:
            return _default_schedule()
        return cls(
            calendar if calendar is not None else WorkingCalendar.vietnam(),
            hours if hours is not None else OfficeHours.default(),
        )

    # -- conversions -------------------------------------------------------------------

    def local(self, instant: dt.datetime) -> pendulum.DateTime:
        """``instant`` in the schedule's zone (a naive datetime is an error).

        Example:
            >>> import datetime as d
            >>> utc = d.datetime(2026, 12, 7, 3, 0, tzinfo=d.timezone.utc)
            >>> Schedule.vietnam().local(utc)
            DateTime(2026, 12, 7, 10, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        tz = self._tz
        if instant.__class__ is pendulum.DateTime and instant.tzinfo is tz:
            return instant  # already local: the common case, kept cheap
        check_aware(instant)
        if self._fixed is not None and instant.utcoffset() == self._fixed:
            # The zone's own offset (e.g. +07:00 read from a file): same wall clock.
            i = instant
            return _new_datetime(
                pendulum.DateTime,
                i.year,
                i.month,
                i.day,
                i.hour,
                i.minute,
                i.second,
                i.microsecond,
                tz,
            )
        try:
            return pendulum.instance(dt.datetime.astimezone(instant, tz))
        except OverflowError:  # within a day of datetime.min/max
            raise self._out_of_range(f"{instant} is outside", instant) from None

    def _locate(self, instant: dt.datetime) -> tuple[int, int, dt.datetime]:
        """(day index, wall microseconds after midnight, local datetime)."""
        tz = self._tz
        if instant.__class__ is not pendulum.DateTime or instant.tzinfo is not tz:
            check_aware(instant)
            if self._fixed is None or instant.utcoffset() != self._fixed:
                # datetime's own (C) conversion: pendulum's override is much slower.
                try:
                    instant = dt.datetime.astimezone(instant, tz)
                except OverflowError:  # within a day of datetime.min/max
                    raise self._out_of_range(f"{instant} is outside", instant) from None
            else:  # the zone's own offset (+07:00 read from a file): same wall clock
                w = instant
                instant = _new_datetime(
                    pendulum.DateTime,
                    w.year,
                    w.month,
                    w.day,
                    w.hour,
                    w.minute,
                    w.second,
                    w.microsecond,
                    tz,
                )
        local = instant
        i = local.toordinal() - self._base
        if i < 0 or i >= self._size:
            raise self._out_of_range(f"{instant} is outside", instant)
        us = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
        return i, us, local

    def _out_of_range(self, what: str, instant: Any) -> OutOfRangeError:
        start, end = self.calendar.start, self.calendar.end
        return OutOfRangeError(
            f"{what} the schedule's range {start}..{end}", value=instant, start=start, end=end
        )

    def _at(self, i: int, us: int) -> pendulum.DateTime:
        year, month, day = self._ymd[i]
        seconds, micro = divmod(us, 1_000_000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        # datetime's constructor on pendulum's class: same object, without
        # pendulum's Python-level __new__ (this is the hot path of every deadline).
        return _new_datetime(
            pendulum.DateTime, year, month, day, hour, minute, second, micro, self._tz
        )

    def _position(self, instant: dt.datetime) -> int:
        i, us, _ = self._locate(instant)
        position = self._cum[i]
        for start, end in self._spans[i]:
            if us >= end:
                position += end - start
            else:
                if us > start:
                    position += us - start
                break
        return position

    def _earliest(self, position: int, instant: Any) -> pendulum.DateTime:
        """The earliest instant whose position is ``position`` (a session end stays)."""
        cum = self._cum
        if position < 0 or position > cum[-1]:
            raise self._out_of_range(f"the result for {instant} is outside", instant)
        i = bisect_left(cum, position, 1) - 1
        rest = position - cum[i]
        for start, end in self._spans[i]:
            if rest <= end - start:
                return self._at(i, start + rest)
            rest -= end - start
        return self._at(i, 0)  # only for position 0 on a day without sessions

    def _latest(self, position: int, instant: Any) -> pendulum.DateTime:
        """The latest instant whose position is ``position`` (a session end moves on)."""
        cum = self._cum
        i = bisect_right(cum, position, 1) - 1
        if i >= self._size:
            raise self._out_of_range(f"no office time after {instant} is inside", instant)
        rest = position - cum[i]
        for start, end in self._spans[i]:
            if rest < end - start:
                return self._at(i, start + rest)
            rest -= end - start
        raise AssertionError("unreachable: the day holds the position")  # pragma: no cover

    # -- questions about instants ------------------------------------------------------------

    def _receiving(self, i: int) -> tuple[Span, ...]:
        spans = self._spans[i]
        if spans:
            return spans
        day = dt.date.fromordinal(self._base + i)
        if day.weekday() == 5 and day not in self.calendar.special_days:
            return _spans(self.hours.sessions_on(day, working=False))
        return ()

    def is_open(self, instant: dt.datetime) -> bool:
        """Whether the office is open at ``instant`` (Saturday reception included).

        A session is open from its start up to, not including, its end.

        Example:
            >>> sched = Schedule.vietnam()
            >>> sched.is_open(pendulum.datetime(2026, 12, 7, 12, 0, tz="Asia/Ho_Chi_Minh"))
            False
            >>> sched.is_open(pendulum.datetime(2026, 12, 7, 13, 0, tz="Asia/Ho_Chi_Minh"))
            True
        """
        i, us, _ = self._locate(instant)
        return any(start <= us < end for start, end in self._receiving(i))

    def is_working_time(self, instant: dt.datetime) -> bool:
        """Whether ``instant`` is office time that counts towards limits.

        Example:
            >>> Schedule.vietnam().is_working_time(
            ...     pendulum.datetime(2026, 2, 17, 9, 0, tz="Asia/Ho_Chi_Minh"))   # Tết
            False
        """
        i, us, _ = self._locate(instant)
        return any(start <= us < end for start, end in self._spans[i])

    def next_opening(self, instant: dt.datetime) -> pendulum.DateTime:
        """The earliest instant at or after ``instant`` when the office is open.

        Example:
            >>> sched = Schedule.vietnam()
            >>> sched.next_opening(pendulum.datetime(2026, 2, 13, 17, 0, tz="Asia/Ho_Chi_Minh"))
            DateTime(2026, 2, 23, 7, 30, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        i, us, local = self._locate(instant)
        if any(start <= us < end for start, end in self._receiving(i)):
            return pendulum.instance(local)
        working = self.next_working_instant(instant)
        # A Saturday reception desk may open before the next working session.
        for j in range(i, working.toordinal() - self._base):
            if self._spans[j]:
                continue
            for start, _ in self._receiving(j):
                if j > i or us < start:
                    return self._at(j, start)
        return working

    def next_working_instant(self, instant: dt.datetime) -> pendulum.DateTime:
        """``instant`` if it is office time, else the start of the next session.

        This is where counting a limit in working hours starts.

        Example:
            >>> sched = Schedule.vietnam()
            >>> sched.next_working_instant(
            ...     pendulum.datetime(2026, 12, 7, 11, 30, tz="Asia/Ho_Chi_Minh"))
            DateTime(2026, 12, 7, 13, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        i, us, local = self._locate(instant)
        if any(start <= us < end for start, end in self._spans[i]):
            return pendulum.instance(local)
        return self._latest(self._position(instant), instant)

    def opening_of(self, day: dt.date) -> pendulum.DateTime:
        """The start of office time on working day ``day``.

        Example:
            >>> Schedule.vietnam().opening_of(datetime.date(2026, 8, 22))   # make-up Saturday
            DateTime(2026, 8, 22, 7, 30, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        i = self._day_index(day)
        return self._at(i, self._spans[i][0][0])

    def close_of(self, day: dt.date) -> pendulum.DateTime:
        """The end of office time on working day ``day``: when a day-based limit ends.

        Raises:
            NotAWorkingDayError: ``day`` is not a working day.

        Example:
            >>> Schedule.vietnam().close_of(datetime.date(2026, 12, 10))
            DateTime(2026, 12, 10, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
            >>> Schedule.vietnam().close_of(datetime.date(2026, 12, 12))
            Traceback (most recent call last):
            ...
            tthc.errors.NotAWorkingDayError: 2026-12-12 is not a working day
        """
        i = self._day_index(day)
        return self._at(i, self._spans[i][-1][1])

    def _day_index(self, day: dt.date) -> int:
        check_date(day)
        if not self.calendar.is_working_day(day):
            raise NotAWorkingDayError(f"{day} is not a working day", value=day)
        return day.toordinal() - self._base

    def legal_end(self, due_at: dt.datetime, limit: TimeLimit) -> pendulum.DateTime:
        """The instant a limit due at ``due_at`` legally ends: what outcomes are judged on.

        A day-based limit (working days, calendar days, same day) ends at
        24:00 of its last day (Civil Code 2015, Art. 148(1) and (6)), given
        as the day's last microsecond, 23:59:59.999999; ``due_at``, the close
        of office, stays the appointment printed on the slip. With
        ``ends_at_close=True`` the limit ends at ``due_at`` itself. An
        hour-based limit ends at its instant.

        Example:
            >>> sched = Schedule.vietnam()
            >>> close = sched.close_of(datetime.date(2026, 12, 10))
            >>> sched.legal_end(close, tthc.WorkingDays(3))
            DateTime(2026, 12, 10, 23, 59, 59, 999999, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
            >>> sched.legal_end(close, tthc.WorkingHours(4)) == close
            True
            >>> import attrs
            >>> attrs.evolve(sched, ends_at_close=True).legal_end(close, tthc.WorkingDays(3))
            DateTime(2026, 12, 10, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        due = self.local(due_at)
        if self.ends_at_close or not limit.is_day_based:
            return due
        return _new_datetime(
            pendulum.DateTime, due.year, due.month, due.day, 23, 59, 59, 999_999, self._tz
        )

    def add_working_time(self, instant: dt.datetime, duration: dt.timedelta) -> pendulum.DateTime:
        """The instant ``duration`` of office time after ``instant`` (before, if negative).

        Outside office hours, counting starts at the next session. A result
        that lands exactly on the end of a session stays there.

        Example:
            >>> sched = Schedule.vietnam()
            >>> t = pendulum.datetime(2026, 12, 7, 16, 0, tz="Asia/Ho_Chi_Minh")
            >>> sched.add_working_time(t, datetime.timedelta(hours=1))
            DateTime(2026, 12, 7, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
            >>> sched.add_working_time(t, datetime.timedelta(hours=2))
            DateTime(2026, 12, 8, 8, 30, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        if not isinstance(duration, dt.timedelta):
            raise InputTypeError(
                f"duration must be a datetime.timedelta, got {type(duration).__name__}",
                value=duration,
            )
        if not duration:
            return self.local(instant)
        return self._earliest(self._position(instant) + duration // _US, instant)

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Office time from ``start`` to ``end`` (negative when ``end`` is earlier).

        Example:
            >>> sched = Schedule.vietnam()
            >>> sched.working_time_between(
            ...     pendulum.datetime(2026, 12, 4, 16, 0, tz="Asia/Ho_Chi_Minh"),
            ...     pendulum.datetime(2026, 12, 7, 8, 30, tz="Asia/Ho_Chi_Minh"))
            datetime.timedelta(seconds=7200)
        """
        return dt.timedelta(microseconds=self._position(end) - self._position(start))

    def deadline(self, received_at: dt.datetime, limit: TimeLimit) -> Deadline:
        """When the result of a dossier received at ``received_at`` is due.

        See :mod:`tthc.deadline` for the rules.

        Example:
            >>> sched = Schedule.vietnam()
            >>> d = sched.deadline(pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"),
            ...                    tthc.WorkingDays(3))
            >>> d.due_at
            DateTime(2026, 12, 10, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        from tthc.deadline import compute_deadline

        return compute_deadline(self, received_at, limit)

    def due_at(self, received_at: dt.datetime, limit: TimeLimit) -> pendulum.DateTime:
        """Only the due instant of :meth:`deadline`, without the explanation (faster).

        Example:
            >>> Schedule.vietnam().due_at(
            ...     pendulum.datetime(2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"), tthc.WorkingDays(3))
            DateTime(2026, 12, 10, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
        """
        from tthc.deadline import compute_due_at

        return compute_due_at(self, received_at, limit)


@functools.lru_cache(maxsize=64)
def _schedule_tables(calendar: WorkingCalendar, hours: OfficeHours) -> tuple[Any, ...]:
    """A schedule's day tables, shared by every schedule of the same configuration.

    Province schedules with their own hours or closures are built once per
    process, not once per dossier.
    """
    cal = calendar
    base = cal.start.toordinal()
    size = cal.end.toordinal() - base + 1
    memo: dict[tuple[Any, ...], tuple[Span, ...]] = {}
    spans: list[tuple[Span, ...]] = []
    ymd: list[tuple[int, int, int]] = []
    cum = [0] * (size + 1)
    total = 0
    for i in range(size):
        day = dt.date.fromordinal(base + i)
        ymd.append((day.year, day.month, day.day))
        if cal.is_working_day(day):
            sessions = hours.sessions_on(day)
            if not sessions:
                raise NotAWorkingDayError(
                    f"{day} is a working day but the office hours give it no session",
                    value=day,
                )
            key = sessions
            day_spans = memo.get(key)
            if day_spans is None:
                day_spans = memo[key] = _spans(sessions)
        else:
            day_spans = ()
        spans.append(day_spans)
        total += sum(e - s for s, e in day_spans)
        cum[i + 1] = total
    return base, size, tuple(spans), tuple(cum), tuple(ymd)


@functools.lru_cache(maxsize=64)
def _fixed_offset(timezone: str, start_year: int, end_year: int) -> dt.timedelta | None:
    """The zone's UTC offset when it never changes in the years (Vietnam: +07:00 since 1975)."""
    tz = pendulum.timezone(timezone)
    offsets = {
        dt.datetime(year, month, 1, 12, tzinfo=tz).utcoffset()
        for year in range(start_year, end_year + 1)
        for month in (1, 4, 7, 10)
    }
    return offsets.pop() if len(offsets) == 1 else None


@functools.lru_cache(maxsize=64)
def _rebuild_schedule(
    calendar: WorkingCalendar, hours: OfficeHours, timezone: str, ends_at_close: bool = False
) -> Schedule:
    """A schedule from its configuration (one object per configuration and process)."""
    default = _default_schedule()
    mine = (calendar, hours, timezone, ends_at_close)
    if mine == (default.calendar, default.hours, default.timezone, default.ends_at_close):
        return default
    return Schedule(calendar, hours, timezone, ends_at_close=ends_at_close)


@functools.cache
def _default_schedule() -> Schedule:
    return Schedule(WorkingCalendar.vietnam(), OfficeHours.default())
