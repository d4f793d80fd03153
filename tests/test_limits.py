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


def test_amounts_are_bounded() -> None:
    for make in (tthc.WorkingHours, tthc.WorkingDays, tthc.CalendarDays):
        with pytest.raises(tthc.TimeLimitError, match="at most 36500"):
            make(10**20)
    assert tthc.WorkingDays(36_500).days == 36_500
    with pytest.raises(tthc.TimeLimitParseError, match="at most 36500"):
        tthc.parse_time_limit("99999999999999999999 ngày")


# -- exact wording and values (found by mutation testing) -------------------------------------


@pytest.mark.parametrize(
    ("make", "value", "error", "message"),
    [
        (WorkingDays, "x", tthc.TimeLimitError, "working days must be a number, got 'x'"),
        (WorkingHours, [1], tthc.InputTypeError, "working hours must be a number, got list: [1]"),
        (WorkingHours, 0, tthc.TimeLimitError, "working hours must be positive, got 0"),
        (CalendarDays, 1.5, tthc.TimeLimitError, "calendar days must be a whole number, got 1.5"),
        (
            CalendarDays,
            36_501,
            tthc.TimeLimitError,
            "calendar days must be at most 36500 (no published limit comes near), got 36501",
        ),
    ],
)
def test_amount_errors_say_what_and_carry_the_value(
    make: type, value: object, error: type, message: str
) -> None:
    with pytest.raises(error) as info:
        make(value)
    assert str(info.value) == message
    assert info.value.value == value  # type: ignore[attr-defined]


def test_fractional_amounts_read_exactly() -> None:
    assert WorkingDays(1.5).days == Fraction(3, 2)  # floats are read from their text
    assert WorkingHours("0.1").hours == Fraction(1, 10)


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (Fraction(1, 3), "1/3"),
        (Fraction(1, 2), "1/2"),
        (Fraction(3, 2), "1,5"),
        (Fraction(7, 4), "1,75"),
        (Fraction(12, 5), "2,4"),
        (Fraction(13, 10), "1,3"),
        (Fraction(21, 20), "1,05"),
        (Fraction(27, 25), "1,08"),
        (Fraction(51, 50), "1,02"),
        (Fraction(101, 100), "1,01"),
        (Fraction(4, 3), "4/3"),
        (Fraction(7, 6), "7/6"),
        (Fraction(12, 11), "12/11"),
        (Fraction(22, 21), "22/21"),
        (Fraction(27, 26), "27/26"),
        (Fraction(52, 51), "52/51"),
        (Fraction(102, 101), "102/101"),
    ],
)
def test_fractional_amounts_are_written_as_officials_write_them(hours: Fraction, text: str) -> None:
    assert str(WorkingHours(hours)) == f"{text} giờ làm việc"
    assert parse_time_limit(str(WorkingHours(hours))) == WorkingHours(hours)


def test_limits_are_written_in_the_official_wording() -> None:
    assert str(SameDay(None)) == "Ngay trong ngày tiếp nhận"
    assert str(SameDay()) == (
        "Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả "
        "trong ngày làm việc tiếp theo"
    )
    assert str(SameDay(dt.time(16, 30))).endswith(
        "sau 16 giờ 30 thì trả kết quả trong ngày làm việc tiếp theo"
    )
    assert str(WorkingDays(2, cutoff=dt.time(15))) == (
        "02 ngày làm việc kể từ ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì tính "
        "từ ngày làm việc tiếp theo"
    )


def test_cutoff_and_type_errors_say_what_and_carry_the_value() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        WorkingDays(2, cutoff="15:00")
    assert str(info.value) == "cutoff must be a naive datetime.time or None, got '15:00'"
    assert info.value.value == "15:00"
    with pytest.raises(tthc.TimeLimitError) as limit_info:
        WorkingDays(Fraction(1, 2), cutoff=dt.time(15))
    assert str(limit_info.value) == "a cut-off applies to whole working days only"
    assert limit_info.value.value == (Fraction(1, 2), dt.time(15))
    with pytest.raises(tthc.InputTypeError) as type_info:
        parse_time_limit(3)  # type: ignore[arg-type]
    assert str(type_info.value) == "expected the text of a time limit, got int"
    assert type_info.value.value == 3


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("1 / 2 ngày làm việc", WorkingDays(Fraction(1, 2))),
        ("0,5 ngày làm việc.", WorkingDays(Fraction(1, 2))),
        ("03 ngày làm việc;", WorkingDays(3)),
        ("03 ngày làm việc  ", WorkingDays(3)),
        ("4/1 giờ làm việc", WorkingHours(4)),
    ],
)
def test_numbers_and_endings_are_read(text: str, limit: TimeLimit) -> None:
    assert parse_time_limit(text) == limit


