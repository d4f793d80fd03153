"""JSON for every tthc value type, through one cattrs converter.

:func:`dumps` writes ``{"format": "tthc/1", "type": "Dossier", "value": ...}``;
:func:`loads` reads it back (or a bare value without the envelope) and
checks the format version and the type. The forms:

- instants as ISO 8601 with their offset (``"2026-12-07T10:00:00+07:00"``),
  dates as ``"2026-12-07"``, times as ``"15:00"``;
- time limits as their canonical Vietnamese text (``"03 ngày làm việc"``),
  office hours as session text (``"07:30-11:30,13:00-17:00"``);
- money as whole đồng; enumerations by their stable value (``"online"``);
- a calendar as its configuration (the national years plus what differs),
  not its tables; a dossier as its procedure, schedule and events.

Structuring is strict: no silent coercion of ``"5"`` to ``5``, unknown keys
are errors, and :class:`~tthc.errors.JsonFormatError` names the path of the
bad field.

Example:
    >>> p = tthc.Catalog.bundled()["1.004873"]
    >>> text = dumps(p)
    >>> loads(text, tthc.Procedure) == p
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar, get_origin

import cattrs
import pendulum
from cattrs.v import format_exception

from tthc._frozenmap import FrozenMap
from tthc._validate import check_aware
from tthc.errors import JsonFormatError, NaiveDatetimeError, TthcError
from tthc.limits import TimeLimit, parse_time_limit

__all__ = ["FORMAT", "converter", "dumps", "error_path", "loads", "structure", "unstructure"]

T = TypeVar("T")


def _strict(kind: type) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}: {value!r}")
        return value

    return structure


def _structure_limit(value: Any, _: Any) -> TimeLimit:
    if isinstance(value, TimeLimit):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a time limit as text, got {type(value).__name__}: {value!r}")
    return parse_time_limit(value)


def _unstructure_map(value: FrozenMap[Any, Any]) -> dict[Any, Any]:
    return {
        (k.value if isinstance(k, Enum) else k): converter.unstructure(v) for k, v in value.items()
    }


def _structure_map(value: Any, _: Any) -> Any:
    # The owning class's attrs converter checks keys and values and names the field.
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}: {value!r}")
    return value


def _unstructure_instant(value: dt.datetime) -> str:
    return value.isoformat()


def _structure_instant(value: Any, _: Any) -> pendulum.DateTime:
    if isinstance(value, dt.datetime):
        check_aware(value)
        return pendulum.instance(value)
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 instant, got {type(value).__name__}: {value!r}")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not an ISO 8601 instant: {value!r}") from None
    if parsed.tzinfo is None:
        raise NaiveDatetimeError(f"the instant {value!r} has no UTC offset", value=value)
    return pendulum.instance(parsed)


def _iso(kind: Any, form: str) -> Any:
    """A strict structure hook for dates or times written in ISO 8601."""

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"expected {form}, got {type(value).__name__}: {value!r}")
        try:
            return kind.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not {form}: {value!r}") from None

    return structure


_structure_date = _iso(dt.date, "a date 'YYYY-MM-DD'")
_structure_time = _iso(dt.time, "a time 'HH:MM'")


def _unstructure_time(value: dt.time) -> str:
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def _bool(value: Any, name: str) -> bool:
    if type(value) is not bool:
        raise TypeError(f"{name} must be true or false, got {type(value).__name__}: {value!r}")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"{name} must be a list, got {type(value).__name__}: {value!r}")
    return value


def _structure_ints(value: Any, _: Any) -> frozenset[int]:
    if not isinstance(value, list) or not all(type(v) is int for v in value):
        raise TypeError(f"expected a list of whole numbers, got {value!r}")
    return frozenset(value)


def _is_int_set(kind: Any) -> bool:
    return bool(kind == frozenset[int])


def _is_frozen_map(kind: Any) -> bool:
    return bool(kind is FrozenMap or get_origin(kind) is FrozenMap)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    for kind in (int, str, bool):
        conv.register_structure_hook(kind, _strict(kind))
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, TimeLimit), _structure_limit
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, TimeLimit), str
    )
    for instant in (pendulum.DateTime, dt.datetime):
        conv.register_structure_hook(instant, _structure_instant)
        conv.register_unstructure_hook(instant, _unstructure_instant)
    conv.register_structure_hook_func(_is_frozen_map, _structure_map)
    conv.register_unstructure_hook_func(_is_frozen_map, _unstructure_map)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.time, _structure_time)
    conv.register_unstructure_hook(dt.time, _unstructure_time)
    conv.register_structure_hook_func(_is_int_set, _structure_ints)
    conv.register_unstructure_hook_func(_is_int_set, sorted)
    _register_domain(conv)
    return conv


def _register_domain(conv: cattrs.Converter) -> None:
    """Hooks for the types whose JSON form is not their attributes one to one."""
    from tthc.calendar import WorkingCalendar
    from tthc.catalog import Catalog
    from tthc.dossier import Dossier, Event
    from tthc.hours import OfficeHours, Season, Session
    from tthc.procedure import Procedure
    from tthc.schedule import Schedule

    conv.register_unstructure_hook(Session, str)
    conv.register_structure_hook(Session, lambda v, _: Session.parse(_text(v)))

    def hours_out(hours: OfficeHours) -> dict[str, Any]:
        data: dict[str, Any] = {"weekdays": [",".join(map(str, d)) for d in hours.weekdays]}
        if hours.make_up is not None:
            data["make_up"] = ",".join(map(str, hours.make_up))
        if hours.saturday:
            data["saturday"] = ",".join(map(str, hours.saturday))
        if hours.seasons:
            data["seasons"] = [
                {
                    "start": f"{s.start[0]:02d}-{s.start[1]:02d}",
                    "end": f"{s.end[0]:02d}-{s.end[1]:02d}",
                    "hours": hours_out(s.hours),
                }
                for s in hours.seasons
            ]
        return data

    def hours_in(value: Any, _: Any) -> OfficeHours:
        data = _object(value, {"weekdays", "make_up", "saturday", "seasons"})
        weekdays = data.get("weekdays")
        if not isinstance(weekdays, list) or len(weekdays) != 5:
            raise TypeError("weekdays must list the sessions of Monday..Friday (5 texts)")
        seasons = [
            Season(
                _text(_object(s, {"start", "end", "hours"}).get("start")),
                _text(s.get("end")),
                hours_in(s.get("hours"), None),
            )
            for s in data.get("seasons", [])
        ]
        return OfficeHours(
            weekdays=[_text(w) for w in weekdays],
            make_up=data.get("make_up"),
            saturday=data.get("saturday", ""),
            seasons=seasons,
        )

    conv.register_unstructure_hook(OfficeHours, hours_out)
    conv.register_structure_hook(OfficeHours, hours_in)
    conv.register_unstructure_hook(WorkingCalendar, _calendar_out)
    conv.register_structure_hook(WorkingCalendar, _calendar_in)

    def schedule_out(schedule: Schedule) -> dict[str, Any]:
        data: dict[str, Any] = {
            "calendar": _calendar_out(schedule.calendar),
            "hours": hours_out(schedule.hours),
            "timezone": schedule.timezone,
        }
        if schedule.ends_at_close:
            data["ends_at_close"] = True
        return data

    def schedule_in(value: Any, _: Any) -> Schedule:
        data = _object(value, {"calendar", "hours", "timezone", "ends_at_close"})
        ends_at_close = data.get("ends_at_close", False)
        if not isinstance(ends_at_close, bool):
            raise TypeError(f"ends_at_close must be true or false, got {ends_at_close!r}")
        shared: Schedule = _shared_schedule(
            _calendar_in(data.get("calendar"), None),
            _cached(data.get("hours"), OfficeHours),
            _text(data.get("timezone", "Asia/Ho_Chi_Minh")),
            ends_at_close,
        )
        return shared

    conv.register_unstructure_hook(Schedule, schedule_out)
    conv.register_structure_hook(Schedule, schedule_in)

    def dossier_out(dossier: Dossier) -> dict[str, Any]:
        data = {
            "procedure": conv.unstructure(dossier.procedure, Procedure),
            "schedule": schedule_out(dossier.schedule),
            "events": [conv.unstructure(e, Event) for e in dossier.events],
        }
        if dossier.strict:
            data["strict"] = True
        return data

    def dossier_in(value: Any, _: Any) -> Dossier:
        data = _object(value, {"procedure", "schedule", "events", "strict"})
        events = data.get("events")
        if not isinstance(events, list):
            raise TypeError("events must be a list")
        return Dossier.replay(
            _cached(data.get("procedure"), Procedure),
            schedule_in(data.get("schedule"), None),
            [conv.structure(e, Event) for e in events],
            strict=_bool(data.get("strict", False), "strict"),
        )

    conv.register_unstructure_hook(Dossier, dossier_out)
    conv.register_structure_hook(Dossier, dossier_in)
    conv.register_unstructure_hook(Catalog, Catalog.to_dict)
    conv.register_structure_hook(Catalog, lambda v, _: Catalog.from_dict(v))


def _cached(value: Any, kind: type[T]) -> T:
    """``converter.structure`` for values that repeat (a file's procedures and hours)."""
    try:
        key = json.dumps(value)
    except (TypeError, ValueError):
        return converter.structure(value, kind)
    return _structure_cached(key, kind)  # type: ignore[no-any-return, arg-type]


@functools.lru_cache(maxsize=64)
def _structure_cached(key: str, kind: type) -> Any:
    return converter.structure(json.loads(key), kind)


@functools.lru_cache(maxsize=64)
def _shared_schedule(calendar: Any, hours: Any, timezone: str, ends_at_close: bool = False) -> Any:
    """One schedule per configuration: every dossier of a file shares its tables."""
    from tthc.schedule import Schedule

    if (
        calendar == Schedule.vietnam().calendar
        and hours == Schedule.vietnam().hours
        and (timezone == Schedule.vietnam().timezone)
        and not ends_at_close
    ):
        return Schedule.vietnam()
    return Schedule(calendar, hours, timezone=timezone, ends_at_close=ends_at_close)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}: {value!r}")
    return value


