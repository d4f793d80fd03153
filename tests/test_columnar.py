"""Tests of tthc.columnar: columnar due dates and reports equal to the scalar engine."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sys
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pendulum
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tthc
import tthc.columnar as col
from tthc import Schedule, WorkingDays
from tthc.strategies import dossiers, instants, schedules, time_limits

VN = "Asia/Ho_Chi_Minh"
SCHED = Schedule.vietnam()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=VN)


def scalar(schedule: Schedule, received: dt.datetime, limit: Any) -> Any:
    try:
        return schedule.deadline(received, limit)
    except tthc.OutOfRangeError:
        return None


@st.composite
def batches(draw: st.DrawFn) -> tuple[Schedule, list[pendulum.DateTime], list[tthc.TimeLimit]]:
    schedule = draw(schedules())
    if draw(st.booleans()):
        schedule = attrs.evolve(schedule, ends_at_close=True)
    limits = st.one_of(time_limits(), st.builds(tthc.Months, st.integers(1, 24)))
    rows = draw(st.lists(st.tuples(instants(schedule), limits), min_size=1, max_size=12))
    return schedule, [r for r, _ in rows], [limit for _, limit in rows]


@settings(max_examples=120)
@given(batches())
def test_due_equals_the_scalar_deadline_row_by_row(batch: Any) -> None:
    schedule, received, limits = batch
    expected = [scalar(schedule, r, limit) for r, limit in zip(received, limits, strict=True)]
    if any(e is None for e in expected):
        with pytest.raises(tthc.OutOfRangeError):
            col.due(received, limits, schedule=schedule)
        return
    out = col.due(received, limits, schedule=schedule)
    table = out.to_arrow()
    for row, deadline in enumerate(expected):
        assert table.column("due_at")[row].as_py() == deadline.due_at
        assert table.column("ends_at")[row].as_py() == deadline.ends_at
        assert out.due_date[row].item() == deadline.due_date
        assert bool(out.provisional[row]) is deadline.provisional


@given(st.lists(instants(), min_size=1, max_size=8), time_limits())
def test_one_limit_for_every_row_in_numpy_utc(
    received: list[pendulum.DateTime], limit: Any
) -> None:
    values = np.array([r.in_timezone("UTC").naive() for r in received], dtype="datetime64[us]")
    try:
        out = col.due(values, limit)
    except tthc.OutOfRangeError:
        assume(False)
    for row, r in enumerate(received):
        assert out.due_date[row].item() == SCHED.deadline(r, limit).due_date


def test_columns_from_arrow_pandas_polars_and_texts() -> None:
    received = [at(2026, 12, 7, 10), at(2026, 12, 4, 15, 30), None]
    arrow = pa.array(received, pa.timestamp("ms", tz=VN))
    texts = pa.array(["03 ngày làm việc", "Ngay trong ngày tiếp nhận", "03 ngày làm việc"])
    by_arrow = col.due(arrow, texts)
    by_pandas = col.due(pd.Series(received, dtype=f"datetime64[ns, {VN}]"), texts.to_pylist())
    by_polars = col.due(pl.from_arrow(arrow), pl.from_arrow(texts))
    by_chunks = col.due(pa.chunked_array([arrow]), pa.chunked_array([texts]))
    for out in (by_arrow, by_pandas, by_polars, by_chunks):
        assert out.due_date[:2].tolist() == [dt.date(2026, 12, 10), dt.date(2026, 12, 4)]
        assert np.isnat(out.due_at[2])
        assert not out.provisional[2]
        assert out.to_arrow().column("due_at").null_count == 1


def test_fixed_offset_instants_give_the_same_dues() -> None:
    plus7 = dt.timezone(dt.timedelta(hours=7))
    received = [dt.datetime(2026, 12, 4, 15, 30, tzinfo=plus7)]
    out = col.due(received, tthc.SameDay())
    assert out.due_date[0].item() == dt.date(2026, 12, 7)


def test_a_naive_arrow_column_is_refused() -> None:
    with pytest.raises(tthc.NaiveDatetimeError) as info:
        col.due(pa.array([dt.datetime(2026, 1, 5, 9)]), WorkingDays(1))
    assert info.value.value == "timestamp[us]"


def test_a_naive_datetime_in_a_list_is_refused() -> None:
    with pytest.raises(tthc.NaiveDatetimeError):
        col.due([dt.datetime(2026, 1, 5, 9)], WorkingDays(1))


def test_wrong_column_types_are_refused() -> None:
    with pytest.raises(tthc.InputTypeError) as info:
        col.due(np.array([1, 2]), WorkingDays(1))
    assert info.value.value == np.dtype("int64")
    with pytest.raises(tthc.InputTypeError):
        col.due(pa.array([1, 2]), WorkingDays(1))
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], [WorkingDays(1), WorkingDays(2)])
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], [3])
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], pa.array(["3 ngày làm việc", None]))
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 1, 5, 9)], WorkingDays(1), schedule="national")  # type: ignore[arg-type]


def test_out_of_range_names_the_row() -> None:
    with pytest.raises(tthc.OutOfRangeError, match="row 1: the receipt 1999"):
        col.due([at(2026, 1, 5, 9), at(1999, 1, 5, 9)], WorkingDays(1))
    with pytest.raises(tthc.OutOfRangeError, match="row 0"):
        col.due([at(2060, 12, 30, 9)], WorkingDays(5))
    with pytest.raises(tthc.OutOfRangeError, match="row 0"):
        col.due([at(2060, 12, 30, 9)], tthc.CalendarDays(5))
    with pytest.raises(tthc.OutOfRangeError, match="row 0"):
        col.due([at(2060, 12, 30, 9)], tthc.WorkingHours(80))


def test_a_zone_with_changing_offsets_is_converted_row_by_row() -> None:
    cal = tthc.WorkingCalendar.vietnam(start_year=2025, end_year=2027)
    paris = Schedule(cal, timezone="Europe/Paris")
    received = [
        pendulum.datetime(2026, 3, 27, 16, tz="Europe/Paris"),
        pendulum.datetime(2026, 7, 3, 16, tz="Europe/Paris"),
    ]
    for limit in (WorkingDays(1), tthc.WorkingHours(2)):
        out = col.due(received, limit, schedule=paris).to_arrow()
        for row, r in enumerate(received):
            assert out.column("due_at")[row].as_py() == paris.due_at(r, limit)


@pytest.mark.parametrize(
    ("received", "limit"),
    [
        (at(2026, 12, 4, 15), tthc.SameDay()),
        (at(2026, 12, 4, 15).add(microseconds=1), tthc.SameDay()),
        (at(2026, 12, 4, 17), tthc.SameDay(cutoff=None)),
        (at(2026, 12, 4, 16, 59), tthc.SameDay(cutoff=None)),
        (at(2026, 12, 4, 15), WorkingDays(2, cutoff=dt.time(15))),
        (at(2026, 12, 5, 9), WorkingDays(2, cutoff=dt.time(15))),
        (at(2026, 12, 4, 17), tthc.WorkingHours(1)),
        (at(2026, 12, 4, 11, 30), tthc.WorkingHours(Fraction(1, 2))),
        (at(2026, 2, 13, 9), WorkingDays(Fraction(3, 2))),
        (at(2026, 2, 13, 9), tthc.CalendarDays(3)),
        (at(2026, 1, 31, 9), tthc.Months(1)),
        (at(2026, 10, 31, 9), tthc.Months(4)),
        (at(2026, 3, 31, 16), tthc.Months(2)),
    ],
)
def test_edges_at_the_cutoff_and_the_close(received: pendulum.DateTime, limit: Any) -> None:
    out = col.due([received], limit).to_arrow()
    assert out.column("due_at")[0].as_py() == SCHED.due_at(received, limit)


# -- reports ------------------------------------------------------------------------------


@st.composite
def dossier_sets(draw: st.DrawFn) -> list[tthc.Dossier]:
    """Dossiers of one schedule: the national one or a province's, judged at 24:00 or at close."""
    schedule = draw(schedules())
    if draw(st.booleans()):
        schedule = attrs.evolve(schedule, ends_at_close=True)
    return draw(st.lists(dossiers(schedule=schedule), max_size=10))


