"""Input checks shared by the modules (private)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from tthc.errors import DatetimeGivenError, InputTypeError, NaiveDatetimeError

T = TypeVar("T")


def check_date(value: Any, name: str = "date") -> dt.date:
    """Return ``value`` if it is a plain date; reject datetimes and other types."""
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        raise DatetimeGivenError(
            f"expected a date, got a datetime for {name} ({value!r}): "
            "choose the local date explicitly, e.g. instant.in_tz(...).date()",
            value=value,
        )
    if isinstance(value, dt.date):
        return value
    what = "" if name == "date" else f" for {name}"
    raise InputTypeError(
        f"expected a datetime.date{what}, got {type(value).__name__}: {value!r}", value=value
    )


def check_period(start: Any, end: Any) -> tuple[dt.date, dt.date]:
    """Return ``(start, end)`` if both are dates and ``end`` is not before ``start``."""
    check_date(start, "start")
    check_date(end, "end")
    if end < start:
        raise InputTypeError(
            f"the period ends ({end}) before it starts ({start})", value=(start, end)
        )
    return start, end


def check_int(value: Any, name: str) -> int:
    """Return ``value`` if it is an int (bool excluded)."""
    if type(value) is int or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise InputTypeError(
        f"expected an int for {name}, got {type(value).__name__}: {value!r}", value=value
    )


def check_aware(value: Any, name: str = "instant") -> dt.datetime:
    """Return ``value`` if it is a timezone-aware datetime."""
    if not isinstance(value, dt.datetime):
        raise InputTypeError(
            f"expected an aware datetime for {name}, got {type(value).__name__}: {value!r}",
            value=value,
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{name} {value!r} has no time zone: give an aware datetime "
            "(e.g. pendulum.datetime(..., tz='Asia/Ho_Chi_Minh'))",
            value=value,
        )
    return value


def instance_of(kind: type) -> Any:
    """An attrs validator raising :class:`InputTypeError` for a value of the wrong type."""

    def validate(_: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind):
            raise InputTypeError(
                f"{attribute.name} must be a {kind.__name__}, got {type(value).__name__}: "
                f"{value!r}",
                value=value,
            )

    return validate


def tuple_of(value: Any, kind: type[T], what: str) -> tuple[T, ...]:
    """``value`` as a tuple whose items are all ``kind`` (else InputTypeError naming ``what``)."""
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise InputTypeError(
                f"{what} hold {kind.__name__} values, got {type(item).__name__}: {item!r}",
                value=item,
            )
    return items
