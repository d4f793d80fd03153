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
from tthc.calendar import _estimated_days

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
    2020: {
        "off": [
            (D(2020, 1, 1), D(2020, 1, 1)),
            (D(2020, 1, 23), D(2020, 1, 29)),  # Tết Thu 23/1 - Wed 29/1
            (D(2020, 4, 2), D(2020, 4, 2)),  # Giỗ Tổ Hùng Vương
            (D(2020, 4, 30), D(2020, 5, 1)),
            (D(2020, 9, 2), D(2020, 9, 2)),  # one day under the Labor Code 2012
        ],
        "make_up": [],
    },
    2021: {
        "off": [
            (D(2021, 1, 1), D(2021, 1, 1)),
            (D(2021, 2, 10), D(2021, 2, 16)),  # Tết Wed 10/2 - Tue 16/2
            (D(2021, 4, 21), D(2021, 4, 21)),
            (D(2021, 4, 30), D(2021, 4, 30)),
            (D(2021, 5, 3), D(2021, 5, 3)),  # 1/5 on Saturday -> Monday
            (D(2021, 9, 2), D(2021, 9, 3)),  # Quốc khánh Thu 2/9 - Sun 5/9
        ],
        "make_up": [],
    },
    2022: {
        "off": [
            (D(2022, 1, 3), D(2022, 1, 3)),  # 1/1 on Saturday -> Monday
            (D(2022, 1, 31), D(2022, 2, 4)),  # Tết Sat 29/1 - Sun 6/2
            (D(2022, 4, 11), D(2022, 4, 11)),  # Hùng Kings on Sunday 10/4 -> Monday
            (D(2022, 5, 2), D(2022, 5, 3)),  # 30/4 and 1/5 on the weekend
            (D(2022, 9, 1), D(2022, 9, 2)),  # Quốc khánh Thu 1/9 - Sun 4/9
        ],
        "make_up": [],
    },
    2023: {
        "off": [
            (D(2023, 1, 2), D(2023, 1, 2)),  # 1/1 on Sunday -> Monday
            (D(2023, 1, 20), D(2023, 1, 26)),  # Tết Fri 20/1 - Thu 26/1
            (D(2023, 5, 1), D(2023, 5, 3)),  # Hùng Kings Sat 29/4, 30/4 Sun: Tue, Wed
            (D(2023, 9, 1), D(2023, 9, 1)),  # Quốc khánh Fri 1/9 - Mon 4/9
            (D(2023, 9, 4), D(2023, 9, 4)),
        ],
        "make_up": [],
    },
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
            (D(2026, 1, 1), D(2026, 1, 2)),  # 12729/VPCP-KGVX: 2/1 swapped with Sat 10/1
            (D(2026, 2, 16), D(2026, 2, 20)),  # Tết 14/2 - 22/2
            (D(2026, 4, 27), D(2026, 4, 27)),  # Hùng Kings on Sunday 26/4 -> Monday
            (D(2026, 4, 30), D(2026, 5, 1)),
            (D(2026, 8, 31), D(2026, 9, 2)),  # 31/8 swapped with Sat 22/8
            (D(2026, 11, 24), D(2026, 11, 24)),  # Ngày Văn hóa Việt Nam
        ],
        "make_up": [D(2026, 1, 10), D(2026, 8, 22)],
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
    assert make_up == {D(2024, 5, 4), D(2025, 4, 26), D(2026, 1, 10), D(2026, 8, 22)}
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


# The counting engine on the estimate alone (the announced table replaced by
# what ``holidays`` computes) must agree with ``holidays``' own helpers.
ESTIMATE = WorkingCalendar(
    start=D(2000, 1, 1),
    end=D(2060, 12, 31),
    special_days=_estimated_days(2000, 2060),
    confirmed_through=2026,
)


