"""Millions of dossiers: the columnar engine against the scalar one and numpy, polars, pandas.

Run: ``make bench`` (or ``nice .venv/bin/python benchmarks/bench_scale.py --rows 1000000``).

Prints each stage of issue #13's table again, side by side with the peers
measured in the same run, with mismatch counts against tthc's scalar engine:

1. due per receipt: ``Schedule.due_at`` vs ``tthc.columnar.due`` vs numpy
   ``busday_offset`` and polars ``add_business_days`` (neither knows make-up
   Saturdays or the receipt-day rules: their mismatches are printed);
2. reading dossiers: ``read_dossiers_jsonl`` vs the columnar readers (JSON
   Lines, portal CSV, Parquet);
3. the report: ``Report.build`` (cold, warm) vs ``tthc.columnar.report`` vs
   the same counts written in polars and in pandas;
4. ``tthc.loads`` of one dossier vs one JSON Lines line; pickled size;
5. Dask on a local cluster of two workers vs one process.

``--rows`` sets the columnar size (1,000,000 by default); the scalar stages
run on ``--scalar-rows`` dossiers (100,000 by default) and are given per row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

import tthc
import tthc.columnar as col
from tthc.files import PORTAL_CSV_COLUMNS

VN = "Asia/Ho_Chi_Minh"
LIMITS: list[tthc.TimeLimit] = [
    tthc.WorkingDays(3),
    tthc.WorkingDays(5),
    tthc.WorkingDays(15),
    tthc.WorkingDays(2, cutoff=dt.time(15)),
    tthc.SameDay(),
    tthc.WorkingHours(4),
    tthc.CalendarDays(15),
    tthc.WorkingDays(Fraction(1, 2)),
]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def best(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The best of ``repeat`` runs (the first pays for fresh memory pages)."""
    runs = [timed(fn) for _ in range(repeat)]
    return min(t for t, _ in runs), runs[-1][1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def line(stage: str, tthc_now: str, columnar: str, peers: str) -> None:
    print(f"| {stage} | {tthc_now} | {columnar} | {peers} |")


def bench_due(rows: int, scalar_rows: int) -> None:
    rng = np.random.default_rng(1)
    sched = tthc.Schedule.vietnam()
    first = np.datetime64("2025-01-01T00:00", "m") - np.timedelta64(7, "h")  # local midnight
    minutes = rng.integers(0, 910 * 24 * 60, rows)
    received = (first + minutes.astype("timedelta64[m]")).astype("datetime64[us]")
    kinds = rng.integers(0, len(LIMITS), rows)
    texts = [str(limit) for limit in LIMITS]
    assert [tthc.parse_time_limit(t) for t in texts] == LIMITS
    limits = pa.DictionaryArray.from_arrays(pa.array(kinds, pa.int32()), pa.array(texts))

    col.due(received[:10], limits[:10])  # tables built once per process
    t_col, out = best(lambda: col.due(received, limits))

    # Scalar: the same rows through Schedule.due_at (every row: the mismatch check).
    check = rows if rows <= 1_000_000 else scalar_rows
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    utc = dt.UTC
    instants = [sched.local(x.replace(tzinfo=utc)) for x in received[:check].tolist()]
    t_scalar, scalar = timed(
        lambda: [sched.due_at(x, LIMITS[k]) for x, k in zip(instants, kinds[:check], strict=True)]
    )
    scalar_us = np.asarray(
        [dt.datetime.__sub__(d, epoch) // dt.timedelta(microseconds=1) for d in scalar]
    )
    mismatches = int((scalar_us != out.due_at[:check].view(np.int64)).sum())

    # numpy busday_offset / polars add_business_days: whole working days without cut-off.
    cal = sched.calendar
    days_off = [
        np.datetime64(d)
        for d, special in cal.special_days.items()
        if not special.working and d.weekday() < 5
    ]
    plain = np.isin(kinds, [0, 1, 2])
    n_days = np.asarray([3, 5, 15])[np.minimum(kinds, 2)]
    local_day = (received + np.timedelta64(7, "h")).astype("datetime64[D]")
    holidays = np.busdaycalendar(weekmask="1111100", holidays=days_off)
    busday_offset = np.busday_offset
    t_np, np_due = best(
        lambda: busday_offset(local_day, n_days, roll="backward", busdaycal=holidays)
    )
    np_wrong = int((np_due[plain] != out.due_date[plain]).sum())
    series = pl.Series(local_day)
    t_pl, pl_due = best(
        lambda: series.dt.add_business_days(
            pl.Series(n_days), holidays=[d.item() for d in days_off], roll="backward"
        )
    )
    pl_wrong = int((pl_due.to_numpy()[plain] != out.due_date[plain]).sum())
    us = 1e6
    print(
        f"due per receipt, {rows:,} rows (scalar check on {check:,}): "
        f"columnar / numpy = {t_col / t_np:.2f}x (target <= 3x)"
    )
    line(
        "due date per receipt (mixed limits)",
        f"`Schedule.due_at` {t_scalar / check * us:.2f} µs",
        f"`columnar.due` {t_col / rows * us:.3f} µs, {mismatches} mismatches of {check:,}",
        f"numpy `busday_offset` {t_np / rows * us:.3f} µs ({np_wrong} of {int(plain.sum()):,} "
        f"working-day rows wrong); polars `add_business_days` {t_pl / rows * us:.3f} µs "
        f"({pl_wrong} wrong); pandas: no vectorised holiday offset with a per-row n",
    )


def simulated(n: int) -> list[tthc.Dossier]:
    start, end = dt.date(2025, 1, 1), dt.date(2026, 10, 31)
    working = tthc.WorkingCalendar.vietnam().count_working_days(start, end)
    return tthc.simulate(start=start, end=end, seed=1, per_day=n / working)


def tile(table: pa.Table, rows: int) -> pa.Table:
    times = -(-rows // table.num_rows)
    return pa.concat_tables([table] * times).slice(0, rows)


def polars_report(table: pa.Table, lo: int, cut: int) -> Any:
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    never = 2**62
    t = {
        name: pl.col(name).cast(pl.Int64).fill_null(never)
        for name in (
            "received_at",
            "ends_at",
            "resolved_at",
            "withdrawn_at",
            "stopped_at",
            "not_received_at",
            "refused_at",
        )
    }
    until = cut + 1
    intake = (t["not_received_at"] == never) & (t["refused_at"] == never)
    known = intake & (t["received_at"] < until)
    new = known & (t["received_at"] >= lo)
    ended = pl.min_horizontal(t["resolved_at"], t["withdrawn_at"], t["stopped_at"])
    before = t["received_at"] < lo
    live = known & ~(before & (ended < lo))
    done = live & (ended < until)
    resolved = done & (t["resolved_at"] == ended)
    day = 86_400_000_000
    offset = 7 * 3_600_000_000
    done_day = (t["resolved_at"] + offset) // day
    due_day = (t["ends_at"] + offset) // day  # judged on the legal end
    has_due = t["ends_at"] != never
    early = has_due & (done_day < due_day)
    on_time = has_due & (done_day == due_day) & (t["resolved_at"] <= t["ends_at"])
    open_ = live & ~(ended < until)
    overdue = has_due & (pl.lit(cut) > t["ends_at"])
    return (
        frame.group_by("field")
        .agg(
            received_new=new.sum(),
            resolved=resolved.sum(),
            early=(resolved & early).sum(),
            on_time=(resolved & on_time).sum(),
            late=(resolved & ~early & ~on_time).sum(),
            in_progress=open_.sum(),
            in_progress_overdue=(open_ & overdue).sum(),
        )
        .sort("field")
    )


def pandas_report(table: pa.Table, lo: int, cut: int) -> Any:
    frame = table.to_pandas()
    never = 2**62

    def instants(name: str) -> Any:
        column = frame[name]
        values = column.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
        return values.astype("int64").where(column.notna(), never)

    until = cut + 1
    received = instants("received_at")
    due = instants("ends_at")  # judged on the legal end
    resolved_at = instants("resolved_at")
    intake = (instants("not_received_at") == never) & (instants("refused_at") == never)
    known = intake & (received < until)
    ended = pd.concat([resolved_at, instants("withdrawn_at"), instants("stopped_at")], axis=1).min(
        axis=1
    )
    live = known & ~((received < lo) & (ended < lo))
    done = live & (ended < until)
    resolved = done & (resolved_at == ended)
    day, offset = 86_400_000_000, 7 * 3_600_000_000
    early = (due != never) & ((resolved_at + offset) // day < (due + offset) // day)
    on_time = (
        (due != never)
        & ((resolved_at + offset) // day == (due + offset) // day)
        & (resolved_at <= due)
    )
    open_ = live & ~(ended < until)
    counts = pd.DataFrame(
        {
            "field": frame["field"],
            "received_new": known & (received >= lo),
            "resolved": resolved,
            "early": resolved & early,
            "on_time": resolved & on_time,
            "late": resolved & ~early & ~on_time,
            "in_progress": open_,
            "in_progress_overdue": open_ & (due != never) & (cut > due),
        }
    )
    return counts.groupby("field").sum().sort_index()


def bench_reports(rows: int, scalar_rows: int, workers: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _bench_reports(Path(folder), rows, scalar_rows, workers)


def _bench_reports(tmp: Path, rows: int, scalar_rows: int, workers: bool) -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 10, 31)
    t_sim, found = timed(lambda: simulated(scalar_rows))
    n = len(found)
    with (tmp / "d.jsonl").open("w", encoding="utf-8") as out:
        tthc.write_dossiers_jsonl(found, out)
    grown = _reading_memory_mb(tmp / "d.jsonl")
    streamed_mb = _reading_memory_mb(tmp / "d.jsonl", stream=True)
    t_read, loaded = timed(lambda: tthc.read_dossiers_jsonl(tmp / "d.jsonl"))
    dossiers = list(loaded.dossiers)
    del loaded
    t_stream, streamed = timed(
        lambda: tthc.Report.build(tthc.iter_dossiers_jsonl(tmp / "d.jsonl"), start=start, end=end)
    )
    t_cold, expected = timed(lambda: tthc.Report.build(dossiers, start=start, end=end))
    t_warm, _ = timed(lambda: tthc.Report.build(dossiers, start=start, end=end))
    assert streamed == expected
    t_table, table = timed(lambda: col.dossier_table(dossiers, as_of=expected.as_of))
    assert col.report(table, start=start, end=end) == expected

    big = tile(table, rows)
    big = big.replace_schema_metadata(None)  # one instant for every copy of the rows
    pq.write_table(big, tmp / "t.parquet")
    records = big.to_pylist()
    with (tmp / "t.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            for key, value in record.items():
                if isinstance(value, dt.datetime):
                    record[key] = value.isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    del records
    csv_rows = _portal_csv(found, rows)
    (tmp / "t.csv").write_text(csv_rows, encoding="utf-8")
    del csv_rows

    def read_and_report(reader: Callable[[], col.TableRead]) -> tthc.Report:
        read = reader()
        return col.report(read.table, start=start, end=end, rows_read=read.rows_read)

    t_parquet, by_parquet = timed(
        lambda: read_and_report(lambda: col.read_table_parquet(tmp / "t.parquet"))
    )
    t_jsonl, by_jsonl = timed(
        lambda: read_and_report(lambda: col.read_table_jsonl(tmp / "t.jsonl"))
    )
    t_csv, by_csv = timed(lambda: read_and_report(lambda: col.read_table_csv(tmp / "t.csv")))
    t_report, by_table = best(lambda: col.report(big, start=start, end=end))
    assert by_parquet.total == by_jsonl.total == by_table.total
    lo = (
        dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    ) // dt.timedelta(microseconds=1)
    cut = by_table.as_of
    cut_us = dt.datetime.__sub__(cut, dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(
        microseconds=1
    )
    t_polars, by_polars = best(lambda: polars_report(big, lo, cut_us))
    t_pandas, by_pandas = best(lambda: pandas_report(big, lo, cut_us))
    polars_wrong = pandas_wrong = 0
    for row in by_table.rows:
        p = by_polars.filter(pl.col("field") == row.group).row(0, named=True)
        q = by_pandas.loc[row.group]
        for name in ("received_new", "resolved", "early", "on_time", "late", "in_progress"):
            polars_wrong += p[name] != getattr(row, name)
            pandas_wrong += int(q[name]) != getattr(row, name)

    per = 1e6 / n
    print()
    print(
        f"{n:,} simulated dossiers for the scalar stages ({t_sim:.1f} s to simulate); "
        f"columnar tables of {rows:,} rows"
    )
    line(
        "read JSON Lines (`read_dossiers_jsonl`)",
        f"{t_read * per:.0f} µs/dossier = {t_read / n * 1e6 / 1e6 * 1_000_000:.0f} s per "
        f"1,000,000; +{grown:.0f} MB resident for {n:,} = {grown / n * 1e6 / 1024:.2f} GB "
        f"per 1,000,000; streamed (`iter_dossiers_jsonl` + `Report.build`) "
        f"{t_stream * per:.0f} µs/dossier, +{streamed_mb:.0f} MB peak whatever the size",
        f"table JSONL read+report {t_jsonl:.2f} s, portal CSV {t_csv:.2f} s, "
        f"Parquet {t_parquet:.2f} s ({rows:,} rows; target < 10 s)",
        "—",
    )
    line(
        "`Report.build`",
        f"cold {t_cold:.2f} s, warm {t_warm:.2f} s for {n:,} "
        f"(= {t_cold / n * 1e6:.1f} / {t_warm / n * 1e6:.1f} s per 1,000,000)",
        f"`columnar.report` {t_report:.3f} s for {rows:,} rows "
        f"(building the table from dossiers: {t_table * per:.1f} µs/dossier); "
        "equal to `Report.build`",
        f"polars `group_by` {t_polars:.3f} s ({polars_wrong} counts differ); "
        f"pandas `groupby` {t_pandas:.3f} s ({pandas_wrong} differ)",
    )
    if by_csv.dossiers != rows:
        print(f"  (portal CSV: {by_csv.dossiers} rows)")
    if workers:
        bench_dask(big, start, end, t_report, dossiers, t_warm)


def _reading_memory_mb(path: Path, *, stream: bool = False) -> float:
    """Peak resident memory (VmHWM) that reading adds, in a fresh process."""
    read = (
        f"tthc.Report.build(tthc.iter_dossiers_jsonl({str(path)!r}), "
        "start=datetime.date(2026, 1, 1), end=datetime.date(2026, 10, 31))"
        if stream
        else f"tthc.read_dossiers_jsonl({str(path)!r})"
    )
    code = (
        "import datetime, tthc\n"
        "def status(key):\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith(key):\n"
        "            return int(line.split()[1]) / 1024\n"
        "tthc.Schedule.vietnam(); tthc.Catalog.bundled()\n"
        "before = status('VmRSS:')\n"
        f"kept = {read}\n"
        "print(status('VmHWM:') - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _portal_csv(found: list[tthc.Dossier], rows: int) -> str:
    records = [tthc.to_portal_record(d) for d in found]
    lines = [",".join(PORTAL_CSV_COLUMNS)]
    for i in range(rows):
        r = records[i % len(records)]
        lines.append(",".join(str(r.get(k) or "") for k in PORTAL_CSV_COLUMNS))
    return "\n".join(lines) + "\n"


def bench_loads(dossiers: list[tthc.Dossier]) -> None:
    texts = [tthc.dumps(d, indent=None) for d in dossiers]
    tthc.loads(texts[0], tthc.Dossier)
    t_loads, _ = timed(lambda: [tthc.loads(t, tthc.Dossier) for t in texts])
    out = io.StringIO()
    tthc.write_dossiers_jsonl(dossiers, out)
    t_line, _ = timed(lambda: tthc.read_dossiers_jsonl(io.StringIO(out.getvalue())))
    per_loads = t_loads / len(texts) * 1e3
    per_line = t_line / len(texts) * 1e3
    line(
        "`tthc.loads(s, tthc.Dossier)`",
        f"{per_loads:.3f} ms per dossier",
        f"{per_loads / per_line:.1f}x one JSON Lines line (target <= 2x)",
        f"JSON Lines reader {per_line:.3f} ms",
    )
    sizes = [len(pickle.dumps(d)) for d in dossiers[:200]]
    json_sizes = [len(t) for t in texts[:200]]
    line(
        "`pickle` of a dossier",
        f"{np.mean(sizes) / 1024:.1f} KB each",
        f"{np.mean(sizes) / np.mean(json_sizes):.2f}x its JSON "
        f"({np.mean(json_sizes) / 1024:.1f} KB)",
        "—",
    )


def bench_dask(
    big: pa.Table,
    start: dt.date,
    end: dt.date,
    t_one: float,
    dossiers: list[tthc.Dossier],
    t_scalar: float,
) -> None:
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - the dask extra is not installed
        print("Dask not installed: pip install 'tthc[dask]'")
        return
    parts = 4
    size = -(-big.num_rows // parts)
    pieces = [big.slice(i * size, size) for i in range(parts)]
    chunk = -(-len(dossiers) // parts)
    groups = [dossiers[i * chunk : (i + 1) * chunk] for i in range(parts)]
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        # hash=False: Dask's content hash of sliced Arrow tables collides, and
        # scatter would then ship one slice for several.
        futures = client.scatter(pieces, hash=False)
        client.gather(client.map(lambda t: t.num_rows, futures))

        def columnar() -> tthc.Report:
            reports = client.gather(
                client.map(lambda t: col.report(t, start=start, end=end), futures)
            )
            return tthc.Report.merge(reports)

        t_cluster, merged = timed(columnar)
        assert merged.total == col.report(big, start=start, end=end).total
        shipped = client.scatter(groups, hash=False)
        client.gather(client.map(len, shipped))

        def scalar() -> tthc.Report:
            reports = client.gather(
                client.map(lambda g: tthc.Report.build(g, start=start, end=end), shipped)
            )
            return tthc.Report.merge(reports)

        t_scalar_cluster, merged_scalar = timed(scalar)
        assert merged_scalar == tthc.Report.build(dossiers, start=start, end=end)
    del dask
    line(
        "Dask, 2 workers",
        f"`Report.build` per partition + merge: {t_scalar / t_scalar_cluster:.2f}x one process",
        f"`columnar.report` per partition + merge: {t_cluster:.3f} s vs {t_one:.3f} s "
        f"in one process ({t_one / t_cluster:.2f}x)",
        "—",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--scalar-rows", type=int, default=100_000)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask stage")
    args = parser.parse_args()
    print("| stage | tthc (scalar) | tthc.columnar | peers, same run |")
    print("|---|---|---|---|")
    bench_loads(simulated(2000))
    bench_due(args.rows, args.scalar_rows)
    bench_reports(args.rows, args.scalar_rows, not args.no_dask)
    print(f"\npeak resident memory of this run: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
