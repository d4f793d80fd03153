"""Working days (*ngày làm việc*) of Vietnamese state offices.

A working day is Monday–Friday, minus public holidays (*ngày lễ, Tết*), minus
compensatory days off (*nghỉ bù*) and days swapped off, plus the Saturdays
the Government swaps in as make-up working days (*ngày làm bù*). The
national calendar is built on the ``holidays`` package (country ``VN``);
per-office closures (a storm) and extra working days are layered on top.

Every query is a lookup into tables built once per calendar: a running count
of working days per day ordinal and the ordered list of working days.

Example:
    >>> import datetime, tthc
    >>> cal = tthc.WorkingCalendar.vietnam()
    >>> cal.is_working_day(datetime.date(2025, 4, 26))   # make-up Saturday
    True
    >>> cal.add_working_days(datetime.date(2026, 2, 13), 2)   # across Tết 2026
    datetime.date(2026, 2, 24)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import attrs

from tthc._enums import Labelled
from tthc._frozenmap import FrozenMap
from tthc._validate import check_date, check_int
from tthc.errors import CalendarConfigError, InputTypeError, OutOfRangeError

__all__ = ["DayKind", "SpecialDay", "WorkingCalendar", "announced_days", "last_confirmed_year"]

_SATURDAY, _SUNDAY = 5, 6
_WEEKDAY_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_IN_NAME = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


class DayKind(Labelled):
    """Why a day differs from an ordinary weekday or weekend day.

    Example:
        >>> DayKind.MAKE_UP.label, DayKind.MAKE_UP.value
        ('Ngày làm bù', 'make_up')
    """

    HOLIDAY = ("holiday", "Ngày nghỉ lễ, Tết")
    SUBSTITUTE = ("substitute", "Ngày nghỉ bù / hoán đổi")
    MAKE_UP = ("make_up", "Ngày làm bù")
    CLOSURE = ("closure", "Ngày cơ quan nghỉ")
    EXTRA_WORKING_DAY = ("extra_working_day", "Ngày làm việc bổ sung")


@attrs.frozen(cache_hash=True)
class SpecialDay:
    """A day whose status differs from its weekday's usual one, or a named holiday.

    Attributes:
        date: the day.
        working: whether offices work that day.
        name: Vietnamese name, e.g. ``"Mùng hai Tết Nguyên Đán"``.
        name_en: English name.
        kind: a :class:`DayKind`.
        source: where the fact comes from: the announcing document (number,
            date, issuer) for announced years, ``"unverified: ..."`` when tthc
            could not find the document, ``"estimate: ..."`` for rule-based
            estimates, or ``None`` (closures and days given by hand).

    Example:
        >>> import datetime
        >>> day = SpecialDay(datetime.date(2026, 8, 22), True, "Ngày làm bù", "Make-up day",
        ...                  DayKind.MAKE_UP)
        >>> day.working, day.source
        (True, None)
        >>> WorkingCalendar.vietnam().special_days[datetime.date(2026, 1, 10)].source
        'Công văn 12729/VPCP-KGVX, 25/12/2025, Văn phòng Chính phủ'
    """

    date: dt.date = attrs.field(converter=check_date)
    working: bool
    name: str
    name_en: str
    kind: DayKind
    source: str | None = None


@functools.cache
def _bundled() -> dict[str, Any]:
    text = resources.files("tthc").joinpath("data/vietnam_calendar.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def last_confirmed_year() -> int:
    """The last year whose official schedule of days off is bundled as confirmed.

    Read from the package data file ``tthc/data/vietnam_calendar.json``.

    Example:
        >>> last_confirmed_year() >= 2026
        True
    """
    return int(_bundled()["confirmed_through"])


def _cite(source: Mapping[str, Any]) -> str:
    """One line naming a source: document, date, issuer; or why it is unverified."""
    if not source.get("verified"):
        return f"unverified: {source['note']}"
    parts = [source["document"]]
    if source.get("date"):
        parts.append(dt.date.fromisoformat(source["date"]).strftime("%d/%m/%Y"))
    parts.append(source["issuer"])
    text = ", ".join(parts)
    if not source.get("date"):
        text += " (date of issue not verified)"
    if source.get("status"):
        text += f"; {source['status']}"
    return text


@functools.cache
def announced_days() -> dict[int, tuple[SpecialDay, ...]]:
    """The bundled announced schedules: for each announced year, its special days.

    Each day carries its :attr:`SpecialDay.source`. For these years the
    table, not the ``holidays`` estimate, is what :meth:`WorkingCalendar.vietnam`
    uses.

    Example:
        >>> days = announced_days()
        >>> sorted(days)[0], max(days)
        (2020, 2026)
        >>> [(d.date.isoformat(), d.working) for d in days[2026][:3]]
        [('2026-01-01', False), ('2026-01-02', False), ('2026-01-10', True)]
    """
    data = _bundled()
    sources = {key: _cite(value) for key, value in data["sources"].items()}
    years: dict[int, list[SpecialDay]] = {int(y): [] for y in data["announced_years"]}
    for raw in data["days"]:
        day = dt.date.fromisoformat(raw["date"])
        years[day.year].append(
            SpecialDay(
                day,
                bool(raw["working"]),
                raw["name"],
                raw["name_en"],
                DayKind.from_value(raw["kind"]),
                sources[raw["source"]],
            )
        )
    return {year: tuple(sorted(days, key=lambda d: d.date)) for year, days in years.items()}


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


_ESTIMATE = "estimate: holidays package, Labor Code rules (Arts. 111-112)"


@functools.lru_cache(maxsize=16)
def _national_days(start_year: int, end_year: int) -> tuple[SpecialDay, ...]:
    """The national special days: the announced table where there is one, else the estimate."""
    announced = announced_days()
    days = [d for d in _estimated_days(start_year, end_year) if d.date.year not in announced]
    for year in range(start_year, end_year + 1):
        days.extend(announced.get(year, ()))
    return tuple(sorted(days, key=lambda d: d.date))


@functools.lru_cache(maxsize=16)
def _estimated_days(start_year: int, end_year: int) -> tuple[SpecialDay, ...]:
    """The national special days from ``holidays``, exactly those inside the range."""
    import holidays

    # Make-up Saturdays can fall in the year before the day off they pay for
    # (2014-12-27 for 2015-01-02), and ``weekend_workdays`` lists days of other
    # years whatever years are asked: build a margin, then keep the range only.
    years = range(max(start_year - 1, 1901), end_year + 2)
    vi = holidays.country_holidays("VN", years=years, language="vi")
    en = holidays.country_holidays("VN", years=years, language="en_US")
    start, end = dt.date(start_year, 1, 1), dt.date(end_year, 12, 31)
    paid_by: dict[dt.date, dt.date] = {}  # make-up day -> the day off it pays for
    for day, name in vi.items():
        found = _DATE_IN_NAME.search(name)
        if found:
            day_d, month, year = (int(x) for x in found.groups())
            paid_by[dt.date(year, month, day_d)] = day
    days: list[SpecialDay] = []
    for day, name in vi.items():
        if not start <= day <= end:
            continue
        is_swap = bool(_DATE_IN_NAME.search(name)) or "nghỉ bù" in name
        kind = DayKind.SUBSTITUTE if is_swap else DayKind.HOLIDAY
        days.append(SpecialDay(day, False, name, en.get(day, name), kind, _ESTIMATE))
    for day in vi.weekend_workdays | en.weekend_workdays:
        if not start <= day <= end:
            continue
        off = paid_by.get(day)
        if off is not None:
            name = f"Ngày làm bù (cho ngày nghỉ {_fmt(off)})"
            name_en = f"Make-up working day (for the day off on {_fmt(off)})"
        else:
            name, name_en = "Ngày làm bù", "Make-up working day"
        days.append(SpecialDay(day, True, name, name_en, DayKind.MAKE_UP, _ESTIMATE))
    return tuple(sorted(days, key=lambda d: d.date))


def _check_names(value: Any, what: str) -> dict[dt.date, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputTypeError(
            f"{what} must be a mapping of date to reason, got {type(value).__name__}",
            value=value,
        )
    out: dict[dt.date, str] = {}
    for day, reason in value.items():
        check_date(day, what)
        if not isinstance(reason, str):
            raise InputTypeError(f"the reason for {day} in {what} must be a str", value=reason)
        out[day] = reason
    return out


def _check_weekend(value: Any) -> frozenset[int]:
    days = frozenset(value)
    if not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
        raise CalendarConfigError(
            f"weekend days must be weekday numbers 0-6: {value!r}", value=value
        )
    return days


def _years(value: Any) -> frozenset[int]:
    return frozenset(check_int(y, "confirmed_years") for y in value)


def _index_special(value: Any) -> FrozenMap[dt.date, SpecialDay]:
    if isinstance(value, Mapping):
        value = value.values()
    out: dict[dt.date, SpecialDay] = {}
    for day in value:
        if not isinstance(day, SpecialDay):
            raise InputTypeError(f"expected SpecialDay, got {type(day).__name__}", value=day)
        out[day.date] = day
    return FrozenMap(dict(sorted(out.items())))


_MAX_YEARS = 400
_MAX_DAYS = 146_097  # 400 Gregorian years


@attrs.frozen(cache_hash=True, repr=False)
class WorkingCalendar:
    """Which days Vietnamese state offices work, and how to count them.

    Build the national calendar with :meth:`vietnam`. The calendar is an
    immutable value: hashable, comparable and safe to share between threads.
    Dates outside ``start..end`` raise :class:`~tthc.errors.OutOfRangeError`;
    a ``datetime`` where a ``date`` is expected raises
    :class:`~tthc.errors.DatetimeGivenError`.

    Attributes:
        start: first date covered.
        end: last date covered.
        special_days: every named or swapped day, by date.
        confirmed_through: last year whose official schedule is known; later
            years are provisional estimates.
        confirmed_years: later years confirmed by hand with :meth:`announce`.
        weekend: weekly rest days as weekday numbers (Saturday 5, Sunday 6).

    Example:
        >>> import datetime
        >>> cal = WorkingCalendar.vietnam()
        >>> cal.working_days_between(datetime.date(2026, 2, 13), datetime.date(2026, 2, 24))
        2
        >>> cal.holiday_name(datetime.date(2026, 11, 24))
        'Ngày Văn hóa Việt Nam'
    """

    start: dt.date = attrs.field(converter=check_date)
    end: dt.date = attrs.field(converter=check_date)
    special_days: FrozenMap[dt.date, SpecialDay] = attrs.field(
        factory=FrozenMap, converter=_index_special
    )
    confirmed_through: int | None = None
    confirmed_years: frozenset[int] = attrs.field(default=frozenset(), converter=_years)
    weekend: frozenset[int] = attrs.field(
        default=frozenset({_SATURDAY, _SUNDAY}), converter=_check_weekend
    )

    # Derived lookup tables (not part of the value).
    _base: int = attrs.field(init=False, eq=False, hash=False)
    _flags: bytes = attrs.field(init=False, eq=False, hash=False)
    _cum: tuple[int, ...] = attrs.field(init=False, eq=False, hash=False)
    _working: tuple[int, ...] = attrs.field(init=False, eq=False, hash=False)
    _working_dates: tuple[dt.date, ...] = attrs.field(init=False, eq=False, hash=False)
    _size: int = attrs.field(init=False, eq=False, hash=False)
    _special_dates: tuple[dt.date, ...] = attrs.field(init=False, eq=False, hash=False)
    _nworking: int = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise CalendarConfigError(
                f"the calendar ends ({self.end}) before it starts ({self.start})",
                value=(self.start, self.end),
            )
        days = self.end.toordinal() - self.start.toordinal() + 1
        if days > _MAX_DAYS:  # tables of every day: bounded so a small file cannot ask for GBs
            raise OutOfRangeError(
                f"a calendar spans at most {_MAX_YEARS} years, got {self.start}..{self.end}",
                value=(self.start, self.end),
                start=self.start,
                end=self.end,
            )
        tables = _calendar_tables(self.start, self.end, self.special_days, self.weekend)
        for name, value in zip(_TABLE_NAMES, tables, strict=True):
            object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as its configuration (what differs from the national calendar);
        # the tables are rebuilt once per process (see _rebuild_calendar).
        return _rebuild_calendar, _calendar_config(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis and IPython pretty-print attrs classes field by field; the
        # tables make that huge, so they print the short repr instead.
        printer.text(repr(self))

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar({self.start}..{self.end}, {len(self.special_days)} special days, "
            f"confirmed through {self.confirmed_through})"
        )

    # -- construction -------------------------------------------------------------

    @classmethod
    def vietnam(
        cls,
        *,
        start_year: int = 2000,
        end_year: int = 2060,
        closures: Mapping[dt.date, str] | None = None,
        extra_working_days: Mapping[dt.date, str] | None = None,
        confirmed_through: int | None = None,
    ) -> WorkingCalendar:
        """The national calendar of Vietnamese state offices.

        Args:
            start_year: first year covered (default 2000).
            end_year: last year covered, inclusive (default 2060).
            closures: extra days the office is closed, ``{date: reason}``
                (a storm, a local decision).
            extra_working_days: extra days the office works, ``{date: reason}``;
                they override a holiday estimate too.
            confirmed_through: last year whose official schedule is known;
                defaults to the bundled value (:func:`last_confirmed_year`).

        Raises:
            CalendarConfigError: a date is both a closure and an extra working
                day, or the years are reversed.

        Example:
            >>> import datetime
            >>> storm = datetime.date(2026, 12, 8)
            >>> cal = WorkingCalendar.vietnam(closures={storm: "Bão số 15"})
            >>> cal.is_working_day(storm), cal.holiday_name(storm)
            (False, 'Bão số 15')
        """
        start_year = check_int(start_year, "start_year")
        end_year = check_int(end_year, "end_year")
        if end_year < start_year:
            raise CalendarConfigError(
                f"end_year {end_year} is before start_year {start_year}",
                value=(start_year, end_year),
            )
        closed = _check_names(closures, "closures")
        worked = _check_names(extra_working_days, "extra_working_days")
        both = sorted(closed.keys() & worked.keys())
        if both:
            raise CalendarConfigError(
                f"{both[0]} is both a closure and an extra working day", value=both[0]
            )
        if confirmed_through is None:
            confirmed_through = last_confirmed_year()
        base = _national_calendar(start_year, end_year, confirmed_through)
        if not closed and not worked:
            return base
        return base._with_days(closed, worked, DayKind.CLOSURE, DayKind.EXTRA_WORKING_DAY)

    def announce(
        self,
        year: int,
        *,
        swaps: Mapping[dt.date, dt.date] | None = None,
        days_off: Mapping[dt.date, str] | None = None,
        working_days: Mapping[dt.date, str] | None = None,
    ) -> WorkingCalendar:
        """A new calendar with a newly announced year's schedule applied and confirmed.

        Use it when the Government (since 2026 the Ministry of Home Affairs)
        announces a year's days off before tthc ships a release with it.

        Args:
            year: the year announced; its dates stop being provisional.
            swaps: ``{day_off: make_up_saturday}``: the weekday becomes a day
                off and the Saturday (or Sunday) a working day.
            days_off: further days off with their names, e.g. a Tết day the
                estimate missed.
            working_days: days the estimate marked off that are in fact worked.

        Raises:
            CalendarConfigError: naming the date: a day off or working day
                outside ``year``; a swap whose day off is not a weekday working
                day (a weekend, or already off) or whose make-up day is not a
                weekly rest day that is off (the make-up day may fall in the
                neighbouring year, within a month of the day off); a date both
                off and worked.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> cal.is_provisional(datetime.date(2027, 3, 1))
            True
            >>> new = cal.announce(2027, swaps={datetime.date(2027, 4, 29):
            ...                                 datetime.date(2027, 4, 24)})
            >>> new.is_provisional(datetime.date(2027, 3, 1))
            False
            >>> new.is_working_day(datetime.date(2027, 4, 29))
            False
            >>> new.is_working_day(datetime.date(2027, 4, 24))
            True
            >>> new.holiday_name(datetime.date(2027, 4, 29))
            'Ngày nghỉ hoán đổi (làm bù Thứ Bảy 24/04/2027)'
            >>> cal.announce(2027, swaps={datetime.date(2027, 4, 30):
            ...                           datetime.date(2027, 4, 24)})
            Traceback (most recent call last):
            ...
            tthc.errors.CalendarConfigError: the swapped day off 2027-04-30 is already a day off (Ngày Chiến thắng)
        """
        year = check_int(year, "year")
        off = _check_names(days_off, "days_off")
        worked = _check_names(working_days, "working_days")
        for what, days in (("days_off", off), ("working_days", worked)):
            for day in days:
                self._check_in_year(day, year, what)
        names_off: dict[dt.date, tuple[str, str]] = {d: (n, n) for d, n in off.items()}
        names_worked: dict[dt.date, tuple[str, str]] = {d: (n, n) for d, n in worked.items()}
        for day_off, make_up in (swaps or {}).items():
            check_date(day_off, "swaps")
            check_date(make_up, "swaps")
            self._check_swap(day_off, make_up, year)
            names_off[day_off] = (
                f"Ngày nghỉ hoán đổi (làm bù {_WEEKDAY_VI[make_up.weekday()]} {_fmt(make_up)})",
                f"Swapped day off (made up on {_WEEKDAY_EN[make_up.weekday()]} {_fmt(make_up)})",
            )
            names_worked[make_up] = (
                f"Ngày làm bù (cho ngày nghỉ {_fmt(day_off)})",
                f"Make-up working day (for the day off on {_fmt(day_off)})",
            )
        both = sorted(names_off.keys() & names_worked.keys())
        if both:
            raise CalendarConfigError(
                f"{both[0]} is announced both as a day off and as a working day", value=both[0]
            )
        new = self._with_named_days(names_off, names_worked, DayKind.SUBSTITUTE, DayKind.MAKE_UP)
        return attrs.evolve(new, confirmed_years={*self.confirmed_years, year})

    def _check_in_year(self, day: dt.date, year: int, what: str) -> None:
        if day.year != year:
            raise CalendarConfigError(
                f"{day} in {what} is outside the announced year {year}", value=day
            )

    def _check_swap(self, day_off: dt.date, make_up: dt.date, year: int) -> None:
        """A swap moves a weekday working day to a weekend day (see :meth:`announce`)."""
        self._check_in_year(day_off, year, "swaps")
        # The make-up day may fall in the neighbouring year: Saturday 27/12/2014
        # paid for Friday 02/01/2015.
        if abs(make_up.year - year) > 1 or (
            make_up.year != year and abs((make_up - day_off).days) > 31
        ):
            raise CalendarConfigError(
                f"the make-up day {make_up} in swaps is outside the announced year {year}",
                value=make_up,
            )
        if day_off.weekday() in self.weekend:
            raise CalendarConfigError(
                f"the swapped day off {day_off} is a weekly rest day, not a weekday",
                value=day_off,
            )
        if not self.is_working_day(day_off):
            raise CalendarConfigError(
                f"the swapped day off {day_off} is already a day off"
                f" ({self.holiday_name(day_off) or 'closed'})",
                value=day_off,
            )
        if make_up.weekday() not in self.weekend:
            raise CalendarConfigError(
                f"the make-up day {make_up} is not a weekly rest day", value=make_up
            )
        if self.is_working_day(make_up):
            raise CalendarConfigError(
                f"the make-up day {make_up} is already a working day", value=make_up
            )

    def _with_days(
        self,
        off: Mapping[dt.date, str],
        worked: Mapping[dt.date, str],
        off_kind: DayKind,
        worked_kind: DayKind,
    ) -> WorkingCalendar:
        return self._with_named_days(
            {d: (n, n) for d, n in off.items()},
            {d: (n, n) for d, n in worked.items()},
            off_kind,
            worked_kind,
        )

    def _with_named_days(
        self,
        off: Mapping[dt.date, tuple[str, str]],
        worked: Mapping[dt.date, tuple[str, str]],
        off_kind: DayKind,
        worked_kind: DayKind,
    ) -> WorkingCalendar:
        for day in (*off, *worked):
            self._index(day)  # range check, naming the range
        special = dict(self.special_days)
        for day, (name, name_en) in off.items():
            special[day] = SpecialDay(day, False, name, name_en, off_kind)
        for day, (name, name_en) in worked.items():
            special[day] = SpecialDay(day, True, name, name_en, worked_kind)
        return attrs.evolve(self, special_days=special)

    # -- queries ------------------------------------------------------------------

    def _index(self, day: Any) -> int:
        i: int = check_date(day).toordinal() - self._base
        if 0 <= i < self._size:
            return i
        raise OutOfRangeError(
            f"{day} is outside the calendar's range {self.start}..{self.end}",
            value=day,
            start=self.start,
            end=self.end,
        )

    def is_working_day(self, day: dt.date) -> bool:
        """Whether state offices work on ``day``.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> cal.is_working_day(datetime.date(2026, 2, 17))   # Tết
            False
            >>> cal.is_working_day(datetime.date(2026, 8, 22))   # make-up Saturday
            True
        """
        if type(day) is not dt.date:
            check_date(day)
        i = day.toordinal() - self._base
        if i < 0 or i >= self._size:
            self._index(day)
        return self._flags[i] == 1

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``day`` itself is not counted).

        ``n < 0`` goes back: the ``|n|``-th working day before ``day``.
        ``n == 0`` rolls forward: ``day`` if it is a working day, else the next one.

        Raises:
            OutOfRangeError: ``day`` or the result lies outside the calendar.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> cal.add_working_days(datetime.date(2025, 4, 25), 1)   # Fri -> make-up Sat
            datetime.date(2025, 4, 26)
            >>> cal.add_working_days(datetime.date(2026, 2, 23), -1)  # back over Tết
            datetime.date(2026, 2, 13)
            >>> cal.add_working_days(datetime.date(2026, 2, 16), 0)   # roll forward
            datetime.date(2026, 2, 23)
        """
        # Hot path: inlined checks and lookups, no helper calls on success.
        if type(day) is not dt.date:
            check_date(day)
        if type(n) is not int:
            n = check_int(n, "n")
        i = day.toordinal() - self._base
        if i < 0 or i >= self._size:
            self._index(day)  # raises, naming the range
        count = self._cum[i + 1]  # working days up to and including day
        k = count + n - 1 if n > 0 else count - self._flags[i] + n
        if 0 <= k < self._nworking:
            return self._working_dates[k]
        raise OutOfRangeError(
            f"the result of adding {n} working days to {day} is outside the calendar's "
            f"range {self.start}..{self.end}",
            value=(day, n),
            start=self.start,
            end=self.end,
        )

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end < start``.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> cal.working_days_between(datetime.date(2026, 2, 13), datetime.date(2026, 2, 23))
            1
            >>> cal.working_days_between(datetime.date(2026, 2, 23), datetime.date(2026, 2, 13))
            -1
        """
        if type(start) is not dt.date or type(end) is not dt.date:
            check_date(start, "start")
            check_date(end, "end")
        base, size = self._base, self._size
        i, j = start.toordinal() - base, end.toordinal() - base
        if i < 0 or i >= size or j < 0 or j >= size:
            self._index(start)
            self._index(end)
        return self._cum[j + 1] - self._cum[i + 1]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after ``day``.

        Example:
            >>> import datetime
            >>> WorkingCalendar.vietnam().next_working_day(datetime.date(2026, 4, 24))
            datetime.date(2026, 4, 28)
        """
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day before ``day``.

        Example:
            >>> import datetime
            >>> WorkingCalendar.vietnam().previous_working_day(datetime.date(2026, 2, 23))
            datetime.date(2026, 2, 13)
        """
        return self.add_working_days(day, -1)

    def working_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """Iterate over the working days in ``[start, end]``, both included.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> [d.day for d in cal.working_days(datetime.date(2026, 2, 12),
            ...                                  datetime.date(2026, 2, 24))]
            [12, 13, 23, 24]
        """
        lo = bisect_left(self._working, self._base + self._index(start))
        hi = bisect_right(self._working, self._base + self._index(end))
        yield from self._working_dates[lo:hi]

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """The number of working days in ``[start, end]``, both included (0 if empty).

        Example:
            >>> import datetime
            >>> WorkingCalendar.vietnam().count_working_days(datetime.date(2026, 2, 1),
            ...                                              datetime.date(2026, 2, 28))
            15
        """
        lo, hi = self._index(start), self._index(end)
        return max(0, self._cum[hi + 1] - self._cum[lo])

    def is_provisional(self, day: dt.date) -> bool:
        """Whether ``day`` lies in a year whose official schedule is not yet announced.

        Results computed in such years are estimates: the Government may still
        swap days.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> cal.is_provisional(datetime.date(2026, 12, 31)), cal.is_provisional(
            ...     datetime.date(2027, 1, 4))
            (False, True)
        """
        self._index(day)
        year = day.year
        if year in self.confirmed_years:
            return False
        return self.confirmed_through is not None and year > self.confirmed_through

    def holiday_name(self, day: dt.date, language: str = "vi") -> str | None:
        """The name of the holiday, swap or closure on ``day``, or ``None``.

        Args:
            day: the date.
            language: ``"vi"`` (default) or ``"en"``.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> cal.holiday_name(datetime.date(2026, 2, 17))
            'Tết Nguyên Đán'
            >>> cal.holiday_name(datetime.date(2026, 2, 17), language="en")
            'Lunar New Year'
            >>> cal.holiday_name(datetime.date(2026, 2, 24)) is None
            True
        """
        self._index(day)
        if language not in ("vi", "en"):
            raise InputTypeError(f"language must be 'vi' or 'en', got {language!r}", value=language)
        special = self.special_days.get(day)
        if special is None:
            return None
        return special.name if language == "vi" else special.name_en

    def special_days_between(self, start: dt.date, end: dt.date) -> list[SpecialDay]:
        """The special days (holidays, swaps, closures) in ``[start, end]``, in date order.

        Example:
            >>> import datetime
            >>> cal = WorkingCalendar.vietnam()
            >>> [(d.date.isoformat(), d.working) for d in cal.special_days_between(
            ...     datetime.date(2026, 8, 20), datetime.date(2026, 9, 2))]
            [('2026-08-22', True), ('2026-08-31', False), ('2026-09-01', False), ('2026-09-02', False)]
        """
        self._index(start)
        self._index(end)
        dates = self._special_dates
        lo, hi = bisect_left(dates, start), bisect_right(dates, end)
        return [self.special_days[day] for day in dates[lo:hi]]


_TABLE_NAMES = (
    "_base",
    "_flags",
    "_cum",
    "_working",
    "_working_dates",
    "_size",
    "_special_dates",
    "_nworking",
)


@functools.lru_cache(maxsize=64)
def _calendar_tables(
    start: dt.date,
    end: dt.date,
    special_days: FrozenMap[dt.date, SpecialDay],
    weekend: frozenset[int],
) -> tuple[Any, ...]:
    """A calendar's lookup tables, shared by every calendar of the same configuration."""
    base = start.toordinal()
    size = end.toordinal() - base + 1
    first_weekday = start.weekday()
    flags = bytearray(0 if (first_weekday + i) % 7 in weekend else 1 for i in range(size))
    for day, special in special_days.items():
        i = day.toordinal() - base
        if 0 <= i < size:
            flags[i] = 1 if special.working else 0
    cum = [0] * (size + 1)
    working: list[int] = []
    running = 0
    for i, flag in enumerate(flags):
        if flag:
            running += 1
            working.append(base + i)
        cum[i + 1] = running
    return (
        base,
        bytes(flags),
        tuple(cum),
        tuple(working),
        tuple(map(dt.date.fromordinal, working)),
        size,
        tuple(sorted(special_days)),
        len(working),
    )


