"""Persistence functions for contacts and organisations. Every query is scoped to one owner."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, case, delete, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mutuals.domain.limits import check_contact_fields
from mutuals.store.contact_keys import email_keys
from mutuals.store.contact_query import contact_list_sql
from mutuals.store.contact_snapshots import lonely_interactions
from mutuals.store.database import session_clock
from mutuals.store.models import (
    Contact,
    Interaction,
    Organisation,
    Outreach,
    SharedTie,
    StageChange,
    interaction_contacts,
)

EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "emails",
    "phones",
    "company",
    "position",
    "location",
    "linkedin_url",
    "tags",
    "notes",
    "source",
    "connected_on",
    "headline",
    "interests",
    "offers",
    "needs",
    "goals",
)

# Ids are INTEGER columns: 32 bits on PostgreSQL.
MAX_ID = 2**31 - 1


def get_or_create_organisation(session: Session, *, owner_id: int, name: str) -> Organisation:
    """The owner's organisation called ``name``, created on first mention."""
    org_id = organisation_ids_for(session, owner_id=owner_id, names=[name])[name]
    return session.get_one(Organisation, org_id)


def organisation_ids_for(
    session: Session, *, owner_id: int, names: Iterable[str]
) -> dict[str, int]:
    """The ids of the owner's organisations with these names, creating the missing ones.

    Creation is an insert that ignores a conflict, then a read: another writer that creates the
    same organisation at the same moment makes this one find it, never fail on the unique name.
    """
    wanted = sorted({n for n in names if n})
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        found.update(_organisations_named(session, owner_id, part))
        missing = [n for n in part if n not in found]
        if missing:
            upsert = postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert
            now = session_clock(session).now()
            session.execute(
                upsert(Organisation)
                .values([{"owner_id": owner_id, "name": n, "created_at": now} for n in missing])
                .on_conflict_do_nothing(index_elements=["owner_id", "name"])
            )
            found.update(_organisations_named(session, owner_id, missing))
    return found


def _organisations_named(session: Session, owner_id: int, names: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(Organisation.name, Organisation.id).where(
            Organisation.owner_id == owner_id, Organisation.name.in_(names)
        )
    )
    return {name: org_id for name, org_id in rows}


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def organisation_ids(session: Session, *, owner_id: int) -> dict[str, int]:
    """The owner's organisations by name, for bulk work that must not query per row."""
    rows = session.execute(
        select(Organisation.name, Organisation.id).where(Organisation.owner_id == owner_id)
    )
    return {name: org_id for name, org_id in rows}


class DuplicateContact(ValueError):
    """Another of the owner's contacts already has this LinkedIn URL (or, without one, email)."""


def check_unique_keys(
    session: Session,
    *,
    owner_id: int,
    linkedin_url: str,
    emails: Sequence[str],
    contact_id: int | None = None,
) -> None:
    """Raise ``DuplicateContact`` naming the other contact when these values would give a second
    contact the same merge key (the database refuses it too, less politely)."""
    query = select(Contact.id, Contact.first_name, Contact.last_name).where(
        Contact.owner_id == owner_id
    )
    if linkedin_url:
        query, what = query.where(Contact.linkedin_url == linkedin_url), "LinkedIn URL"
    else:
        keys = email_keys(emails)
        if not keys:
            return
        query = query.where(Contact.linkedin_url == "", Contact.primary_email == keys[0])
        what = "first email (and no LinkedIn URL either); add a LinkedIn URL to tell them apart"
    if contact_id is not None:
        query = query.where(Contact.id != contact_id)
    with session.no_autoflush:
        other = session.execute(query.limit(1)).first()
    if other is not None:
        name = " ".join(p for p in (other.first_name, other.last_name) if p)
        raise DuplicateContact(f"#{other.id} {name} already has this {what}")


def create_contact(
    session: Session,
    *,
    owner_id: int,
    organisations: dict[str, int] | None = None,
    **fields: Any,
) -> Contact:
    """Add a contact for ``owner_id`` with the given fields (see ``EDITABLE_FIELDS``).

    ``organisations`` is an optional name → id cache, kept up to date, for bulk imports.
    """
    _check_fields(fields)
    check_unique_keys(
        session,
        owner_id=owner_id,
        linkedin_url=fields.get("linkedin_url") or "",
        emails=fields.get("emails") or (),
    )
    contact = Contact(owner_id=owner_id, **fields)
    _link_organisation(session, contact, organisations)
    session.add(contact)
    return contact


def update_contact(
    session: Session,
    *,
    contact: Contact,
    organisations: dict[str, int] | None = None,
    **fields: Any,
) -> bool:
    """Set the given fields; True when anything changed."""
    _check_fields(fields)
    if {"linkedin_url", "emails"} & fields.keys():
        check_unique_keys(
            session,
            owner_id=contact.owner_id,
            linkedin_url=fields.get("linkedin_url", contact.linkedin_url) or "",
            emails=fields.get("emails", contact.emails) or (),
            contact_id=contact.id,
        )
    changed = False
    for name, value in fields.items():
        if getattr(contact, name) != value:
            setattr(contact, name, value)
            changed = True
    if changed and "company" in fields:
        _link_organisation(session, contact, organisations)
    return changed


