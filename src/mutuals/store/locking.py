"""One writer at a time per owner: the lock a writing transaction takes before it reads anything.

- SQLite has one writer per file: a writing transaction starts with ``BEGIN IMMEDIATE`` instead of
  a plain ``BEGIN`` (pysqlite's own implicit transactions are switched off, following
  SQLAlchemy's documented recipe, so that the hook decides how each transaction begins).
- PostgreSQL takes a transaction-level advisory lock on the owner, so two imports into one
  network queue while other networks carry on.

Either way the lock is held from before the first read until the commit, so an import's merge
sees every row an earlier import committed. A writer that finds the lock taken says so once
(``on_wait``), then keeps trying until ``timeout`` seconds have passed, and only then gives up
with ``DatabaseBusy``, having written nothing.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

# The advisory-lock namespace (the first of the two keys): "mu".
LOCK_NAMESPACE: Final = 0x6D75
# The key of writes that belong to no owner (schema migrations, restores, shared caches).
NO_OWNER: Final = 0
# A write queued behind a short one (a `log`) usually gets through within this, silently.
FIRST_TRY_SECONDS: Final = 0.2
RETRY_SECONDS: Final = 1.0
# The busy timeout of every other statement on SQLite (pysqlite's default is 5 s).
READ_BUSY_MS: Final = 30_000
EXECUTION_OPTION: Final = "mutuals_write"


class DatabaseBusy(Exception):
    """Another writer held the owner's data for longer than the lock timeout; nothing was written."""


@dataclass(frozen=True)
class WriteLock:
    """What a writing transaction locks, how long it waits, and whom it tells that it waits."""

    owner_id: int | None
    timeout: float
    on_wait: Callable[[], None] | None = None

    def busy(self) -> DatabaseBusy:
        return DatabaseBusy(
            f"the database is busy: another import or change has been writing for more than "
            f"{self.timeout:g} s; nothing was saved, try again when it has finished (the wait is "
            "set by MUTUALS_LOCK_TIMEOUT)"
        )


def sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Hand transaction control to SQLAlchemy's "begin" event (the documented recipe)."""
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {READ_BUSY_MS}")


def sqlite_begin(conn: Connection) -> None:
    """Begin a transaction: ``BEGIN IMMEDIATE``, waiting for the write lock, when it will write."""
    lock = conn.get_execution_options().get(EXECUTION_OPTION)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    if not isinstance(lock, WriteLock):
        raw.execute("BEGIN")
        return
    deadline = time.monotonic() + lock.timeout
    wait = FIRST_TRY_SECONDS
    told = False
    try:
        while True:
            raw.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise lock.busy()
            if not told and lock.on_wait is not None:
                lock.on_wait()
                told = True
            wait = min(RETRY_SECONDS, remaining)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {READ_BUSY_MS}")


def postgres_lock(session: Session, lock: WriteLock) -> None:
    """Take the owner's advisory lock inside the session's transaction, waiting if need be."""
    keys = {"space": LOCK_NAMESPACE, "owner": lock.owner_id or NO_OWNER}
    got = session.execute(text("SELECT pg_try_advisory_xact_lock(:space, :owner)"), keys).scalar()
    if got:
        return
    if lock.on_wait is not None:
        lock.on_wait()
    # The transaction's own lock_timeout bounds the wait; it is put back once the lock is held.
    session.execute(text(f"SET LOCAL lock_timeout = {max(1, int(lock.timeout * 1000))}"))
    try:
        session.execute(text("SELECT pg_advisory_xact_lock(:space, :owner)"), keys)
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available
            raise lock.busy() from None
        raise
    session.execute(text("SET LOCAL lock_timeout = DEFAULT"))