def test_agrees_with_holidays_helpers_on_random_cases() -> None:
    vn = holidays.country_holidays("VN", years=range(2000, 2061))
    rng = random.Random(2026)
    for _ in range(400):
        day = D(2001, 1, 1) + dt.timedelta(days=rng.randrange(365 * 58))
        n = rng.randint(1, 60)
        assert ESTIMATE.is_working_day(day) == vn.is_working_day(day), day
        expected = vn.get_nth_working_day(day, n)
        assert ESTIMATE.add_working_days(day, n) == expected, (day, n)
        assert ESTIMATE.add_working_days(day, -n) == vn.get_nth_working_day(day, -n), (day, -n)
        end = day + dt.timedelta(days=rng.randrange(1, 400))
        # holidays counts [start, end] inclusive; we count (start, end].
        assert ESTIMATE.working_days_between(day, end) == vn.get_working_days_count(day, end) - int(
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


def test_announced_table_against_the_holidays_estimate_lists_each_disagreement() -> None:
    # For every announced year the bundled table is the truth; this lists each
    # day where the holidays package says otherwise, so that a new holidays
    # release that moves either side is noticed. Today (holidays 0.109) the
    # only ones are New Year 2026 (Công văn 12729/VPCP-KGVX of 25/12/2025):
    # Friday 2/1 is off and Saturday 10/1 is worked; holidays has neither.
    announced = tthc.announced_days()
    assert sorted(announced) == list(range(2020, 2027))
    vn = holidays.country_holidays("VN", years=range(2019, 2028))
    disagreements = []
    for year in announced:
        day = D(year, 1, 1)
        while day.year == year:
            if CAL.is_working_day(day) != vn.is_working_day(day):
                disagreements.append((day, CAL.is_working_day(day), vn.is_working_day(day)))
            day += dt.timedelta(days=1)
    assert disagreements == [
        (D(2026, 1, 2), False, True),
        (D(2026, 1, 10), True, False),
    ]


def test_every_announced_day_cites_its_source() -> None:
    for year, days in tthc.announced_days().items():
        for day in days:
            assert day.date.year == year
            assert day.source, day
            assert day.source.startswith("unverified: ") or any(
                word in day.source for word in ("Bộ luật", "Công văn", "Thông báo", "Nghị quyết")
            ), day
            assert CAL.special_days[day.date] == day
    sources = {d.date: d.source for days in tthc.announced_days().values() for d in days}
    assert sources[D(2026, 1, 2)] == "Công văn 12729/VPCP-KGVX, 25/12/2025, Văn phòng Chính phủ"
    assert sources[D(2026, 2, 16)] == "Thông báo 9441/TB-BNV, 16/10/2025, Bộ Nội vụ"
    assert sources[D(2024, 4, 29)] == "Công văn 2450/VPCP-KGVX, 12/04/2024, Văn phòng Chính phủ"
    # 2025: Tết, the swap of Friday 2/5 with Saturday 26/4 and National Day
    # (Mon 1/9 - Tue 2/9) are all in the MOLISA notice of 03/12/2024.
    notice_2025 = "Thông báo 6150/TB-BLĐTBXH, 03/12/2024, Bộ Lao động – Thương binh và Xã hội"
    for when in (D(2025, 1, 27), D(2025, 4, 26), D(2025, 5, 2), D(2025, 9, 1), D(2025, 9, 2)):
        assert sources[when] == notice_2025, when
    # National Day 2022 (Thu 1/9 - Fri 2/9) was in the same letter as Tết 2022.
    assert sources[D(2022, 9, 1)] == "Công văn 245/VPCP-KGVX, 11/01/2022, Văn phòng Chính phủ"
    assert sources[D(2026, 8, 22)] == "Thông báo 9441/TB-BNV, 16/10/2025, Bộ Nội vụ"
    assert sources[D(2026, 8, 31)] == "Thông báo 9441/TB-BNV, 16/10/2025, Bộ Nội vụ"
    # 2021: the number is known, its date of issue is not; 2020 Tết: no number.
    assert sources[D(2021, 2, 10)] == (
        "Thông báo 4875/TB-LĐTBXH, Bộ Lao động – Thương binh và Xã hội (date of issue not verified)"
    )
    assert str(sources[D(2020, 1, 23)]).startswith("unverified: ")  # number not found
    unverified = sorted({d.year for d, s in sources.items() if str(s).startswith("unverified")})
    assert unverified == [2020]
    # Outside the announced years the days are the holidays estimate, marked so.
    assert str(CAL.special_days[D(2027, 1, 1)].source).startswith("estimate: ")
    assert str(CAL.special_days[D(2019, 1, 1)].source).startswith("estimate: ")


def test_swapped_days_are_named_as_swaps() -> None:
    assert CAL.holiday_name(D(2025, 5, 2)) == "Ngày nghỉ hoán đổi (làm bù Thứ Bảy 26/04/2025)"
    assert CAL.holiday_name(D(2025, 5, 2), "en") == (
        "Swapped day off (made up on Saturday 26/04/2025)"
    )
    assert CAL.holiday_name(D(2026, 1, 10)) == "Ngày làm bù (cho ngày nghỉ 02/01/2026)"


# -- announce() refuses inconsistent input, naming the date -----------------------------


@pytest.mark.parametrize(
    ("kwargs", "bad", "message"),
    [
        (
            {"days_off": {D(2028, 1, 3): "x"}},
            D(2028, 1, 3),
            "2028-01-03 in days_off is outside the announced year 2027",
        ),
        (
            {"working_days": {D(2026, 12, 5): "x"}},
            D(2026, 12, 5),
            "2026-12-05 in working_days is outside the announced year 2027",
        ),
        (
            {"swaps": {D(2028, 4, 28): D(2028, 4, 22)}},
            D(2028, 4, 28),
            "2028-04-28 in swaps is outside the announced year 2027",
        ),
        (
            {"swaps": {D(2027, 4, 24): D(2027, 4, 17)}},
            D(2027, 4, 24),
            "the swapped day off 2027-04-24 is a weekly rest day, not a weekday",
        ),
        (
            {"swaps": {D(2027, 4, 30): D(2027, 4, 24)}},
            D(2027, 4, 30),
            "the swapped day off 2027-04-30 is already a day off (Ngày Chiến thắng)",
        ),
        (
            {"swaps": {D(2027, 4, 29): D(2027, 4, 23)}},
            D(2027, 4, 23),
            "the make-up day 2027-04-23 is not a weekly rest day",
        ),
        (
            {"swaps": {D(2027, 4, 29): D(2026, 4, 25)}},
            D(2026, 4, 25),
            "the make-up day 2026-04-25 in swaps is outside the announced year 2027",
        ),
        (
            {"swaps": {D(2027, 4, 29): D(2027, 4, 24)}, "working_days": {D(2027, 4, 29): "x"}},
            D(2027, 4, 29),
            "2027-04-29 is announced both as a day off and as a working day",
        ),
    ],
    ids=[
        "day-off-year",
        "working-day-year",
        "swap-year",
        "swap-weekend",
        "swap-off",
        "make-up-weekday",
        "make-up-year",
        "both",
    ],
)
def test_announce_refuses_inconsistent_input(
    kwargs: dict[str, Any], bad: dt.date, message: str
) -> None:
    with pytest.raises(tthc.CalendarConfigError) as info:
        CAL.announce(2027, **kwargs)
    assert info.value.value == bad
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "message", "value"),
    [
        ({"year": "2027"}, "expected an int for year, got str: '2027'", "2027"),
        (
            {"days_off": [D(2027, 1, 5)]},
            "days_off must be a mapping of date to reason, got list",
            [D(2027, 1, 5)],
        ),
        ({"working_days": 5}, "working_days must be a mapping of date to reason, got int", 5),
        (
            {"swaps": {"2027-04-29": D(2027, 4, 24)}},
            "expected a datetime.date for swaps, got str: '2027-04-29'",
            "2027-04-29",
        ),
        (
            {"swaps": {D(2027, 4, 29): "2027-04-24"}},
            "expected a datetime.date for swaps, got str: '2027-04-24'",
            "2027-04-24",
        ),
        (
            {"days_off": {"2027-01-05": "x"}},
            "expected a datetime.date for days_off, got str: '2027-01-05'",
            "2027-01-05",
        ),
    ],
    ids=["year", "days-off", "working-days", "swap-day-off", "swap-make-up", "day-off-key"],
)
def test_announce_refuses_input_of_the_wrong_type_naming_the_argument(
    kwargs: dict[str, Any], message: str, value: object
) -> None:
    year = kwargs.pop("year", 2027)
    with pytest.raises(tthc.InputTypeError) as info:
        CAL.announce(year, **kwargs)
    assert str(info.value) == message
    assert info.value.value == value