def get_contact(session: Session, *, owner_id: int, contact_id: int) -> Contact | None:
    """The owner's contact with this id, or None (also when it belongs to someone else)."""
    if not 0 < contact_id <= MAX_ID:
        # No row has such an id, and a bigger number is a driver error on either backend.
        return None
    return session.scalars(
        select(Contact).where(Contact.owner_id == owner_id, Contact.id == contact_id)
    ).first()


def find_contacts(
    session: Session,
    *,
    owner_id: int,
    search: str | None = None,
    tag: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Sequence[Contact]:
    """The owner's contacts in name order, filtered by tag and by a search: every word must appear
    in the name, company, position, headline, emails, offers, needs, interests or notes (the
    query is `mutuals.store.contact_query`'s, which the quick read path shares)."""
    columns = list(Contact.__table__.columns)
    sql, params = contact_list_sql(
        dialect=_dialect(session),
        columns=[column.name for column in columns],
        owner_id=owner_id,
        search=search,
        tag=tag,
        limit=limit,
        offset=offset,
    )
    query = select(Contact).from_statement(text(sql).columns(*columns))
    return session.scalars(query, params).all()


def count_contacts(session: Session, *, owner_id: int) -> int:
    """How many contacts the owner has."""
    return (
        session.scalar(
            select(func.count()).select_from(Contact).where(Contact.owner_id == owner_id)
        )
        or 0
    )


def find_by_name(session: Session, *, owner_id: int, name: str) -> Sequence[Contact]:
    """Contacts whose full name equals ``name`` (case-insensitive), or failing that contains it."""
    wanted = " ".join(name.lower().split())
    # The full name as Contact.full_name builds it, computed in SQL so that a lookup by name does
    # not load the whole network.
    full = func.lower(
        case(
            (Contact.last_name == "", Contact.first_name),
            (Contact.first_name == "", Contact.last_name),
            else_=Contact.first_name + " " + Contact.last_name,
        )
    )
    mine = select(Contact).where(Contact.owner_id == owner_id).order_by(Contact.id)
    exact = session.scalars(mine.where(full == wanted)).all()
    if exact:
        return exact
    return session.scalars(mine.where(full.contains(wanted, autoescape=True))).all()


def all_contacts(session: Session, *, owner_id: int) -> Sequence[Contact]:
    """Every contact of the owner, in id order."""
    return session.scalars(
        select(Contact).where(Contact.owner_id == owner_id).order_by(Contact.id)
    ).all()


def delete_contact(session: Session, *, contact: Contact) -> int:
    """Delete the contact, its stage history and shared tie, and the interactions that were
    with it alone (a group interaction stays with the others). Returns how many were deleted."""
    links = interaction_contacts.c
    lonely = lonely_interactions(session, contact.id)
    session.execute(delete(interaction_contacts).where(links.contact_id == contact.id))
    if lonely:
        session.execute(delete(Interaction).where(Interaction.id.in_(lonely)))
    # Every other row about the contact (stage history, outreach, ties) goes with it; named here
    # rather than left to ON DELETE CASCADE, so no table added later is forgotten on any backend.
    for column in _contact_references():
        session.execute(delete(column.table).where(column == contact.id))
    session.delete(contact)
    session.flush()
    # Interactions loaded earlier in this session may still list the contact.
    session.expire_all()
    return len(lonely)


def move_contact_links(session: Session, *, source: Contact, target: Contact) -> int:
    """Move every interaction and stage change of ``source`` to ``target`` (both the same
    owner's); an interaction with both stays once. Returns how many interactions moved."""
    links = interaction_contacts.c
    shared = select(links.interaction_id).where(links.contact_id == target.id)
    session.execute(
        delete(interaction_contacts).where(
            links.contact_id == source.id, links.interaction_id.in_(shared)
        )
    )
    moved = session.execute(
        update(interaction_contacts)
        .where(links.contact_id == source.id)
        .values(contact_id=target.id)
    )
    session.execute(
        update(StageChange).where(StageChange.contact_id == source.id).values(contact_id=target.id)
    )
    session.execute(
        update(SharedTie)
        .where(SharedTie.from_contact_id == source.id)
        .values(from_contact_id=target.id)
    )
    target_outreach = select(Outreach.id).where(Outreach.contact_id == target.id)
    if session.scalar(target_outreach) is None:
        session.execute(
            update(Outreach).where(Outreach.contact_id == source.id).values(contact_id=target.id)
        )
    session.flush()
    session.expire_all()
    count: int = getattr(moved, "rowcount", 0) or 0
    return count


def _contact_references() -> list[Column[Any]]:
    """Every column, outside the interaction links, that refers to a contact."""
    found: list[Column[Any]] = []
    for table in Contact.metadata.sorted_tables:
        if table is interaction_contacts:
            continue
        for fk in table.foreign_keys:
            if fk.column.table is Contact.__table__:
                found.append(fk.parent)
    return found


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {', '.join(sorted(unknown))}")
    # The last line of defence: whatever path a value took, it is checked here against the same
    # limits on SQLite and PostgreSQL, so no database error can show its SQL and data.
    check_contact_fields(fields)


def _link_organisation(session: Session, contact: Contact, cache: dict[str, int] | None) -> None:
    if not contact.company:
        contact.organisation_id = None
        return
    if cache is not None and contact.company in cache:
        contact.organisation_id = cache[contact.company]
        return
    org = get_or_create_organisation(session, owner_id=contact.owner_id, name=contact.company)
    contact.organisation_id = org.id
    if cache is not None:
        cache[contact.company] = org.id
