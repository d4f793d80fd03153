"""Dossier tables from files through Arrow: JSON Lines, the portal's CSV and Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import IO, Any

import attrs
import numpy as np
import pendulum
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.json as pjson
import pyarrow.parquet as pq

from tthc._validate import check_aware
from tthc.catalog import Catalog
from tthc.columnar._due import due
from tthc.columnar._report import TABLE_SCHEMA
from tthc.dossier import Status
from tthc.errors import InputFileError, InputTypeError, TthcError
from tthc.files import PORTAL_CSV_COLUMNS
from tthc.portal import PORTAL_DATE_FORMAT, from_portal_record, parse_local_instant
from tthc.procedure import Channel
from tthc.schedule import Schedule

__all__ = ["TableRead", "read_table_csv", "read_table_jsonl", "read_table_parquet"]

_ERRORS = ("raise", "collect")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)


@attrs.frozen(eq=False)
class TableRead:
    """A dossier table read from a file, with its rows read and the bad ones.

    Attributes:
        table: the good rows (:data:`~tthc.columnar.TABLE_SCHEMA`).
        rows_read: data rows in the file, good and bad.
        bad_rows: ``(line, message)`` for every row left out (only with
            ``errors="collect"``; otherwise the first bad row raises).

    Example:
        >>> TableRead(TABLE_SCHEMA.empty_table(), 0).bad_rows
        ()
    """

    table: pa.Table
    rows_read: int
    bad_rows: tuple[tuple[int, str], ...] = ()


def _check_errors(errors: str) -> None:
    if errors not in _ERRORS:
        raise InputTypeError(f"errors must be one of {_ERRORS}, got {errors!r}", value=errors)


def _bytes(source: str | Path | IO[bytes] | IO[str]) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    data = source.read()
    return data.encode() if isinstance(data, str) else data


def _finish(good: pa.Table, rows: int, bad: list[tuple[int, str]], errors: str) -> TableRead:
    if bad and errors == "raise":
        line, message = bad[0]
        raise InputFileError(f"line {line}: {message}", line=line, value=bad)
    return TableRead(good, rows, tuple(bad))


def read_table_jsonl(
    source: str | Path | IO[bytes] | IO[str], *, errors: str = "raise"
) -> TableRead:
    """A dossier table from JSON Lines, one object per dossier with the table's columns.

    Instants are ISO 8601 text with an offset. The file is read by Arrow in
    one pass; when it holds bad lines, each line is checked on its own to
    name them.

    Args:
        source: a path or an open file.
        errors: ``"raise"`` (default) raises :class:`~tthc.errors.InputFileError`
            at the first bad line; ``"collect"`` leaves bad lines out and lists
            them in :attr:`TableRead.bad_rows`.

    Example:
        >>> import io
        >>> line = ('{"field": "Hộ tịch", "office": "UBND xã", "procedure": "1.004873 X", '
        ...         '"channel": 2, "received_at": "2026-12-07T10:00:00+07:00"}')
        >>> read = read_table_jsonl(io.StringIO(line + "\\n" + "{oops\\n"), errors="collect")
        >>> read.rows_read, read.table.num_rows, read.bad_rows[0][0]
        (2, 1, 2)
    """
    _check_errors(errors)
    data = _bytes(source)
    options = pjson.ParseOptions(explicit_schema=TABLE_SCHEMA, unexpected_field_behavior="error")
    lines = data.splitlines()
    rows = sum(1 for line in lines if line.strip())
    try:
        table = pjson.read_json(io.BytesIO(data), parse_options=options)
        return TableRead(_conform(table), rows)
    except (pa.ArrowInvalid, TthcError):
        pass
    good: list[bytes] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            _conform(pjson.read_json(io.BytesIO(line), parse_options=options))
        except (pa.ArrowInvalid, TthcError) as error:
            bad.append((number, str(error).split("\n")[0]))
            continue
        good.append(line)
    table = (
        pjson.read_json(io.BytesIO(b"\n".join(good)), parse_options=options)
        if good
        else TABLE_SCHEMA.empty_table()
    )
    return _finish(_conform(table), rows, bad, errors)


def _conform(table: pa.Table) -> pa.Table:
    """The table with the schema's columns, in order and of its types."""
    for field in TABLE_SCHEMA:
        if not field.nullable and field.name in table.column_names:
            column = table.column(field.name)
            if column.null_count:
                raise InputTypeError(f"{field.name}: required", value=field.name)
    missing = [
        name for name in TABLE_SCHEMA.names if name not in table.column_names and name != "code"
    ]
    required = [n for n in missing if not TABLE_SCHEMA.field(n).nullable]
    if required:
        raise InputTypeError(f"missing columns: {', '.join(required)}", value=required)
    arrays = []
    for field in TABLE_SCHEMA:
        if field.name in table.column_names:
            arrays.append(table.column(field.name).cast(field.type))
        else:
            arrays.append(pa.nulls(table.num_rows, field.type))
    return pa.Table.from_arrays(arrays, schema=TABLE_SCHEMA.with_metadata(table.schema.metadata))