def test_announce_names_an_unnamed_closure_as_closed() -> None:
    closed = WorkingCalendar.vietnam(closures={D(2027, 4, 29): ""})
    with pytest.raises(tthc.CalendarConfigError) as info:
        closed.announce(2027, swaps={D(2027, 4, 29): D(2027, 4, 24)})
    assert str(info.value) == "the swapped day off 2027-04-29 is already a day off (closed)"


def test_a_make_up_day_in_the_neighbouring_year_is_at_most_31_days_away() -> None:
    # Sunday 31/12/2028 can pay for Wednesday 31/01/2029 (31 days), not for
    # Thursday 01/02/2029 (32 days).
    sunday = D(2028, 12, 31)
    new = CAL.announce(2029, swaps={D(2029, 1, 31): sunday})
    assert new.is_working_day(sunday)
    with pytest.raises(tthc.CalendarConfigError) as info:
        CAL.announce(2029, swaps={D(2029, 2, 1): sunday})
    assert (
        str(info.value) == "the make-up day 2028-12-31 in swaps is outside the announced year 2029"
    )
    assert info.value.value == sunday


def test_announce_accepts_a_make_up_day_in_the_neighbouring_year() -> None:
    # As Saturday 27/12/2014 paid for Friday 02/01/2015: a make-up Saturday
    # days before the New Year it pays for.
    new = CAL.announce(2029, swaps={D(2029, 1, 2): D(2028, 12, 30)})
    assert not new.is_working_day(D(2029, 1, 2))
    assert new.is_working_day(D(2028, 12, 30))
    with pytest.raises(tthc.CalendarConfigError) as info:
        new.announce(2029, swaps={D(2029, 1, 3): D(2028, 12, 30)})
    assert str(info.value) == "the make-up day 2028-12-30 is already a working day"
    assert info.value.value == D(2028, 12, 30)


