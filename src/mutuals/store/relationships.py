"""Persistence for relationship building: cadences, snoozes, stages and the columns the engine reads.

Every function is scoped to one owner. Values are checked by the services (against the engine's
rules) before they reach these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from mutuals.store.models import Contact, Interaction, StageChange, TagCadence, interaction_contacts


def set_contact_cadence(
    session: Session, *, contact: Contact, every_days: int | None, max_days: int | None
) -> None:
    """Set (or with ``None``, clear) the contact's own stay-in-touch cadence."""
    contact.cadence_every_days = every_days
    contact.cadence_max_days = max_days


def set_tag_cadence(
    session: Session, *, owner_id: int, tag: str, every_days: int, max_days: int
) -> TagCadence:
    """Set the cadence of every contact tagged ``tag``, replacing any earlier one."""
    row = session.scalars(
        select(TagCadence).where(TagCadence.owner_id == owner_id, TagCadence.tag == tag)
    ).first()
    if row is None:
        row = TagCadence(owner_id=owner_id, tag=tag, every_days=every_days, max_days=max_days)
        session.add(row)
    else:
        row.every_days, row.max_days = every_days, max_days
    session.flush()
    return row


def delete_tag_cadence(session: Session, *, owner_id: int, tag: str) -> bool:
    """Remove the cadence of a tag; True when there was one."""
    row = session.scalars(
        select(TagCadence).where(TagCadence.owner_id == owner_id, TagCadence.tag == tag)
    ).first()
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def tag_cadences(session: Session, *, owner_id: int) -> Sequence[TagCadence]:
    """The owner's tag cadences, by tag."""
    return session.scalars(
        select(TagCadence).where(TagCadence.owner_id == owner_id).order_by(TagCadence.tag)
    ).all()


def snooze_contact(session: Session, *, contact: Contact, until: date | None) -> None:
    """Hide the contact's follow-up until ``until`` (``None`` lifts the snooze)."""
    contact.snoozed_until = until


def add_stage_change(
    session: Session, *, contact: Contact, stage: str, on: date, note: str = ""
) -> StageChange:
    """Record that the contact entered ``stage`` on ``on``; the contact's current stage becomes
    the latest stage in its history (a back-dated move does not override a later one)."""
    change = StageChange(
        owner_id=contact.owner_id, contact_id=contact.id, stage=stage, changed_on=on, note=note
    )
    session.add(change)
    session.flush()
    history = stage_changes(session, owner_id=contact.owner_id, contact_id=contact.id)
    contact.stage = history[-1].stage
    session.flush()
    return change


def stage_changes(session: Session, *, owner_id: int, contact_id: int) -> Sequence[StageChange]:
    """The contact's stage history, oldest first (same-day moves in the order recorded)."""
    return session.scalars(
        select(StageChange)
        .where(StageChange.owner_id == owner_id, StageChange.contact_id == contact_id)
        .order_by(StageChange.changed_on, StageChange.id)
    ).all()


def contact_columns(session: Session, *, owner_id: int) -> Sequence[Any]:
    """Every contact as the columns the relationship engine needs, in id order.

    Rows hold ``id, first_name, last_name, tags, cadence_every_days, cadence_max_days,
    snoozed_until, stage, connected_on, created_at``; plain columns, not objects, so that tens of
    thousands of contacts load quickly.
    """
    return (
        session.connection()
        .execute(
            select(
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                Contact.tags,
                Contact.cadence_every_days,
                Contact.cadence_max_days,
                Contact.snoozed_until,
                Contact.stage,
                Contact.connected_on,
                Contact.created_at,
            )
            .where(Contact.owner_id == owner_id)
            .order_by(Contact.id)
        )
        .all()
    )


def utc_day(session: Session) -> Any:
    """An SQL expression for the UTC day of ``occurred_at`` as ``YYYY-MM-DD`` text.

    Reading the day as text lets the database skip building a datetime object per row.
    SQLite holds the UTC timestamp as text already; PostgreSQL converts it.
    """
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", Interaction.occurred_at), "YYYY-MM-DD")
    return func.substr(Interaction.occurred_at, 1, 10)


def interaction_columns(
    session: Session,
    *,
    owner_id: int,
    contact_ids: Sequence[int] | None = None,
    with_kinds: bool = True,
) -> Sequence[Any]:
    """One row per (interaction, contact involved): ``contact_id, day`` (UTC, ``YYYY-MM-DD``),
    ``channel, direction`` and, with ``with_kinds``, ``kinds`` (a JSON list as text). Limited to ``contact_ids`` when
    given."""
    columns: list[Any] = [
        interaction_contacts.c.contact_id,
        utc_day(session).label("day"),
        Interaction.channel,
        Interaction.direction,
    ]
    if with_kinds:
        # As JSON text: a network repeats a few dozen combinations of kinds, which the caller
        # decodes once each instead of once per row.
        columns.append(cast(Interaction.kinds, String).label("kinds"))
    query = (
        select(*columns)
        .join(interaction_contacts, interaction_contacts.c.interaction_id == Interaction.id)
        .where(Interaction.owner_id == owner_id)
    )
    if contact_ids is not None:
        query = query.where(interaction_contacts.c.contact_id.in_(list(contact_ids)))
    # Core execution: tens of thousands of plain rows need none of the ORM's per-row work.
    return session.connection().execute(query).all()


def latest_interaction_at(session: Session, *, owner_id: int, contact_id: int) -> datetime | None:
    """When the owner last interacted with the contact, or ``None``."""
    latest: datetime | None = session.scalar(
        select(func.max(Interaction.occurred_at))
        .join(interaction_contacts, interaction_contacts.c.interaction_id == Interaction.id)
        .where(Interaction.owner_id == owner_id, interaction_contacts.c.contact_id == contact_id)
    )
    return latest
