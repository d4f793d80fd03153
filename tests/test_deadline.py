"""Tests of tthc.deadline: the deadline engine and its explanations."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import CalendarDays, SameDay, Schedule, TimeLimit, WorkingDays, WorkingHours

VN = "Asia/Ho_Chi_Minh"
SCHED = Schedule.vietnam()
T15 = dt.time(15)


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=VN)


WORKED = [
    # The worked cases.
    (at(2026, 12, 7, 10), WorkingDays(3), at(2026, 12, 10, 17)),
    (at(2026, 12, 5, 9), WorkingDays(1), at(2026, 12, 7, 17)),  # Saturday, online
    (at(2026, 12, 4, 15, 30), SameDay(), at(2026, 12, 7, 17)),
    (at(2026, 12, 7, 11, 30), WorkingHours(1), at(2026, 12, 7, 14)),
    (at(2026, 12, 7, 16), WorkingHours(1), at(2026, 12, 7, 17)),
    (at(2026, 2, 13, 10), WorkingDays(2), at(2026, 2, 24, 17)),  # Tết
    # Around Tết and make-up Saturdays.
    (at(2026, 2, 17, 9), WorkingDays(1), at(2026, 2, 23, 17)),  # received during Tết
    (at(2026, 2, 17, 9), SameDay(), at(2026, 2, 23, 17)),
    (at(2026, 2, 13, 14, 59), SameDay(), at(2026, 2, 13, 17)),
    (at(2026, 2, 13, 15, 0), SameDay(), at(2026, 2, 13, 17)),  # "after 15:00" is strict
    (at(2026, 2, 13, 15, 1), SameDay(), at(2026, 2, 23, 17)),
    (at(2026, 2, 13, 16), WorkingHours(4), at(2026, 2, 23, 10, 30)),
    (at(2026, 8, 21, 10), WorkingDays(1), at(2026, 8, 22, 17)),  # make-up Saturday counts
    (at(2026, 8, 22, 10), WorkingDays(1), at(2026, 8, 24, 17)),
    (at(2026, 8, 28, 10), WorkingDays(1), at(2026, 9, 3, 17)),  # 31/8-2/9 off
    (at(2026, 8, 20, 10), WorkingDays(3, cutoff=T15), at(2026, 8, 22, 17)),
    (at(2026, 8, 20, 16), WorkingDays(3, cutoff=T15), at(2026, 8, 24, 17)),
    (at(2025, 4, 25, 9), WorkingDays(2), at(2025, 4, 28, 17)),
    (at(2025, 4, 29, 9), WorkingDays(1), at(2025, 5, 5, 17)),
    (at(2026, 11, 23, 9), WorkingDays(1), at(2026, 11, 25, 17)),  # 24/11
    # Calendar days: a last day off moves to the next working day.
    (at(2026, 12, 7, 10), CalendarDays(5), at(2026, 12, 14, 17)),
    (at(2026, 2, 10, 10), CalendarDays(7), at(2026, 2, 23, 17)),
    (at(2026, 12, 7, 10), CalendarDays(3), at(2026, 12, 10, 17)),
    # Same day received after close, before opening.
    (at(2026, 12, 7, 17, 30), SameDay(cutoff=None), at(2026, 12, 8, 17)),
    (at(2026, 12, 7, 6, 0), SameDay(), at(2026, 12, 7, 17)),
    # Fractions of a day are office time.
    (at(2026, 12, 7, 10), WorkingDays("1/2"), at(2026, 12, 7, 15, 30)),
    (at(2026, 12, 5, 10), WorkingHours(4), at(2026, 12, 7, 11, 30)),
    (at(2026, 12, 7, 9), WorkingHours(0.5), at(2026, 12, 7, 9, 30)),
]


@pytest.mark.parametrize(("received", "limit", "due"), WORKED)
def test_worked_cases(
    received: pendulum.DateTime, limit: TimeLimit, due: pendulum.DateTime
) -> None:
    deadline = SCHED.deadline(received, limit)
    assert deadline.due_at == due
    assert deadline.due_date == due.date()
    assert type(deadline.due_date) is dt.date
    assert deadline.received_at == received
    assert deadline.limit == limit
    assert not deadline.provisional


def test_counted_from() -> None:
    assert SCHED.deadline(at(2026, 12, 7, 10), WorkingDays(3)).counted_from == at(
        2026, 12, 8, 7, 30
    )
    assert SCHED.deadline(at(2026, 12, 7, 10), SameDay()).counted_from == at(2026, 12, 7, 7, 30)
    assert SCHED.deadline(at(2026, 12, 7, 12), WorkingHours(1)).counted_from == at(2026, 12, 7, 13)
    assert SCHED.deadline(at(2026, 12, 7, 10), CalendarDays(5)).counted_from == at(2026, 12, 8)


def test_explain_across_tet_2026() -> None:
    deadline = SCHED.deadline(at(2026, 2, 13, 15, 30), SameDay())
    assert deadline.explain() == [
        "Tiếp nhận hồ sơ: 15:30 Thứ Sáu 13/02/2026",
        "Thời hạn giải quyết: " + str(SameDay()),
        "Tiếp nhận sau 15:00: bắt đầu tính từ ngày làm việc tiếp theo",
        "Không tính ngày nghỉ 16/02/2026–20/02/2026: Tết Nguyên Đán",
        "Hạn trả kết quả: 17:00 Thứ Hai 23/02/2026 (hết giờ làm việc)",
    ]
    english = deadline.explain("en")
    assert english[2] == "Received after 15:00: counting starts on the next working day"
    assert english[3] == "Days off not counted 16/02/2026–20/02/2026: Tết Nguyên Đán"
    with pytest.raises(tthc.InputTypeError):
        deadline.explain("fr")


def test_explain_make_up_saturday_and_receipt_day() -> None:
    lines = SCHED.deadline(at(2026, 8, 20, 10), WorkingDays(3, cutoff=T15)).explain()
    assert "Tiếp nhận không sau 15:00: ngày tiếp nhận được tính là ngày thứ nhất" in lines
    assert "Tính ngày làm bù Thứ Bảy 22/08/2026" in lines
    saturday = SCHED.deadline(at(2026, 12, 5, 9), SameDay()).explain()
    assert saturday[2].startswith("Ngày tiếp nhận là ngày nghỉ (Thứ Bảy)")


def test_provisional_years_are_flagged() -> None:
    deadline = SCHED.deadline(at(2026, 12, 28, 10), WorkingDays(10))
    assert deadline.provisional
    assert deadline.explain()[-1] == "Tạm tính: lịch nghỉ năm 2027 chưa được công bố chính thức"
    announced = Schedule.vietnam(SCHED.calendar.announce(2027))
    assert not announced.deadline(at(2026, 12, 28, 10), WorkingDays(10)).provisional


def test_bad_input() -> None:
    with pytest.raises(tthc.NaiveDatetimeError):
        SCHED.deadline(dt.datetime(2026, 12, 7, 10), WorkingDays(3))
    with pytest.raises(tthc.InputTypeError) as info:
        SCHED.deadline(at(2026, 12, 7, 10), "03 ngày làm việc")  # type: ignore[arg-type]
    assert info.value.value == "03 ngày làm việc"
    with pytest.raises(tthc.OutOfRangeError) as out:
        SCHED.deadline(at(2060, 12, 20, 10), WorkingDays(30))
    assert "2000-01-01..2060-12-31" in str(out.value)


def test_received_in_another_zone() -> None:
    utc = dt.datetime(2026, 12, 4, 8, 30, tzinfo=dt.UTC)  # 15:30 in Vietnam
    deadline = SCHED.deadline(utc, SameDay())
    assert deadline.due_at == at(2026, 12, 7, 17)
    assert deadline.received_at == at(2026, 12, 4, 15, 30)


# -- invariants ---------------------------------------------------------------------------

instants = st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2058, 12, 31)).map(
    lambda d: pendulum.instance(d, tz=VN)
)
cutoffs = st.sampled_from([None, dt.time(11), T15, dt.time(16, 30)])
limits = st.one_of(
    st.builds(WorkingDays, st.integers(min_value=1, max_value=60)),
    st.builds(WorkingDays, st.integers(min_value=1, max_value=60), cutoff=cutoffs.filter(bool)),
    st.builds(WorkingDays, st.sampled_from(["1/2", "1/4", "3/2"])),
    st.builds(WorkingHours, st.integers(min_value=1, max_value=200)),
    st.builds(WorkingHours, st.sampled_from([0.5, 1.5, 0.25])),
    st.builds(CalendarDays, st.integers(min_value=1, max_value=90)),
    st.builds(SameDay, cutoff=cutoffs),
)


@given(instants, limits)
def test_due_is_a_working_day_within_office_hours(t: pendulum.DateTime, limit: TimeLimit) -> None:
    deadline = SCHED.deadline(t, limit)
    assert SCHED.calendar.is_working_day(deadline.due_date)
    sessions = SCHED.hours.sessions_on(deadline.due_date)
    assert any(s.start < deadline.due_at.time() <= s.end for s in sessions)
    assert deadline.due_at > t
    assert deadline.counted_from <= deadline.due_at
    if limit.is_day_based:
        assert deadline.due_at == SCHED.close_of(deadline.due_date)
        # The legal end is the last instant of the due day (24:00).
        assert deadline.ends_at.date() == deadline.due_date
        assert deadline.ends_at + dt.timedelta(microseconds=1) == pendulum.datetime(
            deadline.due_date.year, deadline.due_date.month, deadline.due_date.day, tz=VN
        ).add(days=1)
    else:
        assert deadline.ends_at == deadline.due_at


@given(instants, instants, limits)
def test_later_receipt_never_gives_earlier_due(
    a: pendulum.DateTime, b: pendulum.DateTime, limit: TimeLimit
) -> None:
    a, b = min(a, b), max(a, b)
    assert SCHED.deadline(a, limit).due_at <= SCHED.deadline(b, limit).due_at


@given(instants, st.integers(min_value=1, max_value=60))
def test_receipt_day_convention_is_never_later_than_the_civil_code(
    t: pendulum.DateTime, n: int
) -> None:
    plain = SCHED.deadline(t, WorkingDays(n)).due_at
    with_cutoff = SCHED.deadline(t, WorkingDays(n, cutoff=T15)).due_at
    assert with_cutoff <= plain
    assert SCHED.calendar.working_days_between(with_cutoff.date(), plain.date()) in (0, 1)


@given(instants, st.integers(min_value=1, max_value=100))
def test_hour_limits_compose(t: pendulum.DateTime, hours: int) -> None:
    whole = SCHED.deadline(t, WorkingHours(hours)).due_at
    first = SCHED.deadline(t, WorkingHours(1)).due_at
    if hours > 1:
        assert SCHED.deadline(first, WorkingHours(hours - 1)).due_at == whole


def test_a_limit_in_months_ends_on_the_corresponding_day_or_the_next_working_day() -> None:
    sched = tthc.Schedule.vietnam()
    received = pendulum.datetime(2026, 10, 30, 10, tz="Asia/Ho_Chi_Minh")  # a Friday
    # 4 months after 30/10/2026 is 28/02/2027 (February has no 30th), a Sunday: Monday 1/3.
    due = sched.deadline(received, tthc.Months(4))
    assert due.due_date == dt.date(2027, 3, 1)
    received = pendulum.datetime(2026, 12, 15, 10, tz="Asia/Ho_Chi_Minh")
    assert sched.deadline(received, tthc.Months(1)).due_date == dt.date(2027, 1, 15)


# -- explain() wording (worked by hand) ------------------------------------------------------


def test_explain_at_exactly_the_cutoff_says_not_after() -> None:
    d = SCHED.deadline(at(2026, 12, 7, 15), WorkingDays(2, cutoff=dt.time(15)))
    assert "Tiếp nhận không sau 15:00: ngày tiếp nhận được tính là ngày thứ nhất" in d.explain()
    assert "Received at or before 15:00: the receipt day counts as day one" in d.explain("en")
    assert d.due_date == dt.date(2026, 12, 8)
    late = SCHED.deadline(at(2026, 12, 7, 15, 0, 1), WorkingDays(2, cutoff=dt.time(15)))
    assert "Tiếp nhận sau 15:00: bắt đầu tính từ ngày làm việc tiếp theo" in late.explain()
    same_day = SCHED.deadline(at(2026, 12, 7, 16), SameDay(cutoff=None))
    assert (
        "Tiếp nhận trước 17:00 (hết giờ làm việc): ngày tiếp nhận được tính là ngày thứ nhất"
        in same_day.explain()
    )


def test_explain_names_swapped_days_as_swaps() -> None:
    # Received Tuesday 29/04/2025: 30/4, 1/5 and the swapped Friday 2/5 are skipped.
    d = SCHED.deadline(at(2025, 4, 29, 10), WorkingDays(3))
    assert d.due_date == dt.date(2025, 5, 7)
    assert (
        "Không tính ngày nghỉ 30/04/2025–02/05/2025: Ngày Chiến thắng, Ngày Quốc tế Lao động, "
        "Ngày nghỉ hoán đổi (làm bù Thứ Bảy 26/04/2025)"
    ) in d.explain()
    # New Year 2026 (12729/VPCP-KGVX): Friday 2/1 off, Saturday 10/1 worked.
    new_year = SCHED.deadline(at(2025, 12, 31, 10), WorkingDays(1))
    assert new_year.due_date == dt.date(2026, 1, 5)
    assert SCHED.deadline(at(2026, 1, 9, 10), WorkingDays(1)).due_date == dt.date(2026, 1, 10)


def test_explain_of_calendar_days_shows_the_day_after_and_the_days_skipped() -> None:
    # 08 days from Friday 04/12/2026: counting starts Saturday 05/12 (Art. 147),
    # the 8th day is Saturday 12/12, a day off: the limit ends Monday 14/12.
    d = SCHED.deadline(at(2026, 12, 4, 10), CalendarDays(8))
    assert d.explain() == [
        "Tiếp nhận hồ sơ: 10:00 Thứ Sáu 04/12/2026",
        "Thời hạn giải quyết: 08 ngày",
        "Không tính ngày tiếp nhận: bắt đầu tính từ Thứ Bảy 05/12/2026",
        "Ngày cuối cùng Thứ Bảy 12/12/2026 là ngày nghỉ: hạn chuyển sang ngày làm việc tiếp theo",
        "Không tính ngày nghỉ 12/12/2026–13/12/2026: Thứ Bảy, Chủ Nhật",
        "Hạn trả kết quả: 17:00 Thứ Hai 14/12/2026 (hết giờ làm việc)",
    ]
    assert d.ends_at == pendulum.datetime(2026, 12, 14, 23, 59, 59, 999999, tz="Asia/Ho_Chi_Minh")


def test_deadline_ends_at_is_the_legal_end() -> None:
    day = SCHED.deadline(at(2026, 12, 7, 10), WorkingDays(3))
    assert day.due_at == at(2026, 12, 10, 17)
    assert day.ends_at == pendulum.datetime(2026, 12, 10, 23, 59, 59, 999999, tz="Asia/Ho_Chi_Minh")
    hours = SCHED.deadline(at(2026, 12, 7, 10), WorkingHours(4))
    assert hours.ends_at == hours.due_at == at(2026, 12, 7, 15, 30)
    closing = Schedule(SCHED.calendar, SCHED.hours, ends_at_close=True)
    assert closing.deadline(at(2026, 12, 7, 10), WorkingDays(3)).ends_at == at(2026, 12, 10, 17)
    with pytest.raises(tthc.InputTypeError):
        Schedule(SCHED.calendar, ends_at_close="yes")  # type: ignore[arg-type]


def test_explain_of_a_moved_calendar_day_limit_names_the_holidays_and_plain_weekend_days() -> None:
    # 08 days from Friday 17/04/2026 end on Saturday 25/04; Sunday 26/04 is the
    # Hùng Kings' day, its day off moves to Monday 27/04: the limit ends Tuesday 28/04.
    # The Sunday is named by its holiday, not as "Chủ Nhật"; the plain Saturday by its name.
    d = SCHED.deadline(at(2026, 4, 17, 10), CalendarDays(8))
    assert d.explain()[-2:] == [
        "Không tính ngày nghỉ 25/04/2026–27/04/2026: Ngày Giỗ Tổ Hùng Vương, "
        "Ngày Giỗ Tổ Hùng Vương (nghỉ bù), Thứ Bảy",
        "Hạn trả kết quả: 17:00 Thứ Ba 28/04/2026 (hết giờ làm việc)",
    ]


class _OwnDays(WorkingDays):
    """A user's subclass of a limit: the bulk path falls back to the full computation."""