@settings(max_examples=60)
@given(
    dossier_sets(),
    st.sampled_from(["field", "office", "procedure", None]),
    st.sampled_from(
        [
            (dt.date(2025, 6, 1), dt.date(2026, 12, 31)),
            (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
            (dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
        ]
    ),
    st.one_of(st.none(), instants(min_value=at(2025, 1, 1), max_value=at(2027, 12, 31))),
)
def test_report_equals_report_build(
    found: list[tthc.Dossier], by: str | None, period: tuple[dt.date, dt.date], as_of: Any
) -> None:
    start, end = period
    expected = tthc.Report.build(found, start=start, end=end, as_of=as_of, by=by)
    table = col.dossier_table(found, as_of=expected.as_of)
    assert col.report(table, start=start, end=end, as_of=as_of, by=by) == expected


def test_report_of_a_simulated_quarter_by_every_grouping() -> None:
    found = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), seed=3, per_day=4)
    q1 = {"start": dt.date(2026, 2, 1), "end": dt.date(2026, 3, 15)}
    for by in ("field", "office", "procedure", None):
        expected = tthc.Report.build(found, by=by, rows_read=7, **q1)  # type: ignore[arg-type]
        table = col.dossier_table(found, as_of=expected.as_of)
        assert col.report(table, by=by, rows_read=7, **q1) == expected  # type: ignore[arg-type]


