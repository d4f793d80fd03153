"""``tthc store init|import|export|report --db URL``: the store on the command line.

``--db`` takes a SQLAlchemy URL (``sqlite:///tthc.db``,
``postgresql+psycopg://user@host/db``); without it ``$TTHC_DB``, else
``sqlite:///tthc.db``. ``import`` reads tthc's JSON Lines or the portal's CSV
(by the file's suffix) with the readers' line-by-line errors, and stores all
of the file or, at the first bad line or known code, nothing.

Example:
    >>> import tempfile, pathlib
    >>> from tthc.cli import main
    >>> db = "sqlite:///" + str(pathlib.Path(tempfile.mkdtemp()) / "t.db")
    >>> main(["store", "init", "--db", db])
    Store ready: schema version 2, 0 dossiers.
    0
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import sqlalchemy as sa

from tthc.files import read_dossiers_jsonl, read_portal_csv, write_dossiers_jsonl
from tthc.store.dossier_store import DossierStore

__all__ = ["DEFAULT_URL", "run"]

DEFAULT_URL = "sqlite:///tthc.db"
"""Where ``tthc store`` works without ``--db`` or ``$TTHC_DB``.

Example:
    >>> DEFAULT_URL
    'sqlite:///tthc.db'
"""


def run(args: argparse.Namespace) -> int:
    """Run one ``tthc store`` action (called by :func:`tthc.cli.main`).

    Example:
        >>> import argparse
        >>> run(argparse.Namespace(store_command="init", db="sqlite://"))
        Store ready: schema version 2, 0 dossiers.
        0
    """
    url = args.db or os.environ.get("TTHC_DB") or DEFAULT_URL
    try:
        return _run(args, url)
    except sa.exc.SQLAlchemyError as error:
        shown = sa.make_url(url).render_as_string(hide_password=True)
        cause = getattr(error, "orig", None) or error
        print(f"tthc: error: database {shown}: {cause}".splitlines()[0], file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, url: str) -> int:
    from tthc.cli import _instant, _print_json

    command = args.store_command
    migrate = command == "init" and getattr(args, "migrate", False)
    with DossierStore.open(url, create=command in ("init", "import"), migrate=migrate) as store:
        if command == "init":
            print(f"Store ready: schema version {store.schema_version()}, {len(store)} dossiers.")
        elif command == "import":
            path = Path(args.file)
            if not path.exists():
                raise FileNotFoundError(f"no such file: {args.file}")
            reader = read_portal_csv if path.suffix.lower() == ".csv" else read_dossiers_jsonl
            loaded = reader(path, store.catalog, store.schedule)
            added = store.add_many(loaded.dossiers)
            print(f"Imported {added} dossiers ({loaded.rows_read} rows read); {len(store)} stored.")
            if loaded.due_mismatches:
                lines = ", ".join(map(str, loaded.due_mismatches[:10]))
                print(
                    f"{len(loaded.due_mismatches)} rows have a NgayHenTra other than the due tthc "
                    f"computes (lines {lines}{'...' if len(loaded.due_mismatches) > 10 else ''})."
                )
        elif command == "export":
            if args.file == "-":
                write_dossiers_jsonl(store, sys.stdout)
            else:
                count = write_dossiers_jsonl(store, args.file)
                print(f"Exported {count} dossiers to {args.file}.")
        else:
            report = store.report(
                args.start,
                args.end,
                as_of=_instant(args.as_of) if args.as_of else None,
                by=None if args.by == "none" else args.by,
            )
            if args.json:
                _print_json(report.to_dict())
            elif args.csv:
                sys.stdout.write(report.to_csv())
            else:
                print(report.to_text("en" if args.english else "vi"))
    return 0