class _OwnCalendarDays(CalendarDays):
    """A user's subclass of calendar days."""


@pytest.mark.parametrize(
    ("limit", "due"),
    [
        (_OwnDays(2), at(2026, 2, 24, 17)),
        (_OwnDays(2, cutoff=T15), at(2026, 2, 23, 17)),  # before 15:00: day one
        (_OwnCalendarDays(8), at(2026, 2, 23, 17)),  # 21/02 is a Saturday
    ],
    ids=["working-days", "working-days-cutoff", "calendar-days"],
)
def test_due_at_of_a_subclassed_limit_is_the_full_computations(
    limit: TimeLimit, due: pendulum.DateTime
) -> None:
    received = at(2026, 2, 13, 10)  # Friday before Tết
    assert SCHED.due_at(received, limit) == SCHED.deadline(received, limit).due_at == due


def test_a_note_renders_in_vietnamese_by_default_and_refuses_other_languages() -> None:
    note = tthc.Note("make_up", (dt.date(2026, 8, 22),))
    assert note.render() == "Tính ngày làm bù Thứ Bảy 22/08/2026"
    assert note.render("en") == "Make-up working day counted: Saturday 22/08/2026"
    with pytest.raises(
        tthc.InputTypeError, match=r"^language must be 'vi' or 'en', got 'fr'$"
    ) as e:
        note.render("fr")
    assert e.value.value == "fr"


