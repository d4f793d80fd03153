"""Deadlines: when the result of a dossier is due, and why.

The rules (Civil Code 2015, Arts. 144–148, and the procedures' decrees):

- :class:`~tthc.limits.WorkingDays` ``n``: the receipt day is not counted;
  the result is due at the close of office on the n-th working day after
  it, whatever the receipt day is (a Saturday online submission included).
  With a ``cutoff``, the receipt day is day one when the dossier is received
  on a working day by the cut-off (and before the office closes).
- :class:`~tthc.limits.SameDay`: due at the close of office on the receipt
  day; received after the cut-off, after closing or on a day off, at the
  close of the next working day.
- :class:`~tthc.limits.CalendarDays` ``n``: ``n`` days after receipt; a
  last day that is a day off moves to the next working day.
- :class:`~tthc.limits.WorkingHours` ``h``: ``h`` hours of office time from
  the receipt instant (from the next session when received outside office
  hours). Fractions of a working day are counted the same way, a working
  day being Monday's office time.

``Deadline.due_at`` is the appointment (the close of office on the due day
for day-based limits); ``Deadline.ends_at`` is the legal end that outcomes
are judged on: 24:00 of the due day for day-based limits (Civil Code 2015,
Art. 148), the instant itself for hour-based ones.

Example:
    >>> sched = tthc.Schedule.vietnam()
    >>> d = sched.deadline(pendulum.datetime(2026, 12, 4, 15, 30, tz="Asia/Ho_Chi_Minh"),
    ...                    tthc.SameDay())
    >>> d.due_at, d.provisional
    (DateTime(2026, 12, 7, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh')), False)
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from tthc.errors import InputTypeError
from tthc.limits import CalendarDays, Months, SameDay, TimeLimit, WorkingDays, WorkingHours

if TYPE_CHECKING:
    from tthc.schedule import Schedule

__all__ = ["Deadline", "Note", "compute_deadline", "compute_due_at"]

_WEEKDAYS = {
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

# key -> (Vietnamese, English) templates; {0}, {1}... are formatted arguments.
_TEMPLATES: dict[str, tuple[str, str]] = {
    "received": ("Tiếp nhận hồ sơ: {0}", "Dossier received: {0}"),
    "limit": ("Thời hạn giải quyết: {0}", "Time limit: {0}"),
    "receipt_day_off": (
        "Ngày tiếp nhận là ngày nghỉ ({0}): bắt đầu tính từ ngày làm việc tiếp theo",
        "Received on a day off ({0}): counting starts on the next working day",
    ),
    "after_cutoff": (
        "Tiếp nhận sau {0}: bắt đầu tính từ ngày làm việc tiếp theo",
        "Received after {0}: counting starts on the next working day",
    ),
    "after_close": (
        "Tiếp nhận sau giờ làm việc ({0}): bắt đầu tính từ ngày làm việc tiếp theo",
        "Received after office hours ({0}): counting starts on the next working day",
    ),
    "receipt_day_counts": (
        "Tiếp nhận không sau {0}: ngày tiếp nhận được tính là ngày thứ nhất",
        "Received at or before {0}: the receipt day counts as day one",
    ),
    "receipt_day_counts_close": (
        "Tiếp nhận trước {0} (hết giờ làm việc): ngày tiếp nhận được tính là ngày thứ nhất",
        "Received before the close of office ({0}): the receipt day counts as day one",
    ),
    "day_after": (
        "Không tính ngày tiếp nhận: bắt đầu tính từ {0}",
        "The receipt day is not counted: counting starts on {0}",
    ),
    "outside_hours": (
        "Tiếp nhận ngoài giờ làm việc: bắt đầu tính từ {0}",
        "Received outside office hours: counting starts at {0}",
    ),
    "fraction": (
        "{0} ngày làm việc = {1} làm việc (một ngày làm việc = {2})",
        "{0} working days = {1} of office time (a working day = {2})",
    ),
    "skipped": ("Không tính ngày nghỉ {0}: {1}", "Days off not counted {0}: {1}"),
    "make_up": ("Tính ngày làm bù {0}", "Make-up working day counted: {0}"),
    "closure": ("Không tính ngày cơ quan nghỉ {0}: {1}", "Office closed, not counted {0}: {1}"),
    "moved": (
        "Ngày cuối cùng {0} là ngày nghỉ: hạn chuyển sang ngày làm việc tiếp theo",
        "The last day {0} is a day off: the limit ends on the next working day",
    ),
    "due_days": (
        "Hạn trả kết quả: {0} (hết giờ làm việc, ngày làm việc thứ {1})",
        "Result due: {0} (close of office, working day {1})",
    ),
    "due_close": (
        "Hạn trả kết quả: {0} (hết giờ làm việc)",
        "Result due: {0} (close of office)",
    ),
    "due_hours": ("Hạn trả kết quả: {0}", "Result due: {0}"),
    "provisional": (
        "Tạm tính: lịch nghỉ năm {0} chưa được công bố chính thức",
        "Provisional: the official schedule of days off for {0} is not yet announced",
    ),
}


def _fmt(value: Any, language: str) -> str:
    if isinstance(value, dt.datetime):
        weekday = _WEEKDAYS[language][value.weekday()]
        return f"{value:%H:%M} {weekday} {value:%d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{_WEEKDAYS[language][value.weekday()]} {value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, dt.timedelta):
        minutes = value // dt.timedelta(minutes=1)
        hours, minutes = divmod(minutes, 60)
        unit = "giờ" if language == "vi" else "h"
        return f"{hours} {unit}" + (f" {minutes:02d}" if minutes else "")
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dt.date):
        first, last = value
        if first == last:
            return f"{first:%d/%m/%Y}"
        return f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
    return str(value)


@attrs.frozen
class Note:
    """One step of a deadline's reasoning, rendered by :meth:`Deadline.explain`.

    Example:
        >>> Note("limit", ("03 ngày làm việc",)).render("en")
        'Time limit: 03 ngày làm việc'
    """

    key: str
    args: tuple[Any, ...] = ()

    def render(self, language: str = "vi") -> str:
        """The note as a sentence in ``"vi"`` or ``"en"``.

        Example:
            >>> Note("make_up", (datetime.date(2026, 8, 22),)).render()
            'Tính ngày làm bù Thứ Bảy 22/08/2026'
        """
        if language not in ("vi", "en"):
            raise InputTypeError(f"language must be 'vi' or 'en', got {language!r}", value=language)
        template = _TEMPLATES[self.key][0 if language == "vi" else 1]
        return template.format(*(_fmt(a, language) for a in self.args))


@attrs.frozen
class Deadline:
    """When a result is due, computed by :meth:`tthc.Schedule.deadline`.

    Attributes:
        received_at: the receipt instant, in the schedule's zone.
        limit: the time limit applied.
        counted_from: when counting started (the opening of day one, or the
            first instant of office time for hour-based limits; midnight of
            the day after receipt for calendar days).
        due_at: the appointment: the instant the result is due (the close of
            office on the due day for day-based limits), printed on the slip.
        ends_at: the legal end of the limit, what outcomes and "overdue" are
            judged on: 24:00 of the due day for day-based limits (Civil Code
            2015, Art. 148; given as 23:59:59.999999), the close of office if
            the schedule says ``ends_at_close``, ``due_at`` for hour limits.
        provisional: the period crosses a year whose official schedule of
            days off is not yet announced.
        notes: the reasoning, see :meth:`explain`.

    Example:
        >>> sched = tthc.Schedule.vietnam()
        >>> d = sched.deadline(pendulum.datetime(2026, 2, 13, 9, tz="Asia/Ho_Chi_Minh"),
        ...                    tthc.WorkingDays(2))
        >>> d.due_date, d.due_at.time(), d.ends_at.time()
        (datetime.date(2026, 2, 24), Time(17, 0, 0), Time(23, 59, 59, 999999))
        >>> print("\\n".join(d.explain()))
        Tiếp nhận hồ sơ: 09:00 Thứ Sáu 13/02/2026
        Thời hạn giải quyết: 02 ngày làm việc
        Không tính ngày tiếp nhận: bắt đầu tính từ Thứ Hai 23/02/2026
        Không tính ngày nghỉ 16/02/2026–20/02/2026: Tết Nguyên Đán
        Hạn trả kết quả: 17:00 Thứ Ba 24/02/2026 (hết giờ làm việc, ngày làm việc thứ 2)
    """

    received_at: pendulum.DateTime
    limit: TimeLimit
    counted_from: pendulum.DateTime
    due_at: pendulum.DateTime
    ends_at: pendulum.DateTime
    provisional: bool
    notes: tuple[Note, ...] = ()

    @property
    def due_date(self) -> dt.date:
        """The local date the result is due.

        Example:
            >>> tthc.Schedule.vietnam().deadline(
            ...     pendulum.datetime(2026, 12, 5, 9, tz="Asia/Ho_Chi_Minh"),
            ...     tthc.WorkingDays(1)).due_date
            datetime.date(2026, 12, 7)
        """
        due = self.due_at
        return dt.date(due.year, due.month, due.day)

    def explain(self, language: str = "vi") -> list[str]:
        """The reasoning as short lines, in Vietnamese (``"vi"``) or English (``"en"``).

        Example:
            >>> d = tthc.Schedule.vietnam().deadline(
            ...     pendulum.datetime(2026, 12, 7, 11, 30, tz="Asia/Ho_Chi_Minh"),
            ...     tthc.WorkingHours(1))
            >>> d.explain("en")[-1]
            'Result due: 14:00 Monday 07/12/2026'
        """
        return [note.render(language) for note in self.notes]


def _shared_name(names: list[str]) -> str:
    """The longest ending of words that most names share ("Tết Nguyên Đán"), or ""."""
    best = ""
    for name in names:
        words = name.split()
        for k in range(len(words)):
            ending = " ".join(words[k:])
            shared = sum(1 for n in names if n == ending or n.endswith(" " + ending))
            if shared * 2 > len(names) and len(ending) > len(best):
                best = ending
    return best


def _day_notes(schedule: Schedule, first: dt.date, last: dt.date) -> list[Note]:
    """Days off skipped (grouped in runs) and make-up days counted in [first, last]."""
    if last < first:
        return []
    notes: list[Note] = []
    run: list[Any] = []

    def flush() -> None:
        if run:
            names = list(dict.fromkeys(d.name for d in run))
            label = _shared_name(names) or ", ".join(names)
            key = "closure" if all(d.kind.value == "closure" for d in run) else "skipped"
            notes.append(Note(key, ((run[0].date, run[-1].date), label)))
            run.clear()

    for special in schedule.calendar.special_days_between(first, last):
        if special.working:
            flush()
            if special.date.weekday() >= 5:
                notes.append(Note("make_up", (special.date,)))
            continue
        if special.date.weekday() in schedule.calendar.weekend:
            continue  # a holiday on a rest day changes nothing here
        # A run goes on across rest days only: a working day between two days
        # off (closures on Tue, Wed and Fri) starts a new run.
        if run and schedule.calendar.working_days_between(
            run[-1].date, special.date - dt.timedelta(days=1)
        ):
            flush()
        run.append(special)
    flush()
    return notes


def _off_run(schedule: Schedule, first: dt.date, last: dt.date) -> Note:
    """The days off skipped when a calendar-day limit's last day moves, with their names."""
    cal = schedule.calendar
    names = [s.name for s in cal.special_days_between(first, last) if not s.working]
    day = first
    while day <= last:
        if day.weekday() in cal.weekend and day not in cal.special_days:
            names.append(_WEEKDAYS["vi"][day.weekday()])
        day += dt.timedelta(days=1)
    return Note("skipped", ((first, last), ", ".join(dict.fromkeys(names))))


