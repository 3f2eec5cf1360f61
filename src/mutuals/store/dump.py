"""Reading and writing whole tables for backups, with the owner filter applied in the store layer.

Every backed-up table has an owner rule here; a table without one cannot be dumped at all, so a
new table can never leak another member's rows into someone's export.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import ColumnElement, Table, func, insert, null, select, text
from sqlalchemy.orm import Session

from mutuals.domain.person_key import person_key
from mutuals.store import contact_keys
from mutuals.store.models import Base

# Derived caches and indexes are rebuilt on demand or on restore, so backups leave them out; so
# are sign-in sessions, failed logins and the server's signing secret, which belong to one server.
EXCLUDED_TABLES: Final = frozenset(
    {"embeddings", "contact_emails", "auth_sessions", "login_failures", "app_settings"}
)
DERIVED_COLUMNS: Final[Mapping[str, frozenset[str]]] = {
    "contacts": frozenset({"primary_email", "name_key", "match_key"}),
    "shared_ties": frozenset({"person_key"}),
    "community_ties": frozenset({"person_key"}),
}
# A member's own backup holds their network and profile, never credentials.
MEMBER_EXCLUDED_TABLES: Final = frozenset({"api_tokens", "invitations"})
MEMBER_BLANKED_COLUMNS: Final[Mapping[str, frozenset[str]]] = {
    "owners": frozenset({"password_hash"}),
    # An organiser's own backup holds their events' lists, but not which other members are on
    # them: those accounts are not in it.
    "event_attendees": frozenset({"member_id"}),
}
CHUNK: Final = 1000


def backed_up_tables(*, member: bool = False) -> list[Table]:
    """The tables a backup holds (a member's own backup: fewer), parents before children."""
    skip = EXCLUDED_TABLES | (MEMBER_EXCLUDED_TABLES if member else frozenset())
    return [t for t in Base.metadata.sorted_tables if t.name not in skip]


def backed_up_columns(table: Table) -> list[str]:
    """The columns of ``table`` a backup holds, in the table's order."""
    skip = DERIVED_COLUMNS.get(table.name, frozenset())
    return [c.name for c in table.c if c.name not in skip]


def owner_filter(table: Table, owner_id: int) -> ColumnElement[bool]:
    """The condition selecting ``owner_id``'s rows of ``table``."""
    if table.name == "owners":
        return table.c.id == owner_id
    if "owner_id" in table.c:
        return table.c.owner_id == owner_id
    if table.name == "interaction_contacts":
        interactions = Base.metadata.tables["interactions"]
        return table.c.interaction_id.in_(
            select(interactions.c.id).where(interactions.c.owner_id == owner_id)
        )
    # An event's rows belong to its organiser.
    events = Base.metadata.tables["events"]
    organised = select(events.c.id).where(events.c.owner_id == owner_id)
    if "event_id" in table.c:
        return table.c.event_id.in_(organised)
    if table.name == "event_links":
        attendees = Base.metadata.tables["event_attendees"]
        return table.c.attendee_id.in_(
            select(attendees.c.id).where(attendees.c.event_id.in_(organised))
        )
    raise LookupError(f"table {table.name} has no owner rule; add one to mutuals.store.dump")


def table_rows(session: Session, table: Table, *, owner_id: int | None) -> Iterator[Any]:
    """The rows of ``table`` in primary-key order: every owner's, or only ``owner_id``'s (with
    their credentials left blank)."""
    blank = MEMBER_BLANKED_COLUMNS.get(table.name, frozenset()) if owner_id is not None else ()
    columns = [
        null().label(name) if name in blank else table.c[name] for name in backed_up_columns(table)
    ]
    query = select(*columns).order_by(*table.primary_key.columns)
    if owner_id is not None:
        query = query.where(owner_filter(table, owner_id))
    yield from session.execute(query).mappings()


def holds_data(session: Session, *, skip: Sequence[str] = ("owners",)) -> str | None:
    """The name of a backed-up table (other than ``skip``) that holds rows, or None."""
    for table in backed_up_tables():
        if table.name not in skip and session.scalar(select(func.count()).select_from(table)):
            return table.name
    return None


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert backup rows into ``table``, deriving what backups leave out (contact keys, the
    person keys of ties)."""
    for start in range(0, len(rows), CHUNK):
        part = [dict(row) for row in rows[start : start + CHUNK]]
        if table.name == "contacts":
            for row in part:
                row.update(contact_keys.derived_columns(row))
        elif table.name in ("shared_ties", "community_ties"):
            for row in part:
                row["person_key"] = person_key(row["name"], row["company"], row["linkedin_url"])
        session.execute(insert(table), part)
        if table.name == "contacts":
            contact_keys.add_emails(
                session,
                [
                    email
                    for row in part
                    for email in contact_keys.email_rows(row["owner_id"], row["id"], row["emails"])
                ],
            )


def reset_sequences(session: Session) -> None:
    """After rows were inserted with their ids, make PostgreSQL's id sequences continue above."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c["id"].autoincrement:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