@pytest.mark.parametrize(
    ("names", "label"),
    [
        (
            ["Giao thừa Tết Nguyên Đán", "Tết Nguyên Đán", "Mùng hai Tết Nguyên Đán"],
            "Tết Nguyên Đán",
        ),
        (["Quốc khánh", "Ngày Quốc khánh", "Ngày Chiến thắng"], "Quốc khánh"),
        # An ending only half the names share does not name the run.
        (["Quốc khánh", "Ngày Quốc khánh", "Ngày Chiến thắng", "Tết Dương lịch"], ""),
    ],
)
def test_a_run_of_days_off_is_named_by_what_more_than_half_share(
    names: list[str], label: str
) -> None:
    from tthc.deadline import _shared_name

    assert _shared_name(names) == label


def test_explain_of_a_fraction_of_a_working_day_gives_hours_and_minutes() -> None:
    d = SCHED.deadline(at(2026, 12, 7, 8), WorkingDays(Fraction(1, 3)))
    assert d.due_at == at(2026, 12, 7, 10, 40)
    assert d.explain()[2] == "1/3 ngày làm việc = 2 giờ 40 làm việc (một ngày làm việc = 8 giờ)"
    assert d.explain("en")[2] == "1/3 working days = 2 h 40 of office time (a working day = 8 h)"