def test_report_refuses_a_table_built_for_another_instant() -> None:
    table = col.dossier_table([], as_of=at(2026, 3, 1))
    with pytest.raises(tthc.ReportMismatchError, match="as_of=") as info:
        col.report(table, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
    assert info.value.value[0].startswith("2026-03-01")


def test_report_refuses_bad_arguments() -> None:
    table = col.dossier_table([])
    q1 = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)}
    with pytest.raises(tthc.InputTypeError):
        col.report(table, start=dt.date(2026, 3, 1), end=dt.date(2026, 1, 1))
    with pytest.raises(tthc.InputTypeError):
        col.report(table, by="desk", **q1)  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        col.report([], **q1)  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError, match="lacks columns"):
        col.report(table.drop_columns(["due_at"]), **q1)  # type: ignore[arg-type]
    naive = table.set_column(
        table.schema.get_field_index("ends_at"), "ends_at", pa.array([], pa.timestamp("us"))
    )
    with pytest.raises(tthc.InputTypeError, match="ends_at"):
        col.report(naive, **q1)  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        col.dossier_table(["dossier"])  # type: ignore[list-item]
    batch = table.to_batches()
    assert col.report(pa.Table.from_batches(batch, table.schema), **q1).dossiers == 0  # type: ignore[arg-type]


