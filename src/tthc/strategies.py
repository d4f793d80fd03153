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
import math
from bisect import bisect_left, bisect_right
from fractions import Fraction
from typing import Any

import pendulum

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as _missing:  # pragma: no cover - exercised in a subprocess test
    raise ModuleNotFoundError(
        'tthc.strategies needs Hypothesis: pip install "tthc[hypothesis]"', name="hypothesis"
    ) from _missing

from tthc._validate import check_aware, check_date
from tthc.calendar import SpecialDay, WorkingCalendar
from tthc.catalog import Catalog
from tthc.deadline import Deadline, Note
from tthc.dossier import (
    TRANSITIONS,
    ControlSlipRow,
    Dossier,
    Event,
    Status,
    Transition,
    Violation,
    dossier_code,
)
from tthc.errors import InputTypeError, TthcError
from tthc.files import PROBLEM_KINDS, Loaded, RowProblem
from tthc.hours import OfficeHours, Season, Session
from tthc.limit_text import ConditionalLimit, LimitText, parse_limit_text
from tthc.limits import CalendarDays, Months, SameDay, TimeLimit, WorkingDays, WorkingHours
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
from tthc.report import Report, ReportProblem, ReportRow
from tthc.schedule import Schedule

__all__ = [
    "DUE_MARGIN",
    "SIMPLEST_DAY",
    "catalogs",
    "conditional_limits",
    "control_slip_rows",
    "deadlines",
    "documents",
    "dossier_codes",
    "dossier_events",
    "dossiers",
    "errors",
    "events",
    "fees",
    "instants",
    "limit_texts",
    "loaded",
    "months",
    "notes",
    "office_hours",
    "procedures",
    "report_problems",
    "report_rows",
    "reports",
    "row_problems",
    "schedules",
    "seasons",
    "sessions",
    "special_days",
    "steps",
    "time_limits",
    "transitions",
    "violations",
    "working_days",
]

SIMPLEST_DAY = dt.date(2026, 1, 5)
"""Monday 5 January 2026: an ordinary week before Tết, where shrinking goes."""

_OPENING = 7 * 60 + 30  # instants shrink towards 07:30

DUE_MARGIN = dt.timedelta(days=731)
"""How far before the calendar's end :func:`instants` stops by default (two years)."""


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
    the day nearest Monday 5 January 2026. Without ``max_value``, instants
    stop :data:`DUE_MARGIN` before the end of the calendar, so that a due
    counted from them stays inside it (the national calendar ends in 2060).

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
    if hi_day is None and (cal.end - cal.start) > 2 * DUE_MARGIN:
        hi_day = cal.end - DUE_MARGIN
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
        # tuples().map(): falsifying examples print the DateTime, not on(...).
        return st.tuples(days, st.integers(0, 24 * 60 - 1)).map(lambda a: on(*a)).filter(inside)
    anchor = min(max(SIMPLEST_DAY, lo), hi)
    if lo_at is not None or hi_at is not None:  # whole minutes between the bounds, no filter
        origin = pendulum.datetime(anchor.year, anchor.month, anchor.day, 7, 30, tz=sched.timezone)
        first = (
            lo_at
            if lo_at is not None
            else pendulum.datetime(lo.year, lo.month, lo.day, tz=sched.timezone)
        )
        last = (
            hi_at
            if hi_at is not None
            else pendulum.datetime(hi.year, hi.month, hi.day, 23, 59, tz=sched.timezone)
        )
        minute = dt.timedelta(minutes=1)
        lo_k = math.ceil((first.timestamp() - origin.timestamp()) / 60)  # not before `first`
        hi_k = math.floor((last.timestamp() - origin.timestamp()) / 60)
        if lo_k > hi_k:
            raise InputTypeError(f"no whole minute between {first} and {last}", value=(first, last))
        utc = origin.in_timezone("UTC")
        return st.integers(lo_k, hi_k).map(
            lambda k: pendulum.instance(utc + k * minute).in_timezone(sched.timezone)
        )
    span_lo, span_hi = (lo - anchor).days, (hi - anchor).days

    def at(offset: int, minute: int) -> pendulum.DateTime:
        day = anchor + dt.timedelta(days=offset)
        wall = (_OPENING + minute) % (24 * 60)
        return pendulum.datetime(
            day.year, day.month, day.day, wall // 60, wall % 60, tz=sched.timezone
        )

    pairs = st.tuples(st.integers(span_lo, span_hi), st.integers(0, 24 * 60 - 1))
    return pairs.map(lambda a: at(*a)).filter(inside)


