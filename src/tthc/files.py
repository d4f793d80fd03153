"""Reading and writing dossiers in files: tthc's JSON Lines and the portal's CSV export.

- **JSON Lines** (``.jsonl``), tthc's own format: one dossier per line,
  ``{"procedure": "1.004873", "events": [{"kind": "received", "at":
  "2026-12-07T10:00:00+07:00", "channel": "online"}, ...]}``; the procedure
  is looked up in a catalog and the events replayed.
- **CSV** with the National Public Service Portal's columns: ``MaHoSo,
  MaTTHC, KenhThucHien, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra,
  TrangThaiHoSo``. Dates are ``yyyyMMddHHmmss`` (or ISO 8601) in Vietnam
  local time unless they carry an offset.

A malformed line or row raises :class:`~tthc.errors.InputFileError` with its
line number; no row is skipped silently, and the result says how many rows
were read.

Example:
    >>> import io
    >>> text = ("MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,"
    ...         "TrangThaiHoSo\\n"
    ...         "H12-261207-0001,1.004873,2,20261207100000,20261210170000,20261209160000,,9\\n")
    >>> loaded = read_portal_csv(io.StringIO(text))
    >>> loaded.rows_read, loaded.dossiers[0].outcome
    (1, <Outcome.EARLY: 'early'>)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import pendulum

from tthc.catalog import Catalog
from tthc.dossier import Dossier, Event
from tthc.errors import InputFileError, TthcError
from tthc.portal import PORTAL_DATE_FORMAT, from_portal_record, parse_local_instant
from tthc.schedule import Schedule

__all__ = [
    "PORTAL_CSV_COLUMNS",
    "Loaded",
    "iter_dossiers_jsonl",
    "read_dossiers_jsonl",
    "read_portal_csv",
    "write_dossiers_jsonl",
]

PORTAL_CSV_COLUMNS = (
    "MaHoSo",
    "MaTTHC",
    "KenhThucHien",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "TrangThaiHoSo",
)


@attrs.frozen
class Loaded:
    """Dossiers read from a file, with how many rows were read.

    ``due_mismatches`` lists the CSV lines whose portal due (NgayHenTra)
    differs from the due tthc computes (the portal may know pauses or a
    reschedule that the CSV does not carry).

    Example:
        >>> Loaded((), 0).rows_read
        0
    """

    dossiers: tuple[Dossier, ...]
    rows_read: int
    due_mismatches: tuple[int, ...] = ()


def _open(source: str | Path | IO[str]) -> IO[str]:
    if isinstance(source, str | Path):
        return open(source, encoding="utf-8-sig", newline="")
    return source


def dossier_to_record(dossier: Dossier) -> dict[str, Any]:
    """A dossier as one JSON Lines record (procedure by code, events in full).

    Example:
        >>> from tthc.dossier import _example
        >>> dossier_to_record(_example())["procedure"]
        '1.004873'
    """
    from tthc.serialize import unstructure

    return {"procedure": dossier.procedure.code, "events": [unstructure(e) for e in dossier.events]}


def write_dossiers_jsonl(dossiers: Iterable[Dossier], target: str | Path | IO[str]) -> int:
    """Write dossiers as JSON Lines; returns the number of lines written.

    Example:
        >>> import io
        >>> from tthc.dossier import _example
        >>> out = io.StringIO()
        >>> write_dossiers_jsonl([_example()], out)
        1
    """
    stream = open(target, "w", encoding="utf-8") if isinstance(target, str | Path) else target  # noqa: SIM115
    try:
        count = 0
        for dossier in dossiers:
            stream.write(json.dumps(dossier_to_record(dossier), ensure_ascii=False) + "\n")
            count += 1
        return count
    finally:
        if stream is not target:
            stream.close()


def read_dossiers_jsonl(
    source: str | Path | IO[str],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
) -> Loaded:
    """Dossiers from tthc's JSON Lines format; blank lines are allowed, nothing else is skipped.

    Example:
        >>> import io
        >>> from tthc.dossier import _example
        >>> out = io.StringIO(); _ = write_dossiers_jsonl([_example()], out)
        >>> read_dossiers_jsonl(io.StringIO(out.getvalue())).dossiers[0] == _example()
        True
    """
    from tthc.serialize import structure

    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    stream = _open(source)
    dossiers: list[Dossier] = []
    rows = 0
    try:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            rows += 1
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or set(record) != {"procedure", "events"}:
                    raise ValueError('a line holds {"procedure": code, "events": [...]}')
                procedure = catalog[record["procedure"]]
                events = [structure(e, Event) for e in record["events"]]
                dossiers.append(Dossier.replay(procedure, schedule, events))
            except (TthcError, ValueError, TypeError) as error:
                raise InputFileError(f"line {number}: {error}", line=number, value=line) from error
    finally:
        if stream is not source:
            stream.close()
    return Loaded(tuple(dossiers), rows)


def _instant(text: str, column: str, tz: str) -> pendulum.DateTime | None:
    if not text.strip():
        return None
    try:
        return parse_local_instant(text, tz)  # the portal's dates are Vietnam local time
    except ValueError as error:
        raise ValueError(f"{column}: {error}") from None


def read_portal_csv(
    source: str | Path | IO[str],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
) -> Loaded:
    """Dossiers from a CSV export with the portal's columns (see the module's docstring).

    Rows are rebuilt through tthc's actions, so dues come from tthc's
    engine; rows whose NgayHenTra differs are listed in ``due_mismatches``.

    Example:
        >>> import io
        >>> read_portal_csv(io.StringIO("MaHoSo,MaTTHC\\n"))
        Traceback (most recent call last):
        ...
        tthc.errors.InputFileError: line 1: missing columns: KenhThucHien, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra, TrangThaiHoSo
    """
    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    stream = _open(source)
    try:
        text = stream.read()
    finally:
        if stream is not source:
            stream.close()
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in PORTAL_CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputFileError(
            f"line 1: missing columns: {', '.join(missing)}", line=1, value=reader.fieldnames
        )
    dossiers: list[Dossier] = []
    mismatches: list[int] = []
    rows = 0
    for row in reader:
        rows += 1
        number = reader.line_num
        try:
            dossier = _from_row(row, catalog, schedule)
        except (TthcError, ValueError, TypeError, KeyError) as error:
            raise InputFileError(f"line {number}: {error}", line=number, value=row) from error
        promised = _instant(row["NgayHenTra"], "NgayHenTra", schedule.timezone)
        if promised is not None and dossier.due_at is not None and promised != dossier.due_at:
            mismatches.append(number)
        dossiers.append(dossier)
    return Loaded(tuple(dossiers), rows, tuple(mismatches))


def _from_row(row: dict[str, str], catalog: Catalog, schedule: Schedule) -> Dossier:
    """A CSV row is a portal record without supplements: rebuild it the same way."""
    if None in row:
        raise ValueError("more cells than columns")
    record: dict[str, Any] = {
        "MaHoSo": row["MaHoSo"].strip() or None,
        "MaTTHC": row["MaTTHC"].strip(),
        "KenhThucHien": _code(row["KenhThucHien"], "KenhThucHien"),
        "TrangThaiHoSo": _code(row["TrangThaiHoSo"], "TrangThaiHoSo"),
    }
    for column in ("NgayTiepNhan", "NgayKetThucXuLy", "NgayTra"):
        instant = _instant(row[column], column, schedule.timezone)
        record[column] = (
            None
            if instant is None
            else instant.in_timezone(schedule.timezone).strftime(PORTAL_DATE_FORMAT)
        )
    return from_portal_record(record, catalog, schedule)


def _code(text: str, column: str) -> int:
    text = (text or "").strip()
    if not text.isdigit():
        raise ValueError(f"{column}: expected a number, got {text!r}")
    return int(text)


def iter_dossiers_jsonl(
    source: str | Path | IO[str],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
) -> Iterator[Dossier]:
    """Dossiers from tthc's JSON Lines format, one at a time (constant memory).

    The streaming twin of :func:`read_dossiers_jsonl`: the same reading and
    errors, for files too large to hold (a million dossiers take about 2 GB
    as objects). :meth:`tthc.Report.build` accepts the iterator as it is.

    Example:
        >>> import io
        >>> from tthc.dossier import _example
        >>> out = io.StringIO(); _ = write_dossiers_jsonl([_example()] * 3, out)
        >>> stream = iter_dossiers_jsonl(io.StringIO(out.getvalue()))
        >>> next(stream) == _example(), sum(1 for _ in stream)
        (True, 2)
    """
    from tthc.serialize import structure

    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    stream = _open(source)
    try:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or set(record) != {"procedure", "events"}:
                    raise ValueError('a line holds {"procedure": code, "events": [...]}')
                procedure = catalog[record["procedure"]]
                events = [structure(e, Event) for e in record["events"]]
                dossier = Dossier.replay(procedure, schedule, events)
            except (TthcError, ValueError, TypeError) as error:
                raise InputFileError(f"line {number}: {error}", line=number, value=line) from error
            yield dossier
    finally:
        if stream is not source:
            stream.close()
