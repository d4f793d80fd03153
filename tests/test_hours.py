"""Tests of tthc.hours: sessions and office hours."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import OfficeHours, Season, Session, parse_sessions

D = dt.date


def test_parse_default_hours() -> None:
    hours = OfficeHours.parse("07:30-11:30,13:00-17:00")
    assert hours == OfficeHours.default()
    assert [str(s) for s in hours.weekdays[4]] == ["07:30-11:30", "13:00-17:00"]
    assert hours.day_length() == dt.timedelta(hours=8)
    assert str(hours) == "07:30-11:30,13:00-17:00"


def test_any_number_of_sessions_and_per_weekday_hours() -> None:
    hours = OfficeHours(
        weekdays=[
            "07:00-09:00,09:30-11:30,13:00-17:00",
            "07:30-11:30,13:00-17:00",
            "07:30-11:30,13:00-17:00",
            "07:30-11:30,13:00-17:00",
            "07:30-11:30",  # Friday afternoon: internal meetings
        ]
    )
    assert len(hours.sessions_on(D(2026, 12, 7))) == 3
    assert hours.sessions_on(D(2026, 12, 11)) == (Session.parse("07:30-11:30"),)
    assert hours.day_length() == dt.timedelta(hours=8)
    assert "; " in str(hours)


def test_make_up_and_saturday_reception_hours() -> None:
    hours = OfficeHours(
        weekdays="07:30-11:30,13:00-17:00", make_up="08:00-12:00", saturday="07:30-11:30"
    )
    make_up_saturday = D(2026, 8, 22)
    assert hours.sessions_on(make_up_saturday) == (Session.parse("08:00-12:00"),)
    assert hours.sessions_on(D(2026, 12, 12), working=False) == (Session.parse("07:30-11:30"),)
    assert hours.sessions_on(D(2026, 12, 13), working=False) == ()
    default = OfficeHours.default()
    assert default.sessions_on(make_up_saturday) == default.weekdays[0]


def test_a_make_up_day_without_make_up_hours_works_mondays_sessions() -> None:
    monday, other = "07:00-11:00,13:00-16:00", "07:30-11:30,13:00-17:00"
    hours = OfficeHours(weekdays=[monday, other, other, other, other])
    make_up_saturday = D(2026, 8, 22)
    assert [str(s) for s in hours.sessions_on(make_up_saturday)] == ["07:00-11:00", "13:00-16:00"]
    assert hours.day_length(make_up_saturday) == dt.timedelta(hours=7)


def test_seasons_including_one_across_new_year() -> None:
    summer = OfficeHours.parse("07:00-11:30,13:30-17:00")
    winter = OfficeHours.parse("07:30-11:30,13:00-16:30")
    hours = OfficeHours(
        weekdays="07:30-11:30,13:00-17:00",
        seasons=[Season("04-15", "10-14", summer), Season((10, 15), (4, 14), winter)],
    )
    assert hours.sessions_on(D(2026, 4, 15)) == summer.weekdays[0]
    assert hours.sessions_on(D(2026, 10, 14)) == summer.weekdays[0]
    assert hours.sessions_on(D(2026, 10, 15)) == winter.weekdays[0]
    assert hours.sessions_on(D(2027, 1, 5)) == winter.weekdays[0]
    with pytest.raises(tthc.OfficeHoursError):
        Season("04-15", "10-14", hours)  # nested seasons
    with pytest.raises(tthc.OfficeHoursError):
        Season("13-01", "10-14", summer)


@pytest.mark.parametrize(
    "text",
    [
        "07:30-12:00,11:30-17:00",  # overlap
        "13:00-17:00,07:30-11:30",  # unordered
        "17:00-07:30",  # ends before it starts
        "07:30-07:30",  # empty
        "25:00-26:00",
        "morning",
        "",
    ],
)
def test_bad_sessions_are_errors_carrying_the_value(text: str) -> None:
    with pytest.raises(tthc.OfficeHoursError) as info:
        OfficeHours.parse(text)
    assert isinstance(info.value, ValueError)
    assert info.value.value is not None


def test_wrong_types() -> None:
    with pytest.raises(tthc.InputTypeError):
        parse_sessions(42)
    with pytest.raises(tthc.InputTypeError):
        Session(7, 11)
    with pytest.raises(tthc.OfficeHoursError):
        Session(dt.time(7, tzinfo=dt.UTC), dt.time(11))


def test_other_spellings() -> None:
    assert Session.parse("7h30-11h30") == Session(dt.time(7, 30), dt.time(11, 30))
    assert Session.parse(" 13:00 – 17:00 ") == Session(dt.time(13), dt.time(17))
    assert Session("07:30", "11:30") == Session.parse("07:30-11:30")


@st.composite
def day_sessions(draw: st.DrawFn) -> str:
    cuts = sorted(
        draw(st.sets(st.integers(min_value=0, max_value=24 * 60 - 1), min_size=2, max_size=8))
    )
    if len(cuts) % 2:
        cuts = cuts[:-1]
    pairs = zip(cuts[::2], cuts[1::2], strict=True)
    return ",".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in pairs)


@given(day_sessions())
def test_text_round_trip(text: str) -> None:
    hours = OfficeHours.parse(text)
    assert str(hours) == text
    assert OfficeHours.parse(str(hours)) == hours
    total = sum(s.minutes for s in hours.weekdays[0])
    assert hours.day_length() == dt.timedelta(minutes=total)


# -- found by mutation testing: exact wording, values and boundaries --------------------------


def test_sessions_with_seconds_and_microseconds() -> None:
    session = Session(dt.time(7, 30, 15, 250), dt.time(8, 31, 16, 500))
    assert str(session) == "07:30:15.000250-08:31:16.000500"
    assert session.microseconds == ((61 * 60) + 1) * 1_000_000 + 250
    assert Session(dt.time(7, 0), dt.time(7, 0, 0, 1)).microseconds == 1


@pytest.mark.parametrize(
    ("start", "error", "message"),
    [
        ("13-01", tthc.OfficeHoursError, "not a month and day: (13, 1)"),
        ("April", tthc.OfficeHoursError, "expected 'MM-DD', got 'April'"),
        ((4, 15, 1), tthc.InputTypeError, "expected (month, day) or 'MM-DD', got (4, 15, 1)"),
        ([4, 15], tthc.InputTypeError, "expected (month, day) or 'MM-DD', got [4, 15]"),
        ((4,), tthc.InputTypeError, "expected (month, day) or 'MM-DD', got (4,)"),
    ],
)
def test_season_days_say_what_is_wrong(start: object, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        Season(start, "10-14", OfficeHours.default())
    assert str(info.value) == message
    assert info.value.value in (start, (13, 1))  # type: ignore[attr-defined]


def test_february_29_is_a_season_day() -> None:
    assert Season("02-29", "03-01", OfficeHours.default()).start == (2, 29)


def test_a_season_cannot_nest_seasons() -> None:
    inner = Season("04-15", "10-14", OfficeHours.default())
    nested = OfficeHours(weekdays="07:30-11:30", seasons=[inner])
    with pytest.raises(tthc.OfficeHoursError) as info:
        Season("05-01", "06-01", nested)
    assert str(info.value) == "a season's hours cannot have seasons of their own"
    assert info.value.value == nested


def test_season_boundaries_are_included() -> None:
    one_day = Season("06-01", "06-01", OfficeHours.default())
    assert one_day.contains(dt.date(2026, 6, 1))
    assert not one_day.contains(dt.date(2026, 6, 2))
    winter = Season("10-15", "04-14", OfficeHours.default())
    assert winter.contains(dt.date(2027, 4, 14))
    assert winter.contains(dt.date(2026, 10, 15))
    assert not winter.contains(dt.date(2027, 4, 15))


def test_empty_make_up_hours_mean_closed_on_make_up_days() -> None:
    hours = OfficeHours(weekdays="07:30-11:30", make_up="")
    assert hours.make_up == ()


def test_day_length_of_a_given_day() -> None:
    hours = OfficeHours(
        weekdays=[
            "07:30-11:30",
            "07:30-11:30,13:00-17:00",
            "08:00-09:00",
            "08:00-09:00",
            "08:00-09:00",
        ]
    )
    assert hours.day_length() == dt.timedelta(hours=4)
    assert hours.day_length(dt.date(2026, 12, 8)) == dt.timedelta(hours=8)  # a Tuesday
    assert str(hours) == (
        "07:30-11:30; 07:30-11:30,13:00-17:00; 08:00-09:00; 08:00-09:00; 08:00-09:00"
    )


def test_seasons_must_be_seasons() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        OfficeHours(weekdays="07:30-11:30", seasons=["04-15..10-14"])
    assert str(info.value) == "expected Season, got str"
    assert info.value.value == "04-15..10-14"


@pytest.mark.parametrize(
    ("make", "error", "message", "value"),
    [
        (
            lambda: Session(dt.time(7, tzinfo=dt.UTC), dt.time(8)),
            tthc.OfficeHoursError,
            "office hours are local wall times; datetime.time(7, 0, tzinfo=datetime.timezone.utc) has a tzinfo",
            dt.time(7, tzinfo=dt.UTC),
        ),
        (
            lambda: Session("25:00", dt.time(8)),
            tthc.OfficeHoursError,
            "cannot read the time '25:00'",
            "25:00",
        ),
        (
            lambda: Session(7, dt.time(8)),
            tthc.InputTypeError,
            "expected a datetime.time, got int",
            7,
        ),
        (
            lambda: Session(dt.time(17), dt.time(13)),
            tthc.OfficeHoursError,
            "a session must end after it starts: '17:00-13:00'",
            (dt.time(17), dt.time(13)),
        ),
        (lambda: Session.parse(5), tthc.InputTypeError, "expected a str, got int", 5),  # type: ignore[arg-type]
        (lambda: Session.parse("x"), tthc.OfficeHoursError, "cannot read the session 'x'", "x"),
        (
            lambda: Session.parse("25:00-26:00"),
            tthc.OfficeHoursError,
            "cannot read the session '25:00-26:00'",
            "25:00-26:00",
        ),
        (
            lambda: parse_sessions(5),
            tthc.InputTypeError,
            "expected sessions as text or a sequence, got int",
            5,
        ),
        (
            lambda: parse_sessions(""),
            tthc.OfficeHoursError,
            "a working day needs at least one session",
            "",
        ),
        (
            lambda: parse_sessions("13:00-17:00,07:30-11:30"),
            tthc.OfficeHoursError,
            "sessions overlap or are out of order: 13:00-17:00 then 07:30-11:30",
            "13:00-17:00,07:30-11:30",
        ),
    ],
)
def test_session_errors_say_what_and_carry_the_value(
    make: Any, error: type, message: str, value: object
) -> None:
    with pytest.raises(error) as info:
        make()
    assert str(info.value) == message
    assert info.value.value == value  # type: ignore[attr-defined]


def test_sessions_are_read_in_every_form() -> None:
    assert Session.parse("7h-11h") == Session(dt.time(7), dt.time(11))
    morning = Session(dt.time(7, 30), dt.time(11, 30))
    assert parse_sessions(morning) == (morning,)
    assert parse_sessions([morning, "13:00-17:00"]) == (morning, Session.parse("13:00-17:00"))
    assert parse_sessions("07:30-11:30,11:30-13:00") == (morning, Session.parse("11:30-13:00"))


def test_weekday_hours_one_day_or_five() -> None:
    five = [Session(dt.time(h), dt.time(h, 30)) for h in (7, 8, 9, 10, 11)]
    assert OfficeHours(weekdays=five).weekdays == (tuple(five),) * 5  # five sessions, one day
    assert len(OfficeHours(weekdays="07:30-11:30").weekdays) == 5
    assert OfficeHours(weekdays="07:30-11:30").weekdays[4] == (Session.parse("07:30-11:30"),)


@pytest.mark.parametrize(
    "text",
    ["07:30-11:30", "07:30:15-11:30", "07:30:15.500000-11:30:45.250000", "07:30-11:30:00.000001"],
)
def test_a_session_reads_back_what_it_writes_to_the_microsecond(text: str) -> None:
    session = Session.parse(text)
    assert str(session) == text
    assert Session.parse(str(session)) == session


def test_sessions_with_seconds_round_trip_through_json() -> None:
    session = Session(dt.time(7, 30, 15, 500_000), dt.time(11, 30, 45, 250_000))
    hours = OfficeHours(weekdays=[session])
    assert tthc.loads(tthc.dumps(hours), OfficeHours) == hours


@pytest.mark.parametrize(
    "text",
    [
        "07:30:61-11:00",
        "07:30.5-11:00",
        "07:30:15.1234567-11:00",
        "7h:15-11h",
        "7h30:15-11h",  # seconds only in the 07:30:15 notation
        "7g30:15.5-11g",
    ],
)
def test_a_session_with_unreadable_seconds_is_refused(text: str) -> None:
    with pytest.raises(tthc.OfficeHoursError) as info:
        Session.parse(text)
    assert str(info.value) == f"cannot read the session {text!r}"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("07:30:15.5-11:30", dt.time(7, 30, 15, 500_000)),
        ("07:30:15.000001-11:30", dt.time(7, 30, 15, 1)),
        ("7h-11h", dt.time(7, 0)),
        ("07:30:15-11:30", dt.time(7, 30, 15)),
    ],
)
def test_a_fraction_of_a_second_is_read_as_decimals(text: str, start: dt.time) -> None:
    assert Session.parse(text).start == start


@given(
    st.times(max_value=dt.time(23, 59, 59, 999_998)),
    st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(hours=24)),
)
def test_any_session_reads_back_equal_from_its_text(start: dt.time, length: dt.timedelta) -> None:
    end_at = dt.datetime.combine(dt.date(2026, 1, 1), start) + length
    end = end_at.time() if end_at.date() == dt.date(2026, 1, 1) else dt.time.max
    session = Session(start, end)
    assert Session.parse(str(session)) == session
