"""Alembic environment: migrations run on the engine that mutuals opened.

Two commands opening a database that needs migrating at the same moment must not both migrate
it: the migration runs under the database-wide write lock, and the one that waited then finds
the schema already at the head.
"""

from alembic import context
from sqlalchemy import text

from mutuals.store import locking
from mutuals.store.models import Base

config = context.config
engine = config.attributes["engine"]
lock = locking.WriteLock(owner_id=None, timeout=config.attributes.get("lock_timeout", 600.0))
sqlite = engine.dialect.name == "sqlite"
bind = engine.execution_options(**{locking.EXECUTION_OPTION: lock}) if sqlite else engine

with bind.begin() as connection:
    if not sqlite:
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:space, :key)"),
            {"space": locking.LOCK_NAMESPACE, "key": -1},
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
    )
    context.run_migrations()
