"""Opening a database: the engine, sessions, and migrations applied on start."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from mutuals.clock import Clock, SystemClock
from mutuals.store import locking
from mutuals.store.revision import MIGRATIONS, head_revision
from mutuals.store.revision import DatabaseError as DatabaseError
from mutuals.store.sqlite_read import unicode_lower

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_LOCK_TIMEOUT = 300.0


@dataclass(frozen=True)
class Database:
    """An open database: its URL, engine and session factory.

    ``lock_timeout`` is how long a writer waits for another writer of the same owner, and
    ``on_wait`` is called once when it has to wait (a command says so).
    """

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    on_wait: Callable[[], None] | None = None

    @classmethod
    def of(
        cls,
        url: str,
        engine: Engine,
        clock: Clock,
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        on_wait: Callable[[], None] | None = None,
    ) -> Database:
        """A database on ``engine`` whose sessions stamp new and changed rows by ``clock``."""
        return cls(
            url=url,
            engine=engine,
            sessions=sessionmaker(engine, expire_on_commit=False, info={"clock": clock}),
            clock=clock,
            lock_timeout=lock_timeout,
            on_wait=on_wait,
        )

    def with_clock(self, clock: Clock) -> Database:
        """The same database (and engine) with another clock."""
        return Database.of(
            self.url, self.engine, clock, lock_timeout=self.lock_timeout, on_wait=self.on_wait
        )

    def with_waiting(
        self, *, on_wait: Callable[[], None] | None = None, lock_timeout: float | None = None
    ) -> Database:
        """The same database with another wait notice or lock timeout."""
        timeout = self.lock_timeout if lock_timeout is None else lock_timeout
        return replace(self, on_wait=on_wait, lock_timeout=timeout)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back entirely on any error.

        For reading: a transaction that writes takes the owner's lock first (``writing``).
        """
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def writing(self, owner_id: int | None) -> Iterator[Session]:
        """A transaction that holds the write lock of ``owner_id`` (None: the whole database)
        from before its first read until it commits or rolls back (see ``store.locking``).

        Raises ``DatabaseBusy`` when another writer holds it longer than ``lock_timeout``.
        """
        lock = locking.WriteLock(owner_id, self.lock_timeout, self.on_wait)
        with self.sessions.begin() as session:
            # On SQLite the transaction begins here, with BEGIN IMMEDIATE (store.locking).
            session.connection(execution_options={locking.EXECUTION_OPTION: lock})
            if self.engine.dialect.name == "postgresql":
                locking.postgres_lock(session, lock)
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    locking.sqlite_connect(dbapi_connection, record)
    unicode_lower(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``, creating the SQLite file's folder when needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", locking.sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def stored_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a new (or never migrated) database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration.

    A database already at the head is left alone without loading Alembic, which costs most of a
    short command's start-up.
    """
    if stored_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def session_clock(session: Session) -> Clock:
    """The clock a session stamps rows with (the system clock for a bare session)."""
    clock = session.info.get("clock")
    return clock if clock is not None else SystemClock()


@event.listens_for(Session, "before_flush")
def _stamp_times(session: Session, _context: Any, _instances: Any) -> None:
    # Rows take their created/updated times from the workspace's clock rather than the machine's,
    # so a command run with --today records what it creates as made on that day.
    now = session_clock(session).now()
    for row in session.new:
        for name in ("created_at", "updated_at", "started_at"):
            if hasattr(row, name) and getattr(row, name) is None:
                setattr(row, name, now)
    for row in session.dirty:
        if hasattr(row, "updated_at") and session.is_modified(row):
            row.updated_at = now


def open_database(
    url: str,
    *,
    migrate_schema: bool = True,
    clock: Clock | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
    **engine_kwargs: Any,
) -> Database:
    """Connect to ``url``, apply pending migrations, and return the open database."""
    try:
        engine = make_engine(url, **engine_kwargs)
        if migrate_schema:
            migrate(engine)
    except locking.DatabaseBusy:
        raise
    except Exception as exc:  # any driver error: report it without a traceback
        from mutuals.settings import describe_url

        raise DatabaseError(f"cannot open database {describe_url(url)}: {exc}") from exc
    return Database.of(
        url, engine, clock or SystemClock(), lock_timeout=lock_timeout, on_wait=on_wait
    )