def _object(value: Any, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}: {value!r}")
    extra = sorted(set(value) - keys)
    if extra:
        raise ValueError(f"unknown keys: {extra}")
    return value


def _calendar_out(calendar: Any) -> dict[str, Any]:
    """A calendar as its configuration: the national years plus what differs."""
    return dict(_calendar_out_cached(calendar))


@functools.lru_cache(maxsize=64)
def _calendar_out_cached(calendar: Any) -> dict[str, Any]:
    from tthc.calendar import _calendar_config

    start, end, confirmed, years, weekend, national, changed, removed = _calendar_config(calendar)
    data: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "national": national,
        "confirmed_through": confirmed,
    }
    if years:
        data["confirmed_years"] = list(years)
    if weekend != (5, 6):
        data["weekend"] = list(weekend)
    if changed:
        data["special_days"] = [converter.unstructure(d) for d in changed]
    if removed:
        data["removed"] = [k.isoformat() for k in removed]
    return data


def _calendar_in(value: Any, _: Any) -> Any:
    try:
        key = json.dumps(value)
    except (TypeError, ValueError):
        return _build_calendar(value)
    return _calendar_in_cached(key)


@functools.lru_cache(maxsize=64)
def _calendar_in_cached(key: str) -> Any:
    """One calendar per configuration and process: loading a dossier reuses its tables."""
    return _build_calendar(json.loads(key))


