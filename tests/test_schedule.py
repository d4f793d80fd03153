"""Tests of tthc.schedule: instants, office time and positions."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
import tthc.strategies
from tthc import OfficeHours, Schedule, WorkingCalendar

VN = "Asia/Ho_Chi_Minh"
SCHED = Schedule.vietnam()
H = dt.timedelta(hours=1)


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=VN)


def test_vietnam_schedule() -> None:
    assert SCHED.calendar == WorkingCalendar.vietnam()
    assert SCHED.hours == OfficeHours.default()
    assert SCHED.timezone == VN
    assert Schedule.vietnam() is SCHED  # shared, built once
    assert "07:30-11:30,13:00-17:00" in repr(SCHED)


def test_is_open_sessions_are_half_open() -> None:
    assert SCHED.is_open(at(2026, 12, 7, 7, 30))
    assert SCHED.is_open(at(2026, 12, 7, 11, 29, 59))
    assert not SCHED.is_open(at(2026, 12, 7, 11, 30))
    assert not SCHED.is_open(at(2026, 12, 7, 12, 0))
    assert SCHED.is_open(at(2026, 12, 7, 13, 0))
    assert not SCHED.is_open(at(2026, 12, 7, 17, 0))
    assert not SCHED.is_open(at(2026, 12, 12, 9, 0))  # Saturday
    assert SCHED.is_open(at(2026, 8, 22, 9, 0))  # make-up Saturday
    assert not SCHED.is_open(at(2026, 11, 24, 9, 0))  # Ngày Văn hóa Việt Nam


def test_add_working_time_worked_cases() -> None:
    assert SCHED.add_working_time(at(2026, 12, 7, 11, 30), H) == at(2026, 12, 7, 14, 0)
    assert SCHED.add_working_time(at(2026, 12, 7, 16, 0), H) == at(2026, 12, 7, 17, 0)
    assert SCHED.add_working_time(at(2026, 12, 7, 12, 15), H) == at(2026, 12, 7, 14, 0)
    assert SCHED.add_working_time(at(2026, 12, 4, 16, 0), 2 * H) == at(2026, 12, 7, 8, 30)
    assert SCHED.add_working_time(at(2026, 2, 13, 16, 0), 2 * H) == at(2026, 2, 23, 8, 30)
    assert SCHED.add_working_time(at(2026, 8, 21, 16, 0), 2 * H) == at(2026, 8, 22, 8, 30)
    assert SCHED.add_working_time(at(2026, 12, 7, 9, 0), dt.timedelta(minutes=1)) == at(
        2026, 12, 7, 9, 1
    )
    assert SCHED.add_working_time(at(2026, 12, 7, 9, 0), 0 * H) == at(2026, 12, 7, 9, 0)
    assert SCHED.add_working_time(at(2026, 12, 7, 14, 0), -H) == at(2026, 12, 7, 11, 30)


def test_no_silent_cap_on_long_durations() -> None:
    # 400 working days of office time: no 360-day cap.
    result = SCHED.add_working_time(at(2026, 1, 5, 7, 30), 400 * 8 * H)
    assert result.date() == SCHED.calendar.add_working_days(dt.date(2026, 1, 5), 399)
    assert result.time() == dt.time(17, 0)


def test_other_time_zones_are_converted_and_naive_is_refused() -> None:
    utc = dt.datetime(2026, 12, 7, 4, 30, tzinfo=dt.UTC)  # 11:30 in Vietnam
    assert SCHED.add_working_time(utc, H) == at(2026, 12, 7, 14, 0)
    assert SCHED.local(utc).timezone_name == VN
    with pytest.raises(tthc.NaiveDatetimeError) as info:
        SCHED.is_open(dt.datetime(2026, 12, 7, 9))
    assert info.value.value == dt.datetime(2026, 12, 7, 9)
    with pytest.raises(tthc.InputTypeError):
        SCHED.is_open(dt.date(2026, 12, 7))  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        SCHED.add_working_time(utc, 3600)  # type: ignore[arg-type]


def test_out_of_range_is_an_error_naming_the_range() -> None:
    with pytest.raises(tthc.OutOfRangeError) as info:
        SCHED.is_open(at(2061, 1, 3, 9))
    assert "2000-01-01..2060-12-31" in str(info.value)
    with pytest.raises(tthc.OutOfRangeError):
        SCHED.add_working_time(at(2060, 12, 1, 9), 1000 * H)


def test_opening_and_closing() -> None:
    assert SCHED.close_of(dt.date(2026, 12, 10)) == at(2026, 12, 10, 17)
    assert SCHED.opening_of(dt.date(2026, 12, 10)) == at(2026, 12, 10, 7, 30)
    with pytest.raises(tthc.NotAWorkingDayError) as info:
        SCHED.close_of(dt.date(2026, 2, 17))
    assert str(info.value) == "2026-02-17 is not a working day"
    assert info.value.value == dt.date(2026, 2, 17)
    assert SCHED.next_opening(at(2026, 12, 7, 12)) == at(2026, 12, 7, 13)
    assert SCHED.next_opening(at(2026, 12, 7, 9)) == at(2026, 12, 7, 9)
    assert SCHED.next_opening(at(2026, 2, 13, 17)) == at(2026, 2, 23, 7, 30)
    assert SCHED.next_working_instant(at(2026, 12, 7, 11, 30)) == at(2026, 12, 7, 13)


def test_saturday_reception_opens_but_does_not_count() -> None:
    hours = OfficeHours.parse("07:30-11:30,13:00-17:00", saturday="07:30-11:30")
    sched = Schedule(WorkingCalendar.vietnam(), hours)
    saturday = at(2026, 12, 12, 9)
    assert sched.is_open(saturday)
    assert not sched.is_working_time(saturday)
    assert sched.next_opening(at(2026, 12, 11, 17)) == at(2026, 12, 12, 7, 30)
    assert sched.next_opening(at(2026, 12, 12, 11, 30)) == at(2026, 12, 14, 7, 30)
    assert sched.add_working_time(saturday, H) == at(2026, 12, 14, 8, 30)
    # Tết Saturday: closed.
    assert not sched.is_open(at(2027, 2, 6, 9))


def test_seasonal_hours_in_a_schedule() -> None:
    hours = OfficeHours(
        weekdays="07:30-11:30,13:00-17:00",
        seasons=[tthc.Season("04-15", "10-14", OfficeHours.parse("07:00-11:30,13:30-17:00"))],
    )
    sched = Schedule(WorkingCalendar.vietnam(), hours)
    assert sched.opening_of(dt.date(2026, 6, 1)) == at(2026, 6, 1, 7, 0)
    assert sched.opening_of(dt.date(2026, 12, 1)) == at(2026, 12, 1, 7, 30)


def test_schedule_in_another_zone() -> None:
    sched = Schedule(WorkingCalendar.vietnam(), "09:00-17:00", timezone="Europe/Paris")
    paris = pendulum.datetime(2026, 12, 7, 16, tz="Europe/Paris")
    assert sched.add_working_time(paris, 2 * H) == pendulum.datetime(
        2026, 12, 8, 10, tz="Europe/Paris"
    )
    with pytest.raises(tthc.InputTypeError):
        Schedule(WorkingCalendar.vietnam(), timezone="Mars/Olympus")
    with pytest.raises(tthc.InputTypeError):
        Schedule("national")  # type: ignore[arg-type]


def test_schedule_is_a_value() -> None:
    again = Schedule(WorkingCalendar.vietnam(), "07:30-11:30,13:00-17:00")
    assert again == SCHED
    assert hash(again) == hash(SCHED)


# -- invariants ---------------------------------------------------------------------------

instants = st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2058, 12, 31)).map(
    lambda d: pendulum.instance(d, tz=VN)
)
durations = st.integers(min_value=0, max_value=2000 * 60).map(lambda m: dt.timedelta(minutes=m))


@given(instants, durations)
def test_between_inverts_add(t: pendulum.DateTime, d: dt.timedelta) -> None:
    assert SCHED.working_time_between(t, SCHED.add_working_time(t, d)) == d


@given(instants, durations, durations)
def test_durations_compose(t: pendulum.DateTime, a: dt.timedelta, b: dt.timedelta) -> None:
    assert SCHED.add_working_time(t, a + b) == SCHED.add_working_time(
        SCHED.add_working_time(t, a), b
    )


@given(instants, durations.filter(bool))
def test_results_are_inside_or_at_the_end_of_office_time(
    t: pendulum.DateTime, d: dt.timedelta
) -> None:
    result = SCHED.add_working_time(t, d)
    day = result.date()
    assert SCHED.calendar.is_working_day(day)
    spans = SCHED.hours.sessions_on(day)
    assert any(s.start < result.time() <= s.end for s in spans)


@given(instants, instants, durations)
def test_later_start_never_gives_earlier_result(
    a: pendulum.DateTime, b: pendulum.DateTime, d: dt.timedelta
) -> None:
    a, b = min(a, b), max(a, b)
    assert SCHED.add_working_time(a, d) <= SCHED.add_working_time(b, d)


def test_a_schedule_pickles_as_its_configuration() -> None:
    import pickle

    national = Schedule.vietnam()
    assert len(pickle.dumps(national)) < 1_000
    assert pickle.loads(pickle.dumps(national)) is national
    cal = tthc.WorkingCalendar.vietnam(
        start_year=2024, end_year=2029, closures={dt.date(2026, 12, 8): "Bão"}
    )
    province = Schedule(cal, "07:00-11:30,13:30-17:00")
    data = pickle.dumps(province)
    assert len(data) < 2_000
    again = pickle.loads(data)
    assert again == province
    assert again.close_of(dt.date(2026, 12, 9)) == province.close_of(dt.date(2026, 12, 9))
    assert pickle.loads(data) is again  # rebuilt once per process
    closing = Schedule(cal, "07:00-11:30,13:30-17:00", ends_at_close=True)
    assert pickle.loads(pickle.dumps(closing)).ends_at_close


def test_province_schedules_share_their_tables_by_configuration() -> None:
    cal = tthc.WorkingCalendar.vietnam(closures={dt.date(2026, 12, 8): "Bão"})
    a = Schedule(cal, "07:00-11:30,13:30-17:00")
    b = Schedule(
        tthc.WorkingCalendar.vietnam(closures={dt.date(2026, 12, 8): "Bão"}),
        "07:00-11:30,13:30-17:00",
    )
    assert a == b
    assert a._cum is b._cum


@given(
    tthc.strategies.instants(),
    st.one_of(tthc.strategies.time_limits(), st.builds(tthc.Months, st.integers(1, 24))),
    st.sampled_from(["zone", "fixed", "pendulum-fixed", "utc"]),
)
def test_due_at_equals_the_deadline_for_every_form_of_instant(
    instant: pendulum.DateTime, limit: tthc.TimeLimit, form: str
) -> None:
    sched = Schedule.vietnam()
    plus7 = dt.timezone(dt.timedelta(hours=7))
    given_as: dt.datetime = {
        "zone": instant,
        "fixed": dt.datetime(*instant.timetuple()[:6], tzinfo=plus7),
        "pendulum-fixed": pendulum.instance(dt.datetime.fromisoformat(instant.isoformat())),
        "utc": instant.in_timezone("UTC"),
    }[form]
    try:
        expected = sched.deadline(instant, limit).due_at
    except tthc.OutOfRangeError:
        with pytest.raises(tthc.OutOfRangeError):
            sched.due_at(given_as, limit)
        return
    got = sched.due_at(given_as, limit)
    assert got == expected
    assert got.tzinfo is sched.local(instant).tzinfo
    assert sched.local(given_as) == instant
    assert sched.local(given_as).tzinfo is instant.tzinfo
    assert sched.next_working_instant(given_as).tzinfo is instant.tzinfo


# -- edges found by mutation testing ---------------------------------------------------------


def test_sessions_keep_their_seconds_and_microseconds() -> None:
    # Tables are cached by configuration; build them here, not in an earlier test.
    tthc.schedule._schedule_tables.cache_clear()
    session = tthc.Session(dt.time(7, 30, 15, 500_000), dt.time(11, 30, 45, 250_000))
    sched = Schedule(WorkingCalendar.vietnam(), OfficeHours(weekdays=[session]))
    day = dt.date(2026, 12, 7)
    assert sched.opening_of(day) == at(2026, 12, 7, 7, 30, 15).add(microseconds=500_000)
    assert sched.close_of(day) == at(2026, 12, 7, 11, 30, 45).add(microseconds=250_000)


@pytest.mark.parametrize(
    ("kwargs", "message", "value"),
    [
        ({"timezone": 7}, "timezone must be a zone name, got 7", 7),
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'", "Mars/Olympus"),
        ({"ends_at_close": "yes"}, "ends_at_close must be True or False, got 'yes'", "yes"),
        ({"hours": 8}, "expected OfficeHours, got int", 8),
    ],
    ids=["zone-type", "zone-name", "ends-at-close", "hours"],
)
def test_bad_settings_are_refused_naming_the_value(
    kwargs: dict[str, object], message: str, value: object
) -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        Schedule(WorkingCalendar.vietnam(), **kwargs)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert info.value.value == value


def test_a_duration_that_is_not_a_timedelta_is_refused_naming_its_type() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        SCHED.add_working_time(at(2026, 12, 7, 9), 3600)  # type: ignore[arg-type]
    assert str(info.value) == "duration must be a datetime.timedelta, got int"
    assert info.value.value == 3600


def test_repr_names_the_configuration_and_pretty_printing_uses_it() -> None:
    from hypothesis.vendor.pretty import pretty

    cal = WorkingCalendar.vietnam()
    assert repr(Schedule(cal)) == (
        f"Schedule({cal!r}, hours='07:30-11:30,13:00-17:00', timezone='Asia/Ho_Chi_Minh')"
    )
    judged = Schedule(cal, ends_at_close=True)
    assert repr(judged) == (
        f"Schedule({cal!r}, hours='07:30-11:30,13:00-17:00', timezone='Asia/Ho_Chi_Minh', "
        "ends_at_close=True)"
    )
    assert pretty(judged) == repr(judged)


def test_local_always_returns_a_pendulum_datetime() -> None:
    zone = pendulum.timezone(VN)
    plain = dt.datetime(2026, 12, 7, 10, tzinfo=zone)  # the schedule's own zone object
    local = SCHED.local(plain)
    assert local.__class__ is pendulum.DateTime
    assert local == at(2026, 12, 7, 10)


def test_instants_past_what_datetime_can_convert_are_out_of_range_naming_the_instant() -> None:
    last = dt.datetime.max.replace(tzinfo=dt.UTC)  # +7 hours would overflow
    for question in (SCHED.is_open, SCHED.local):
        with pytest.raises(tthc.OutOfRangeError) as info:
            question(last)
        assert str(info.value) == (f"{last} is outside the schedule's range 2000-01-01..2060-12-31")
        assert info.value.value == last


def test_the_first_and_last_days_of_the_range_are_inside_and_the_next_day_is_not() -> None:
    assert not SCHED.is_working_time(at(2000, 1, 1, 9))  # inside (a holiday)
    assert SCHED.is_working_time(at(2060, 12, 31, 9))  # a Friday
    outside = at(2061, 1, 1, 9)
    with pytest.raises(tthc.OutOfRangeError) as info:
        SCHED.is_working_time(outside)
    assert str(info.value) == f"{outside} is outside the schedule's range 2000-01-01..2060-12-31"
    assert info.value.value == outside
    assert info.value.start == dt.date(2000, 1, 1)
    assert info.value.end == dt.date(2060, 12, 31)


def test_office_time_reaches_the_last_close_of_the_range_and_not_beyond() -> None:
    start = at(2060, 12, 31, 16)
    assert SCHED.add_working_time(start, H) == at(2060, 12, 31, 17)
    with pytest.raises(tthc.OutOfRangeError) as info:
        SCHED.add_working_time(start, H + dt.timedelta(microseconds=1))
    assert str(info.value) == (
        f"the result for {start} is outside the schedule's range 2000-01-01..2060-12-31"
    )
    assert info.value.value == start
    after = at(2060, 12, 31, 17, 30)
    with pytest.raises(tthc.OutOfRangeError) as no_more:
        SCHED.next_working_instant(after)
    assert str(no_more.value) == (
        f"no office time after {after} is inside the schedule's range 2000-01-01..2060-12-31"
    )
    assert no_more.value.value == after


def test_going_back_to_the_start_of_the_range_gives_its_first_instant() -> None:
    # 04/01/2000 is the range's first working day (03/01 made up for New Year on a
    # Saturday): an hour before 08:30 is no office time at all since the range began,
    # whose earliest instant is 00:00 on 01/01/2000.
    assert SCHED.add_working_time(at(2000, 1, 4, 8, 30), -H) == at(2000, 1, 1)
    with pytest.raises(tthc.OutOfRangeError):
        SCHED.add_working_time(at(2000, 1, 4, 8, 30), -H - dt.timedelta(microseconds=1))


def test_a_range_that_starts_on_a_working_day_counts_from_its_first_session() -> None:
    sched = Schedule(WorkingCalendar(start=dt.date(2026, 12, 7), end=dt.date(2026, 12, 31)))
    assert sched.next_working_instant(at(2026, 12, 7, 6)) == at(2026, 12, 7, 7, 30)
    assert sched.add_working_time(at(2026, 12, 7, 8, 30), -H) == at(2026, 12, 7, 7, 30)


def test_office_time_ends_at_the_close_not_after_it() -> None:
    assert SCHED.is_working_time(at(2026, 12, 7, 16, 59, 59).add(microseconds=999_999))
    assert not SCHED.is_working_time(at(2026, 12, 7, 17))
    assert not SCHED.is_working_time(at(2026, 12, 7, 11, 30))


def test_a_saturday_desk_is_open_from_its_first_instant_and_never_sends_back_in_time() -> None:
    hours = OfficeHours.parse("07:30-11:30,13:00-17:00", saturday="07:30-11:30")
    sched = Schedule(WorkingCalendar.vietnam(), hours)
    assert sched.next_opening(at(2026, 12, 12, 7, 30)) == at(2026, 12, 12, 7, 30)
    assert sched.next_opening(at(2026, 12, 12, 6)) == at(2026, 12, 12, 7, 30)
    assert sched.next_opening(at(2026, 12, 14, 6)) == at(2026, 12, 14, 7, 30)  # Monday
