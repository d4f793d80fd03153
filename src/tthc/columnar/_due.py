"""Due dates for columns of receipts: :func:`due`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tthc._validate import check_aware
from tthc.columnar._tables import DAY_US, I64, Tables, tables
from tthc.errors import InputTypeError, NaiveDatetimeError, OutOfRangeError
from tthc.limits import (
    CalendarDays,
    Months,
    SameDay,
    TimeLimit,
    WorkingDays,
    WorkingHours,
    parse_time_limit,
)
from tthc.schedule import Schedule

__all__ = ["DueColumns", "due"]

_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_US = dt.timedelta(microseconds=1)

# Limit kinds in the parameter table.
_HOURS, _CALENDAR, _DAYS, _MONTHS = 0, 1, 2, 3


@attrs.frozen(eq=False)
class DueColumns:
    """The result of :func:`due`: one entry per input row.

    Attributes:
        due_at: the due instants, ``datetime64[us]`` in UTC (``NaT`` where the
            receipt was missing): the close of office for day-based limits.
        ends_at: the legal ends of the limits (:meth:`tthc.Schedule.legal_end`):
            24:00 of the due day (its last microsecond) for day-based limits,
            the due itself for hour-based ones or with ``ends_at_close``.
        due_date: the local due dates, ``datetime64[D]``.
        provisional: whether each due crosses a year whose days off are not
            yet announced.
        timezone: the schedule's zone, used by :meth:`to_arrow`.

    Example:
        >>> import numpy as np
        >>> out = due(np.array(["2026-12-07T03:00"], dtype="datetime64[us]"), tthc.WorkingDays(3))
        >>> out.due_date, len(out)
        (array(['2026-12-10'], dtype='datetime64[D]'), 1)
    """

    due_at: Any
    due_date: Any
    provisional: Any
    timezone: str = "Asia/Ho_Chi_Minh"
    ends_at: Any = None

    def __len__(self) -> int:
        return len(self.due_at)

    def to_arrow(self) -> pa.Table:
        """The columns as an Arrow table; ``due_at`` carries the schedule's zone.

        Example:
            >>> import numpy as np
            >>> t = due(np.array(["2026-12-07T03:00"], dtype="datetime64[us]"),
            ...         tthc.WorkingDays(3)).to_arrow()
            >>> t.schema.field("due_at").type
            TimestampType(timestamp[us, tz=Asia/Ho_Chi_Minh])
            >>> t.column("due_at")[0].as_py().isoformat()
            '2026-12-10T17:00:00+07:00'
        """
        mask = np.isnat(self.due_at)
        return pa.table(
            {
                "due_at": pa.array(self.due_at.view(np.int64), pa.int64(), mask=mask).cast(
                    pa.timestamp("us", tz=self.timezone)
                ),
                "due_date": pa.array(self.due_date, pa.date32(), mask=mask),
                "ends_at": pa.array(self.ends_at.view(np.int64), pa.int64(), mask=mask).cast(
                    pa.timestamp("us", tz=self.timezone)
                ),
                "provisional": pa.array(self.provisional, pa.bool_()),
            }
        )


def _utc_us(values: Any) -> tuple[I64, Any]:
    """Receipt instants as µs since the epoch (UTC) and a mask of missing ones."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind != "M":
            raise InputTypeError(
                f"received_at must hold datetime64 values, got dtype {values.dtype}",
                value=values.dtype,
            )
        us = values.astype("datetime64[us]")
        return us.view(np.int64), np.isnat(us)
    if hasattr(values, "to_arrow") and not isinstance(values, pa.Array | pa.ChunkedArray):
        values = values.to_arrow()  # polars
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        if hasattr(values, "dtype") and hasattr(values, "array"):
            values = pa.array(values)  # pandas
        else:
            items = list(values)
            for item in items:
                if item is not None:
                    check_aware(item, "received_at")
            values = pa.array(items, pa.timestamp("us", tz="UTC"))
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    kind = values.type
    if not pa.types.is_timestamp(kind):
        raise InputTypeError(
            f"received_at must hold timestamps, got Arrow type {kind}", value=str(kind)
        )
    if kind.tz is None:
        raise NaiveDatetimeError(
            "received_at is a column of timestamps without a time zone; give it one "
            "(e.g. Asia/Ho_Chi_Minh) or pass numpy datetime64 values in UTC",
            value=str(kind),
        )
    raw = pc.cast(values, pa.timestamp("us", tz=kind.tz)).cast(pa.int64())
    mask = np.asarray(raw.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    return np.asarray(raw.fill_null(0).to_numpy(), dtype=np.int64), mask


def _limit(value: Any) -> TimeLimit:
    if isinstance(value, TimeLimit):
        return value
    if isinstance(value, str):
        return parse_time_limit(value)
    raise InputTypeError(
        f"expected a time limit or its text, got {type(value).__name__}: {value!r}", value=value
    )


def _codes(limits: Any, n: int) -> tuple[Any, list[TimeLimit]]:
    """Each row's index into a list of distinct limits."""
    if isinstance(limits, TimeLimit | str):
        return np.zeros(n, dtype=np.int64), [_limit(limits)]
    if hasattr(limits, "to_arrow") and not isinstance(limits, pa.Array | pa.ChunkedArray):
        limits = limits.to_arrow()
    if isinstance(limits, pa.ChunkedArray):
        if pa.types.is_dictionary(limits.type):  # chunks may have their own dictionaries
            limits = limits.cast(limits.type.value_type)
        limits = limits.combine_chunks()
    if isinstance(limits, pa.Array) and (
        pa.types.is_string(limits.type)
        or pa.types.is_large_string(limits.type)
        or pa.types.is_dictionary(limits.type)
    ):
        if limits.null_count:
            raise InputTypeError("the limits column has missing values", value=limits.null_count)
        if len(limits) != n:
            raise InputTypeError(
                f"received_at has {n} rows but limits has {len(limits)}", value=len(limits)
            )
        encoded = limits if pa.types.is_dictionary(limits.type) else limits.dictionary_encode()
        codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        return codes, [_limit(text) for text in encoded.dictionary.to_pylist()]
    if isinstance(limits, pa.Array):
        limits = limits.to_pylist()
    seen: dict[Any, int] = {}
    out = np.empty(n if hasattr(limits, "__len__") else 0, dtype=np.int64)
    items = list(limits) if not isinstance(limits, list) else limits
    if len(items) != n:
        raise InputTypeError(
            f"received_at has {n} rows but limits has {len(items)}", value=len(items)
        )
    out = np.empty(n, dtype=np.int64)
    for row, item in enumerate(items):
        code = seen.get(item)
        if code is None:
            code = seen[item] = len(seen)
        out[row] = code
    return out, [_limit(item) for item in seen]


def _parameters(found: list[TimeLimit], day_length_us: int) -> dict[str, I64]:
    kind, amount, receipt_rule, cutoff = [], [], [], []
    for limit in found:
        if isinstance(limit, WorkingHours) or (
            isinstance(limit, WorkingDays) and not isinstance(limit.days, int)
        ):
            if isinstance(limit, WorkingHours):
                duration = limit.duration // _US
            else:
                duration = round(Fraction(limit.days) * day_length_us)
            kind.append(_HOURS)
            amount.append(duration)
            receipt_rule.append(0)
            cutoff.append(0)
        elif isinstance(limit, CalendarDays):
            kind.append(_CALENDAR)
            amount.append(limit.days)
            receipt_rule.append(0)
            cutoff.append(0)
        elif isinstance(limit, Months):
            kind.append(_MONTHS)
            amount.append(limit.months)
            receipt_rule.append(0)
            cutoff.append(0)
        elif isinstance(limit, SameDay | WorkingDays):
            n = 1 if isinstance(limit, SameDay) else int(limit.days)
            rule = isinstance(limit, SameDay) or limit.cutoff is not None
            kind.append(_DAYS)
            amount.append(n)
            receipt_rule.append(int(rule))
            c = limit.cutoff
            cutoff.append(
                DAY_US
                if c is None
                else ((c.hour * 60 + c.minute) * 60 + c.second) * 1_000_000 + c.microsecond
            )
        else:
            raise InputTypeError(
                f"the columnar engine does not know the limit {limit!r}", value=limit
            )
    return {
        "kind": np.asarray(kind, dtype=np.int64),
        "amount": np.asarray(amount, dtype=np.int64),
        "rule": np.asarray(receipt_rule, dtype=bool),
        "cutoff": np.asarray(cutoff, dtype=np.int64),
    }


def _local_us(schedule: Schedule, t: Tables, utc: I64, mask: Any) -> I64:
    if t.offset_us is not None:
        return utc + t.offset_us
    # A zone whose offset changes in the calendar's range: convert row by row.
    tz = schedule._tz
    out = utc.copy()
    for row in np.flatnonzero(~mask):
        instant = _EPOCH + dt.timedelta(microseconds=int(utc[row]))
        offset = instant.astimezone(tz).utcoffset()
        out[row] += 0 if offset is None else offset // _US
    return out


def _out_of_range(schedule: Schedule, what: str, row: int, utc: int) -> OutOfRangeError:
    start, end = schedule.calendar.start, schedule.calendar.end
    instant = (_EPOCH + dt.timedelta(microseconds=utc)).astimezone(schedule._tz)
    return OutOfRangeError(
        f"row {row}: {what} {instant.isoformat()} is outside the schedule's range {start}..{end}",
        value=instant,
        start=start,
        end=end,
    )


def due(
    received_at: Any,
    limits: TimeLimit | str | Iterable[TimeLimit | str] | Any,
    *,
    schedule: Schedule | None = None,
) -> DueColumns:
    """Due dates for a column of receipts, equal to :meth:`tthc.Schedule.deadline` row by row.

    Args:
        received_at: receipt instants: a numpy ``datetime64`` array (read as
            UTC, numpy's convention), an Arrow timestamp array with a zone, a
            pandas or polars column with a zone, or a list of aware datetimes.
            Missing values give missing dues.
        limits: one limit for every row (a :class:`~tthc.TimeLimit` or its
            official text), or a column of them, one per row.
        schedule: the schedule (:meth:`tthc.Schedule.vietnam` by default).

    Raises:
        OutOfRangeError: a receipt or a due outside the schedule's range (the
            message names the row).
        NaiveDatetimeError: an Arrow, pandas or polars column without a zone.
        InputTypeError: columns of the wrong type or length.

    Example:
        >>> import pyarrow as pa, pendulum
        >>> at = lambda *a: pendulum.datetime(*a, tz="Asia/Ho_Chi_Minh")
        >>> out = due([at(2026, 12, 7, 10), at(2026, 12, 4, 15, 30)],
        ...           [tthc.WorkingDays(3), tthc.SameDay()])
        >>> out.due_date.tolist()
        [datetime.date(2026, 12, 10), datetime.date(2026, 12, 7)]
    """
    sched = schedule if schedule is not None else Schedule.vietnam()
    if not isinstance(sched, Schedule):
        raise InputTypeError(f"expected a Schedule, got {type(sched).__name__}", value=sched)
    utc, mask = _utc_us(received_at)
    n = len(utc)
    codes, found = _codes(limits, n)
    t = tables(sched)
    p = _parameters(found, t.day_length_us)
    local = _local_us(sched, t, utc, mask)
    days = np.floor_divide(local, DAY_US)
    wall = local - days * DAY_US
    day = days - t.base_day
    bad = (day < 0) | (day >= t.size)
    any_missing = bool(mask.any())
    if any_missing:
        bad &= ~mask
    if bad.any():
        row = int(np.argmax(bad))
        raise _out_of_range(sched, "the receipt", row, int(utc[row]))
    if any_missing:
        day[mask] = 0
    # Day-based and calendar-day limits: one look-up per row in tables per (limit, day).
    threshold, counted, uncounted, prov_counted, prov_uncounted = _day_tables(t, p)
    index = codes * t.size + day
    counts = wall < threshold[index]
    due_local = np.where(counts, counted[index], uncounted[index])
    provisional = np.where(counts, prov_counted[index], prov_uncounted[index])
    # Hour-based limits (and fractions of a working day): through office-time positions.
    hourly = p["kind"] == _HOURS
    if hourly.any():
        rows = (
            np.flatnonzero(hourly[codes] & ~mask) if any_missing else np.flatnonzero(hourly[codes])
        )
        if rows.size:
            due_local[rows], provisional[rows] = _hours(
                sched, t, rows, day[rows], wall[rows], p["amount"][codes[rows]], utc
            )
    unknown = due_local < 0
    if any_missing:
        unknown &= ~mask
    if unknown.any():
        row = int(np.argmax(unknown))
        raise _out_of_range(sched, "the due for the receipt", row, int(utc[row]))
    due_day_local = np.floor_divide(due_local, DAY_US)
    if sched.ends_at_close:
        ends_local = due_local
    else:  # a day-based limit ends at 24:00 of its due day (Civil Code 2015, Art. 148)
        hour_rows = hourly[codes] if hourly.any() else np.zeros(n, dtype=bool)
        ends_local = np.where(hour_rows, due_local, (due_day_local + 1) * DAY_US - 1)
    offset = t.offset_us
    if offset is None:
        due_utc = _utc_column(sched, due_local, mask)
        ends_utc = _utc_column(sched, ends_local, mask)
    else:
        due_utc = due_local - offset
        ends_utc = ends_local - offset
    due_at = due_utc.view("datetime64[us]")
    ends_at = ends_utc.view("datetime64[us]")
    due_date = due_day_local.view("datetime64[D]")
    if any_missing:
        due_at[mask] = np.datetime64("NaT")
        ends_at[mask] = np.datetime64("NaT")
        due_date[mask] = np.datetime64("NaT")
        provisional &= ~mask
    return DueColumns(due_at, due_date, provisional, sched.timezone, ends_at)


def _hours(
    sched: Schedule, t: Tables, rows: Any, d: I64, us: I64, amount: I64, utc: I64
) -> tuple[I64, Any]:
    """Due instants (local µs) and provisional flags of hour-based rows."""
    width = t.starts.shape[1]
    starts_by_session, lengths_by_session = t.starts.T.copy(), (t.ends - t.starts).T.copy()
    inside = np.zeros(len(d), dtype=np.int64)
    for j in range(width):
        start = starts_by_session[j][d]
        inside += np.clip(us - start, 0, lengths_by_session[j][d])
    target = t.cum_pos[d] + inside + amount
    over = target > t.cum_pos[-1]
    if over.any():
        row = int(rows[np.argmax(over)])
        raise _out_of_range(sched, "the result for the receipt", row, int(utc[row]))
    # The day holding the position: the first i with cum_pos[i + 1] >= target.
    i = _first_day_at(t, target)
    rest = target - t.cum_pos[i]
    wall = np.zeros(len(i), dtype=np.int64)
    left = np.ones(len(i), dtype=bool)
    for j in range(width):
        length = lengths_by_session[j][i]
        here = left & (rest <= length)
        wall = np.where(here, starts_by_session[j][i] + rest, wall)
        rest = rest - length
        left &= ~here
    local = (i + t.base_day) * DAY_US + wall
    first = t.year_of_day[d] - t.first_year
    last = t.year_of_day[i] - t.first_year
    return local, (t.provisional_years[last + 1] - t.provisional_years[first]) > 0


def _months_later(t: Tables, months: int) -> I64:
    """Day index of the corresponding day ``months`` months after each day (Art. 148(3)):
    the same day of the month, or the month's last day when it has no such day."""
    dates = (np.arange(t.size, dtype=np.int64) + t.base_day).astype("datetime64[D]")
    month = dates.astype("datetime64[M]")
    day_of_month = (dates - month.astype("datetime64[D]")).astype(np.int64)
    target_month = month + np.timedelta64(months, "M")
    length = (
        (target_month + 1).astype("datetime64[D]") - target_month.astype("datetime64[D]")
    ).astype(np.int64)
    target = target_month.astype("datetime64[D]") + np.minimum(day_of_month, length - 1)
    return np.asarray(target.astype(np.int64) - t.base_day, dtype=np.int64)


_BUCKET = 1_800_000_000  # half an hour of office time


def _first_day_at(t: Tables, target: I64) -> I64:
    """``searchsorted(cum_pos[1:], target)``, through a table of half-hour buckets."""
    key = id(t)
    bucket_table = _BUCKETS.get(key)
    if bucket_table is None or bucket_table[0] is not t:
        edges = np.arange(0, int(t.cum_pos[-1]) // _BUCKET + 2, dtype=np.int64) * _BUCKET
        bucket_table = (t, np.searchsorted(t.cum_pos[1:], edges, side="left"))
        if len(_BUCKETS) > 16:
            _BUCKETS.clear()
        _BUCKETS[key] = bucket_table
    i = bucket_table[1][target // _BUCKET]
    upper = t.cum_pos[1:]
    while True:  # a few steps at most: a bucket spans at most a few days
        behind = upper[i] < target
        if not behind.any():
            return i
        i = i + behind


_BUCKETS: dict[int, tuple[Any, Any]] = {}
_DAY_TABLES: dict[tuple[int, bytes], tuple[Any, ...]] = {}


def _day_tables(t: Tables, p: dict[str, I64]) -> tuple[Any, ...]:
    """Per (limit, receipt day): the wall-clock threshold below which the receipt day
    counts, and the due (local µs, -1 outside the range) and provisional flag either way.
    """
    key = (id(t), b"".join(p[k].tobytes() for k in ("kind", "amount", "rule", "cutoff")))
    cached = _DAY_TABLES.get(key)
    if cached is not None and cached[0] is t:
        return cached[1:]
    size, nworking = t.size, len(t.working_days)
    i = np.arange(size, dtype=np.int64)
    on = t.working.astype(np.int64)
    count = t.cum_working[1:]
    threshold, counted, uncounted, prov_c, prov_u = [], [], [], [], []

    def due_of(k: I64) -> tuple[I64, Any]:
        valid = (k >= 0) & (k < nworking)
        found = t.working_days[np.where(valid, k, 0)]
        local = np.where(valid, (found + t.base_day) * DAY_US + t.close_us[found], -1)
        first = t.year_of_day - t.first_year
        last = t.year_of_day[found] - t.first_year
        provisional = (t.provisional_years[last + 1] - t.provisional_years[first]) > 0
        return local, provisional & valid

    never = np.zeros(size, dtype=np.int64)
    for kind, amount, rule, cutoff in zip(
        p["kind"], p["amount"], p["rule"], p["cutoff"], strict=True
    ):
        if kind == _DAYS:
            n = int(amount)
            not_counted = due_of(count + n - 1)
            is_counted = due_of(np.where(n > 1, count + n - 2, count - on))
            limit = np.minimum(t.close_us, int(cutoff) + 1)
            threshold.append(np.where(bool(rule) & t.working, limit, 0))
        elif kind in (_CALENDAR, _MONTHS):
            target = i + int(amount) if kind == _CALENDAR else _months_later(t, int(amount))
            inside = target < size
            safe = np.where(inside, target, 0)
            k = np.where(inside, t.cum_working[safe + 1] - t.working[safe], -1)
            not_counted = is_counted = due_of(k)
            threshold.append(never)
        else:  # hour-based: computed row by row
            not_counted = is_counted = (np.full(size, -1, dtype=np.int64), never.astype(bool))
            threshold.append(never)
        counted.append(is_counted[0])
        uncounted.append(not_counted[0])
        prov_c.append(is_counted[1])
        prov_u.append(not_counted[1])
    result = tuple(np.concatenate(x) for x in (threshold, counted, uncounted, prov_c, prov_u))
    if len(_DAY_TABLES) > 16:
        _DAY_TABLES.clear()
    _DAY_TABLES[key] = (t, *result)
    return result


def _utc_column(schedule: Schedule, local: I64, mask: Any) -> I64:
    return np.asarray(
        [
            _utc_of(schedule, int(value)) if not missing else 0
            for value, missing in zip(local, mask, strict=True)
        ],
        dtype=np.int64,
    )


def _utc_of(schedule: Schedule, local_us: int) -> int:
    wall = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=local_us)
    aware = wall.replace(tzinfo=schedule._tz)
    return (aware - _EPOCH) // _US