# -- 24/11, Ngày Văn hóa Việt Nam: its basis, and treating it differently -----------------


def test_culture_day_records_its_basis_and_one_line_switches_it() -> None:
    day = CAL.special_days[D(2026, 11, 24)]
    assert day.name == "Ngày Văn hóa Việt Nam"
    assert day.source is not None
    assert "Nghị quyết 80-NQ/TW" in day.source
    assert "Nghị quyết 30/NQ-CP" in day.source
    assert "Nghị quyết 80-NQ/TW (07/01/2026, Bộ Chính trị)" in day.source
    assert "Nghị quyết 30/NQ-CP (24/02/2026, Chính phủ)" in day.source
    assert "Nghị quyết 28/2026/QH16, Điều 2, Quốc hội (date of issue not verified)" in day.source
    assert "Labor Code Art. 112" in day.source  # the amendment's status is stated
    # An office that must work on 24/11 (one line):
    working = WorkingCalendar.vietnam(extra_working_days={D(2026, 11, 24): "Làm việc"})
    assert working.is_working_day(D(2026, 11, 24))
    # Monday 23/11 + 1 working day: Tuesday 24/11 instead of Wednesday 25/11.
    assert working.add_working_days(D(2026, 11, 23), 1) == D(2026, 11, 24)
    assert CAL.add_working_days(D(2026, 11, 23), 1) == D(2026, 11, 25)
    # And the other way round, a day off on a day the national calendar works:
    off = WorkingCalendar.vietnam(closures={D(2025, 11, 24): "Ngày Văn hóa Việt Nam"})
    assert not off.is_working_day(D(2025, 11, 24))


@pytest.mark.parametrize("weekend", [{7}, {-1}, {"6"}, {5, 6.0}], ids=["7", "-1", "text", "float"])
def test_weekend_days_must_be_weekday_numbers(weekend: set[Any]) -> None:
    with pytest.raises(tthc.CalendarConfigError) as info:
        WorkingCalendar(D(2026, 1, 1), D(2026, 2, 1), weekend=weekend)
    assert str(info.value) == f"weekend days must be weekday numbers 0-6: {weekend!r}"
    assert info.value.value == weekend