def _closed(days: dict[dt.date, str]) -> Schedule:
    return Schedule(tthc.WorkingCalendar.vietnam(closures=days))


def test_explain_names_office_closures_and_keeps_runs_four_days_apart_separate() -> None:
    storm = _closed({dt.date(2026, 12, 8): "Bão số 15", dt.date(2026, 12, 9): "Bão số 15"})
    d = storm.deadline(at(2026, 12, 7, 10), WorkingDays(3))
    assert d.explain()[3] == "Không tính ngày cơ quan nghỉ 08/12/2026–09/12/2026: Bão số 15"
    assert d.explain("en")[3] == "Office closed, not counted 08/12/2026–09/12/2026: Bão số 15"
    # Friday 11/12 and Tuesday 15/12 are four days apart, a working Monday between:
    # two runs, not one (a weekend alone does not break a run).
    apart = _closed({dt.date(2026, 12, 11): "Bão số 15", dt.date(2026, 12, 15): "Ngập lụt"})
    d = apart.deadline(at(2026, 12, 7, 10), WorkingDays(5))
    assert d.explain()[3:5] == [
        "Không tính ngày cơ quan nghỉ 11/12/2026: Bão số 15",
        "Không tính ngày cơ quan nghỉ 15/12/2026: Ngập lụt",
    ]
    # Closed Tuesday 8, Wednesday 9 and Friday 11/12, open on Thursday 10/12: two runs,
    # never "08/12–11/12" as if the office had been shut on the 10th.
    gap = _closed({dt.date(2026, 12, d): "Bão số 15" for d in (8, 9, 11)})
    d = gap.deadline(at(2026, 12, 7, 10), WorkingDays(5))
    assert d.explain()[3:5] == [
        "Không tính ngày cơ quan nghỉ 08/12/2026–09/12/2026: Bão số 15",
        "Không tính ngày cơ quan nghỉ 11/12/2026: Bão số 15",
    ]
    # A weekend alone does not break a run: closed Friday 11 and Monday 14/12.
    weekend = _closed({dt.date(2026, 12, 11): "Bão số 15", dt.date(2026, 12, 14): "Bão số 15"})
    d = weekend.deadline(at(2026, 12, 10, 10), WorkingDays(3))
    assert d.explain()[3] == "Không tính ngày cơ quan nghỉ 11/12/2026–14/12/2026: Bão số 15"


