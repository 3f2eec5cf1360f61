"""Persistence: SQLAlchemy models, keyword-only repository functions and Alembic migrations."""

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
