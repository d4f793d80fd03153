"""JSON for tthc's value types, through one cattrs converter.

Time limits are written as their canonical Vietnamese text (which parses
back to an equal limit), enumerations by their stable value, mappings as
objects. Structuring is strict: no silent coercion of ``"5"`` to ``5``,
unknown keys are errors, and an error names the path of the bad field.

Example:
    >>> p = tthc.Catalog.bundled()["1.004873"]
    >>> text = dumps(p)
    >>> loads(text, tthc.Procedure) == p
    True
"""

from __future__ import annotations

import datetime as dt
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

__all__ = ["converter", "dumps", "error_path", "loads", "structure", "unstructure"]

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
    return conv


converter = _make_converter()
"""The cattrs converter for tthc's types.

Example:
    >>> converter.unstructure(tthc.WorkingDays(3))
    '03 ngày làm việc'
"""


def unstructure(obj: Any) -> Any:
    """``obj`` as plain JSON-ready data.

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
        return converter.structure(data, kind)
    except (cattrs.BaseValidationError, TthcError, TypeError, ValueError, AttributeError) as error:
        path, message = error_path(error)
        raise JsonFormatError(f"{path}: {message}", path=path, value=data) from error


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as JSON text (UTF-8 characters kept as they are).

    Example:
        >>> print(dumps(tthc.Document("Tờ khai", tthc.DocumentForm.ORIGINAL)))
        {
          "name": "Tờ khai"
        }
    """
    return json.dumps(unstructure(obj), ensure_ascii=False, indent=indent)


def loads(text: str, kind: type[T]) -> T:
    """A ``kind`` read from JSON text.

    Example:
        >>> loads('{"name": "Tờ khai", "copies": 2}', tthc.Document).copies
        2
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonFormatError(f"not JSON: {error}", value=text) from None
    return structure(data, kind)
