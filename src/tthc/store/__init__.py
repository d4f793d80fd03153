"""tthc.store: dossiers in a SQL database (SQLite or PostgreSQL), on SQLAlchemy 2 Core.

Install with ``pip install 'tthc[store]'``; ``import tthc`` never imports
this package. See docs/store.md.

Example:
    >>> from tthc.store import DossierStore
    >>> DossierStore.open("sqlite://").schema_version()
    2
"""

from tthc.store.dossier_store import Action, DossierStore
from tthc.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Action", "DossierStore"]
