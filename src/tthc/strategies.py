"""Hypothesis strategies for tthc's types, for property-testing the code that embeds tthc.

Install the extra: ``pip install "tthc[hypothesis]"``. Every strategy
generates valid values (dossier histories replay, in time order, respecting
the rules) and shrinks towards the simplest case: a weekday in an ordinary
week before Tết (Monday 5 January 2026), a one-day limit, the default office
hours, a dossier just received with no pause. Arguments are checked when the
strategy is created, with tthc's typed errors.

The strategies are registered for tthc's types, so ``st.from_type(tthc.Dossier)``
works once tthc is installed (through Hypothesis's ``hypothesis`` entry point).

Example:
    >>> from hypothesis import find
    >>> find(working_days(), lambda d: True)
    datetime.date(2026, 1, 5)
    >>> find(time_limits(), lambda limit: True)
    WorkingDays(days=1, cutoff=None)
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from fractions import Fraction
from typing import Any

import pendulum
from hypothesis import strategies as st

from tthc._validate import check_aware, check_date
from tthc.calendar import WorkingCalendar
from tthc.catalog import Catalog
from tthc.dossier import Dossier, Event, Status
from tthc.errors import InputTypeError
from tthc.hours import OfficeHours, Season
from tthc.limits import CalendarDays, SameDay, TimeLimit, WorkingDays, WorkingHours
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
)
from tthc.schedule import Schedule

__all__ = [
    "SIMPLEST_DAY",
    "catalogs",
    "dossier_events",
    "dossiers",
    "instants",
    "office_hours",
    "procedures",
    "schedules",
    "time_limits",
    "working_days",
]

SIMPLEST_DAY = dt.date(2026, 1, 5)
"""Monday 5 January 2026: an ordinary week before Tết, where shrinking goes."""

_OPENING = 7 * 60 + 30  # instants shrink towards 07:30


def _calendar_of(calendar: Any) -> WorkingCalendar:
    if calendar is None:
        return WorkingCalendar.vietnam()
    if not isinstance(calendar, WorkingCalendar):
        raise InputTypeError(
            f"calendar must be a WorkingCalendar, got {calendar!r}", value=calendar
        )
    return calendar


def _schedule_of(schedule: Any) -> Schedule:
    if schedule is None:
        return Schedule.vietnam()
    if not isinstance(schedule, Schedule):
        raise InputTypeError(f"schedule must be a Schedule, got {schedule!r}", value=schedule)
    return schedule


def _bounds(cal: WorkingCalendar, min_value: Any, max_value: Any) -> tuple[dt.date, dt.date]:
    lo = cal.start if min_value is None else check_date(min_value, "min_value")
    hi = cal.end if max_value is None else check_date(max_value, "max_value")
    if lo > hi:
        raise InputTypeError(f"min_value {lo} is after max_value {hi}", value=(lo, hi))
    cal.is_working_day(lo)  # both inside the calendar's range, or an error naming it
    cal.is_working_day(hi)
    return lo, hi


def working_days(
    calendar: WorkingCalendar | None = None,
    *,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
) -> st.SearchStrategy[dt.date]:
    """Working days of ``calendar`` (the national one by default) in a range.

    Shrinks to the working day nearest Monday 5 January 2026 inside the range.

    Example:
        >>> from hypothesis import find
        >>> find(working_days(min_value=datetime.date(2026, 2, 14)), lambda d: True)
        datetime.date(2026, 2, 23)
    """
    cal = _calendar_of(calendar)
    lo, hi = _bounds(cal, min_value, max_value)
    ordinals = cal._working
    first = bisect_left(ordinals, lo.toordinal())
    last = bisect_right(ordinals, hi.toordinal()) - 1
    if first > last:
        raise InputTypeError(f"no working day between {lo} and {hi}", value=(lo, hi))
    anchor = min(max(bisect_left(ordinals, SIMPLEST_DAY.toordinal()), first), last)
    days = cal._working_dates
    return st.integers(first - anchor, last - anchor).map(lambda k: days[anchor + k])


def instants(
    schedule: Schedule | None = None,
    *,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    open_only: bool = False,
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware instants in the schedule's zone, to the minute.

    With ``open_only=True`` every instant is office time. Shrinks to 07:30 on
    the day nearest Monday 5 January 2026.

    Example:
        >>> from hypothesis import find
        >>> find(instants(open_only=True), lambda t: True)
        DateTime(2026, 1, 5, 7, 30, 0, tzinfo=Timezone('Asia/Ho_Chi_Minh'))
    """
    sched = _schedule_of(schedule)
    if not isinstance(open_only, bool):
        raise InputTypeError(f"open_only must be a bool, got {open_only!r}", value=open_only)
    lo_at = None if min_value is None else sched.local(check_aware(min_value, "min_value"))
    hi_at = None if max_value is None else sched.local(check_aware(max_value, "max_value"))
    lo_day = None if lo_at is None else dt.date(lo_at.year, lo_at.month, lo_at.day)
    hi_day = None if hi_at is None else dt.date(hi_at.year, hi_at.month, hi_at.day)
    cal = sched.calendar
    lo, hi = _bounds(cal, lo_day, hi_day)

    def inside(t: pendulum.DateTime) -> bool:
        return (lo_at is None or t >= lo_at) and (hi_at is None or t <= hi_at)

    if open_only:

        def on(day: dt.date, minute: int) -> pendulum.DateTime:
            length = sched.hours.sessions_on(day)
            total = sum(s.minutes for s in length)
            t = sched.add_working_time(sched.opening_of(day), dt.timedelta(minutes=minute % total))
            return sched.next_working_instant(t)

        days = working_days(cal, min_value=lo, max_value=hi)
        return st.builds(on, days, st.integers(0, 24 * 60 - 1)).filter(inside)
    anchor = min(max(SIMPLEST_DAY, lo), hi)
    span_lo, span_hi = (lo - anchor).days, (hi - anchor).days

    def at(offset: int, minute: int) -> pendulum.DateTime:
        day = anchor + dt.timedelta(days=offset)
        wall = (_OPENING + minute) % (24 * 60)
        return pendulum.datetime(
            day.year, day.month, day.day, wall // 60, wall % 60, tz=sched.timezone
        )

    return st.builds(at, st.integers(span_lo, span_hi), st.integers(0, 24 * 60 - 1)).filter(inside)


