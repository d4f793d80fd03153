"""Tests of tthc.store: the DossierStore API on SQLite and on a real PostgreSQL cluster."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator

import attrs
import pendulum
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tthc
from tthc.store import SCHEMA_VERSION, DossierStore, dossier_store
from tthc.store.dossier_store import _example
from tthc.store.schema import dossiers, events, schema
from tthc.strategies import dossiers as dossier_strategy

VN = "Asia/Ho_Chi_Minh"
CODE = "000.00.12.H12-261207-0001"


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=VN)


def counted(report: tthc.Report) -> tuple[object, ...]:
    """The rows that count something, and the totals.

    Report.build lists a group for every dossier it is given, even one outside
    the period; the store gives it only the period's dossiers.
    """
    rows = tuple(
        r
        for r in report.rows
        if r.received
        or r.resolved
        or r.in_progress
        or r.withdrawn
        or r.stopped
        or r.not_received
        or r.refused
    )
    return rows, report.total


def coded(d: tthc.Dossier, code: str) -> tthc.Dossier:
    """The same dossier with a code on its first event (the strategies draw none)."""
    first = attrs.evolve(d.events[0], code=code)
    return tthc.Dossier.replay(d.procedure, d.schedule, (first, *d.events[1:]), strict=d.strict)


@pytest.fixture
def store(db_url: str) -> Iterator[DossierStore]:
    with DossierStore.open(db_url) as s:
        yield s


@pytest.fixture
def memory() -> Iterator[DossierStore]:
    with DossierStore.open("sqlite://") as s:
        yield s


def test_import_tthc_does_not_import_the_store() -> None:
    code = (
        "import sys, tthc; "
        "print(sorted(m for m in ('sqlalchemy', 'psycopg', 'tthc.store') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- schema ---------------------------------------------------------------------------------


def test_open_creates_the_tables_and_records_the_schema_version(store: DossierStore) -> None:
    assert store.schema_version() == SCHEMA_VERSION
    names = set(sa.inspect(store.engine).get_table_names())
    assert {"tthc_events", "tthc_dossiers", "tthc_schema"} <= names
    # Opening again keeps the data and the single version row.
    store.add(_example())
    url = store.engine.url
    with DossierStore.open(url, create=False) as again:
        assert again.get(CODE) == _example()
        with again.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(schema)).scalar() == 1


def test_processes_opening_a_new_store_at_once_create_it_once(db_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Eight at once: on SQLite the first openers race to switch the file to WAL.
    with ThreadPoolExecutor(8) as pool:
        versions = list(pool.map(lambda _: DossierStore.open(db_url).schema_version(), range(8)))
    assert versions == [SCHEMA_VERSION] * 8
    with DossierStore.open(db_url) as store, store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema)).scalar() == 1


def test_open_without_create_on_an_empty_database_is_a_schema_error(tmp_path: object) -> None:
    with pytest.raises(tthc.StoreSchemaError, match="store init") as info:
        DossierStore.open(f"sqlite:///{tmp_path}/empty.db", create=False)
    assert isinstance(info.value, RuntimeError)
    assert info.value.value is None


def test_another_schema_version_is_refused(store: DossierStore) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(schema).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(tthc.StoreSchemaError, match="schema version is 3") as info:
        DossierStore.open(store.engine.url)
    assert info.value.value == SCHEMA_VERSION + 1


# -- add and get ----------------------------------------------------------------------------


def test_add_get_round_trip_and_projection(store: DossierStore) -> None:
    d = _example().request_supplement(at(2026, 12, 8, 9), "Thiếu bản sao")
    store.add(d)
    assert store.get(CODE) == d
    assert store.get(CODE).events == d.events
    assert store.version(CODE) == 2
    assert CODE in store
    assert "nope" not in store
    assert len(store) == 1
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(dossiers)).one()
    assert row.status == "supplement_requested"
    assert row.open_pause == "supplement"
    assert row.procedure_code == "1.004873"
    assert row.procedure_json is None  # the catalog's own procedure: stored by code
    assert row.schedule_json is None


def test_a_custom_procedure_schedule_and_strict_flag_survive(store: DossierStore) -> None:
    procedure = attrs.evolve(
        tthc.Catalog.bundled()["1.004873"], code="1.004873.H12", time_limit=tthc.WorkingDays(5)
    )
    schedule = tthc.Schedule(
        tthc.WorkingCalendar.vietnam(closures={dt.date(2026, 12, 8): "bão"}),
        tthc.OfficeHours.parse("07:00-11:00,13:30-17:00"),
    )
    d = tthc.Dossier.receive(
        procedure,
        received_at=at(2026, 12, 7, 10),
        channel=tthc.Channel.POSTAL,
        schedule=schedule,
        code="X-1",
        strict=True,
    )
    store.add(d)
    back = store.get("X-1")
    assert back == d
    assert back.procedure == procedure
    assert back.schedule == schedule
    assert back.strict
    assert back.due_at == d.due_at


def test_add_refuses_duplicates_dossiers_without_code_and_other_values(
    store: DossierStore,
) -> None:
    store.add(_example())
    with pytest.raises(tthc.DossierExistsError) as info:
        store.add(_example())
    assert isinstance(info.value, ValueError)
    assert info.value.value == CODE
    with pytest.raises(tthc.DossierExistsError, match="given twice"):
        store.add_many([coded(_example(), "A"), coded(_example(), "A")])
    assert "A" not in store  # all or none
    anonymous = tthc.Dossier.receive(
        _example().procedure,
        received_at=at(2026, 12, 7, 10),
        channel=1,
        schedule=_example().schedule,
    )
    with pytest.raises(tthc.InvalidActionError, match="without a code"):
        store.add(anonymous)
    with pytest.raises(tthc.InputTypeError):
        store.add("not a dossier")  # type: ignore[arg-type]
    assert len(store) == 1


def test_get_an_unknown_code(store: DossierStore) -> None:
    with pytest.raises(tthc.UnknownDossierError, match="no dossier 'nope'") as info:
        store.get("nope")
    assert isinstance(info.value, KeyError)
    assert info.value.value == "nope"
    with pytest.raises(tthc.UnknownDossierError):
        store.version("nope")
    with pytest.raises(tthc.UnknownDossierError):
        store.append("nope", lambda d: d)


# -- append and concurrency -----------------------------------------------------------------


def test_append_events_and_actions(store: DossierStore) -> None:
    store.add(_example())
    d = store.append(CODE, tthc.Event(tthc.EventKind.PROCESSING_STARTED, at(2026, 12, 7, 11)))
    assert d.status is tthc.Status.PROCESSING
    d = store.append(
        CODE,
        lambda d: d.request_payment(at(2026, 12, 8, 9)).pay(at(2026, 12, 8, 10)),
        expected_version=2,
    )
    assert store.version(CODE) == 4
    d = store.append(CODE, lambda d: d.resolve(at(2026, 12, 9, 16)), expected_version=4)
    assert store.get(CODE) == d
    assert d.outcome is tthc.Outcome.EARLY
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(dossiers)).one()
        seqs = conn.execute(sa.text("select seq from tthc_events order by seq")).scalars().all()
    assert (row.status, row.outcome, row.version, row.active) == ("resolved", "early", 5, False)
    assert seqs == [1, 2, 3, 4, 5]


def test_a_stale_expected_version_raises_concurrency_error(store: DossierStore) -> None:
    store.add(_example())
    clerk_a = store.get(CODE)
    clerk_b = store.get(CODE)
    store.append(CODE, lambda d: d.start_processing(at(2026, 12, 7, 11)), expected_version=1)
    with pytest.raises(tthc.ConcurrencyError) as info:
        store.append(CODE, lambda d: d.resolve(at(2026, 12, 7, 12)), expected_version=1)
    error = info.value
    assert isinstance(error, RuntimeError)
    assert (error.code, error.expected, error.actual, error.value) == (CODE, 1, 2, 1)
    assert CODE in str(error)
    assert "version 2, not 1" in str(error)
    assert clerk_a == clerk_b
    assert store.version(CODE) == 2


def test_a_writer_between_read_and_write_is_detected(store: DossierStore) -> None:
    store.add(_example())

    def sneaky(d: tthc.Dossier) -> tthc.Dossier:
        # Another clerk writes while this action runs (after our read).
        store.append(CODE, lambda x: x.start_processing(at(2026, 12, 7, 11)))
        return d.resolve(at(2026, 12, 7, 12))

    with pytest.raises(tthc.ConcurrencyError) as info:
        store.append(CODE, sneaky)
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert store.get(CODE).status is tthc.Status.PROCESSING


def test_an_event_the_status_refuses_writes_nothing(store: DossierStore) -> None:
    store.add(_example())
    with pytest.raises(tthc.InvalidActionError):
        store.append(CODE, tthc.Event(tthc.EventKind.RESULT_RETURNED, at(2026, 12, 8, 9)))
    with pytest.raises(tthc.InputTypeError, match="appended"):
        store.append(CODE, lambda d: _example())
    with pytest.raises(tthc.InputTypeError, match="an Event or an action"):
        store.append(CODE, 42)  # type: ignore[arg-type]
    assert store.version(CODE) == 1


# -- queries --------------------------------------------------------------------------------


def _fleet(store: DossierStore) -> list[tthc.Dossier]:
    p = tthc.Catalog.bundled()["1.004873"]
    sched = tthc.Schedule.vietnam()

    def receive(code: str, *when: int) -> tthc.Dossier:
        return tthc.Dossier.receive(p, received_at=at(*when), channel=2, schedule=sched, code=code)

    fleet = [
        receive("A-open", 2026, 12, 7, 10),  # due Thu 10/12 17:00
        receive("B-paused", 2026, 12, 7, 10).request_supplement(at(2026, 12, 8, 9), "x"),
        receive("C-done", 2026, 12, 7, 10).resolve(at(2026, 12, 9, 9)),
        receive("D-old", 2026, 9, 1, 10).resolve(at(2026, 9, 3, 9)),
        receive("E-carried", 2026, 9, 29, 10),  # received in Q3, still open
        tthc.Dossier.submit(
            p, submitted_at=at(2026, 11, 2, 9), channel=1, schedule=sched, code="F"
        ).not_receive(at(2026, 11, 2, 10), "Thiếu"),
        receive("G-late", 2026, 11, 30, 10).withdraw(at(2026, 12, 1, 9), "Không cần"),
    ]
    store.add_many(fleet)
    return fleet


def test_active_overdue_and_due_between(store: DossierStore) -> None:
    _fleet(store)
    assert [d.code for d in store.active()] == ["A-open", "B-paused", "E-carried"]
    late = at(2026, 12, 11, 8)
    assert [d.code for d in store.overdue(late)] == ["A-open", "E-carried", "G-late"]
    everyone = list(store)
    assert [d.code for d in store.overdue(late)] == [d.code for d in everyone if d.is_overdue(late)]
    assert [d.code for d in store.overdue(at(2026, 12, 7, 11))] == ["E-carried", "G-late"]
    # A day limit ends at 24:00 of the due day (the legal end), not at the close of office.
    assert "A-open" not in [d.code for d in store.overdue(at(2026, 12, 10, 20))]
    assert "A-open" in [d.code for d in store.overdue(at(2026, 12, 11, 0, 1))]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(dossiers).where(dossiers.c.code == "A-open")).one()
    a_open = store.get("A-open")
    assert a_open.ends_at is not None
    assert a_open.due_at is not None
    assert row.ends_at_us == int(a_open.ends_at.timestamp()) * 10**6 + a_open.ends_at.microsecond
    assert row.due_at_us == int(a_open.due_at.timestamp()) * 10**6
    week = list(store.due_between(at(2026, 12, 10), at(2026, 12, 11)))
    assert [d.code for d in week] == ["A-open", "B-paused"]
    with pytest.raises(tthc.NaiveDatetimeError):
        store.overdue(dt.datetime(2026, 12, 11))


def test_for_period_holds_everything_the_report_counts(store: DossierStore) -> None:
    fleet = _fleet(store)
    q4 = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    assert [d.code for d in store.for_period(*q4)] == [
        "A-open", "B-paused", "C-done", "E-carried", "F", "G-late",
    ]  # fmt: skip
    expected = tthc.Report.build(fleet, start=q4[0], end=q4[1], as_of=at(2026, 12, 10, 12))
    got = store.report(*q4, as_of=at(2026, 12, 10, 12))
    assert counted(got) == counted(expected)
    assert got.total.carried_over == 1
    assert got.total.not_received == 1
    with pytest.raises(tthc.InputTypeError):
        list(store.for_period(dt.datetime(2026, 10, 1), q4[1]))


def test_rebuild_restores_a_damaged_projection(store: DossierStore) -> None:
    _fleet(store)
    with store.engine.begin() as conn:
        before = conn.execute(sa.select(dossiers).order_by(dossiers.c.code)).all()
        conn.execute(sa.update(dossiers).values(status="new", active=False, due_at_us=None))
    assert list(store.active()) == []
    assert store.rebuild(batch=3) == 7  # three batches
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(dossiers).order_by(dossiers.c.code)).all() == before


# -- invariants (Hypothesis, SQLite in memory) ----------------------------------------------


QUARTERS = [dt.date(y, m, 1) for y in (2025, 2026, 2027) for m in (1, 4, 7, 10)]


@settings(max_examples=25)
@given(
    st.lists(dossier_strategy(), min_size=1, max_size=6),
    st.sampled_from(QUARTERS),
    st.integers(min_value=0, max_value=200),
)
def test_stored_dossiers_come_back_equal_and_their_report_is_the_core_report(
    drawn: list[tthc.Dossier], start: dt.date, days: int
) -> None:
    fleet = [coded(d, f"D{i:03d}") for i, d in enumerate(drawn)]
    with DossierStore.open("sqlite://") as store:
        store.add_many(fleet)
        assert list(store) == fleet
        end = start + dt.timedelta(days=days)
        expected = tthc.Report.build(fleet, start=start, end=end)
        got = store.report(start, end)
        assert counted(got) == counted(expected)
        judged = at(2026, 2, 15, 9)
        assert [d.code for d in store.overdue(judged)] == [
            d.code for d in fleet if d.is_overdue(judged)
        ]
        assert store.rebuild() == len(fleet)  # the projection is a pure function of events


def _replay_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the columnar extra were not installed."""
    monkeypatch.setattr(dossier_store, "_columnar_engine", lambda: None)


