"""Load and fault tests of tthc.store on SQLite and PostgreSQL: nothing acknowledged is lost.

- several processes append to the same and to different dossiers at once:
  every append is either acknowledged or reported as a conflict, no event is
  lost or doubled, and the stored state equals a serial replay of the events;
- a writer killed in the middle of a transaction leaves no partial dossier;
- a database restart (PostgreSQL) or the death of every writer (SQLite, which
  has no server) in the middle of a run loses nothing that was acknowledged.

Each run is bounded (a count of appends, a few seconds at most); the figures are
printed (``-s``).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
import sqlalchemy as sa

import tthc
from tthc.store import DossierStore
from tthc.store.schema import dossiers, events

VN = "Asia/Ho_Chi_Minh"
HOT = ["HOT-1", "HOT-2"]  # every writer appends to these
ATTEMPTS = 60  # per writer in the load test (a count, not a time: fair on a busy machine)
FORK = multiprocessing.get_context("fork")


def _receive(code: str) -> tthc.Dossier:
    return tthc.Dossier.receive(
        tthc.Catalog.bundled()["1.004873"],
        received_at=pendulum.datetime(2026, 12, 7, 10, tz=VN),
        channel=tthc.Channel.ONLINE,
        schedule=tthc.Schedule.vietnam(),
        code=code,
    )


def _seed(url: str, writers: int) -> list[str]:
    own = [f"OWN-{w}" for w in range(writers)]
    with DossierStore.open(url) as store:
        store.add_many(_receive(code) for code in [*HOT, *own])
    return own


def _writer(
    url: str, wid: int, seconds: float, log: str, tolerate_outage: bool, attempts: int
) -> None:
    stop = log + ".stop"  # the test creates it to end the run early
    """Append hand-overs to the hot dossiers and to this writer's own one, logging each result.

    Stops after ``attempts`` appends or ``seconds``, whichever comes first.
    """
    store = DossierStore.open(url, create=False)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    rng = random.Random(wid)
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline and i < attempts and not os.path.exists(stop):
        i += 1
        code = rng.choice([*HOT, f"OWN-{wid}"])
        step = f"w{wid}-{i}"

        def hand_over(d: tthc.Dossier, step: str = step) -> tthc.Dossier:
            return d.hand_over(d.events[-1].at.add(minutes=1), "Tư pháp", step)

        try:
            new = store.append(code, hand_over)
        except tthc.ConcurrencyError:
            os.write(fd, f"conflict {code} {step}\n".encode())
            continue
        except sa.exc.DBAPIError:
            if not tolerate_outage:
                raise
            # The server went away: the outcome of this append is unknown, so it is not
            # acknowledged. Wait and go on, as a portal's request handler would.
            os.write(fd, f"outage {code} {step}\n".encode())
            time.sleep(0.05)
            continue
        # Acknowledged: the transaction committed before append returned.
        os.write(fd, f"ack {code} {len(new.events)} {step}\n".encode())
    os.close(fd)
    store.close()


def _start(
    url: str, n: int, log: Path, seconds: float, outage: bool, attempts: int = 10**9
) -> list[Any]:
    procs = [
        FORK.Process(target=_writer, args=(url, w, seconds, str(log), outage, attempts))
        for w in range(n)
    ]
    for p in procs:
        p.start()
    return procs


def _read_log(log: Path) -> tuple[list[tuple[str, int, str]], int]:
    acks: list[tuple[str, int, str]] = []
    conflicts = 0
    for line in log.read_text().splitlines():
        parts = line.split()
        if parts[0] == "ack":
            acks.append((parts[1], int(parts[2]), parts[3]))
        elif parts[0] == "conflict":
            conflicts += 1
    return acks, conflicts


def _stored_events(url: str) -> dict[str, list[tuple[int, tthc.Event]]]:
    engine = sa.create_engine(url)
    found: dict[str, list[tuple[int, tthc.Event]]] = {}
    with engine.connect() as conn:
        for row in conn.execute(sa.select(events).order_by(events.c.code, events.c.seq)):
            found.setdefault(row.code, []).append((row.seq, tthc.loads(row.data, tthc.Event)))
    engine.dispose()
    return found


def _check_consistent(url: str, acks: list[tuple[str, int, str]]) -> int:
    """Every acknowledged event is stored where it was acknowledged; state = serial replay."""
    stored = _stored_events(url)
    for code, seq_events in stored.items():
        assert [s for s, _ in seq_events] == list(range(1, len(seq_events) + 1)), code
    for code, version, step in acks:
        seq, event = stored[code][version - 1]
        assert (seq, event.step) == (version, step), "an acknowledged event was lost"
    assert len({(c, v) for c, v, _ in acks}) == len(acks), "two writers acknowledged one slot"
    with DossierStore.open(url, create=False) as store:
        with store.engine.connect() as conn:
            projection = conn.execute(sa.select(dossiers).order_by(dossiers.c.code)).all()
        for code, seq_events in stored.items():
            replayed = tthc.Dossier.replay(
                tthc.Catalog.bundled()["1.004873"],
                tthc.Schedule.vietnam(),
                [e for _, e in seq_events],
            )
            assert store.get(code) == replayed
            assert store.version(code) == len(seq_events)
        store.rebuild()  # recomputed from the events, the projection does not change
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(dossiers).order_by(dossiers.c.code)).all() == projection
    return sum(len(v) for v in stored.values())


def test_concurrent_writers_lose_nothing_and_report_every_conflict(
    db_url: str, tmp_path: Path
) -> None:
    writers = 4
    own = _seed(db_url, writers)
    log = tmp_path / "log"
    started = time.perf_counter()
    procs = _start(db_url, writers, log, 20, outage=False, attempts=ATTEMPTS)
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    elapsed = time.perf_counter() - started
    acks, conflicts = _read_log(log)
    total = _check_consistent(db_url, acks)
    # No kill and no outage: every stored event beyond the receipts is an acknowledged one.
    assert total == len(HOT) + len(own) + len(acks)
    per_code = Counter(code for code, _, _ in acks)
    assert all(per_code[c] > 0 for c in [*HOT, *own]), (per_code, conflicts)
    print(
        f"\n{db_url.split(':')[0]}: {writers} processes, {len(acks)} events acknowledged in "
        f"{elapsed:.2f} s ({len(acks) / elapsed:.0f} events/s), {conflicts} conflicts reported, "
        "0 lost"
    )


def _kill_mid_transaction(url: str, code: str, new: bool, ready: Any) -> None:
    store = DossierStore.open(url, create=False)
    with store._write() as conn:
        if new:
            d = _receive(code)
            store._insert(conn, [d.start_processing(d.events[-1].at.add(minutes=1))])
        else:
            current = store.get(code)
            at = current.events[-1].at
            longer = current.hand_over(at.add(minutes=1), "A").hand_over(at.add(minutes=2), "B")
            store._write_append(conn, code, len(current.events), longer)
        ready.send("written, not committed")
        time.sleep(60)  # killed here


@pytest.mark.parametrize("new", [False, True], ids=["append", "add"])
def test_a_writer_killed_mid_transaction_leaves_no_partial_dossier(db_url: str, new: bool) -> None:
    _seed(db_url, 0)
    code = "NEW-1" if new else "HOT-1"
    parent, child = FORK.Pipe()
    proc = FORK.Process(target=_kill_mid_transaction, args=(db_url, code, new, child))
    proc.start()
    deadline = time.monotonic() + 20
    while not parent.poll(0.05):
        assert proc.is_alive(), "the writer failed before the middle of its transaction"
        assert time.monotonic() < deadline, "the writer did not reach the middle of it"
    parent.recv()
    assert proc.pid is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert proc.exitcode == -signal.SIGKILL
    with DossierStore.open(db_url, create=False) as store:
        if new:
            assert code not in store
            assert code not in _stored_events(db_url)
        else:
            assert store.version(code) == 1
            assert len(_stored_events(db_url)[code]) == 1
        # The lock died with the writer: the next writer goes straight through.
        started = time.perf_counter()
        store.append("HOT-1", lambda d: d.start_processing(d.events[-1].at.add(minutes=1)))
        assert time.perf_counter() - started < 5
        assert store.version("HOT-1") == 2


def _acked_after_outage(log: Path) -> bool:
    lines = log.read_text().splitlines() if log.exists() else []
    outages = [i for i, line in enumerate(lines) if line.startswith("outage")]
    return bool(outages) and any(line.startswith("ack") for line in lines[outages[0] :])


@pytest.fixture
def restartable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """A database URL and how to interrupt it mid-run, for each database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}", None
    else:
        server = request.getfixturevalue("pg_server")  # tests/store_fixtures.py: PgServer
        url: str = request.getfixturevalue("pg_url")
        yield url, server


