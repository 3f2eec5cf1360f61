"""The standard-library SQLite reader: which URLs it reads, and that reading changes nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from mutuals.services.context import open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.store.sqlite_read import default_owner_id, open_at_head, sqlite_file


@pytest.mark.parametrize(
    "url",
    ["sqlite:////srv/data/mutuals.db", "sqlite:///relative.db", "sqlite:////a b/ünï.db"],
)
def test_a_plain_sqlite_url_names_the_file_sqlalchemy_opens(url: str) -> None:
    assert str(sqlite_file(url)) == make_url(url).database


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite+pysqlite:////srv/m.db",
        "sqlite:////srv/a%20b.db",
        "sqlite:////srv/m.db?mode=ro",
        "postgresql+psycopg://me@db/m",
    ],
)
def test_other_urls_are_left_to_sqlalchemy(url: str) -> None:
    assert sqlite_file(url) is None


def test_reading_writes_nothing(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "mutuals.db"
    shutil.copyfile(sqlite_template, path)
    ws = open_workspace(Settings(database_url=sqlite_url(path)))
    owner_id = ws.owner_id
    ws.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    connection = open_at_head(sqlite_url(path))
    assert connection is not None
    try:
        assert default_owner_id(connection) == owner_id
        with pytest.raises(Exception, match="readonly"):
            connection.execute("DELETE FROM contacts")
    finally:
        connection.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