def test_any_weekday_can_be_a_weekly_rest_day() -> None:
    cal = WorkingCalendar(D(2026, 1, 1), D(2026, 2, 1), weekend={0, 6})
    assert not cal.is_working_day(D(2026, 1, 5))  # Monday
    assert cal.is_working_day(D(2026, 1, 10))  # Saturday


def test_extra_working_days_are_of_their_own_kind() -> None:
    cal = WorkingCalendar.vietnam(extra_working_days={D(2026, 11, 24): "Làm việc"})
    assert cal.special_days[D(2026, 11, 24)].kind is tthc.DayKind.EXTRA_WORKING_DAY
    closed = WorkingCalendar.vietnam(closures={D(2026, 12, 8): "Bão"})
    assert closed.special_days[D(2026, 12, 8)].kind is tthc.DayKind.CLOSURE


@pytest.mark.parametrize(
    ("day", "source"),
    [
        (D(2026, 1, 2), "Công văn 12729/VPCP-KGVX, 25/12/2025, Văn phòng Chính phủ"),
        (
            D(2021, 2, 15),
            "Thông báo 4875/TB-LĐTBXH, Bộ Lao động – Thương binh và Xã hội "
            "(date of issue not verified)",
        ),
        (
            D(2026, 4, 26),  # Hùng Kings' day: fixed by the Labor Code itself
            "Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 111 khoản 3 và Điều 112, "
            "20/11/2019, Quốc hội",
        ),
    ],
    ids=["dated", "undated", "law"],
)
def test_a_source_is_cited_as_document_date_issuer(day: dt.date, source: str) -> None:
    assert CAL.special_days[day].source == source


def test_an_unverified_source_says_so_and_a_status_follows_the_citation() -> None:
    tet_2020 = CAL.special_days[D(2020, 1, 23)].source or ""
    assert tet_2020.startswith("unverified: Tết 2020 off from Thursday 23/01 to Wednesday 29/01")
    culture = CAL.special_days[D(2026, 11, 24)].source or ""
    assert culture.startswith(
        "Nghị quyết 80-NQ/TW (07/01/2026, Bộ Chính trị); Nghị quyết 30/NQ-CP (24/02/2026, "
        "Chính phủ); Nghị quyết 28/2026/QH16, Điều 2, Quốc hội (date of issue not verified); "
        "the day off rests on Nghị quyết 28/2026/QH16"
    )


@pytest.mark.parametrize(
    ("build", "error", "message", "value"),
    [
        (
            lambda: WorkingCalendar(D(2026, 2, 1), D(2026, 1, 1)),
            tthc.CalendarConfigError,
            "the calendar ends (2026-01-01) before it starts (2026-02-01)",
            (D(2026, 2, 1), D(2026, 1, 1)),
        ),
        (
            lambda: WorkingCalendar(D(2026, 1, 1), D(2026, 2, 1), confirmed_years=["2026"]),
            tthc.InputTypeError,
            "expected an int for confirmed_years, got str: '2026'",
            "2026",
        ),
        (
            lambda: WorkingCalendar(D(2026, 1, 1), D(2026, 2, 1), special_days=[5]),
            tthc.InputTypeError,
            "expected SpecialDay, got int",
            5,
        ),
        (
            lambda: WorkingCalendar.vietnam(start_year="2000"),  # type: ignore[arg-type]
            tthc.InputTypeError,
            "expected an int for start_year, got str: '2000'",
            "2000",
        ),
        (
            lambda: WorkingCalendar.vietnam(end_year=2.0),  # type: ignore[arg-type]
            tthc.InputTypeError,
            "expected an int for end_year, got float: 2.0",
            2.0,
        ),
        (
            lambda: WorkingCalendar.vietnam(start_year=2030, end_year=2020),
            tthc.CalendarConfigError,
            "end_year 2020 is before start_year 2030",
            (2030, 2020),
        ),
        (
            lambda: WorkingCalendar.vietnam(closures=[1]),  # type: ignore[arg-type]
            tthc.InputTypeError,
            "closures must be a mapping of date to reason, got list",
            [1],
        ),
        (
            lambda: WorkingCalendar.vietnam(extra_working_days=3),  # type: ignore[arg-type]
            tthc.InputTypeError,
            "extra_working_days must be a mapping of date to reason, got int",
            3,
        ),
        (
            lambda: WorkingCalendar.vietnam(
                closures={D(2026, 12, 8): "Bão"}, extra_working_days={D(2026, 12, 8): "Làm"}
            ),
            tthc.CalendarConfigError,
            "2026-12-08 is both a closure and an extra working day",
            D(2026, 12, 8),
        ),
    ],
    ids=[
        "ends-before",
        "confirmed-years",
        "special-days",
        "start-year",
        "end-year",
        "years-reversed",
        "closures",
        "extra-working-days",
        "closure-and-working",
    ],
)
def test_a_bad_calendar_is_refused_naming_the_value(
    build: Any, error: type[tthc.TthcError], message: str, value: object
) -> None:
    with pytest.raises(error) as info:
        build()
    assert str(info.value) == message
    assert info.value.value == value