def test_report_edges_on_the_due_day_and_at_the_due_instant() -> None:
    civil = tthc.Catalog.bundled()["1.004873"]  # 3 working days

    def recv(when: pendulum.DateTime) -> tthc.Dossier:
        return tthc.Dossier.receive(civil, received_at=when, channel=2, schedule=SCHED)

    found = [
        recv(at(2026, 12, 7, 10)).resolve(at(2026, 12, 10, 17, 30)),  # due day, after the due
        recv(at(2026, 12, 7, 10)).resolve(at(2026, 12, 10, 17)),  # at the due: on time
        recv(at(2026, 12, 7, 9)),  # judged exactly at its due: within
        recv(at(2026, 12, 4, 9)),  # overdue
        recv(at(2026, 12, 7, 9)).request_supplement(at(2026, 12, 8, 9), "x"),  # paused
    ]
    q4 = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31)}
    counts = []
    for as_of in (at(2026, 12, 10, 17), at(2026, 12, 11, 9)):
        expected = tthc.Report.build(found, as_of=as_of, **q4)  # type: ignore[arg-type]
        table = col.dossier_table(found, as_of=as_of)
        got = col.report(table, as_of=as_of, **q4)  # type: ignore[arg-type]
        assert got == expected
        t = got.total
        counts.append((t.late, t.on_time, t.in_progress_within, t.in_progress_overdue))
    assert counts == [(0, 1, 3, 1), (0, 2, 1, 2)]  # on the legal end (24:00)
    # Without the legal end, a table is judged on its due (a close-of-office office).
    closing = [
        tthc.Dossier.replay(d.procedure, attrs.evolve(SCHED, ends_at_close=True), d.events)
        for d in found
    ]
    as_of = at(2026, 12, 11, 9)
    table = col.dossier_table(found, as_of=as_of).drop_columns(["ends_at"])
    expected = tthc.Report.build(closing, as_of=as_of, **q4)  # type: ignore[arg-type]
    assert col.report(table, as_of=as_of, **q4) == expected  # type: ignore[arg-type]


# -- readers ------------------------------------------------------------------------------

HEADER = (
    "MaHoSo,MaTTHC,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo\n"
)
PORTAL_ROWS = [
    "A1,1.004873,2,20261207100000,20261210170000,20261209160000,20261209170000,10",
    "A2,1.004873,1,20261207100000,20261210170000,20261211090000,,9",
    "A3,1.004873,3,20261207100000,20261210170000,,,4",
    "A4,1.004873,2,20261207100000,,,,2",
    "A5,1.004873,2,20261207100000,,,,1",
    "A6,1.004873,1,20261207100000,,20261207101000,,3",
    "A7,1.004873,1,20261207100000,,20261208090000,,7",
    "A8,1.004873,1,20261207100000,,20261208090000,,8",
    "A9,2.000815,1,2026-12-07T16:00:00+07:00,20261208170000,2026-12-08 10:00,,9",
    "B1,1.004873,2,20261001100000,,,,4",
    "B3,1.004873,2,20261201100000,,,,5",
    "B4,1.004873,1,20261203153000,,,,6",
    "B2,1.004873,2,20260901100000,,20260902100000,,9",
]


@pytest.mark.parametrize("as_of", [None, at(2026, 12, 8, 12)])
@pytest.mark.parametrize("by", ["field", "procedure", None])
def test_portal_csv_table_reports_like_read_portal_csv(as_of: Any, by: str | None) -> None:
    text = HEADER + "\n".join(PORTAL_ROWS) + "\n"
    loaded = tthc.read_portal_csv(io.StringIO(text))
    q4 = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31), "as_of": as_of, "by": by}
    expected = tthc.Report.build(loaded.dossiers, **q4)
    read = col.read_table_csv(io.StringIO(text), as_of=expected.as_of)
    assert read.rows_read == len(PORTAL_ROWS)
    assert read.bad_rows == ()
    assert col.report(read.table, **q4) == expected
    by_dossiers = col.dossier_table(loaded.dossiers, as_of=expected.as_of)
    assert by_dossiers.column("due_at") == read.table.column("due_at")
    assert by_dossiers.column("ends_at") == read.table.column("ends_at")
    # Without the instant, open requests keep the statutory due, like the dossiers as they stand.
    plain = col.read_table_csv(io.StringIO(text))
    assert col.dossier_table(loaded.dossiers).column("due_at") == plain.table.column("due_at")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A1,9.999999,2,20261207100000,,,,2", "9.999999"),
        ("A1,1.004873,5,20261207100000,,,,2", "KenhThucHien"),
        ("A1,1.004873,2,20261207100000,,,,42", "TrangThaiHoSo"),
        ("A1,1.004873,x,20261207100000,,,,2", "KenhThucHien"),
        ("A1,1.004873,2,20261307100000,,,,2", "NgayTiepNhan"),
        ("A1,1.004873,2,,,,,2", "NgayTiepNhan: required"),
        ("A1,1.004873,2,20261207100000,,,,9", "NgayKetThucXuLy: required"),
        ("A1,1.004873,2,20261207100000,,20261206100000,,9", "earlier"),
        ("A1,1.004873,2,20261207100000,,20261208100000,20261207100000,10", "earlier"),
        ("A1,1.004873,2,20261207100000,,20261208100000,,10", "NgayTra: required"),
        ("A1,1.004873,2,20261207100000,,20261208100000,bad,10", "NgayTra"),
        ("A1,1.004873,2,20261207100000,,,,2,extra", "cells"),
    ],
)
def test_portal_csv_table_bad_rows_by_line(row: str, message: str) -> None:
    good = "A0,1.004873,2,20261207100000,,,,2\n"
    text = HEADER + good + row + "\n" + good
    with pytest.raises(tthc.InputFileError) as info:
        col.read_table_csv(io.StringIO(text))
    assert info.value.line == 3
    assert message in str(info.value)
    read = col.read_table_csv(io.BytesIO(text.encode()), errors="collect")
    assert read.table.num_rows == 2
    assert read.rows_read == 3
    assert [line for line, _ in read.bad_rows] == [3]