def time_limits() -> st.SearchStrategy[TimeLimit]:
    """Every kind of time limit; shrinks to ``WorkingDays(1)``.

    Example:
        >>> from hypothesis import find
        >>> find(time_limits(), lambda limit: isinstance(limit, tthc.WorkingHours))
        WorkingHours(hours=1)
    """
    cutoffs = st.sampled_from([dt.time(15), dt.time(16, 30), dt.time(11)])
    return st.one_of(
        st.builds(WorkingDays, st.integers(1, 60)),
        st.builds(SameDay, st.one_of(st.just(dt.time(15)), st.none(), cutoffs)),
        st.builds(
            WorkingHours,
            st.one_of(
                st.integers(1, 80),
                st.sampled_from([Fraction(1, 2), Fraction(3, 2), Fraction(1, 4)]),
            ),
        ),
        st.builds(CalendarDays, st.integers(1, 90)),
        st.builds(lambda n, c: WorkingDays(n, cutoff=c), st.integers(1, 30), cutoffs),
        st.builds(WorkingDays, st.sampled_from([Fraction(1, 2), Fraction(3, 2)])),
    )


_QUARTERS = st.sets(st.integers(6 * 4, 19 * 4), min_size=2, max_size=6)  # quarter hours
_FLAG = st.booleans()
_SATURDAY = st.sampled_from(["", "07:30-11:30"])
_MAKE_UP = st.sampled_from([None, "07:30-11:30"])