@functools.lru_cache(maxsize=64)
def _calendar_config(calendar: WorkingCalendar) -> tuple[Any, ...]:
    """What makes ``calendar``: its range and what differs from the national days."""
    start, end, confirmed = calendar.start, calendar.end, calendar.confirmed_through
    national: Mapping[dt.date, SpecialDay] = {}
    whole_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if whole_years:
        national = _national_calendar(start.year, end.year, confirmed or 0).special_days
    special = calendar.special_days
    changed = tuple(d for k, d in special.items() if national.get(k) != d)
    removed = tuple(k for k in national if k not in special)
    return (
        start,
        end,
        confirmed,
        tuple(sorted(calendar.confirmed_years)),
        tuple(sorted(calendar.weekend)),
        whole_years,
        changed,
        removed,
    )


@functools.lru_cache(maxsize=64)
def _rebuild_calendar(
    start: dt.date,
    end: dt.date,
    confirmed: int | None,
    confirmed_years: tuple[int, ...],
    weekend: tuple[int, ...],
    whole_years: bool,
    changed: tuple[SpecialDay, ...],
    removed: tuple[dt.date, ...],
) -> WorkingCalendar:
    """A calendar from :func:`_calendar_config` (one object per configuration and process)."""
    days: dict[dt.date, SpecialDay] = {}
    if whole_years:
        national = _national_calendar(start.year, end.year, confirmed or 0)
        same = not changed and not removed and national.confirmed_through == confirmed
        same = same and (national.start, national.end) == (start, end)
        if same and not confirmed_years and weekend == tuple(sorted(national.weekend)):
            return national
        days.update(national.special_days)
    for day in removed:
        days.pop(day, None)
    for special in changed:
        days[special.date] = special
    return WorkingCalendar(
        start=start,
        end=end,
        special_days=days,
        confirmed_through=confirmed,
        confirmed_years=frozenset(confirmed_years),
        weekend=frozenset(weekend),
    )


@functools.lru_cache(maxsize=16)
def _national_calendar(start_year: int, end_year: int, confirmed: int) -> WorkingCalendar:
    return WorkingCalendar(
        start=dt.date(start_year, 1, 1),
        end=dt.date(end_year, 12, 31),
        special_days=_national_days(start_year, end_year),
        confirmed_through=confirmed,
    )
