"""Fixtures of the store tests: a throw-away PostgreSQL cluster and one URL per database.

The cluster is started by pytest-postgresql's executor in a temporary folder.
pg_ctl is found on PATH, in ``TTHC_PG_CTL`` or in Debian's
``/usr/lib/postgresql/<version>/bin`` (`make postgres`, run by `make test`,
installs the server when it is missing). As root, the server runs as the
``postgres`` user (or ``nobody``) through ``tests/pg_ctl_unprivileged.py``,
since PostgreSQL refuses to run as root.

Without a server the PostgreSQL tests are skipped with the reason, except
under CI (``CI`` set), where a missing server is a failure: CI must run them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

WRAPPER = Path(__file__).with_name("pg_ctl_unprivileged.py")


def find_pg_ctl() -> str | None:
    """pg_ctl from TTHC_PG_CTL, PATH, or Debian's versioned folders (newest first)."""
    named = os.environ.get("TTHC_PG_CTL")
    if named:
        return named
    found = shutil.which("pg_ctl")
    if found:
        return os.path.realpath(found)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return debian[-1] if debian else None


def _server_user() -> pwd.struct_passwd:
    for name in (os.environ.get("TTHC_PG_USER"), "postgres", "nobody"):
        if name:
            with contextlib.suppress(KeyError):
                return pwd.getpwnam(name)
    raise RuntimeError("no unprivileged user to run PostgreSQL as")  # pragma: no cover


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@attrs.define
class PgServer:
    """A running throw-away cluster: its executor (stop/start it) and connection facts."""

    executor: object
    host: str
    port: int
    user: str

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def restart(self) -> None:
        self.executor.stop()  # type: ignore[attr-defined]
        self.executor.start()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        reason = (
            "PostgreSQL tests skipped: no pg_ctl on PATH, in TTHC_PG_CTL or in "
            "/usr/lib/postgresql/*/bin (`make postgres` installs the server)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run them", pytrace=False)
        pytest.skip(reason)
    try:
        from pytest_postgresql.executors import PostgreSQLExecutor
    except ImportError:  # pragma: no cover - the test extra installs it
        if os.environ.get("CI"):
            raise
        pytest.skip("PostgreSQL tests skipped: pytest-postgresql is not installed")
    os.environ["TTHC_PG_CTL"] = pg_ctl
    base = Path(tempfile.mkdtemp(prefix="tthc-pg-"))
    if os.geteuid() == 0:
        user = _server_user()
        os.environ["TTHC_PG_USER"] = user.pw_name
        os.chown(base, user.pw_uid, user.pw_gid)
        executable = str(WRAPPER)
    else:
        executable = pg_ctl
    port = _free_port()
    executor = PostgreSQLExecutor(
        executable=executable,
        host="127.0.0.1",
        port=port,
        datadir=str(base / "data"),
        unixsocketdir=str(base),
        logfile=str(base / "postgresql.log"),
        startparams="-w",
        dbname="tthc",
        user="tthc",
        postgres_options="-c fsync=on -c max_connections=50",
    )
    executor.start()
    try:
        yield PgServer(executor, "127.0.0.1", port, "tthc")
    finally:
        with contextlib.suppress(Exception):
            executor.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database on the throw-away cluster, dropped afterwards."""
    from pytest_postgresql.janitor import DatabaseJanitor

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    janitor = DatabaseJanitor(
        user=pg_server.user,
        host=pg_server.host,
        port=pg_server.port,
        dbname=name,
    )
    with janitor:
        yield pg_server.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on both databases: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