def test_a_cut_off_on_hours_is_refused_with_the_text() -> None:
    text = "08 giờ làm việc; trường hợp nhận hồ sơ sau 15 giờ thì tính từ ngày làm việc tiếp theo"
    with pytest.raises(tthc.TthcError) as info:
        parse_time_limit(text)
    assert "a cut-off applies to working days only" in str(info.value)
    assert info.value.value == text
    with pytest.raises(tthc.TthcError):
        parse_time_limit("1/0 ngày làm việc")


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


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "months must be positive, got 0"),
        (1.5, "months must be a whole number, got 1.5"),
        ("x", "months must be a number, got 'x'"),
    ],
)
def test_month_errors_say_what(value: object, message: str) -> None:
    with pytest.raises(tthc.TimeLimitError) as info:
        tthc.Months(value)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "03 ngày làm việc; trường hợp phải xác minh: 05 ngày làm việc",
            "states 1 conditional limit besides the default; use parse_limit_text",
        ),
        (
            "03 ngày làm việc. Trong đó: UBND xã 02 ngày làm việc; UBND huyện 01 ngày làm việc",
            "states 2 stages besides the default; use parse_limit_text",
        ),
    ],
)
def test_texts_with_several_limits_say_why_the_strict_parser_refuses(text: str, why: str) -> None:
    with pytest.raises(tthc.TimeLimitParseError) as info:
        parse_time_limit(text)
    assert str(info.value) == f"cannot read the time limit {text!r}: {why}"


def test_a_cut_off_on_hours_names_the_text_it_read() -> None:
    text = "08 giờ làm việc kể từ ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì tính từ ngày làm việc tiếp theo"
    with pytest.raises(tthc.TimeLimitParseError) as info:
        parse_time_limit(text)
    assert str(info.value).endswith(": a cut-off applies to working days only")
    cause = info.value.__cause__
    assert isinstance(cause, tthc.TimeLimitError)
    assert str(cause) == "a cut-off applies to working days only"
    assert cause.value is not None


@pytest.mark.parametrize(
    ("reading", "why"),
    [
        (tthc.LimitText("x", reason=None), "states no single limit"),
        (
            tthc.LimitText(
                "x",
                alternatives=[tthc.ConditionalLimit("trường hợp phải xác minh", WorkingDays(5))],
                reason="states 1 conditional limit and no default",
            ),
            "states 1 conditional limit and no default; use parse_limit_text",
        ),
        (
            tthc.LimitText(
                "x",
                main=WorkingDays(10),
                alternatives=[
                    tthc.ConditionalLimit("trường hợp phải xác minh", WorkingDays(15)),
                    tthc.ConditionalLimit("trường hợp phức tạp", WorkingDays(20)),
                ],
                stages=[tthc.ConditionalLimit("Sở Tư pháp thẩm định", WorkingDays(7))],
            ),
            "states 2 conditional limits and 1 stage besides the default; use parse_limit_text",
        ),
        (
            tthc.LimitText(
                "x",
                main=tthc.CalendarDays(50),
                stages=[
                    tthc.ConditionalLimit("Cục thẩm định", tthc.CalendarDays(30)),
                    tthc.ConditionalLimit("Bộ quyết định", tthc.CalendarDays(20)),
                ],
            ),
            "states 2 stages besides the default; use parse_limit_text",
        ),
    ],
    ids=["nothing", "no-default", "conditions-and-stage", "stages"],
)
def test_the_strict_parser_says_how_many_limits_it_saw(reading: tthc.LimitText, why: str) -> None:
    from tthc.limits import _why

    assert _why(reading) == why


def test_a_lone_conditional_limit_is_counted_in_the_singular() -> None:
    text = "Trường hợp phải xác minh: 05 ngày làm việc"
    with pytest.raises(tthc.TimeLimitParseError) as info:
        parse_time_limit(text)
    assert str(info.value) == (
        f"cannot read the time limit {text!r}: "
        "states 1 conditional limit and no default; use parse_limit_text"
    )
