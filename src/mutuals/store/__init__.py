"""Persistence: SQLAlchemy models, keyword-only repository functions and Alembic migrations.

Importing the package loads none of them (its names load on first use): `mutuals.store.sqlite_read`
and `mutuals.store.contact_query` serve a fast read-only command with the standard library only.
The contact keys' mapper events are registered by `mutuals.store.models` itself.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mutuals.store.database import Database, DatabaseError, migrate, open_database
    from mutuals.store.models import Base, Contact, ImportRun, Interaction, Organisation, Owner

__all__ = [
    "Base",
    "Contact",
    "Database",
    "DatabaseError",
    "ImportRun",
    "Interaction",
    "Organisation",
    "Owner",
    "migrate",
    "open_database",
]

_HOMES = {
    "Database": "mutuals.store.database",
    "DatabaseError": "mutuals.store.database",
    "migrate": "mutuals.store.database",
    "open_database": "mutuals.store.database",
}


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module(_HOMES.get(name, "mutuals.store.models")), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