@st.composite
def _custom_hours(draw: st.DrawFn) -> OfficeHours:
    def day() -> str:
        cuts = sorted(draw(_QUARTERS))
        if len(cuts) % 2:
            cuts = cuts[:-1]
        return ",".join(
            f"{a // 4:02d}:{a % 4 * 15:02d}-{b // 4:02d}:{b % 4 * 15:02d}"
            for a, b in zip(cuts[::2], cuts[1::2], strict=True)
        )

    same = draw(_FLAG)
    weekdays: Any = day() if same else [day() for _ in range(5)]
    saturday = draw(_SATURDAY)
    make_up = draw(_MAKE_UP)
    seasons = []
    if draw(_FLAG):
        seasons.append(Season("04-15", "10-14", OfficeHours(weekdays=day())))
    return OfficeHours(weekdays=weekdays, make_up=make_up, saturday=saturday, seasons=seasons)


def office_hours() -> st.SearchStrategy[OfficeHours]:
    """Office hours: any number of sessions, Saturday desks, make-up hours, seasons.

    Shrinks to the default 07:30–11:30, 13:00–17:00.

    Example:
        >>> from hypothesis import find
        >>> str(find(office_hours(), lambda h: True))
        '07:30-11:30,13:00-17:00'
    """
    return st.one_of(st.just(OfficeHours.default()), _custom_hours())


@st.composite
def _custom_schedule(draw: st.DrawFn) -> Schedule:
    base = WorkingCalendar.vietnam(start_year=2024, end_year=2029)
    closed = draw(
        st.sets(
            working_days(base, min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
            max_size=5,
        )
    )
    cal = WorkingCalendar.vietnam(
        start_year=2024, end_year=2029, closures=dict.fromkeys(closed, "Đóng cửa")
    )
    return Schedule(cal, draw(office_hours()))


def schedules() -> st.SearchStrategy[Schedule]:
    """Schedules: the national one first, then calendars (2024–2029) with closures.

    Example:
        >>> from hypothesis import given
        >>> @given(schedules())
        ... def check(schedule):
        ...     assert schedule.close_of(schedule.calendar.next_working_day(datetime.date(2026, 1, 2)))
        >>> check()
    """
    return st.one_of(st.just(Schedule.vietnam()), _custom_schedule())


@functools.cache
def _parts() -> dict[str, st.SearchStrategy[Any]]:
    """Strategies built once: building them inside a draw costs more than drawing."""
    return {
        "limit": time_limits(),
        "number": st.integers(1, 999_999),
        "prefix": st.sampled_from(["1", "2"]),
        "words": st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4),
        "flag": st.booleans(),
        "verification": st.integers(3, 10),
        "policy": st.sampled_from(list(PausePolicy)),
        "fees": st.lists(
            st.builds(Fee, st.integers(0, 500).map(lambda k: k * 1000), st.just("Lệ phí")),
            max_size=2,
        ),
        "documents": st.lists(
            st.builds(
                Document,
                st.sampled_from(["Tờ khai", "Bản sao CCCD", "Giấy ủy quyền"]),
                st.sampled_from(list(DocumentForm)),
                st.integers(1, 3),
                st.booleans(),
            ),
            max_size=3,
        ),
        "online": st.one_of(st.none(), st.sampled_from(list(OnlineLevel))),
        "level": st.sampled_from([Level.COMMUNE, Level.PROVINCE, Level.CENTRAL]),
        "field": st.sampled_from(_FIELDS),
        "status": st.sampled_from(_TERMINAL),
        "channel": st.sampled_from([Channel.ONLINE, Channel.IN_PERSON, Channel.POSTAL]),
        "gap": st.integers(1, 3 * 8 * 60),
        "steps": st.lists(
            st.sampled_from(["hand_over", "supplement", "payment", "verification", "reschedule"]),
            max_size=4,
        ),
        "extra_days": st.integers(1, 5),
    }


_WORDS = [
    "Đăng ký",
    "Cấp",
    "Xác nhận",
    "Chứng thực",
    "giấy tờ",
    "hộ tịch",
    "tạm trú",
    "hợp đồng",
    "bản sao",
    "thông tin",
]
_FIELDS = ["Hộ tịch", "Chứng thực", "Đăng ký, quản lý cư trú", "Đất đai"]


