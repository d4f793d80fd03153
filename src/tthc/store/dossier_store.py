"""Where dossiers live: :class:`DossierStore`, an event log plus a projection in one database.

One URL picks the database: ``sqlite:///tthc.db`` (embedded, the default
choice) or ``postgresql+psycopg://user@host/db`` (production). Every write
appends events and rewrites the dossier's projection row in one transaction;
a stale ``expected_version`` raises :class:`~tthc.errors.ConcurrencyError`.

Example:
    >>> store = DossierStore.open("sqlite://")
    >>> d = store.add(_example())
    >>> store.version(d.code)
    1
    >>> d = store.append(d.code, lambda d: d.resolve(
    ...     pendulum.datetime(2026, 12, 9, 16, tz="Asia/Ho_Chi_Minh")), expected_version=1)
    >>> store.get(d.code).outcome, store.version(d.code)
    (<Outcome.EARLY: 'early'>, 2)
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pendulum
import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine

from tthc._validate import check_aware
from tthc.catalog import Catalog
from tthc.dossier import Dossier, Event, EventKind, Status
from tthc.errors import (
    ConcurrencyError,
    DossierExistsError,
    InputTypeError,
    InvalidActionError,
    StoreSchemaError,
    UnknownDossierError,
)
from tthc.procedure import Procedure
from tthc.report import Report
from tthc.schedule import Schedule
from tthc.serialize import converter, structure, unstructure
from tthc.store.schema import SCHEMA_VERSION, dossiers, events, metadata, schema

__all__ = ["Action", "DossierStore"]

Action = Callable[[Dossier], Dossier]
"""An action on a dossier, e.g. ``lambda d: d.resolve(at)``: it returns the new dossier.

Example:
    >>> at = pendulum.datetime(2026, 12, 9, 16, tz="Asia/Ho_Chi_Minh")
    >>> resolve: Action = lambda d: d.resolve(at)
    >>> resolve(_example()).status
    <Status.RESOLVED: 'resolved'>
