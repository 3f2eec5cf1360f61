"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from mutuals.store.database import open_database
from mutuals.store.models import Base


def test_migrations_match_the_models(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        db.dispose()


def test_opening_twice_is_idempotent(db_url: str) -> None:
    open_database(db_url).dispose()
    open_database(db_url).dispose()
