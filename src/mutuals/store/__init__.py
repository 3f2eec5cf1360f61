"""Persistence: SQLAlchemy models, keyword-only repository functions and Alembic migrations."""

# Imported for its mapper events: every ORM write keeps a contact's lookup keys up to date.
from mutuals.store import contact_keys as contact_keys
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
