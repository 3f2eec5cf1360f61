"""Persistence for connecting: friends' shared ties and open outreaches, scoped to one owner."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, delete, func, insert, select
from sqlalchemy.orm import Session

from mutuals.domain.person_key import person_key
from mutuals.store.database import session_clock
from mutuals.store.models import Contact, Interaction, Outreach, SharedTie, interaction_contacts

SHARE_FIELDS = ("name", "company", "position", "linkedin_url", "strength")


def replace_share(
    session: Session, *, owner_id: int, from_contact_id: int, people: Iterable[dict[str, Any]]
) -> int:
    """Replace everything ``from_contact_id`` shared with the owner by ``people``; their count."""
    session.execute(
        delete(SharedTie).where(
            SharedTie.owner_id == owner_id, SharedTie.from_contact_id == from_contact_id
        )
    )
    now = session_clock(session).now()
    rows = [
        {
            "owner_id": owner_id,
            "from_contact_id": from_contact_id,
            "created_at": now,
            **{k: p[k] for k in SHARE_FIELDS},
            "person_key": person_key(p["name"], p["company"], p["linkedin_url"]),
        }
        for p in people
    ]
    if rows:
        session.execute(insert(SharedTie), rows)
    return len(rows)


def shared_tie_keys(session: Session, *, owner_id: int) -> Sequence[Any]:
    """Every shared tie of the owner as ``(id, from_contact_id, strength, person_key)``, by id:
    what the graph is built from (names are read later, for the people shown)."""
    # Core, not the ORM: plain rows need no entity processing.
    return (
        session.connection()
        .execute(
            select(
                SharedTie.id, SharedTie.from_contact_id, SharedTie.strength, SharedTie.person_key
            )
            .where(SharedTie.owner_id == owner_id)
            .order_by(SharedTie.id)
        )
        .all()
    )


def shared_tie_details(session: Session, *, owner_id: int, ids: Iterable[int]) -> dict[int, Any]:
    """Name, company, position and LinkedIn URL of the owner's shared ties ``ids``, by id."""
    wanted = sorted(set(ids))
    out: dict[int, Any] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(
                SharedTie.id,
                SharedTie.name,
                SharedTie.company,
                SharedTie.position,
                SharedTie.linkedin_url,
            ).where(SharedTie.owner_id == owner_id, SharedTie.id.in_(wanted[start : start + 500]))
        )
        out.update((int(r.id), r) for r in rows)
    return out


def share_sizes(session: Session, *, owner_id: int) -> dict[int, int]:
    """How many ties each sharing contact has shared."""
    rows = session.execute(
        select(SharedTie.from_contact_id, func.count())
        .where(SharedTie.owner_id == owner_id)
        .group_by(SharedTie.from_contact_id)
    )
    return {int(cid): int(n) for cid, n in rows}


def contact_identity_columns(session: Session, *, owner_id: int) -> Sequence[Any]:
    """Each contact's id, names, company, position, LinkedIn URL, emails and stage, by id."""
    return session.execute(
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.position,
            Contact.linkedin_url,
            Contact.emails,
            Contact.stage,
        )
        .where(Contact.owner_id == owner_id)
        .order_by(Contact.id)
    ).all()


def introduction_links(session: Session, *, owner_id: int) -> Sequence[Any]:
    """``(interaction_id, contact_id)`` of every contact taking part in an interaction the owner
    logged with the kind "introduction", by interaction: the people an introduction joined."""
    # The kinds are a JSON list; its text holds the quoted kind on both databases.
    return (
        session.connection()
        .execute(
            select(interaction_contacts.c.interaction_id, interaction_contacts.c.contact_id)
            .join(Interaction, Interaction.id == interaction_contacts.c.interaction_id)
            .where(
                Interaction.owner_id == owner_id,
                cast(Interaction.kinds, String).like('%"introduction"%'),
            )
            .order_by(interaction_contacts.c.interaction_id, interaction_contacts.c.contact_id)
        )
        .all()
    )


def get_outreach(session: Session, *, owner_id: int, contact_id: int) -> Outreach | None:
    """The open outreach to a contact, if any."""
    return session.scalars(
        select(Outreach).where(Outreach.owner_id == owner_id, Outreach.contact_id == contact_id)
    ).one_or_none()


def record_attempt(
    session: Session, *, owner_id: int, contact_id: int, channel: str, on: date, note: str
) -> Outreach:
    """Open an outreach to a contact, or move its latest attempt to ``on`` (the wait restarts)."""
    outreach = get_outreach(session, owner_id=owner_id, contact_id=contact_id)
    if outreach is None:
        outreach = Outreach(owner_id=owner_id, contact_id=contact_id, attempted_on=on)
        session.add(outreach)
    if outreach.attempted_on is None or on >= outreach.attempted_on:
        outreach.attempted_on = on
        outreach.channel = channel
        outreach.note = note
    return outreach


def outreaches(session: Session, *, owner_id: int) -> Sequence[Any]:
    """The owner's open outreaches with the contact's name: contact_id, first_name, last_name,
    channel, attempted_on, by attempt day."""
    return session.execute(
        select(
            Outreach.contact_id,
            Contact.first_name,
            Contact.last_name,
            Outreach.channel,
            Outreach.attempted_on,
        )
        .join(Contact, Contact.id == Outreach.contact_id)
        .where(Outreach.owner_id == owner_id, Contact.owner_id == owner_id)
        .order_by(Outreach.attempted_on, Outreach.id)
    ).all()


def replies_since(
    session: Session, *, owner_id: int, contact_id: int, since: datetime
) -> datetime | None:
    """When the contact first wrote back or met the owner (received or mutual) since ``since``."""
    return session.scalar(
        select(func.min(Interaction.occurred_at))
        .join(interaction_contacts, interaction_contacts.c.interaction_id == Interaction.id)
        .where(
            Interaction.owner_id == owner_id,
            interaction_contacts.c.contact_id == contact_id,
            Interaction.direction.in_(("received", "mutual")),
            Interaction.occurred_at >= since,
        )
    )