@pytest.mark.parametrize(
    ("received", "limit", "notes"),
    [
        # Sunday 26/04 (the Hùng Kings' day) is a rest day already: it is passed over,
        # and the days off after it are still listed: Monday 27/04, then (28 and 29/04
        # being working days) a second run 30/04–01/05.
        (
            at(2026, 4, 24, 10),
            WorkingDays(5),
            [
                "Không tính ngày nghỉ 27/04/2026: Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
                "Không tính ngày nghỉ 30/04/2026–01/05/2026: Ngày Chiến thắng, "
                "Ngày Quốc tế Lao động",
            ],
        ),
        # A make-up Saturday counted, then the days off it pays for.
        (
            at(2026, 8, 21, 10),
            WorkingDays(8),
            [
                "Tính ngày làm bù Thứ Bảy 22/08/2026",
                "Không tính ngày nghỉ 31/08/2026–02/09/2026: "
                "Ngày nghỉ hoán đổi (làm bù Thứ Bảy 22/08/2026), Quốc khánh",
            ],
        ),
        # Due on the make-up Saturday itself, the day after receipt.
        (at(2026, 8, 21, 16), WorkingHours(2), ["Tính ngày làm bù Thứ Bảy 22/08/2026"]),
    ],
)
def test_explain_lists_every_special_day_between_receipt_and_due(
    received: pendulum.DateTime, limit: TimeLimit, notes: list[str]
) -> None:
    lines = SCHED.deadline(received, limit).explain()
    assert lines[2 if isinstance(limit, WorkingHours) else 3 : -1] == notes


