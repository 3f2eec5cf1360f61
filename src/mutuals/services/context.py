"""The open workspace every use case runs in: settings, database and the acting owner."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mutuals.clock import Clock
from mutuals.settings import Settings
from mutuals.store.database import Database, open_database
from mutuals.store.owners import get_or_create_default_owner


@dataclass(frozen=True)
class Workspace:
    """Settings, an open database and the owner whose data the use cases read and write."""

    settings: Settings
    db: Database
    owner_id: int

    @property
    def clock(self) -> Clock:
        """Where this workspace's "now" and "today" come from."""
        return self.db.clock

    def with_clock(self, clock: Clock) -> Workspace:
        """The same workspace, answering and stamping records as of ``clock``."""
        return replace(self, db=self.db.with_clock(clock))

    def close(self) -> None:
        self.db.dispose()


def open_workspace(
    settings: Settings, *, owner_id: int | None = None, clock: Clock | None = None
) -> Workspace:
    """Open (and migrate) the configured database, acting as ``owner_id`` or the default owner.

    The clock is ``clock``, else the settings' (pinned by ``MUTUALS_TODAY``, else the system's).
    """
    db = open_database(settings.resolved_database_url(), clock=clock or settings.clock())
    if owner_id is None:
        with db.transaction() as session:
            owner_id = get_or_create_default_owner(session).id
    return Workspace(settings=settings, db=db, owner_id=owner_id)
