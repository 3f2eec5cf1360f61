"""A mutual match enters the networks of the attendees who are members: the other person as a
contact (new, or merged by email or LinkedIn URL) at stage "connected", with an "event"
interaction on the event's day."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutuals.io.cells import split_name
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store.event_models import Event, EventAttendee
from mutuals.store.models import Contact, Interaction
from mutuals.store.relationships import add_stage_change

SOURCE = "event"
# Stages before "connected": a match moves a contact on, never back from a closer stage.
EARLIER_STAGES = frozenset({"prospect", "dormant"})


def hand_over(session: Session, event: Event, a: EventAttendee, b: EventAttendee) -> int:
    """Put each into the other's network where that one is a member; returns how many
    networks changed."""
    changed = 0
    for member, other in ((a, b), (b, a)):
        if member.member_id is not None and member.member_id != other.member_id:
            add_to_network(session, owner_id=member.member_id, person=other, event=event)
            changed += 1
    return changed


def _find(session: Session, owner_id: int, person: EventAttendee) -> Contact | None:
    contacts = session.scalars(
        select(Contact).where(Contact.owner_id == owner_id).order_by(Contact.id)
    ).all()
    if person.linkedin_url:
        for contact in contacts:
            if contact.linkedin_url == person.linkedin_url:
                return contact
    email = person.email.lower()
    for contact in contacts:
        if email in (e.lower() for e in contact.emails):
            stored = contact.linkedin_url
            if not (stored and person.linkedin_url and stored != person.linkedin_url):
                return contact
    return None


def add_to_network(session: Session, *, owner_id: int, person: EventAttendee, event: Event) -> None:
    """Add or merge ``person`` in the member's network and log that they met at ``event``."""
    day = event.starts_at.date()
    contact = _find(session, owner_id, person)
    if contact is None:
        first, last = split_name(person.name)
        contact = contact_store.create_contact(
            session,
            owner_id=owner_id,
            first_name=first,
            last_name=last,
            emails=[person.email],
            phones=[person.phone] if person.phone else [],
            company=person.company,
            position=person.position,
            linkedin_url=person.linkedin_url,
            headline=person.headline,
            interests=list(person.interests),
            offers=list(person.offers),
            needs=list(person.needs),
            source=SOURCE,
            connected_on=day,
        )
        session.flush()
        add_stage_change(session, contact=contact, stage="connected", on=day, note=event.name)
    else:
        _merge(contact, person)
        if contact.stage in EARLIER_STAGES:
            add_stage_change(session, contact=contact, stage="connected", on=day, note=event.name)
    fingerprint = hashlib.sha256(f"event:{event.id}:{person.id}".encode()).hexdigest()
    seen = session.scalar(
        select(Interaction.id).where(
            Interaction.owner_id == owner_id, Interaction.fingerprint == fingerprint
        )
    )
    if seen is None:
        interaction_store.create_interaction(
            session,
            owner_id=owner_id,
            contacts=[contact],
            occurred_at=datetime.combine(day, time(12, 0), tzinfo=UTC),
            channel="event",
            direction="mutual",
            kinds=[],
            summary=f"Met at {event.name}; both asked to follow up.",
            source=SOURCE,
            fingerprint=fingerprint,
        )
    session.flush()


def _merge(contact: Contact, person: EventAttendee) -> None:
    if person.email.lower() not in (e.lower() for e in contact.emails):
        contact.emails = [*contact.emails, person.email]
    if person.phone and person.phone not in contact.phones:
        contact.phones = [*contact.phones, person.phone]
    for name in ("company", "position", "linkedin_url", "headline"):
        if not getattr(contact, name) and getattr(person, name):
            setattr(contact, name, getattr(person, name))