_CUTOFFS = st.sampled_from([dt.time(15), dt.time(16, 30), dt.time(11)])


def _limits_of(kind: type) -> st.SearchStrategy[Any]:
    if kind is WorkingDays:
        return st.one_of(
            st.builds(WorkingDays, st.integers(1, 60)),
            st.builds(lambda n, c: WorkingDays(n, cutoff=c), st.integers(1, 30), _CUTOFFS),
            st.builds(WorkingDays, st.sampled_from([Fraction(1, 2), Fraction(3, 2)])),
        )
    if kind is SameDay:
        return st.builds(SameDay, st.one_of(st.just(dt.time(15)), st.none(), _CUTOFFS))
    if kind is WorkingHours:
        return st.builds(
            WorkingHours,
            st.one_of(
                st.integers(1, 80),
                st.sampled_from([Fraction(1, 2), Fraction(3, 2), Fraction(1, 4)]),
            ),
        )
    return st.builds(CalendarDays, st.integers(1, 90))


def time_limits() -> st.SearchStrategy[TimeLimit]:
    """Every kind of time limit; shrinks to ``WorkingDays(1)``.

    Example:
        >>> from hypothesis import find
        >>> find(time_limits(), lambda limit: isinstance(limit, tthc.WorkingHours))
        WorkingHours(hours=1)
    """
    return st.one_of(
        st.builds(WorkingDays, st.integers(1, 60)),
        _limits_of(SameDay),
        _limits_of(WorkingHours),
        _limits_of(CalendarDays),
        st.builds(lambda n, c: WorkingDays(n, cutoff=c), st.integers(1, 30), _CUTOFFS),
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
        "documents": st.lists(documents(), max_size=3),
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
        "province": st.integers(1, 99),
        "code": st.one_of(st.none(), dossier_codes()),
        "violation": st.sampled_from(["late_notice", "second_reschedule"]),
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


def _hours(limit: TimeLimit) -> Fraction | None:
    """Working hours in a limit counted in working days or hours (8 hours a day), else None."""
    if isinstance(limit, WorkingDays):
        return Fraction(limit.days) * 8
    if isinstance(limit, WorkingHours):
        return Fraction(limit.hours)
    return None


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
    code = f"{draw(parts['prefix'])}.{number:06d}"
    if draw(parts["flag"]):  # a province's local code: the national code and its suffix
        code += f".000.00.00.H{draw(parts['province']):02d}"
    channel_limits = {}
    if time_limit is None and draw(parts["flag"]):
        channel_limits[Channel.ONLINE] = draw(parts["limit"])
    steps: list[Step] = []
    budgets = [_hours(x) for x in (limit, *channel_limits.values())]
    with_steps = draw(parts["flag"])  # drawn always: every limit shrinks alike
    if None not in budgets and with_steps:
        half = min(b for b in budgets if b is not None) / 2  # two steps within every limit
        steps = [
            Step("Tiếp nhận, thẩm định", "Bộ phận một cửa", WorkingHours(half)),
            Step("Xem xét, ký", "Lãnh đạo", WorkingHours(half)),
        ]
    return Procedure(
        code=code,
        channel_limits=channel_limits,
        steps=steps,
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

    Some carry a province's local code (``1.000001.000.00.00.H12``), a
    per-channel limit (online), internal steps (BM.05), fees, documents, a
    verification limit or pause policies.

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


def _break_a_rule(d: Dossier, rule: str, later: Any) -> Dossier:
    """A reschedule on the due day (late notice) or a second one: recorded violations."""
    schedule, due = d.schedule, d.due_at
    assert due is not None
    cal = schedule.calendar
    if rule == "late_notice":
        notice = max(schedule.opening_of(due.date()), d.events[-1].at)
        new_due = schedule.close_of(cal.add_working_days(due.date(), 2))
        return d.reschedule(notice, new_due, "Cần thêm thời gian")
    first = schedule.close_of(cal.add_working_days(due.date(), 2))
    d = d.reschedule(later(), first, "Cần thêm thời gian")
    return d.reschedule(later(), schedule.close_of(cal.add_working_days(first.date(), 2)), "Lần 2")


_NO_CLOCK = (Status.NEW, Status.NOT_RECEIVED, Status.REFUSED, Status.RECEIVED)
_WITH_CLOCK = [s for s in Status if s not in _NO_CLOCK]


@st.composite
def _dossier(
    draw: st.DrawFn,
    procedure: Procedure | None,
    schedule: Schedule,
    status: Status | None,
    receipts: st.SearchStrategy[pendulum.DateTime],
    violations: bool = False,
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
    code = draw(parts["code"])
    d = Dossier.receive(proc, received_at=start, channel=channel, schedule=schedule, code=code)
    if target is Status.RECEIVED:
        return d
    if violations:
        d = _break_a_rule(d, draw(parts["violation"]), later)
        now = d.events[-1].at
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
    violations: bool = False,
) -> st.SearchStrategy[Dossier]:
    """Valid dossiers: replayable histories in time order that respect the rules.

    Args:
        procedure: a fixed procedure (random ones by default).
        schedule: the schedule; by default the national one or another
            province's (its office hours, Saturday desk, closures), from
            :func:`schedules`.
        status: the status every generated dossier ends in (any by default).
        violations: ``True`` for dossiers in progress or finished that broke
            a rule (a late reschedule notice or a second reschedule), recorded
            in ``Dossier.violations``.

    Some dossiers carry a dossier code (Circular 04/2025 format).

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
    if not isinstance(violations, bool):
        raise InputTypeError(f"violations must be a bool, got {violations!r}", value=violations)
    if violations and status in _NO_CLOCK:
        raise InputTypeError(
            f"a dossier with status {status.value} has no clock, so no violation", value=status
        )

    def for_schedule(sched: Schedule) -> st.SearchStrategy[Dossier]:
        receipts = instants(
            sched,
            min_value=pendulum.datetime(2025, 1, 1, tz=sched.timezone),
            max_value=pendulum.datetime(2027, 6, 30, tz=sched.timezone),
        )
        if violations and status is None:
            return st.sampled_from(_WITH_CLOCK).flatmap(
                lambda s: _dossier(procedure, sched, s, receipts, True)
            )
        return _dossier(procedure, sched, status, receipts, violations)

    if schedule is not None:
        return for_schedule(_schedule_of(schedule))
    return schedules().flatmap(for_schedule)


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


# -- every other public type -----------------------------------------------------------------

_AGENCIES = ["000.00.12.H12", "000.00.01.H29", "000.30.25.H56"]


def dossier_codes() -> st.SearchStrategy[str]:
    """Dossier codes in the national format (Circular 04/2025), 2025–2027.

    Example:
        >>> from hypothesis import find
        >>> find(dossier_codes(), lambda code: True)
        '000.00.12.H12-260105-0001'
    """
    days = working_days(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))
    return st.builds(
        dossier_code,
        st.sampled_from(_AGENCIES),
        days,
        st.integers(1, 9999),
        system=st.sampled_from(["", "1"]),
    )


def fees() -> st.SearchStrategy[Fee]:
    """Fees in whole thousands of đồng, some with exemptions.

    Example:
        >>> from hypothesis import find
        >>> find(fees(), lambda fee: True)
        Fee(amount=0, description='Lệ phí', exemptions=())
    """
    return st.builds(
        Fee,
        st.integers(0, 500).map(lambda k: k * 1000),
        st.sampled_from(["Lệ phí", "Phí"]),
        st.lists(st.sampled_from(["Người cao tuổi", "Hộ nghèo"]), max_size=2, unique=True),
    )


def documents() -> st.SearchStrategy[Document]:
    """Documents of a dossier's file (tờ khai, copies).

    Example:
        >>> from hypothesis import find
        >>> find(documents(), lambda d: True).copies
        1
    """
    return st.builds(
        Document,
        st.sampled_from(["Tờ khai", "Bản sao CCCD", "Giấy ủy quyền"]),
        st.sampled_from(list(DocumentForm)),
        st.integers(1, 3),
        st.booleans(),
    )


def steps() -> st.SearchStrategy[Step]:
    """Internal processing steps (BM.05) with durations in working hours or days.

    Example:
        >>> from hypothesis import find
        >>> find(steps(), lambda step: True).duration
        WorkingDays(days=1, cutoff=None)
    """
    return st.builds(
        Step,
        st.sampled_from(["Thẩm định hồ sơ", "Xem xét, ký", "Trả kết quả"]),
        st.sampled_from(["Bộ phận một cửa", "Công chức tư pháp - hộ tịch", "Lãnh đạo"]),
        st.one_of(st.builds(WorkingDays, st.integers(1, 5)), _limits_of(WorkingHours)),
    )


_SESSIONS = ["07:30-11:30", "13:00-17:00", "07:00-11:00", "13:30-17:00", "08:00-12:00"]


def sessions() -> st.SearchStrategy[Session]:
    """Office sessions such as 07:30–11:30.

    Example:
        >>> from hypothesis import find
        >>> str(find(sessions(), lambda s: True))
        '07:30-11:30'
    """
    return st.sampled_from(_SESSIONS).map(Session.parse)


def seasons() -> st.SearchStrategy[Season]:
    """Summer or winter hours for part of the year (some provinces change hours in summer).

    Example:
        >>> from hypothesis import find
        >>> find(seasons(), lambda s: True).start
        (4, 15)
    """
    hours = st.sampled_from(["07:00-11:00,13:30-17:00", "07:30-11:30,13:00-17:00"])
    spans = st.sampled_from([("04-15", "10-14"), ("05-01", "09-30"), ("10-15", "04-14")])
    return st.builds(
        lambda span, text: Season(span[0], span[1], OfficeHours(weekdays=text)), spans, hours
    )


def special_days() -> st.SearchStrategy[SpecialDay]:
    """Holidays, make-up days and swaps of the national calendar, 2020–2030.

    Example:
        >>> from hypothesis import find
        >>> find(special_days(), lambda d: True).working in (True, False)
        True
    """
    cal = WorkingCalendar.vietnam()
    days = [
        cal.special_days[k]
        for k in sorted(cal.special_days)
        if dt.date(2020, 1, 1) <= k <= dt.date(2030, 12, 31)
    ]
    return st.sampled_from(days)


def events() -> st.SearchStrategy[Event]:
    """Single events taken from :func:`dossiers` histories.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(events())
        ... def check(event):
        ...     assert isinstance(event.kind, tthc.EventKind)
        >>> check()
    """
    return dossiers().flatmap(lambda d: st.sampled_from(d.events))


def deadlines(schedule: Schedule | None = None) -> st.SearchStrategy[Deadline]:
    """Deadlines computed from a receipt instant and a time limit.

    Example:
        >>> from hypothesis import given
        >>> @given(deadlines())
        ... def check(deadline):
        ...     assert deadline.due_at >= deadline.received_at
        >>> check()
    """
    sched = _schedule_of(schedule)
    return st.builds(sched.deadline, instants(sched), time_limits())


def notes() -> st.SearchStrategy[Note]:
    """The reasoning lines of :func:`deadlines`.

    Example:
        >>> from hypothesis import given
        >>> @given(notes())
        ... def check(note):
        ...     assert note.render() and note.render("en")
        >>> check()
    """
    return deadlines().flatmap(lambda d: st.sampled_from(d.notes))


def violations() -> st.SearchStrategy[Violation]:
    """Rule violations recorded on dossiers (late notice, second reschedule).

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(violations())
        ... def check(violation):
        ...     assert violation.rule in ("late_notice", "second_reschedule")
        >>> check()
    """
    return dossiers(violations=True).flatmap(lambda d: st.sampled_from(d.violations))


def transitions() -> st.SearchStrategy[Transition]:
    """Cells of the dossier lifecycle table, allowed and refused.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(transitions())
        ... def check(step):
        ...     assert step.allowed != bool(step.refusal)
        >>> check()
    """
    return st.sampled_from(list(TRANSITIONS.values()))


def control_slip_rows() -> st.SearchStrategy[ControlSlipRow]:
    """Rows of control slips (BM.05) of dossiers that were handed over.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(control_slip_rows())
        ... def check(row):
        ...     assert row.unit and row.received_at.year >= 2025
        >>> check()
    """
    sched = Schedule.vietnam()
    receipts = instants(
        sched,
        min_value=pendulum.datetime(2025, 1, 1, tz=sched.timezone),
        max_value=pendulum.datetime(2027, 6, 30, tz=sched.timezone),
        open_only=True,
    )

    def slip(procedure: Procedure, at: pendulum.DateTime, units: list[str]) -> ControlSlipRow:
        d = Dossier.receive(procedure, received_at=at, channel=Channel.IN_PERSON, schedule=sched)
        for unit in units:
            at = sched.add_working_time(at, dt.timedelta(minutes=30))
            d = d.hand_over(at, unit)
        return d.control_slip()[-1]

    units = st.lists(
        st.sampled_from(["Công chức chuyên môn", "Lãnh đạo", "Bộ phận một cửa"]),
        min_size=1,
        max_size=3,
    )
    return st.builds(slip, procedures(), receipts, units)


def reports() -> st.SearchStrategy[Report]:
    """Biểu II.06a reports over a few dossiers for a month of 2025–2027, judged at its end.

    Example:
        >>> from hypothesis import given
        >>> @given(reports())
        ... def check(report):
        ...     assert report.dossiers <= report.dossiers_given
        >>> check()
    """
    months = st.tuples(st.integers(2025, 2027), st.integers(1, 12))

    def build(month: tuple[int, int], ds: list[Dossier], by: str | None) -> Report:
        year, number = month
        start = dt.date(year, number, 1)
        end = dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)
        as_of = pendulum.datetime(end.year, end.month, end.day, 23, 59, tz="Asia/Ho_Chi_Minh")
        return Report.build(ds, start=start, end=end, as_of=as_of, by=by)

    return st.builds(
        build,
        months,
        st.lists(dossiers(schedule=Schedule.vietnam()), max_size=5),
        st.sampled_from(["field", "office", "procedure", None]),
    )


def report_rows() -> st.SearchStrategy[ReportRow]:
    """Rows of :func:`reports` (their totals).

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(report_rows())
        ... def check(row):
        ...     assert row.group == "Tổng cộng"
        >>> check()
    """
    return reports().map(lambda r: r.total)


def report_problems() -> st.SearchStrategy[ReportProblem]:
    """Dossiers a report left out, as listed with ``errors="collect"``.

    Example:
        >>> from hypothesis import find
        >>> find(report_problems(), lambda p: True).index
        0
    """
    return st.builds(
        ReportProblem,
        st.integers(0, 10_000),
        st.one_of(st.none(), dossier_codes()),
        st.text(min_size=1, max_size=60),
    )


def row_problems() -> st.SearchStrategy[RowProblem]:
    """Rows a file reader refused, as listed with ``errors="collect"``.

    Example:
        >>> from hypothesis import find
        >>> find(row_problems(), lambda p: True).kind
        'malformed'
    """
    return st.builds(
        lambda line, code, kind, text: RowProblem(line, code, kind, f"line {line}: {text}"),
        st.integers(1, 1_000_000),
        st.one_of(st.none(), st.text(min_size=1, max_size=20)),
        st.sampled_from(PROBLEM_KINDS),
        st.text(min_size=1, max_size=60),
    )


def loaded() -> st.SearchStrategy[Loaded]:
    """What the file readers return: dossiers, rows read and the rows refused.

    Example:
        >>> from hypothesis import given
        >>> @given(loaded())
        ... def check(result):
        ...     assert result.rows_read == len(result.dossiers) + len(result.problems)
        >>> check()
    """
    return st.builds(
        lambda ds, problems: Loaded(tuple(ds), len(ds) + len(problems), (), tuple(problems)),
        st.lists(dossiers(), max_size=3),
        st.lists(row_problems(), max_size=3),
    )


def errors(kind: type[TthcError] = TthcError) -> st.SearchStrategy[TthcError]:
    """Instances of tthc's errors (``kind`` or its subclasses), for testing error handlers.

    Example:
        >>> from hypothesis import given
        >>> @given(errors(tthc.InputFileError))
        ... def check(error):
        ...     assert isinstance(error, tthc.InputFileError) and error.line >= 1
        >>> check()
    """
    if not (isinstance(kind, type) and issubclass(kind, TthcError)):
        raise InputTypeError(f"kind must be a TthcError class, got {kind!r}", value=kind)
    kinds = [kind, *_error_subclasses(kind)]
    return st.sampled_from(kinds).flatmap(_error_of)


def _error_subclasses(kind: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in kind.__subclasses__():
        found += [sub, *_error_subclasses(sub)]
    return found


def _error_of(kind: type[TthcError]) -> st.SearchStrategy[TthcError]:
    import inspect

    parameters = inspect.signature(kind).parameters
    required: dict[str, st.SearchStrategy[Any]] = {
        name: st.integers(1, 10_000) if name == "line" else st.text(max_size=10)
        for name, p in parameters.items()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    }
    if "value" in parameters:
        required["value"] = st.none()
    return st.builds(kind, st.text(min_size=1, max_size=40), **required)


def months() -> st.SearchStrategy[Months]:
    """Limits in months (*tháng*), as some procedures state them.

    Example:
        >>> from hypothesis import find
        >>> find(months(), lambda m: True)
        Months(months=1)
    """
    return st.builds(Months, st.integers(1, 24))


_CONDITIONS = ["Trường hợp phải xác minh", "Trường hợp cần thẩm tra", "Trường hợp đặc biệt"]


def conditional_limits() -> st.SearchStrategy[ConditionalLimit]:
    """Limits that apply under a stated condition ("trường hợp phải xác minh: 05 ngày").

    Example:
        >>> from hypothesis import find
        >>> find(conditional_limits(), lambda c: True).limit
        WorkingDays(days=1, cutoff=None)
    """
    return st.builds(ConditionalLimit, st.sampled_from(_CONDITIONS), time_limits())


def limit_texts() -> st.SearchStrategy[LimitText]:
    """Published limit texts read by :func:`tthc.parse_limit_text`.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(limit_texts())
        ... def check(reading):
        ...     assert reading.text
        >>> check()
    """
    texts = st.one_of(
        time_limits().map(str),
        st.tuples(time_limits(), conditional_limits()).map(
            lambda pair: f"{pair[0]}; {pair[1].condition.lower()}: {pair[1].limit}"
        ),
        st.just("Thời hạn giải quyết: 17-20 ngày"),
    )
    return texts.map(parse_limit_text)