def _build_calendar(value: Any) -> Any:
    from tthc.calendar import SpecialDay, _rebuild_calendar

    data = _object(
        value,
        {
            "start",
            "end",
            "national",
            "confirmed_through",
            "confirmed_years",
            "weekend",
            "special_days",
            "removed",
        },
    )
    start = _structure_date(data.get("start"), None)
    end = _structure_date(data.get("end"), None)
    confirmed = data.get("confirmed_through")
    if confirmed is not None and type(confirmed) is not int:
        raise TypeError(f"confirmed_through must be a whole number, got {confirmed!r}")
    removed = tuple(_structure_date(day, None) for day in _list(data.get("removed", []), "removed"))
    changed = tuple(
        converter.structure(raw, SpecialDay)
        for raw in _list(data.get("special_days", []), "special_days")
    )
    years = _structure_ints(data.get("confirmed_years", []), None)
    weekend = _structure_ints(data.get("weekend", [5, 6]), None)
    return _rebuild_calendar(
        start,
        end,
        confirmed,
        tuple(sorted(years)),
        tuple(sorted(weekend)),
        bool(data.get("national")),
        changed,
        removed,
    )


converter = _make_converter()
"""The cattrs converter for tthc's types.

Example:
    >>> converter.unstructure(tthc.WorkingDays(3))
    '03 ngày làm việc'
"""


def unstructure(obj: Any) -> Any:
    """``obj`` as plain JSON-ready data (the ``value`` of :func:`dumps`).

    Example:
        >>> unstructure(tthc.Fee(10_000, "Lệ phí chứng thực chữ ký"))
        {'amount': 10000, 'description': 'Lệ phí chứng thực chữ ký'}
    """
    return converter.unstructure(obj, unstructure_as=type(obj))