# -- edges found by mutation testing ---------------------------------------------------------


def test_a_value_that_is_not_a_limit_is_refused_naming_its_type_and_value() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        tthc.deadline.compute_deadline(SCHED, at(2026, 12, 7, 10), 5)  # type: ignore[arg-type]
    assert str(info.value) == "expected a time limit, got int: 5"
    assert info.value.value == 5


def test_a_limit_kind_the_engine_does_not_know_is_refused_naming_it() -> None:
    class Fortnights(TimeLimit):
        __slots__ = ()

        def __repr__(self) -> str:
            return "Fortnights()"

    limit = Fortnights()
    with pytest.raises(tthc.InputTypeError) as info:
        SCHED.deadline(at(2026, 12, 7, 10), limit)
    assert str(info.value) == "unknown time limit Fortnights()"
    assert info.value.value is limit


def test_a_fraction_of_a_day_is_rounded_to_the_microsecond_exactly() -> None:
    # 27/57,600,000,000 of an 8-hour day is 13.5 µs exactly: half to even gives 14 µs
    # (a float product would give 13.499999999999998, hence 13 µs).
    limit = WorkingDays(Fraction(27, 57_600_000_000))
    received = at(2026, 12, 7, 8)
    assert SCHED.deadline(received, limit).due_at == received + dt.timedelta(microseconds=14)


def test_explain_of_hours_received_outside_office_hours_says_when_counting_starts() -> None:
    d = SCHED.deadline(at(2026, 12, 5, 9), WorkingHours(2))  # Saturday
    assert d.explain() == [
        "Tiếp nhận hồ sơ: 09:00 Thứ Bảy 05/12/2026",
        "Thời hạn giải quyết: 02 giờ làm việc",
        "Tiếp nhận ngoài giờ làm việc: bắt đầu tính từ 07:30 Thứ Hai 07/12/2026",
        "Hạn trả kết quả: 09:30 Thứ Hai 07/12/2026",
    ]
    assert (
        d.explain("en")[2]
        == "Received outside office hours: counting starts at 07:30 Monday 07/12/2026"
    )