def test_the_report_engine_is_columnar_when_installed_else_the_replay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert dossier_store._columnar_engine() is not None
    calls: list[int] = []
    real = tthc.Report.build

    def build(*args: object, **kwargs: object) -> tthc.Report:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tthc.Report, "build", build)
    with DossierStore.open("sqlite://") as store:
        fleet = _fleet(store)
        q4 = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
        columnar = store.report(*q4, as_of=at(2026, 12, 10, 12), by="procedure")
        assert calls == []  # no dossier replayed into Report.build
        _replay_path(monkeypatch)
        replayed = store.report(*q4, as_of=at(2026, 12, 10, 12), by="procedure")
        assert calls == [1]
        assert columnar == replayed
        assert counted(replayed) == counted(
            real(fleet, start=q4[0], end=q4[1], as_of=at(2026, 12, 10, 12), by="procedure")
        )
        with pytest.raises(tthc.NaiveDatetimeError):
            store.report(*q4, as_of=dt.datetime(2026, 12, 10))
        monkeypatch.undo()
        with pytest.raises(tthc.NaiveDatetimeError):
            store.report(*q4, as_of=dt.datetime(2026, 12, 10))
        with pytest.raises(tthc.InputTypeError):
            store.report(*q4, by="color")
        with pytest.raises(tthc.InputTypeError):
            store.report(q4[1], q4[0])