@st.composite
def _procedure(
    draw: st.DrawFn, level: Level | None, field: str | None, time_limit: TimeLimit | None
) -> Procedure:
    parts = _parts()
    number = draw(parts["number"])
    limit = time_limit if time_limit is not None else draw(parts["limit"])
    name = " ".join(draw(parts["words"]))
    verification = None
    if isinstance(limit, WorkingDays | SameDay) and draw(parts["flag"]):
        verification = WorkingDays(draw(parts["verification"]))
    policy = {kind: draw(parts["policy"]) for kind in PauseKind} if draw(parts["flag"]) else None
    fees = draw(parts["fees"])
    documents = draw(parts["documents"])
    return Procedure(
        code=f"{draw(parts['prefix'])}.{number:06d}",
        name=name[0].upper() + name[1:],
        level=level if level is not None else draw(parts["level"]),
        field=field if field is not None else draw(parts["field"]),
        office="Ủy ban nhân dân cấp xã",
        time_limit=limit,
        time_limit_text=str(limit),
        verification_limit=verification,
        pause_policy=policy,
        fees=fees,
        documents=documents,
        online_level=draw(parts["online"]),
        legal_basis=["Văn bản thử nghiệm"],
        source="tthc.strategies",
    )


def procedures(
    *,
    level: Level | None = None,
    field: str | None = None,
    time_limit: TimeLimit | None = None,
) -> st.SearchStrategy[Procedure]:
    """Valid procedures; shrinks to ``1.000001``, a commune procedure of 1 working day.

    Example:
        >>> from hypothesis import given
        >>> @given(procedures(time_limit=tthc.WorkingDays(3)))
        ... def check(p):
        ...     assert p.time_limit == tthc.WorkingDays(3)
        ...     assert tthc.parse_time_limit(p.time_limit_text) == p.time_limit
        >>> check()
    """
    if level is not None and not isinstance(level, Level):
        raise InputTypeError(f"level must be a Level, got {level!r}", value=level)
    if field is not None and (not isinstance(field, str) or not field.strip()):
        raise InputTypeError(f"field must be non-empty text, got {field!r}", value=field)
    if time_limit is not None and not isinstance(time_limit, TimeLimit):
        raise InputTypeError(
            f"time_limit must be a TimeLimit, got {time_limit!r}", value=time_limit
        )
    return _procedure(level, field, time_limit)


def catalogs(*, max_size: int = 10) -> st.SearchStrategy[Catalog]:
    """Catalogs of distinct procedure codes; shrinks to the empty catalog.

    Example:
        >>> from hypothesis import given
        >>> @given(catalogs())
        ... def check(catalog):
        ...     assert len(set(catalog.codes)) == len(catalog)
        >>> check()
    """
    if not isinstance(max_size, int) or max_size < 0:
        raise InputTypeError(
            f"max_size must be a non-negative int, got {max_size!r}", value=max_size
        )
    return st.lists(procedures(), max_size=max_size, unique_by=lambda p: p.code).map(Catalog)


_TERMINAL = [
    Status.RECEIVED, Status.PROCESSING, Status.RESOLVED, Status.RETURNED,
    Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION, Status.WITHDRAWAL_REQUESTED,
    Status.STOPPED, Status.NEW, Status.NOT_RECEIVED, Status.REFUSED,
]  # fmt: skip