class _Notes(list[Note]):
    """A list of notes that ignores appends when no explanation is wanted."""

    def __init__(self, keep: bool) -> None:
        super().__init__()
        self.keep = keep

    def append(self, note: Note) -> None:
        if self.keep:
            super().append(note)


def _provisional(schedule: Schedule, first: dt.date, last: dt.date) -> list[int]:
    cal = schedule.calendar
    return [
        year
        for year in range(first.year, last.year + 1)
        if cal.is_provisional(max(first, dt.date(year, 1, 1)))
    ]


def compute_deadline(
    schedule: Schedule, received_at: dt.datetime, limit: TimeLimit, *, explain: bool = True
) -> Deadline:
    """The deadline of a dossier received at ``received_at`` (see the module's rules).

    Prefer :meth:`tthc.Schedule.deadline`, which calls this. With
    ``explain=False`` no notes are gathered (bulk work: see
    :meth:`tthc.Schedule.due_at`).

    Example:
        >>> compute_deadline(tthc.Schedule.vietnam(),
        ...                  pendulum.datetime(2026, 12, 5, 9, tz="Asia/Ho_Chi_Minh"),
        ...                  tthc.WorkingDays(1)).due_at
        DateTime(2026, 12, 7, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
    """
    if not isinstance(limit, TimeLimit):
        raise InputTypeError(
            f"expected a time limit, got {type(limit).__name__}: {limit!r}", value=limit
        )
    received = schedule.local(received_at)
    cal = schedule.calendar
    day = dt.date(received.year, received.month, received.day)
    notes = _Notes(explain)
    notes.append(Note("received", (received,)))
    notes.append(Note("limit", (str(limit),)))

    if isinstance(limit, WorkingHours) or (
        isinstance(limit, WorkingDays) and not isinstance(limit.days, int)
    ):
        if isinstance(limit, WorkingHours):
            duration = limit.duration
        else:
            day_length = schedule.hours.day_length()
            duration = dt.timedelta(
                microseconds=round(
                    Fraction(limit.days) * (day_length // dt.timedelta(microseconds=1))
                )
            )
            notes.append(Note("fraction", (limit.days, duration, day_length)))
        counted_from = schedule.next_working_instant(received)
        if counted_from != received:
            notes.append(Note("outside_hours", (counted_from,)))
        due_at = schedule.add_working_time(received, duration)
        if explain:
            notes.extend(_day_notes(schedule, day + dt.timedelta(days=1), due_at.date()))
        notes.append(Note("due_hours", (due_at,)))
    elif isinstance(limit, CalendarDays | Months):
        if isinstance(limit, Months):
            target = limit.end_date(day)
        else:
            target = day + dt.timedelta(days=limit.days)
        due_date = cal.add_working_days(target, 0)
        start = day + dt.timedelta(days=1)
        counted_from = pendulum.datetime(start.year, start.month, start.day, tz=schedule.timezone)
        notes.append(Note("day_after", (start,)))  # Civil Code 2015, Art. 147
        if due_date != target:
            notes.append(Note("moved", (target,)))
            if explain:
                notes.append(_off_run(schedule, target, due_date - dt.timedelta(days=1)))
        due_at = schedule.close_of(due_date)
        notes.append(Note("due_close", (due_at,)))
    else:
        if isinstance(limit, SameDay):
            n, cutoff = 1, limit.cutoff
        elif isinstance(limit, WorkingDays):
            n, cutoff = int(limit.days), limit.cutoff
        else:  # a TimeLimit subclass the engine does not know
            raise InputTypeError(f"unknown time limit {limit!r}", value=limit)
        counts_receipt_day = False
        if isinstance(limit, SameDay) or cutoff is not None:
            closes = schedule.close_of(day) if cal.is_working_day(day) else None
            if closes is None:
                name = cal.holiday_name(day) or _WEEKDAYS["vi"][day.weekday()]
                notes.append(Note("receipt_day_off", (name,)))
            elif received >= closes:
                notes.append(Note("after_close", (closes.time(),)))
            elif cutoff is not None and received.time() > cutoff:
                notes.append(Note("after_cutoff", (cutoff,)))
            else:
                counts_receipt_day = True
                if cutoff is not None:
                    notes.append(Note("receipt_day_counts", (cutoff,)))
                else:
                    notes.append(Note("receipt_day_counts_close", (closes.time(),)))
        if counts_receipt_day:
            first_day = day
            due_date = cal.add_working_days(day, n - 1)
        else:
            first_day = cal.add_working_days(day, 1)
            due_date = cal.add_working_days(day, n)
            if not isinstance(limit, SameDay) and cutoff is None:
                notes.append(Note("day_after", (first_day,)))
        counted_from = schedule.opening_of(first_day)
        due_at = schedule.close_of(due_date)
        if explain:
            notes.extend(_day_notes(schedule, day + dt.timedelta(days=1), due_date))
        if isinstance(limit, SameDay):
            notes.append(Note("due_close", (due_at,)))
        else:
            notes.append(Note("due_days", (due_at, n)))

    years = _provisional(schedule, day, due_at.date())
    if years:
        notes.append(Note("provisional", (", ".join(map(str, years)),)))
    return Deadline(
        received_at=received,
        limit=limit,
        counted_from=counted_from,
        due_at=due_at,
        ends_at=schedule.legal_end(due_at, limit),
        provisional=bool(years),
        notes=tuple(notes),
    )


def compute_due_at(
    schedule: Schedule, received_at: dt.datetime, limit: TimeLimit
) -> pendulum.DateTime:
    """Only ``compute_deadline(...).due_at``: no notes, texts or start of counting.

    The bulk path behind :meth:`tthc.Schedule.due_at`; a property test keeps
    it equal to :func:`compute_deadline`.

    Example:
        >>> compute_due_at(tthc.Schedule.vietnam(),
        ...                pendulum.datetime(2026, 12, 4, 15, 30, tz="Asia/Ho_Chi_Minh"),
        ...                tthc.SameDay())
        DateTime(2026, 12, 7, 17, 0, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
    """
    kind = limit.__class__
    if kind is WorkingDays:
        days = limit.days  # type: ignore[attr-defined]
        if days.__class__ is not int:
            return compute_deadline(schedule, received_at, limit, explain=False).due_at
        n, cutoff, rule = days, limit.cutoff, limit.cutoff is not None  # type: ignore[attr-defined]
    elif kind is SameDay:
        n, cutoff, rule = 1, limit.cutoff, True  # type: ignore[attr-defined]
    elif kind is WorkingHours:
        return schedule.add_working_time(received_at, limit.duration)  # type: ignore[attr-defined]
    elif isinstance(limit, CalendarDays | Months) and (kind is CalendarDays or kind is Months):
        received = schedule.local(received_at)
        day = dt.date(received.year, received.month, received.day)
        target = (
            limit.end_date(day)
            if isinstance(limit, Months)
            else day + dt.timedelta(days=limit.days)
        )
        return schedule.close_of(schedule.calendar.add_working_days(target, 0))
    else:  # fractions of a working day and anything else: the full computation
        return compute_deadline(schedule, received_at, limit, explain=False).due_at
    received = schedule.local(received_at)
    cal = schedule.calendar
    day = dt.date(received.year, received.month, received.day)
    if rule and cal.is_working_day(day):
        closes = schedule.close_of(day)
        if received < closes and (cutoff is None or received.time() <= cutoff):
            return schedule.close_of(cal.add_working_days(day, n - 1))
    return schedule.close_of(cal.add_working_days(day, n))
