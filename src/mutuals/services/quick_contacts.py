"""The contact list read straight from a SQLite file, with the standard library only, for
`mutuals contacts list`: loading SQLAlchemy would take most of the command's time.

It runs `mutuals.store.contact_query`'s query, the one `list_contacts` runs through the ORM, for
the default owner, and answers None whenever the database is not a plain SQLite file at the
newest schema with a default owner: the caller then takes `services.contacts.list_contacts`.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from mutuals.services.contact_records import contact_dict
from mutuals.store.contact_query import contact_list_sql
from mutuals.store.sqlite_read import default_owner_id, open_at_head


@dataclass(frozen=True, slots=True)
class ContactRow:
    """The columns a contact dictionary shows, as SQLAlchemy would hand them back on SQLite."""

    id: int
    first_name: str
    last_name: str
    emails: list[str]
    phones: list[str]
    company: str
    position: str
    location: str
    linkedin_url: str
    tags: list[str]
    notes: str
    source: str
    connected_on: date | None
    headline: str
    interests: list[str]
    offers: list[str]
    needs: list[str]
    goals: list[str]
    created_at: datetime
    updated_at: datetime

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @classmethod
    def read(cls, row: sqlite3.Row) -> ContactRow:
        """A row's values converted as SQLAlchemy's SQLite types convert them (``json.loads``,
        ``fromisoformat``)."""
        values: dict[str, Any] = dict(zip(row.keys(), row, strict=True))
        for name in ("emails", "phones", "tags", "interests", "offers", "needs", "goals"):
            values[name] = json.loads(values[name])
        if values["connected_on"] is not None:
            values["connected_on"] = date.fromisoformat(values["connected_on"])
        for name in ("created_at", "updated_at"):
            values[name] = datetime.fromisoformat(values[name])
        return cls(**values)


COLUMNS = tuple(f.name for f in fields(ContactRow))


def list_contacts_quickly(
    url: str,
    *,
    search: str | None = None,
    tag: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]] | None:
    """The default owner's contacts as `services.contacts.list_contacts` lists them, read over a
    read-only ``sqlite3`` connection; None when this database needs the full path."""
    if (limit is not None and limit < 0) or offset < 0:
        return None  # the full path refuses them, with its message
    connection = open_at_head(url)
    if connection is None:
        return None
    with closing(connection):
        try:
            owner_id = default_owner_id(connection)
            if owner_id is None:
                return None
            sql, params = contact_list_sql(
                dialect="sqlite",
                columns=COLUMNS,
                owner_id=owner_id,
                search=search,
                tag=tag,
                limit=limit,
                offset=offset,
            )
            connection.row_factory = sqlite3.Row
            rows = connection.execute(sql, params).fetchall()
            return [contact_dict(ContactRow.read(row)) for row in rows]
        except (sqlite3.Error, ValueError, TypeError):
            # Something SQLAlchemy would read differently or refuse: let it.
            return None
