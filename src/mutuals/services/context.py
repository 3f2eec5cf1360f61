"""The open workspace every use case runs in: settings, database and the acting owner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import select

from mutuals.clock import Clock
from mutuals.settings import Settings
from mutuals.store.database import Database, open_database
from mutuals.store.models import Owner
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
    settings: Settings,
    *,
    owner_id: int | None = None,
    clock: Clock | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Workspace:
    """Open (and migrate) the configured database, acting as ``owner_id`` or the default owner.

    The clock is ``clock``, else the settings' (pinned by ``MUTUALS_TODAY``, else the system's).
    ``on_wait`` is called when a write has to wait for another writer (an import) to finish.
    """
    db = open_database(
        settings.resolved_database_url(),
        clock=clock or settings.clock(),
        lock_timeout=settings.lock_timeout,
        on_wait=on_wait,
    )
    if owner_id is None:
        owner_id = _default_owner(db)
    return Workspace(settings=settings, db=db, owner_id=owner_id)


def _default_owner(db: Database) -> int:
    # Read first: taking the write lock on every start would make each command queue behind a
    # running import, when only the very first start needs to write.
    with db.transaction() as session:
        found = session.scalars(select(Owner.id).where(Owner.is_default.is_(True))).first()
    if found is not None:
        return found
    with db.writing(None) as session:
        return get_or_create_default_owner(session).id