def test_a_calendar_spans_one_day_to_400_years() -> None:
    one = WorkingCalendar(D(2026, 12, 7), D(2026, 12, 7))
    assert one.is_working_day(D(2026, 12, 7))
    longest = WorkingCalendar(D(2001, 1, 1), D(2400, 12, 31))  # 146,097 days
    assert longest.is_working_day(D(2400, 12, 29))
    with pytest.raises(tthc.OutOfRangeError) as info:
        WorkingCalendar(D(2001, 1, 1), D(2401, 1, 1))
    assert str(info.value) == "a calendar spans at most 400 years, got 2001-01-01..2401-01-01"
    assert info.value.value == (D(2001, 1, 1), D(2401, 1, 1))
    assert (info.value.start, info.value.end) == (D(2001, 1, 1), D(2401, 1, 1))


def test_a_calendar_pretty_prints_as_its_repr() -> None:
    from hypothesis.vendor.pretty import pretty

    assert pretty(CAL) == repr(CAL)


def test_a_reason_that_is_not_text_is_refused_naming_the_date_and_argument() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        CAL.announce(2027, days_off={D(2027, 1, 5): 5})  # type: ignore[dict-item]
    assert str(info.value) == "the reason for 2027-01-05 in days_off must be a str"
    assert info.value.value == 5


def test_holiday_names_come_in_vietnamese_or_english_only() -> None:
    assert CAL.holiday_name(D(2026, 9, 2), "en") == "National Day"
    with pytest.raises(tthc.InputTypeError) as info:
        CAL.holiday_name(D(2026, 9, 2), "fr")
    assert str(info.value) == "language must be 'vi' or 'en', got 'fr'"
    assert info.value.value == "fr"


@pytest.mark.parametrize(
    ("start", "end", "error", "which"),
    [
        ("2026-01-05", D(2026, 1, 9), tthc.InputTypeError, "start"),
        (D(2026, 1, 5), "2026-01-09", tthc.InputTypeError, "end"),
        (dt.datetime(2026, 1, 5, 9), D(2026, 1, 9), tthc.DatetimeGivenError, "start"),
        (D(2026, 1, 5), dt.datetime(2026, 1, 9, 9), tthc.DatetimeGivenError, "end"),
        (D(1999, 12, 31), D(2026, 1, 9), tthc.OutOfRangeError, "start"),
        (D(2061, 1, 1), D(2026, 1, 9), tthc.OutOfRangeError, "start"),
        (D(2026, 1, 5), D(1999, 12, 31), tthc.OutOfRangeError, "end"),
        (D(2026, 1, 5), D(2061, 1, 1), tthc.OutOfRangeError, "end"),
    ],
    ids=[
        "start-text",
        "end-text",
        "start-datetime",
        "end-datetime",
        "start-before",
        "start-after",
        "end-before",
        "end-after",
    ],
)
def test_counting_working_days_between_refuses_what_is_not_a_date_in_range(
    start: Any, end: Any, error: type[tthc.TthcError], which: str
) -> None:
    with pytest.raises(error) as info:
        CAL.working_days_between(start, end)
    bad = start if which == "start" else end
    assert info.value.value == bad
    if error is tthc.InputTypeError:
        assert str(info.value) == f"expected a datetime.date for {which}, got str: {bad!r}"
    elif error is tthc.DatetimeGivenError:
        assert f"got a datetime for {which} " in str(info.value)