"""

_VN = "Asia/Ho_Chi_Minh"
_BATCH = 500
_MIGRATIONS = {1: ("procedure_name", "left_kind")}
"""Older schema versions that ``open(migrate=True)`` upgrades: the projection columns they lack."""
_LEAVING = (EventKind.RESOLVED, EventKind.WITHDRAWAL_REQUESTED, EventKind.STOPPED)
_OPENERS = {
    EventKind.SUPPLEMENT_REQUESTED: "supplement",
    EventKind.PAYMENT_REQUESTED: "financial_obligation",
    EventKind.VERIFICATION_STARTED: "verification",
}
_CLOSERS = {
    EventKind.SUPPLEMENT_RECEIVED: "supplement",
    EventKind.PAID: "financial_obligation",
    EventKind.VERIFICATION_FINISHED: "verification",
}


def _int_us(instant: dt.datetime) -> int:
    """Microseconds since 1970 UTC: one ordering that every database compares alike."""
    return int(instant.timestamp()) * 1_000_000 + instant.microsecond


def _us(instant: dt.datetime | None) -> int | None:
    return None if instant is None else _int_us(instant)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _open_pause(dossier: Dossier) -> str | None:
    open_: list[str] = []
    for e in dossier.events:
        if e.kind in _OPENERS:
            open_.append(_OPENERS[e.kind])
        elif e.kind in _CLOSERS and _CLOSERS[e.kind] in open_:
            open_.remove(_CLOSERS[e.kind])
    return ",".join(open_) or None


def _local_midnight(day: dt.date) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, tz=_VN)


class DossierStore:
    """Dossiers in a SQL database: an append-only event log and a projection per dossier.

    Open one with :meth:`open`. The store's ``catalog`` and ``schedule`` are
    those of the dossiers it holds; a dossier with another procedure or
    schedule keeps its own, stored with it, so nothing is lost.

    Reads (:meth:`get`, :meth:`active`, :meth:`overdue`, :meth:`for_period`
    ...) replay the stored events, so what they return is exactly what the
    core computes; the projection only selects which dossiers to read.
    :meth:`report` is the exception when the ``columnar`` extra is
    installed: it counts the projection rows themselves (the same counts).

    Example:
        >>> with DossierStore.open("sqlite://") as store:
        ...     _ = store.add(_example())
        ...     [d.code for d in store.active()]
        ['000.00.12.H12-261207-0001']
    """

    def __init__(self, engine: Engine, *, catalog: Catalog, schedule: Schedule) -> None:
        self._engine = engine
        self.catalog = catalog
        self.schedule = schedule
        self._procedures: dict[str, Procedure] = {}
        self._schedules: dict[str, Schedule] = {}

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str | sa.URL = "sqlite:///tthc.db",
        *,
        catalog: Catalog | None = None,
        schedule: Schedule | None = None,
        create: bool = True,
        durable: bool = False,
        migrate: bool = False,
        **engine_options: Any,
    ) -> DossierStore:
        """Open (and with ``create``, initialise) the store at ``url``.

        Args:
            url: a SQLAlchemy URL: ``sqlite:///path.db``, ``sqlite://`` (in
                memory) or ``postgresql+psycopg://user:password@host/db``.
            catalog: where procedure codes are looked up (the bundled one by default).
            schedule: the dossiers' schedule (:meth:`Schedule.vietnam` by default).
            create: create the tables when missing (otherwise a missing schema
                raises :class:`~tthc.errors.StoreSchemaError`).
            durable: SQLite only. ``False`` (the default) runs WAL with
                ``synchronous=NORMAL``: a commit survives the death of any process
                and the database is never corrupted, but an operating-system crash
                or power cut may roll back the last commits. ``True`` syncs every
                commit to disk (``synchronous=FULL``), several times slower on
                most disks. PostgreSQL always syncs (its own ``synchronous_commit``).
            migrate: upgrade a database of an older schema version (adds the
                new projection columns, then rewrites every projection row from
                the events with :meth:`rebuild`). Without it such a database
                raises :class:`~tthc.errors.StoreSchemaError`. Run it once, with
                no older tthc writing meanwhile.
            engine_options: passed to :func:`sqlalchemy.create_engine`.

        Raises:
            StoreSchemaError: the database holds another schema version.

        Example:
            >>> DossierStore.open("sqlite://").schema_version()
            2
        """
        url = sa.make_url(url)
        sqlite = url.get_backend_name() == "sqlite"
        memory = sqlite and url.database in (None, "", ":memory:")
        if sqlite:
            engine_options.setdefault("connect_args", {}).setdefault("timeout", 60)
        if memory:  # one in-memory database for every thread (web frameworks use several)
            engine_options.setdefault("poolclass", sa.pool.StaticPool)
            engine_options["connect_args"].setdefault("check_same_thread", False)
        else:
            engine_options.setdefault("pool_pre_ping", True)
        engine = sa.create_engine(url, **engine_options)
        if sqlite:
            _sqlite_setup(engine, memory=memory, durable=durable)
        store = cls(
            engine,
            catalog=catalog if catalog is not None else Catalog.bundled(),
            schedule=schedule if schedule is not None else Schedule.vietnam(),
        )
        store._check_schema(create, migrate)
        return store

    def _check_schema(self, create: bool, migrate: bool = False) -> None:
        inspector = sa.inspect(self._engine)
        if not inspector.has_table(schema.name):
            if not create:
                raise StoreSchemaError(
                    "the database holds no tthc store: run `tthc store init --db URL`",
                    value=None,
                )
            try:
                with self._write() as conn:
                    metadata.create_all(conn, checkfirst=True)
                    if conn.execute(sa.select(schema.c.version)).first() is None:
                        conn.execute(sa.insert(schema).values(id=1, version=SCHEMA_VERSION))
            except sa.exc.DBAPIError:
                # Several processes starting at once: one of them created the tables.
                if not sa.inspect(self._engine).has_table(schema.name):
                    raise
        found = self.schema_version()
        if found in _MIGRATIONS and migrate:
            self._migrate(found)
            found = self.schema_version()
        if found in _MIGRATIONS:
            raise StoreSchemaError(
                f"the store's schema version is {found}; this tthc reads {SCHEMA_VERSION}: "
                "upgrade it once with DossierStore.open(url, migrate=True) "
                "or `tthc store init --migrate --db URL`",
                value=found,
            )
        if found != SCHEMA_VERSION:
            raise StoreSchemaError(
                f"the store's schema version is {found}; this tthc reads {SCHEMA_VERSION}",
                value=found,
            )

    def _migrate(self, found: int) -> None:
        """Add the columns a newer schema has, rebuild the projection, record the version."""
        present = {c["name"] for c in sa.inspect(self._engine).get_columns(dossiers.name)}
        with self._write() as conn:
            for name in _MIGRATIONS[found]:
                if name not in present:
                    column = dossiers.c[name]
                    kind = column.type.compile(dialect=conn.dialect)
                    conn.exec_driver_sql(f"ALTER TABLE {dossiers.name} ADD COLUMN {name} {kind}")
        self.rebuild()
        with self._write() as conn:
            conn.execute(sa.update(schema).values(version=SCHEMA_VERSION))

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for backups, health checks, your own tables).

        Example:
            >>> DossierStore.open("sqlite://").engine.dialect.name
            'sqlite'
        """
        return self._engine

    def schema_version(self) -> int | None:
        """The schema version recorded in the database.

        Example:
            >>> DossierStore.open("sqlite://").schema_version()
            2
        """
        with self._engine.connect() as conn:
            value = conn.execute(sa.select(schema.c.version)).scalar()
        return None if value is None else int(value)

    def close(self) -> None:
        """Release the database connections.

        Example:
            >>> DossierStore.open("sqlite://").close()
        """
        self._engine.dispose()

    def __enter__(self) -> DossierStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction (``BEGIN IMMEDIATE`` on SQLite: writers queue, never deadlock)."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(tthc_write=True)
            with conn.begin():
                yield conn

    # -- writing --------------------------------------------------------------------------

    def add(self, dossier: Dossier) -> Dossier:
        """Store a new dossier (all its events) under its code.

        Raises:
            DossierExistsError: the store already holds a dossier with this code.
            InvalidActionError: the dossier has no code.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> store.add(_example()).code
            '000.00.12.H12-261207-0001'
            >>> store.add(_example())
            Traceback (most recent call last):
            ...
            tthc.errors.DossierExistsError: the store already holds dossier '000.00.12.H12-261207-0001'
        """
        self.add_many([dossier])
        return dossier

    def add_many(self, items: Iterable[Dossier]) -> int:
        """Store new dossiers in one transaction (all or none); returns how many.

        Example:
            >>> DossierStore.open("sqlite://").add_many([_example()])
            1
        """
        count = 0
        with self._write() as conn:
            batch: list[Dossier] = []
            for dossier in items:
                batch.append(self._check_new(dossier))
                if len(batch) >= _BATCH:
                    count += self._insert(conn, batch)
                    batch = []
            count += self._insert(conn, batch)
        return count

    def _check_new(self, dossier: Any) -> Dossier:
        if not isinstance(dossier, Dossier):
            raise InputTypeError(f"expected Dossier, got {type(dossier).__name__}", value=dossier)
        if not dossier.code:
            raise InvalidActionError(
                "a dossier without a code cannot be stored: give one at receipt (code=...)",
                status=dossier.status,
                action="store",
                value=dossier,
            )
        return dossier

    def _insert(self, conn: Connection, batch: Sequence[Dossier]) -> int:
        if not batch:
            return 0
        codes = [str(d.code) for d in batch]
        if len(set(codes)) != len(codes):
            twice = sorted({c for c in codes if codes.count(c) > 1})
            raise DossierExistsError(f"dossier codes given twice: {twice}", value=twice[0])
        found = conn.execute(sa.select(dossiers.c.code).where(dossiers.c.code.in_(codes))).first()
        if found is not None:
            raise DossierExistsError(
                f"the store already holds dossier {found.code!r}", value=found.code
            )
        try:
            conn.execute(sa.insert(dossiers), [self._row(d) for d in batch])
            conn.execute(
                sa.insert(events),
                [r for d in batch for r in self._event_rows(d, 0)],
            )
        except sa.exc.IntegrityError as error:  # another writer added it meanwhile
            raise DossierExistsError(
                f"the store already holds one of the dossiers {codes[:3]}...", value=codes[0]
            ) from error
        return len(batch)

    def append(
        self,
        code: str,
        event_or_action: Event | Action,
        *,
        expected_version: int | None = None,
    ) -> Dossier:
        """Append an event (or the events of an action) to a dossier; returns the new dossier.

        Args:
            code: the dossier's code.
            event_or_action: an :class:`~tthc.dossier.Event`, or a function
                from the dossier to the new dossier (``lambda d: d.resolve(at)``).
            expected_version: the version the caller read (its number of
                events). ``None`` takes the version read here, so a writer
                that got in between is still detected.

        Raises:
            ConcurrencyError: the dossier is not at ``expected_version``, or
                another writer appended between this read and this write.
            UnknownDossierError: no dossier with this code.
            InvalidActionError: the dossier's status does not allow the event.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> code = store.add(_example()).code
            >>> at = pendulum.datetime(2026, 12, 8, 9, tz="Asia/Ho_Chi_Minh")
            >>> store.append(code, Event(EventKind.SUPPLEMENT_REQUESTED, at)).status
            <Status.SUPPLEMENT_REQUESTED: 'supplement_requested'>
            >>> store.append(code, lambda d: d.supplement(at.add(hours=1)), expected_version=1)
            Traceback (most recent call last):
            ...
            tthc.errors.ConcurrencyError: dossier '000.00.12.H12-261207-0001' is at version 2, not 1: it changed since it was read
        """
        current = self.get(code)
        version = len(current.events)
        if expected_version is not None and expected_version != version:
            raise ConcurrencyError.stale(code, expected=expected_version, actual=version)
        new = _apply(current, event_or_action)
        with self._write() as conn:
            self._write_append(conn, code, version, new)
        return new

    def _write_append(self, conn: Connection, code: str, version: int, new: Dossier) -> None:
        """The conditional update that makes two writers of event N impossible."""
        row = self._row(new, keep_code=False)
        row["b_code"], row["b_version"] = code, version
        result = conn.execute(_UPDATE, row)
        if result.rowcount != 1:
            actual = conn.execute(
                sa.select(dossiers.c.version).where(dossiers.c.code == code)
            ).scalar()
            raise ConcurrencyError.stale(code, expected=version, actual=int(actual or 0))
        try:
            conn.execute(sa.insert(events), self._event_rows(new, version))
        except sa.exc.IntegrityError as error:  # pragma: no cover - the update above guards
            raise ConcurrencyError.stale(code, expected=version, actual=version + 1) from error

    def rebuild(self, *, batch: int = 1000) -> int:
        """Rewrite every projection row from the stored events; returns how many.

        Run it after upgrading tthc when a rule that derives status, due or
        outcome changed (e.g. a newly announced holiday schedule). It works in
        batches of ``batch`` dossiers, each in its own transaction, so it can
        run beside the application: a row that a writer changed meanwhile is
        left as that writer wrote it (the writer computed it from the same events).

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> store.rebuild()
            1
        """
        with self._engine.connect() as conn:
            codes = conn.execute(sa.select(dossiers.c.code).order_by(dossiers.c.code)).scalars()
            codes_ = list(codes)
        count = 0
        for start in range(0, len(codes_), batch):
            loaded = list(self._stream(dossiers.c.code.in_(codes_[start : start + batch])))
            rows = []
            for dossier in loaded:
                row = self._row(dossier, keep_code=False)
                row["b_code"], row["b_version"] = dossier.code, len(dossier.events)
                rows.append(row)
            if rows:
                with self._write() as conn:
                    conn.execute(_UPDATE, rows)
            count += len(rows)
        return count

    # -- rows -----------------------------------------------------------------------------

    def _row(self, d: Dossier, *, keep_code: bool = True) -> dict[str, Any]:
        procedure, schedule = d.procedure, d.schedule
        own = self.catalog.get(procedure.code)
        status = d.status
        leaving = next((e for e in d.events if e.kind in _LEAVING), None)
        left = None if leaving is None else leaving.at
        closed = d.events[-1].at if status in (Status.NOT_RECEIVED, Status.REFUSED) else None
        outcome = d.outcome
        row: dict[str, Any] = {
            "version": len(d.events),
            "procedure_code": procedure.code,
            "procedure_name": procedure.name,
            "field": procedure.field,
            "office": procedure.office,
            "channel": d.channel.value,
            "status": status.value,
            "active": d.is_active,
            "received_at_us": _us(d.received_at),
            "due_at_us": _us(d.due_at),
            "ends_at_us": _us(d.ends_at),
            "open_pause": _open_pause(d),
            "resolved_at_us": _us(d.resolved_at),
            "returned_at_us": _us(d.returned_at),
            "left_at_us": _us(left),
            "left_kind": None if leaving is None else leaving.kind.value,
            "closed_at_us": _us(closed),
            "outcome": None if outcome is None else outcome.value,
            "last_at_us": _us(d.events[-1].at),
            "strict": d.strict,
            "procedure_json": None if own == procedure else _json(unstructure(procedure)),
            "schedule_json": None
            if schedule is self.schedule or schedule == self.schedule
            else _json(unstructure(schedule)),
        }
        if keep_code:
            row["code"] = d.code
        return row

    @staticmethod
    def _event_rows(d: Dossier, after: int) -> list[dict[str, Any]]:
        return [
            {
                "code": d.code,
                "seq": seq,
                "kind": e.kind.value,
                "at_us": _us(e.at),
                "data": _json(converter.unstructure(e, Event)),
            }
            for seq, e in enumerate(d.events[after:], start=after + 1)
        ]

    # -- reading --------------------------------------------------------------------------

    _COLUMNS = (
        dossiers.c.code,
        dossiers.c.procedure_code,
        dossiers.c.procedure_json,
        dossiers.c.schedule_json,
        dossiers.c.strict,
        events.c.data,
    )

    def _dossier(self, head: Any, data: list[str]) -> Dossier:
        if head.procedure_json is None:
            procedure = self.catalog[head.procedure_code]
        else:
            procedure = self._procedures.get(head.procedure_json)  # type: ignore[assignment]
            if procedure is None:
                procedure = structure(json.loads(head.procedure_json), Procedure)
                self._procedures[head.procedure_json] = procedure
        schedule = self.schedule
        if head.schedule_json is not None:
            schedule = self._schedules.get(head.schedule_json)  # type: ignore[assignment]
            if schedule is None:
                schedule = structure(json.loads(head.schedule_json), Schedule)
                self._schedules[head.schedule_json] = schedule
        loaded = [converter.structure(json.loads(text), Event) for text in data]
        return Dossier.replay(procedure, schedule, loaded, strict=bool(head.strict))

    def get(self, code: str) -> Dossier:
        """The dossier with this code, replayed from its events.

        Raises:
            UnknownDossierError: no such dossier.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> store.get("000.00.12.H12-261207-0001") == _example()
            True
        """
        with self._engine.connect() as conn:
            rows = conn.execute(_GET, {"b_code": code}).all()
        if not rows:
            raise UnknownDossierError(f"no dossier {code!r} in the store", value=code)
        return self._dossier(rows[0], [r.data for r in rows])

    def version(self, code: str) -> int:
        """The dossier's version: how many events it has.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> store.version(store.add(_example()).code)
            1
        """
        with self._engine.connect() as conn:
            value = conn.execute(
                sa.select(dossiers.c.version).where(dossiers.c.code == code)
            ).scalar()
        if value is None:
            raise UnknownDossierError(f"no dossier {code!r} in the store", value=code)
        return int(value)

    def __contains__(self, code: object) -> bool:
        with self._engine.connect() as conn:
            return (
                conn.execute(sa.select(dossiers.c.code).where(dossiers.c.code == code)).first()
                is not None
            )

    def __len__(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(dossiers)).scalar_one())

    def _stream(self, where: Any) -> Iterator[Dossier]:
        """The dossiers matching a condition on the projection, in code order, streamed."""
        query = (
            sa.select(*self._COLUMNS)
            .join_from(dossiers, events, events.c.code == dossiers.c.code)
            .where(where)
            .order_by(dossiers.c.code, events.c.seq)
        )
        with self._engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(query)
            head: Any = None
            data: list[str] = []
            for row in result:
                if head is not None and row.code != head.code:
                    yield self._dossier(head, data)
                    data = []
                if not data:
                    head = row
                data.append(row.data)
            if head is not None and data:
                yield self._dossier(head, data)

    def __iter__(self) -> Iterator[Dossier]:
        """Every stored dossier, in code order.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> len(list(store)), len(store)
            (1, 1)
        """
        return self._stream(sa.true())

    def active(self) -> Iterator[Dossier]:
        """The dossiers in progress (received, processing, or paused), in code order.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> [d.status for d in store.active()]
            [<Status.RECEIVED: 'received'>]
        """
        return self._stream(dossiers.c.active.is_(True))

    def overdue(self, at: dt.datetime) -> list[Dossier]:
        """The dossiers in progress and past their due at ``at`` (:meth:`Dossier.is_overdue`).

        The projection picks the candidates (legal end before ``at``; an open
        pause only moves it later); each is then judged by the dossier itself,
        so the store and :meth:`Dossier.is_overdue` always agree.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> len(store.overdue(pendulum.datetime(2026, 12, 11, 8, tz="Asia/Ho_Chi_Minh")))
            1
        """
        at = check_aware(at, "at")
        candidates = self._stream(
            sa.and_(
                sa.or_(
                    dossiers.c.active.is_(True),
                    dossiers.c.status == Status.WITHDRAWAL_REQUESTED.value,
                ),
                dossiers.c.ends_at_us < _int_us(at),
            )
        )
        return [d for d in candidates if d.is_overdue(at)]

    def due_between(self, start: dt.datetime, end: dt.datetime) -> Iterator[Dossier]:
        """Dossiers in progress whose due (as of their last event) is in ``[start, end)``.

        A dossier with an open pause is listed by the due its last event gave;
        its real due moves later while the pause lasts.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> at = pendulum.datetime(2026, 12, 10, tz="Asia/Ho_Chi_Minh")
            >>> [d.due_date for d in store.due_between(at, at.add(days=1))]
            [datetime.date(2026, 12, 10)]
        """
        start, end = check_aware(start, "start"), check_aware(end, "end")
        return self._stream(
            sa.and_(
                dossiers.c.active.is_(True),
                dossiers.c.due_at_us >= _int_us(start),
                dossiers.c.due_at_us < _int_us(end),
            )
        )

    def for_period(self, start: dt.date, end: dt.date) -> Iterator[Dossier]:
        """Every dossier that can appear in the report for ``start``..``end`` (inclusive).

        Those received before the period ends and not gone before it starts
        (so the carried-over ones), and those turned away at intake in the
        period. :meth:`Report.build` then counts each in its columns.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> len(list(store.for_period(datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))))
            1
            >>> len(list(store.for_period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))))
            0
        """
        return self._stream(_in_period(*_period(start, end)))

    def report(
        self,
        start: dt.date,
        end: dt.date,
        *,
        as_of: dt.datetime | None = None,
        by: str | None = "field",
    ) -> Report:
        """Biểu II.06a for ``start``..``end`` over the stored dossiers.

        The same report as :meth:`Report.build` over :meth:`for_period`
        (the arguments mean the same). With the ``columnar`` extra installed
        it is counted by :func:`tthc.columnar.report` on a table read from
        the projection in one query; only the dossiers whose due moves with
        ``as_of`` (an open pause, or events after it) are replayed. Without
        the extra, every dossier of :meth:`for_period` is replayed and
        counted by :meth:`Report.build`.

        Example:
            >>> store = DossierStore.open("sqlite://")
            >>> _ = store.add(_example())
            >>> store.report(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31),
            ...              as_of=pendulum.datetime(2027, 1, 1, tz="Asia/Ho_Chi_Minh")).total.received
            1
        """
        engine = _columnar_engine()
        if engine is None:
            return Report.build(
                self.for_period(start, end), start=start, end=end, as_of=as_of, by=by
            )
        return engine(self, start, end, as_of, by)


