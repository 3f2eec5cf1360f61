"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from mutuals.store.database import alembic_config, make_engine, open_database
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


def test_accounts_migration_keeps_every_row_and_the_first_account_adopts_them(
    db_url: str, tmp_path: Path
) -> None:
    from mutuals.services.accounts import add_account
    from mutuals.services.contacts import list_contacts
    from mutuals.services.context import open_workspace
    from mutuals.settings import Settings

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0003")
    now = datetime(2026, 11, 30, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO owners (id, name, is_default, created_at, headline, interests, "
                "offers, needs, goals, industry, location) VALUES "
                "(1, 'Me', true, :now, 'Designer', '[]', '[\"logos\"]', '[]', '[]', '', '')"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO contacts (owner_id, first_name, last_name, emails, phones, company, "
                "position, location, linkedin_url, tags, notes, source, headline, interests, "
                "offers, needs, goals, stage, created_at, updated_at) VALUES (1, 'Ada', "
                "'Lovelace', '[]', '[]', '', '', '', '', '[]', 'kept', '', '', '[]', '[]', "
                "'[]', '[]', 'connected', :now, :now)"
            ),
            {"now": now},
        )
    engine.dispose()

    ws = open_workspace(Settings(data_dir=tmp_path, database_url=db_url))
    try:
        with ws.db.engine.connect() as conn:
            row = conn.execute(text("SELECT role, email, shares_network FROM owners")).one()
        assert tuple(row) == ("member", None, False)
        assert ws.owner_id == 1
        account, adopted = add_account(
            ws, email="me@example.org", name="Me", password="long enough"
        )
        assert adopted and account.id == 1 and account.role == "admin"
        assert [(c["name"], c["notes"]) for c in list_contacts(ws)] == [("Ada Lovelace", "kept")]
    finally:
        ws.close()


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


def test_person_keys_are_filled_in_for_ties_stored_before(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    command.upgrade(alembic_config(engine), "0005_data_safety")
    now = datetime(2026, 11, 30, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO owners (id, name, is_default, created_at, headline, interests, "
                "offers, needs, goals, industry, location) VALUES "
                "(1, 'Me', true, :now, '', '[]', '[]', '[]', '[]', '', '')"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO contacts (id, owner_id, first_name, last_name, emails, phones, "
                "company, position, location, linkedin_url, tags, notes, source, headline, "
                "interests, offers, needs, goals, stage, created_at, updated_at) VALUES (1, 1, "
                "'Bo', '', '[]', '[]', '', '', '', '', '[]', '', '', '', '[]', '[]', '[]', "
                "'[]', 'connected', :now, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO shared_ties (owner_id, from_contact_id, name, company, position, "
                "linkedin_url, strength, created_at) VALUES (1, 1, 'Ana  Silva', 'Initech', "
                "'CTO', 'https://uk.linkedin.com/in/Ana-Silva/', 0.5, :now)"
            ),
            {"now": now},
        )
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as conn:
        key = conn.execute(text("SELECT person_key FROM shared_ties")).scalar_one()
    engine.dispose()
    assert key == "https://www.linkedin.com/in/ana-silva\x1fana silva\x1finitech"
