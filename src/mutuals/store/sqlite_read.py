"""Reading a SQLite database with the standard library only: a read-only connection to a file
already at the newest schema, for commands that only read and must start fast.

Anything unusual (another kind of URL, a missing file, an older schema) is answered with None, and
the caller takes the full path through SQLAlchemy, which creates, migrates or reports it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Final

from mutuals.store.revision import DatabaseError, head_revision

# A plain SQLite file URL as `mutuals.settings.sqlite_url` writes it; any other form (a driver
# name, query options, an in-memory database) is left to SQLAlchemy's URL parser.
_PREFIX: Final = "sqlite:///"
# The busy timeout of every statement on SQLite (as `mutuals.store.locking.READ_BUSY_MS`).
READ_BUSY_SECONDS: Final = 30.0
# The default owner, as `mutuals.services.context` finds it through SQLAlchemy on SQLite.
DEFAULT_OWNER_SQL: Final = "SELECT owners.id FROM owners WHERE owners.is_default IS 1"


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def unicode_lower(connection: sqlite3.Connection) -> None:
    """Replace SQLite's ``lower()``, which folds only A-Z, by Python's, as PostgreSQL folds every
    letter: case-insensitive search is then the same on both backends ("ольга" finds "Ольга")."""
    connection.create_function("lower", 1, _lower, deterministic=True)


def sqlite_file(url: str) -> Path | None:
    """The file a plain ``sqlite:///PATH`` URL names, or None for any other URL."""
    if not url.startswith(_PREFIX):
        return None
    path = url.removeprefix(_PREFIX)
    # SQLAlchemy reads "%", "?" and "#" as URL syntax; such paths take its parser.
    if not path or path == ":memory:" or any(c in path for c in "%?#"):
        return None
    return Path(path)


def open_at_head(url: str) -> sqlite3.Connection | None:
    """A read-only connection to the SQLite file ``url`` names, if it exists and its schema is at
    the newest migration; otherwise None. The database is never created or changed (a database
    in WAL mode may keep its ``-wal`` and ``-shm`` files, which a read-only reader cannot delete
    when it closes; the next writer uses them as usual)."""
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=READ_BUSY_SECONDS)
    except (sqlite3.Error, OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop
        return None
    try:
        unicode_lower(connection)
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if found == [(head_revision(),)]:
            return connection
    except (sqlite3.Error, DatabaseError):
        pass
    connection.close()
    return None


def default_owner_id(connection: sqlite3.Connection) -> int | None:
    """The default owner's id, or None when the database has none yet (the full path adds it)."""
    row = connection.execute(DEFAULT_OWNER_SQL).fetchone()
    return None if row is None else int(row[0])
