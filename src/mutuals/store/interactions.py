"""Persistence functions for interactions, scoped to one owner."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutuals.store.models import Contact, Interaction, interaction_contacts


def create_interaction(
    session: Session,
    *,
    owner_id: int,
    contacts: Sequence[Contact],
    occurred_at: datetime,
    channel: str,
    direction: str,
    kinds: Sequence[str] = (),
    summary: str = "",
    source: str = "",
    fingerprint: str | None = None,
) -> Interaction:
    """Record one interaction with one or more of the owner's contacts."""
    if any(c.owner_id != owner_id for c in contacts):
        raise ValueError("an interaction can only involve the owner's own contacts")
    interaction = Interaction(
        owner_id=owner_id,
        occurred_at=occurred_at,
        channel=channel,
        direction=direction,
        kinds=list(kinds),
        summary=summary,
        source=source,
        fingerprint=fingerprint,
        contacts=list(contacts),
    )
    session.add(interaction)
    return interaction


def fingerprints(session: Session, *, owner_id: int) -> set[str]:
    """Fingerprints of the owner's imported interactions, to keep re-imports idempotent."""
    rows = session.scalars(
        select(Interaction.fingerprint).where(
            Interaction.owner_id == owner_id, Interaction.fingerprint.is_not(None)
        )
    )
    return {f for f in rows if f}


def interactions_for_contact(
    session: Session, *, owner_id: int, contact_id: int
) -> Sequence[Interaction]:
    """The owner's interactions involving a contact, newest first."""
    return session.scalars(
        select(Interaction)
        .join(interaction_contacts, interaction_contacts.c.interaction_id == Interaction.id)
        .where(Interaction.owner_id == owner_id, interaction_contacts.c.contact_id == contact_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    ).all()
