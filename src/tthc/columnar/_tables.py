"""A schedule's day tables as numpy arrays, built once per schedule and process."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from tthc.schedule import Schedule

DAY_US = 86_400_000_000
_EPOCH = dt.date(1970, 1, 1).toordinal()

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


@attrs.frozen(eq=False)
class Tables:
    """Everything the columnar functions look up, one entry per calendar day.

    ``day`` indices count from the calendar's first day; ``pos`` is office
    time in microseconds since the calendar's start (the scalar schedule's
    *position*).
    """

    base_day: int  # days since 1970-01-01 of the calendar's first day
    size: int
    offset_us: int | None  # the zone's fixed UTC offset over the range, or None
    working: B  # [size] working day?
    cum_working: I64  # [size + 1] working days before day i
    working_days: I64  # [n] day index of the k-th working day
    open_us: I64  # [size] first session start (wall µs), working days
    close_us: I64  # [size] last session end (wall µs), working days
    starts: I64  # [size, S] session starts, padded with 0
    ends: I64  # [size, S] session ends, padded with 0
    cum_pos: I64  # [size + 1] office time before day i
    year_of_day: I64  # [size] calendar year of day i
    provisional_years: I64  # [years + 1] running count of provisional years
    first_year: int
    day_length_us: int  # Monday's office time: what a fractional working day counts


def _fixed_offset(schedule: Schedule) -> int | None:
    """The zone's UTC offset in µs when it is the same over the whole range."""
    tz = schedule._tz
    cal = schedule.calendar
    offsets = set()
    for year in range(cal.start.year, cal.end.year + 1):
        for month in (1, 4, 7, 10):
            when = dt.datetime(year, month, 1, 12, tzinfo=tz)
            delta = when.utcoffset()
            offsets.add(None if delta is None else delta // dt.timedelta(microseconds=1))
    if len(offsets) == 1:
        return offsets.pop()
    return None


@functools.lru_cache(maxsize=32)
def tables(schedule: Schedule) -> Tables:
    """The numpy tables of ``schedule`` (cached per process by its configuration)."""
    cal = schedule.calendar
    size = schedule._size
    spans = schedule._spans
    width = max(1, max((len(s) for s in spans), default=1))
    starts = np.zeros((size, width), dtype=np.int64)
    ends = np.zeros((size, width), dtype=np.int64)
    for i, day_spans in enumerate(spans):
        for j, (start, end) in enumerate(day_spans):
            starts[i, j] = start
            ends[i, j] = end
    working = np.frombuffer(cal._flags, dtype=np.uint8).astype(bool)
    cum_working = np.asarray(cal._cum, dtype=np.int64)
    working_days = np.flatnonzero(working).astype(np.int64)
    count = np.asarray([len(s) for s in spans], dtype=np.int64)
    last = np.maximum(count - 1, 0)
    close_us = ends[np.arange(size), last]
    open_us = starts[:, 0].copy()
    first_year, last_year = cal.start.year, cal.end.year
    years = np.arange(first_year, last_year + 1)
    flags = [cal.is_provisional(max(cal.start, dt.date(int(y), 1, 1))) for y in years]
    provisional_years = np.concatenate([[0], np.cumsum(np.asarray(flags, dtype=np.int64))])
    ordinals = np.arange(size, dtype=np.int64) + (cal.start.toordinal() - _EPOCH)
    year_of_day = ordinals.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    return Tables(
        base_day=cal.start.toordinal() - _EPOCH,
        size=size,
        offset_us=_fixed_offset(schedule),
        working=working,
        cum_working=cum_working,
        working_days=working_days,
        open_us=open_us,
        close_us=close_us,
        starts=starts,
        ends=ends,
        cum_pos=np.asarray(schedule._cum, dtype=np.int64),
        year_of_day=year_of_day,
        provisional_years=provisional_years,
        first_year=first_year,
        day_length_us=schedule.hours.day_length() // dt.timedelta(microseconds=1),
    )


def describe(value: Any) -> str:
    """A short text for error messages."""
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
