"""Tests of tthc.columnar: columnar due dates and reports equal to the scalar engine."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pendulum
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tthc
import tthc.columnar as col
from tthc import Schedule, WorkingDays
from tthc.strategies import instants, schedules, time_limits

VN = "Asia/Ho_Chi_Minh"
SCHED = Schedule.vietnam()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=VN)


def scalar(schedule: Schedule, received: dt.datetime, limit: Any) -> Any:
    try:
        return schedule.deadline(received, limit)
    except tthc.OutOfRangeError:
        return None


@st.composite
def batches(draw: st.DrawFn) -> tuple[Schedule, list[pendulum.DateTime], list[tthc.TimeLimit]]:
    schedule = draw(schedules())
    rows = draw(st.lists(st.tuples(instants(schedule), time_limits()), min_size=1, max_size=12))
    return schedule, [r for r, _ in rows], [limit for _, limit in rows]


@settings(max_examples=120)
@given(batches())
def test_due_equals_the_scalar_deadline_row_by_row(batch: Any) -> None:
    schedule, received, limits = batch
    expected = [scalar(schedule, r, limit) for r, limit in zip(received, limits, strict=True)]
    if any(e is None for e in expected):
        with pytest.raises(tthc.OutOfRangeError):
            col.due(received, limits, schedule=schedule)
        return
    out = col.due(received, limits, schedule=schedule)
    table = out.to_arrow()
    for row, deadline in enumerate(expected):
        assert table.column("due_at")[row].as_py() == deadline.due_at
        assert out.due_date[row].item() == deadline.due_date
        assert bool(out.provisional[row]) is deadline.provisional


@given(st.lists(instants(), min_size=1, max_size=8), time_limits())
def test_one_limit_for_every_row_in_numpy_utc(
    received: list[pendulum.DateTime], limit: Any
) -> None:
    values = np.array([r.in_timezone("UTC").naive() for r in received], dtype="datetime64[us]")
    try:
        out = col.due(values, limit)
    except tthc.OutOfRangeError:
        assume(False)
    for row, r in enumerate(received):
        assert out.due_date[row].item() == SCHED.deadline(r, limit).due_date


def test_columns_from_arrow_pandas_polars_and_texts() -> None:
    received = [at(2026, 12, 7, 10), at(2026, 12, 4, 15, 30), None]
    arrow = pa.array(received, pa.timestamp("ms", tz=VN))
    texts = pa.array(["03 ngày làm việc", "Ngay trong ngày tiếp nhận", "03 ngày làm việc"])
    by_arrow = col.due(arrow, texts)
    by_pandas = col.due(pd.Series(received, dtype=f"datetime64[ns, {VN}]"), texts.to_pylist())
    by_polars = col.due(pl.from_arrow(arrow), pl.from_arrow(texts))
    by_chunks = col.due(pa.chunked_array([arrow]), pa.chunked_array([texts]))
    for out in (by_arrow, by_pandas, by_polars, by_chunks):
        assert out.due_date[:2].tolist() == [dt.date(2026, 12, 10), dt.date(2026, 12, 4)]
        assert np.isnat(out.due_at[2])
        assert not out.provisional[2]
        assert out.to_arrow().column("due_at").null_count == 1


def test_fixed_offset_instants_give_the_same_dues() -> None:
    plus7 = dt.timezone(dt.timedelta(hours=7))
    received = [dt.datetime(2026, 12, 4, 15, 30, tzinfo=plus7)]
    out = col.due(received, tthc.SameDay())
    assert out.due_date[0].item() == dt.date(2026, 12, 7)


def test_a_naive_arrow_column_is_refused() -> None:
    with pytest.raises(tthc.NaiveDatetimeError) as info:
        col.due(pa.array([dt.datetime(2026, 1, 5, 9)]), WorkingDays(1))
    assert info.value.value == "timestamp[us]"


def test_a_naive_datetime_in_a_list_is_refused() -> None:
    with pytest.raises(tthc.NaiveDatetimeError):
        col.due([dt.datetime(2026, 1, 5, 9)], WorkingDays(1))


def test_wrong_column_types_are_refused() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        col.due(np.array([1, 2]), WorkingDays(1))
    assert info.value.value == np.dtype("int64")
    with pytest.raises(tthc.InputTypeError):
        col.due(pa.array([1, 2]), WorkingDays(1))
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], [WorkingDays(1), WorkingDays(2)])
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], [3])
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], pa.array(["3 ngày làm việc", None]))
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], WorkingDays(1), schedule="national")  # type: ignore[arg-type]


def test_out_of_range_names_the_row() -> None:
    with pytest.raises(tthc.OutOfRangeError, match="row 1: the receipt 1999"):
        col.due([at(2026, 1, 5, 9), at(1999, 1, 5, 9)], WorkingDays(1))
    with pytest.raises(tthc.OutOfRangeError, match="row 0"):
        col.due([at(2060, 12, 30, 9)], WorkingDays(5))
    with pytest.raises(tthc.OutOfRangeError, match="row 0"):
        col.due([at(2060, 12, 30, 9)], tthc.CalendarDays(5))
    with pytest.raises(tthc.OutOfRangeError, match="row 0"):
        col.due([at(2060, 12, 30, 9)], tthc.WorkingHours(80))


def test_a_zone_with_changing_offsets_is_converted_row_by_row() -> None:
    cal = tthc.WorkingCalendar.vietnam(start_year=2025, end_year=2027)
    paris = Schedule(cal, timezone="Europe/Paris")
    received = [
        pendulum.datetime(2026, 3, 27, 16, tz="Europe/Paris"),
        pendulum.datetime(2026, 7, 3, 16, tz="Europe/Paris"),
    ]
    for limit in (WorkingDays(1), tthc.WorkingHours(2)):
        out = col.due(received, limit, schedule=paris).to_arrow()
        for row, r in enumerate(received):
            assert out.column("due_at")[row].as_py() == paris.due_at(r, limit)


@pytest.mark.parametrize(
    ("received", "limit"),
    [
        (at(2026, 12, 4, 15), tthc.SameDay()),
        (at(2026, 12, 4, 15).add(microseconds=1), tthc.SameDay()),
        (at(2026, 12, 4, 17), tthc.SameDay(cutoff=None)),
        (at(2026, 12, 4, 16, 59), tthc.SameDay(cutoff=None)),
        (at(2026, 12, 4, 15), WorkingDays(2, cutoff=dt.time(15))),
        (at(2026, 12, 5, 9), WorkingDays(2, cutoff=dt.time(15))),
        (at(2026, 12, 4, 17), tthc.WorkingHours(1)),
        (at(2026, 12, 4, 11, 30), tthc.WorkingHours(Fraction(1, 2))),
        (at(2026, 2, 13, 9), WorkingDays(Fraction(3, 2))),
        (at(2026, 2, 13, 9), tthc.CalendarDays(3)),
    ],
)
def test_edges_at_the_cutoff_and_the_close(received: pendulum.DateTime, limit: Any) -> None:
    out = col.due([received], limit).to_arrow()
    assert out.column("due_at")[0].as_py() == SCHED.due_at(received, limit)
