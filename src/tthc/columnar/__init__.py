"""Columnar engine: due dates and reports over columns of millions of dossiers.

Needs the ``columnar`` extra (``pip install 'tthc[columnar]'``: numpy and
pyarrow); ``import tthc`` never imports this package.

Example:
    >>> import numpy as np
    >>> import tthc.columnar
    >>> received = np.array(["2026-12-07T03:00", "2026-12-04T08:30"], dtype="datetime64[us]")
    >>> tthc.columnar.due(received, tthc.WorkingDays(3)).due_date.tolist()
    [datetime.date(2026, 12, 10), datetime.date(2026, 12, 9)]
"""

from __future__ import annotations

from tthc.columnar._due import DueColumns, due
from tthc.columnar._engines import (
    REPORT_DDL,
    REPORT_SCHEMA,
    partial_reports,
    report_from_arrow,
    report_to_arrow,
)
from tthc.columnar._io import TableRead, read_table_csv, read_table_jsonl, read_table_parquet
from tthc.columnar._report import TABLE_SCHEMA, dossier_table, event_log_table, report

__all__ = [
    "REPORT_DDL",
    "REPORT_SCHEMA",
    "TABLE_SCHEMA",
    "DueColumns",
    "TableRead",
    "dossier_table",
    "due",
    "event_log_table",
    "partial_reports",
    "read_table_csv",
    "read_table_jsonl",
    "read_table_parquet",
    "report",
    "report_from_arrow",
    "report_to_arrow",
]
