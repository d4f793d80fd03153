"""Partial reports as Arrow tables: what a Spark or Dask worker sends to the driver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from tthc.columnar._report import _COUNTED, report
from tthc.errors import InputTypeError
from tthc.report import Report, ReportRow

__all__ = ["REPORT_DDL", "REPORT_SCHEMA", "partial_reports", "report_from_arrow", "report_to_arrow"]

REPORT_SCHEMA = pa.schema(
    [pa.field("group", pa.string(), nullable=False)]
    + [pa.field(name, pa.int64(), nullable=False) for name in _COUNTED]
    + [pa.field("dossiers", pa.int64(), nullable=False)]
)
"""One row per group of a partial report, plus the number of dossiers counted."""

REPORT_DDL = ", ".join(
    f"`{f.name}` {'string' if f.type == pa.string() else 'long'}" for f in REPORT_SCHEMA
)
""":data:`REPORT_SCHEMA` in Spark's DDL, for ``mapInArrow(..., schema=REPORT_DDL)``."""


def report_to_arrow(partial: Report) -> pa.Table:
    """A report's rows as an Arrow table of :data:`REPORT_SCHEMA` (small: one row per group).

    The number of dossiers goes on the first row (0 on the others).

    Example:
        >>> r = Report.build([], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
        >>> report_to_arrow(r).num_rows
        0
    """
    columns: dict[str, list[Any]] = {name: [] for name in REPORT_SCHEMA.names}
    for index, row in enumerate(partial.rows):
        columns["group"].append(row.group)
        for name in _COUNTED:
            columns[name].append(getattr(row, name))
        columns["dossiers"].append(partial.dossiers if index == 0 else 0)
    return pa.table(columns, schema=REPORT_SCHEMA)


def partial_reports(
    batches: Iterable[Any],
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime | None = None,
    by: str | None = "field",
) -> Iterator[pa.RecordBatch]:
    """Partial reports of dossier-table batches: the function Spark's ``mapInArrow`` maps.

    Example:
        >>> import tthc.columnar as col
        >>> q1 = dict(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
        >>> list(partial_reports(col.TABLE_SCHEMA.empty_table().to_batches(), **q1))
        []
    """
    for batch in batches:
        table = report_to_arrow(report(batch, start=start, end=end, as_of=as_of, by=by))
        yield from table.to_batches()


def report_from_arrow(
    tables: Any,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime | None = None,
    by: str | None = "field",
    rows_read: int | None = None,
) -> Report:
    """The report of the whole set from partial reports in :data:`REPORT_SCHEMA` (on the driver).

    Args:
        tables: an Arrow table (or a pandas data frame, or a list of either) of
            partial reports, in any order, several rows per group allowed.
        start, end, as_of, by, rows_read: as for :meth:`tthc.Report.build`.

    Example:
        >>> import tthc.columnar as col
        >>> q1 = dict(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
        >>> r = col.report(col.TABLE_SCHEMA.empty_table(), **q1)
        >>> report_from_arrow([report_to_arrow(r)] * 2, **q1) == r
        True
    """
    empty = Report.build([], start=start, end=end, as_of=as_of, by=by)
    items = tables if isinstance(tables, list | tuple) else [tables]
    parts = []
    for item in items:
        if type(item).__name__ == "DataFrame" and hasattr(item, "iloc"):
            item = pa.Table.from_pandas(item, preserve_index=False)
        if not isinstance(item, pa.Table):
            raise InputTypeError(f"expected an Arrow table, got {type(item).__name__}", value=item)
        parts.append(item.select(REPORT_SCHEMA.names).cast(REPORT_SCHEMA))
    merged = pa.concat_tables([REPORT_SCHEMA.empty_table(), *parts])
    groups: dict[str, ReportRow] = {}
    for record in merged.to_pylist():
        row = ReportRow(record["group"], **{name: record[name] for name in _COUNTED})
        known = groups.get(row.group)
        groups[row.group] = row if known is None else known + row
    rows = tuple(groups[g] for g in sorted(groups))
    grand = ReportRow("Tổng cộng")
    for row in rows:
        grand = ReportRow("Tổng cộng", **{n: getattr(grand, n) + getattr(row, n) for n in _COUNTED})
    dossiers = sum(merged.column("dossiers").to_pylist())
    return Report(
        start=empty.start,
        end=empty.end,
        as_of=empty.as_of,
        by=by,
        rows=rows,
        total=grand,
        dossiers=dossiers,
        rows_read=rows_read,
        as_of_basis=empty.as_of_basis,
    )