_GET = (
    sa.select(*DossierStore._COLUMNS)
    .join_from(dossiers, events, events.c.code == dossiers.c.code)
    .where(dossiers.c.code == sa.bindparam("b_code"))
    .order_by(events.c.seq)
)
_UPDATE = sa.update(dossiers).where(
    dossiers.c.code == sa.bindparam("b_code"), dossiers.c.version == sa.bindparam("b_version")
)


def _columnar_engine() -> Callable[..., Report] | None:
    """The columnar report when numpy and pyarrow are installed, else ``None``."""
    try:
        from tthc.store._columnar import columnar_report
    except ImportError:
        return None
    return columnar_report


def _in_period(first: int, after: int) -> Any:
    """The projection rows that can appear in the report of ``[first, after)`` (µs)."""
    c = dossiers.c
    return sa.or_(
        sa.and_(
            c.received_at_us < after,
            sa.or_(c.left_at_us.is_(None), c.left_at_us >= first),
        ),
        sa.and_(c.closed_at_us >= first, c.closed_at_us < after),
    )


def _period(start: dt.date, end: dt.date) -> tuple[int, int]:
    for name, day in (("start", start), ("end", end)):
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InputTypeError(f"{name} must be a date, got {day!r}", value=day)
    first = _local_midnight(start)
    after = first.add(days=(end - start).days + 1)
    return _int_us(first), _int_us(after)


