"""The dossier store's speed: get, append, import and report, against peers in the same run.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_store.py --dossiers 20000``;
``--pg postgresql+psycopg://user@host/db`` adds the same figures on PostgreSQL).
``--report-rows 1000000`` instead measures ``store.report`` for a year over a
million stored dossiers (see :func:`_report_rows`).

Peers, measured on the same machine in the same run:

- **JSON column**: what a portal writes by hand without the store, one row per
  dossier holding ``tthc.dumps(dossier)``: ``get`` is a SELECT plus
  ``tthc.loads``; ``append`` reads, loads, acts, dumps and UPDATEs in one
  transaction (same SQLite settings: WAL, synchronous=FULL).
- **raw sqlite3 INSERT**: one committed single-row insert, the floor of any
  durable write on this disk.

Target: ``get`` and ``append`` well under 1 ms on SQLite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pyarrow as pa
import sqlalchemy as sa

import tthc
from tthc.store import DossierStore
from tthc.store.schema import dossiers, events

VN = "Asia/Ho_Chi_Minh"


def _timed(fn: Callable[[int], object], n: int) -> float:
    """Median of 5 rounds of ``n`` calls, in milliseconds per call."""
    rounds = []
    for r in range(5):
        start = time.perf_counter()
        for i in range(n):
            fn(r * n + i)
        rounds.append((time.perf_counter() - start) / n * 1000)
    return statistics.median(rounds)


def _fleet(count: int) -> list[tthc.Dossier]:
    """``count`` realistic dossiers with distinct codes (simulated months, repeated)."""
    base = tthc.simulate(start=dt.date(2026, 1, 5), end=dt.date(2026, 10, 30), seed=3)
    out: list[tthc.Dossier] = []
    copy = 0
    while len(out) < count:
        for d in base:
            first = attrs.evolve(d.events[0], code=f"{d.code}-{copy}")
            out.append(tthc.Dossier.replay(d.procedure, d.schedule, (first, *d.events[1:])))
            if len(out) == count:
                break
        copy += 1
    return out


def _fresh(code: str) -> tthc.Dossier:
    return tthc.Dossier.receive(
        tthc.Catalog.bundled()["1.004873"],
        received_at=pendulum.datetime(2026, 12, 7, 10, tz=VN),
        channel=2,
        schedule=tthc.Schedule.vietnam(),
        code=code,
    )


def _bench_store(
    url: str, fleet: list[tthc.Dossier], calls: int, *, durable: bool = False
) -> dict[str, float]:
    store = DossierStore.open(url, durable=durable)
    t0 = time.perf_counter()
    store.add_many(fleet)
    imported = time.perf_counter() - t0
    codes = [str(d.code) for d in fleet]
    get = _timed(lambda i: store.get(codes[i % len(codes)]), calls)
    store.add_many(_fresh(f"APP-{i}") for i in range(5 * calls))
    at = pendulum.datetime(2026, 12, 7, 11, tz=VN)
    event = tthc.Event(tthc.EventKind.PROCESSING_STARTED, at)
    append = _timed(lambda i: store.append(f"APP-{i}", event, expected_version=1), calls)
    t0 = time.perf_counter()
    report = store.report(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    reported = time.perf_counter() - t0
    t0 = time.perf_counter()
    overdue = store.overdue(pendulum.datetime(2026, 9, 30, 17, tz=VN))
    t_overdue = time.perf_counter() - t0
    store.close()
    return {
        "get": get,
        "append": append,
        "import_per_s": len(fleet) / imported,
        "report_s": reported,
        "report_dossiers": report.dossiers,
        "overdue_s": t_overdue,
        "overdue": len(overdue),
    }


def _bench_json_column(
    path: Path, fleet: list[tthc.Dossier], calls: int, synchronous: str
) -> dict[str, float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE d (code TEXT PRIMARY KEY, version INT, json TEXT)")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO d VALUES (?, ?, ?)",
        [(d.code, len(d.events), tthc.dumps(d, indent=None)) for d in fleet],
    )
    conn.execute("COMMIT")
    codes = [str(d.code) for d in fleet]

    def one(cursor: sqlite3.Cursor) -> tuple[str]:
        row: tuple[str] = cursor.fetchone()
        return row

    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO d VALUES (?, 1, ?)",
        [(f"APP-{i}", tthc.dumps(_fresh(f"APP-{i}"), indent=None)) for i in range(5 * calls)],
    )
    conn.execute("COMMIT")
    at = pendulum.datetime(2026, 12, 7, 11, tz=VN)

    def append(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        text = one(conn.execute("SELECT json FROM d WHERE code = ?", (f"APP-{i}",)))[0]
        d = tthc.loads(text, tthc.Dossier).start_processing(at)
        conn.execute(
            "UPDATE d SET json = ?, version = ? WHERE code = ? AND version = 1",
            (tthc.dumps(d, indent=None), len(d.events), f"APP-{i}"),
        )
        conn.execute("COMMIT")

    def get_(i: int) -> tthc.Dossier:
        text = one(conn.execute("SELECT json FROM d WHERE code = ?", (codes[i % len(codes)],)))[0]
        return tthc.loads(text, tthc.Dossier)

    result = {"get": _timed(get_, max(calls // 5, 20)), "append": _timed(append, calls)}
    conn.close()
    return result


def _bench_raw_insert(path: Path, calls: int, synchronous: str) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE e (code TEXT, seq INT, data TEXT, PRIMARY KEY (code, seq))")

    def insert(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO e VALUES (?, 1, '{}')", (f"R-{i}",))
        conn.execute("COMMIT")

    ms = _timed(insert, calls)
    conn.close()
    return ms


def _scale(count: int, calls: int) -> None:
    """The default SQLite store holding ``count`` dossiers: how the reads grow with it."""
    folder = Path(tempfile.mkdtemp(prefix="tthc-bench-scale-"))
    fleet = _fleet(count)
    store = DossierStore.open(f"sqlite:///{folder / 'store.db'}")
    t0 = time.perf_counter()
    for start in range(0, count, 10_000):
        store.add_many(fleet[start : start + 10_000])
    imported = time.perf_counter() - t0
    codes = [str(d.code) for d in fleet]
    del fleet
    get = _timed(lambda i: store.get(codes[(i * 7919) % len(codes)]), calls)
    print(f"{count:,} stored dossiers in {(folder / 'store.db').stat().st_size / 1e6:.0f} MB")
    print(f"import: {count / imported:,.0f} dossiers/s; get: {get:.3f} ms")
    for first, last in ((dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
                        (dt.date(2026, 1, 1), dt.date(2026, 12, 31))):  # fmt: skip
        t0 = time.perf_counter()
        report = store.report(first, last)
        took = time.perf_counter() - t0
        print(
            f"report {first}..{last}: {took:.2f} s for {report.dossiers:,} dossiers "
            f"({report.dossiers / took:,.0f} dossiers/s)"
        )


def _bulk_load(store: DossierStore, base: list[tthc.Dossier], count: int) -> float:
    """Store ``count`` dossiers: copies of ``base`` under new codes; returns the seconds.

    The projection and event rows of ``base`` are computed once by the store
    (as ``add_many`` does) and inserted with SQLAlchemy Core, 50,000 dossiers
    per statement batch, in one transaction: the bulk path of a migration.
    """
    rows = [store._row(d) for d in base]
    logs = [store._event_rows(d, 0) for d in base]
    t0 = time.perf_counter()
    done = 0
    copy = 0
    with store._write() as conn:
        while done < count:
            take = min(len(base), count - done)
            head: list[dict[str, object]] = []
            tail: list[dict[str, object]] = []
            for row, log in zip(rows[:take], logs[:take], strict=True):
                code = f"{row['code']}-{copy}"
                head.append({**row, "code": code})
                was, now = f'"code":"{row["code"]}"', f'"code":"{code}"'
                tail.extend(
                    {**e, "code": code, "data": str(e["data"]).replace(was, now)} for e in log
                )
            conn.execute(sa.insert(dossiers), head)
            conn.execute(sa.insert(events), tail)
            done += take
            copy += 1
    return time.perf_counter() - t0


def _report_rows(count: int, sample: int) -> None:
    """``store.report`` for 2026 over ``count`` stored dossiers, beside its peers.

    - the replay path (every dossier of the period replayed, then
      ``Report.build``; what runs without the ``columnar`` extra) on ``sample``
      dossiers, in dossiers per second;
    - ``tthc.columnar.report`` on the same ``count`` rows as an in-memory Arrow
      table (built once from the dossiers, not timed): the floor of the store's path.
    """
    from tthc.columnar import dossier_table
    from tthc.columnar import report as columnar_report
    from tthc.store import dossier_store

    base = tthc.simulate(start=dt.date(2026, 1, 5), end=dt.date(2026, 12, 31), seed=3, per_day=80)
    base = base[:: max(1, len(base) // sample)][:sample]  # spread over the year
    year = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    folder = Path(tempfile.mkdtemp(prefix="tthc-bench-report-"))
    print(f"{len(base):,} simulated dossiers of 2026 (80 a working day), copied to {count:,}")

    small = DossierStore.open(f"sqlite:///{folder / 'small.db'}")
    t0 = time.perf_counter()
    small.add_many(base)
    add_many = len(base) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    fast_small = small.report(*year)
    columnar_small = time.perf_counter() - t0
    engine = dossier_store._columnar_engine
    dossier_store._columnar_engine = lambda: None
    try:
        t0 = time.perf_counter()
        slow_small = small.report(*year)
        replay_small = time.perf_counter() - t0
    finally:
        dossier_store._columnar_engine = engine
    assert fast_small == slow_small
    q4 = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    mid = pendulum.datetime(2026, 11, 16, 12, tz=VN)
    columnar_q4 = small.report(*q4, as_of=mid)
    dossier_store._columnar_engine = lambda: None
    try:
        assert columnar_q4 == small.report(*q4, as_of=mid)
    finally:
        dossier_store._columnar_engine = engine
    small.close()

    store = DossierStore.open(f"sqlite:///{folder / 'big.db'}")
    loaded = _bulk_load(store, base, count)
    size = (folder / "big.db").stat().st_size / 1e6
    from tthc.store import _columnar

    replayed: list[int] = []
    real_replay = _columnar._replay_dues

    def counting(*args: Any) -> None:
        replayed.append(len(args[2]))
        real_replay(*args)

    _columnar._replay_dues = counting  # type: ignore[assignment]
    t0 = time.perf_counter()
    big = store.report(*year)
    took = time.perf_counter() - t0
    replayed_year = sum(replayed)
    replayed.clear()
    # A quarter seen in its middle: dossiers open then with later events are replayed.
    t0 = time.perf_counter()
    quarter = store.report(*q4, as_of=mid)
    took_q4 = time.perf_counter() - t0
    _columnar._replay_dues = real_replay
    store.close()

    table = dossier_table(base)
    copies = -(-count // len(base))
    whole = pa.concat_tables([table] * copies).slice(0, count)
    t0 = time.perf_counter()
    memory = columnar_report(whole, start=year[0], end=year[1])
    in_memory = time.perf_counter() - t0
    same = big.rows == memory.rows and big.total == memory.total

    replay_rate = fast_small.dossiers / replay_small
    rate = big.dossiers / took
    print(f"add_many: {add_many:,.0f} dossiers/s ({count / add_many:,.0f} s for {count:,})")
    print(
        f"bulk load of {count:,} dossiers: {loaded:.1f} s ({count / loaded:,.0f}/s), {size:,.0f} MB"
    )
    print(f"{'report 2026':<44} {'seconds':>8} {'dossiers/s':>12}")
    print(
        f"{f'store, replay path ({fast_small.dossiers:,})':<44} {replay_small:>8.2f} {replay_rate:>12,.0f}"
    )
    print(
        f"{f'store, columnar ({fast_small.dossiers:,})':<44} {columnar_small:>8.2f} "
        f"{fast_small.dossiers / columnar_small:>12,.0f}"
    )
    print(f"{f'store, columnar ({big.dossiers:,})':<44} {took:>8.2f} {rate:>12,.0f}")
    print(
        f"{f'tthc.columnar.report, in memory ({whole.num_rows:,})':<44} {in_memory:>8.2f} "
        f"{whole.num_rows / in_memory:>12,.0f}"
    )
    print(
        f"{f'store, columnar, Q4 as of 2026-11-16 ({quarter.dossiers:,})':<44} {took_q4:>8.2f} "
        f"{quarter.dossiers / took_q4:>12,.0f}"
    )
    print(
        f"dossiers replayed because their due moves with as_of: year {replayed_year:,}, "
        f"Q4 as of 2026-11-16 {sum(replayed):,}"
    )
    print(
        f"store columnar / replay path: {rate / replay_rate:.0f}x faster "
        f"(replay of {big.dossiers:,} would take ~{big.dossiers / replay_rate:,.0f} s)"
    )
    print(f"store columnar / in-memory columnar: {took / in_memory:.1f}x the time")
    print(f"same counts as the in-memory report: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=20_000, help="stored dossiers")
    parser.add_argument("--calls", type=int, default=300, help="calls per timing round")
    parser.add_argument("--pg", help="also measure on this PostgreSQL URL (an empty database)")
    parser.add_argument(
        "--scale",
        type=int,
        help="instead: only the default store with this many dossiers (get, append, reports)",
    )
    parser.add_argument(
        "--report-rows",
        type=int,
        help="instead: store.report for a year over this many stored dossiers, against peers",
    )
    parser.add_argument(
        "--sample", type=int, default=20_000, help="with --report-rows: dossiers replayed"
    )
    args = parser.parse_args()
    if args.report_rows:
        _report_rows(args.report_rows, args.sample)
        return
    if args.scale:
        _scale(args.scale, args.calls)
        return

    fleet = _fleet(args.dossiers)
    events = sum(len(d.events) for d in fleet)
    folder = Path(tempfile.mkdtemp(prefix="tthc-bench-store-"))
    print(f"{len(fleet)} stored dossiers ({events} events), SQLite file in WAL mode")
    print(f"{'ms per call':<36} {'tthc.store':>11} {'JSON column':>12} {'ratio':>14}")
    store: dict[str, float] = {}
    for durable, sync in ((True, "FULL"), (False, "NORMAL")):
        store = _bench_store(
            f"sqlite:///{folder / f'store-{sync}.db'}", fleet, args.calls, durable=durable
        )
        peer = _bench_json_column(folder / f"json-{sync}.db", fleet, args.calls, sync)
        raw = _bench_raw_insert(folder / f"raw-{sync}.db", args.calls, sync)
        for name in ("get", "append"):
            label = f"{name} (synchronous={sync})"
            ratio = peer[name] / store[name]
            print(f"{label:<36} {store[name]:>11.3f} {peer[name]:>12.3f} {ratio:>7.1f}x faster")
        print(
            f"{f'raw 1-row INSERT + commit ({sync})':<36} {raw:>11.3f}"
            f"   append / raw insert = {store['append'] / raw:.1f}x"
        )
    # The rest: the default store (synchronous=NORMAL), measured last.
    print(f"import (add_many): {store['import_per_s']:,.0f} dossiers/s")
    print(
        f"report Q3 2026 over the store: {store['report_s']:.2f} s for "
        f"{store['report_dossiers']:,} dossiers of the period "
        f"({store['report_dossiers'] / store['report_s']:,.0f} dossiers/s)"
    )
    print(f"overdue(at): {store['overdue_s']:.3f} s, {store['overdue']} dossiers")
    if args.pg:
        pg = _bench_store(args.pg, fleet, args.calls)
        print(
            f"PostgreSQL: get {pg['get']:.3f} ms, append {pg['append']:.3f} ms, "
            f"import {pg['import_per_s']:,.0f} dossiers/s, report {pg['report_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
