"""Opening a database: the engine, sessions, and migrations applied on start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from mutuals.clock import Clock, SystemClock

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why and where."""


@dataclass(frozen=True)
class Database:
    """An open database: its URL, engine and session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock

    @classmethod
    def of(cls, url: str, engine: Engine, clock: Clock) -> Database:
        """A database on ``engine`` whose sessions stamp new and changed rows by ``clock``."""
        return cls(
            url=url,
            engine=engine,
            sessions=sessionmaker(engine, expire_on_commit=False, info={"clock": clock}),
            clock=clock,
        )

    def with_clock(self, clock: Clock) -> Database:
        """The same database (and engine) with another clock."""
        return Database.of(self.url, self.engine, clock)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back entirely on any error."""
        with self.sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's built-in lower() folds only A-Z; PostgreSQL folds every letter. Replacing it keeps
    # case-insensitive search the same on both backends ("ольга" finds "Ольга").
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
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
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration."""
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
    **engine_kwargs: Any,
) -> Database:
    """Connect to ``url``, apply pending migrations, and return the open database."""
    try:
        engine = make_engine(url, **engine_kwargs)
        if migrate_schema:
            migrate(engine)
    except Exception as exc:  # any driver error: report it without a traceback
        from mutuals.settings import describe_url

        raise DatabaseError(f"cannot open database {describe_url(url)}: {exc}") from exc
    return Database.of(url, engine, clock or SystemClock())
