"""A contact as the adapters show it: one JSON-ready dictionary, whichever way it was read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol


class ContactFields(Protocol):
    """What a contact dictionary is made of: a stored contact, or a row read without the ORM."""

    @property
    def id(self) -> int: ...
    @property
    def full_name(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def emails(self) -> Sequence[str]: ...
    @property
    def phones(self) -> Sequence[str]: ...
    @property
    def company(self) -> str: ...
    @property
    def position(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def linkedin_url(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def notes(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def connected_on(self) -> date | None: ...
    @property
    def headline(self) -> str: ...
    @property
    def interests(self) -> Sequence[str]: ...
    @property
    def offers(self) -> Sequence[str]: ...
    @property
    def needs(self) -> Sequence[str]: ...
    @property
    def goals(self) -> Sequence[str]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


def contact_dict(contact: ContactFields) -> dict[str, Any]:
    """A contact as a JSON-ready dictionary."""
    return {
        "id": contact.id,
        "name": contact.full_name,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "company": contact.company,
        "position": contact.position,
        "location": contact.location,
        "linkedin_url": contact.linkedin_url,
        "tags": list(contact.tags),
        "notes": contact.notes,
        "source": contact.source,
        "connected_on": contact.connected_on.isoformat() if contact.connected_on else None,
        "headline": contact.headline,
        "interests": list(contact.interests),
        "offers": list(contact.offers),
        "needs": list(contact.needs),
        "goals": list(contact.goals),
        "created_at": iso_utc(contact.created_at),
        "updated_at": iso_utc(contact.updated_at),
    }


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC; SQLite hands back naive datetimes, which mutuals always stores as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()