def test_without_numpy_or_pyarrow_the_report_replays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "tthc.store._columnar", raising=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    assert dossier_store._columnar_engine() is None
    with DossierStore.open("sqlite://") as store:
        fleet = _fleet(store)
        q4 = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
        expected = tthc.Report.build(fleet, start=q4[0], end=q4[1])
        assert counted(store.report(*q4)) == counted(expected)


def test_a_version_1_store_is_refused_then_migrated(db_url: str) -> None:
    with DossierStore.open(db_url) as store:
        fleet = _fleet(store)
        with store.engine.begin() as conn:
            for name in ("procedure_name", "left_kind"):
                conn.exec_driver_sql(f"ALTER TABLE tthc_dossiers DROP COLUMN {name}")
            conn.execute(sa.update(schema).values(version=1))
    with pytest.raises(tthc.StoreSchemaError, match="migrate=True") as info:
        DossierStore.open(db_url)
    assert info.value.value == 1
    with DossierStore.open(db_url, migrate=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        q4 = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
        expected = tthc.Report.build(fleet, start=q4[0], end=q4[1], by="procedure")
        assert counted(store.report(*q4, by="procedure")) == counted(expected)
    with DossierStore.open(db_url, migrate=True) as store:  # nothing left to do
        assert store.schema_version() == SCHEMA_VERSION


AS_OF = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(2024, 12, 1), max_value=dt.datetime(2028, 2, 1)).map(
        lambda d: pendulum.instance(d, tz=VN)
    ),
)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(dossier_strategy(), min_size=1, max_size=8),
    st.sampled_from(QUARTERS),
    st.integers(min_value=0, max_value=200),
    AS_OF,
    st.sampled_from(["field", "procedure", None]),
)
def test_the_columnar_report_of_a_store_is_the_core_report_on_both_databases(
    db_url: str,
    drawn: list[tthc.Dossier],
    start: dt.date,
    days: int,
    as_of: pendulum.DateTime | None,
    by: str | None,
) -> None:
    fleet = [coded(d, f"D{i:03d}") for i, d in enumerate(drawn)]
    with DossierStore.open(db_url) as store:
        with store.engine.begin() as conn:
            conn.execute(sa.delete(events))
            conn.execute(sa.delete(dossiers))
        store.add_many(fleet)
        end = start + dt.timedelta(days=days)
        got = store.report(start, end, as_of=as_of, by=by)
        assert counted(got) == counted(
            tthc.Report.build(fleet, start=start, end=end, as_of=as_of, by=by)
        )
        # ... and equal, dossier count and groups included, to the replay path's report.
        assert got == tthc.Report.build(
            store.for_period(start, end), start=start, end=end, as_of=as_of, by=by
        )


