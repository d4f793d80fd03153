"""The store's tables, in SQLAlchemy Core: events, the per-dossier projection, the schema version.

- ``tthc_events``: the append-only log, one row per event: the dossier's
  ``code``, its sequence number ``seq`` (1, 2, ...; unique per dossier, so
  two writers can never both write event N), the event ``kind``, its instant
  ``at_us`` (microseconds since 1970 UTC) and ``data``, the event in tthc's
  JSON form (:func:`tthc.serialize.unstructure`), which keeps the offset.
- ``tthc_dossiers``: the projection, one row per dossier, rewritten in the
  same transaction as the events it summarises. ``version`` is the number of
  events. Instants are microseconds since 1970 UTC so that every database
  compares them the same way.
- ``tthc_schema``: one row holding :data:`SCHEMA_VERSION`.

Example:
    >>> sorted(metadata.tables)
    ['tthc_dossiers', 'tthc_events', 'tthc_schema']
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["SCHEMA_VERSION", "dossiers", "events", "metadata", "schema"]

SCHEMA_VERSION = 2
"""The version of the tables this tthc reads and writes.

Version 2 added ``procedure_name`` and ``left_kind`` to ``tthc_dossiers``
(what the columnar report reads); ``DossierStore.open(url, migrate=True)``
upgrades a version 1 database.

Example:
    >>> SCHEMA_VERSION
    2
"""

metadata = sa.MetaData()
"""All of the store's tables.

Example:
    >>> "tthc_events" in metadata.tables
    True
"""

_CODE = sa.String(100)

schema = sa.Table(
    "tthc_schema",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
)
"""``tthc_schema``: a single row (``id`` = 1) holding the schema version.

Example:
    >>> [c.name for c in schema.columns]
    ['id', 'version']
"""

events = sa.Table(
    "tthc_events",
    metadata,
    sa.Column("code", _CODE, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("at_us", sa.BigInteger, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
)
"""``tthc_events``: the append-only event log; the primary key (code, seq) is unique.

Example:
    >>> [c.name for c in events.primary_key.columns]
    ['code', 'seq']
"""

dossiers = sa.Table(
    "tthc_dossiers",
    metadata,
    sa.Column("code", _CODE, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("procedure_code", sa.String(100), nullable=False),
    sa.Column("procedure_name", sa.Text),
    sa.Column("field", sa.String(200), nullable=False),
    sa.Column("office", sa.String(300), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("status", sa.String(40), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("received_at_us", sa.BigInteger),
    sa.Column("due_at_us", sa.BigInteger),
    sa.Column("ends_at_us", sa.BigInteger),
    sa.Column("open_pause", sa.String(40)),
    sa.Column("resolved_at_us", sa.BigInteger),
    sa.Column("returned_at_us", sa.BigInteger),
    sa.Column("left_at_us", sa.BigInteger),
    sa.Column("left_kind", sa.String(40)),
    sa.Column("closed_at_us", sa.BigInteger),
    sa.Column("outcome", sa.String(20)),
    sa.Column("last_at_us", sa.BigInteger, nullable=False),
    sa.Column("strict", sa.Boolean, nullable=False),
    # NULL when the dossier's procedure / schedule is the store's own (the common case).
    sa.Column("procedure_json", sa.Text),
    sa.Column("schedule_json", sa.Text),
    sa.Index("ix_tthc_dossiers_active_due", "active", "due_at_us"),
    sa.Index("ix_tthc_dossiers_status_ends", "status", "ends_at_us"),
    sa.Index("ix_tthc_dossiers_received", "received_at_us"),
    sa.Index("ix_tthc_dossiers_closed", "closed_at_us"),
)
"""``tthc_dossiers``: the projection, one row per dossier (see the module's docstring).

``due_at_us`` is the appointment (:attr:`~tthc.Dossier.due_at`), ``ends_at_us``
the legal end that outcome and overdue are judged on
(:attr:`~tthc.Dossier.ends_at`, 24:00 of the due day for day limits), both as
of the last event. ``left_at_us`` is when the dossier left the work in progress (its first
resolution, withdrawal request or stop) and ``left_kind`` that event's kind
(``resolved``, ``withdrawal_requested``, ``stopped``); ``closed_at_us`` when an intake
ended it (not received, refused). Both serve the period query.
``procedure_name`` is the procedure's name (the report's ``procedure`` group
is its code and name).

Example:
    >>> dossiers.c.version.nullable
    False
"""
