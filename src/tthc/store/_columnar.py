"""The store's report through the columnar engine: one query on the projection, no replay.

Imported only by :meth:`DossierStore.report` when the ``columnar`` extra
(numpy, pyarrow) is installed; ``import tthc.store`` does not import it.

Example:
    >>> from tthc.store import DossierStore
    >>> from tthc.store.dossier_store import _example
    >>> store = DossierStore.open("sqlite://")
    >>> _ = store.add(_example())
    >>> q4 = datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)
    >>> columnar_report(store, *q4, None, "field") == store.report(*q4)
    True
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pendulum
import pyarrow as pa
import sqlalchemy as sa

import tthc.columnar
from tthc._validate import check_aware
from tthc.dossier import EventKind, Status
from tthc.procedure import Channel
from tthc.report import Report
from tthc.store.schema import dossiers

if TYPE_CHECKING:
    from tthc.store.dossier_store import DossierStore

__all__ = ["columnar_report"]

_VN = "Asia/Ho_Chi_Minh"
_NEVER = 2**62  # "no instant": later than any, as the columnar report reads a null
_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_INSTANT = pa.timestamp("us", tz=_VN)
_US = dt.timedelta(microseconds=1)
_BATCH = 500
_FETCH = 100_000


def _when(condition: sa.ColumnElement[bool], value: sa.ColumnElement[int]) -> sa.Case[int]:
    return sa.case((condition, sa.func.coalesce(value, _NEVER)), else_=sa.literal(_NEVER))


def _query(first: int, after: int) -> sa.Select[tuple[object, ...]]:
    """The table's columns, straight from the projection rows of the period."""
    from tthc.store.dossier_store import _in_period

    c = dossiers.c
    closed = c.status.in_((Status.NOT_RECEIVED.value, Status.REFUSED.value))
    return sa.select(
        c.code,
        c.field,
        c.office,
        (c.procedure_code + " " + sa.func.coalesce(c.procedure_name, "")).label("procedure"),
        sa.case({ch.value: ch.portal_code for ch in Channel}, value=c.channel).label("channel"),
        _when(~closed, c.received_at_us).label("received_at"),
        _when(~closed, c.due_at_us).label("due_at"),
        _when(~closed, c.ends_at_us).label("ends_at"),
        _when(~closed, c.returned_at_us).label("returned_at"),
        _when(c.left_kind == EventKind.RESOLVED.value, c.left_at_us).label("resolved_at"),
        _when(c.left_kind == EventKind.WITHDRAWAL_REQUESTED.value, c.left_at_us).label(
            "withdrawn_at"
        ),
        _when(c.left_kind == EventKind.STOPPED.value, c.left_at_us).label("stopped_at"),
        _when(c.status == Status.NOT_RECEIVED.value, c.closed_at_us).label("not_received_at"),
        _when(c.status == Status.REFUSED.value, c.closed_at_us).label("refused_at"),
        sa.case((c.open_pause.is_(None), 0), else_=1).label("paused"),
        c.last_at_us,
    ).where(_in_period(first, after))


_NAMES = (
    "code",
    "field",
    "office",
    "procedure",
    "channel",
    "received_at",
    "due_at",
    "ends_at",
    "returned_at",
    "resolved_at",
    "withdrawn_at",
    "stopped_at",
    "not_received_at",
    "refused_at",
    "paused",
    "last_at",
)


def columnar_report(
    store: DossierStore,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime | None,
    by: str | None,
) -> Report:
    """:meth:`DossierStore.report` by :func:`tthc.columnar.report` on the projection's rows.

    The projection holds each dossier's due as of its last event, which is the
    due :func:`tthc.columnar.dossier_table` gives at the report's instant
    except for a dossier still in progress then whose due moves with that
    instant: an open pause (counted up to the instant) or events after it
    (ignored). Those few are replayed and go through ``dossier_table(...,
    as_of=instant)``, exactly as a table built from dossiers.

    Example:
        >>> from tthc.store import DossierStore
        >>> columnar_report(DossierStore.open("sqlite://"), datetime.date(2026, 1, 1),
        ...     datetime.date(2026, 3, 31), None, "field").total.received
        0
    """
    from tthc.store.dossier_store import _period

    first, after = _period(start, end)
    cut_us = after - 1
    if as_of is not None:
        as_of = check_aware(as_of, "as_of")
        cut_us = min(cut_us, dt.datetime.__sub__(as_of, _UTC_EPOCH) // _US)
    columns: list[list[object]] = [[] for _ in _NAMES]
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=_FETCH).execute(_query(first, after))
        for chunk in result.partitions():
            for column, got in zip(columns, zip(*chunk, strict=True), strict=True):
                column.extend(got)
    data = dict(zip(_NAMES, columns, strict=True))
    ints = {
        name: np.asarray(data[name], dtype=np.int64)
        for name in _NAMES
        if name not in ("code", "field", "office", "procedure")
    }
    ended = np.minimum(np.minimum(ints["resolved_at"], ints["withdrawn_at"]), ints["stopped_at"])
    moving = (
        (ints["received_at"] <= cut_us)
        & (ended > cut_us)
        & ((ints["paused"] == 1) | (ints["last_at"] > cut_us))
    )
    rows = np.flatnonzero(moving)
    if len(rows):
        _replay_dues(store, data["code"], rows, cut_us, ints)
    arrays = []
    for field in tthc.columnar.TABLE_SCHEMA:
        if field.name in ints:
            values = ints[field.name]
            if field.type == _INSTANT:
                raw = pa.array(values, pa.int64(), mask=values == _NEVER)
                arrays.append(raw.cast(_INSTANT))
            else:
                arrays.append(pa.array(values.astype(np.int8), field.type))
        else:
            arrays.append(pa.array(data[field.name], field.type))
    table = pa.Table.from_arrays(arrays, schema=tthc.columnar.TABLE_SCHEMA)
    return tthc.columnar.report(table, start=start, end=end, as_of=as_of, by=by)


def _replay_dues(
    store: DossierStore,
    codes: list[object],
    rows: np.typing.NDArray[np.intp],
    cut_us: int,
    ints: dict[str, np.typing.NDArray[np.int64]],
) -> None:
    """Put in ``ints`` the due and legal end known at ``cut_us`` of the dossiers at ``rows``."""
    cut = pendulum.instance(_UTC_EPOCH + dt.timedelta(microseconds=cut_us)).in_tz(_VN)
    where = {codes[int(i)]: int(i) for i in rows}
    wanted = list(where)
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        replayed = list(store._stream(dossiers.c.code.in_(batch)))
        table = tthc.columnar.dossier_table(replayed, as_of=cut)
        index = np.asarray([where[code] for code in table.column("code").to_pylist()])
        for name in ("due_at", "ends_at"):
            column = table.column(name).cast(pa.int64()).fill_null(_NEVER)
            ints[name][index] = np.asarray(column.to_numpy(), dtype=np.int64)
