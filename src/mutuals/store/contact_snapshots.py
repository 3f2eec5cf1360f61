"""A deleted contact as plain JSON data, and putting it back: every row a delete removes (the
contact, its emails, stage history, outreach and ties, the links to its interactions and the
interactions that were with it alone), so that an undo restores exactly what was there.

Rows are found from the foreign keys to ``contacts``, not from a list kept by hand, so a table
added later is snapshotted and restored without anyone remembering to name it here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, FromClause, Table, insert, select
from sqlalchemy.orm import Session

from mutuals.store.models import Contact, Interaction, Organisation, interaction_contacts

Rows = dict[str, list[dict[str, Any]]]


def _tables() -> dict[str, Table]:
    return {table.name: table for table in Contact.metadata.sorted_tables}


def _referring(table: Table) -> list[Any]:
    contacts = Contact.__table__
    return [fk.parent for fk in table.foreign_keys if fk.column.table is contacts]


def lonely_interactions(session: Session, contact_id: int) -> list[int]:
    """The ids of the contact's interactions with no other contact (a delete removes them)."""
    links = interaction_contacts.c
    others = interaction_contacts.alias("others").c
    with_someone_else = (
        select(others.interaction_id)
        .where(others.interaction_id == links.interaction_id, others.contact_id != contact_id)
        .exists()
    )
    return list(
        session.scalars(
            select(links.interaction_id).where(links.contact_id == contact_id, ~with_someone_else)
        )
    )


def _encode(value: Any) -> Any:
    # JSON has no dates: ISO text, read back by the column's type (``_decode``).
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for name, value in row.items():
        column = table.c[name]
        if isinstance(value, str) and isinstance(column.type, DateTime):
            decoded[name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            decoded[name] = date.fromisoformat(value)
        else:
            decoded[name] = value
    return decoded


def _rows(session: Session, table: FromClause, where: Any) -> list[dict[str, Any]]:
    result = session.execute(select(table).where(where)).mappings()
    return [{key: _encode(value) for key, value in row.items()} for row in result]


def snapshot_contact(session: Session, contact_id: int) -> Rows:
    """Every row deleting the contact would remove, by table, as JSON-ready dicts."""
    tables = _tables()
    contacts = Contact.__table__
    snapshot: Rows = {"contacts": _rows(session, contacts, contacts.c.id == contact_id)}
    lonely = lonely_interactions(session, contact_id)
    if lonely:
        interactions = Interaction.__table__
        snapshot["interactions"] = _rows(session, interactions, interactions.c.id.in_(lonely))
    for name, table in tables.items():
        for column in _referring(table):
            found = _rows(session, table, column == contact_id)
            if found:
                snapshot.setdefault(name, []).extend(found)
    return snapshot


def restore_snapshot(session: Session, snapshot: Rows, *, owner_id: int) -> int:
    """Insert the rows of ``snapshot`` again, with their ids, for ``owner_id``; returns the
    contact's id. Raises ``ValueError`` for a snapshot of another owner's contact or of none.

    A conflict with what was added since (the same email on a new contact, say) raises the
    database's ``IntegrityError``; the caller's transaction then writes nothing.
    """
    people = snapshot.get("contacts") or []
    if len(people) != 1 or people[0].get("owner_id") != owner_id:
        raise ValueError("this is not a deleted contact of yours")
    person = dict(people[0])
    organisation = person.get("organisation_id")
    if organisation is not None and session.get(Organisation, organisation) is None:
        # The company's organisation went since; it is found again from the company name.
        person["organisation_id"] = None
    tables = _tables()
    for name, table in tables.items():
        rows = [person] if name == "contacts" else snapshot.get(name, [])
        if name not in snapshot or not rows:
            continue
        if any(row.get("owner_id", owner_id) != owner_id for row in rows):
            raise ValueError("this is not a deleted contact of yours")
        session.execute(insert(table), [_decode(table, row) for row in rows])
    session.flush()
    session.expire_all()
    return int(person["id"])
