"""Tests of tthc.calendar: the national working-day calendar."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import WorkingCalendar

CAL = WorkingCalendar.vietnam()
D = dt.date


def days(lo: dt.date = D(2003, 1, 1), hi: dt.date = D(2059, 6, 30)) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=lo, max_value=hi)


def working_days() -> st.SearchStrategy[dt.date]:
    return days().map(lambda d: CAL.add_working_days(d, 0))


steps = st.integers(min_value=-200, max_value=200)


# -- the confirmed official schedules, each day asserted -----------------------------

# (first, last) of every run of weekday days off, and the make-up working days.
OFFICIAL: dict[int, dict[str, Any]] = {
    2024: {
        "off": [
            (D(2024, 1, 1), D(2024, 1, 1)),  # Tết Dương lịch
            (D(2024, 2, 8), D(2024, 2, 14)),  # Tết Nguyên Đán (Sat 10 - Wed 14)
            (D(2024, 4, 18), D(2024, 4, 18)),  # Giỗ Tổ Hùng Vương
            (D(2024, 4, 29), D(2024, 5, 1)),  # 29/4 swapped with Sat 4/5, 30/4, 1/5
            (D(2024, 9, 2), D(2024, 9, 3)),  # Quốc khánh
        ],
        "make_up": [D(2024, 5, 4)],
    },
    2025: {
        "off": [
            (D(2025, 1, 1), D(2025, 1, 1)),
            (D(2025, 1, 27), D(2025, 1, 31)),  # Tết 25/1 - 2/2
            (D(2025, 4, 7), D(2025, 4, 7)),
            (D(2025, 4, 30), D(2025, 5, 2)),  # 2/5 swapped with Sat 26/4
            (D(2025, 9, 1), D(2025, 9, 2)),
        ],
        "make_up": [D(2025, 4, 26)],
    },
    2026: {
        "off": [
            (D(2026, 1, 1), D(2026, 1, 1)),
            (D(2026, 2, 16), D(2026, 2, 20)),  # Tết 14/2 - 22/2
            (D(2026, 4, 27), D(2026, 4, 27)),  # Hùng Kings on Sunday 26/4 -> Monday
            (D(2026, 4, 30), D(2026, 5, 1)),
            (D(2026, 8, 31), D(2026, 9, 2)),  # 31/8 swapped with Sat 22/8
            (D(2026, 11, 24), D(2026, 11, 24)),  # Ngày Văn hóa Việt Nam
        ],
        "make_up": [D(2026, 8, 22)],
    },
}


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_official_schedule_every_day_of_the_year(year: int) -> None:
    expected_off = {
        first + dt.timedelta(days=k)
        for first, last in OFFICIAL[year]["off"]
        for k in range((last - first).days + 1)
        if (first + dt.timedelta(days=k)).weekday() < 5
    }
    make_up = set(OFFICIAL[year]["make_up"])
    day = D(year, 1, 1)
    while day.year == year:
        expected = (day.weekday() < 5 and day not in expected_off) or day in make_up
        assert CAL.is_working_day(day) is expected, day
        day += dt.timedelta(days=1)
        assert not CAL.is_provisional(day - dt.timedelta(days=1))


def test_tet_2026_and_make_up_saturday_counting() -> None:
    assert CAL.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert CAL.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert CAL.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert CAL.add_working_days(D(2025, 4, 25), 2) == D(2025, 4, 28)
    assert CAL.add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)
    assert CAL.working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2


def test_add_zero_rolls_forward_and_negative_goes_back() -> None:
    assert CAL.add_working_days(D(2026, 2, 14), 0) == D(2026, 2, 23)
    assert CAL.add_working_days(D(2026, 2, 23), 0) == D(2026, 2, 23)
    assert CAL.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert CAL.add_working_days(D(2026, 2, 21), -1) == D(2026, 2, 13)
    assert CAL.previous_working_day(D(2026, 8, 24)) == D(2026, 8, 22)
    assert CAL.next_working_day(D(2026, 11, 23)) == D(2026, 11, 25)


def test_make_up_days_are_exactly_those_of_the_range() -> None:
    # holidays lists 2014-12-27 and 2019-01-05 whatever years are asked for.
    cal = WorkingCalendar.vietnam(start_year=2024, end_year=2026)
    make_up = {d for d, s in cal.special_days.items() if s.working}
    assert make_up == {D(2024, 5, 4), D(2025, 4, 26), D(2026, 8, 22)}
    early = WorkingCalendar.vietnam(start_year=2014, end_year=2014)
    assert early.is_working_day(D(2014, 12, 27))  # pays for Friday 2015-01-02
    assert early.holiday_name(D(2014, 12, 27)) == "Ngày làm bù (cho ngày nghỉ 02/01/2015)"


def test_default_range_and_provisional_years() -> None:
    assert CAL.start <= D(2000, 1, 1)
    assert CAL.end >= D(2060, 12, 31)
    assert CAL.confirmed_through == tthc.last_confirmed_year() == 2026
    assert not CAL.is_provisional(D(2026, 11, 24))
    assert CAL.is_provisional(D(2027, 1, 1))


def test_holiday_names_in_both_languages() -> None:
    assert CAL.holiday_name(D(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert CAL.holiday_name(D(2026, 11, 24), language="en") == "Vietnam Cultural Day"
    assert CAL.holiday_name(D(2026, 8, 22)) == "Ngày làm bù (cho ngày nghỉ 31/08/2026)"
    assert CAL.holiday_name(D(2026, 11, 25)) is None
    with pytest.raises(tthc.InputTypeError):
        CAL.holiday_name(D(2026, 11, 24), language="fr")


def test_working_days_iteration_and_count() -> None:
    got = list(CAL.working_days(D(2026, 2, 12), D(2026, 2, 24)))
    assert got == [D(2026, 2, 12), D(2026, 2, 13), D(2026, 2, 23), D(2026, 2, 24)]
    assert CAL.count_working_days(D(2026, 2, 12), D(2026, 2, 24)) == 4
    assert list(CAL.working_days(D(2026, 2, 24), D(2026, 2, 12))) == []
    assert CAL.count_working_days(D(2026, 2, 24), D(2026, 2, 12)) == 0


def test_closures_and_extra_working_days() -> None:
    storm, sat = D(2026, 12, 8), D(2026, 12, 12)
    cal = WorkingCalendar.vietnam(closures={storm: "Bão"}, extra_working_days={sat: "Trực"})
    assert not cal.is_working_day(storm)
    assert cal.is_working_day(sat)
    assert cal.holiday_name(storm) == "Bão"
    assert cal.add_working_days(D(2026, 12, 7), 1) == D(2026, 12, 9)
    assert cal != CAL
    assert hash(cal) != hash(CAL) or cal != CAL


def test_calendar_is_a_hashable_value() -> None:
    assert WorkingCalendar.vietnam() == CAL
    assert hash(WorkingCalendar.vietnam()) == hash(CAL)
    assert len({CAL, WorkingCalendar.vietnam()}) == 1
    with pytest.raises(AttributeError):
        CAL.start = D(1999, 1, 1)  # type: ignore[misc]
    assert "2000-01-01..2060-12-31" in repr(CAL)


def test_announce_a_new_year() -> None:
    day_off, make_up = D(2027, 4, 29), D(2027, 4, 24)
    new = CAL.announce(2027, swaps={day_off: make_up}, days_off={D(2027, 2, 11): "Tết"})
    assert not new.is_working_day(day_off)
    assert new.is_working_day(make_up)
    assert not new.is_working_day(D(2027, 2, 11))
    assert not new.is_provisional(D(2027, 6, 1))
    assert new.is_provisional(D(2028, 6, 1))
    assert new.holiday_name(make_up) == "Ngày làm bù (cho ngày nghỉ 29/04/2027)"
    fixed = CAL.announce(2027, working_days={D(2027, 2, 10): "Làm việc"})
    assert fixed.is_working_day(D(2027, 2, 10))


# -- bad input -------------------------------------------------------------------------


def test_out_of_range_names_the_range() -> None:
    with pytest.raises(tthc.OutOfRangeError) as info:
        CAL.is_working_day(D(1999, 12, 31))
    assert info.value.value == D(1999, 12, 31)
    assert info.value.start == D(2000, 1, 1)
    assert "2000-01-01..2060-12-31" in str(info.value)
    with pytest.raises(tthc.OutOfRangeError):
        CAL.add_working_days(D(2060, 12, 29), 10)
    with pytest.raises(tthc.OutOfRangeError):
        CAL.add_working_days(D(2000, 1, 4), -10)
    with pytest.raises(tthc.OutOfRangeError):
        CAL.working_days_between(D(2026, 1, 1), D(2061, 1, 1))
    with pytest.raises(tthc.OutOfRangeError):
        CAL.announce(2070, days_off={D(2070, 1, 2): "x"})
    assert isinstance(info.value, ValueError)


def test_datetime_is_rejected_where_a_date_is_expected() -> None:
    with pytest.raises(tthc.DatetimeGivenError) as info:
        CAL.is_working_day(dt.datetime(2026, 1, 2, 10, 0))
    assert isinstance(info.value, TypeError)
    assert info.value.value == dt.datetime(2026, 1, 2, 10, 0)
    with pytest.raises(tthc.DatetimeGivenError):
        CAL.add_working_days(dt.datetime(2026, 1, 2), 1)


@pytest.mark.parametrize("bad", ["2026-01-02", 20260102, None])
def test_wrong_types_are_type_errors(bad: object) -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        CAL.is_working_day(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert info.value.value == bad


def test_non_int_step_is_rejected() -> None:
    with pytest.raises(tthc.InputTypeError):
        CAL.add_working_days(D(2026, 1, 2), 1.5)  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        CAL.add_working_days(D(2026, 1, 2), True)


def test_conflicting_configuration() -> None:
    day = D(2026, 12, 12)
    with pytest.raises(tthc.CalendarConfigError) as info:
        WorkingCalendar.vietnam(closures={day: "a"}, extra_working_days={day: "b"})
    assert info.value.value == day
    with pytest.raises(tthc.CalendarConfigError):
        WorkingCalendar.vietnam(start_year=2030, end_year=2020)
    with pytest.raises(tthc.CalendarConfigError):
        CAL.announce(
            2027, swaps={D(2027, 4, 29): D(2027, 4, 24)}, working_days={D(2027, 4, 29): "x"}
        )
    with pytest.raises(tthc.InputTypeError):
        WorkingCalendar.vietnam(closures={dt.datetime(2026, 1, 2): "x"})


# -- invariants ------------------------------------------------------------------------


@given(days(), steps)
def test_results_are_working_days(day: dt.date, n: int) -> None:
    assert CAL.is_working_day(CAL.add_working_days(day, n))


@given(days(), steps)
def test_between_inverts_add(day: dt.date, n: int) -> None:
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n or n <= 0


@given(working_days(), steps)
def test_add_then_subtract_returns(day: dt.date, n: int) -> None:
    later = CAL.add_working_days(day, n)
    assert CAL.working_days_between(day, later) == n
    assert CAL.add_working_days(later, -n) == day


@given(days(), days(), st.integers(min_value=0, max_value=200))
def test_later_start_never_gives_earlier_result(a: dt.date, b: dt.date, n: int) -> None:
    a, b = min(a, b), max(a, b)
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@given(days(D(2003, 1, 1), D(2057, 12, 31)), st.integers(min_value=-1000, max_value=1000))
def test_between_is_antisymmetric_and_counts_the_iteration(a: dt.date, offset: int) -> None:
    b = a + dt.timedelta(days=offset)
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    if a <= b:
        assert CAL.working_days_between(a, b) == sum(
            1 for _ in CAL.working_days(a + dt.timedelta(days=1), b)
        )


@given(
    days(D(2026, 1, 1), D(2028, 12, 1)),
    st.integers(min_value=0, max_value=60),
    st.sets(days(D(2026, 1, 1), D(2029, 6, 1)), max_size=10),
)
def test_closures_only_push_results_later(day: dt.date, n: int, closed: set[dt.date]) -> None:
    closed_cal = WorkingCalendar.vietnam(closures=dict.fromkeys(closed, "closed"))
    result = closed_cal.add_working_days(day, n)
    assert result >= CAL.add_working_days(day, n)
    assert result not in closed


# -- differential: agreement with holidays' own helpers --------------------------------


def test_agrees_with_holidays_helpers_on_random_cases() -> None:
    vn = holidays.country_holidays("VN", years=range(2000, 2061))
    rng = random.Random(2026)
    for _ in range(400):
        day = D(2001, 1, 1) + dt.timedelta(days=rng.randrange(365 * 58))
        n = rng.randint(1, 60)
        assert CAL.is_working_day(day) == vn.is_working_day(day), day
        expected = vn.get_nth_working_day(day, n)
        assert CAL.add_working_days(day, n) == expected, (day, n)
        assert CAL.add_working_days(day, -n) == vn.get_nth_working_day(day, -n), (day, -n)
        end = day + dt.timedelta(days=rng.randrange(1, 400))
        # holidays counts [start, end] inclusive; we count (start, end].
        assert CAL.working_days_between(day, end) == vn.get_working_days_count(day, end) - int(
            vn.is_working_day(day)
        )


@pytest.mark.parametrize(
    "calendar",
    [
        WorkingCalendar.vietnam(),
        WorkingCalendar.vietnam(start_year=2024, end_year=2029),
        WorkingCalendar.vietnam(closures={dt.date(2026, 12, 8): "Bão"}, confirmed_through=2025),
        WorkingCalendar.vietnam().announce(
            2027, swaps={dt.date(2027, 4, 29): dt.date(2027, 4, 24)}
        ),
        WorkingCalendar(dt.date(2026, 1, 5), dt.date(2026, 2, 1), weekend={6}),
    ],
)
def test_a_calendar_pickles_as_its_configuration(calendar: WorkingCalendar) -> None:
    import pickle

    data = pickle.dumps(calendar)
    assert len(data) < 2_000
    again = pickle.loads(data)
    assert again == calendar
    assert again.confirmed_through == calendar.confirmed_through
    assert again._flags == calendar._flags
    assert pickle.loads(data) is again
