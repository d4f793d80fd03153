"""Reading and writing dossiers in files: tthc's JSON Lines and the portal's CSV export.

- **JSON Lines** (``.jsonl``), tthc's own format: one dossier per line,
  ``{"procedure": "1.004873", "events": [{"kind": "received", "at":
  "2026-12-07T10:00:00+07:00", "channel": "online"}, ...]}``; the procedure
  is looked up in a catalog and the events replayed.
- **CSV** with the National Public Service Portal's columns: ``MaHoSo,
  MaTTHC, KenhThucHien, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra,
  TrangThaiHoSo``. Dates are ``yyyyMMddHHmmss`` (or ISO 8601) in Vietnam
  local time unless they carry an offset.

Files may be UTF-8 (with or without a byte-order mark), UTF-16 with a
byte-order mark (Excel's "Unicode text") or Windows-1258/1252; anything else
is refused with :class:`~tthc.errors.FileEncodingError` naming the file. The
CSV delimiter (``,``, ``;``, tab or ``|``) is found from the header, and
:func:`read_dossiers` tells JSON Lines from CSV by the content.

A malformed line or row, a duplicated dossier code, a status that
contradicts the row's dates, a date outside the calendar or events out of
order raise :class:`~tthc.errors.InputFileError` with the line number; with
``errors="collect"`` the reader keeps the good rows and lists every bad one
in ``Loaded.problems`` (a :class:`RowProblem` each). No row is skipped
without being listed, and the result says how many rows were read.

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

import codecs
import csv
import io
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import pendulum

from tthc.catalog import Catalog
from tthc.dossier import Dossier, Event
from tthc.errors import (
    FileEncodingError,
    InputFileError,
    InputTypeError,
    InvalidActionError,
    OutOfRangeError,
    TthcError,
)
from tthc.portal import PORTAL_DATE_FORMAT, from_portal_record, parse_instant
from tthc.schedule import Schedule

__all__ = [
    "PORTAL_CSV_COLUMNS",
    "Loaded",
    "RowProblem",
    "iter_dossiers_jsonl",
    "read_dossiers",
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
class RowProblem:
    """A row a reader could not take, with why: ``kind`` is one of :data:`PROBLEM_KINDS`.

    Example:
        >>> import io
        >>> text = ("MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,"
        ...         "TrangThaiHoSo\\n"
        ...         "A1,1.004873,2,20261207100000,,,,2\\n"
        ...         "A1,1.004873,2,20261207110000,,,,2\\n")
        >>> read_portal_csv(io.StringIO(text), errors="collect").problems
        (RowProblem(line=3, code='A1', kind='duplicate', message='line 3: dossier code A1 already on line 2'),)
    """

    line: int
    code: str | None
    kind: str
    message: str


PROBLEM_KINDS = ("malformed", "duplicate", "contradiction", "out_of_range", "out_of_order")
_ERRORS = ("raise", "collect")


@attrs.frozen
class Loaded:
    """Dossiers read from a file, with how many rows were read and the rows refused.

    ``due_mismatches`` lists the CSV lines whose portal due (NgayHenTra)
    differs from the due tthc computes (the portal may know pauses or a
    reschedule that the CSV does not carry). ``problems`` lists the rows
    that were not taken (only with ``errors="collect"``; otherwise the first
    one raises): ``rows_read == len(dossiers) + len(problems)``.
    ``local_codes`` lists the lines whose procedure is a province's local
    code (``1.004873.000.00.00.H12``) read as its national procedure.

    Example:
        >>> Loaded((), 0).rows_read
        0
    """

    dossiers: tuple[Dossier, ...]
    rows_read: int
    due_mismatches: tuple[int, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    local_codes: tuple[int, ...] = ()


def _check_errors(errors: str) -> None:
    if errors not in _ERRORS:
        raise InputTypeError(f"errors must be 'raise' or 'collect', got {errors!r}", value=errors)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Text of a file's bytes and the encoding read: a BOM first, then UTF-8, then Windows code pages.

    Without a byte-order mark, UTF-8 is tried strictly, then UTF-16 when
    every other byte is zero (a BOM-less Excel export of ASCII text), then
    Windows-1258 (Vietnamese) and Windows-1252. Text with a NUL character or
    that no encoding decodes is refused. The text is put in Unicode NFC form
    (Windows-1258 writes tone marks as combining characters).

    Raises:
        FileEncodingError: no encoding reads the bytes (``.path`` is ``name``).

    Example:
        >>> decode_bytes("Hộ tịch".encode("utf-16"))
        ('Hộ tịch', 'utf-16')
        >>> decode_bytes(b"H\\xf4\\xf2 ti\\xf2ch")  # Windows-1258: o-circumflex + dot below
        ('Hộ tịch', 'cp1258')
    """
    candidates = [enc for bom, enc in _BOMS if data.startswith(bom)][:1]
    if not candidates:
        candidates = ["utf-8"]
        if len(data) >= 2 and data[1::2].count(0) * 10 >= len(data) // 2 * 9:
            candidates.append("utf-16-le")
        elif len(data) >= 2 and data[0::2].count(0) * 10 >= len(data) // 2 * 9:
            candidates.append("utf-16-be")
        candidates += ["cp1258", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        return unicodedata.normalize("NFC", text), encoding
    raise FileEncodingError(
        f"{name}: cannot decode the file: not UTF-8, UTF-16 with a byte-order mark, "
        "Windows-1258 or Windows-1252 text",
        path=name,
        value=data[:64],
    )


def _read_source(source: str | Path | IO[str] | IO[bytes]) -> str:
    if isinstance(source, str | Path):
        with open(source, "rb") as stream:
            data = stream.read()
        return decode_bytes(data, str(source))[0]
    content = source.read()
    if isinstance(content, bytes):
        return decode_bytes(content, getattr(source, "name", "<stream>"))[0]
    if not isinstance(content, str):
        raise InputTypeError(f"expected a text or binary stream, got {source!r}", value=source)
    return content.removeprefix("\ufeff")


def _kind_of(error: BaseException) -> str:
    if isinstance(error, OutOfRangeError) or isinstance(error.__cause__, OutOfRangeError):
        return "out_of_range"
    if isinstance(error, InvalidActionError) or isinstance(error.__cause__, InvalidActionError):
        return "out_of_order"
    return "malformed"


class _Collector:
    """Rows taken and refused; raises on the first refusal unless collecting."""

    def __init__(self, errors: str) -> None:
        _check_errors(errors)
        self.collect = errors == "collect"
        self.dossiers: list[Dossier] = []
        self.problems: list[RowProblem] = []
        self.seen: dict[str, int] = {}

    def refuse(self, line: int, code: str | None, kind: str, message: str, value: Any) -> None:
        text = f"line {line}: {message}"
        if not self.collect:
            raise InputFileError(text, line=line, value=value)
        self.problems.append(RowProblem(line, code, kind, text))

    def take(self, line: int, dossier: Dossier, value: Any) -> bool:
        code = dossier.code
        if code is not None:
            first = self.seen.setdefault(code, line)
            if first != line:
                self.refuse(
                    line, code, "duplicate", f"dossier code {code} already on line {first}", value
                )
                return False
        self.dossiers.append(dossier)
        return True


def dossier_to_record(dossier: Dossier) -> dict[str, Any]:
    """A dossier as one JSON Lines record (procedure by code, events in full).

    Example:
        >>> from tthc.dossier import _example
        >>> dossier_to_record(_example())["procedure"]
        '1.004873'
    """
    from tthc.serialize import unstructure

    return {"procedure": dossier.procedure.code, "events": [unstructure(e) for e in dossier.events]}


def write_dossiers_jsonl(
    dossiers: Iterable[Dossier],
    target: str | Path | IO[str],
    *,
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
) -> int:
    """Write dossiers as JSON Lines; returns the number of lines written.

    The file is written atomically: to a temporary file in the same folder,
    renamed over ``target`` only when every line is written, so a refused
    dossier never leaves a truncated file. A dossier that
    :func:`read_dossiers_jsonl` (with the same ``catalog`` and ``schedule``,
    by default the bundled ones) would not read back as it is is refused:
    a procedure not in the catalog (or different from it), another schedule,
    or text that is not valid Unicode.

    Raises:
        InputTypeError: not a dossier, or one the reader would not read back.

    Example:
        >>> import io
        >>> from tthc.dossier import _example
        >>> out = io.StringIO()
        >>> write_dossiers_jsonl([_example()], out)
        1
    """
    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    lines = (_jsonl_line(d, index, catalog, schedule) for index, d in enumerate(dossiers))
    if not isinstance(target, str | Path):
        count = 0
        for line in lines:
            target.write(line)
            count += 1
        return count
    return _write_atomically(Path(target), lines)


def _jsonl_line(dossier: Dossier, index: int, catalog: Catalog, schedule: Schedule) -> str:
    if not isinstance(dossier, Dossier):
        raise InputTypeError(
            f"dossier {index}: expected Dossier, got {type(dossier).__name__}", value=dossier
        )
    name = dossier.code or f"dossier {index}"
    procedure = dossier.procedure
    if catalog.get(procedure.code) != procedure:
        raise InputTypeError(
            f"{name}: procedure {procedure.code} is not the catalog's; "
            "pass the catalog it comes from (catalog=...)",
            value=dossier,
        )
    if dossier.schedule is not schedule and dossier.schedule != schedule:
        raise InputTypeError(
            f"{name}: its schedule is not the reader's; pass it (schedule=...)", value=dossier
        )
    line = json.dumps(dossier_to_record(dossier), ensure_ascii=False) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputTypeError(
            f"{name}: text that is not valid Unicode ({error.reason}) at {error.start}",
            value=dossier,
        ) from None
    return line


def _write_atomically(path: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` to a temporary file beside ``path``, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for line in lines:
                stream.write(line)
                count += 1
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return count


def _jsonl_dossier(line: str, catalog: Catalog, schedule: Schedule) -> tuple[Dossier, bool]:
    """One JSON Lines record as a dossier, and whether its procedure code was a local one."""
    from tthc.serialize import structure

    try:
        record = json.loads(line)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(record, dict) or set(record) != {"procedure", "events"}:
        raise ValueError('a line holds {"procedure": code, "events": [...]}')
    if not isinstance(record["events"], list):
        raise ValueError("events: expected a list")
    procedure, fallback = catalog.lookup(record["procedure"])
    events = [structure(e, Event) for e in record["events"]]
    dossier = Dossier.replay(procedure, schedule, events)
    _ = dossier.due_at  # a due outside the calendar is this line's problem
    return dossier, fallback


def read_dossiers_jsonl(
    source: str | Path | IO[str] | IO[bytes],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
    *,
    errors: str = "raise",
) -> Loaded:
    """Dossiers from tthc's JSON Lines format; blank lines are allowed, nothing else is skipped.

    Args:
        source: a path, or a text or binary stream.
        catalog, schedule: where procedures are looked up, and the office's schedule.
        errors: ``"raise"`` (default) raises :class:`~tthc.errors.InputFileError`
            at the first bad line; ``"collect"`` keeps the good ones and lists
            the bad ones in ``Loaded.problems``.

    Example:
        >>> import io
        >>> from tthc.dossier import _example
        >>> out = io.StringIO(); _ = write_dossiers_jsonl([_example()], out)
        >>> read_dossiers_jsonl(io.StringIO(out.getvalue())).dossiers[0] == _example()
        True
    """

    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    collector = _Collector(errors)
    rows = 0
    local: list[int] = []
    for number, line in enumerate(_read_source(source).splitlines(), start=1):
        if not line.strip():
            continue
        rows += 1
        try:
            dossier, fallback = _jsonl_dossier(line, catalog, schedule)
        except (TthcError, ValueError, TypeError) as error:
            collector.refuse(number, None, _kind_of(error), str(error), line)
            continue
        if collector.take(number, dossier, line) and fallback:
            local.append(number)
    return Loaded(
        tuple(collector.dossiers),
        rows,
        problems=tuple(collector.problems),
        local_codes=tuple(local),
    )


def read_dossiers(
    source: str | Path | IO[str] | IO[bytes],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
    *,
    format: str | None = None,
    errors: str = "raise",
) -> Loaded:
    """Dossiers from a JSON Lines or portal CSV file, the format found from the content.

    Args:
        source: a path, or a text or binary stream.
        catalog, schedule: as for :func:`read_dossiers_jsonl`.
        format: ``"jsonl"`` or ``"csv"`` to say it; by default, a file whose
            first non-blank character is ``{`` is JSON Lines, else CSV.
        errors: ``"raise"`` or ``"collect"`` (see :func:`read_dossiers_jsonl`).

    Example:
        >>> import io
        >>> read_dossiers(io.StringIO("MaHoSo;MaTTHC;KenhThucHien;NgayTiepNhan;NgayHenTra;"
        ...     "NgayKetThucXuLy;NgayTra;TrangThaiHoSo\\nA1;1.004873;2;20261207100000;;;;2\\n")).rows_read
        1
    """
    if format not in (None, "jsonl", "csv"):
        raise InputTypeError(f"format must be 'jsonl' or 'csv', got {format!r}", value=format)
    text = _read_source(source)
    if format is None:
        format = "jsonl" if text.lstrip().startswith("{") else "csv"
    reader: Callable[..., Loaded] = read_dossiers_jsonl if format == "jsonl" else read_portal_csv
    return reader(io.StringIO(text), catalog, schedule, errors=errors)


def _instant(text: str, column: str, tz: str) -> pendulum.DateTime | None:
    if not text.strip():
        return None
    try:
        return parse_instant(text, tz)  # the portal's dates are Vietnam local time
    except TthcError as error:
        raise ValueError(f"{column}: {error}") from None


def read_portal_csv(
    source: str | Path | IO[str] | IO[bytes],
    catalog: Catalog | None = None,
    schedule: Schedule | None = None,
    *,
    errors: str = "raise",
) -> Loaded:
    """Dossiers from a CSV export with the portal's columns (see the module's docstring).

    Rows are rebuilt through tthc's actions, so dues come from tthc's
    engine; rows whose NgayHenTra differs are listed in ``due_mismatches``.
    A status that contradicts the row's dates (an end of processing on a
    dossier still in progress, a return date before status 10) is a
    problem, never a silently dropped date. ``errors`` is as for
    :func:`read_dossiers_jsonl`.

    Example:
        >>> import io
        >>> read_portal_csv(io.StringIO("MaHoSo,MaTTHC\\n"))
        Traceback (most recent call last):
        ...
        tthc.errors.InputFileError: line 1: missing columns: KenhThucHien, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra, TrangThaiHoSo (header read with delimiter ','; the portal's columns are MaHoSo, MaTTHC, KenhThucHien, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra, TrangThaiHoSo)
    """
    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    collector = _Collector(errors)
    text = _read_source(source)
    header = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    delimiter = max(",;\t|", key=lambda d: (header.count(d), d == ","))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    mismatches: list[int] = []
    local: list[int] = []
    rows = 0
    try:
        fieldnames = [(name or "").strip() for name in (reader.fieldnames or [])]
        reader.fieldnames = fieldnames
        missing = [c for c in PORTAL_CSV_COLUMNS if c not in fieldnames]
        if missing:
            raise InputFileError(
                f"line 1: missing columns: {', '.join(missing)} (header read with delimiter "
                f"{delimiter!r}; the portal's columns are {', '.join(PORTAL_CSV_COLUMNS)})",
                line=1,
                value=reader.fieldnames,
            )
        number = reader.line_num
        for row in reader:
            rows += 1
            number = reader.line_num
            code = (row.get("MaHoSo") or "").strip() or None
            try:
                _check_contradictions(row)
                dossier = _from_row(row, catalog, schedule)
                _ = dossier.due_at  # a due outside the calendar is this row's problem
                promised = _instant(row["NgayHenTra"], "NgayHenTra", schedule.timezone)
            except _ContradictionError as error:
                collector.refuse(number, code, "contradiction", str(error), row)
                continue
            except (TthcError, ValueError, TypeError, KeyError, AttributeError) as error:
                collector.refuse(number, code, _kind_of(error), str(error), row)
                continue
            if not collector.take(number, dossier, row):
                continue
            if (row.get("MaTTHC") or "").strip() not in catalog:
                local.append(number)
            if promised is not None and dossier.due_at is not None and promised != dossier.due_at:
                mismatches.append(number)
    except csv.Error as error:
        line = reader.line_num or 1
        raise InputFileError(f"line {line}: {error}", line=line, value=None) from None
    return Loaded(
        tuple(collector.dossiers),
        rows,
        tuple(mismatches),
        tuple(collector.problems),
        tuple(local),
    )


class _ContradictionError(ValueError):
    pass


# Which statuses (TrangThaiHoSo) may carry an end of processing (NgayKetThucXuLy) or a return.
_ENDED = {"3", "7", "8", "9", "10"}
_RETURNED = {"10"}


def _check_contradictions(row: dict[str, Any]) -> None:
    status = (row.get("TrangThaiHoSo") or "").strip()
    if not status.isdigit():
        return  # reported as malformed by _from_row
    if (row.get("NgayKetThucXuLy") or "").strip() and status not in _ENDED:
        raise _ContradictionError(
            f"TrangThaiHoSo {status} is a dossier still in progress, "
            "but NgayKetThucXuLy says its processing ended"
        )
    if (row.get("NgayTra") or "").strip() and status not in _RETURNED:
        raise _ContradictionError(
            f"TrangThaiHoSo {status} is not 10 (returned), but NgayTra says the result was returned"
        )


def _from_row(row: dict[str, str], catalog: Catalog, schedule: Schedule) -> Dossier:
    """A CSV row is a portal record without supplements: rebuild it the same way."""
    if None in row:
        raise ValueError("more cells than columns")
    if any(value is None for value in row.values()):
        raise ValueError("fewer cells than columns")
    code = row["MaTTHC"].strip()
    if code not in catalog:  # a province's local code: read as its national procedure
        code = catalog.lookup(code)[0].code
    record: dict[str, Any] = {
        "MaHoSo": row["MaHoSo"].strip() or None,
        "MaTTHC": code,
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
    if not (text.isdigit() and text.isascii() and len(text) < 4):
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

    catalog = catalog if catalog is not None else Catalog.bundled()
    schedule = schedule if schedule is not None else Schedule.vietnam()
    # A path is read line by line as UTF-8 (a byte-order mark allowed): streaming cannot
    # sniff the whole file's encoding the way read_dossiers_jsonl does.
    stream = open(source, encoding="utf-8-sig") if isinstance(source, str | Path) else source  # noqa: SIM115
    try:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                dossier = _jsonl_dossier(line, catalog, schedule)[0]
            except (TthcError, ValueError, TypeError) as error:
                raise InputFileError(f"line {number}: {error}", line=number, value=line) from error
            yield dossier
    finally:
        if stream is not source:
            stream.close()
