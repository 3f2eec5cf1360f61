"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from mutuals.store.database import open_database
from mutuals.store.models import Base


def test_migrations_match_the_models(empty_db_url: str) -> None:
    db = open_database(empty_db_url)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        db.dispose()


def test_opening_twice_is_idempotent(empty_db_url: str) -> None:
    open_database(empty_db_url).dispose()
    open_database(empty_db_url).dispose()


def test_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from mutuals.store.database import MIGRATIONS, alembic_config, head_revision, make_engine

    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(alembic_config(engine))
    assert script.get_heads() == [head_revision()]
    assert MIGRATIONS.is_dir()


def test_a_database_behind_the_head_is_migrated_on_open(empty_db_url: str) -> None:
    from alembic import command

    from mutuals.store.database import alembic_config, head_revision, make_engine, stored_revision

    engine = make_engine(empty_db_url)
    command.upgrade(alembic_config(engine), "0002")
    assert stored_revision(engine) == "0002"
    engine.dispose()
    db = open_database(empty_db_url)
    try:
        assert stored_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_opening_a_database_at_the_head_does_not_load_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'at-head.db'}"
    open_database(url).dispose()
    probe = (
        "import sys\nfrom mutuals.store.database import open_database\n"
        f"open_database({url!r}).dispose()\nprint('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
