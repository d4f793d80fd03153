"""Biểu II.06a from a table of dossiers: :func:`dossier_table` and :func:`report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pendulum
import pyarrow as pa
import pyarrow.compute as pc

from tthc._validate import check_aware, check_period
from tthc.catalog import Catalog
from tthc.columnar._tables import DAY_US, I64
from tthc.dossier import Dossier, Event, EventKind, Status
from tthc.errors import InputTypeError, ReportMismatchError, TthcError
from tthc.procedure import Channel
from tthc.report import GROUPINGS, Report, ReportRow, report_instant
from tthc.schedule import Schedule

__all__ = ["TABLE_SCHEMA", "dossier_table", "event_log_table", "report"]

_VN = "Asia/Ho_Chi_Minh"
_INSTANT = pa.timestamp("us", tz=_VN)
_NEVER = np.int64(2**62)
_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_OFFSET_US = 7 * 3_600_000_000  # Vietnam's offset, fixed since 1975
_AS_OF_KEY = b"tthc.as_of"

TABLE_SCHEMA = pa.schema(
    [
        pa.field("code", pa.string()),
        pa.field("field", pa.string(), nullable=False),
        pa.field("office", pa.string(), nullable=False),
        pa.field("procedure", pa.string(), nullable=False),
        pa.field("channel", pa.int8(), nullable=False),
        pa.field("received_at", _INSTANT),
        pa.field("due_at", _INSTANT),
        pa.field("ends_at", _INSTANT),
        pa.field("resolved_at", _INSTANT),
        pa.field("returned_at", _INSTANT),
        pa.field("withdrawn_at", _INSTANT),
        pa.field("stopped_at", _INSTANT),
        pa.field("not_received_at", _INSTANT),
        pa.field("refused_at", _INSTANT),
    ]
)
"""The columns of a dossier table, one row per dossier.