def _apply(current: Dossier, event_or_action: Event | Action) -> Dossier:
    if isinstance(event_or_action, Event):
        return Dossier.replay(
            current.procedure,
            current.schedule,
            (*current.events, event_or_action),
            strict=current.strict,
        )
    if not callable(event_or_action):
        raise InputTypeError(
            f"expected an Event or an action, got {type(event_or_action).__name__}",
            value=event_or_action,
        )
    new = event_or_action(current)
    n = len(current.events)
    if not isinstance(new, Dossier) or len(new.events) <= n or new.events[:n] != current.events:
        raise InputTypeError(
            "an action must return the dossier with one or more events appended",
            value=new,
        )
    return new


def _use_wal(cursor: Any, *, attempts: int = 60) -> None:
    """Put the database in WAL mode, once: the mode is kept in the file.

    Switching the mode needs the database to itself, and SQLite answers
    "database is locked" at once, without waiting out the busy timeout, when
    several processes open a new store together; so the switch is retried
    for a bounded time (about a minute at most), then the error stands.
    """
    for attempt in range(attempts):
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(min(0.01 * (attempt + 1), 0.5))


def _sqlite_setup(engine: Engine, *, memory: bool, durable: bool) -> None:
    """WAL, the chosen sync, and writers that queue with ``BEGIN IMMEDIATE`` instead of failing."""
    synchronous = "FULL" if durable else "NORMAL"

    @sa_event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=60000")
        if not memory:
            _use_wal(cursor)
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("tthc_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _example() -> Dossier:
    """The docstrings' dossier: 1.004873 received Mon 2026-12-07 10:00, with a code."""
    return Dossier.receive(
        Catalog.bundled()["1.004873"],
        received_at=pendulum.datetime(2026, 12, 7, 10, tz=_VN),
        channel=1,
        schedule=Schedule.vietnam(),
        code="000.00.12.H12-261207-0001",
    )