@settings(max_examples=25)
@given(dossier_strategy())
def test_appending_event_by_event_equals_adding_the_whole(d: tthc.Dossier) -> None:
    d = coded(d, "E-1")
    with DossierStore.open("sqlite://") as store:
        first = tthc.Dossier.replay(d.procedure, d.schedule, d.events[:1])
        store.add(first)
        for version, event in enumerate(d.events[1:], start=1):
            store.append("E-1", event, expected_version=version)
        assert store.get("E-1") == d
        assert store.version("E-1") == len(d.events)


@pytest.mark.parametrize(("durable", "expected"), [(False, 1), (True, 2)])
def test_sqlite_sync_mode(tmp_path: object, durable: bool, expected: int) -> None:
    store = DossierStore.open(f"sqlite:///{tmp_path}/s.db", durable=durable)
    with store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == expected  # 1 NORMAL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_the_pg_ctl_wrapper_runs_pg_ctl_as_an_unprivileged_user() -> None:
    """As root, tests/pg_ctl_unprivileged.py drops to TTHC_PG_USER before running pg_ctl."""
    import os
    from pathlib import Path

    if os.geteuid() != 0:
        pytest.skip("the wrapper only changes user when run as root; this run is not root")
    wrapper = Path(__file__).with_name("pg_ctl_unprivileged.py")
    env = {**os.environ, "TTHC_PG_CTL": "/usr/bin/id", "TTHC_PG_USER": "nobody"}
    out = subprocess.run([str(wrapper), "-un"], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "nobody"