``field``, ``office`` and ``procedure`` (code and name) are the groups;
``channel`` is the portal's code (1 in person, 2 online, 3 postal). Of
``resolved_at``, ``withdrawn_at`` and ``stopped_at`` only the event that ended
the work is set. ``due_at`` is the due with what the pauses add, as known at
the instant the report stands at (the appointment); ``ends_at`` is the legal
end of the limit that outcomes are judged on (24:00 of the due day for a
day-based limit, see :meth:`tthc.Schedule.legal_end`). A table without
``ends_at`` is judged on ``due_at``.
"""

_ENDINGS = {
    EventKind.RESOLVED: "resolved_at",
    EventKind.WITHDRAWAL_REQUESTED: "withdrawn_at",
    EventKind.STOPPED: "stopped_at",
}


def _us(instant: dt.datetime | None) -> int | None:
    if instant is None:
        return None
    return dt.datetime.__sub__(instant, _UTC_EPOCH) // _US


def dossier_table(dossiers: Iterable[Dossier], *, as_of: dt.datetime | None = None) -> pa.Table:
    """A table of dossiers (:data:`TABLE_SCHEMA`) for :func:`report`.

    Args:
        dossiers: the dossiers, one row each.
        as_of: the instant the report will stand at. A dossier still in
            progress then gets the due known at that instant (open pauses
            counted up to it, later events ignored); the table remembers it
            and :func:`report` refuses to judge it at another instant. Without
            it, each dossier's due as it stands now.

    Example:
        >>> p = tthc.Catalog.bundled()["1.004873"]
        >>> d = tthc.Dossier.receive(p, received_at=pendulum.datetime(
        ...     2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"), channel=2, schedule=tthc.Schedule.vietnam())
        >>> t = dossier_table([d])
        >>> t.num_rows, t.column("due_at")[0].as_py().isoformat()
        (1, '2026-12-10T17:00:00+07:00')
    """
    cut = None if as_of is None else pendulum.instance(check_aware(as_of, "as_of"))
    columns: dict[str, list[Any]] = {name: [] for name in TABLE_SCHEMA.names}
    for dossier in dossiers:
        if not isinstance(dossier, Dossier):
            raise InputTypeError(f"expected Dossier, got {type(dossier).__name__}", value=dossier)
        procedure = dossier.procedure
        row: dict[str, Any] = dict.fromkeys(TABLE_SCHEMA.names)
        row["code"] = dossier.code
        row["field"] = procedure.field
        row["office"] = procedure.office
        row["procedure"] = f"{procedure.code} {procedure.name}"
        row["channel"] = dossier.channel.portal_code
        status = dossier.status
        if status in (Status.NOT_RECEIVED, Status.REFUSED):
            key = "not_received_at" if status is Status.NOT_RECEIVED else "refused_at"
            row[key] = _us(dossier.events[-1].at)
        else:
            row["received_at"] = _us(dossier.received_at)
            ended = None
            for event in dossier.events:
                name = _ENDINGS.get(event.kind)
                if name is not None:
                    row[name] = _us(event.at)
                    ended = event.at
                    break
            row["returned_at"] = _us(dossier.returned_at)
            due, ends = dossier.due_at, dossier.ends_at
            if (
                cut is not None
                and dossier.received_at is not None
                and (ended is None or ended > cut)
            ):
                known = dossier.as_of(cut) if dossier.events[-1].at > cut else dossier
                due = ends = None
                if known is not None:
                    due, limit = known.due_at_instant(cut), known.limit
                    if due is not None and limit is not None:
                        ends = known.schedule.legal_end(due, limit)
            row["due_at"] = _us(due)
            row["ends_at"] = _us(ends)
        for name, value in row.items():
            columns[name].append(value)
    arrays = []
    for field in TABLE_SCHEMA:
        if field.type == _INSTANT:
            raw = pa.array(columns[field.name], pa.int64())
            arrays.append(raw.cast(_INSTANT))
        else:
            arrays.append(pa.array(columns[field.name], field.type))
    metadata = None if cut is None else {_AS_OF_KEY: cut.isoformat().encode()}
    return pa.Table.from_arrays(arrays, schema=TABLE_SCHEMA.with_metadata(metadata))


def event_log_table(
    events: Any,
    *,
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
    as_of: dt.datetime | None = None,
) -> pa.Table:
    """A dossier table from an event log: one row per event, events of a dossier in order.

    Each event is a mapping (an Arrow table's rows, a pandas frame's records,
    JSON objects) with ``dossier`` (any key naming the dossier), ``procedure``
    (its code in ``catalog``) and the fields of :class:`tthc.Event` as tthc's
    JSON writes them (``kind``, ``at``, ``channel``, ``note``...; missing or
    null fields are left out). Each dossier is replayed through tthc's
    actions, so an unknown procedure or an impossible history raises the
    same errors as :meth:`tthc.Dossier.replay`, with a note naming the
    dossier (and the event, for a malformed one).

    Example:
        >>> log = [
        ...     {"dossier": "A1", "procedure": "1.004873", "kind": "received",
        ...      "at": "2026-12-07T10:00:00+07:00", "channel": "online"},
        ...     {"dossier": "A1", "procedure": "1.004873", "kind": "resolved",
        ...      "at": "2026-12-09T16:00:00+07:00"},
        ... ]
        >>> t = event_log_table(pa.Table.from_pylist(log))
        >>> t.num_rows, t.column("resolved_at")[0].as_py().isoformat()
        (1, '2026-12-09T16:00:00+07:00')
    """
    from tthc.serialize import structure

    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    if isinstance(events, pa.Table | pa.RecordBatch):
        events = events.to_pylist()
    elif type(events).__name__ == "DataFrame" and hasattr(events, "to_dict"):
        events = events.to_dict("records")
    logs: dict[Any, tuple[Any, list[Event]]] = {}
    for number, record in enumerate(events, start=1):
        if not isinstance(record, Mapping) or "dossier" not in record:
            raise InputTypeError(
                f"event {number}: expected a mapping with a dossier key, got {record!r}",
                value=record,
            )
        fields = {
            k: v
            for k, v in record.items()
            if k not in ("dossier", "procedure") and v is not None and v == v  # NaN is missing
        }
        if isinstance(fields.get("at"), dt.datetime):
            fields["at"] = fields["at"].isoformat()
        if isinstance(fields.get("new_due"), dt.datetime):
            fields["new_due"] = fields["new_due"].isoformat()
        key = record["dossier"]
        code, found = logs.setdefault(key, (record.get("procedure"), []))
        try:
            found.append(structure(fields, Event))
        except TthcError as error:
            error.add_note(f"event {number}, dossier {key!r}")
            raise
    dossiers = []
    for key, (code, found) in logs.items():
        try:
            dossiers.append(Dossier.replay(catalog[code], schedule, found))
        except TthcError as error:
            error.add_note(f"dossier {key!r}")
            raise
    return dossier_table(dossiers, as_of=as_of)


def _instants(table: pa.Table, name: str) -> I64:
    column = table.column(name)
    if not pa.types.is_timestamp(column.type) or column.type.tz is None:
        raise InputTypeError(
            f"column {name} must hold timestamps with a time zone, got {column.type}",
            value=str(column.type),
        )
    raw = pc.cast(column, pa.timestamp("us", tz=column.type.tz)).cast(pa.int64())
    return np.asarray(raw.fill_null(_NEVER).to_numpy(), dtype=np.int64)


_COUNTED = (
    "received_new",
    "received_online",
    "received_offline",
    "carried_over",
    "resolved",
    "early",
    "on_time",
    "late",
    "in_progress",
    "in_progress_within",
    "in_progress_overdue",
    "withdrawn",
    "stopped",
    "not_received",
    "refused",
)


def report(
    table: pa.Table,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime | None = None,
    by: str | None = "field",
    rows_read: int | None = None,
) -> Report:
    """Biểu II.06a from a dossier table, equal to :meth:`tthc.Report.build` on the same dossiers.

    Args:
        table: an Arrow table (or record batch, pandas or polars data frame)
            with the columns of :data:`TABLE_SCHEMA` (from :func:`dossier_table`
            or a reader): one partition of a larger set is fine, the partial
            reports add up with :meth:`tthc.Report.merge`.
        start, end, as_of, by, rows_read: as for :meth:`tthc.Report.build`.

    Raises:
        ReportMismatchError: the table was built for another instant than
            the one the report stands at.
        InputTypeError: a missing column or a column of the wrong type.

    Example:
        >>> p = tthc.Catalog.bundled()["1.004873"]
        >>> d = tthc.Dossier.receive(p, received_at=pendulum.datetime(
        ...     2026, 12, 7, 10, tz="Asia/Ho_Chi_Minh"), channel=2, schedule=tthc.Schedule.vietnam())
        >>> q4 = dict(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31))
        >>> report(dossier_table([d]), **q4) == tthc.Report.build([d], **q4)
        True
    """
    check_period(start, end)
    if by not in GROUPINGS:
        raise InputTypeError(f"by must be one of {GROUPINGS}, got {by!r}", value=by)
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    elif hasattr(table, "to_arrow") and not isinstance(table, pa.Table):
        table = table.to_arrow()  # polars
    elif type(table).__name__ == "DataFrame" and hasattr(table, "iloc"):
        table = pa.Table.from_pandas(table, preserve_index=False)
    if not isinstance(table, pa.Table):
        raise InputTypeError(f"expected an Arrow table, got {type(table).__name__}", value=table)
    missing = [
        name
        for name in TABLE_SCHEMA.names
        if name not in table.column_names and name not in ("code", "ends_at")
    ]
    if missing:
        raise InputTypeError(f"the table lacks columns: {', '.join(missing)}", value=missing)
    first = pendulum.datetime(start.year, start.month, start.day, tz=_VN)
    cut, basis = report_instant(end, as_of)
    built_for = (table.schema.metadata or {}).get(_AS_OF_KEY)
    if built_for is not None and pendulum.parse(built_for.decode()) != cut:
        raise ReportMismatchError(
            f"the table was built for {built_for.decode()} but the report stands at "
            f"{cut.isoformat()}: build it with as_of={cut.isoformat()}",
            value=(built_for.decode(), cut.isoformat()),
        )
    lo, cut_us = _us(first), _us(cut)
    assert lo is not None
    assert cut_us is not None
    until = cut_us + 1

    if by is None:
        codes = np.zeros(table.num_rows, dtype=np.int64)
        groups = ["Tất cả"] if table.num_rows else []
    else:
        column = table.column(by)
        if column.null_count:
            raise InputTypeError(f"column {by} has missing values", value=column.null_count)
        # Combine first: chunks encoded one by one would each have their own dictionary.
        encoded = pc.dictionary_encode(column.combine_chunks())
        codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        groups = encoded.dictionary.to_pylist()

    counts: dict[str, Any] = {}
    not_received = _instants(table, "not_received_at")
    refused = _instants(table, "refused_at")
    counts["not_received"] = (not_received >= lo) & (not_received < until)
    counts["refused"] = (refused >= lo) & (refused < until)
    received = _instants(table, "received_at")
    intake = (not_received == _NEVER) & (refused == _NEVER)
    known = intake & (received < until)
    new = known & (received >= lo)
    channel = np.asarray(table.column("channel").to_numpy(), dtype=np.int64)
    online = channel == Channel.ONLINE.portal_code
    counts["received_new"] = new
    counts["received_online"] = new & online
    counts["received_offline"] = new & ~online
    resolved_at = _instants(table, "resolved_at")
    withdrawn_at = _instants(table, "withdrawn_at")
    stopped_at = _instants(table, "stopped_at")
    ended = np.minimum(np.minimum(resolved_at, withdrawn_at), stopped_at)
    before = received < lo
    live = known & ~(before & (ended < lo))
    counts["carried_over"] = live & before
    done = live & (ended < until)
    how_resolved = done & (resolved_at == ended)
    how_withdrawn = done & ~how_resolved & (withdrawn_at == ended)
    counts["resolved"] = how_resolved
    counts["withdrawn"] = how_withdrawn
    counts["stopped"] = done & ~how_resolved & ~how_withdrawn
    # Outcomes and "overdue" are judged on the legal end of the limit.
    due = _instants(table, "ends_at" if "ends_at" in table.column_names else "due_at")
    no_due = due == _NEVER
    done_day = np.floor_divide(resolved_at + _OFFSET_US, DAY_US)
    due_day = np.floor_divide(due + _OFFSET_US, DAY_US)
    early = ~no_due & (done_day < due_day)
    on_time = ~no_due & (done_day == due_day) & (resolved_at <= due)
    counts["early"] = how_resolved & early
    counts["on_time"] = how_resolved & on_time
    counts["late"] = how_resolved & ~early & ~on_time
    open_ = live & ~(ended < until)
    overdue = ~no_due & (cut_us > due)
    counts["in_progress"] = open_
    counts["in_progress_overdue"] = open_ & overdue
    counts["in_progress_within"] = open_ & ~overdue

    width = len(groups)
    tallies = {
        name: np.bincount(codes, weights=counts[name], minlength=width).astype(np.int64)
        for name in _COUNTED
    }
    order = sorted(range(width), key=lambda g: groups[g])
    rows = tuple(
        ReportRow(groups[g], **{name: int(tallies[name][g]) for name in _COUNTED}) for g in order
    )
    grand = ReportRow("Tổng cộng", **{name: int(tallies[name].sum()) for name in _COUNTED})
    counted = np.zeros(table.num_rows, dtype=bool)
    for name in _COUNTED:
        counted |= np.asarray(counts[name], dtype=bool)
    return Report(
        start=start,
        end=end,
        as_of=cut,
        by=by,
        rows=rows,
        total=grand,
        dossiers=int(counted.sum()),
        rows_read=rows_read,
        as_of_basis=basis,
        dossiers_given=table.num_rows,
    )
