"""Tests of tthc.limits: time limits and the official wording."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import (
    CalendarDays,
    Months,
    SameDay,
    TimeLimit,
    WorkingDays,
    WorkingHours,
    parse_time_limit,
)

OFFICIAL = [
    ("03 ngày làm việc", WorkingDays(3)),
    ("3 ngày làm việc", WorkingDays(3)),
    ("03 ngay lam viec", WorkingDays(3)),
    ("05 ngày", CalendarDays(5)),
    ("15 ngày", CalendarDays(15)),
    ("04 giờ làm việc", WorkingHours(4)),
    ("08 giờ làm việc", WorkingHours(8)),
    ("Không quá 02 ngày làm việc", WorkingDays(2)),
    ("Tối đa 03 ngày làm việc", WorkingDays(3)),
    ("Trong thời hạn 05 ngày làm việc", WorkingDays(5)),
    ("Trong 10 ngày làm việc.", WorkingDays(10)),
    ("03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", WorkingDays(3)),
    ("03 (ba) ngày làm việc", WorkingDays(3)),
    ("1/2 ngày làm việc", WorkingDays(Fraction(1, 2))),
    ("0,5 ngày làm việc", WorkingDays(Fraction(1, 2))),
    ("1,5 giờ làm việc", WorkingHours(Fraction(3, 2))),
    (
        "Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả "
        "trong ngày làm việc tiếp theo",
        SameDay(),
    ),
    (
        "Ngay trong ngay tiep nhan; truong hop nhan ho so sau 15 gio thi tra ket qua trong "
        "ngay lam viec tiep theo",
        SameDay(),
    ),
    (
        "Trong ngày; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc "
        "tiếp theo",
        SameDay(),
    ),
    (
        "Ngay sau khi nhận đủ giấy tờ theo quy định, nếu nhận hồ sơ sau 15 giờ mà không giải "
        "quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo",
        SameDay(),
    ),
    ("Ngay trong ngày tiếp nhận", SameDay(cutoff=None)),
    (
        "03 ngày làm việc kể từ ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì tính từ "
        "ngày làm việc tiếp theo",
        WorkingDays(3, cutoff=dt.time(15)),
    ),
    (
        "Tối đa 03 ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì bắt đầu tính từ ngày làm "
        "việc tiếp theo",
        WorkingDays(3, cutoff=dt.time(15)),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OFFICIAL)
def test_official_phrasings(text: str, expected: TimeLimit) -> None:
    assert parse_time_limit(text) == expected
    assert parse_time_limit(text.upper()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "càng sớm càng tốt",
        "04 giờ",  # calendar hours: not a unit of the official texts; never guessed
        "0 ngày làm việc",
        "-3 ngày làm việc",
        "03 tuần",
        "1/0 ngày làm việc",
        "05 ngày; trường hợp nhận hồ sơ sau 15 giờ thì tính từ ngày làm việc tiếp theo",
        "03 ngày làm việc và 02 giờ",
    ],
)
def test_unreadable_text_is_an_error_quoting_it(text: str) -> None:
    with pytest.raises(tthc.TimeLimitParseError) as info:
        parse_time_limit(text)
    assert info.value.value == text
    assert repr(text) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_parse_rejects_non_text() -> None:
    with pytest.raises(tthc.InputTypeError):
        parse_time_limit(3)  # type: ignore[arg-type]


def test_canonical_text() -> None:
    assert str(WorkingDays(3)) == "03 ngày làm việc"
    assert str(WorkingDays(12)) == "12 ngày làm việc"
    assert str(WorkingHours(4)) == "04 giờ làm việc"
    assert str(WorkingHours(0.5)) == "1/2 giờ làm việc"
    assert str(CalendarDays(5)) == "05 ngày"
    assert str(SameDay(cutoff=dt.time(16, 30))).endswith(
        "sau 16 giờ 30 thì trả kết quả trong ngày làm việc tiếp theo"
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: WorkingDays(0),
        lambda: WorkingDays(-1),
        lambda: WorkingHours(0),
        lambda: CalendarDays(0),
        lambda: CalendarDays(1.5),
        lambda: WorkingDays(Fraction(1, 2), cutoff=dt.time(15)),
        lambda: Months(0),
        lambda: Months(1.5),
    ],
)
def test_invalid_values(make: object) -> None:
    with pytest.raises(tthc.TimeLimitError) as info:
        make()  # type: ignore[operator]
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "make",
    [
        lambda: WorkingDays("three"),
        lambda: WorkingDays(None),
        lambda: WorkingDays(True),
        lambda: SameDay(cutoff="15:00"),
    ],
)
def test_wrong_types(make: object) -> None:
    with pytest.raises(tthc.TthcError):
        make()  # type: ignore[operator]


def test_numbers_are_exact() -> None:
    assert WorkingHours(0.1).hours == Fraction(1, 10)
    assert WorkingDays(2.0) == WorkingDays(2)
    assert isinstance(WorkingDays(2.0).days, int)
    assert WorkingHours(0.5).duration == dt.timedelta(minutes=30)
    assert hash(WorkingDays(3)) == hash(WorkingDays(3))


positive = st.fractions(min_value=Fraction(1, 100), max_value=100, max_denominator=100)
cutoffs = st.times(min_value=dt.time(8), max_value=dt.time(17)).map(
    lambda t: t.replace(second=0, microsecond=0)
)
time_limits = st.one_of(
    st.builds(WorkingDays, st.integers(min_value=1, max_value=365)),
    st.builds(WorkingDays, positive),
    st.builds(WorkingDays, st.integers(min_value=1, max_value=60), cutoff=cutoffs),
    st.builds(WorkingHours, positive),
    st.builds(CalendarDays, st.integers(min_value=1, max_value=365)),
    st.builds(SameDay, cutoff=st.none() | cutoffs),
    st.builds(Months, st.integers(min_value=1, max_value=120)),
)


@given(time_limits)
def test_every_limit_round_trips_through_its_text(limit: TimeLimit) -> None:
    assert parse_time_limit(str(limit)) == limit


def test_months_end_on_the_corresponding_day() -> None:
    # Civil Code 2015, Art. 148(3): the corresponding day, or the last day of a short month.
    assert str(Months(4)) == "04 tháng"
    assert parse_time_limit("04 tháng") == Months(4)
    assert Months(1).end_date(dt.date(2026, 1, 15)) == dt.date(2026, 2, 15)
    assert Months(1).end_date(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert Months(1).end_date(dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert Months(12).end_date(dt.date(2026, 3, 31)) == dt.date(2027, 3, 31)
    assert Months(2).end_date(dt.date(2026, 12, 31)) == dt.date(2027, 2, 28)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(1, 60))
def test_months_never_overshoot_the_target_month(start: dt.date, months: int) -> None:
    end = Months(months).end_date(start)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day == start.day or end.day < start.day
