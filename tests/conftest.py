"""Shared fixtures: databases on SQLite and PostgreSQL, a workspace, and the shared data folder."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.schema import CreateIndex, CreateTable

from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.store.database import head_revision, make_engine, open_database
from mutuals.store.models import Base

# Not a test module: `make test-future` loads it into every process (see its docstring).
collect_ignore = ["faketime"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# On a shared machine a slow example is not a failure: no deadline, anywhere. In CI every property
# test also draws the same examples, so a red run is reproducible.
hypothesis_settings.register_profile("mutuals", deadline=None)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("mutuals"), derandomize=True, database=None
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "mutuals")

# Every test runs with the clock pinned to this day (through MUTUALS_TODAY, the same setting users
# have), so no answer depends on the machine's date; tests that step time pass their own clock.
TEST_TODAY = "2026-11-26"
POSTGRES_URL = os.environ.get(
    "MUTUALS_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALS_TODAY", TEST_TODAY)


# argon2id at the production cost (19 MiB, about 20 ms a hash here) is the point in production and
# dead time in hundreds of tests that create accounts. Tests hash at the lowest cost argon2 allows;
# tests/services/test_passwords.py, marked `real_password_hashing`, checks the real parameters.
_CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
_CHEAP_DUMMY_HASH = _CHEAP_HASHER.hash("no account has this password")


@pytest.fixture(autouse=True)
def _cheap_password_hashing(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if request.node.get_closest_marker("real_password_hashing"):
        return
    from mutuals.services import passwords

    monkeypatch.setattr(passwords, "HASHER", _CHEAP_HASHER)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", _CHEAP_DUMMY_HASH)


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test when it is absent (but fails in CI)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing, and CI must have ../shared")
        pytest.skip(f"{path} is absent (../shared is not beside the repository)")
    return path


def _postgres_reachable() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return None


_PG_PROBLEM: str | bool | None = False


def postgres_url_or_skip() -> str:
    """The test PostgreSQL URL, or a skip with the reason (a failure when it is required)."""
    global _PG_PROBLEM
    if _PG_PROBLEM is False:
        _PG_PROBLEM = _postgres_reachable()
    if isinstance(_PG_PROBLEM, str):
        message = f"PostgreSQL at {POSTGRES_URL} is unreachable ({_PG_PROBLEM})"
        if os.environ.get("MUTUALS_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " and MUTUALS_REQUIRE_POSTGRES=1")
        pytest.skip(message)
    return POSTGRES_URL


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after the test."""
    base = postgres_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, connect_args={"options": "-csynchronous_commit=off"})
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # Durability after a server crash is no concern of a test: commits need not wait for the disk
    # (which a test writing 30,000 rows on the other worker keeps busy).
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    url = make_url(base).update_query_dict({"options": options})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL (no schema yet), once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "empty.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest schema once per run; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "mutuals.db"
    open_database(sqlite_url(path)).dispose()
    return path


_SCHEMA_SCRIPTS: dict[str, str] = {}


def _schema_script(dialect: Dialect) -> str:
    """The models' tables and indexes as one DDL script, compiled once per dialect."""
    if dialect.name not in _SCHEMA_SCRIPTS:
        statements = []
        for table in Base.metadata.sorted_tables:
            statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
            for index in sorted(table.indexes, key=lambda ix: ix.name or ""):
                statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
        statements.append("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{head_revision()}')")
        _SCHEMA_SCRIPTS[dialect.name] = ";\n".join(statements) + ";"
    return _SCHEMA_SCRIPTS[dialect.name]


def create_schema_at_head(url: str) -> None:
    """Create the models' schema in an empty PostgreSQL schema and mark it as migrated to the
    head, without running Alembic.

    The migrations themselves are tested once (tests/store/test_migrations.py checks that they
    build exactly this schema); every other test starts from it in milliseconds. The DDL goes to
    the server as one script, a fifth quicker than a statement at a time.
    """
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(_schema_script(engine.dialect))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database at the newest schema, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        return sqlite_url(sqlite_copy(template, tmp_path / "mutuals.db"))
    url: str = request.getfixturevalue("postgres_url")
    create_schema_at_head(url)
    return url


def sqlite_copy(template: Path, target: Path) -> Path:
    """A copy of the migrated template at ``target``: a database at the newest schema, at once."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, sqlite_template: Path) -> Settings:
    """Settings with a private SQLite database (at the newest schema) in a temporary folder."""
    db = sqlite_copy(sqlite_template, tmp_path / "mutuals.db")
    return Settings(data_dir=tmp_path / "data", database_url=sqlite_url(db))


@pytest.fixture
def workspace(db_url: str, tmp_path: Path) -> Iterator[Workspace]:
    """An open workspace on each database backend."""
    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=db_url))
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def sqlite_workspace(settings: Settings) -> Iterator[Workspace]:
    """An open workspace on SQLite only, for tests that are not about storage."""
    ws = open_workspace(settings)
    try:
        yield ws
    finally:
        ws.close()