def test_portal_csv_table_needs_its_columns(tmp_path: Any) -> None:
    path = tmp_path / "x.csv"
    path.write_text("MaHoSo,MaTTHC\nA,1.004873\n")
    with pytest.raises(tthc.InputFileError) as info:
        col.read_table_csv(path)
    assert info.value.line == 1
    with pytest.raises(tthc.InputTypeError):
        col.read_table_csv(path, errors="skip")


def test_jsonl_and_parquet_round_trip(tmp_path: Any) -> None:
    found = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), seed=2, per_day=3)
    table = col.dossier_table(found)
    lines = [
        json.dumps({k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in r.items()})
        for r in table.to_pylist()
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert col.read_table_jsonl(path).table.equals(table)
    pq.write_table(table, tmp_path / "t.parquet")
    back = col.read_table_parquet(tmp_path / "t.parquet")
    assert back.table.equals(table)
    assert back.rows_read == len(found)


def test_jsonl_bad_lines_are_named(tmp_path: Any) -> None:
    good = '{"field": "F", "office": "O", "procedure": "P", "channel": 1}'
    lines = [
        good,
        "{oops",
        good,
        '{"field": "F", "office": "O", "procedure": "P"}',
        '{"field": "F", "office": "O", "procedure": "P", "channel": 1, "due_at": "x"}',
        '{"field": "F", "office": "O", "procedure": "P", "channel": 1, "other": 1}',
    ]
    text = "\n".join(lines) + "\n"
    with pytest.raises(tthc.InputFileError) as info:
        col.read_table_jsonl(io.StringIO(text))
    assert info.value.line == 2
    read = col.read_table_jsonl(io.StringIO(text), errors="collect")
    assert [line for line, _ in read.bad_rows] == [2, 4, 5, 6]
    assert read.table.num_rows == 2
    assert read.rows_read == 6
    assert col.read_table_jsonl(io.StringIO("{oops\n"), errors="collect").table.num_rows == 0


def test_parquet_with_wrong_columns_is_refused(tmp_path: Any) -> None:
    pq.write_table(pa.table({"field": ["F"]}), tmp_path / "t.parquet")
    with pytest.raises(tthc.InputFileError):
        col.read_table_parquet(tmp_path / "t.parquet")


def test_report_takes_pandas_and_polars_frames_and_dictionary_limits() -> None:
    found = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), seed=4, per_day=3)
    jan = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 1, 31)}
    expected = tthc.Report.build(found, **jan)  # type: ignore[arg-type]
    table = col.dossier_table(found, as_of=expected.as_of)
    assert col.report(table.to_pandas(), **jan) == expected  # type: ignore[arg-type]
    assert col.report(pl.from_arrow(table), **jan) == expected  # type: ignore[arg-type]
    limits = pa.array(["03 ngày làm việc"] * 2).dictionary_encode()
    out = col.due([at(2026, 12, 7, 10)] * 2, limits)
    assert out.due_date.tolist() == [dt.date(2026, 12, 10)] * 2
    with pytest.raises(tthc.InputTypeError):
        col.due([at(2026, 12, 7, 10)], limits)