def read_table_parquet(source: str | Path | IO[bytes]) -> TableRead:
    """A dossier table from a Parquet file with the table's columns.

    Example:
        >>> import io, pyarrow.parquet as pq
        >>> buffer = io.BytesIO()
        >>> pq.write_table(TABLE_SCHEMA.empty_table(), buffer)
        >>> _ = buffer.seek(0)
        >>> read_table_parquet(buffer).rows_read
        0
    """
    table = pq.read_table(source)
    try:
        return TableRead(_conform(table), table.num_rows)
    except (pa.ArrowInvalid, TthcError) as error:
        raise InputFileError(f"line 1: {error}", line=1, value=str(error)) from error


_TERMINAL = {
    Status.WITHDRAWAL_REQUESTED.portal_code: "withdrawn_at",
    Status.STOPPED.portal_code: "stopped_at",
    Status.RESOLVED.portal_code: "resolved_at",
    Status.RETURNED.portal_code: "resolved_at",
}
_STATUSES: set[int] = {int(s.portal_code or 0) for s in Status}
_CHANNELS: set[int] = {int(c.portal_code or 0) for c in Channel}


def _instants(column: Any, tz: str, name: str, bad: dict[int, str]) -> Any:
    """Portal instants (``yyyyMMddHHmmss`` local or ISO 8601) as µs since the epoch."""
    text = pc.utf8_trim_whitespace(column)
    empty = pc.equal(text, "")
    parsed = pc.strptime(text, format="%Y%m%d%H%M%S", unit="us", error_is_null=True)
    utc = pc.assume_timezone(parsed, tz).cast(pa.int64())
    values = np.array(utc.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
    missing = np.array(
        pc.or_(pc.is_null(parsed), pc.fill_null(empty, True)).to_numpy(zero_copy_only=False),
        dtype=bool,
    )
    blank = np.asarray(pc.fill_null(empty, True).to_numpy(zero_copy_only=False), dtype=bool)
    cells = text.to_pylist()
    for row in np.flatnonzero(missing & ~blank):  # ISO 8601 and errors: one by one
        try:
            instant = parse_local_instant(cells[row], tz)
        except ValueError as error:
            bad.setdefault(int(row), f"{name}: {error}")
            continue
        values[row] = dt.datetime.__sub__(instant, _EPOCH) // _US
        missing[row] = False
    return values, missing


def read_table_csv(
    source: str | Path | IO[bytes] | IO[str],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
    *,
    errors: str = "raise",
    as_of: dt.datetime | None = None,
) -> TableRead:
    """A dossier table from the portal's CSV export (see :func:`tthc.read_portal_csv`).

    The same reading as :func:`tthc.read_portal_csv`, done on columns: the
    procedure (MaTTHC) gives the groups and the limit, the due is computed by
    :func:`~tthc.columnar.due` from the receipt (NgayTiepNhan), and the status
    (TrangThaiHoSo) says which column the end of the work (NgayKetThucXuLy)
    goes to.

    Args:
        source: a path or an open file.
        catalog: the procedures (the bundled catalog by default).
        schedule: the schedule (the national one by default).
        errors: ``"raise"`` or ``"collect"``, as for :func:`read_table_jsonl`.
        as_of: the instant the report will stand at, as for
            :func:`~tthc.columnar.dossier_table`. It matters only for rows in
            status 5 or 6 (a supplement or payment request still open): like
            :func:`tthc.read_portal_csv`, the request is placed at the receipt
            (the CSV does not say when it was made) and its pause runs until
            ``as_of``; those few rows go through the scalar engine.

    Example:
        >>> import io
        >>> text = ("MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,"
        ...         "TrangThaiHoSo\\n"
        ...         "H12-261207-0001,1.004873,2,20261207100000,20261210170000,20261209160000,,9\\n"
        ...         "H12-261207-0002,9.999999,2,20261207100000,,,,2\\n")
        >>> read = read_table_csv(io.StringIO(text), errors="collect")
        >>> read.table.column("due_at")[0].as_py().isoformat(), read.bad_rows
        ('2026-12-10T17:00:00+07:00', ((3, "MaTTHC: no procedure with code '9.999999' in the catalog"),))
    """
    _check_errors(errors)
    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    tz = schedule.timezone
    data = _bytes(source)
    bad: dict[int, str] = {}  # row index -> message
    short: list[tuple[int, str]] = []

    def read(threads: bool) -> pa.Table:
        short.clear()

        def invalid(row: Any) -> str:
            text = f"{row.actual_columns} cells, expected {row.expected_columns}"
            short.append((row.number if row.number is not None else 0, text))
            return "skip"

        try:
            return pcsv.read_csv(
                io.BytesIO(data),
                read_options=pcsv.ReadOptions(use_threads=threads),
                convert_options=pcsv.ConvertOptions(
                    column_types=dict.fromkeys(PORTAL_CSV_COLUMNS, pa.string()),
                    strings_can_be_null=False,
                ),
                parse_options=pcsv.ParseOptions(invalid_row_handler=invalid),
            )
        except pa.ArrowInvalid as error:
            raise InputFileError(f"line 1: {error}", line=1, value=str(error)) from error

    raw = read(True)
    if short:  # Arrow numbers the lines of bad rows only when reading on one thread
        raw = read(False)
    missing = [c for c in PORTAL_CSV_COLUMNS if c not in raw.column_names]
    if missing:
        raise InputFileError(
            f"line 1: missing columns: {', '.join(missing)}", line=1, value=raw.column_names
        )
    n = raw.num_rows

    def codes(name: str, allowed: set[int]) -> Any:
        text = pc.utf8_trim_whitespace(raw.column(name)).to_pylist()
        out = np.zeros(n, dtype=np.int64)
        for row, cell in enumerate(text):
            if cell.isdigit() and int(cell) in allowed:
                out[row] = int(cell)
            else:
                bad.setdefault(row, f"{name}: expected a portal code, got {cell!r}")
        return out

    channel = codes("KenhThucHien", _CHANNELS)
    status = codes("TrangThaiHoSo", _STATUSES)
    received, no_receipt = _instants(raw.column("NgayTiepNhan"), tz, "NgayTiepNhan", bad)
    finished, not_finished = _instants(raw.column("NgayKetThucXuLy"), tz, "NgayKetThucXuLy", bad)
    returned, not_returned = _instants(raw.column("NgayTra"), tz, "NgayTra", bad)
    for row in np.flatnonzero(no_receipt):
        bad.setdefault(int(row), "NgayTiepNhan: required")

    codes_column = pc.utf8_trim_whitespace(raw.column("MaTTHC").combine_chunks())
    encoded = pc.dictionary_encode(codes_column)  # one chunk: one dictionary
    index = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    procedures: list[Any] = []
    for code in encoded.dictionary.to_pylist():
        try:
            procedures.append(catalog[code])
        except TthcError as error:
            procedures.append(f"MaTTHC: {error}")
    fields, offices, names = [], [], []
    for p in procedures:
        ok = not isinstance(p, str)
        fields.append(p.field if ok else "")
        offices.append(p.office if ok else "")
        names.append(f"{p.code} {p.name}" if ok else "")
    for position in range(n):
        known = procedures[index[position]]
        if isinstance(known, str):
            bad.setdefault(position, known)
    for row in np.flatnonzero((status == 8) | (status == 9) | (status == 10)):
        if not_finished[row]:
            bad.setdefault(
                int(row), f"NgayKetThucXuLy: required when TrangThaiHoSo is {status[row]}"
            )
    for row in np.flatnonzero(~not_finished & ~no_receipt & (finished < received)):
        if status[row] in (3, 7, 8, 9, 10):
            bad.setdefault(int(row), "NgayKetThucXuLy is earlier than NgayTiepNhan")
    for row in np.flatnonzero(
        (status == 10) & ~not_returned & ~not_finished & (returned < finished)
    ):
        bad.setdefault(int(row), "NgayTra is earlier than NgayKetThucXuLy")
    for row in np.flatnonzero((status == 10) & not_returned):
        bad.setdefault(int(row), "NgayTra: required when TrangThaiHoSo is 10")

    keep = np.ones(n, dtype=bool)
    keep[list(bad)] = False
    # Limits per (procedure, channel); rows not received get no due.
    intake = ~np.isin(status, [1, 3])
    limit_texts = np.empty(n, dtype=object)
    limits: dict[tuple[int, int], Any] = {}
    for row in np.flatnonzero(keep & intake):
        key = (int(index[row]), int(channel[row]))
        limit = limits.get(key)
        if limit is None:
            limit = limits[key] = procedures[key[0]].limit_for(Channel.from_portal_code(key[1]))
        limit_texts[row] = limit
    due_us = np.zeros(n, dtype=np.int64)
    ends_us = np.zeros(n, dtype=np.int64)
    with_due = keep & intake
    rows_due = np.flatnonzero(with_due)
    if rows_due.size:
        dues = due(
            received[rows_due].view("datetime64[us]"),
            list(limit_texts[rows_due]),
            schedule=schedule,
        )
        due_us[rows_due] = dues.due_at.view(np.int64)
        ends_us[rows_due] = dues.ends_at.view(np.int64)
    cut = None if as_of is None else pendulum.instance(check_aware(as_of, "as_of"))
    if cut is not None:  # open requests: the pause runs from the receipt to the cut
        for row in np.flatnonzero(keep & np.isin(status, [5, 6])):
            record = {
                "MaTTHC": procedures[index[row]].code,
                "KenhThucHien": int(channel[row]),
                "TrangThaiHoSo": int(status[row]),
                "NgayTiepNhan": _portal_text(int(received[row]), schedule),
            }
            dossier = from_portal_record(record, catalog, schedule)
            known = dossier.as_of(cut) if dossier.events[-1].at > cut else dossier
            if known is None or known.limit is None:
                continue
            later = known.due_at_instant(cut)
            if later is not None:
                due_us[row] = _micros(later)
                ends_us[row] = _micros(schedule.legal_end(later, known.limit))

    def column(values: Any, present: Any) -> pa.Array:
        return pa.array(values, pa.int64(), mask=~present).cast(TABLE_SCHEMA.field("due_at").type)

    ended = ~not_finished & keep
    columns: dict[str, Any] = {
        "code": pa.array(
            [c.strip() or None for c in raw.column("MaHoSo").to_pylist()], pa.string()
        ),
        "field": pa.array(np.asarray(fields, dtype=object)[index], pa.string()),
        "office": pa.array(np.asarray(offices, dtype=object)[index], pa.string()),
        "procedure": pa.array(np.asarray(names, dtype=object)[index], pa.string()),
        "channel": pa.array(channel, pa.int8()),
        "received_at": column(received, intake),
        "due_at": column(due_us, with_due),
        "ends_at": column(ends_us, with_due),
        "resolved_at": column(finished, ended & np.isin(status, [9, 10])),
        "returned_at": column(returned, (status == 10) & ~not_returned),
        "withdrawn_at": column(np.where(not_finished, received, finished), status == 7),
        "stopped_at": column(finished, ended & (status == 8)),
        "not_received_at": column(np.where(not_finished, received, finished), status == 3),
        "refused_at": column(finished, np.zeros(n, dtype=bool)),
    }
    metadata = None if cut is None else {b"tthc.as_of": cut.isoformat().encode()}
    table = pa.table(columns, schema=TABLE_SCHEMA.with_metadata(metadata)).filter(pa.array(keep))
    lines = _line_numbers(data, short) if bad else []
    found = sorted([(lines[row], message) for row, message in bad.items()] + short)
    return _finish(table, n + len(short), found, errors)


def _micros(instant: dt.datetime) -> int:
    return dt.datetime.__sub__(instant, _EPOCH) // _US


def _portal_text(utc_us: int, schedule: Schedule) -> str:
    instant = (_EPOCH + dt.timedelta(microseconds=utc_us)).astimezone(schedule._tz)
    return instant.strftime(PORTAL_DATE_FORMAT)


def _line_numbers(data: bytes, skipped: list[tuple[int, str]]) -> list[int]:
    """The file line of each data row read (the header is line 1; a cell may span lines)."""
    parsed = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    next(parsed, None)
    starts = []
    line = 1
    for _ in parsed:
        starts.append(line + 1)
        line = parsed.line_num
    skipped_lines = {number for number, _ in skipped}
    return [n for n in starts if n not in skipped_lines]