@st.composite
def _dossier(
    draw: st.DrawFn,
    procedure: Procedure | None,
    schedule: Schedule,
    status: Status | None,
    receipts: st.SearchStrategy[pendulum.DateTime],
) -> Dossier:
    parts = _parts()
    proc = procedure if procedure is not None else draw(procedures())
    target = status if status is not None else draw(parts["status"])
    start = draw(receipts)
    channel = draw(parts["channel"])
    if channel is Channel.IN_PERSON and not schedule.is_open(start):
        start = schedule.next_opening(start)  # the desk receives only while it is open
    now = start

    def later() -> pendulum.DateTime:
        nonlocal now
        now = schedule.add_working_time(now, dt.timedelta(minutes=draw(parts["gap"])))
        return now

    if target in (Status.NEW, Status.NOT_RECEIVED, Status.REFUSED):
        d = Dossier.submit(proc, submitted_at=start, channel=channel, schedule=schedule)
        if target is Status.NOT_RECEIVED:
            d = d.not_receive(later(), "Hồ sơ chưa đầy đủ")
        elif target is Status.REFUSED:
            d = d.refuse(later(), "Không thuộc thẩm quyền")
        return d
    d = Dossier.receive(proc, received_at=start, channel=channel, schedule=schedule)
    if target is Status.RECEIVED:
        return d
    steps = draw(parts["steps"])
    for step in steps:
        if step == "hand_over":
            d = d.hand_over(later(), "Công chức chuyên môn")
        elif step == "supplement":
            d = d.request_supplement(later(), "Bổ sung giấy tờ").supplement(later())
        elif step == "payment":
            d = d.request_payment(later()).pay(later())
        elif step == "verification":
            d = d.start_verification(later()).finish_verification(later())
        elif not d.rescheduled:  # once, a working day ahead: the rules respected
            due = d.due_at
            assert due is not None
            notice = schedule.add_working_time(now, dt.timedelta(minutes=1))
            cal = schedule.calendar
            if cal.working_days_between(notice.date(), due.date()) >= 1:
                now = notice
                new_due = schedule.close_of(
                    cal.add_working_days(due.date(), draw(parts["extra_days"]))
                )
                d = d.reschedule(notice, new_due, "Cần thêm thời gian")
    if target is Status.PROCESSING:
        return d.start_processing(later())
    if target is Status.SUPPLEMENT_REQUESTED:
        return d.request_supplement(later(), "Bổ sung giấy tờ")
    if target is Status.FINANCIAL_OBLIGATION:
        return d.request_payment(later(), "Nộp lệ phí")
    if target is Status.WITHDRAWAL_REQUESTED:
        return d.withdraw(later(), "Không còn nhu cầu")
    if target is Status.STOPPED:
        return d.withdraw(later(), "Không còn nhu cầu").stop(later(), "Dừng xử lý")
    d = d.resolve(later())
    if target is Status.RETURNED:
        d = d.return_result(later())
    return d


def dossiers(
    *,
    procedure: Procedure | None = None,
    schedule: Schedule | None = None,
    status: Status | None = None,
) -> st.SearchStrategy[Dossier]:
    """Valid dossiers: replayable histories in time order that respect the rules.

    Args:
        procedure: a fixed procedure (random ones by default).
        schedule: the schedule (the national one by default).
        status: the status every generated dossier ends in (any by default).

    Shrinks to a dossier just received, at 07:30 on Monday 5 January 2026,
    for a 1-working-day procedure, with no pause.

    Example:
        >>> from hypothesis import given
        >>> @given(dossiers(status=tthc.Status.RESOLVED))
        ... def check(d):
        ...     assert d.outcome is not None
        ...     assert tthc.Dossier.replay(d.procedure, d.schedule, d.events) == d
        >>> check()
    """
    if procedure is not None and not isinstance(procedure, Procedure):
        raise InputTypeError(f"procedure must be a Procedure, got {procedure!r}", value=procedure)
    if status is not None and not isinstance(status, Status):
        raise InputTypeError(f"status must be a Status, got {status!r}", value=status)
    sched = _schedule_of(schedule)
    receipts = instants(
        sched,
        min_value=pendulum.datetime(2025, 1, 1, tz=sched.timezone),
        max_value=pendulum.datetime(2027, 6, 30, tz=sched.timezone),
    )
    return _dossier(procedure, sched, status, receipts)


def dossier_events(
    *,
    procedure: Procedure | None = None,
    schedule: Schedule | None = None,
    status: Status | None = None,
) -> st.SearchStrategy[tuple[Event, ...]]:
    """The event histories of :func:`dossiers` (what an application stores).

    Example:
        >>> from hypothesis import given
        >>> @given(dossier_events(status=tthc.Status.RETURNED))
        ... def check(events):
        ...     assert events[0].kind is tthc.EventKind.RECEIVED
        ...     assert events[-1].kind is tthc.EventKind.RESULT_RETURNED
        >>> check()
    """
    return dossiers(procedure=procedure, schedule=schedule, status=status).map(lambda d: d.events)