# -- engines: partial reports, Dask and Spark ---------------------------------------------


def test_partial_reports_as_arrow_merge_on_the_driver() -> None:
    found = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 28), seed=5, per_day=3)
    feb = {"start": dt.date(2026, 2, 1), "end": dt.date(2026, 2, 28)}
    table = col.dossier_table(
        found, as_of=at(2026, 2, 28, 23, 59).add(seconds=59, microseconds=999999)
    )
    batches = table.to_batches(max_chunksize=17)
    assert len(batches) > 3
    partial = list(col.partial_reports(batches, **feb))  # type: ignore[arg-type]
    expected = tthc.Report.build(found, **feb)  # type: ignore[arg-type]
    assert col.report_from_arrow(pa.Table.from_batches(partial), **feb) == expected  # type: ignore[arg-type]
    frames = [pa.Table.from_batches([b]).to_pandas() for b in partial]
    assert col.report_from_arrow(frames, **feb) == expected  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        col.report_from_arrow(["x"], **feb)  # type: ignore[arg-type]


def test_dask_recipe_on_a_local_cluster_of_two_workers(tmp_path: Any) -> None:
    import dask.dataframe as dd
    from dask.base import compute
    from dask.delayed import delayed
    from dask.distributed import Client, LocalCluster

    found = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), seed=6, per_day=4)
    q1 = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)}
    table = col.dossier_table(found, as_of=tthc.Report.build([], **q1).as_of)  # type: ignore[arg-type]
    size = -(-table.num_rows // 4)
    for part in range(4):
        pq.write_table(table.slice(part * size, size), tmp_path / f"part-{part}.parquet")
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        assert len(client.scheduler_info()["workers"]) == 2
        frame = dd.read_parquet(str(tmp_path))
        assert frame.npartitions >= 2
        partial = [delayed(col.report)(p, **q1) for p in frame.to_delayed()]
        merged = tthc.Report.merge(compute(*partial))  # type: ignore[no-untyped-call]
        # Due dates on the partitions, column by column.
        received = frame["received_at"].dropna()
        dues = received.map_partitions(
            lambda s: pd.Series(col.due(s, WorkingDays(3)).due_date, index=s.index),
            meta=("due_date", "datetime64[s]"),
        ).compute()
    assert merged == tthc.Report.build(found, **q1)  # type: ignore[arg-type]
    assert len(dues) == sum(d.received_at is not None for d in found)
    first = next(d.received_at for d in found if d.received_at is not None)
    assert dues.iloc[0].date() == SCHED.deadline(first, WorkingDays(3)).due_date


def _spark_missing() -> str:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (make spark-test installs it with Java and runs this)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (make spark-test installs one and runs this)"
    return ""


@pytest.mark.skipif(
    # CI and `make spark-test` install PySpark and Java: there a missing one fails the test.
    bool(_spark_missing()) and not (os.environ.get("TTHC_REQUIRE_SPARK") or os.environ.get("CI")),
    reason=_spark_missing() or "-",
)
@pytest.mark.filterwarnings("ignore:::pyspark")  # PySpark's own notes on pandas 3
def test_spark_recipe_map_in_arrow_then_merge(tmp_path: Any, monkeypatch: Any) -> None:
    from pyspark.sql import SparkSession

    found = tthc.simulate(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), seed=7, per_day=3)
    q1 = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)}
    expected = tthc.Report.build(found, **q1)  # type: ignore[arg-type]
    table = col.dossier_table(found, as_of=expected.as_of).replace_schema_metadata(None)
    pq.write_table(table, tmp_path / "dossiers.parquet")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # the workers import tthc too
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("tthc-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    try:
        frame = spark.read.parquet(str(tmp_path / "dossiers.parquet")).repartition(3)

        def partial(batches: Any) -> Any:
            yield from col.partial_reports(batches, **q1)  # type: ignore[arg-type]

        counts = frame.mapInArrow(partial, schema=col.REPORT_DDL).toPandas()
    finally:
        spark.stop()
    assert col.report_from_arrow(counts, **q1) == expected  # type: ignore[arg-type]


def test_event_log_table_replays_each_dossier() -> None:
    from tthc.serialize import unstructure

    found = tthc.simulate(start=dt.date(2026, 1, 5), end=dt.date(2026, 1, 30), seed=8, per_day=3)
    log = [
        {"dossier": i, "procedure": d.procedure.code, **unstructure(e)}
        for i, d in enumerate(found)
        for e in d.events
    ]
    as_of = at(2026, 1, 20, 12)
    expected = col.dossier_table(found, as_of=as_of)
    assert col.event_log_table(log, as_of=as_of).equals(expected)
    arrow = pa.Table.from_pandas(pd.DataFrame(log), preserve_index=False)
    assert col.event_log_table(arrow, as_of=as_of).equals(expected)
    assert col.event_log_table(pd.DataFrame(log), as_of=as_of).equals(expected)
    with pytest.raises(tthc.InputTypeError):
        col.event_log_table([{"procedure": "1.004873"}])
    with pytest.raises(tthc.UnknownProcedureError) as unknown:
        col.event_log_table([{**log[0], "procedure": "9.999999"}])
    assert "dossier 0" in unknown.value.__notes__[0]
    with pytest.raises(tthc.JsonFormatError) as bad:
        col.event_log_table([{**log[0], "kind": "teleported"}])
    assert "event 1" in bad.value.__notes__[0]
    with pytest.raises(tthc.InvalidActionError):
        col.event_log_table([{**log[0], "kind": "resolved"}])


def test_chunks_with_their_own_dictionaries() -> None:
    found = tthc.simulate(start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27), seed=9, per_day=3)
    feb = {"start": dt.date(2026, 2, 1), "end": dt.date(2026, 2, 28)}
    expected = tthc.Report.build(found, **feb)  # type: ignore[arg-type]
    table = col.dossier_table(found, as_of=expected.as_of)
    # Chunks in another order than the rows' groups: each chunk's own encoding differs.
    chunked = pa.concat_tables([table.slice(40), table.slice(0, 40)])
    assert chunked.column("field").num_chunks == 2
    assert col.report(chunked, **feb) == expected  # type: ignore[arg-type]
    texts = pa.chunked_array(
        [
            pa.array(["03 ngày làm việc", "01 ngày làm việc"]).dictionary_encode(),
            pa.array(["01 ngày làm việc"]).dictionary_encode(),
        ]
    )
    out = col.due([at(2026, 12, 7, 10)] * 3, texts)
    assert out.due_date.tolist() == [
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 8),
    ]
    csv_text = HEADER + "\n".join(PORTAL_ROWS * 3000) + "\n"
    read = col.read_table_csv(io.StringIO(csv_text))
    assert read.table.column("procedure").num_chunks >= 1
    small = col.read_table_csv(io.StringIO(HEADER + "\n".join(PORTAL_ROWS) + "\n"))
    q4 = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31)}
    single = col.report(small.table, **q4).total  # type: ignore[arg-type]
    triple = col.report(read.table, **q4).total  # type: ignore[arg-type]
    assert triple.received == 3000 * single.received
    assert triple.late == 3000 * single.late


def test_import_tthc_imports_no_optional_dependency() -> None:
    import subprocess

    code = (
        "import sys, tthc; print(sorted(m for m in ('numpy', 'pyarrow', 'dask', 'pyspark',"
        " 'polars', 'pandas', 'rich', 'tthc.columnar') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
