"""The open workspace every use case runs in: settings, database and the acting owner."""

from __future__ import annotations

from dataclasses import dataclass

from mutuals.settings import Settings
from mutuals.store.database import Database, open_database
from mutuals.store.owners import get_or_create_default_owner


@dataclass(frozen=True)
class Workspace:
    """Settings, an open database and the owner whose data the use cases read and write."""

    settings: Settings
    db: Database
    owner_id: int

    def close(self) -> None:
        self.db.dispose()


def open_workspace(settings: Settings, *, owner_id: int | None = None) -> Workspace:
    """Open (and migrate) the configured database, acting as ``owner_id`` or the default owner."""
    db = open_database(settings.resolved_database_url())
    if owner_id is None:
        with db.transaction() as session:
            owner_id = get_or_create_default_owner(session).id
    return Workspace(settings=settings, db=db, owner_id=owner_id)