@pytest.mark.parametrize("restartable", ["sqlite", "postgresql"], indirect=True)
def test_a_restart_mid_run_loses_nothing_acknowledged(
    restartable: tuple[str, Any], tmp_path: Path
) -> None:
    url, server = restartable
    _seed(url, 2)
    log = tmp_path / "log"
    if server is not None:
        # PostgreSQL: the server stops (fast mode: open transactions are aborted) and starts
        # again while two writers keep appending.
        procs = _start(url, 2, log, 30, outage=True)
        time.sleep(0.6)
        server.restart()
        # Let the writers reconnect and acknowledge again (bounded), then stop them.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _acked_after_outage(log):
            time.sleep(0.1)
        time.sleep(0.2)
        Path(f"{log}.stop").touch()
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        lines = log.read_text().splitlines()
        first_outage = next(i for i, line in enumerate(lines) if line.startswith("outage"))
        assert any(line.startswith("ack") for line in lines[:first_outage]), "acks before"
        assert _acked_after_outage(log), "and acks after the restart"
    else:
        # SQLite has no server: every writer process is killed at once, then new ones run.
        procs = _start(url, 2, log, 30, outage=False)
        time.sleep(0.8)
        for p in procs:
            assert p.pid is not None
            os.kill(p.pid, signal.SIGKILL)
            p.join(10)
        before = len(_read_log(log)[0])
        for p in _start(url, 2, log, 30, outage=False, attempts=20):
            p.join(30)
            assert p.exitcode == 0
        assert len(_read_log(log)[0]) > before
    acks, _ = _read_log(log)
    assert acks
    total = _check_consistent(url, acks)
    assert total >= 4 + len(acks)  # unacknowledged commits may exist; acknowledged all do