def error_path(error: BaseException) -> tuple[str, str]:
    """(path, message) of the first problem inside a cattrs structuring error.

    Example:
        >>> try:
        ...     converter.structure({"amount": "5", "description": "x"}, tthc.Fee)
        ... except Exception as e:
        ...     print(error_path(e))
        ('$.amount', "expected int, got str: '5'")
    """

    def describe(exc: BaseException, kind: Any = None) -> str:
        if isinstance(exc, TthcError) or type(exc) is TypeError:
            return str(exc)  # our own messages already say what is wrong
        return format_exception(exc, kind)

    path, message = "$", str(error)
    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error, format_exception=describe)
        message, _, path = messages[0].rpartition(" @ ")
        path = path or "$"
    leaf: BaseException = error
    while isinstance(leaf, BaseExceptionGroup) and leaf.exceptions:
        leaf = leaf.exceptions[0]
    field = getattr(leaf, "field", None)
    if isinstance(field, str):
        # Raised by a class's own check after cattrs built its fields: add the field.
        path = f"{path}.{field.rsplit('.', 1)[-1]}"
    return path, message


def structure(data: Any, kind: type[T]) -> T:
    """Build a ``kind`` from plain data, strictly.

    Raises:
        JsonFormatError: the data does not fit; ``.path`` names the bad field.

    Example:
        >>> structure({"amount": 8000, "description": "Lệ phí"}, tthc.Fee).amount
        8000
    """
    try:
        result = converter.structure(data, kind)
    except (cattrs.BaseValidationError, TthcError, TypeError, ValueError, AttributeError) as error:
        path, message = error_path(error)
        raise JsonFormatError(f"{path}: {message}", path=path, value=data) from error
    except RecursionError:
        raise JsonFormatError("$: nested too deeply", value=None) from None
    except OverflowError as error:
        raise JsonFormatError(f"$: a number or date out of range ({error})", value=data) from None
    if isinstance(kind, type) and not isinstance(result, kind):
        raise JsonFormatError(
            f"$: expected {kind.__name__}, got {type(result).__name__}", value=data
        )
    return result


FORMAT = "tthc/1"
"""The version of the JSON envelope written by :func:`dumps`."""


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as versioned JSON: ``{"format": "tthc/1", "type": ..., "value": ...}``.

    UTF-8 characters are kept as they are.

    Example:
        >>> print(dumps(tthc.WorkingDays(3), indent=None))
        {"format": "tthc/1", "type": "WorkingDays", "value": "03 ngày làm việc"}
    """
    envelope = {"format": FORMAT, "type": type(obj).__name__, "value": unstructure(obj)}
    return json.dumps(envelope, ensure_ascii=False, indent=indent)


def loads(text: str, kind: type[T]) -> T:
    """A ``kind`` read from :func:`dumps`'s JSON (or from a bare value).

    Raises:
        JsonFormatError: not JSON, another format version or type, or a bad
            field (``.path`` names it).

    Example:
        >>> loads(dumps(tthc.SameDay()), tthc.TimeLimit)
        SameDay(cutoff=datetime.time(15, 0))
        >>> loads('{"name": "Tờ khai", "copies": 2}', tthc.Document).copies
        2
    """
    if not isinstance(text, str | bytes):
        raise JsonFormatError(f"expected JSON text, got {type(text).__name__}", value=text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonFormatError(f"not JSON: {error}", value=text) from None
    except RecursionError:
        raise JsonFormatError("not JSON tthc reads: nested too deeply", value=text[:64]) from None
    except UnicodeDecodeError as error:
        raise JsonFormatError(f"not JSON: {error}", value=text[:64]) from None
    if isinstance(data, dict) and isinstance(data.get("format"), str) and "value" in data:
        if data["format"] != FORMAT:
            raise JsonFormatError(
                f"$.format: this version of tthc reads {FORMAT!r}, got {data['format']!r}",
                path="$.format",
                value=data["format"],
            )
        names = {kind.__name__, *(k.__name__ for k in _subclasses(kind))}
        if data.get("type") not in names:
            raise JsonFormatError(
                f"$.type: expected {kind.__name__}, got {data.get('type')!r}",
                path="$.type",
                value=data.get("type"),
            )
        if set(data) - {"format", "type", "value"}:
            raise JsonFormatError(
                f"$: unknown keys {sorted(set(data) - {'format', 'type', 'value'})}"
            )
        data = data["value"]
    return structure(data, kind)


def _subclasses(kind: type) -> list[type]:
    found: list[type] = []
    subs: list[type] = kind.__subclasses__()
    for sub in subs:
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


class _ProcedureCodec:
    """What the core catalog needs to read and write procedures (see tthc.catalog)."""

    def to_data(self, procedure: Any) -> dict[str, Any]:
        data: dict[str, Any] = unstructure(procedure)
        return data

    def from_data(self, data: Any) -> Any:
        from tthc.procedure import Procedure

        return structure(data, Procedure)


def _register_catalog_codec() -> None:
    from tthc.catalog import use_codec

    use_codec(_ProcedureCodec())


_register_catalog_codec()
