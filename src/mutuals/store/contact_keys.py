"""The keys a contact is found by (LinkedIn URL, any email, name, name plus company), kept in
indexed columns and the ``contact_emails`` table whenever a contact is written.

Every write path keeps them: the ORM through mapper events below, bulk imports and restores
through ``derived_columns`` and ``add_emails``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, delete, event, func, insert, inspect, select, text
from sqlalchemy.orm import Mapper, Session

from mutuals.store.models import Contact, contact_emails

# SQLite allows 32,766 parameters a statement; lookups go in slices well below that.
SLICE = 500


def normalise_name(first: str, last: str) -> str:
    """The full name as the merge rules compare it: lower-case, single spaces."""
    return " ".join(f"{first} {last}".lower().split())


def normalise_company(company: str) -> str:
    return " ".join(company.lower().split())


@lru_cache(maxsize=65536)
def _digest(text: str) -> str:
    # A fixed-size key indexes any name, however long or however many bytes its letters take
    # (PostgreSQL refuses index entries over about 2,700 bytes).
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def name_key(first: str, last: str) -> str:
    """The key of a full name ("" for a contact without one)."""
    name = normalise_name(first, last)
    return _digest(name) if name else ""


def match_key(first: str, last: str, company: str) -> str:
    """The key of a full name plus company, the merge rules' third identity ("" without a name)."""
    name = normalise_name(first, last)
    return _digest(f"{name}\x1f{normalise_company(company)}") if name else ""


def email_key(email: str) -> str:
    return email.strip().lower()


def email_keys(emails: Iterable[str]) -> list[str]:
    """A contact's distinct email keys, in order."""
    return list(dict.fromkeys(k for k in map(email_key, emails) if k))


def derived_columns(values: Mapping[str, Any]) -> dict[str, str]:
    """The derived columns of a contact with these field values."""
    first, last = values.get("first_name") or "", values.get("last_name") or ""
    emails = email_keys(values.get("emails") or ())
    return {
        "primary_email": emails[0] if emails else "",
        "name_key": name_key(first, last),
        "match_key": match_key(first, last, values.get("company") or ""),
    }


def email_rows(owner_id: int, contact_id: int, emails: Iterable[str]) -> list[dict[str, Any]]:
    return [
        {"contact_id": contact_id, "owner_id": owner_id, "email": key} for key in email_keys(emails)
    ]


def add_emails(bind: Session | Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``contact_emails`` rows (from ``email_rows``)."""
    for start in range(0, len(rows), SLICE * 10):
        bind.execute(insert(contact_emails), list(rows[start : start + SLICE * 10]))


def replace_emails(
    bind: Session | Connection, *, owner_id: int, contact_id: int, emails: Iterable[str]
) -> None:
    """Make ``contact_emails`` hold exactly these addresses for the contact."""
    bind.execute(delete(contact_emails).where(contact_emails.c.contact_id == contact_id))
    rows = email_rows(owner_id, contact_id, emails)
    if rows:
        bind.execute(insert(contact_emails), rows)


def reserve_ids(session: Session, table: str, count: int) -> list[int]:
    """``count`` fresh ids for rows about to be inserted into ``table`` with explicit ids.

    Bulk inserts then need no RETURNING, which SQLite can only do a row at a time when the ids
    must come back in order. PostgreSQL hands out its sequence's next values; SQLite continues
    after the largest id, which is safe because a writing transaction holds the database's only
    write lock (``store.locking``).
    """
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :n)"
            ),
            {"n": count},
        )
        return sorted(int(value) for (value,) in rows)
    start = session.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()
    return list(range(int(start) + 1, int(start) + 1 + count))


def _slices(keys: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(keys))
    for start in range(0, len(items), SLICE):
        yield items[start : start + SLICE]


def earliest_by_url(session: Session, *, owner_id: int, urls: Iterable[str]) -> dict[str, int]:
    """LinkedIn URL -> the owner's contact with it (unique by constraint)."""
    found: dict[str, int] = {}
    for part in _slices(u for u in urls if u):
        rows = session.execute(
            select(Contact.linkedin_url, Contact.id).where(
                Contact.owner_id == owner_id,
                Contact.linkedin_url.in_(part),
                # Repeats the unique index's condition, so that the planner may use it.
                Contact.linkedin_url != "",
            )
        )
        found.update({url: contact_id for url, contact_id in rows})
    return found


def earliest_by_email(session: Session, *, owner_id: int, emails: Iterable[str]) -> dict[str, int]:
    """Email key -> the earliest (lowest id) of the owner's contacts holding it."""
    found: dict[str, int] = {}
    table = contact_emails.c
    for part in _slices(emails):
        rows = session.execute(
            select(table.email, func.min(table.contact_id))
            .where(table.owner_id == owner_id, table.email.in_(part))
            .group_by(table.email)
        )
        found.update({email: contact_id for email, contact_id in rows})
    return found


def earliest_by_match_key(
    session: Session, *, owner_id: int, keys: Iterable[str], without_url: bool = False
) -> dict[str, int]:
    """Name-plus-company key -> the earliest of the owner's contacts with it (optionally only
    among contacts without a LinkedIn URL)."""
    found: dict[str, int] = {}
    for part in _slices(k for k in keys if k):
        query = select(Contact.match_key, func.min(Contact.id)).where(
            Contact.owner_id == owner_id, Contact.match_key.in_(part)
        )
        if without_url:
            query = query.where(Contact.linkedin_url == "")
        rows = session.execute(query.group_by(Contact.match_key))
        found.update({key: contact_id for key, contact_id in rows})
    return found


def people_by_name_key(
    session: Session, *, owner_id: int, keys: Iterable[str]
) -> dict[str, tuple[int, int]]:
    """Full-name key -> (earliest contact id, how many of the owner's contacts have that name)."""
    found: dict[str, tuple[int, int]] = {}
    for part in _slices(k for k in keys if k):
        rows = session.execute(
            select(Contact.name_key, func.min(Contact.id), func.count())
            .where(Contact.owner_id == owner_id, Contact.name_key.in_(part))
            .group_by(Contact.name_key)
        )
        found.update({key: (contact_id, count) for key, contact_id, count in rows})
    return found


@event.listens_for(Contact, "before_insert")
@event.listens_for(Contact, "before_update")
def _derive(_mapper: Mapper[Contact], _connection: Connection, contact: Contact) -> None:
    for name, value in derived_columns(
        {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "company": contact.company,
            "emails": contact.emails,
        }
    ).items():
        if getattr(contact, name) != value:
            setattr(contact, name, value)


@event.listens_for(Contact, "after_insert")
def _emails_of_new(_mapper: Mapper[Contact], connection: Connection, contact: Contact) -> None:
    rows = email_rows(contact.owner_id, contact.id, contact.emails or ())
    if rows:
        connection.execute(insert(contact_emails), rows)


@event.listens_for(Contact, "after_update")
def _emails_of_changed(_mapper: Mapper[Contact], connection: Connection, contact: Contact) -> None:
    if inspect(contact).attrs.emails.history.has_changes():
        replace_emails(
            connection, owner_id=contact.owner_id, contact_id=contact.id, emails=contact.emails
        )