def test_working_days_between_counts_the_whole_range() -> None:
    assert CAL.working_days_between(D(2000, 1, 1), D(2060, 12, 31)) == CAL.count_working_days(
        D(2000, 1, 1), D(2060, 12, 31)
    )


def test_the_first_and_last_days_of_the_range_are_inside() -> None:
    first, last = D(2000, 1, 1), D(2060, 12, 31)
    assert not CAL.is_provisional(first)
    assert not CAL.is_working_day(first)  # New Year
    assert CAL.is_working_day(last)  # a Friday
    assert CAL.add_working_days(first, 0) == D(2000, 1, 4)  # the first working day
    assert CAL.add_working_days(D(2000, 1, 4), 0) == D(2000, 1, 4)
    assert CAL.add_working_days(D(2000, 1, 5), -1) == D(2000, 1, 4)
    assert CAL.add_working_days(last, 0) == last


@pytest.mark.parametrize(
    "ask",
    [
        lambda day: CAL.is_working_day(day),
        lambda day: CAL.add_working_days(day, 0),
        lambda day: CAL.is_provisional(day),
    ],
    ids=["is_working_day", "add_working_days", "is_provisional"],
)
@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2061, 1, 1)], ids=["before", "after"])
def test_a_day_outside_the_range_is_refused_naming_the_range(ask: Any, day: dt.date) -> None:
    with pytest.raises(tthc.OutOfRangeError) as info:
        ask(day)
    assert str(info.value) == f"{day} is outside the calendar's range 2000-01-01..2060-12-31"
    assert info.value.value == day
    assert (info.value.start, info.value.end) == (D(2000, 1, 1), D(2060, 12, 31))


def test_a_result_past_the_range_is_refused_naming_the_day_and_count() -> None:
    last = D(2060, 12, 31)
    for day, n in ((last, 1), (D(2000, 1, 4), -1)):
        with pytest.raises(tthc.OutOfRangeError) as info:
            CAL.add_working_days(day, n)
        assert str(info.value) == (
            f"the result of adding {n} working days to {day} is outside the calendar's "
            "range 2000-01-01..2060-12-31"
        )
        assert info.value.value == (day, n)
        assert (info.value.start, info.value.end) == (D(2000, 1, 1), last)


def test_a_count_of_working_days_is_an_int_and_not_a_bool() -> None:
    class Count(int):
        pass

    assert CAL.add_working_days(D(2026, 12, 7), Count(3)) == D(2026, 12, 10)
    with pytest.raises(tthc.InputTypeError) as info:
        CAL.add_working_days(D(2026, 12, 7), True)
    assert str(info.value) == "expected an int for n, got bool: True"
    assert info.value.value is True


@pytest.mark.parametrize(
    ("source", "cited"),
    [
        (
            {
                "document": "Công văn 1/VPCP",
                "date": "2025-12-25",
                "issuer": "VPCP",
                "verified": True,
            },
            "Công văn 1/VPCP, 25/12/2025, VPCP",
        ),
        (
            {"document": "Thông báo 2/TB", "date": None, "issuer": "Bộ", "verified": True},
            "Thông báo 2/TB, Bộ (date of issue not verified)",
        ),
        (
            {
                "document": "Nghị quyết 3/QH",
                "date": "2026-01-07",
                "issuer": "Quốc hội",
                "verified": True,
                "status": "in force 01/07/2026",
            },
            "Nghị quyết 3/QH, 07/01/2026, Quốc hội; in force 01/07/2026",
        ),
        (
            {"document": None, "issuer": "Bộ", "verified": False, "note": "number not found"},
            "unverified: number not found",
        ),
    ],
    ids=["dated", "undated", "status", "unverified"],
)
def test_a_source_is_cited_in_one_line(source: dict[str, Any], cited: str) -> None:
    # (announced_days() is computed once per process; _cite is what it calls.)
    from tthc.calendar import _cite

    assert _cite(source) == cited