@pytest.mark.parametrize(
    ("limit", "lines"),
    [
        (
            WorkingHours(8),
            [
                "Tiếp nhận ngoài giờ làm việc: bắt đầu tính từ 07:30 Thứ Năm 03/09/2026",
                "Không tính ngày nghỉ 02/09/2026: Quốc khánh",
                "Hạn trả kết quả: 17:00 Thứ Năm 03/09/2026",
            ],
        ),
        (
            WorkingDays(2),
            [
                "Không tính ngày tiếp nhận: bắt đầu tính từ Thứ Năm 03/09/2026",
                "Không tính ngày nghỉ 02/09/2026: Quốc khánh",
                "Hạn trả kết quả: 17:00 Thứ Sáu 04/09/2026 (hết giờ làm việc, ngày làm việc thứ 2)",
            ],
        ),
    ],
    ids=["hours", "days"],
)
def test_explain_lists_days_off_from_the_day_after_receipt_not_before(
    limit: TimeLimit, lines: list[str]
) -> None:
    # Received on Tuesday 01/09/2026, itself a day off, after Monday 31/08 (swapped off):
    # neither the receipt day nor the day before it is listed among the days skipped.
    assert SCHED.deadline(at(2026, 9, 1, 10), limit).explain()[2:] == lines


def test_same_day_received_at_the_close_starts_the_next_working_day() -> None:
    received = at(2026, 12, 7, 17)  # Monday, exactly at the close of office
    d = SCHED.deadline(received, SameDay(cutoff=None))
    assert d.due_at == SCHED.due_at(received, SameDay(cutoff=None)) == at(2026, 12, 8, 17)
    assert d.explain()[2:] == [
        "Tiếp nhận sau giờ làm việc (17:00): bắt đầu tính từ ngày làm việc tiếp theo",
        "Hạn trả kết quả: 17:00 Thứ Ba 08/12/2026 (hết giờ làm việc)",
    ]
    assert d.explain("en")[2] == (
        "Received after office hours (17:00): counting starts on the next working day"
    )
    # A minute earlier the receipt day counts.
    assert SCHED.due_at(at(2026, 12, 7, 16, 59), SameDay(cutoff=None)) == at(2026, 12, 7, 17)


@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        (at(2026, 12, 7, 17, 30), SameDay(cutoff=None), at(2026, 12, 8, 17)),
        (at(2026, 12, 7, 17), SameDay(cutoff=None), at(2026, 12, 8, 17)),
        (at(2026, 12, 7, 15), SameDay(), at(2026, 12, 7, 17)),
        (at(2026, 12, 7, 15, 0, 1), SameDay(), at(2026, 12, 8, 17)),
        (at(2026, 12, 7, 15), WorkingDays(2, cutoff=T15), at(2026, 12, 8, 17)),
        (at(2026, 12, 7, 17), WorkingDays(2, cutoff=T15), at(2026, 12, 9, 17)),
    ],
    ids=["after-close", "at-close", "at-cutoff", "after-cutoff", "days-at-cutoff", "days-at-close"],
)
def test_the_bulk_due_agrees_with_the_deadline_at_the_close_and_the_cutoff(
    received: pendulum.DateTime, limit: TimeLimit, due: pendulum.DateTime
) -> None:
    assert tthc.deadline.compute_due_at(SCHED, received, limit) == due
    assert SCHED.deadline(received, limit).due_at == due


def test_provisional_years_are_listed_together() -> None:
    confirmed = attrs.evolve(SCHED.calendar, confirmed_years=frozenset(range(2000, 2027)))
    d = Schedule(confirmed).deadline(at(2027, 12, 27, 10), WorkingDays(10))
    assert d.explain()[-1] == "Tạm tính: lịch nghỉ năm 2027, 2028 chưa được công bố chính thức"


@pytest.mark.parametrize(
    ("end", "limit", "due"),
    [
        (dt.date(2027, 1, 20), WorkingDays(5), at(2027, 1, 4, 17)),
        (dt.date(2027, 1, 1), WorkingDays(4), at(2027, 1, 1, 17)),
    ],
    ids=["ends-in-january", "ends-on-new-year"],
)
def test_a_due_early_in_the_last_year_of_a_short_calendar_is_computed(
    end: dt.date, limit: TimeLimit, due: pendulum.DateTime
) -> None:
    # A plain calendar whose range ends in January: the check of whether the due's
    # year is provisional must not look past the end of the range.
    short = Schedule(tthc.WorkingCalendar(dt.date(2026, 1, 1), end))
    d = short.deadline(at(2026, 12, 28, 10), limit)
    assert d.due_at == due
    assert d.provisional == short.calendar.is_provisional(end)
