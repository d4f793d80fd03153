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

import attrs
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


_GROUPS = {"field": "field", "office": "office", "procedure": "procedure"}
_INTS = (
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
)


def _query(first: int, after: int, cut: int, by: str | None) -> sa.Select[tuple[object, ...]]:
    """The table's columns, straight from the projection rows of the period.

    First the group (``by``'s column), then the code of a dossier whose due
    moves with the report's instant ``cut`` (``NULL`` for the others), then
    :data:`_INTS`, instants as µs with :data:`_NEVER` for none.
    """
    from tthc.store.dossier_store import _in_period

    c = dossiers.c
    closed = c.status.in_((Status.NOT_RECEIVED.value, Status.REFUSED.value))
    if by == "procedure":
        group: sa.ColumnElement[str] = (
            c.procedure_code + " " + sa.func.coalesce(c.procedure_name, "")
        )
    elif by is None:
        group = sa.literal("")
    else:
        group = c[_GROUPS[by]]
    moving = sa.and_(
        ~closed,
        c.received_at_us <= cut,
        sa.or_(c.left_at_us.is_(None), c.left_at_us > cut),
        sa.or_(c.open_pause.is_not(None), c.last_at_us > cut),
    )
    return sa.select(
        group.label("grp"),
        sa.case((moving, c.code), else_=sa.null()).label("moving"),
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
    ).where(_in_period(first, after))


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
    as_of=instant)``, exactly as a table built from dossiers. One query
    reads every row, so each dossier is counted once even while clerks write.

    Example:
        >>> from tthc.store import DossierStore
        >>> columnar_report(DossierStore.open("sqlite://"), datetime.date(2026, 1, 1),
        ...     datetime.date(2026, 3, 31), None, "field").total.received
        0
    """
    from tthc.store.dossier_store import _period

    first, after = _period(start, end)
    by_given = by
    if by is not None and by not in _GROUPS:
        by = "field"  # tthc.columnar.report refuses it below
    # The same instant as Report.build: as_of, else the earlier of now and the period's end.
    from tthc.report import report_instant

    cut, basis = report_instant(end, None if as_of is None else check_aware(as_of, "as_of"))
    cut_us = min(after - 1, dt.datetime.__sub__(cut, _UTC_EPOCH) // _US)
    query = _query(first, after, cut_us, by)
    groups: list[object] = []
    moving: list[object] = []
    blocks: list[np.typing.NDArray[np.int64]] = []
    with store.engine.connect() as conn:
        # The driver's own cursor: rows as plain tuples, no per-row objects.
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        cursor = conn.connection.cursor()
        try:
            cursor.execute(sql)
            while chunk := cursor.fetchmany(_FETCH):
                rows = np.array(chunk, dtype=object)
                groups.extend(rows[:, 0].tolist())
                moving.extend(rows[:, 1].tolist())
                blocks.append(rows[:, 2:].astype(np.int64))
        finally:
            cursor.close()
    block = np.concatenate(blocks) if blocks else np.zeros((0, len(_INTS)), dtype=np.int64)
    ints = {name: np.ascontiguousarray(block[:, k]) for k, name in enumerate(_INTS)}
    replay = [i for i, code in enumerate(moving) if code is not None]
    if replay:
        _replay_dues(store, moving, np.asarray(replay, dtype=np.intp), cut_us, ints)
    n = len(groups)
    blank = pa.array([""] * n, pa.string())
    arrays = []
    for field in tthc.columnar.TABLE_SCHEMA:
        if field.name in ints:
            values = ints[field.name]
            if field.type == _INSTANT:
                raw = pa.array(values, pa.int64(), mask=values == _NEVER)
                arrays.append(raw.cast(_INSTANT))
            else:
                arrays.append(pa.array(values.astype(np.int8), field.type))
        elif field.name == by:
            arrays.append(pa.array(groups, pa.string()))
        elif field.name == "code":
            arrays.append(pa.nulls(n, pa.string()))
        else:  # a group the report does not read
            arrays.append(blank)
    table = pa.Table.from_arrays(arrays, schema=tthc.columnar.TABLE_SCHEMA)
    report = tthc.columnar.report(table, start=start, end=end, as_of=cut, by=by_given)
    return attrs.evolve(report, as_of_basis=basis)


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
