"""The schema revision a database must be at, read from the migration files with the standard
library only, so that a read-only command can check it without loading SQLAlchemy or Alembic."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*"([^"]+)"', re.MULTILINE)


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why and where."""


def head_revision() -> str:
    """The newest migration's revision id, read from the migration files without loading Alembic.

    (A test checks that it agrees with Alembic's own view of the head.)
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    if len(heads) != 1:
        raise DatabaseError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()
